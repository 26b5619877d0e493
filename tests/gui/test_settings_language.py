"""Settings dialog round trip, language switch, Designer forms, translations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QTableWidgetItem, QWidget

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_settings_round_trip(qtbot, window):
    from gendan_desktop.core.common import get_setting
    from gendan_desktop.core.routes import get_route
    from gendan_desktop.gui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(window)
    qtbot.addWidget(dlg)
    dlg.widget("company_name").setText("义乌华美服饰有限公司")
    dlg.widget("company_address").setText("浙江省义乌市稠城街道 88 号")
    dlg.widget("company_phone").setText("0579-8555 1234")
    dlg.widget("merchandiser_name").setText("小王")
    dlg.widget("backup_folder").setText("/tmp/gendan-backups")
    flow = dlg.form.findChild(QComboBox, "flow_card_layout")
    flow.setCurrentIndex(flow.findData("a4x2"))
    who = dlg.form.findChild(QComboBox, "print_client_as")
    who.setCurrentIndex(who.findData("code"))
    # a route edited in place: rename the first step of the first category
    dlg.route_list.setCurrentRow(0)
    category = dlg.route_list.currentItem().text()
    dlg.steps.setItem(0, 0, QTableWidgetItem("验货"))
    # a currency with its rate
    r = dlg.currencies.rowCount()
    dlg.currencies.insertRow(r)
    dlg.currencies.setItem(r, 0, QTableWidgetItem("aud"))
    dlg.currencies.setItem(r, 1, QTableWidgetItem("4.7"))
    dlg.accept()
    assert dlg.result() == QDialog.Accepted

    assert get_setting("company_name") == "义乌华美服饰有限公司"
    assert get_setting("company_phone") == "0579-8555 1234"
    assert get_setting("merchandiser_name") == "小王"
    assert get_setting("flow_card_layout") == "a4x2"
    assert get_setting("print_client_as") == "code"
    assert get_setting("backup_folder") == "/tmp/gendan-backups"
    assert get_setting("currencies").endswith(",AUD")
    assert get_setting("exchange_rate_AUD") == "4.7"
    assert get_route(category).steps[0].name == "验货"

    again = SettingsDialog(window)  # shows what was saved
    qtbot.addWidget(again)
    assert again.widget("company_address").text() == "浙江省义乌市稠城街道 88 号"
    assert again.form.findChild(QComboBox, "flow_card_layout").currentData() == "a4x2"
    assert again.currencies.item(again.currencies.rowCount() - 1, 0).text() == "AUD"


def test_invalid_settings_save_nothing(qtbot, window):
    from gendan_desktop.core.common import get_setting
    from gendan_desktop.gui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(window)
    qtbot.addWidget(dlg)
    dlg.widget("company_name").setText("不该保存")
    dlg.currencies.setItem(0, 1, QTableWidgetItem("abc"))
    dlg.accept()
    assert dlg.result() != QDialog.Accepted
    assert get_setting("company_name") == ""
    assert "汇率" in dlg.errors.error_text("currencies")


def test_switching_to_english_translates_the_window_and_qt_dialogs(qtbot, window):
    from gendan_desktop.core.errors import current_language
    from gendan_desktop.gui.settings_dialog import SettingsDialog
    from gendan_desktop.gui.uistate import ui_language

    tab = window.show_tab("clients")
    assert tab.model.headerData(1, Qt.Horizontal) == "客户名称"
    dlg = SettingsDialog(window)
    qtbot.addWidget(dlg)
    lang = dlg.form.findChild(QComboBox, "language")
    lang.setCurrentIndex(lang.findData("en"))
    dlg.accept()
    assert dlg.language_changed
    window.apply_language(dlg.language())
    assert ui_language() == "en" and current_language() == "en"
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == ["Workbench", "Clients", "Orders", "Production", "After-sales"]
    assert window.action("new").text() == "&New"
    assert window.search_box.placeholderText().startswith("Search clients")
    clients = window.show_tab("clients")
    assert clients.model.headerData(1, Qt.Horizontal) == "Client name"
    assert clients.detail.form.field("name").parentWidget().findChild(QLineEdit, "name") is not None
    assert "Filter" in clients.pane.filter_edit.placeholderText()
    window.apply_language("zh")
    assert window.tab_widget.tabText(0) == "工作台"
    # Qt's own dialogs speak Chinese too (qtbase_zh_CN)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_every_form_loads_with_its_named_fields(qtbot, zh_app):
    from gendan_desktop import ui_path
    from gendan_desktop.gui.forms import load_form

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
