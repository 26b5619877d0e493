"""首次设置 through input: a new database opens the assistant; typed, clicked and
finished, it sets the letterhead, currencies and routes, then starts as chosen."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QTabWidget, QWidget, QWizard

pytestmark = pytest.mark.gui


def make_logo(path):
    from PIL import Image

    Image.new("RGB", (300, 120), (20, 60, 200)).save(path)
    return path


def click(qtbot, widget):
    """Where a user clicks: a check or radio box on its box, anything else in its middle."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton, QPushButton

    if isinstance(widget, QAbstractButton) and not isinstance(widget, QPushButton):
        qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.LeftButton)


def type_text(qtbot, edit, text: str) -> None:
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # what an input method commits
        edit.insert(text)


def set_cell(qtbot, table, row: int, col: int, text: str) -> None:
    """Click the cell, type over it, press Enter: as a user edits a table."""
    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)


@pytest.fixture
def wizard(qtbot, window, wait_ops):
    from gendan_desktop.gui.workbench.first_start import maybe_first_start

    wait_ops()
    wiz = maybe_first_start(window)
    assert wiz is not None and wiz.isVisible()
    yield wiz
    if wiz.isVisible():
        wiz.reject()


def next_page(qtbot, wiz):
    click(qtbot, wiz.button(QWizard.NextButton))


def _company_and_rates(qtbot, wizard, tmp_path, monkeypatch) -> None:
    """The assistant's first two pages typed in, each first refused as a user would get it wrong."""
    c = wizard.company
    # Next with nothing typed: the name is asked for next to its field, the page stays
    next_page(qtbot, wizard)
    assert wizard.currentPage() is c and "公司名称" in c.errors.error_text("company_name")
    type_text(qtbot, c.w("company_name"), "绍兴锦程针织有限公司")
    type_text(qtbot, c.w("company_name_en"), "Shaoxing Jincheng Knitwear Co., Ltd.")
    type_text(qtbot, c.w("company_phone"), "0575-8888 0000")
    type_text(qtbot, c.w("merchandiser_name"), "陈静")
    logo = make_logo(tmp_path / "logo.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    click(qtbot, c.w("browse_logo"))
    assert c.w("logo_preview").pixmap() is not None and not c.w("logo_preview").pixmap().isNull()
    next_page(qtbot, wizard)

    m = wizard.money
    assert wizard.currentPage() is m
    table = m.w("currencies")
    usd = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "USD")
    set_cell(qtbot, table, usd, 1, "abc")
    next_page(qtbot, wizard)  # a rate that is not a number stops here
    assert wizard.currentPage() is m and "USD" in m.errors.error_text("currencies")
    set_cell(qtbot, table, usd, 1, "7.05")
    next_page(qtbot, wizard)


def test_a_new_database_is_set_up_through_the_assistant(qtbot, window, wizard, wait_ops, tmp_path, monkeypatch):
    from gendan_desktop.core.common import get_setting
    from gendan_desktop.core.company import get_profile, logo_png
    from gendan_desktop.core.exchange_rates import get_rates
    from gendan_desktop.core.first_start import needs_first_start
    from gendan_desktop.core.routes import list_routes

    _company_and_rates(qtbot, wizard, tmp_path, monkeypatch)
    r = wizard.routes
    assert r.w("route_garment").isChecked()  # a new database starts from the garment route
    click(qtbot, r.w("route_garment"))
    click(qtbot, r.w("route_knitwear"))
    assert "套口" in r.w("route_preview").text()
    next_page(qtbot, wizard)

    s = wizard.start
    assert s.w("database").text().endswith("test.sqlite3")
    assert "backups" in s.w("backups").text() and "30" in s.w("backups").text()
    assert "单独文件" in s.w("demo_note").text()  # what the demo choice does: a file of its own
    click(qtbot, s.w("start_demo"))
    with qtbot.waitSignal(wizard.sig_started, timeout=10_000) as started:
        click(qtbot, wizard.button(QWizard.FinishButton))
    assert started.args == ["demo"]
    wait_ops(60_000)  # the demo data is written in a worker

    profile = get_profile()
    assert (profile.name, profile.name_en, profile.phone, profile.merchandiser) == (
        "绍兴锦程针织有限公司", "Shaoxing Jincheng Knitwear Co., Ltd.", "0575-8888 0000", "陈静")
    assert logo_png().startswith(b"\x89PNG")
    assert str(get_rates()["USD"]) == "7.05"
    assert [x.category for x in list_routes()] == ["knitwear"]
    assert get_setting("first_start_done") == "demo" and not needs_first_start()
    from gendan_desktop.core.models import Client, Order

    assert Client.select().count() > 0 and Order.select().count() > 0
    bench = window.show_tab("workbench")
    if bench.loading:
        with qtbot.waitSignal(bench.loaded, timeout=30_000):
            pass
    assert not bench.welcome.isVisible()
    assert get_profile().name == "绍兴锦程针织有限公司"  # demo data left the profile as typed
    # the demo is a file of its own beside the user's, which holds their set-up and no demo data
    from pathlib import Path

    from gendan_desktop.core.first_start import is_demo_database

    assert window.db_url.endswith("test-演示数据-demo.sqlite3") and is_demo_database()
    assert "test-演示数据-demo.sqlite3" in window.statusBar().currentMessage()
    real = sqlite3.connect(Path(window.db_url).with_name("test.sqlite3").as_uri() + "?mode=ro", uri=True)
    try:
        assert real.execute("SELECT COUNT(*) FROM client").fetchone() == (0,)
        assert real.execute('SELECT COUNT(*) FROM "order"').fetchone() == (0,)
        name = real.execute("SELECT value FROM setting WHERE key = 'company_name'").fetchone()
        assert name == ("绍兴锦程针织有限公司",)
        assert real.execute("SELECT value FROM setting WHERE key = 'first_start_done'").fetchone() == ("demo",)
    finally:
        real.close()


def test_closing_the_assistant_does_not_ask_again(qtbot, wizard):
    from gendan_desktop.core.first_start import needs_first_start

    click(qtbot, wizard.button(QWizard.CancelButton))
    assert not wizard.isVisible() and not needs_first_start()


def test_the_empty_workbench_shows_the_way_in(qtbot, window, wait_ops, tmp_path, monkeypatch):
    bench = window.show_tab("workbench")
    with qtbot.waitSignal(bench.loaded, timeout=10_000):
        bench.refresh()
    assert bench.welcome.isVisible()
    click(qtbot, bench.welcome.setup_button)
    wiz = bench.welcome.wizard
    assert wiz.isVisible() and wiz.currentPage() is wiz.company
    wiz.reject()
    # the third way in: the client import asks for the file
    from gendan_desktop.excel.templates import save_template
    from gendan_desktop.gui.import_dialog import ImportDialog

    path = save_template("clients", tmp_path / "clients.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, bench.welcome.import_button)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ImportDialog)), timeout=10_000)
    for d in window.findChildren(ImportDialog):
        d.close()


def test_settings_keep_the_english_name_the_logo_and_reminders(qtbot, window, tmp_path, monkeypatch, wait_ops):
    from PySide6.QtWidgets import QCheckBox

    from gendan_desktop.core.company import get_profile, logo_png
    from gendan_desktop.core.reminders import reminders_enabled
    from gendan_desktop.gui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(window)
    qtbot.addWidget(dlg)
    dlg.show()
    type_text(qtbot, dlg.widget("company_name"), "义乌华美服饰有限公司")
    type_text(qtbot, dlg.widget("company_name_en"), "Yiwu Huamei Garments")
    logo = make_logo(tmp_path / "l.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    from PySide6.QtWidgets import QPushButton

    click(qtbot, dlg.form.findChild(QPushButton, "browse_logo"))
    pages = dlg.form.findChild(QTabWidget, "pages")
    general = pages.indexOf(dlg.form.findChild(QWidget, "generalPage"))
    qtbot.mouseClick(pages.tabBar(), Qt.LeftButton, pos=pages.tabBar().tabRect(general).center())
    reminders = dlg.form.findChild(QCheckBox, "tray_reminders")
    assert reminders.isVisible() and reminders.isChecked()
    click(qtbot, reminders)
    click(qtbot, dlg.form.findChild(QDialogButtonBox, "buttons").button(QDialogButtonBox.Ok))
    wait_ops()  # Settings save off the GUI thread
    assert get_profile().name_en == "Yiwu Huamei Garments" and get_profile().name == "义乌华美服饰有限公司"
    assert logo_png().startswith(b"\x89PNG") and not reminders_enabled()


def test_the_assistant_from_settings_on_demo_data_keeps_the_data(qtbot, window, wait_ops):
    from gendan_desktop.core.company import get_profile
    from gendan_desktop.core.models import Order
    from gendan_desktop.core.routes import list_routes
    from gendan_desktop.demo import fill_demo
    from gendan_desktop.gui.settings_dialog import SettingsDialog

    fill_demo(clients=20, orders=60, seed=4)
    orders = Order.select().count()
    dlg = SettingsDialog(window)
    qtbot.addWidget(dlg)
    dlg.show()
    from PySide6.QtWidgets import QPushButton

    click(qtbot, dlg.form.findChild(QPushButton, "open_first_start"))
    wiz = dlg.wizard
    assert wiz.company.w("company_name").text().startswith("宁波锦华")  # what the data has
    next_page(qtbot, wiz)
    next_page(qtbot, wiz)
    assert wiz.routes.w("route_garment").isChecked()
    next_page(qtbot, wiz)
    assert not wiz.start.w("start_demo").isEnabled()  # the database has data: settings only
    with qtbot.waitSignal(wiz.sig_started, timeout=10_000) as started:
        click(qtbot, wiz.button(QWizard.FinishButton))
    assert started.args == ["empty"]
    wait_ops()
    assert Order.select().count() == orders and get_profile().name.startswith("宁波锦华")
    assert {r.category for r in list_routes()} >= {"garment"}
    assert dlg.widget("company_name").text().startswith("宁波锦华")
