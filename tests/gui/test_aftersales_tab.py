"""售后 tab: file a complaint and make a remake order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gendan_desktop.gui.forms import set_value

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

    tab = window.show_tab("aftersales")
    assert tab.new_record()
    ed = tab.editor
    # nothing typed: the errors sit next to the fields, nothing is saved
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert "订单" in ed.errors.error_text("order")
    ed.field("order").setText(shipped_order.number.lower())
    ed.field("order").editingFinished.emit()
    assert ed.order is not None and "Hamburg" in ed.order_info.text()
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert Complaint.select().count() == 0
    assert ed.errors.error_text("description")

    set_value(ed.field("description"), "客户反映 30 件帽衫拉链损坏")
    set_value(ed.field("qty_affected"), 30)
    set_value(ed.field("cause"), "拉链供应商来料不良")
    set_value(ed.field("countermeasure"), "更换拉链供应商,来料抽检")
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    complaint = Complaint.get()
    assert ed.complaint is not None and ed.complaint.id == complaint.id
    assert tab.pane.current_id() == complaint.id
    row = tab.model.row_of(complaint.id)
    assert tab.model.index(row, 2).data() == shipped_order.number

    # a credit with 'remake' is refused unless the client insists: message under the field
    set_value(ed.dfield("disposition"), "remake")
    set_value(ed.dfield("credit_amount"), 50.0)
    qtbot.mouseClick(ed.disposition_button, Qt.LeftButton)
    wait_ops()
    assert "按客户要求" in ed.disposition_errors.error_text("credit_amount")
    set_value(ed.dfield("credit_amount"), 0.0)
    set_value(ed.dfield("cost"), 120.0)
    qtbot.mouseClick(ed.disposition_button, Qt.LeftButton)
    wait_ops()
    assert Complaint.get().disposition == "remake" and Complaint.get().cost == Decimal("120.00")
    assert tab.model.index(tab.model.row_of(complaint.id), 8).data() == "120.00"

    dlg = ed.make_remake()
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    remake = Order.get(Order.order_type == "remake")
    assert remake.remake_of_id == shipped_order.id and remake.status == "draft"
    assert ed.remake_link.isVisibleTo(ed) and remake.number in ed.remake_link.text()
    assert tab.model.index(tab.model.row_of(complaint.id), 10).data() == remake.number
    # the link opens the remake order in the orders tab
    qtbot.mouseClick(ed.remake_link, Qt.LeftButton)
    orders = window.current_tab()
    assert orders.property("tab_key") == "orders" and orders.editor.order.id == remake.id

    window.show_tab("aftersales")
    qtbot.mouseClick(ed.close_button, Qt.LeftButton)
    wait_ops()
    assert Complaint.get().status == "closed" and not ed.save_button.isEnabled()


def test_complaint_model_passes_qtmodeltester(qtbot, qtmodeltester, window, shipped_order):
    from gendan_desktop.core.aftersales import file_complaint

    file_complaint(shipped_order.id, dt.date.today(), "色差", 10)
    tab = window.show_tab("aftersales")
    qtmodeltester.check(tab.model)
    tab.pane.set_quick_filter("色差")
    assert tab.model.rowCount() == 1
    tab.pane.set_quick_filter("没有这个")
    assert tab.model.rowCount() == 0
