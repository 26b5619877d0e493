"""报价单 editor: cost lines typed into the items table give the formula's
price live, a typed price overrides it, save writes it, a bad cell saves
nothing, PI, and turning the quotation into an order listed in the 订单 tab."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

from gendan_desktop.core.quotations import compute_unit_price
from gendan_desktop.gui.forms import set_value
from gendan_desktop.gui.quotation_items_model import KEYS, ItemCol

pytestmark = pytest.mark.gui

COSTS = {"cost_material": "12.5", "cost_processing": "4.2", "cost_accessories": "1.1", "cost_packing": "0.8",
         "cost_freight": "0.6", "cost_other": "0.3"}  # 19.50 CNY per piece


@pytest.fixture
def client(sqlite_db):
    from gendan_desktop.core.clients import create_client

    return create_client(name="宁波海曙进出口有限公司", country="中国", default_currency="USD",
                         payment_terms="30% T/T deposit")


def open_new_editor(qtbot, window, client):
    """新报价单… on the client detail's quotations page."""
    from PySide6.QtWidgets import QPushButton

    tab = window.show_tab("clients")
    tab.open_record("client", client.id)
    detail = tab.detail
    detail.show_page("quotations")
    button = detail.findChild(QPushButton, "newQuotation")
    qtbot.mouseClick(button, Qt.LeftButton)
    ed = detail.quotation_editor
    assert ed is not None and ed.isVisible()
    return ed


def type_cell(qtbot, ed, row: int, col: int, text: str) -> None:
    """Open the cell's editor, type into it, commit — as a user does."""
    view = ed.items_view
    index = ed.items.index(row, col)
    view.setCurrentIndex(index)
    if view.state() != view.State.EditingState:
        view.edit(index)
    editors = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    QTest.keyClicks(editor, text)
    assert editor.text() == text, editor.text()
    view.commitData(editor)  # what Enter does (offscreen the key does not reach the delegate's filter)
    view.closeEditor(editor, QAbstractItemDelegate.NoHint)
    assert ed.items.index(row, col).data(Qt.EditRole) == text or col == ItemCol.UNIT_PRICE


def fill_item(qtbot, ed, row: int, values: dict) -> None:
    for key, text in values.items():
        col = {v: k for k, v in KEYS.items()}[key]
        if text.isascii():
            type_cell(qtbot, ed, row, col, text)
        else:  # an input method commits Chinese text
            assert ed.items.setData(ed.items.index(row, col), text, Qt.EditRole)


def header(ed, rate="7.2", margin="25"):
    ed.field("exchange_rate").clear()
    QTest.keyClicks(ed.field("exchange_rate"), rate)
    ed.field("margin_pct").clear()
    QTest.keyClicks(ed.field("margin_pct"), margin)


def test_costs_give_live_price_override_and_save(qtbot, qtmodeltester, window, wait_ops, client):
    from gendan_desktop.core.models import Quotation, QuotationItem

    ed = open_new_editor(qtbot, window, client)
    assert ed.field("client").currentText().startswith("宁波海曙")
    assert ed.field("payment_terms").text() == "30% T/T deposit"
    header(ed)
    fill_item(qtbot, ed, 0, {"style": "B-210", "product": "帆布袋", "quantity": "1000", **COSTS})
    expected = compute_unit_price(Decimal("19.5"), Decimal("25"), Decimal("7.2"))
    assert expected == Decimal("3.39")
    price = ed.items.index(0, ItemCol.UNIT_PRICE)
    assert price.data() == "3.39"
    assert ed.items.index(0, ItemCol.TOTAL_COST).data() == "19.50"
    assert not ed.items.is_overridden(0)
    assert "3,390.00" in ed.totals_label.text() and "1,000" in ed.totals_label.text()

    # the margin changes as I type: the price follows at once
    header(ed, margin="30")
    assert price.data() == format(compute_unit_price(Decimal("19.5"), 30, Decimal("7.2")), "f")

    # a second item whose price I type myself: shown bold and blue, kept
    ed.add_item()
    fill_item(qtbot, ed, 1, {"style": "B-211", "product": "帆布袋(大)", "quantity": "500", **COSTS})
    type_cell(qtbot, ed, 1, ItemCol.UNIT_PRICE, "4.10")
    assert ed.items.is_overridden(1) and not ed.items.is_overridden(0)
    assert ed.items.index(1, ItemCol.UNIT_PRICE).data(Qt.FontRole).bold()
    assert ed.items.index(1, ItemCol.UNIT_PRICE).data(Qt.ForegroundRole) is not None
    assert ed.items.index(0, ItemCol.UNIT_PRICE).data(Qt.FontRole) is None
    qtmodeltester.check(ed.items)

    with qtbot.waitSignal(ed.saved, timeout=10_000):
        qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    q = Quotation.get()
    assert (q.client_id, q.currency, q.exchange_rate, q.margin_pct) == (client.id, "USD", Decimal("7.2"), Decimal(30))
    items = list(QuotationItem.select().order_by(QuotationItem.line_no))
    assert [(i.product, i.quantity, i.cost_material, i.unit_price) for i in items] == [
        ("帆布袋", 1000, Decimal("12.5"), compute_unit_price(Decimal("19.5"), 30, Decimal("7.2"))),
        ("帆布袋(大)", 500, Decimal("12.5"), Decimal("4.10"))]
    assert ed.quotation.number in ed.title.text()
    # reopened from the DB, the typed price is still shown as an override
    assert ed.items.is_overridden(1) and not ed.items.is_overridden(0)

    # editing again: a new margin reprices the formula item only; the version moves on
    version = q.version
    header(ed, margin="20")
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    items = list(QuotationItem.select().order_by(QuotationItem.line_no))
    assert [i.unit_price for i in items] == [compute_unit_price(Decimal("19.5"), 20, Decimal("7.2")), Decimal("4.10")]
    assert Quotation.get().version > version
    # the client detail lists it
    detail = window.show_tab("clients").detail
    assert detail.quotations.rowCount() == 1 and detail.quotations.item(0, 0).text() == q.number
    ed.close()


def test_negative_cost_shows_error_on_cell_and_saves_nothing(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Quotation

    ed = open_new_editor(qtbot, window, client)
    header(ed)
    fill_item(qtbot, ed, 0, {"product": "帆布袋", "quantity": "100", **COSTS})
    ed.add_item()
    fill_item(qtbot, ed, 1, {"product": "手提袋", "quantity": "100", **{**COSTS, "cost_packing": "-0.5"}})
    cell = ed.items.index(1, ItemCol.COST_PACKING)
    assert cell.data(Qt.BackgroundRole) is not None  # red while typing already
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert Quotation.select().count() == 0
    assert "第 2 行" in ed.error_label.text() and "包装" in ed.error_label.text()
    assert ed.items_view.currentIndex() == cell
    assert "包装" in cell.data(Qt.ToolTipRole)

    # fixed: but no exchange rate → the message sits under that field, still nothing saved
    type_cell(qtbot, ed, 1, ItemCol.COST_PACKING, "0.5")
    ed.field("exchange_rate").clear()
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert Quotation.select().count() == 0
    assert "汇率" in ed.errors.error_text("exchange_rate")
    header(ed)
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    assert Quotation.select().count() == 1
    ed.close()


def make_saved(qtbot, window, client):
    ed = open_new_editor(qtbot, window, client)
    header(ed)
    fill_item(qtbot, ed, 0, {"style": "B-210", "product": "帆布袋", "quantity": "1000", **COSTS})
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    return ed


def test_mark_sent_issue_pi_and_stale_edit(qtbot, window, wait_ops, client, monkeypatch):
    from gendan_desktop.core.quotations import update_quotation
    from gendan_desktop.gui import tab_kit

    ed = make_saved(qtbot, window, client)
    assert ed.sent_button.isEnabled() and ed.pi_button.isEnabled() and ed.preview_button.isEnabled()
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        qtbot.mouseClick(ed.sent_button, Qt.LeftButton)
    assert ed.quotation.status == "sent" and not ed.sent_button.isEnabled()

    # another window saves first: saving mine says so and reloads
    update_quotation(ed.quotation.id, {"notes": "另一窗口"}, ed.quotation.version)
    set_value(ed.field("trade_terms"), "CIF")
    ed._mark_dirty()
    asked = []
    monkeypatch.setattr(tab_kit, "ask_reload_after_stale", lambda parent, exc: asked.append(str(exc)) or True)
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert asked and "已被其他窗口或同事修改" in asked[0]
    assert ed.field("notes").toPlainText() == "另一窗口" and ed.field("trade_terms").text() == "FOB"

    with qtbot.waitSignal(ed.saved, timeout=10_000):
        qtbot.mouseClick(ed.pi_button, Qt.LeftButton)
    assert ed.quotation.status == "pi" and ed.quotation.pi_number
    assert ed.quotation.pi_number in ed.title.text()
    assert not ed.pi_button.isEnabled() and ed.order_button.isEnabled()
    preview = ed.preview()  # 预览/打印: the PI as a PDF in the preview window
    assert preview is not None and ed.quotation.pi_number in preview.windowTitle()
    preview.close()
    ed.close()


def test_convert_to_order_appears_in_orders_tab(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Order

    ed = make_saved(qtbot, window, client)
    ed.close()
    # the orders tab's 报价/PI page: double-click the quotation → the editor
    from gendan_desktop.core.orders import create_order

    tab = window.show_tab("orders")
    first = create_order(client.id, lines=[{"product": "样袋", "quantity": 10, "unit_price": "1"}],
                         delivery_date=dt.date.today() + dt.timedelta(days=20))
    tab.refresh()
    tab.pane.select_id(first.id)
    tab.show_page(tab.quotations)
    panel = tab.quotations
    assert panel.model.rowCount() == 1
    index = panel.model.index(0, 0)
    panel.view.setCurrentIndex(index)
    panel.view.doubleClicked.emit(index)
    ed = panel.quotation_editor
    assert ed is not None and ed.quotation is not None and ed.items.item_count() == 1

    ed.to_order()
    dlg = ed.dialog
    set_value(dlg.field("delivery_date"), dt.date.today() + dt.timedelta(days=50))
    set_value(dlg.field("client_po"), "PO-Q-1")
    with qtbot.waitSignal(ed.order_created, timeout=10_000) as got:
        dlg.submit()
    order = Order.get_by_id(got.args[0])
    assert order.client_po == "PO-Q-1" and order.quotation_id == ed.quotation.id
    assert ed.quotation.status == "ordered" and not ed.save_button.isEnabled()
    wait_ops()
    qtbot.waitUntil(lambda: tab.model.row_of(order.id) >= 0)
    assert tab.pane.current_id() == order.id
    ed.close()


def test_new_from_orders_page_picks_client(qtbot, window, wait_ops, client):
    from PySide6.QtWidgets import QPushButton

    tab = window.show_tab("orders")
    tab.show_page(tab.quotations)
    qtbot.mouseClick(tab.quotations.findChild(QPushButton, "newQuotation"), Qt.LeftButton)
    ed = tab.quotations.quotation_editor
    assert ed.quotation is None and ed.field("client").currentText() == ""
    header(ed)
    fill_item(qtbot, ed, 0, {"product": "帆布袋", "quantity": "10", **COSTS})
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    wait_ops()
    assert "客户" in ed.errors.error_text("client")
    ed.picker.set_client(client.id)
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    assert ed.quotation.client_id == client.id
    ed.close()


def test_form_names_its_inputs_after_the_service_fields(qapp):
    from PySide6.QtWidgets import QWidget

    from gendan_desktop.gui.forms import load_form
    from gendan_desktop.gui.quotation_editor import HEADER_FIELDS

    form = load_form("quotation_form.ui")
    assert [n for n in ("client",) + HEADER_FIELDS if form.findChild(QWidget, n) is None] == []
