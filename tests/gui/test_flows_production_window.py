"""Issue 10 in the window, production side: what a revision and a cancellation leave on
the progress grid, progress entries, issuing cards, starting production, routes,
backup factories and the reason dialogs — all through clicks and typing."""

from __future__ import annotations

import datetime as dt

import pytest
from modal_helpers import answer_box, click_row, type_into_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


def _order(lines=((1000, "红", "M"), (500, "蓝", "L")), category="T恤"):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review

    client = create_client(name="宁波海运服饰", default_currency="USD")
    order = create_order(client.id, delivery_date=TODAY + dt.timedelta(days=40), product_category=category,
                         lines=[{"style": "P-1", "product": "Polo", "colour": c, "size": s, "quantity": q,
                                 "unit_price": "4.10"} for q, c, s in lines])
    order = set_review(order.id, True, True, True, True, True, "", order.version)
    return confirm_order(order.id, expected_version=order.version)


def _select(qtbot, tab, order_id):
    """Click the order's row in the tab's list."""
    row = tab.model.row_of(order_id)
    assert row >= 0
    click_row(qtbot, tab.pane.table, row)
    assert tab.order_id == order_id


# ----------------------------------------------------------- 1. revision --
def test_revision_in_the_editor_keeps_recorded_progress_on_the_grid(qtbot, window, wait_ops):
    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet, record_progress

    order = _order()
    issue_production_sheet(order.id)
    red_card, blue_card = issue_flow_cards(order.id, batch_size=100_000)
    record_progress(red_card.number, 1, 990, 990, 0, "张三")
    record_progress(blue_card.number, 1, 300, 300, 0, "张三")
    tab = window.show_tab("orders")
    with qtbot.waitSignal(tab.editor.sig_loaded):  # the editor reads the order in the background
        _select(qtbot, tab, order.id)
    ed = tab.editor
    qtbot.mouseClick(ed.revise_button, Qt.LeftButton)
    type_into_cell(qtbot, ed.lines_view, 1, 3, "黑")  # line 2's colour
    qtbot.mouseClick(ed.save_button, Qt.LeftButton)
    dlg = ed.dialog
    assert "其余流程卡和已登记的进度保留" in dlg.field("prompt").text()
    dlg.field("reason").insertPlainText("客户邮件改蓝色为黑色")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert ed.order.revision == 1

    prod = window.show_tab("production")
    prod.refresh()
    wait_ops()
    _select(qtbot, prod, order.id)
    grid = prod.progress.model
    cells = [grid.index(r, 4).data() for r in range(grid.rowCount())]
    assert cells[0].startswith("990 / 1,000")  # the kept red card, its cutting still there
    assert "(作废)" in grid.index(1, 0).data()  # the blue card: void, its 300 cut shown greyed
    assert cells[1].startswith("300 / 500") and grid.index(1, 4).data(Qt.ForegroundRole) is not None
    assert cells[-1].startswith("990 / 1,000")  # totals count the live card only
    assert "已开流程卡 1,000 件" in prod.header.text()


# --------------------------------------------------------- 2. cancellation --
def test_cancelled_order_still_shows_what_was_cut(qtbot, window, wait_ops):
    from gendan_desktop.core.production import issue_flow_cards, record_progress

    order = _order(lines=((100, "红", "M"),))
    (card,) = issue_flow_cards(order.id, batch_size=100_000)
    record_progress(card.number, 1, 98, 98, 0, "张三")
    tab = window.show_tab("orders")
    _select(qtbot, tab, order.id)
    tab.show_page(tab.review)
    qtbot.mouseClick(tab.review.cancel_button, Qt.LeftButton)
    dlg = tab.review.dialog
    assert "已登记的生产进度保留可查" in dlg.field("prompt").text()
    assert "客户" in dlg.field("reason").placeholderText() and "改颜色" not in dlg.field("reason").placeholderText()
    dlg.field("reason").insertPlainText("客户取消本季订单")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()

    prod = window.show_tab("production")
    combo = prod.pane.filter_combos["status"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_End)  # the last status: 已取消
    wait_ops()
    qtbot.waitUntil(lambda: prod.model.row_of(order.id) >= 0)
    _select(qtbot, prod, order.id)
    assert prod.progress.model.index(0, 4).data().startswith("98 / 100")
    assert "已投产 98 件" in prod.header.text()


# ------------------------------------------------------ 3. progress entry --
def test_a_gap_in_an_entry_is_asked_about_and_the_order_goes_into_production(qtbot, window, wait_ops):
    from gendan_desktop.core.models import FlowCardStep, Order
    from gendan_desktop.core.production import issue_flow_cards

    order = _order(lines=((100, "红", "M"),))
    (card,) = issue_flow_cards(order.id, batch_size=100_000)
    tab = window.show_tab("production")
    _select(qtbot, tab, order.id)
    panel = tab.progress
    panel.scan_box.setFocus()
    qtbot.keyClicks(panel.scan_box, card.number)
    qtbot.keyClick(panel.scan_box, Qt.Key_Return)
    good = panel.field("qty_good")
    good.selectAll()
    qtbot.keyClicks(good, "98")
    qtbot.keyClick(good, Qt.Key_Return)  # no operator yet
    assert "操作员" in panel.errors.error_text("operator")
    qtbot.keyClicks(panel.field("operator"), "Wang")
    seen = []
    answer_box(QMessageBox.No, seen)  # 100 in, 98 good: two missing → back to the numbers
    good.setFocus()
    qtbot.keyClick(good, Qt.Key_Return)
    assert "还差 2 件" in seen[0]
    wait_ops()
    step = FlowCardStep.get((FlowCardStep.card == card.id) & (FlowCardStep.seq == 1))
    assert step.qty_in == 0 and Order.get_by_id(order.id).status == "confirmed"
    answer_box(QMessageBox.Yes)  # yes, two are missing
    qtbot.keyClick(good, Qt.Key_Return)
    wait_ops()
    step = FlowCardStep.get_by_id(step.id)
    assert (step.qty_in, step.qty_good, step.qty_lost, step.finished_at is not None) == (100, 98, 2, True)
    assert Order.get_by_id(order.id).status == "in_production"
    assert "生产中" in tab.header.text()
    assert "差2" in panel.model.index(0, 4).data()


# ------------------------------------------------------ 8. issuing cards --
def test_issue_dialog_lists_lines_with_one_card_each_unless_a_batch_size_is_typed(qtbot, window, wait_ops):
    from gendan_desktop.core.models import FlowCard

    order = _order(lines=[(150, f"色{i}", "M") for i in range(12)])
    tab = window.show_tab("production")
    _select(qtbot, tab, order.id)
    qtbot.mouseClick(tab.cards_button, Qt.LeftButton)
    wait_ops()  # the dialog opens once the order's lines are read
    dlg = tab.dialog
    table = dlg.field("lines")
    assert table.rowCount() == 12
    assert [table.item(r, 6).text() for r in range(12)] == ["1"] * 12
    assert "12 张" in dlg.ok_button.text()
    spin = dlg.field("batch_size")
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "100")
    assert [table.item(r, 6).text() for r in range(12)] == ["2"] * 12 and "24 张" in dlg.ok_button.text()
    spin.selectAll()
    qtbot.keyClicks(spin, "0")  # back to one card per line
    assert spin.value() == 0 and "12 张" in dlg.ok_button.text()
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert FlowCard.select().where(FlowCard.order == order.id).count() == 12


# ------------------------------------------------- 9. start production --
def test_start_production_says_what_is_missing_and_waits_for_yes(qtbot, window, wait_ops):
    from gendan_desktop.core.models import Order

    order = _order()
    tab = window.show_tab("production")
    _select(qtbot, tab, order.id)
    seen = []
    answer_box(QMessageBox.No, seen)
    qtbot.mouseClick(tab.start_button, Qt.LeftButton)
    wait_ops()
    assert "尚未下发生产单" in seen[0] and "尚未下发流程卡" in seen[0] and "尚未登记物料" in seen[0]
    assert Order.get_by_id(order.id).status == "confirmed"
    answer_box(QMessageBox.Yes)
    qtbot.mouseClick(tab.start_button, Qt.LeftButton)
    wait_ops()
    assert Order.get_by_id(order.id).status == "in_production"


# ------------------------------------- 14 and 16. factories and routes --
def test_issue_dialog_splits_a_line_with_a_backup_factory_and_names_the_route(qtbot, window, wait_ops):
    from gendan_desktop.core.factories import create_factory
    from gendan_desktop.core.models import FlowCard

    backup = create_factory("绍兴华达针织", "backup")
    order = _order(lines=((3000, "红", "M"), (1000, "蓝", "L")), category="羽绒被")
    tab = window.show_tab("production")
    _select(qtbot, tab, order.id)
    qtbot.mouseClick(tab.cards_button, Qt.LeftButton)
    wait_ops()  # the dialog opens once the order's lines are read
    dlg = tab.dialog
    route = dlg.field("route_info").text()
    assert "羽绒被" in route and "没有对应的工艺路线" in route and "服装 Garment" in route
    type_into_cell(qtbot, dlg.field("lines"), 0, 5, "1000")
    assert dlg.field("lines").item(0, 6).text() == "2" and "3 张" in dlg.ok_button.text()
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)  # no factory chosen for the 1,000
    wait_ops()
    assert "外发工厂" in dlg.errors.error_text("outsource_factory")
    combo = dlg.field("outsource_factory")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)
    assert combo.currentData() == backup.id
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    cards = list(FlowCard.select().where(FlowCard.order == order.id).order_by(FlowCard.id))
    assert [(c.quantity, c.factory_id) for c in cards] == [(2000, None), (1000, backup.id), (1000, None)]

    # the card list names each card's factory; a card not started is split off to the backup
    tab.show_page(tab.documents)
    docs = tab.documents
    factories = {r["number"]: r["factory"] for r in docs.model.rows()}
    assert factories[cards[1].number] == "绍兴华达针织" and factories[cards[0].number] == ""
    click_row(qtbot, docs.view, docs.model.row_of(("flow_card", cards[2].id)))
    qtbot.mouseClick(docs.split_button, Qt.LeftButton)
    split = docs.dialog
    qty = split.field("quantity")
    qty.setFocus()
    qty.selectAll()
    qtbot.keyClicks(qty, "400")
    qtbot.mouseClick(split.ok_button, Qt.LeftButton)
    wait_ops()
    live = [(c.quantity, c.factory_id) for c in FlowCard.select().where(
        (FlowCard.order == order.id) & FlowCard.recalled_at.is_null()).order_by(FlowCard.id)]
    assert live == [(2000, None), (1000, backup.id), (600, None), (400, backup.id)]


def test_escalation_asks_whom_not_why(qtbot, window, wait_ops):
    from gendan_desktop.core.production_exceptions import report_exception

    order = _order()
    report_exception(order.id, "equipment", "critical", "裁床故障")
    tab = window.show_tab("production")
    _select(qtbot, tab, order.id)
    tab.show_page(tab.exceptions)
    click_row(qtbot, tab.exceptions.view, 0)
    qtbot.mouseClick(tab.exceptions.escalate_button, Qt.LeftButton)
    dlg = tab.exceptions.dialog
    assert dlg.field("reason_label").text().startswith("上报给谁")
    assert "厂长" in dlg.field("reason").placeholderText() and "改颜色" not in dlg.field("reason").placeholderText()
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert "上报给谁" in dlg.errors.error_text("reason")
    dlg.reject()
    qtbot.mouseClick(tab.exceptions.resolve_button, Qt.LeftButton)
    dlg = tab.exceptions.dialog
    assert dlg.field("reason_label").text().startswith("处理结果")
    dlg.reject()
    # the critical exception raises the order's risk in the header, and says why
    assert "有风险" in tab.header.text() and "裁床故障" in tab.header.text()
