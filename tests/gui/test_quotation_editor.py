"""报价单 editor through input: cost lines typed into the items grid give the
formula's price live, a typed price overrides it, Ctrl+S saves, a bad cell
saves nothing, sent / PI, and turning the quotation into an order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from flows import User
from input_helpers import activate, click_cell, key, type_text, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from gendan_desktop.core.quotations import compute_unit_price
from gendan_desktop.gui.orders.quotation_items_model import ItemCol

pytestmark = pytest.mark.gui

COSTS = ["12.5", "4.2", "1.1", "0.8", "0.6", "0.3"]  # 19.50 CNY per piece: 材料 加工 辅料 包装 运费 其他


@pytest.fixture
def client(sqlite_db):
    from gendan_desktop.core.clients import create_client

    return create_client(name="宁波海曙进出口有限公司", country="中国", default_currency="USD",
                         payment_terms="30% T/T deposit")


def open_new_editor(qtbot, window, wait_ops):
    """新报价单… on the client detail's quotations page."""
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    u.row(tab.pane.table, 0)
    detail = tab.detail
    u.page(detail.pages, detail.quotations.parentWidget())
    u.press(detail.findChild(QPushButton, "newQuotation"))
    ed = detail.quotation_editor
    assert ed is not None and ed.isVisible()
    activate(qtbot, ed)
    return u, ed


def header(u, ed, rate="7.2", margin="25"):
    u.fill(ed.field("exchange_rate"), rate)
    u.fill(ed.field("margin_pct"), margin)


def type_row(qtbot, cells) -> None:
    """From the current cell: type each value (None: leave as is), Tab after each."""
    for text in cells:
        if text is not None:
            key(qtbot, Qt.Key_A, Qt.ControlModifier)
            type_text(qtbot, text)
        key(qtbot, Qt.Key_Tab)


def item_cells(style, product, quantity, costs=COSTS):
    return [style, product, None, quantity, None, *costs]  # 款号 品名 描述 数量 单位 six costs


def test_costs_give_live_price_override_and_save(qtbot, qtmodeltester, window, wait_ops, client):
    from gendan_desktop.core.models import Quotation, QuotationItem

    u, ed = open_new_editor(qtbot, window, wait_ops)
    assert ed.field("client").currentText().startswith("宁波海曙")
    assert ed.field("payment_terms").text() == "30% T/T deposit"
    header(u, ed)
    u.tab_to(ed.items_view)
    type_row(qtbot, item_cells("B-210", "帆布袋", "1000"))
    expected = compute_unit_price(Decimal("19.5"), Decimal("25"), Decimal("7.2"))
    assert expected == Decimal("3.39")
    price = ed.items.index(0, ItemCol.UNIT_PRICE)
    assert price.data() == "3.39"
    assert ed.items.index(0, ItemCol.TOTAL_COST).data() == "19.50"
    assert not ed.items.is_overridden(0)
    assert "3,390.00" in ed.totals_label.text() and "1,000" in ed.totals_label.text()

    header(u, ed, margin="30")  # the margin changes as I type: the price follows
    assert price.data() == format(compute_unit_price(Decimal("19.5"), 30, Decimal("7.2")), "f")

    # a second item (Tab past the price of the first adds it) whose price I type myself
    click_cell(qtbot, ed.items_view, 0, ItemCol.UNIT_PRICE)
    key(qtbot, Qt.Key_Tab)  # 单价 → (金额 is read-only) → past the end: a new item
    assert ed.items.rowCount() == 2 and ed.items_view.currentIndex().row() == 1
    type_row(qtbot, item_cells("B-211", "帆布袋(大)", "500") + ["4.10"])
    assert ed.items.is_overridden(1) and not ed.items.is_overridden(0)
    assert ed.items.index(1, ItemCol.UNIT_PRICE).data(Qt.FontRole).bold()
    assert ed.items.index(1, ItemCol.UNIT_PRICE).data(Qt.ForegroundRole) is not None
    assert ed.items.index(0, ItemCol.UNIT_PRICE).data(Qt.FontRole) is None
    qtmodeltester.check(ed.items)

    with qtbot.waitSignal(ed.saved, timeout=10_000):
        key(qtbot, Qt.Key_S, Qt.ControlModifier)
    q = Quotation.get()
    assert (q.client_id, q.currency, q.exchange_rate, q.margin_pct) == (client.id, "USD", Decimal("7.2"), Decimal(30))
    items = list(QuotationItem.select().order_by(QuotationItem.line_no))
    assert [(i.product, i.quantity, i.cost_material, i.unit_price) for i in items] == [
        ("帆布袋", 1000, Decimal("12.5"), compute_unit_price(Decimal("19.5"), 30, Decimal("7.2"))),
        ("帆布袋(大)", 500, Decimal("12.5"), Decimal("4.10"))]
    assert ed.quotation.number in ed.title.text()
    assert ed.items.is_overridden(1) and not ed.items.is_overridden(0)  # reopened: still an override

    version = q.version  # again: a new margin reprices the formula item only
    header(u, ed, margin="20")
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        key(qtbot, Qt.Key_S, Qt.ControlModifier)
    items = list(QuotationItem.select().order_by(QuotationItem.line_no))
    assert [i.unit_price for i in items] == [compute_unit_price(Decimal("19.5"), 20, Decimal("7.2")), Decimal("4.10")]
    assert Quotation.get().version > version
    u.press(ed.close_button)
    detail = window.current_tab().detail
    qtbot.waitUntil(lambda: detail.quotations.rowCount() == 1)  # the detail reads the saved one in a worker
    assert detail.quotations.item(0, 0).text() == q.number


def test_negative_cost_shows_error_on_cell_and_saves_nothing(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Quotation

    u, ed = open_new_editor(qtbot, window, wait_ops)
    header(u, ed)
    u.tab_to(ed.items_view)
    type_row(qtbot, item_cells("", "帆布袋", "100"))
    key(qtbot, Qt.Key_Tab)  # past 单价: the second item
    type_row(qtbot, item_cells("", "手提袋", "100", ["12.5", "4.2", "1.1", "-0.5", "0.6", "0.3"]))
    cell = ed.items.index(1, ItemCol.COST_PACKING)
    assert cell.data(Qt.BackgroundRole) is not None  # red while typing already
    u.press(ed.save_button)
    wait_ops()
    assert Quotation.select().count() == 0
    assert "第 2 行" in ed.error_label.text() and "包装" in ed.error_label.text()
    assert ed.items_view.currentIndex() == cell and "包装" in cell.data(Qt.ToolTipRole)

    # fixed, but no exchange rate → the message sits under that field
    click_cell(qtbot, ed.items_view, 1, ItemCol.COST_PACKING)  # the red cell; typing replaces it
    type_text(qtbot, "0.5")
    key(qtbot, Qt.Key_Tab)
    assert ed.items.index(1, ItemCol.COST_PACKING).data() == "0.5"
    u.fill(ed.field("exchange_rate"), "")
    u.press(ed.save_button)
    wait_ops()
    assert Quotation.select().count() == 0
    assert "汇率" in ed.errors.error_text("exchange_rate")
    header(u, ed)
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        u.press(ed.save_button)
    assert Quotation.select().count() == 1
    u.press(ed.close_button)


def make_saved(qtbot, window, wait_ops):
    u, ed = open_new_editor(qtbot, window, wait_ops)
    header(u, ed)
    u.tab_to(ed.items_view)
    type_row(qtbot, item_cells("B-210", "帆布袋", "1000"))
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        key(qtbot, Qt.Key_S, Qt.ControlModifier)
    return u, ed


def test_mark_sent_issue_pi_and_stale_edit(qtbot, window, wait_ops, client):
    from PySide6.QtWidgets import QApplication

    from gendan_desktop.core.quotations import update_quotation
    from gendan_desktop.gui.kit.printing_actions import PdfPreviewDialog

    u, ed = make_saved(qtbot, window, wait_ops)
    assert ed.sent_button.isEnabled() and ed.pi_button.isEnabled() and ed.preview_button.isEnabled()
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        u.press(ed.sent_button)
    assert ed.quotation.status == "sent" and not ed.sent_button.isEnabled()

    update_quotation(ed.quotation.id, {"notes": "另一窗口"}, ed.quotation.version)  # another window saves first
    u.fill(ed.field("trade_terms"), "CIF")
    seen = {}

    def reload(box):
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "重新载入").click()

    state = when_modal(qtbot, reload, QMessageBox)
    u.press(ed.save_button)
    wait_ops()
    assert state["done"] and "已被其他窗口或同事修改" in seen["text"]
    assert ed.field("notes").toPlainText() == "另一窗口" and ed.field("trade_terms").text() == "FOB"

    activate(qtbot, ed)
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        u.press(ed.pi_button)
    assert ed.quotation.status == "pi" and ed.quotation.pi_number in ed.title.text()
    assert not ed.pi_button.isEnabled() and ed.order_button.isEnabled()
    u.press(ed.preview_button)  # 预览/打印: the PI as a PDF in the preview window
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]
    assert previews and ed.quotation.pi_number in previews[0].windowTitle()
    previews[0].close()
    activate(qtbot, ed)
    u.press(ed.close_button)


def test_convert_to_order_appears_in_orders_tab(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Order
    from gendan_desktop.core.orders import create_order

    u, ed = make_saved(qtbot, window, wait_ops)
    u.press(ed.close_button)
    first = create_order(client.id, lines=[{"product": "样袋", "quantity": 10, "unit_price": "1"}],
                         delivery_date=dt.date.today() + dt.timedelta(days=20))
    tab = u.main_tab("orders")
    u.row(tab.pane.table, u.row_of(tab.model, first.id))
    panel = tab.quotations
    u.page(tab.detail, panel)  # 报价/PI: double-click the quotation → the editor
    assert panel.model.rowCount() == 1
    u.row(panel.view, 0)
    key(qtbot, Qt.Key_Return)  # Enter on the quotation (or a double-click) opens it
    ed = panel.quotation_editor
    assert ed is not None and ed.quotation is not None and ed.items.item_count() == 1
    activate(qtbot, ed)
    u.press(ed.order_button)
    dlg = u.dialog(ed)
    u.fill(dlg.field("delivery_date"), "+50")
    u.fill(dlg.field("client_po"), "PO-Q-1")
    with qtbot.waitSignal(ed.order_created, timeout=10_000) as got:
        u.ok(dlg)
    order = Order.get_by_id(got.args[0])
    assert order.client_po == "PO-Q-1" and order.quotation_id == ed.quotation.id
    assert order.delivery_date == dt.date.today() + dt.timedelta(days=50)
    assert ed.quotation.status == "ordered" and not ed.save_button.isEnabled()
    wait_ops()
    qtbot.waitUntil(lambda: tab.model.row_of(order.id) >= 0)
    assert tab.pane.current_id() == order.id
    activate(qtbot, ed)
    u.press(ed.close_button)


def test_new_from_orders_page_picks_client(qtbot, window, wait_ops, client):
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("orders")
    u.page(tab.detail, tab.quotations)
    u.press(tab.quotations.findChild(QPushButton, "newQuotation"))
    ed = tab.quotations.quotation_editor
    activate(qtbot, ed)
    assert ed.quotation is None and ed.field("client").currentText() == ""
    header(u, ed)
    u.tab_to(ed.items_view)
    type_row(qtbot, item_cells("", "帆布袋", "10"))
    u.press(ed.save_button)
    wait_ops()
    assert "客户" in ed.errors.error_text("client")
    u.pick(ed.field("client"), "nbhs")  # 宁波海曙 by its pinyin initials
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        u.press(ed.save_button)
    assert ed.quotation.client_id == client.id
    u.press(ed.close_button)


def test_closing_with_unsaved_changes_offers_save(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Quotation

    u, ed = make_saved(qtbot, window, wait_ops)
    u.fill(ed.field("trade_terms"), "CIF")
    state = u.answer_box(QMessageBox.Save)
    u.press(ed.close_button)
    assert state["done"]
    wait_ops()
    import shiboken6

    qtbot.waitUntil(lambda: not shiboken6.isValid(ed) or not ed.isVisible())  # saved, then closed
    assert Quotation.get().trade_terms == "CIF"


def test_form_names_its_inputs_after_the_service_fields(qapp):
    from gendan_desktop.gui.kit.forms import load_form
    from gendan_desktop.gui.orders.quotation_editor import HEADER_FIELDS

    form = load_form("quotation_form.ui")
    assert [n for n in ("client",) + HEADER_FIELDS if form.findChild(QWidget, n) is None] == []
