"""订单 tab: create an order with lines, review and confirm it; revise it and
see the old documents recalled; models pass qtmodeltester."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gendan_desktop.gui.forms import set_value

pytestmark = pytest.mark.gui


@pytest.fixture
def client(sqlite_db):
    from gendan_desktop.core.clients import create_client

    return create_client(name="上海明达贸易有限公司", country="中国", default_currency="USD")


def type_into_lines(qtbot, editor, rows):
    """Type each row into the lines table cell by cell, as a user does."""
    from gendan_desktop.gui.order_lines_model import KEYS

    model = editor.lines
    model.remove_lines(list(range(model.rowCount())))
    for values in rows:
        qtbot.mouseClick(editor.add_line_button, Qt.LeftButton)
        r = model.rowCount() - 1
        for col, key in KEYS.items():
            if key in values:
                assert model.setData(model.index(r, col), values[key], Qt.EditRole)


def make_order(qtbot, window, wait_ops, client):
    tab = window.show_tab("orders")
    assert tab.new_record()
    ed = tab.editor
    ed.picker.set_client(client.id)
    set_value(ed.field("client_po"), "PO-7788")
    set_value(ed.field("delivery_date"), dt.date.today() + dt.timedelta(days=40))
    set_value(ed.field("product_category"), "T恤")
    type_into_lines(qtbot, ed, [
        {"style": "T-100", "product": "圆领T恤", "colour": "白", "size": "M", "quantity": "600", "unit_price": "3.25"},
        {"style": "T-100", "product": "圆领T恤", "colour": "黑", "size": "L", "quantity": "400", "unit_price": "3.5"},
    ])
    assert "1,000" in ed.totals_label.text() and "3,350.00" in ed.totals_label.text()
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert ed.order is not None, ed.error_label.text()
    return tab, ed.order


def test_create_review_and_confirm_order(qtbot, window, wait_ops, client):
    tab, order = make_order(qtbot, window, wait_ops, client)
    assert order.status == "draft"
    # the new order is listed and current
    assert tab.pane.current_id() == order.id
    row = tab.model.row_of(order.id)
    assert tab.model.index(row, 0).data() == order.number
    assert tab.model.index(row, 7).data() == "1,000"

    # confirming before the review is refused (button disabled); review 4 of 5 → still draft
    review = tab.review
    tab.show_page(review)
    assert not review.confirm_button.isEnabled()
    for name in ("review_capability", "review_material", "review_colour", "review_quantity"):
        review.box(name).setChecked(True)
    qtbot.mouseClick(review.save_review_button, Qt.LeftButton)
    wait_ops()
    assert review.order.status == "draft"
    review.box("review_date").setChecked(True)
    qtbot.mouseClick(review.save_review_button, Qt.LeftButton)
    wait_ops()
    assert review.order.status == "reviewed"
    assert review.confirm_button.isEnabled()
    qtbot.mouseClick(review.confirm_button, Qt.LeftButton)
    wait_ops()
    assert review.order.status == "confirmed"
    # the list shows the new status; the editor is read-only with 改单 offered
    row = tab.model.row_of(order.id)
    assert tab.model.index(row, 5).data() == "已确认"
    assert tab.editor.mode == "view" and tab.editor.revise_button.isEnabled()
    assert not tab.editor.lines.flags(tab.editor.lines.index(0, 1)) & Qt.ItemIsEditable
    # the audit history shows the confirmation
    tab.show_page(tab.history)
    texts = [r["new"] for r in tab.history.model.rows()]
    assert "confirmed" in texts


def test_invalid_line_is_marked_and_nothing_saved(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Order

    tab = window.show_tab("orders")
    tab.new_record()
    ed = tab.editor
    ed.picker.set_client(client.id)
    set_value(ed.field("delivery_date"), dt.date.today() + dt.timedelta(days=10))
    type_into_lines(qtbot, ed, [{"style": "A1", "quantity": "100", "unit_price": "1"},
                                {"style": "A2", "quantity": "0", "unit_price": "2"}])
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert Order.select().count() == 0
    assert "第 2 行" in ed.error_label.text() and "数量" in ed.error_label.text()
    assert ed.lines.index(1, 5).data(Qt.BackgroundRole) is not None

    # no delivery date: the message sits under the field
    type_into_lines(qtbot, ed, [{"style": "A1", "quantity": "100", "unit_price": "1"}])
    set_value(ed.field("delivery_date"), None)
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert Order.select().count() == 0
    assert "交期" in ed.errors.error_text("delivery_date")
    ed.new_order()  # leave nothing unsaved, so closing the window asks nothing


def test_stale_edit_offers_reload(qtbot, window, wait_ops, client, monkeypatch):
    from gendan_desktop.core.orders import update_order
    from gendan_desktop.gui import tab_kit

    tab, order = make_order(qtbot, window, wait_ops, client)
    update_order(order.id, {"client_po": "PO-OTHER-WINDOW"}, order.version)  # another window saves first
    set_value(tab.editor.field("notes"), "我的修改")
    asked = []
    monkeypatch.setattr(tab_kit, "ask_reload_after_stale", lambda parent, exc: asked.append(str(exc)) or True)
    qtbot.mouseClick(tab.editor.save_button, Qt.LeftButton)
    wait_ops()
    assert asked and "已被其他窗口或同事修改" in asked[0]
    assert tab.editor.field("client_po").text() == "PO-OTHER-WINDOW"  # reloaded


def confirm(order_id):
    from gendan_desktop.core.orders import confirm_order, get_order, set_review

    order = set_review(order_id, True, True, True, True, True, "", get_order(order_id).version)
    return confirm_order(order_id, expected_version=order.version)


def test_revise_order_recalls_documents(qtbot, window, wait_ops, client):
    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet

    tab, order = make_order(qtbot, window, wait_ops, client)
    from gendan_desktop.printing.service import record_printed

    confirm(order.id)
    sheet = issue_production_sheet(order.id)
    cards = issue_flow_cards(order.id, batch_size=300)
    record_printed("production_sheet", [sheet.id])  # only paper that left the app is to collect
    record_printed("flow_card", [c.id for c in cards])
    tab.refresh()
    ed = tab.editor
    assert ed.mode == "view"
    qtbot.mouseClick(ed.revise_button, Qt.LeftButton)
    assert ed.mode == "revise"
    ed.lines.setData(ed.lines.index(1, 3), "藏青", Qt.EditRole)  # colour of line 2
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    dlg = ed.dialog
    assert dlg is not None
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)  # empty reason → refused here
    assert "原因" in dlg.error_label.text() or dlg.errors.error_text("reason")
    dlg.field("reason").setPlainText("客户邮件要求第2行改为藏青色")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert ed.order.revision == 1 and ed.mode == "view"
    # revisions side by side: R0 vs R1, the colour change listed
    tab.show_page(tab.revisions)
    diff = [(r["where"], r["field"], r["old"], r["new"]) for r in tab.revisions.diff.rows()]
    assert ("第 2 行", "颜色", "黑", "藏青") in diff
    # the production tab lists the old sheet and cards as recalled, to collect
    prod = window.show_tab("production")
    prod.show_page(prod.recalls)
    numbers = [r["number"] for r in prod.recalls.model.rows()]
    # the sheet and line 2's two cards; line 1's cards were not changed and stay live
    assert len(numbers) == 1 + 2 and all(r["order_number"] == order.number for r in prod.recalls.model.rows())


def test_cancel_order_with_reason(qtbot, window, wait_ops, client):
    tab, order = make_order(qtbot, window, wait_ops, client)
    tab.show_page(tab.review)
    dlg = tab.review.ask_cancel()
    dlg.field("reason").setPlainText("客户取消")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert tab.review.order.status == "cancelled"
    assert "客户取消" in tab.review.status_label.text()


def test_shipment_and_payment(qtbot, window, wait_ops, client):
    tab, order = make_order(qtbot, window, wait_ops, client)
    confirm(order.id)
    tab.refresh()
    tab.show_page(tab.shipments)
    dlg = tab.shipments.new_shipment()
    from PySide6.QtWidgets import QTableWidget

    table = dlg.findChild(QTableWidget, "shipmentQuantities")
    assert table.item(0, 4).text() == "0" and table.item(0, 5).text() == "0"  # nothing finished yet
    table.item(0, 5).setText("600")  # ship line 1 only
    set_value(dlg.field("booking_no"), "BK-1")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert "超过了生产已完工的数量" in dlg.errors.error_text("excess_reason")  # more than finished: why?
    set_value(dlg.field("excess_reason"), "库存现货")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    rows = tab.shipments.shipments.rows()
    assert len(rows) == 1 and rows[0]["quantity"] == 600 and rows[0]["amount"] == Decimal("1950.00")
    tab.show_page(tab.payments)
    dlg = tab.payments.new_payment()
    set_value(dlg.field("amount"), 1000.0)
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert [r["amount"] for r in tab.payments.payments.rows()] == [Decimal("1000.00")]
    assert "950.00" in tab.payments.summary.text()


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, window, wait_ops, client):
    tab, order = make_order(qtbot, window, wait_ops, client)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.editor.lines)
    tab.show_page(tab.history)
    qtmodeltester.check(tab.history.model)
    tab.show_page(tab.revisions)
    qtmodeltester.check(tab.revisions.revisions)


def test_quick_filter_matches_number_po_and_client_in_any_sort(qtbot, sqlite_db, zh_app):
    """The order list's quick filter: number or PO from the start, any part of
    them from three characters, the client's name or pinyin; a prefix shared by
    every order number ("SO") keeps every order; sorting keeps working on it."""
    import datetime as dt

    from PySide6.QtCore import Qt

    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import Order
    from gendan_desktop.gui.orders_tab import Col, OrderListModel

    huamei, zhang = create_client(name="华美服饰"), create_client(name="张三贸易")
    day = dt.date(2026, 1, 5)
    for number, c, po, status in (("SO2601-0001", huamei, "PO-77", "draft"),
                                  ("SO2601-0002", zhang, "ABC-9", "confirmed"),
                                  ("SO2602-0003", zhang, "", "confirmed")):
        Order.create(number=number, client=c, client_po=po, order_date=day, delivery_date=day, status=status)
    model = OrderListModel()
    model.refresh()

    def numbers():
        return [model.index(r, Col.NUMBER).data() for r in range(model.rowCount())]

    for text, expected in (("SO", 3), ("so", 3), ("SO2601", 2), ("hm", 1), ("华美", 1), ("PO", 1), ("0003", 1),
                           ("zs", 2), ("XYZ", 0)):
        model.set_quick_filter(text)
        assert len(numbers()) == expected, text
    model.set_quick_filter("SO2601")
    for col in (Col.NUMBER, Col.CLIENT, Col.CLIENT_PO, Col.ORDER_DATE, Col.DELIVERY, Col.STATUS):
        model.sort(col, Qt.DescendingOrder)
        assert sorted(numbers()) == ["SO2601-0001", "SO2601-0002"]
    model.sort(Col.NUMBER, Qt.DescendingOrder)
    assert numbers() == ["SO2601-0002", "SO2601-0001"]
    model.set_filter("status", "confirmed")
    assert numbers() == ["SO2601-0002"]
    model.set_quick_filter("SO")
    model.sort(Col.CLIENT, Qt.AscendingOrder)  # 华美 (hm…) before 张三 (zs…)
    assert numbers() == ["SO2601-0002", "SO2602-0003"]
    model.set_filter("status", None)
    assert numbers() == ["SO2601-0001", "SO2601-0002", "SO2602-0003"]


def test_a_price_with_too_many_decimals_is_red_with_its_range_and_not_saved(qtbot, window, wait_ops, client):
    from PySide6.QtWidgets import QLineEdit

    from gendan_desktop.core.models import Order
    from gendan_desktop.gui.order_lines_model import LineCol

    tab = window.show_tab("orders")
    assert tab.new_record()
    ed = tab.editor
    ed.picker.set_client(client.id)
    set_value(ed.field("delivery_date"), dt.date.today() + dt.timedelta(days=40))
    assert ed.lines.rowCount() == 1  # a new order starts with one blank line
    view = ed.lines_view

    def type_cell(col, text):
        index = ed.lines.index(0, col)
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
        qtbot.keyClick(view, Qt.Key_F2)  # edit the current cell, as a user does
        editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key_Tab)  # on to the next cell: the text is taken

    try:
        type_cell(LineCol.STYLE, "T-1")
        type_cell(LineCol.QUANTITY, "100")
        type_cell(LineCol.UNIT_PRICE, "0.0000001")
        price = ed.lines.index(0, LineCol.UNIT_PRICE)
        assert price.data() == "0.0000001"
        assert price.data(Qt.BackgroundRole) is not None
        assert "最多 4 位小数" in price.data(Qt.ToolTipRole)
        type_cell(LineCol.QUANTITY, "20000000")  # above the 10,000,000 a line may hold
        assert "1 至 10,000,000" in ed.lines.index(0, LineCol.QUANTITY).data(Qt.ToolTipRole)
        qtbot.mouseClick(ed.save_button, Qt.LeftButton)
        wait_ops()
        assert Order.select().count() == 0
        assert "第 1 行" in ed.error_label.text() and "10,000,000" in ed.error_label.text()
    finally:
        ed.new_order()  # leave nothing unsaved, so closing the window asks nothing
