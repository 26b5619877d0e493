"""生产跟踪 tab through input: issue the sheet and flow cards, start production,
record progress through the scan box, materials and purchases, exceptions and
recalled documents, printing, and records opened from elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from flows import User
from input_helpers import activate, click_cell, key, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


@pytest.fixture
def confirmed_order(sqlite_db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review

    client = create_client(name="宁波海运服饰", default_currency="USD")
    order = create_order(client.id, delivery_date=TODAY + dt.timedelta(days=30), product_category="T恤",
                         lines=[{"style": "P-1", "product": "Polo", "colour": "红", "size": "M", "quantity": 250,
                                 "unit_price": "4.10"}])
    order = set_review(order.id, True, True, True, True, True, "", order.version)
    return confirm_order(order.id, expected_version=order.version)


def open_production(qtbot, window, wait_ops, order):
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("production")
    u.row(tab.pane.table, u.row_of(tab.model, order.id))
    assert tab.order_id == order.id
    return u, tab


def test_issue_cards_and_scan_progress(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.models import FlowCard, FlowCardStep

    u, tab = open_production(qtbot, window, wait_ops, confirmed_order)
    u.press(tab.sheet_button)
    wait_ops()
    assert "尚未下发生产单" not in tab.header.text()
    u.press(tab.cards_button)
    dlg = u.dialog(tab)
    u.fill(dlg.field("batch_size"), "100")
    u.ok(dlg)
    cards = list(FlowCard.select().order_by(FlowCard.id))
    assert [c.quantity for c in cards] == [100, 100, 50]
    assert tab.progress.model.rowCount() == 4  # 3 cards + the totals row
    asked = u.answer_box(QMessageBox.Yes)  # no materials on record: the window asks first
    u.press(tab.start_button)
    wait_ops()
    assert asked["done"] and "尚未登记物料" in asked["widget_text"]
    assert "生产中" in tab.header.text()

    # a scanner types the number and Enter into the scan box
    panel = tab.progress
    u.fill(panel.scan_box, cards[1].number.lower())
    key(qtbot, Qt.Key_Return)
    assert panel.card is not None and panel.card.id == cards[1].id
    assert panel.step_combo.currentData() == 1  # first step
    good = panel.field("qty_good")
    assert panel.focusWidget() is good.lineEdit() or good.hasFocus()
    assert good.value() == 100
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "96")
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "4")  # 次品, all selected on arrival
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "Li")  # 操作员
    key(qtbot, Qt.Key_Return)
    wait_ops()
    step1 = FlowCardStep.get((FlowCardStep.card == cards[1].id) & (FlowCardStep.seq == 1))
    assert (step1.qty_in, step1.qty_good, step1.qty_defect) == (100, 96, 4)
    assert step1.finished_at is not None
    assert panel.scan_box.hasFocus() and panel.scan_box.text() == ""
    idx = panel.model.index(1, 4)  # the grid cell, green (finished)
    assert idx.data().startswith("96 / 100") and idx.data(Qt.BackgroundRole) is not None

    # the same card again: the next step, with the 96 good pieces waiting
    type_text(qtbot, cards[1].number)
    key(qtbot, Qt.Key_Return)
    assert panel.step_combo.currentData() == 2 and panel.field("qty_in").value() == 96

    # too many good pieces: refused under the field, nothing written
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "97")
    key(qtbot, Qt.Key_Return)
    assert "超过" in panel.errors.error_text("qty_good")
    assert FlowCardStep.get((FlowCardStep.card == cards[1].id) & (FlowCardStep.seq == 2)).qty_in == 0

    u.fill(panel.scan_box, "LC0000-99999")  # an unknown number says so
    key(qtbot, Qt.Key_Return)
    assert "找不到" in panel.message.text()


def test_material_shortage_needs_override_reason(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.materials import add_material
    from gendan_desktop.core.models import Order

    add_material(confirmed_order.id, "全棉汗布", "1.2", 3, 0, unit="m")
    u, tab = open_production(qtbot, window, wait_ops, confirmed_order)
    u.page(tab.detail, tab.materials)
    assert "物料不足" in tab.materials.summary.text()
    u.answer_box(QMessageBox.Yes)  # no sheet, no cards yet: go ahead anyway
    u.press(tab.start_button)
    dlg = u.dialog(tab)
    assert "全棉汗布" in dlg.field("prompt").text()
    u.fill(dlg.field("reason"), "客户同意先用库存布开裁")
    u.ok(dlg)
    order = Order.get_by_id(confirmed_order.id)
    assert order.status == "in_production" and order.material_override_reason == "客户同意先用库存布开裁"

    # purchase the short material, then book its delivery: the shortage goes away
    mats = tab.materials
    u.page(tab.detail, mats)
    u.row(mats.materials_view, 0)
    u.press(mats.purchase_button)
    dlg = u.dialog(mats)
    assert dlg.value("quantity") == pytest.approx(309.0)  # 250 × 1.2 m × 1.03
    u.fill(dlg.field("supplier"), "绍兴布行")
    u.ok(dlg)
    assert dlg.errors.error_text("due_date")  # the due date is required
    u.fill(dlg.field("due_date"), "+5")
    u.ok(dlg)
    assert [r["supplier"] for r in mats.purchases.rows()] == ["绍兴布行"]
    u.row(mats.purchases_view, 0)
    u.press(mats.receive_button)
    dlg = u.dialog(mats)
    u.ok(dlg)
    assert mats.purchases.rows()[0]["state"] == "已到齐"
    assert "物料已齐备" in mats.summary.text()


def test_exception_escalation_and_recalls(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.orders import get_order
    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet
    from gendan_desktop.core.recalls import cancel_order

    u, tab = open_production(qtbot, window, wait_ops, confirmed_order)
    panel = tab.exceptions
    u.page(tab.detail, panel)
    u.press(panel.report_button)
    dlg = u.dialog(panel)
    u.ok(dlg)  # no description → error under the field
    assert dlg.errors.error_text("description")
    u.fill(dlg.field("description"), "印花色差,影响 40 件")
    u.choose(dlg.field("severity"), "high")
    u.ok(dlg)
    rows = panel.model.rows()
    assert len(rows) == 1 and rows[0]["status"] == "待处理"
    u.row(panel.view, 0)
    u.press(panel.escalate_button)
    dlg = u.dialog(panel)
    u.fill(dlg.field("reason"), "厂长")
    u.ok(dlg)
    assert panel.model.rows()[0]["escalated_to"] == "厂长"

    from gendan_desktop.printing.service import record_printed

    sheet = issue_production_sheet(confirmed_order.id)
    cards = issue_flow_cards(confirmed_order.id, batch_size=250)
    record_printed("production_sheet", [sheet.id])  # only printed paper is collected
    record_printed("flow_card", [c.id for c in cards])
    cancel_order(confirmed_order.id, "客户取消", get_order(confirmed_order.id).version)
    activate(qtbot, window)
    key(qtbot, Qt.Key_F5, widget=window)
    u.page(tab.detail, tab.recalls)
    recalls = tab.recalls
    assert len(recalls.model.rows()) == 2
    u.row(recalls.view, 0)
    key(qtbot, Qt.Key_A, Qt.ControlModifier)  # select both
    u.press(recalls.returned_button)
    wait_ops()
    assert recalls.model.rows() == []


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, window, wait_ops, confirmed_order):
    from gendan_desktop.core.production import issue_flow_cards, record_progress

    cards = issue_flow_cards(confirmed_order.id, batch_size=100)
    record_progress(cards[0].id, 1, 100, 100, 0, "张三")
    u, tab = open_production(qtbot, window, wait_ops, confirmed_order)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.progress.model)
    for page in (tab.documents, tab.materials, tab.exceptions, tab.recalls):
        u.page(tab.detail, page)
    qtmodeltester.check(tab.documents.model)
    qtmodeltester.check(tab.materials.materials)
    qtmodeltester.check(tab.recalls.model)


def test_print_selected_cards_and_sheet_preview(qtbot, window, wait_ops, confirmed_order):
    from PySide6.QtWidgets import QApplication

    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet
    from gendan_desktop.gui.kit.printing_actions import PdfPreviewDialog

    def previews():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]

    issue_production_sheet(confirmed_order.id)
    cards = issue_flow_cards(confirmed_order.id, batch_size=100)
    u, tab = open_production(qtbot, window, wait_ops, confirmed_order)
    u.page(tab.detail, tab.documents)
    view, model = tab.documents.view, tab.documents.model
    click_cell(qtbot, view, model.row_of(("flow_card", cards[0].id)))
    index = model.index(model.row_of(("flow_card", cards[1].id)), 0)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.ControlModifier, view.visualRect(index).center())
    assert tab.documents.selected_card_ids() == [c.id for c in cards[:2]]
    u.press(tab.print_selected_button)
    wait_ops(60_000)
    qtbot.waitUntil(lambda: bool(previews()), timeout=30_000)
    dialog = previews()[0]
    assert "2" in dialog.windowTitle() and dialog.page_count() >= 1
    dialog.close()
    activate(qtbot, window)
    u.press(tab.print_sheet_button)
    qtbot.waitUntil(lambda: bool(previews()))
    dialog = previews()[0]
    assert dialog.isVisible() and "生产单" in dialog.windowTitle()
    dialog.close()


def test_records_open_from_search_and_workbench(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.production import issue_flow_cards
    from gendan_desktop.core.production_exceptions import report_exception

    cards = issue_flow_cards(confirmed_order.id, batch_size=250)
    report_exception(confirmed_order.id, "quality", "high", "色差")
    u = User(qtbot, window, wait_ops)
    activate(qtbot, window)
    key(qtbot, Qt.Key_K, Qt.ControlModifier, window)  # a flow card number typed in the search
    type_text(qtbot, cards[0].number)
    qtbot.waitUntil(lambda: bool(window.search_box.results))
    key(qtbot, Qt.Key_Return)
    tab = window.current_tab()
    assert window.current_key() == "production" and tab.order_id == confirmed_order.id
    assert tab.detail.currentWidget() is tab.progress and tab.progress.card.id == cards[0].id

    bench = u.main_tab("workbench")  # the open exception, double-clicked on the workbench
    wait_ops()
    head = next(bench.tree.topLevelItem(i) for i in range(bench.tree.topLevelItemCount())
                if bench.tree.topLevelItem(i).data(0, Qt.UserRole) == "exceptions")
    bench.tree.scrollToItem(head)
    qtbot.mouseClick(bench.tree.viewport(), Qt.LeftButton, Qt.NoModifier, bench.tree.visualItemRect(head).center())
    key(qtbot, Qt.Key_Right)  # unfold the section (if folded), then its first entry, Enter
    if bench.tree.currentItem() is head:
        key(qtbot, Qt.Key_Down)
    assert bench.tree.currentItem() is head.child(0)
    key(qtbot, Qt.Key_Return)
    assert window.current_key() == "production"
    assert tab.detail.currentWidget() is tab.exceptions and tab.exceptions.model.rowCount() == 1

    orders = u.main_tab("orders")  # from the order, a complaint is one click away
    u.row(orders.pane.table, u.row_of(orders.model, confirmed_order.id))
    u.press(orders.complaint_button)
    after = window.current_tab()
    assert window.current_key() == "aftersales" and after.editor.order.id == confirmed_order.id


def test_the_issue_cards_dialog_reads_while_the_window_keeps_answering(qtbot, window, wait_ops, confirmed_order,
                                                                       monkeypatch):
    from gated import Gate

    from gendan_desktop.core import flow_cards

    u, tab = open_production(qtbot, window, wait_ops, confirmed_order)
    gate = Gate(monkeypatch, flow_cards, "lines_to_card")
    u.press(tab.cards_button)
    qtbot.waitUntil(gate.entered.is_set)
    u.page(tab.detail, tab.documents)  # another page, while the lines are read
    assert tab.detail.currentWidget() is tab.documents and not gate.left.is_set() and tab.dialog is None
    gate.open()
    dlg = u.dialog(tab)
    assert dlg.table.rowCount() == 1 and confirmed_order.number in dlg.windowTitle()
    dlg.reject()


def test_f5_reads_the_chosen_orders_detail_once(qtbot, window, wait_ops, confirmed_order, sqlite_db):
    """The list's reload makes the chosen row current again, which shows its order:
    the refresh does not read the header and the page a second time."""
    from query_count import statements

    u, tab = open_production(qtbot, window, wait_ops, confirmed_order)
    activate(qtbot, window)
    _none, seen = statements(sqlite_db, lambda: key(qtbot, Qt.Key_F5, widget=window))
    wait_ops()
    assert tab.order_id == confirmed_order.id and "宁波海运服饰" in tab.header.text()
    assert sum('FROM "production_sheet"' in s for s in seen) == 1  # the header's current sheet, once
