"""The window through the keyboard (issue 9, items 3 and 9–12): Ctrl+S while a
cell is being typed in, dates that take typing, Tab in reading order, the
order-lines grid, and pickers you type a client or an order into."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from input_helpers import (
    activate,
    click,
    click_cell,
    click_into,
    click_tab,
    field_of,
    focus,
    has_focus,
    key,
    key_target,
    replace_text,
    settle,
    type_text,
    when_modal,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


def go(qtbot, window, title: str):
    click_tab(qtbot, window.tab_widget, title)
    activate(qtbot, window)
    return window.current_tab()


def tab_until(qtbot, widget: QWidget, limit: int = 40, back: bool = False) -> int:
    """Press Tab (Shift+Tab) until ``widget`` has the focus; returns how many presses."""
    for n in range(limit):
        if has_focus(widget):
            return n
        key(qtbot, Qt.Key_Backtab if back else Qt.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.objectName()}; focus is on {focus()}")


def pick(qtbot, text: str) -> None:
    """Type into the focused picker, wait for the list of matches, take the first."""
    type_text(qtbot, text)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


@pytest.fixture
def client(sqlite_db):
    from gendan_desktop.core.clients import create_client

    create_client(name="李四服饰")
    return create_client(name="上海明达贸易有限公司", country="中国", default_currency="USD")


def start_new_order(qtbot, window, client_initials: str = "shmd"):
    """订单 tab, Ctrl+N, the client picked by its pinyin initials; returns the editor."""
    tab = go(qtbot, window, "订单")
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    ed = tab.editor
    assert has_focus(ed.field("client"))
    pick(qtbot, client_initials)
    return tab, ed


def type_line(qtbot, values: list[str]) -> None:
    """Type the cells of one line, Tab after each (the grid skips 行 and 金额)."""
    for text in values:
        if text:
            replace_text(qtbot, text)
        key(qtbot, Qt.Key_Tab)


# ------------------------------------------------ 3. Ctrl+S while typing --
def test_ctrl_s_while_a_cell_is_being_typed_saves_it(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Order, OrderLine

    tab, ed = start_new_order(qtbot, window)
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "PO-7788")
    tab_until(qtbot, ed.field("delivery_date"))
    type_text(qtbot, "+40")
    tab_until(qtbot, ed.lines_view)
    type_line(qtbot, ["T-100", "圆领T恤", "白", "M", "600", ""])
    replace_text(qtbot, "3.25")  # 单价, still being typed in …
    assert ed.lines_view.state() == ed.lines_view.State.EditingState
    key(qtbot, Qt.Key_S, Qt.ControlModifier)  # … when Ctrl+S is pressed
    wait_ops()
    order = Order.get()
    line = OrderLine.get(OrderLine.order == order.id)
    assert (order.client_po, order.delivery_date) == ("PO-7788", TODAY + dt.timedelta(days=40))
    assert (line.style, line.product, line.quantity, line.unit_price) == ("T-100", "圆领T恤", 600, Decimal("3.25"))
    assert ed.order is not None and ed.order.id == order.id and not ed.error_label.isVisible()


def test_ctrl_s_while_a_quotation_cell_is_being_typed_saves_it(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import QuotationItem

    tab = go(qtbot, window, "订单")
    click_tab(qtbot, tab.detail, "报价/PI")
    click(qtbot, tab.quotations.new_button)
    ed = tab.quotations.quotation_editor
    activate(qtbot, ed)
    click_into(qtbot, ed.field("client"))
    pick(qtbot, "shmd")
    replace_text(qtbot, "7.2", ed.field("exchange_rate"))
    tab_until(qtbot, ed.items_view)
    type_line(qtbot, ["B-1", "帆布袋", "", "1000", "", "12.5"])
    replace_text(qtbot, "4.2")  # 加工 cost, still open
    with qtbot.waitSignal(ed.saved, timeout=10_000):
        key(qtbot, Qt.Key_S, Qt.ControlModifier)
    item = QuotationItem.get()
    assert (item.product, item.quantity, item.cost_material, item.cost_processing) == (
        "帆布袋", 1000, Decimal("12.5"), Decimal("4.2"))
    ed.close()


def test_unsaved_changes_prompt_offers_save(qtbot, window, wait_ops, client):
    from gendan_desktop.core.orders import create_order

    lines = [{"style": "A", "quantity": 10, "unit_price": "1"}]
    first = create_order(client.id, lines=lines, delivery_date=TODAY + dt.timedelta(days=9), client_po="PO-A")
    second = create_order(client.id, lines=lines, delivery_date=TODAY + dt.timedelta(days=9), client_po="PO-B")
    tab = go(qtbot, window, "订单")
    row_of = tab.model.row_of
    with qtbot.waitSignal(tab.editor.sig_loaded):  # the editor reads the order in the background
        click_cell(qtbot, tab.pane.table, row_of(first.id))
    replace_text(qtbot, "PO-A2", tab.editor.field("client_po"))
    seen = {}

    def answer(box):
        seen["buttons"] = box.standardButtons()
        (box.button(QMessageBox.Save) or box.button(QMessageBox.Cancel)).click()

    state = when_modal(qtbot, answer, QMessageBox)
    click_cell(qtbot, tab.pane.table, row_of(second.id))
    assert state["done"], state.get("error")
    assert seen["buttons"] & QMessageBox.Save and seen["buttons"] & QMessageBox.Discard
    wait_ops()
    from gendan_desktop.core.models import Order

    assert Order.get_by_id(first.id).client_po == "PO-A2"
    qtbot.waitUntil(lambda: tab.order_id == second.id)  # then the order clicked is shown
    qtbot.waitUntil(lambda: tab.editor.order is not None and tab.editor.order.id == second.id)
    assert tab.editor.field("client_po").text() == "PO-B"


# ------------------------------------------------------------- 9. dates --
def test_dates_take_typing_and_stay_empty_when_left_empty(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Order

    tab, ed = start_new_order(qtbot, window)
    delivery = ed.field("delivery_date")
    tab_until(qtbot, delivery)
    assert delivery.text() == ""  # empty, not 2000-01-01
    key(qtbot, Qt.Key_Tab)  # passing through leaves it empty and moves on
    assert delivery.text() == "" and not has_focus(delivery)
    for typed, expected in (("2026-12-01", dt.date(2026, 12, 1)), ("12-01", dt.date(TODAY.year, 12, 1)),
                            ("1201", dt.date(TODAY.year, 12, 1)), ("+7", TODAY + dt.timedelta(days=7)),
                            ("2027/3/5", dt.date(2027, 3, 5))):
        click_into(qtbot, delivery)
        replace_text(qtbot, typed)
        key(qtbot, Qt.Key_Tab)
        assert delivery.text() == expected.isoformat(), typed
        assert not has_focus(delivery)  # Tab leaves the field
    click_into(qtbot, delivery)
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    key(qtbot, Qt.Key_Backspace)
    key(qtbot, Qt.Key_Tab)
    assert delivery.text() == ""

    # a PO typed into a date field by mistake is not taken as a date
    click_into(qtbot, ed.field("order_date"))
    replace_text(qtbot, "PO-7788")
    key(qtbot, Qt.Key_Tab)
    assert ed.field("order_date").text() == "PO-7788"
    tab_until(qtbot, ed.lines_view)
    type_line(qtbot, ["T-1", "", "", "", "10", "", "2"])
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    wait_ops()
    assert Order.select().count() == 0
    assert "PO-7788" in ed.errors.error_text("order_date")
    click_into(qtbot, ed.field("order_date"))
    replace_text(qtbot, "+0")
    click_into(qtbot, delivery)
    replace_text(qtbot, "+30")
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    wait_ops()
    order = Order.get()
    assert (order.order_date, order.delivery_date) == (TODAY, TODAY + dt.timedelta(days=30))


def test_an_empty_date_opens_its_calendar_on_today(qtbot, window, client):
    tab, ed = start_new_order(qtbot, window)
    delivery = ed.field("delivery_date")
    click_into(qtbot, delivery)
    key(qtbot, Qt.Key_Down, Qt.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    calendar = delivery.calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (TODAY.year, TODAY.month)
    key(qtbot, Qt.Key_Right)  # tomorrow, chosen with the keyboard
    key(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert delivery.text() == (TODAY + dt.timedelta(days=1)).isoformat()
    assert has_focus(delivery)


def test_an_optional_dialog_date_is_typed(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import Sample

    tab = go(qtbot, window, "客户档案")
    click_cell(qtbot, tab.pane.table, tab.model.row_of(client.id))
    click_tab(qtbot, tab.detail.pages, "样品")
    from input_helpers import button

    click(qtbot, button(tab.detail, "新打样…"))
    dlg = tab.detail.dialog
    activate(qtbot, dlg)
    assert dlg.field("due_date").text() == ""
    click_into(qtbot, dlg.field("product"))
    type_text(qtbot, "针织开衫")
    tab_until(qtbot, dlg.field("due_date"))
    type_text(qtbot, "+14")
    click(qtbot, dlg.ok_button)
    wait_ops()
    assert Sample.get().due_date == TODAY + dt.timedelta(days=14)


# --------------------------------------------------------- 10. Tab order --
def test_tab_in_the_order_form_follows_the_reading_order(qtbot, window, client):
    tab, ed = start_new_order(qtbot, window)
    seen = []
    expected = ["client_po", "order_type", "order_date", "delivery_date", "channel", "currency", "trade_terms",
                "deposit_pct", "payment_terms", "product_category", "merchandiser", "sample", "client_requirements",
                "packing", "shipping_marks", "notes"]
    for _ in expected:
        key(qtbot, Qt.Key_Tab)
        seen.append(field_of(focus()))
    assert seen == expected
    key(qtbot, Qt.Key_Tab)
    assert has_focus(ed.lines_view)


def test_tab_in_the_progress_entry_goes_good_defect_operator_date(qtbot, window):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review
    from gendan_desktop.core.production import issue_flow_cards

    c = create_client(name="宁波海运服饰")
    order = create_order(c.id, delivery_date=TODAY + dt.timedelta(days=30),
                         lines=[{"style": "P-1", "quantity": 100, "unit_price": "4"}])
    order = set_review(order.id, True, True, True, True, True, "", order.version)
    confirm_order(order.id, expected_version=order.version)
    card = issue_flow_cards(order.id, batch_size=100)[0]
    tab = go(qtbot, window, "生产跟踪")
    panel = tab.progress
    click_into(qtbot, panel.scan_box)
    type_text(qtbot, card.number)
    key(qtbot, Qt.Key_Return)
    assert has_focus(panel.field("qty_good"))
    seen = []
    for _ in range(4):
        key(qtbot, Qt.Key_Tab)
        seen.append(field_of(focus()))
    assert seen == ["qty_defect", "operator", "date", "record_button"]


# ------------------------------------------------- 11. the lines grid --
def test_the_lines_grid_by_keyboard(qtbot, window, wait_ops, client):
    from gendan_desktop.core.models import OrderLine
    from gendan_desktop.gui.orders.order_lines_model import LineCol

    tab, ed = start_new_order(qtbot, window)
    grid, lines = ed.lines_view, ed.lines
    tab_until(qtbot, ed.field("delivery_date"))
    type_text(qtbot, "+20")
    tab_until(qtbot, grid)
    assert grid.currentIndex().column() == LineCol.STYLE  # not the read-only 行
    assert grid.state() == grid.State.EditingState  # open for typing at once
    type_line(qtbot, ["T-100", "", "白", "M", "600", "", "3.25"])  # 单价 → Tab skips 金额 → 备注
    assert grid.currentIndex().column() == LineCol.REMARKS
    key(qtbot, Qt.Key_Tab)  # past the last cell: a new line, at its first cell
    assert lines.rowCount() == 2 and (grid.currentIndex().row(), grid.currentIndex().column()) == (1, LineCol.STYLE)
    type_line(qtbot, ["T-100", "", "黑", "L", "400", "", "3.5"])
    replace_text(qtbot, "加急")
    key(qtbot, Qt.Key_Return)  # Enter past the last cell adds a line too
    assert lines.rowCount() == 3 and grid.currentIndex().row() == 2
    key(qtbot, Qt.Key_Backtab)  # Shift+Tab goes back a cell, into line 2's 备注
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, LineCol.REMARKS)
    key(qtbot, Qt.Key_Tab)
    key(qtbot, Qt.Key_Tab, Qt.ControlModifier)  # Ctrl+Tab leaves the grid
    assert not has_focus(grid) and focus() is ed.add_line_button
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    wait_ops()
    got = [(ln.colour, ln.size, ln.quantity, ln.unit_price, ln.remarks)
           for ln in OrderLine.select().order_by(OrderLine.line_no)]
    assert got == [("白", "M", 600, Decimal("3.25"), ""),
                   ("黑", "L", 400, Decimal("3.5"), "加急")]  # blank line 3 dropped


def test_tab_past_a_blank_last_line_leaves_the_grid(qtbot, window, client):
    tab, ed = start_new_order(qtbot, window)
    assert "无效" not in ed.totals_label.text()  # a line not typed yet is not an invalid one
    tab_until(qtbot, ed.lines_view)
    for _ in range(8):  # through the empty first line
        key(qtbot, Qt.Key_Tab)
    assert ed.lines.rowCount() == 1 and not has_focus(ed.lines_view)
    key(qtbot, Qt.Key_Backtab)  # and back in, at the last cell
    assert has_focus(ed.lines_view)


# ---------------------------------------------------- 12. typeable pickers --
@pytest.fixture
def orders_of_three_clients(sqlite_db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review

    out = {}
    for name in ("张三贸易", "王五纺织", "李四服饰", "Acme Textiles"):
        c = create_client(name=name)
        orders = [create_order(c.id, lines=[{"style": "S", "quantity": 5, "unit_price": "1"}],
                               delivery_date=TODAY + dt.timedelta(days=d)) for d in (10, 20)]
        for o in orders:  # confirmed: goods a complaint can be about
            o = set_review(o.id, True, True, True, True, True, "", o.version)
            confirm_order(o.id, expected_version=o.version)
        out[name] = [o.id for o in orders]
    return out


def test_the_client_filter_is_typed_into_with_pinyin_initials(qtbot, window, orders_of_three_clients):
    tab = go(qtbot, window, "订单")
    combo = tab.pane.filter_combos["client"]
    assert combo.isEditable()
    click_into(qtbot, combo)
    pick(qtbot, "zs")
    assert combo.currentText().startswith("张三贸易")
    settle()
    assert sorted(tab.model.ids()) == sorted(orders_of_three_clients["张三贸易"])
    replace_text(qtbot, "")  # emptied: all clients again
    qtbot.waitUntil(lambda: tab.model.rowCount() == 8)
    # the drop-down lists them in pinyin order, not by number of orders
    click(qtbot, combo, QPoint(combo.width() - 8, combo.height() // 2))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    assert [combo.itemText(i).split(" (")[0] for i in range(combo.count())] == [
        "Acme Textiles", "李四服饰", "王五纺织", "张三贸易"]
    key(qtbot, Qt.Key_Escape)  # closes the list; the arrows then walk it in that order
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Down)
    assert combo.currentText().startswith("李四服饰")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert sorted(tab.model.ids()) == sorted(orders_of_three_clients["李四服饰"])


def test_the_complaint_order_is_picked_by_client_or_number(qtbot, window, wait_ops, orders_of_three_clients):
    from gendan_desktop.core.models import Complaint, Order

    tab = go(qtbot, window, "售后")
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    ed = tab.editor
    assert has_focus(ed.field("order"))
    pick(qtbot, "ww")  # 王五纺织's orders, newest first
    assert ed.order is not None and ed.order.id in orders_of_three_clients["王五纺织"]
    assert "王五纺织" in ed.order_info.text()
    number = Order.get_by_id(orders_of_three_clients["张三贸易"][0]).number
    click_into(qtbot, ed.field("order"))
    replace_text(qtbot, number.lower())
    key(qtbot, Qt.Key_Return)  # the number typed in full, Enter
    qtbot.waitUntil(lambda: ed.order is not None and ed.order.number == number)
    click_into(qtbot, ed.field("description"))
    type_text(qtbot, "拉链损坏")
    click(qtbot, ed.save_button)
    wait_ops()
    assert Complaint.select().count() == 1, (ed.message.text(), ed.errors.error_text("order"),
                                            ed.errors.error_text("description"), ed.field("order").currentText())
    assert Complaint.get().order_id == orders_of_three_clients["张三贸易"][0]
    assert key_target() is not None
