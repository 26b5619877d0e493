"""The window through the mouse (issue 9, items 1, 2, 4, 5 and 13): clicks on
column headers sort, the language switch leaves Ctrl+K working, controls stay
where the pointer expects them, the window fits a 1366×768 screen, and
without a display the app says so in a sentence."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from input_helpers import (
    activate,
    click_at,
    click_cell,
    click_header,
    click_tab,
    focus,
    key,
    settle,
    switch_language,
    type_text,
    visible_on_screen,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def go(qtbot, window, title: str):
    """Click the main tab called ``title``; returns the tab widget."""
    click_tab(qtbot, window.tab_widget, title)
    return window.current_tab()


def column(view, col: int) -> list[str]:
    model = view.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


@pytest.fixture
def clients(sqlite_db):
    from gendan_desktop.core.clients import create_client

    return [create_client(name=name, code=code) for name, code in
            (("宁波海曙服饰", "C003"), ("Acme Textiles", "C001"), ("张三贸易", "C005"), ("北京华联", "C002"))]


# ----------------------------------------------------------- 1. sorting --
def test_clicking_column_headers_sorts_the_lists(qtbot, window, clients):
    from gendan_desktop.gui.clients.clients_tab import Col

    tab = go(qtbot, window, "客户档案")
    table = tab.pane.table
    assert column(table, Col.CODE) == ["C001", "C002", "C003", "C005"]  # by code, as it opens
    click_header(qtbot, table, Col.CODE)
    assert column(table, Col.CODE) == ["C005", "C003", "C002", "C001"]
    assert table.horizontalHeader().sortIndicatorOrder() == Qt.DescendingOrder
    click_header(qtbot, table, Col.NAME)  # names in pinyin order: Acme, 北京, 宁波, 张三
    assert column(table, Col.NAME) == ["Acme Textiles", "北京华联", "宁波海曙服饰", "张三贸易"]
    assert table.horizontalHeader().sortIndicatorSection() == Col.NAME


def test_clicking_a_header_sorts_a_detail_table(qtbot, window, clients):
    """The small tables of a detail page sort too, by value (dates as dates)."""
    from gendan_desktop.core.followups import log_followup

    today = dt.date.today()
    for days, text in ((9, "寄样"), (2, "报价"), (30, "初次联系")):
        log_followup(clients[0].id, today - dt.timedelta(days=days), "email", text)
    tab = go(qtbot, window, "客户档案")
    click_cell(qtbot, tab.pane.table, 2)  # 宁波海曙服饰 (by code: C001, C002, C003 …)
    qtbot.waitUntil(lambda: not tab.detail.is_loading())
    table = tab.detail.followups
    assert [table.item(r, 3).text() for r in range(3)] == ["报价", "寄样", "初次联系"]  # newest first
    click_header(qtbot, table, 0)  # 日期: oldest first
    assert [table.item(r, 3).text() for r in range(3)] == ["初次联系", "寄样", "报价"]
    click_header(qtbot, table, 0)
    assert [table.item(r, 3).text() for r in range(3)] == ["报价", "寄样", "初次联系"]


# ------------------------------------------------- 2. language and Ctrl+K --
def test_after_switching_language_ctrl_k_still_searches(qtbot, window, clients):
    activate(qtbot, window)
    switch_language(qtbot, window, "English")
    assert [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())][:2] == ["Workbench", "Clients"]
    key(qtbot, Qt.Key_K, Qt.ControlModifier, window)  # the box was deleted with the old toolbar: RuntimeError
    assert focus() is window.search_box
    type_text(qtbot, "zs")
    qtbot.waitUntil(lambda: bool(window.search_box.results))
    key(qtbot, Qt.Key_Return)
    assert window.current_key() == "clients"
    assert window.current_tab().pane.current_id() == clients[2].id  # 张三贸易, by its pinyin initials
    switch_language(qtbot, window, "简体中文")
    key(qtbot, Qt.Key_K, Qt.ControlModifier, window)
    assert focus() is window.search_box and window.search_box.placeholderText().startswith("搜索")


# ------------------------------------------- 4. nothing moves under the pointer --
@pytest.fixture
def two_confirmed_orders(sqlite_db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review

    today = dt.date.today()
    out = []
    for name, days in (("宁波", 60), ("义乌市稠城街道华美进出口贸易有限公司(香港分公司)", 5)):
        client = create_client(name=name)
        order = create_order(client.id, delivery_date=today + dt.timedelta(days=days),
                             lines=[{"style": "P-1", "colour": "红", "size": "M", "quantity": 900, "unit_price": "2"}])
        order = set_review(order.id, True, True, True, True, True, "", order.version)
        out.append(confirm_order(order.id, expected_version=order.version))
    return out


def test_choosing_an_order_in_production_moves_no_control(qtbot, window, two_confirmed_orders):
    tab = go(qtbot, window, "生产跟踪")
    bar = tab.detail.tabBar()
    materials = next(i for i in range(tab.detail.count()) if tab.detail.tabText(i) == "物料与采购")

    def places():
        settle()
        return (tab.start_button.mapTo(window, QPoint(0, 0)), tab.cards_button.mapTo(window, QPoint(0, 0)),
                bar.mapTo(window, bar.tabRect(materials).center()))

    before = places()
    for row in (0, 1, 0):
        click_cell(qtbot, tab.pane.table, row)
        assert tab.order_id is not None
        assert places() == before  # the header keeps its height whatever it says
    # a click where 物料与采购 was shown opens it (and does not start production)
    click_at(qtbot, window, before[2])
    assert tab.detail.currentWidget() is tab.materials
    assert all(o.status == "confirmed" for o in two_confirmed_orders)
    header = tab.header
    assert "义乌市稠城街道" in header.text() or "宁波" in header.text()


# ----------------------------------------------- 5. a 1366×768 screen --
def test_the_window_fits_a_1366x768_screen(qtbot, zh_app, sqlite_db):
    from gendan_desktop.gui.main_window import MainWindow

    screen = QApplication.primaryScreen().availableGeometry()
    assert (screen.width(), screen.height()) == (1366, 768)  # tests/gui/screen_1366x768.json
    window = MainWindow(sqlite_db.gendan_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert screen.contains(window.frameGeometry()), window.frameGeometry()
    assert visible_on_screen(window.statusBar())
    tab = go(qtbot, window, "订单")
    activate(qtbot, window)
    key(qtbot, Qt.Key_N, Qt.ControlModifier, window)
    for b in (tab.editor.save_button, tab.editor.print_sheet_button, tab.editor.print_cards_button):
        assert visible_on_screen(b), b.text()
    assert screen.contains(window.frameGeometry())


def test_a_geometry_saved_on_a_bigger_screen_is_fitted(qtbot, zh_app, sqlite_db):
    from PySide6.QtCore import QRect

    from gendan_desktop.gui.main_window import MainWindow

    first = MainWindow(sqlite_db.gendan_url)
    qtbot.addWidget(first)
    first.setGeometry(QRect(100, 80, 1800, 1100))  # saved on a 1920×1200 monitor
    first.save_geometry()
    window = MainWindow(sqlite_db.gendan_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert QApplication.primaryScreen().availableGeometry().contains(window.frameGeometry())


# ------------------------------------------------- 13. no display --
def test_without_a_display_one_sentence_says_what_is_missing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    run = subprocess.run([sys.executable, "-m", "gendan_desktop", "--db", str(tmp_path / "g.sqlite3")],
                         capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 1, run.stderr
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "DISPLAY" in lines[0] and "xcb" not in lines[0], run.stderr
    run = subprocess.run([sys.executable, "-m", "gendan_desktop", "--lang", "en", "--db",
                          str(tmp_path / "g.sqlite3")], capture_output=True, text=True,
                         env={**env, "DISPLAY": ":7391"}, timeout=60)
    assert run.returncode == 1
    assert run.stderr.strip().startswith("Cannot open the window: the graphical display :7391 does not answer")
