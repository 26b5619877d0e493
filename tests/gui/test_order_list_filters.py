"""订单 list: the status filter with several choices and 全部未完结, 跟单员: 我的, a
client filter typed into, and the progress column — all through the mouse and
keyboard, on a fresh database and on demo data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QPoint, Qt

from gendan_desktop.gui.orders.orders_tab import Col

pytestmark = pytest.mark.gui

DAY = dt.date(2026, 3, 2)
STATUSES = ("draft", "reviewed", "confirmed", "in_production", "partly_shipped", "shipped", "settled", "cancelled")


@pytest.fixture
def orders(sqlite_db):
    """One order of 100 pieces per status: even ones of 华美服饰 by 李娜, odd ones of
    Baltic Moda by 王磊; all but the draft produced (one step, every piece good)."""
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import FlowCard, FlowCardStep, Order, OrderLine
    from gendan_desktop.core.orders import create_order

    huamei, baltic = create_client(name="华美服饰"), create_client(name="Baltic Moda")
    made = {}
    for i, status in enumerate(STATUSES):
        order = create_order((baltic if i % 2 else huamei).id, order_date=DAY + dt.timedelta(days=i),
                             delivery_date=DAY + dt.timedelta(days=60), merchandiser="王磊" if i % 2 else "李娜",
                             lines=[{"style": "A1", "colour": "红", "size": "M", "quantity": 100, "unit_price": "2.5"}])
        Order.update(status=status).where(Order.id == order.id).execute()
        if status != "draft":
            line = OrderLine.get(OrderLine.order == order.id)
            card = FlowCard.create(number=f"FC-T{i}", order=order.id, order_line=line, quantity=100)
            FlowCardStep.create(card=card, seq=1, name="包装", qty_in=100, qty_good=100)
        made[status] = order.id
    return made


@pytest.fixture
def tab(qtbot, window, wait_ops, orders):
    from input_helpers import go

    tab = go(qtbot, window, "订单")
    tab.pane.refresh()
    return tab


def listed(tab) -> set[int]:
    return set(tab.model.ids())


def click_item(qtbot, combo, text: str) -> None:
    """Open the combo's list with a click, then pick the item showing ``text``: a
    tick box is clicked; any other item is reached with the arrow keys and taken
    with Enter (Qt ignores a release right after the click that opened the list)."""
    view = combo.view()
    if not view.isVisible():  # the arrow at the right end (an editable combo's middle is its text box)
        qtbot.mouseClick(combo, Qt.LeftButton, pos=QPoint(combo.width() - 6, combo.height() // 2))
        qtbot.waitUntil(view.isVisible)
    row = next(r for r in range(combo.count()) if combo.itemText(r) == text)
    index = combo.model().index(row, 0)
    if index.flags() & Qt.ItemIsUserCheckable:
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
        return
    qtbot.keyClick(view, Qt.Key_Home)
    for _ in range(combo.count()):
        if view.currentIndex().row() == row:
            break
        qtbot.keyClick(view, Qt.Key_Down)
    assert view.currentIndex().row() == row, text
    qtbot.keyClick(view, Qt.Key_Return)


def test_status_filter_takes_all_open_and_several_ticked(qtbot, tab, orders):
    combo = tab.pane.filter_combos["status"]
    assert "全部" in combo.summary()
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, combo, "全部未完结")
    assert listed(tab) == {orders[s] for s in ("reviewed", "confirmed", "in_production", "partly_shipped", "shipped")}
    assert combo.summary() == "状态:全部未完结"
    assert not combo.view().isVisible()  # a preset closes the list
    # tick 草稿 then 已取消: each click filters at once and the list stays open for the next
    click_item(qtbot, combo, "全部")
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, combo, "草稿")
    assert combo.view().isVisible()
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, combo, "已取消")
    assert listed(tab) == {orders["draft"], orders["cancelled"]}
    assert combo.summary() == "状态:草稿、已取消"
    qtbot.keyClick(combo.view(), Qt.Key_Escape)
    # unticking one leaves the other
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, combo, "草稿")
    assert listed(tab) == {orders["cancelled"]}
    qtbot.keyClick(combo.view(), Qt.Key_Escape)
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, combo, "全部")
    assert len(listed(tab)) == len(STATUSES)


def test_mine_needs_the_name_in_settings_then_shows_my_orders(qtbot, tab, orders):
    from gendan_desktop.core.common import set_setting

    combo = tab.pane.filter_combos["merchandiser"]
    qtbot.mouseClick(combo, Qt.LeftButton)
    qtbot.waitUntil(combo.view().isVisible)
    mine = combo.model().item(1)
    assert not mine.isEnabled() and "设置" in mine.toolTip()  # no name yet: cannot be picked
    qtbot.keyClick(combo.view(), Qt.Key_Escape)
    set_setting("merchandiser_name", "李娜")  # as 工具 → 设置 does
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, combo, "跟单员:我的(李娜)")
    assert listed(tab) == {orders[s] for s in ("draft", "confirmed", "partly_shipped", "settled")}
    # with 全部未完结 as well
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, tab.pane.filter_combos["status"], "全部未完结")
    assert listed(tab) == {orders["confirmed"], orders["partly_shipped"]}


def test_typed_client_combines_with_all_open(qtbot, tab, orders):
    """The client typed (gui/kit/search_combo.py) and 全部未完结 narrow the list together."""
    from input_helpers import click_into, key, type_text
    from PySide6.QtWidgets import QApplication

    combo = tab.pane.filter_combos["client"]
    click_into(qtbot, combo)
    type_text(qtbot, "bal")  # the start of Baltic Moda
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    with qtbot.waitSignal(tab.model.reloaded):
        key(qtbot, Qt.Key_Down)
        key(qtbot, Qt.Key_Return)
    assert combo.currentText().startswith("Baltic Moda")
    assert listed(tab) == {orders[s] for s in STATUSES[1::2]}
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, tab.pane.filter_combos["status"], "全部未完结")
    assert listed(tab) == {orders[s] for s in ("reviewed", "in_production", "shipped")}


def test_progress_column_shows_good_and_shipped(qtbot, tab, orders):
    from gendan_desktop.core.models import OrderLine, Shipment, ShipmentLine

    line = OrderLine.get(OrderLine.order == orders["partly_shipped"])
    ship = Shipment.create(number="SH-T1", order=orders["partly_shipped"], date=DAY)
    ShipmentLine.create(shipment=ship, order_line=line, quantity=40, unit_price=line.unit_price)
    with qtbot.waitSignal(tab.model.reloaded):
        qtbot.keyClick(tab.pane.table, Qt.Key_F5)  # 刷新
    model = tab.model
    shipped, draft = model.row_of(orders["partly_shipped"]), model.row_of(orders["draft"])
    model.index(shipped, Col.NUMBER).data()  # the row is painted; its progress follows
    qtbot.waitUntil(lambda: model.index(shipped, Col.PROGRESS).data() == "100% · 已出 40%")
    assert "良品 100 / 100 件" in model.index(shipped, Col.PROGRESS).data(Qt.ToolTipRole)
    assert "已出货 40 件" in model.index(shipped, Col.PROGRESS).data(Qt.ToolTipRole)
    qtbot.waitUntil(lambda: model.index(draft, Col.PROGRESS).data() == "0%")


def test_filters_on_demo_data(qtbot, zh_app, sqlite_db, wait_ops, qtmodeltester):
    from gendan_desktop.core.common import get_setting
    from gendan_desktop.core.lists.orders import OPEN_STATUSES
    from gendan_desktop.core.models import Order
    from gendan_desktop.demo import fill_demo
    from gendan_desktop.gui.main_window import MainWindow

    fill_demo(clients=40, orders=200)
    window = MainWindow(sqlite_db.gendan_url)
    qtbot.addWidget(window)
    window.show()
    tab = window.show_tab("orders")
    wait_ops()
    name = get_setting("merchandiser_name")
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, tab.pane.filter_combos["merchandiser"], f"跟单员:我的({name})")
    with qtbot.waitSignal(tab.model.reloaded):
        click_item(qtbot, tab.pane.filter_combos["status"], "全部未完结")
    expected = {o.id for o in Order.select(Order.id).where(Order.status.in_(OPEN_STATUSES)
                                                           & (Order.merchandiser == name))}
    assert expected and listed(tab) == expected
    qtmodeltester.check(tab.model)
    qtbot.waitUntil(lambda: tab.model.index(0, Col.PROGRESS).data() not in (None, ""))
    assert re.fullmatch(r"\d+%( · 已出 \d+%)?", tab.model.index(0, Col.PROGRESS).data())
    window.close()
