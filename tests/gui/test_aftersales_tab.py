"""售后 tab through input: file a complaint, settle it, make a remake order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from flows import User
from input_helpers import key
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


@pytest.fixture
def shipped_order(sqlite_db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review

    client = create_client(name="Hamburg Textil GmbH", default_currency="EUR")
    order = create_order(client.id, delivery_date=dt.date.today() + dt.timedelta(days=20), currency="EUR",
                         lines=[{"style": "H-9", "product": "帽衫", "colour": "灰", "size": "XL", "quantity": 500,
                                 "unit_price": "8.00"}])
    order = set_review(order.id, True, True, True, True, True, "", order.version)
    return confirm_order(order.id, expected_version=order.version)


def test_file_complaint_and_make_remake(qtbot, window, wait_ops, shipped_order):
    from gendan_desktop.core.models import Complaint, Order

    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("aftersales")
    u.key(Qt.Key_N, Qt.ControlModifier)
    ed = tab.editor
    u.press(ed.save_button)  # nothing typed: the errors sit next to the fields, nothing is saved
    wait_ops()
    assert "订单" in ed.errors.error_text("order")
    u.fill(ed.field("order"), shipped_order.number.lower())  # the number typed in full, Enter
    key(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: ed.order is not None)
    assert "Hamburg" in ed.order_info.text()
    u.press(ed.save_button)
    wait_ops()
    assert Complaint.select().count() == 0 and ed.errors.error_text("description")

    u.fill(ed.field("description"), "客户反映 30 件帽衫拉链损坏")
    u.fill(ed.field("qty_affected"), "30")
    u.fill(ed.field("cause"), "拉链供应商来料不良")
    u.fill(ed.field("countermeasure"), "更换拉链供应商,来料抽检")
    u.press(ed.save_button)
    wait_ops()
    complaint = Complaint.get()
    assert ed.complaint is not None and ed.complaint.id == complaint.id
    assert tab.pane.current_id() == complaint.id
    assert tab.model.index(tab.model.row_of(complaint.id), 2).data() == shipped_order.number

    # a credit with 'remake' is refused unless the client insists: message under the field
    u.choose(ed.dfield("disposition"), "remake")
    u.fill(ed.dfield("credit_amount"), "50")
    u.press(ed.disposition_button)
    wait_ops()
    assert "按客户要求" in ed.disposition_errors.error_text("credit_amount")
    u.fill(ed.dfield("credit_amount"), "0")
    u.fill(ed.dfield("cost"), "120")
    u.press(ed.disposition_button)
    wait_ops()
    assert Complaint.get().disposition == "remake" and Complaint.get().cost == Decimal("120.00")
    assert tab.model.index(tab.model.row_of(complaint.id), 8).data() == "120.00"

    u.press(ed.remake_button)
    dlg = u.dialog(ed)
    u.ok(dlg)
    remake = Order.get(Order.order_type == "remake")
    assert remake.remake_of_id == shipped_order.id and remake.status == "draft"
    assert ed.remake_link.isVisibleTo(ed) and remake.number in ed.remake_link.text()
    assert tab.model.index(tab.model.row_of(complaint.id), 10).data() == remake.number
    u.press(ed.remake_link)  # the link opens the remake order in the orders tab
    wait_ops()  # the order editor reads it in the background
    orders = window.current_tab()
    assert window.current_key() == "orders" and orders.editor.order.id == remake.id

    u.main_tab("aftersales")
    u.press(ed.close_button)
    wait_ops()
    assert Complaint.get().status == "closed" and not ed.save_button.isEnabled()


def test_complaint_model_passes_qtmodeltester(qtbot, qtmodeltester, window, wait_ops, shipped_order):
    from gendan_desktop.core.aftersales import file_complaint

    file_complaint(shipped_order.id, dt.date.today(), "色差", 10)
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("aftersales")
    qtmodeltester.check(tab.model)
    u.fill(tab.pane.filter_edit, "色差")
    key(qtbot, Qt.Key_Return)
    assert tab.model.rowCount() == 1
    u.fill(tab.pane.filter_edit, "没有这个")
    key(qtbot, Qt.Key_Return)
    assert tab.model.rowCount() == 0
