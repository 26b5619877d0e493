"""Issue 10 in the window, around production: shipments against what is finished, the
quotation that became an order, the sample chain 小样 → 批板 → 大货, late purchases on the
workbench, and a cancelled order's deposit — through clicks and typing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from modal_helpers import click_row
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


@pytest.fixture
def client(sqlite_db):
    from gendan_desktop.core.clients import create_client

    return create_client(name="上海明达贸易有限公司", default_currency="USD")


def _confirmed(client, qty=4700, category="T恤"):
    from gendan_desktop.core.orders import confirm_order, create_order, set_review

    order = create_order(client.id, delivery_date=TODAY + dt.timedelta(days=40), product_category=category,
                         lines=[{"style": "T-1", "product": "T恤", "colour": "白", "size": "M", "quantity": qty,
                                 "unit_price": "3.00"}])
    order = set_review(order.id, True, True, True, True, True, "", order.version)
    return confirm_order(order.id, expected_version=order.version)


def _orders_tab_on(qtbot, window, order_id):
    tab = window.show_tab("orders")
    tab.refresh()
    click_row(qtbot, tab.pane.table, tab.model.row_of(order_id))
    assert tab.order_id == order_id
    return tab


# ----------------------------------------------------------- 10. shipment --
def test_shipping_more_than_finished_warns_and_takes_a_reason(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Shipment

    order = _confirmed(client)
    tab = _orders_tab_on(qtbot, window, order.id)
    tab.show_page(tab.shipments)
    qtbot.mouseClick(tab.shipments.new_button, Qt.LeftButton)
    dlg = tab.shipments.dialog
    table = dlg.findChild(QTableWidget, "shipmentQuantities")
    assert table.item(0, 4).text() == "0"  # 已完工未出: nothing finished
    from modal_helpers import type_into_cell

    type_into_cell(qtbot, table, 0, 5, "4700")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    warning = dlg.errors.error_text("excess_reason")
    assert "出货 4,700" in warning and "已完工未出 0" in warning and dlg.isVisible()
    assert Shipment.select().count() == 0
    qtbot.keyClicks(dlg.field("excess_reason"), "stock on hand")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert [s.excess_reason for s in Shipment.select()] == ["stock on hand"]


# --------------------------------------------------------- 11. quotation --
def test_quotation_window_says_it_became_an_order_and_links_to_it(qtbot, window, wait_ops, client):
    from gendan_desktop.core.quotations import create_quotation

    create_quotation(client.id, [{"style": "TS", "product": "T恤", "description": "180g 精梳棉",
                                      "quantity": 500, "cost_material": "10", "unit_price": "2.5"}],
                         exchange_rate="7")
    tab = window.show_tab("clients")
    tab.open_record("client", client.id)
    detail = tab.detail
    qtbot.waitUntil(lambda: not detail.is_loading())
    detail.show_page("quotations")
    click_row(qtbot, detail.quotations, 0, double=True)
    ed = detail.quotation_editor
    assert ed is not None and ed.order_button.isEnabled()
    qtbot.mouseClick(ed.order_button, Qt.LeftButton)
    dlg = ed.dialog
    qtbot.keyClicks(dlg.field("client_po"), "PO-Q-9")
    with qtbot.waitSignal(ed.order_created, timeout=10_000) as made:
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    from gendan_desktop.core.models import Order, OrderLine

    order = Order.get_by_id(made.args[0])
    assert OrderLine.get(OrderLine.order == order.id).remarks == "180g 精梳棉"
    assert "已下单" in ed.title.text() and order.number in ed.title.text()
    assert not ed.order_button.isEnabled()
    # its button opens the order in the orders tab
    assert ed.open_order_button.isVisible() and order.number in ed.open_order_button.text()
    qtbot.mouseClick(ed.open_order_button, Qt.LeftButton)
    orders_tab = window.tab("orders")
    qtbot.waitUntil(lambda: orders_tab.order_id == order.id)
    ed.close()
    detail.show_page("quotations")
    qtbot.waitUntil(lambda: not detail.is_loading())  # the detail reads the new order in a worker
    assert detail.quotations.item(0, 6).text() == order.number


# ----------------------------------------------------------- 12. samples --
def test_sample_approved_with_its_date_becomes_a_bulk_order_and_both_ends_link(qtbot, window, wait_ops, client):
    from gendan_desktop.core import samples
    from gendan_desktop.core.models import Order, Sample

    s = samples.request_sample(client.id, style="H-22", product="卫衣", colour="藏青", size="M",
                               requested_date=TODAY - dt.timedelta(days=20))
    s = samples.mark_made(s.id, date=TODAY - dt.timedelta(days=15), expected_version=s.version)
    samples.send_sample(s.id, "DHL", "JD1", date=TODAY - dt.timedelta(days=12), expected_version=s.version)
    tab = window.show_tab("clients")
    tab.open_record("client", client.id)
    detail = tab.detail
    qtbot.waitUntil(lambda: not detail.is_loading())
    detail.show_page("samples")
    click_row(qtbot, detail.samples, 0)
    qtbot.mouseClick(detail.findChild(QPushButton, "approveSample"), Qt.LeftButton)
    dlg = detail.dialog
    date = dlg.field("decided_date")
    assert date.date().toPython() == TODAY  # asked, today by default
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, str(TODAY - dt.timedelta(days=14)))  # before it was sent: refused
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert "寄出日期" in dlg.errors.error_text("decided_date")
    date.selectAll()
    qtbot.keyClicks(date, str(TODAY - dt.timedelta(days=1)))  # the client wrote yesterday
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert Sample.get_by_id(s.id).decided_date == TODAY - dt.timedelta(days=1)
    assert detail.samples.item(0, 7).text() == str(TODAY - dt.timedelta(days=1))

    click_row(qtbot, detail.samples, 0)
    qtbot.mouseClick(detail.findChild(QPushButton, "sampleToOrder"), Qt.LeftButton)
    dlg = detail.dialog
    qty = dlg.field("quantity")
    qty.setFocus()
    qty.selectAll()
    qtbot.keyClicks(qty, "3000")
    price = dlg.field("unit_price")
    price.setFocus()
    price.selectAll()
    qtbot.keyClicks(price, "6.8")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    order = Order.get(Order.sample == s.id)
    orders_tab = window.tab("orders")
    qtbot.waitUntil(lambda: orders_tab.order_id == order.id)
    # the order shows the sample it follows, as a link back to the sample's row
    link = orders_tab.editor.sample.link
    assert link.isVisible() and s.number in link.text() and "已批板" in link.text()
    assert orders_tab.editor.field("sample").currentData() == s.id
    qtbot.mouseClick(link, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.current_key() == "clients")
    qtbot.waitUntil(lambda: not detail.is_loading())
    assert detail.samples.currentRow() == 0 and detail.samples.item(0, 0).text() == s.number
    assert detail.samples.item(0, 8).text() == order.number  # the sample list's order column
    with qtbot.waitSignal(window.open_requested, timeout=5_000) as opened:
        click_row(qtbot, detail.samples, 0, double=True)
    assert opened.args == ["order", order.id]


# ------------------------------------------------ 13. late purchases --
def test_late_purchase_is_on_the_workbench(qtbot, window, wait_ops, client):
    from gendan_desktop.core.materials import add_material, create_purchase

    order = _confirmed(client)
    m = add_material(order.id, "全棉汗布", "0.3", 0, unit="kg")
    create_purchase(m.id, "绍兴布行", 1410, TODAY - dt.timedelta(days=5), ordered_date=TODAY - dt.timedelta(days=20))
    tab = window.show_tab("workbench")
    tab.refresh()
    wait_ops()
    entries = tab.entries("late_purchases")
    assert len(entries) == 1 and "全棉汗布" in entries[0].text and "逾期 5 天" in entries[0].text
    risky = tab.entries("orders_at_risk")
    assert [e.id for e in risky] == [order.id] and "全棉汗布" in risky[0].text


# ------------------------------------------------ 15. cancelled deposit --
def test_cancelled_orders_deposit_refunded_and_carried_over(qtbot, window, wait_ops, client):
    from gendan_desktop.core.payments import record_payment
    from gendan_desktop.core.recalls import cancel_order
    from gendan_desktop.core.receivables import client_balance, order_amounts
    from gendan_desktop.core.statements import statement

    order = _confirmed(client, qty=100)
    other = _confirmed(client, qty=50)
    record_payment(client.id, "300", "USD", TODAY - dt.timedelta(days=3), "deposit", order.id, "TT-1")
    cancel_order(order.id, "客户取消", type(order).get_by_id(order.id).version)
    tab = _orders_tab_on(qtbot, window, order.id)
    tab.show_page(tab.payments)
    panel = tab.payments
    assert "订单已取消" in panel.summary.text() and not panel.new_button.isEnabled()
    click_row(qtbot, panel.view, 0)
    qtbot.mouseClick(panel.refund_button, Qt.LeftButton)
    dlg = panel.dialog
    amount = dlg.field("amount")
    amount.setFocus()
    amount.selectAll()
    qtbot.keyClicks(amount, "100")
    qtbot.keyClicks(dlg.field("reference"), "RF-1")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert sorted(r["amount"] for r in panel.payments.rows()) == [Decimal("-100.00"), Decimal("300.00")]
    click_row(qtbot, panel.view, next(i for i, r in enumerate(panel.payments.rows()) if r["amount"] > 0))
    qtbot.mouseClick(panel.carry_button, Qt.LeftButton)
    dlg = panel.dialog
    assert dlg.field("order").currentData() == other.id and dlg.value("amount") == 200.0
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert order_amounts(order.id)["paid"] == Decimal("0.00")
    assert order_amounts(other.id)["paid"] == Decimal("200.00")
    assert client_balance(client.id) == {"USD": Decimal("-200.00")}  # still held, now for the other order
    (st,) = statement(client.id, TODAY - dt.timedelta(days=30), TODAY)
    assert [e.kind for e in st.entries].count("cancellation") == 1
    assert {(e.payment_kind, e.amount) for e in st.entries if e.kind == "payment"} == {
        ("deposit", Decimal("300.00")), ("refund", Decimal("-100.00")), ("transfer", Decimal("-200.00")),
        ("transfer", Decimal("200.00"))}
