"""订单 tab through input: create an order with lines typed in the grid, review
and confirm it; revise it and see the old documents recalled; cancel; ship and
pay; the quick filter; models pass qtmodeltester."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from flows import User
from input_helpers import activate, click_cell, click_header, go, key, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget

from gendan_desktop.gui.orders.orders_tab import Col

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


@pytest.fixture
def client(sqlite_db):
    from gendan_desktop.core.clients import create_client

    return create_client(name="上海明达贸易有限公司", country="中国", default_currency="USD")


def make_order(qtbot, window, wait_ops, client, lines=None):
    """Ctrl+N on 订单, the client by its pinyin initials, PO, delivery, lines typed; Ctrl+S."""
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("orders")
    u.key(Qt.Key_N, Qt.ControlModifier)
    ed = tab.editor
    u.pick(ed.field("client"), "shmd")
    u.fill(ed.field("client_po"), "PO-7788")
    u.fill(ed.field("delivery_date"), "+40")
    u.fill(ed.field("product_category"), "T恤")
    u.tab_to(ed.lines_view)
    for line in lines or (["T-100", "圆领T恤", "白", "M", "600", "", "3.25", ""],
                          ["T-100", "圆领T恤", "黑", "L", "400", "", "3.5", ""]):
        for text in line:
            if text:
                key(qtbot, Qt.Key_A, Qt.ControlModifier)
                type_text(qtbot, text)
            key(qtbot, Qt.Key_Tab)
    qty = sum(int(line[4]) for line in lines) if lines else 1000
    assert f"{qty:,}" in ed.totals_label.text()
    u.save()
    assert ed.order is not None, ed.error_label.text()
    return tab, ed.order


def test_create_review_and_confirm_order(qtbot, window, wait_ops, client):
    tab, order = make_order(qtbot, window, wait_ops, client)
    assert "3,350.00" in tab.editor.totals_label.text()
    assert order.status == "draft" and order.client_po == "PO-7788"
    assert order.delivery_date == TODAY + dt.timedelta(days=40)
    assert tab.pane.current_id() == order.id  # listed and current
    row = tab.model.row_of(order.id)
    assert tab.model.index(row, 0).data() == order.number and tab.model.index(row, Col.QUANTITY).data() == "1,000"

    u = User(qtbot, window, wait_ops)
    review = tab.review
    u.page(tab.detail, review)
    assert not review.confirm_button.isEnabled()  # not before the review
    for name in ("review_capability", "review_material", "review_colour", "review_quantity"):
        u.check(review.box(name))
    u.press(review.save_review_button)
    wait_ops()
    assert review.order.status == "draft"  # 4 of 5
    u.check(review.box("review_date"))
    u.press(review.save_review_button)
    wait_ops()
    assert review.order.status == "reviewed"
    u.press(review.confirm_button)
    wait_ops()
    assert review.order.status == "confirmed"
    assert tab.model.index(tab.model.row_of(order.id), 5).data() == "已确认"
    u.page(tab.detail, tab.editor)
    assert tab.editor.mode == "view" and tab.editor.revise_button.isEnabled()
    assert not tab.editor.lines.flags(tab.editor.lines.index(0, 1)) & Qt.ItemIsEditable
    u.page(tab.detail, tab.history)  # the audit history, in words
    assert any(r["field"] == "状态" and r["new"] == "已确认" for r in tab.history.model.rows())


def test_invalid_line_is_marked_and_nothing_saved(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Order

    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("orders")
    u.key(Qt.Key_N, Qt.ControlModifier)
    ed = tab.editor
    u.pick(ed.field("client"), "shmd")
    u.fill(ed.field("delivery_date"), "+10")
    u.tab_to(ed.lines_view)
    for text in ("A1", "", "", "", "100", "", "1", "", "A2", "", "", "", "0", "", "2"):
        if text:
            type_text(qtbot, text)
        key(qtbot, Qt.Key_Tab)
    u.save()
    assert Order.select().count() == 0
    assert "第 2 行" in ed.error_label.text() and "数量" in ed.error_label.text()
    assert ed.lines.index(1, 5).data(Qt.BackgroundRole) is not None
    assert ed.lines_view.currentIndex() == ed.lines.index(1, 5)  # the cell to fix is current

    # fixed, but the delivery date emptied: the message sits under the field
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "50")
    key(qtbot, Qt.Key_Tab)
    u.fill(ed.field("delivery_date"), "")
    u.save()
    assert Order.select().count() == 0
    assert "交期" in ed.errors.error_text("delivery_date")
    u.fill(ed.field("delivery_date"), "+10")
    u.save()
    assert Order.select().count() == 1


def test_stale_edit_offers_reload(qtbot, window, wait_ops, client):
    from gendan_desktop.core.orders import update_order

    tab, order = make_order(qtbot, window, wait_ops, client)
    update_order(order.id, {"client_po": "PO-OTHER-WINDOW"}, order.version)  # another window saves first
    u = User(qtbot, window, wait_ops)
    u.fill(tab.editor.field("notes"), "我的修改")
    seen = {}

    def reload(box):
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "重新载入").click()

    from input_helpers import when_modal

    state = when_modal(qtbot, reload, QMessageBox)
    u.save()
    assert state["done"] and "已被其他窗口或同事修改" in seen["text"]
    assert tab.editor.field("client_po").text() == "PO-OTHER-WINDOW"  # reloaded


def confirm(order_id):
    from gendan_desktop.core.orders import confirm_order, get_order, set_review

    order = set_review(order_id, True, True, True, True, True, "", get_order(order_id).version)
    return confirm_order(order_id, expected_version=order.version)


def test_revise_order_recalls_documents(qtbot, window, wait_ops, client):
    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet
    from gendan_desktop.printing.service import record_printed

    tab, order = make_order(qtbot, window, wait_ops, client)
    confirm(order.id)
    sheet = issue_production_sheet(order.id)
    cards = issue_flow_cards(order.id, batch_size=300)
    record_printed("production_sheet", [sheet.id])  # only paper that left the app is to collect
    record_printed("flow_card", [c.id for c in cards])
    activate(qtbot, window)
    ed = tab.editor
    with qtbot.waitSignal(ed.sig_loaded):  # F5: the editor reads the order again in the background
        key(qtbot, Qt.Key_F5, widget=window)
    assert ed.mode == "view"
    u = User(qtbot, window, wait_ops)
    u.press(ed.revise_button)
    assert ed.mode == "revise"
    from input_helpers import click_cell

    click_cell(qtbot, ed.lines_view, 1, 3)  # colour of line 2, open for typing
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "藏青")
    key(qtbot, Qt.Key_Return)
    u.press(ed.save_button)
    dlg = u.dialog(ed)
    u.press(dlg.ok_button)  # empty reason → refused here
    assert dlg.errors.error_text("reason") or "原因" in dlg.error_label.text()
    u.fill(dlg.field("reason"), "客户邮件要求第2行改为藏青色")
    u.ok(dlg)
    assert ed.order.revision == 1 and ed.mode == "view"
    u.page(tab.detail, tab.revisions)  # R0 vs R1 side by side
    diff = [(r["where"], r["field"], r["old"], r["new"]) for r in tab.revisions.diff.rows()]
    assert ("第 2 行", "颜色", "黑", "藏青") in diff
    prod = u.main_tab("production")  # the old sheet and cards to collect
    u.page(prod.detail, prod.recalls)
    rows = prod.recalls.model.rows()
    # the sheet and line 2's two cards; line 1's cards were not changed and stay live
    assert len(rows) == 1 + 2 and all(r["order_number"] == order.number for r in rows)
    assert all(r["recall_reason"] == "订单改为 R1:客户邮件要求第2行改为藏青色" for r in rows)


def test_cancel_order_with_reason(qtbot, window, wait_ops, client):
    tab, order = make_order(qtbot, window, wait_ops, client)
    u = User(qtbot, window, wait_ops)
    u.page(tab.detail, tab.review)
    u.press(tab.review.cancel_button)
    dlg = u.dialog(tab.review)
    u.fill(dlg.field("reason"), "客户取消")
    u.ok(dlg)
    assert tab.review.order.status == "cancelled"
    assert "客户取消" in tab.review.status_label.text()


def test_shipment_and_payment(qtbot, window, wait_ops, client):
    tab, order = make_order(qtbot, window, wait_ops, client)
    confirm(order.id)
    activate(qtbot, window)
    key(qtbot, Qt.Key_F5, widget=window)
    u = User(qtbot, window, wait_ops)
    u.page(tab.detail, tab.shipments)
    u.press(tab.shipments.new_button)
    dlg = u.dialog(tab.shipments)
    table = dlg.findChild(QTableWidget, "shipmentQuantities")
    from input_helpers import click_cell

    assert table.item(0, 4).text() == "0" and table.item(0, 5).text() == "0"  # nothing finished yet
    click_cell(qtbot, table, 0, 5, double=True)  # ship line 1 only
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "600")
    key(qtbot, Qt.Key_Return)
    u.fill(dlg.field("booking_no"), "BK-1")
    u.ok(dlg)
    assert "超过了生产已完工的数量" in dlg.errors.error_text("excess_reason")  # more than finished: why?
    u.fill(dlg.field("excess_reason"), "库存现货")
    u.ok(dlg)
    rows = tab.shipments.shipments.rows()
    assert len(rows) == 1 and rows[0]["quantity"] == 600 and rows[0]["amount"] == Decimal("1950.00")
    u.page(tab.detail, tab.payments)
    u.press(tab.payments.new_button)
    dlg = u.dialog(tab.payments)
    u.fill(dlg.field("amount"), "1000")
    u.ok(dlg)
    assert [r["amount"] for r in tab.payments.payments.rows()] == [Decimal("1000.00")]
    assert "950.00" in tab.payments.summary.text()


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, window, wait_ops, client):
    tab, order = make_order(qtbot, window, wait_ops, client)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.editor.lines)
    u = User(qtbot, window, wait_ops)
    u.page(tab.detail, tab.history)
    qtmodeltester.check(tab.history.model)
    u.page(tab.detail, tab.revisions)
    qtmodeltester.check(tab.revisions.revisions)


def test_quick_filter_matches_number_po_and_client_in_any_sort(qtbot, window, wait_ops):
    """The order list's quick filter, typed: number or PO from the start, any part
    of them from three characters, the client's name or pinyin; a prefix shared
    by every order number ("SO") keeps every order; header clicks keep sorting it."""
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import Order
    from gendan_desktop.gui.orders.orders_tab import Col

    huamei, zhang = create_client(name="华美服饰"), create_client(name="张三贸易")
    day = dt.date(2026, 1, 5)
    for number, c, po, status in (("SO2601-0001", huamei, "PO-77", "draft"),
                                  ("SO2601-0002", zhang, "ABC-9", "confirmed"),
                                  ("SO2602-0003", zhang, "", "confirmed")):
        Order.create(number=number, client=c, client_po=po, order_date=day, delivery_date=day, status=status)
    tab = go(qtbot, window, "订单")
    model, table = tab.model, tab.pane.table
    u = User(qtbot, window, wait_ops)

    def numbers():
        return [model.index(r, Col.NUMBER).data() for r in range(model.rowCount())]

    def quick(text):
        u.fill(tab.pane.filter_edit, text)
        key(qtbot, Qt.Key_Return)  # applies at once (else after a short pause)

    for text, expected in (("SO", 3), ("so", 3), ("SO2601", 2), ("hm", 1), ("华美", 1), ("PO", 1), ("0003", 1),
                           ("zs", 2), ("XYZ", 0)):
        quick(text)
        assert len(numbers()) == expected, text
    quick("SO2601")
    for col in (Col.NUMBER, Col.CLIENT, Col.CLIENT_PO, Col.ORDER_DATE, Col.DELIVERY, Col.STATUS):
        click_header(qtbot, table, col)
        assert sorted(numbers()) == ["SO2601-0001", "SO2601-0002"]
    click_header(qtbot, table, Col.NUMBER)
    if table.horizontalHeader().sortIndicatorOrder() != Qt.DescendingOrder:
        click_header(qtbot, table, Col.NUMBER)
    assert numbers() == ["SO2601-0002", "SO2601-0001"]
    status = tab.pane.filter_combos["status"]
    pick_in_list(qtbot, status, "已确认", Qt.Key_Space)  # ticked, with the keyboard
    key(qtbot, Qt.Key_Escape)
    assert numbers() == ["SO2601-0002"]
    quick("SO")
    click_header(qtbot, table, Col.CLIENT)
    if table.horizontalHeader().sortIndicatorOrder() != Qt.AscendingOrder:
        click_header(qtbot, table, Col.CLIENT)
    assert numbers() == ["SO2601-0002", "SO2602-0003"]  # 华美 (hm…) has none confirmed; 张三 (zs…)
    pick_in_list(qtbot, status, "全部", Qt.Key_Return)
    assert sorted(numbers()) == ["SO2601-0001", "SO2601-0002", "SO2602-0003"]


def pick_in_list(qtbot, combo, text, last_key):
    """Focus a status box, open its list with Down, arrow to ``text``, press ``last_key``."""
    from PySide6.QtWidgets import QApplication

    combo.setFocus(Qt.MouseFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    key(qtbot, Qt.Key_Down)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    view, row = combo.view(), combo.findText(text)
    key(qtbot, Qt.Key_Home)
    for _ in range(combo.count()):
        if view.currentIndex().row() == row:
            break
        key(qtbot, Qt.Key_Down)
    assert view.currentIndex().row() == row, text
    key(qtbot, last_key)


def test_a_price_with_too_many_decimals_is_red_with_its_range_and_not_saved(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Order
    from gendan_desktop.gui.orders.order_lines_model import LineCol

    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("orders")
    u.key(Qt.Key_N, Qt.ControlModifier)
    ed = tab.editor
    u.pick(ed.field("client"), "shmd")
    u.fill(ed.field("delivery_date"), "+40")
    u.tab_to(ed.lines_view)
    for text in ("T-1", "", "", "", "100", "", "0.0000001"):  # 款号 品名 颜色 尺码 数量 单位 单价
        if text:
            type_text(qtbot, text)
        key(qtbot, Qt.Key_Tab)
    price = ed.lines.index(0, LineCol.UNIT_PRICE)
    assert price.data() == "0.0000001"
    assert price.data(Qt.BackgroundRole) is not None
    assert "最多 4 位小数" in price.data(Qt.ToolTipRole)
    click_cell(qtbot, ed.lines_view, 0, LineCol.QUANTITY)
    type_text(qtbot, "20000000")  # above the 10,000,000 a line may hold
    key(qtbot, Qt.Key_Tab)
    assert "1 至 10,000,000" in ed.lines.index(0, LineCol.QUANTITY).data(Qt.ToolTipRole)
    u.press(ed.save_button)
    wait_ops()
    assert Order.select().count() == 0
    assert "第 1 行" in ed.error_label.text() and "10,000,000" in ed.error_label.text()


def test_the_editor_reads_the_order_while_the_window_keeps_answering(qtbot, window, wait_ops, client, monkeypatch):
    from gated import Gate

    from gendan_desktop.core import orders

    tab, order = make_order(qtbot, window, wait_ops, client)
    gate = Gate(monkeypatch, orders, "get_order")
    ed = tab.editor
    activate(qtbot, window)
    key(qtbot, Qt.Key_F5, widget=window)  # the editor reads the order again
    qtbot.waitUntil(gate.entered.is_set)
    bar = window.tab_widget.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(1).center())  # 客户档案, while the read waits
    assert window.current_key() == "clients" and not gate.left.is_set()
    assert not ed.save_button.isEnabled()  # nothing to save over while it reads
    with qtbot.waitSignal(ed.sig_loaded) as loaded:
        gate.open()
    assert loaded.args == [order.id] and ed.order.id == order.id and ed.mode == "edit"
    assert ed.field("client_po").text() == "PO-7788" and ed.save_button.isEnabled()
