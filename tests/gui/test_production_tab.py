"""生产跟踪 tab: issue flow cards and record progress through the scan box."""

from __future__ import annotations

import datetime as dt

import pytest
from modal_helpers import answer_box
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui


@pytest.fixture
def confirmed_order(sqlite_db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review

    client = create_client(name="宁波海运服饰", default_currency="USD")
    order = create_order(client.id, delivery_date=dt.date.today() + dt.timedelta(days=30), product_category="T恤",
                         lines=[{"style": "P-1", "product": "Polo", "colour": "红", "size": "M", "quantity": 250,
                                 "unit_price": "4.10"}])
    order = set_review(order.id, True, True, True, True, True, "", order.version)
    return confirm_order(order.id, expected_version=order.version)


def test_issue_cards_and_scan_progress(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.models import FlowCard, FlowCardStep

    tab = window.show_tab("production")
    assert tab.pane.select_id(confirmed_order.id)
    assert tab.order_id == confirmed_order.id
    qtbot.mouseClick(tab.sheet_button, Qt.LeftButton)
    wait_ops()
    assert "尚未下发生产单" not in tab.header.text()
    dlg = tab.issue_cards()
    dlg.set("batch_size", 100)
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    cards = list(FlowCard.select().order_by(FlowCard.id))
    assert [c.quantity for c in cards] == [100, 100, 50]
    # the grid shows 3 cards + the totals row
    assert tab.progress.model.rowCount() == 4
    # start production: no materials on record, so the window asks first
    seen = []
    answer_box(QMessageBox.Yes, seen)
    qtbot.mouseClick(tab.start_button, Qt.LeftButton)
    wait_ops()
    assert "尚未登记物料" in seen[0]
    assert "生产中" in tab.header.text()

    # a scanner types the number and Enter into the scan box
    panel = tab.progress
    panel.scan_box.setFocus()
    qtbot.keyClicks(panel.scan_box, cards[1].number.lower())
    qtbot.keyClick(panel.scan_box, Qt.Key_Return)
    assert panel.card is not None and panel.card.id == cards[1].id
    assert panel.step_combo.currentData() == 1  # first step
    good = panel.field("qty_good")
    assert panel.focusWidget() is good and good.value() == 100
    good.selectAll()
    qtbot.keyClicks(good, "96")
    panel.field("qty_defect").setValue(4)
    qtbot.keyClicks(panel.field("operator"), "Li")
    good.setFocus()
    qtbot.keyClick(good, Qt.Key_Return)
    wait_ops()
    step1 = FlowCardStep.get((FlowCardStep.card == cards[1].id) & (FlowCardStep.seq == 1))
    assert (step1.qty_in, step1.qty_good, step1.qty_defect) == (100, 96, 4)
    assert step1.finished_at is not None
    assert panel.focusWidget() is panel.scan_box and panel.scan_box.text() == ""
    # the grid cell shows it, in green (finished)
    idx = panel.model.index(1, 4)
    assert idx.data().startswith("96 / 100")
    assert idx.data(Qt.BackgroundRole) is not None

    # scanning the same card again goes to the next step, with the 96 good waiting
    qtbot.keyClicks(panel.scan_box, cards[1].number)
    qtbot.keyClick(panel.scan_box, Qt.Key_Return)
    assert panel.step_combo.currentData() == 2
    assert panel.field("qty_in").value() == 96

    # too many good pieces: refused, the message under the field, nothing written
    panel.field("qty_good").setValue(97)
    panel.record()
    assert "超过" in panel.errors.error_text("qty_good")
    assert FlowCardStep.get((FlowCardStep.card == cards[1].id) & (FlowCardStep.seq == 2)).qty_in == 0

    # an unknown number says so
    panel.scan_box.setText("LC0000-99999")
    assert not panel.scan()
    assert "找不到" in panel.message.text()


def test_material_shortage_needs_override_reason(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.materials import add_material
    from gendan_desktop.core.models import Order

    add_material(confirmed_order.id, "全棉汗布", "1.2", 3, 0, unit="m")
    tab = window.show_tab("production")
    tab.pane.select_id(confirmed_order.id)
    tab.show_page(tab.materials)
    assert "物料不足" in tab.materials.summary.text()
    answer_box(QMessageBox.Yes)  # no sheet, no cards yet: go ahead anyway
    dlg = tab.start_production()
    assert dlg is not None and "全棉汗布" in dlg.field("prompt").text()
    dlg.field("reason").setPlainText("客户同意先用库存布开裁")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    order = Order.get_by_id(confirmed_order.id)
    assert order.status == "in_production" and order.material_override_reason == "客户同意先用库存布开裁"

    # purchase the short material, then book its delivery: the shortage goes away
    mats = tab.materials
    mats.materials_view.setCurrentIndex(mats.materials.index(0, 0))
    dlg = mats.new_purchase()
    assert dlg.value("quantity") == pytest.approx(309.0)  # 250 × 1.2 m × 1.03
    dlg.set("supplier", "绍兴布行")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert dlg.errors.error_text("due_date")  # the due date is required
    dlg.set("due_date", dt.date.today() + dt.timedelta(days=5))
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert [r["supplier"] for r in mats.purchases.rows()] == ["绍兴布行"]
    mats.purchases_view.setCurrentIndex(mats.purchases.index(0, 0))
    dlg = mats.receive()
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert mats.purchases.rows()[0]["state"] == "已到齐"
    assert "物料已齐备" in mats.summary.text()


def test_exception_escalation_and_recalls(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet
    from gendan_desktop.core.recalls import cancel_order

    tab = window.show_tab("production")
    tab.pane.select_id(confirmed_order.id)
    tab.show_page(tab.exceptions)
    dlg = tab.exceptions.report()
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)  # no description → error under the field
    wait_ops()
    assert dlg.errors.error_text("description")
    dlg.field("description").setPlainText("印花色差,影响 40 件")
    dlg.set("severity", "high")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    rows = tab.exceptions.model.rows()
    assert len(rows) == 1 and rows[0]["status"] == "待处理"
    tab.exceptions.view.setCurrentIndex(tab.exceptions.model.index(0, 0))
    dlg = tab.exceptions.escalate()
    dlg.field("reason").setPlainText("厂长")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert tab.exceptions.model.rows()[0]["escalated_to"] == "厂长"

    from gendan_desktop.printing.service import record_printed

    sheet = issue_production_sheet(confirmed_order.id)
    cards = issue_flow_cards(confirmed_order.id, batch_size=250)
    record_printed("production_sheet", [sheet.id])
    record_printed("flow_card", [c.id for c in cards])  # only printed paper is collected
    from gendan_desktop.core.orders import get_order

    cancel_order(confirmed_order.id, "客户取消", get_order(confirmed_order.id).version)
    tab.refresh()
    tab.show_page(tab.recalls)
    assert len(tab.recalls.model.rows()) == 2
    tab.recalls.view.selectAll()
    qtbot.mouseClick(tab.recalls.returned_button, Qt.LeftButton)
    wait_ops()
    assert tab.recalls.model.rows() == []


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, window, wait_ops, confirmed_order):
    from gendan_desktop.core.production import issue_flow_cards, record_progress

    cards = issue_flow_cards(confirmed_order.id, batch_size=100)
    record_progress(cards[0].id, 1, 100, 100, 0, "张三")
    tab = window.show_tab("production")
    tab.pane.select_id(confirmed_order.id)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.progress.model)
    for page in (tab.documents, tab.materials, tab.exceptions, tab.recalls):
        tab.show_page(page)
    qtmodeltester.check(tab.documents.model)
    qtmodeltester.check(tab.materials.materials)
    qtmodeltester.check(tab.recalls.model)


def test_print_selected_cards_and_sheet_preview(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet

    issue_production_sheet(confirmed_order.id)
    cards = issue_flow_cards(confirmed_order.id, batch_size=100)
    tab = window.show_tab("production")
    tab.pane.select_id(confirmed_order.id)
    tab.show_page(tab.documents)
    from PySide6.QtCore import QItemSelectionModel

    view, model = tab.documents.view, tab.documents.model
    for card in cards[:2]:
        view.selectionModel().select(model.index(model.row_of(("flow_card", card.id)), 0),
                                     QItemSelectionModel.Select | QItemSelectionModel.Rows)
    assert tab.documents.selected_card_ids() == [c.id for c in cards[:2]]
    op = tab._print("selected")
    wait_ops(60_000)
    assert op.dialog is not None and "2" in op.dialog.windowTitle()
    op.dialog.close()
    dlg = tab._print("sheet")
    assert dlg is not None and dlg.isVisible()
    dlg.close()


def test_open_record_routes_to_the_right_page(qtbot, window, wait_ops, confirmed_order):
    from gendan_desktop.core.production import issue_flow_cards
    from gendan_desktop.core.production_exceptions import report_exception

    cards = issue_flow_cards(confirmed_order.id, batch_size=250)
    exc = report_exception(confirmed_order.id, "quality", "high", "色差")
    window.open_record("flow_card", cards[0].id)
    tab = window.current_tab()
    assert tab.property("tab_key") == "production" and tab.order_id == confirmed_order.id
    assert tab.detail.currentWidget() is tab.progress and tab.progress.card.id == cards[0].id
    window.open_record("exception", exc.id)
    assert tab.detail.currentWidget() is tab.exceptions and tab.exceptions.model.rowCount() == 1
    window.open_record("recall", 0)
    assert tab.detail.currentWidget() is tab.recalls
    window.open_record("order", confirmed_order.id)
    orders = window.current_tab()
    assert orders.property("tab_key") == "orders" and orders.editor.order.id == confirmed_order.id
    # from the order, a complaint is one click away
    orders.file_complaint()
    after = window.current_tab()
    assert after.property("tab_key") == "aftersales" and after.editor.order.id == confirmed_order.id
