"""Long lists show their first page at once and the rest when the background
read is back (gui/kit/id_paging.py), through input: open the tab, Ctrl+End,
click a header. Pages of 25 rows over 150 orders, so every list here is
longer than a page."""

from __future__ import annotations

import pytest
from input_helpers import activate, click_cell, click_header, go, key
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui
PAGE = 25


@pytest.fixture
def orders_db(sqlite_db):
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=20, orders=150, seed=7)
    return sqlite_db


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 25 rows, and the background read of the whole id list held back
    until the test lets it go (``small_pages.set()``), as on a big database."""
    import threading

    from gendan_desktop.gui.kit import id_paging
    from gendan_desktop.gui.kit.table_model import IdListModel

    monkeypatch.setattr(IdListModel, "PAGE", PAGE)
    release = threading.Event()
    real = id_paging.ids_of_sql

    def held(sql, params):
        release.wait(10)
        return real(sql, params)

    monkeypatch.setattr(id_paging, "ids_of_sql", held)
    yield release
    release.set()


def _expected(*order_by) -> list[int]:
    from gendan_desktop.core.models import Order

    return [o.id for o in Order.select(Order.id).order_by(*order_by)]


def _newest_first() -> list[int]:
    from gendan_desktop.core.models import Order

    return _expected(Order.order_date.desc(), Order.id.desc())


def _open_orders(qtbot, window, qtmodeltester, release):
    """Click the 订单 tab: the first page is there at once, the whole list follows."""
    from gendan_desktop.gui.orders.orders_tab import OrdersTab

    tab = window.tab("orders")
    assert isinstance(tab, OrdersTab)
    model, pane = tab.model, tab.pane
    shown: list[tuple[int, str, bool]] = []
    model.reloaded.connect(lambda: shown.append((model.rowCount(), pane.count_label.text(), model.is_complete())))
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        go(qtbot, window, "订单")
        assert model.rowCount() == PAGE and not model.is_complete()
        qtmodeltester.check(model)  # while the rest is being read
        release.set()
    return tab, shown


def test_open_shows_the_first_page_then_every_order(qtbot, window, orders_db, small_pages, qtmodeltester, wait_ops):
    expected = _newest_first()
    tab, shown = _open_orders(qtbot, window, qtmodeltester, small_pages)
    model, pane = tab.model, tab.pane
    assert shown[0] == (PAGE, f"已显示 {PAGE} 条,正在统计…", False)
    assert model.rowCount() == len(expected) > PAGE
    assert pane.count_label.text() == f"共 {len(expected)} 条"
    assert [model.id_at(r) for r in range(model.rowCount())] == expected
    qtmodeltester.check(model)
    wait_ops()


def test_ctrl_end_before_the_whole_list_shows_the_true_last_row(qtbot, window, orders_db, small_pages,
                                                                 qtmodeltester, wait_ops):
    from gendan_desktop.core.models import Order

    expected = _newest_first()
    tab = window.tab("orders")
    model, table = tab.model, tab.pane.table
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        go(qtbot, window, "订单")
        assert not model.is_complete()
        table.setFocus()
        key(qtbot, Qt.Key_End, Qt.ControlModifier, table)
        assert not model.is_complete()  # the last page, before the rows between
        assert tab.pane.current_id() == expected[-1]
        last = Order.get_by_id(expected[-1]).number
        assert model.index(table.currentIndex().row(), 0).data() == last
        assert table.visualRect(table.currentIndex()).intersects(table.viewport().rect())
        qtmodeltester.check(model)
        small_pages.set()
    # the rows between were inserted: the last row is still current, now at its true place
    assert model.rowCount() == len(expected)
    assert table.currentIndex().row() == len(expected) - 1 and tab.pane.current_id() == expected[-1]
    assert [model.id_at(r) for r in range(model.rowCount())] == expected
    wait_ops()


def test_scrolling_down_reads_the_next_page(qtbot, window, orders_db, small_pages, qtmodeltester, wait_ops):
    expected = _newest_first()
    tab = window.tab("orders")
    model, table = tab.model, tab.pane.table
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        go(qtbot, window, "订单")
        click_cell(qtbot, table, 0)
        for _ in range(PAGE):  # the arrow keys down to the last row shown, and one further
            key(qtbot, Qt.Key_Down, widget=table)
        assert table.currentIndex().row() == PAGE and tab.pane.current_id() == expected[PAGE]
        assert not model.is_complete() and model.rowCount() == 2 * PAGE
        qtmodeltester.check(model)
        small_pages.set()
    assert [model.id_at(r) for r in range(model.rowCount())] == expected
    assert tab.pane.current_id() == expected[PAGE]
    wait_ops()


def test_clicking_a_header_sorts_and_the_latest_click_wins(qtbot, window, orders_db, small_pages,
                                                            qtmodeltester, wait_ops):
    from gendan_desktop.core.models import Order
    from gendan_desktop.gui.orders.orders_tab import Col

    tab, _shown = _open_orders(qtbot, window, qtmodeltester, small_pages)
    model, table, pane = tab.model, tab.pane.table, tab.pane
    by_number = _expected(Order.number, Order.id)
    small_pages.clear()
    click_header(qtbot, table, Col.NUMBER)  # ascending: its read starts …
    assert model.id_at(0) == by_number[0] and not model.is_complete()
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        click_header(qtbot, table, Col.NUMBER)  # … and a second click wants the descending list
        assert [model.id_at(r) for r in range(PAGE)] == by_number[::-1][:PAGE]
        small_pages.set()
    wait_ops()  # the first read is back too, and ignored
    assert [model.id_at(r) for r in range(model.rowCount())] == by_number[::-1]
    assert pane.count_label.text() == f"共 {len(by_number)} 条"
    qtmodeltester.check(model)


def test_the_current_order_stays_current_when_the_list_is_read_again(qtbot, window, orders_db, small_pages,
                                                                     qtmodeltester, wait_ops):
    """Another user changed an order; F5 with a row far below the first page
    current: it is current again once the whole list is back."""
    from gendan_desktop.core.models import Order

    expected = _newest_first()
    tab, _shown = _open_orders(qtbot, window, qtmodeltester, small_pages)
    pane, table = tab.pane, tab.pane.table
    table.setFocus()
    key(qtbot, Qt.Key_End, Qt.ControlModifier, table)
    assert pane.current_id() == expected[-1]
    Order.update(client_po="PO-CHANGED").where(Order.id == expected[0]).execute()
    small_pages.clear()
    with qtbot.waitSignal(tab.model.sig_loaded, timeout=10_000):
        activate(qtbot, window)
        key(qtbot, Qt.Key_F5)
        assert tab.model.rowCount() == PAGE and pane.current_id() is None  # not among the first rows
        small_pages.set()
    wait_ops()
    assert pane.current_id() == expected[-1] and table.currentIndex().row() == len(expected) - 1


def test_export_before_the_whole_list_is_read_has_every_order(qtbot, window, orders_db, small_pages, wait_ops,
                                                               tmp_path, monkeypatch):
    """导出当前列表 (Ctrl+E) while only the first page is shown: every order, in the list's order."""
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from gendan_desktop.core.models import Order

    expected = [Order.get_by_id(i).number for i in _newest_first()]
    tab = window.tab("orders")
    go(qtbot, window, "订单")
    assert not tab.model.is_complete() and tab.model.rowCount() == PAGE
    target = tmp_path / "orders.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    key(qtbot, Qt.Key_E, Qt.ControlModifier, window)  # 导出当前列表
    small_pages.set()
    wait_ops()
    ws = openpyxl.load_workbook(target).active
    head = [c.value for c in ws[1]]
    numbers = [r[head.index("订单号")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert numbers == expected


@pytest.mark.parametrize("column", ["client", "order"])
def test_after_sales_pages_by_client_or_order_walk_and_match_the_whole_list(qtbot, window, orders_db, small_pages,
                                                                            qtmodeltester, wait_ops, column):
    """By 客户 or 订单号 the pages read another plan than the whole list
    (core/lists/complaints.page_query): clicked, scrolled, Ctrl+End, they show
    the rows the whole list has, in its order."""
    import datetime as dt

    from gendan_desktop.core.lists import complaints
    from gendan_desktop.core.lists.spec import Filters, Sort
    from gendan_desktop.core.models import Complaint, Order
    from gendan_desktop.gui.aftersales.aftersales_tab import CCol

    for i, (oid,) in enumerate(Order.select(Order.id).order_by(Order.id).tuples()):
        for k in range(1 + i % 2):  # some orders with two complaints: ties of the sort value
            Complaint.create(number=f"CPT-{i}-{k}", order=oid, date=dt.date(2026, 3, 1), description="色差")
    expected = complaints.find_ids(Filters(), Sort(column, True))
    assert len(expected) > 3 * PAGE
    tab = window.tab("aftersales")
    model, table = tab.pane.model, tab.pane.table
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        go(qtbot, window, "售后")
        small_pages.set()
    small_pages.clear()
    col = CCol.CLIENT if column == "client" else CCol.ORDER
    sent: list[str] = []  # what the window asks on its own thread: the page plan, not the sort of all
    orders_db.connection().set_trace_callback(sent.append)
    click_header(qtbot, table, col)
    if table.horizontalHeader().sortIndicatorOrder() != Qt.DescendingOrder:
        click_header(qtbot, table, col)
    orders_db.connection().set_trace_callback(None)
    assert any("CROSS JOIN" in sql and "LIMIT" in sql for sql in sent), sent
    assert not any("CROSS JOIN" in sql and "LIMIT" not in sql for sql in sent), sent  # never read whole
    assert not model.is_complete()
    assert [model.id_at(r) for r in range(PAGE)] == expected[:PAGE]
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        click_cell(qtbot, table, 0)
        for _ in range(PAGE):  # down past the first page: the next page by key
            key(qtbot, Qt.Key_Down, widget=table)
        assert [model.id_at(r) for r in range(2 * PAGE)] == expected[:2 * PAGE]
        key(qtbot, Qt.Key_End, Qt.ControlModifier, table)  # the last page
        assert tab.pane.current_id() == expected[-1]
        qtmodeltester.check(model)
        small_pages.set()
    assert [model.id_at(r) for r in range(model.rowCount())] == expected
    wait_ops()
