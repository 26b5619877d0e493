"""Settings dialog through input (round trip, refusal), the language switch,
Designer forms, translations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from flows import User
from input_helpers import click, edit_cell, go, settings_dialog, switch_language
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QPushButton, QWidget

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_settings_round_trip(qtbot, window, wait_ops):
    from gendan_desktop.core.common import get_setting
    from gendan_desktop.core.routes import get_route

    u = User(qtbot, window, wait_ops)

    def fill(dlg):
        f = dlg.form
        for name, text in (("company_name", "义乌华美服饰有限公司"), ("company_address", "浙江省义乌市稠城街道 88 号"),
                           ("company_phone", "0579-8555 1234"), ("merchandiser_name", "小王"),
                           ("backup_folder", "/tmp/gendan-backups")):
            u.fill(f.findChild(QLineEdit, name), text)
        u.choose(f.findChild(QComboBox, "flow_card_layout"), "a4x2")
        u.choose(f.findChild(QComboBox, "print_client_as"), "code")
        routes = dlg.route_list  # a route edited in place: rename the first step of 服装
        from input_helpers import click_tab

        click_tab(qtbot, f.findChild(QWidget, "pages"), 1)
        click(qtbot, routes.viewport(), routes.visualItemRect(routes.item(0)).center())
        assert routes.currentItem().text() == "服装"
        edit_cell(qtbot, dlg.steps, 0, 0, "验货")
        click_tab(qtbot, f.findChild(QWidget, "pages"), 2)  # a currency with its rate
        click(qtbot, f.findChild(QPushButton, "add_currency"))
        r = dlg.currencies.rowCount() - 1
        edit_cell(qtbot, dlg.currencies, r, 0, "aud")
        edit_cell(qtbot, dlg.currencies, r, 1, "4.7")
        click(qtbot, f.findChild(QDialogButtonBox, "buttons").button(QDialogButtonBox.Ok))

    settings_dialog(qtbot, window, fill)
    assert get_setting("company_name") == "义乌华美服饰有限公司"
    assert get_setting("company_phone") == "0579-8555 1234"
    assert get_setting("merchandiser_name") == "小王"
    assert get_setting("flow_card_layout") == "a4x2"
    assert get_setting("print_client_as") == "code"
    assert get_setting("backup_folder") == "/tmp/gendan-backups"
    assert get_setting("currencies").endswith(",AUD")
    assert get_setting("exchange_rate_AUD") == "4.7"
    assert get_route("garment").steps[0].name == "验货"

    seen = {}

    def look(dlg):  # shows what was saved
        seen["address"] = dlg.widget("company_address").text()
        seen["layout"] = dlg.form.findChild(QComboBox, "flow_card_layout").currentData()
        seen["last"] = dlg.currencies.item(dlg.currencies.rowCount() - 1, 0).text()
        click(qtbot, dlg.form.findChild(QDialogButtonBox, "buttons").button(QDialogButtonBox.Cancel))

    settings_dialog(qtbot, window, look)
    assert seen == {"address": "浙江省义乌市稠城街道 88 号", "layout": "a4x2", "last": "AUD"}


def test_invalid_settings_save_nothing(qtbot, window, wait_ops):
    from gendan_desktop.core.common import get_setting

    u = User(qtbot, window, wait_ops)
    seen = {}

    def fill(dlg):
        u.fill(dlg.widget("company_name"), "不该保存")
        from input_helpers import click_tab

        click_tab(qtbot, dlg.form.findChild(QWidget, "pages"), 2)
        edit_cell(qtbot, dlg.currencies, 0, 1, "abc")
        click(qtbot, dlg.form.findChild(QDialogButtonBox, "buttons").button(QDialogButtonBox.Ok))
        seen["open"] = dlg.isVisible()
        seen["error"] = dlg.errors.error_text("currencies")
        dlg.reject()

    settings_dialog(qtbot, window, fill)
    assert seen["open"] and "汇率" in seen["error"]
    assert get_setting("company_name") == ""


def test_switching_to_english_translates_the_window_and_qt_dialogs(qtbot, window):
    from gendan_desktop.core.errors import current_language
    from gendan_desktop.gui.kit.uistate import ui_language

    tab = go(qtbot, window, "客户档案")
    assert tab.model.headerData(1, Qt.Horizontal) == "客户名称"
    switch_language(qtbot, window, "English")
    assert ui_language() == "en" and current_language() == "en"
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == ["Workbench", "Clients", "Orders", "Production", "After-sales"]
    assert window.action("new").text() == "&New"
    assert window.search_box.placeholderText().startswith("Search clients")
    clients = go(qtbot, window, "Clients")
    assert clients.model.headerData(1, Qt.Horizontal) == "Client name"
    assert clients.detail.form.field("name").parentWidget().findChild(QLineEdit, "name") is not None
    assert "Filter" in clients.pane.filter_edit.placeholderText()
    switch_language(qtbot, window, "简体中文")
    assert window.tab_widget.tabText(0) == "工作台"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs speak Chinese


def test_every_form_loads_with_its_named_fields(qtbot, zh_app):
    from gendan_desktop import ui_path
    from gendan_desktop.gui.kit.forms import load_form

    expected = {
        "client_form.ui": ["code", "name", "country", "source", "grade", "first_contact_date", "tags"],
        "followup_form.ui": ["date", "channel", "contact", "content", "next_date", "add_button"],
        "settings_dialog.ui": ["company_name", "company_logo", "merchandiser_name", "route_list", "steps",
                               "currencies", "backup_folder", "language", "flow_card_layout", "print_client_as"],
    }
    for name, fields in expected.items():
        assert ui_path(name).exists()
        w = load_form(name)
        qtbot.addWidget(w)
        for f in fields:
            assert w.findChild(QWidget, f) is not None, f"{name}: {f}"


def test_translations_are_complete_and_compiled():
    """Every GUI string has its English, and gendan_en.ts matches the sources."""
    script = ROOT / "resources" / "translations" / "update_translations.py"
    run = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (ROOT / "resources" / "translations" / "gendan_en.qm").stat().st_size > 1000
