"""The GUI framework: list model, background operations, main window, shortcuts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

pytestmark = pytest.mark.gui


def make_clients(n: int = 30):
    from gendan_desktop.core.clients import create_client

    names = ["张三贸易", "李四服饰", "王五纺织", "Acme Textiles", "Bella Moda"]
    out = []
    for i in range(n):
        out.append(create_client(name=f"{names[i % len(names)]} {i:03d}", country="中国" if i % 2 else "Italy",
                                 grade="key" if i % 3 == 0 else "ordinary",
                                 source="alibaba" if i % 4 == 0 else "trade_show"))
    return out


def click_when_modal(qtbot, button=QMessageBox.Yes):
    """Answer the next modal message box the way a user would."""
    def answer():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, answer)
            return
        box.button(button).click()

    QTimer.singleShot(0, answer)


# ------------------------------------------------------------------ model --
def test_client_model_passes_qt_model_tester(qtbot, qtmodeltester, sqlite_db, zh_app, wait_ops):
    from gendan_desktop.gui.clients.clients_tab import ClientListModel

    make_clients(250)  # more than two chunks, and than the first page
    model = ClientListModel()
    with qtbot.waitSignal(model.sig_loaded):  # the first page now, the rest from a worker
        model.refresh()
        qtmodeltester.check(model)
    assert model.rowCount() == 250
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.sig_loaded):
        model.sort(1, Qt.DescendingOrder)
    qtmodeltester.check(model)
    wait_ops()


def test_sort_and_filters_run_in_sql(qtbot, window, wait_ops):
    """Header clicks, filter combos and the quick filter, as typed and clicked."""
    from flows import User
    from input_helpers import click_header, key

    from gendan_desktop.gui.clients.clients_tab import Col

    make_clients(30)
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    model, table = tab.model, tab.pane.table
    click_header(qtbot, table, Col.CODE)  # sorted by code already: the click turns it round
    codes = [model.index(r, Col.CODE).data() for r in range(model.rowCount())]
    assert codes == sorted(codes, reverse=True)
    u.choose(tab.pane.filter_combos["grade"], "key")
    assert model.rowCount() == 10
    assert {model.index(r, Col.GRADE).data() for r in range(model.rowCount())} == {"大客户"}
    u.choose(tab.pane.filter_combos["grade"], None)
    u.fill(tab.pane.filter_edit, "zs")  # pinyin initials of 张三
    key(qtbot, Qt.Key_Return)
    names = {model.index(r, Col.NAME).data() for r in range(model.rowCount())}
    assert names and all(n.startswith("张三贸易") for n in names)
    u.fill(tab.pane.filter_edit, "Bella")
    qtbot.waitUntil(lambda: model.rowCount() == 6)  # applied after a short pause in typing
    u.fill(tab.pane.filter_edit, "Italy")  # the country, which the search index does not hold
    key(qtbot, Qt.Key_Return)
    assert model.rowCount() == 15


def test_next_followup_filter_and_status_column(qtbot, window, wait_ops):
    from flows import User

    from gendan_desktop.core.followups import log_followup
    from gendan_desktop.gui.clients.clients_tab import Col

    clients = make_clients(5)
    today = dt.date.today()
    log_followup(clients[1].id, today - dt.timedelta(days=10), "email", "报价", next_date=today - dt.timedelta(days=3))
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    combo = tab.pane.filter_combos["next_followup"]
    u.choose(combo, combo.itemData(1))  # 已过期
    model = tab.model
    assert model.ids() == [clients[1].id]
    assert model.index(0, Col.NEXT_FOLLOWUP).data() == (today - dt.timedelta(days=3)).isoformat()
    assert model.index(0, Col.STATUS).data() == "潜在客户"
    assert model.index(0, Col.NEXT_FOLLOWUP).data(Qt.ForegroundRole) is not None  # overdue shows red


def test_list_pane_remembers_column_widths(qtbot, window, wait_ops, sqlite_db):
    """A column widened by dragging its header edge is as wide in the next window."""
    from PySide6.QtCore import QPoint

    from gendan_desktop.gui.main_window import MainWindow

    make_clients(3)
    tab = window.show_tab("clients")
    header = tab.pane.table.horizontalHeader()
    edge = header.sectionViewportPosition(1) + header.sectionSize(1) - 1
    y = header.height() // 2
    start = header.sectionSize(1)
    qtbot.mousePress(header.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(edge, y))
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    for x in range(edge, edge + 81, 10):  # the drag, a few steps to the right
        move = QMouseEvent(QMouseEvent.Type.MouseMove, QPoint(x, y), header.viewport().mapToGlobal(QPoint(x, y)),
                           Qt.NoButton, Qt.LeftButton, Qt.NoModifier)
        QApplication.sendEvent(header.viewport(), move)
    qtbot.mouseRelease(header.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(edge + 80, y))
    assert header.sectionSize(1) == start + 80
    window.close()  # the layout is saved when the list is hidden
    again = MainWindow(sqlite_db.gendan_url)
    qtbot.addWidget(again)
    assert again.show_tab("clients").pane.table.columnWidth(1) == start + 80


def test_list_reloads_after_any_change_even_from_another_connection(qtbot, window, sqlite_db):
    """The id list is reused only while the database is unchanged: a change made
    here, or committed by another program, shows on the next F5."""
    import sqlite3

    from input_helpers import activate, go, key

    from gendan_desktop.core.clients import create_client

    make_clients(3)
    window.prebuild_tabs_later(0)  # as at start-up: the list's query runs ahead, before it is shown
    qtbot.waitUntil(lambda: len(window.tabs_by_key) == len(window.specs))
    tab = go(qtbot, window, "客户档案")
    assert tab.model.rowCount() == 3
    create_client(name="青岛海丰")
    key(qtbot, Qt.Key_F5, widget=window)
    assert tab.model.rowCount() == 4
    other = sqlite3.connect(sqlite_db.database)
    with other:
        other.execute("UPDATE client SET archived = 1 WHERE name = '青岛海丰'")
    other.close()
    activate(qtbot, window)
    key(qtbot, Qt.Key_F5, widget=window)
    assert tab.model.rowCount() == 3


def _sort_arrow(header) -> str:
    """'up' or 'down': which way the arrow drawn in the sorted section points
    (the widths of its dark pixel rows grow downwards for ▲, shrink for ▼)."""
    from PySide6.QtGui import QColor

    section = header.sortIndicatorSection()
    left = header.sectionViewportPosition(section) + header.sectionSize(section) * 3 // 4
    right = header.sectionViewportPosition(section) + header.sectionSize(section) - 1
    image = header.grab().toImage()
    widths = [n for n in (sum(1 for x in range(left, right) if QColor(image.pixel(x, y)).lightness() < 120)
                          for y in range(image.height())) if n]
    assert len(widths) >= 2, "no sort arrow drawn"
    return "up" if widths[-1] > widths[0] else "down"


def test_sort_arrow_points_down_on_a_descending_list(qtbot, window):
    from input_helpers import click_header, go

    from gendan_desktop.gui.clients.clients_tab import Col

    make_clients(5)
    tab = go(qtbot, window, "客户档案")
    pane = tab.pane
    pane.table.setColumnWidth(Col.CODE, 240)  # room for the arrow beside the title
    header = pane.table.horizontalHeader()
    click_header(qtbot, pane.table, Col.CODE)  # ascending → descending
    codes = [pane.model.index(r, Col.CODE).data() for r in range(pane.model.rowCount())]
    assert len(codes) == 5 and codes == sorted(codes, reverse=True)
    assert _sort_arrow(header) == "down"
    click_header(qtbot, pane.table, Col.CODE)
    assert pane.model.index(0, Col.CODE).data() == min(codes)
    assert _sort_arrow(header) == "up"


# ------------------------------------------------------------- operations --
def test_query_op_runs_off_thread_and_reports_on_gui_thread(qtbot, zh_app):
    import threading

    from gendan_desktop.gui.kit.operations import QueryOp

    seen = {}

    def work():
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return 42

    def done(value):
        seen["value"] = value
        seen["gui"] = threading.current_thread() is threading.main_thread()

    op = QueryOp(None, work, success=done).run_in_background()
    qtbot.waitUntil(lambda: op.finished)
    assert seen == {"worker": False, "value": 42, "gui": True}


def test_op_of_a_closed_widget_leaves_it_alone(qtbot, zh_app):
    """A tab closed while its load runs: neither success nor the clean-up touch it."""
    import threading

    import shiboken6
    from PySide6.QtWidgets import QWidget

    from gendan_desktop.gui.kit.operations import QueryOp

    release = threading.Event()
    called = []
    widget = QWidget()
    op = QueryOp(widget, lambda: release.wait(5), success=lambda _: called.append("success"))
    op.finally_(lambda: called.append("finally")).run_in_background()
    shiboken6.delete(widget)
    release.set()
    qtbot.waitUntil(lambda: op.finished)
    assert called == []


def test_collection_op_cancel_and_change_announcement(qtbot, zh_app):
    import threading

    from gendan_desktop.gui.kit.operations import Cancelled, CollectionOp, changes

    started = threading.Event()
    release = threading.Event()

    def long_job(progress):
        started.set()
        release.wait(5)
        for i in range(100):
            progress.update(i, 100)
        return "finished"

    errors = []
    op = CollectionOp(None, long_job, kinds={"order"}).failure(errors.append).run_in_background()
    started.wait(5)
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: op.finished)
    assert isinstance(errors[0], Cancelled)

    with qtbot.waitSignal(changes().changed) as blocker:
        CollectionOp(None, lambda: 1, kinds={"client"}).run_in_background()
    assert blocker.args == [frozenset({"client"})]


# ------------------------------------------------------------ main window --
def test_window_has_the_five_tabs_and_database_in_status_bar(window, sqlite_db):
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == ["工作台", "客户档案", "订单", "生产跟踪", "售后"]
    assert "test.sqlite3" in window.db_label.text()
    keys = {a.shortcut().toString() for a in window.actions()}
    assert {"Ctrl+N", "Ctrl+S", "Ctrl+F", "F5", "Del"} <= keys
    assert "Ctrl+K" in [s.toString() for s in window.action("search").shortcuts()]


def test_f5_reloads_the_current_list(qtbot, window):
    from input_helpers import go

    from gendan_desktop.core.clients import create_client

    tab = go(qtbot, window, "客户档案")
    assert tab.model.rowCount() == 0
    create_client(name="宁波海澜制衣有限公司")  # written elsewhere: the list does not know yet
    assert tab.model.rowCount() == 0
    qtbot.keyClick(window, Qt.Key_F5)
    assert tab.model.rowCount() == 1


def test_hidden_tab_refreshes_when_shown(qtbot, window, wait_ops):
    from input_helpers import go

    from gendan_desktop.core.clients import create_client
    from gendan_desktop.gui.kit.operations import CollectionOp

    clients = go(qtbot, window, "客户档案")
    go(qtbot, window, "工作台")
    wait_ops()
    CollectionOp(window, lambda: create_client(name="杭州丝绸"), kinds={"client"}).run_in_background()
    wait_ops()
    assert clients.stale and clients.model.rowCount() == 0
    go(qtbot, window, "客户档案")
    assert clients.model.rowCount() == 1 and not clients.stale


def test_global_search_opens_the_client(qtbot, window):
    from input_helpers import activate, key

    from gendan_desktop.core.clients import create_client

    c = create_client(name="张三纺织品有限公司")
    create_client(name="李四贸易")
    activate(qtbot, window)
    key(qtbot, Qt.Key_K, Qt.ControlModifier, window)
    qtbot.keyClicks(window.search_box, "zs")
    qtbot.waitUntil(lambda: bool(window.search_box.results))  # shown as typed, after a short pause
    assert [r[:2] for r in window.search_box.results] == [("client", c.id)]
    qtbot.keyClick(window.search_box, Qt.Key_Return)  # Enter with nothing highlighted opens the first
    assert window.current_key() == "clients"
    tab = window.tab("clients")
    assert tab.pane.current_id() == c.id
    qtbot.waitUntil(lambda: not tab.detail.is_loading())
    assert "张三纺织品有限公司" in tab.detail.title.text()


def test_delete_asks_first_then_archives(qtbot, window, wait_ops):
    from input_helpers import activate, click_cell, go, key

    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import Client

    c = create_client(name="温州宏图鞋业")
    tab = go(qtbot, window, "客户档案")
    click_cell(qtbot, tab.pane.table, 0)
    click_when_modal(qtbot, QMessageBox.No)
    key(qtbot, Qt.Key_Delete, widget=window)
    assert not Client.get_by_id(c.id).archived
    activate(qtbot, window)  # the window manager gives the focus back after the box
    click_when_modal(qtbot, QMessageBox.Yes)
    key(qtbot, Qt.Key_Delete, widget=window)
    wait_ops()
    assert Client.get_by_id(c.id).archived
    assert tab.model.rowCount() == 0  # archived clients leave the daily list


def test_geometry_is_restored(qtbot, window, sqlite_db):
    from gendan_desktop.gui.main_window import MainWindow

    window.resize(700, 500)  # within the offscreen screen (800×600)
    window.close()
    again = MainWindow(sqlite_db.gendan_url)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def test_open_unknown_kind_says_so(window):
    window.open_record("nonsense", 1)
    assert "nonsense" in window.statusBar().currentMessage()


def test_prebuilt_tabs_load_their_data_when_first_shown(qtbot, window):
    from input_helpers import go

    from gendan_desktop.core.clients import create_client

    create_client(name="青岛海丰")
    window.prebuild_tabs_later(0)
    qtbot.waitUntil(lambda: len(window.tabs_by_key) == len(window.specs))
    clients = window.tab("clients")
    assert clients.stale and clients.model.rowCount() == 0  # built, not yet queried
    go(qtbot, window, "客户档案")
    assert clients.model.rowCount() == 1


def test_ctrl_k_and_ctrl_f_go_to_the_global_search(qtbot, window):
    window.activateWindow()
    window.tab_widget.setFocus()
    for key in (Qt.Key_K, Qt.Key_F):
        window.tab_widget.setFocus()
        qtbot.keyClick(window.tab_widget, key, Qt.ControlModifier)
        assert window.search_box.hasFocus()


def test_tabs_and_the_client_detail_answer_qwidget_window(window):
    """Each tab keeps its MainWindow as ``main_window``: an attribute called
    ``window`` hid QWidget.window(), so ``tab.window()`` raised TypeError."""
    for key in ("workbench", "clients", "orders", "production", "aftersales"):
        tab = window.tab(key)
        assert tab.main_window is window
        assert tab.window() is window
    assert window.tab("clients").detail.window() is window
