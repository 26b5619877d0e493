"""What the window shows (issue 9, items 6–8): nothing cut or squashed, money
right-aligned, English that fits and translates stored texts, no stale red."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from input_helpers import (
    activate,
    click,
    click_button,
    click_cell,
    click_into,
    click_tab,
    combo_text_fits,
    go,
    key,
    menu,
    settle,
    switch_language,
    text_fits,
    toggle,
    type_text,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QLabel, QTableWidget

pytestmark = pytest.mark.gui
TODAY = dt.date.today()
RIGHT = int(Qt.AlignRight)


def title_shown_whole(window) -> bool:
    """Wide enough for a window manager to draw the whole title (bold title font,
    icon and three buttons on the title bar)."""
    font = QFont(window.font())
    font.setBold(True)
    return window.width() >= QFontMetrics(font).horizontalAdvance(window.windowTitle()) + 120


@pytest.fixture
def order(sqlite_db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review

    client = create_client(name="Hamburg Textil GmbH", default_currency="EUR")
    o = create_order(client.id, delivery_date=TODAY + dt.timedelta(days=25), currency="EUR", product_category="garment",
                     lines=[{"style": "H-9", "product": "帽衫", "colour": "灰", "size": "XL", "quantity": 500,
                             "unit_price": "8.00"},
                            {"style": "H-9", "product": "帽衫", "colour": "黑", "size": "L", "quantity": 300,
                             "unit_price": "8.00"}])
    o = set_review(o.id, True, True, True, True, True, "", o.version)
    return confirm_order(o.id, expected_version=o.version)


def open_order(qtbot, window, order, page: str | None = None):
    tab = go(qtbot, window, "订单")
    click_cell(qtbot, tab.pane.table, tab.model.row_of(order.id))
    if page:
        click_tab(qtbot, tab.detail, page)
    return tab


# ------------------------------------------------------ 6. cut and squashed --
def test_dialog_titles_are_shown_whole(qtbot, window, wait_ops, order):
    tab = open_order(qtbot, window, order, "收款")
    click_button(qtbot, tab.payments, "登记收款…")
    dlg = tab.payments.dialog
    assert order.number in dlg.windowTitle() and title_shown_whole(dlg), (dlg.width(), dlg.windowTitle())
    click(qtbot, dlg.buttons.button(dlg.buttons.StandardButton.Cancel))
    prod = go(qtbot, window, "生产跟踪")
    click_cell(qtbot, prod.pane.table, prod.model.row_of(order.id))
    click(qtbot, prod.cards_button)
    wait_ops()  # the dialog opens once the order's lines are read
    dlg = prod.dialog
    assert dlg.windowTitle().startswith("下发流程卡") and title_shown_whole(dlg), dlg.width()
    click(qtbot, dlg.buttons.button(dlg.buttons.StandardButton.Cancel))


def test_a_dialog_showing_an_error_is_not_squashed(qtbot, window, wait_ops, sqlite_db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.samples import mark_made, request_sample

    c = create_client(name="东莞雅戈")
    sample = request_sample(c.id, product="针织开衫")
    mark_made(sample.id, expected_version=sample.version)
    tab = go(qtbot, window, "客户档案")
    click_cell(qtbot, tab.pane.table, 0)
    click_tab(qtbot, tab.detail.pages, "样品")
    click_cell(qtbot, tab.detail.samples, 0)
    click_button(qtbot, tab.detail, "寄出…")
    dlg = tab.detail.dialog
    click(qtbot, dlg.ok_button)  # no courier: the core's sentence under the field
    wait_ops()
    settle()
    assert "快递" in dlg.errors.error_text("courier")
    labels = [w for w in dlg.findChildren(QLabel) if w.isVisible() and w.text()]
    for label in labels:
        need = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        assert label.height() >= need - 1, (label.text(), label.height(), need)
        if not label.wordWrap():
            assert text_fits(label), label.text()
    assert title_shown_whole(dlg)
    dlg.reject()


def test_the_flow_card_combo_shows_the_card_number(qtbot, window, wait_ops, order):
    from gendan_desktop.core.aftersales import file_complaint
    from gendan_desktop.core.production import issue_flow_cards

    cards = issue_flow_cards(order.id, batch_size=400)
    file_complaint(order.id, TODAY, "色差", 20, cards[1].id)
    tab = go(qtbot, window, "售后")
    widths = [tab.pane.width(), tab.pane.table.columnWidth(0)]
    click_cell(qtbot, tab.pane.table, 0)
    settle()
    combo = tab.editor.field("card")
    assert cards[1].number in combo.currentText()
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.CC_ComboBox, opt, QStyle.SC_ComboBoxEditField, combo)
    assert combo.fontMetrics().horizontalAdvance(cards[1].number) <= field.width(), field.width()
    # the editor does not grow and push the list aside
    assert [tab.pane.width(), tab.pane.table.columnWidth(0)] == widths


def test_empty_tables_show_their_headers_apart(qtbot, window, sqlite_db):
    from gendan_desktop.core.clients import create_client

    create_client(name="新客户")
    tab = go(qtbot, window, "客户档案")
    click_cell(qtbot, tab.pane.table, 0)
    for page, table in (("跟进记录", tab.detail.followups), ("联系人", tab.detail.contacts),
                        ("样品", tab.detail.samples), ("余额", tab.detail.balance)):
        click_tab(qtbot, tab.detail.pages, page)
        header = table.horizontalHeader()
        for c in range(table.columnCount()):
            text = table.horizontalHeaderItem(c).text()
            assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(text) + 8, (page, text)


def test_money_and_quantities_are_right_aligned(qtbot, window, wait_ops, order):
    from gendan_desktop.core.payments import record_payment
    from gendan_desktop.core.shipments import create_shipment, shipped_quantities

    line = shipped_quantities(order.id)[0]
    create_shipment(order.id, TODAY, [(line.order_line_id, 200)], excess_reason="库存现货")
    record_payment(order.client_id, Decimal("1000"), order_id=order.id, currency="EUR", kind="deposit",
                   date=TODAY)
    tab = go(qtbot, window, "客户档案")
    click_cell(qtbot, tab.pane.table, 0)
    click_tab(qtbot, tab.detail.pages, "余额")
    balance = tab.detail.balance
    assert balance.item(0, 1).text() == "1,600.00"
    for c in range(1, 5):
        assert int(balance.item(0, c).textAlignment()) & RIGHT, c
    orders = open_order(qtbot, window, order, "出货")
    click_button(qtbot, orders.shipments, "新建出货…")
    dlg = orders.shipments.dialog
    table = dlg.findChild(QTableWidget, "shipmentQuantities")
    for c in (3, 4, 5):  # 未出, 已完工未出, 本次出货
        assert int(table.item(0, c).textAlignment()) & RIGHT, c
    dlg.reject()


SPIN_FORMS = ["card_factory_form.ui", "complaint_form.ui", "deposit_form.ui", "dispatch_form.ui",
              "disposition_form.ui", "issue_cards_form.ui", "material_form.ui", "order_form.ui", "payment_form.ui",
              "progress_entry.ui", "purchase_form.ui", "receive_form.ui", "return_copies_form.ui", "sample_form.ui",
              "sample_order_form.ui"]


@pytest.mark.parametrize("name", SPIN_FORMS)
def test_numbers_typed_into_forms_sit_right(qtbot, zh_app, name):
    from input_helpers import form_in_holder
    from PySide6.QtWidgets import QAbstractSpinBox

    holder, form = form_in_holder(qtbot, name)
    holder.show()
    activate(qtbot, holder)
    spins = form.findChildren(QAbstractSpinBox)
    assert spins, name
    for spin in spins:  # quantities, money, rates: all numbers line up on the right ("2209.35" sat left)
        click_into(qtbot, spin)
        key(qtbot, Qt.Key_A, Qt.ControlModifier)
        type_text(qtbot, "12")
        assert "12" in spin.text(), (name, spin.objectName(), spin.text())
        assert int(spin.alignment()) & RIGHT, (name, spin.objectName())


def test_in_english_the_shipment_dialog_shows_its_column_titles_whole(qtbot, window, wait_ops, order):
    switch_language(qtbot, window, "English")
    tab = go(qtbot, window, "Orders")
    click_cell(qtbot, tab.pane.table, tab.model.row_of(order.id))
    click_tab(qtbot, tab.detail, "Shipments")
    click_button(qtbot, tab.shipments, "New shipment…")
    dlg = tab.shipments.dialog
    table = dlg.findChild(QTableWidget, "shipmentQuantities")
    header = table.horizontalHeader()
    for c in range(table.columnCount()):  # "Finished, not shipped" showed as "ished, not shipp"
        text = table.horizontalHeaderItem(c).text()
        assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(text) + 8, text
    typed = table.visualRect(table.model().index(0, 5))  # 本次出货, the column typed into: in sight
    assert table.viewport().rect().contains(typed), (typed, table.viewport().rect())
    dlg.reject()


# ------------------------------------------------------------- 7. English --
def test_in_english_the_window_keeps_its_width_and_nothing_is_cut(qtbot, window, wait_ops, order):
    from gendan_desktop.core.aftersales import file_complaint

    file_complaint(order.id, TODAY, "Colour differs from the approved sample", 20)
    switch_language(qtbot, window, "English")
    screen = QApplication.primaryScreen().availableGeometry()
    width = window.width()
    for title in ("Workbench", "Clients", "Orders", "Production", "After-sales"):
        tab = go(qtbot, window, title)
        pane = getattr(tab, "pane", None)
        if pane is not None and pane.model.rowCount():
            click_cell(qtbot, pane.table, 0)
        settle()
        assert window.width() == width and screen.contains(window.frameGeometry()), title
        if pane is not None:
            for key_, combo in pane.filter_combos.items():
                assert combo_text_fits(combo), (title, key_, combo.currentText())
            assert pane.filter_edit.width() >= 200, title
            header = pane.table.horizontalHeader()  # "Qty affected" was shown as "ty affected"
            for c in range(pane.model.columnCount()):
                text = pane.model.headerData(c, Qt.Horizontal)
                assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(text) + 8, (title, text)
        for label in tab.findChildren(QLabel):
            if label.isVisible() and label.text() and not label.wordWrap() and label.textFormat() != Qt.RichText:
                shown = getattr(label, "shown_text", None)
                assert (shown is not None and label.toolTip() == label.text()) or text_fits(label), \
                    (title, label.text(), label.width())


def test_recall_reasons_follow_the_language(qtbot, window, wait_ops, order):
    from gendan_desktop.core.models import Order
    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet
    from gendan_desktop.core.revisions import revise_order
    from gendan_desktop.printing.service import record_printed

    sheet = issue_production_sheet(order.id)
    record_printed("production_sheet", [sheet.id])  # printed paper is what gets recalled
    issue_flow_cards(order.id, batch_size=400)
    revise_order(order.id, "客户改颜色", {"notes": "new colour"}, None, Order.get_by_id(order.id).version)
    switch_language(qtbot, window, "English")
    tab = go(qtbot, window, "Production")
    click_tab(qtbot, tab.detail, "Documents to collect")
    reasons = {r["recall_reason"] for r in tab.recalls.model.rows()}
    assert reasons == {"Order revised to R1: 客户改颜色"}


def test_the_history_in_chinese_shows_no_keys_or_english(qtbot, window, wait_ops, order):
    from gendan_desktop.core.materials import add_material, create_purchase, receive_purchase
    from gendan_desktop.core.production import issue_flow_cards, record_progress, start_production

    m = add_material(order.id, "全棉汗布", "1.2", 3, 0, unit="kg")
    p = create_purchase(m.id, "绍兴布行", Decimal("137.5"), TODAY + dt.timedelta(days=5))
    receive_purchase(p.id, Decimal("100"), TODAY)
    card = issue_flow_cards(order.id, batch_size=500)[0]
    start_production(order.id, "客户同意", confirm_missing=True)
    record_progress(card.id, 1, 500, 490, 10, operator="王")
    tab = open_order(qtbot, window, order, "操作记录")
    rows = tab.history.model.rows()
    text = " | ".join(f"{r['field']} {r['old']} {r['new']}" for r in rows)
    for raw in ("status", "confirmed", "in_production", " from ", "due ", "good ", "defect", "/pc", "loss"):
        assert raw not in text, raw
    assert "状态 已确认 生产中" in text
    assert "137.5 kg,供应商 绍兴布行" in text and "良品 490" in text


def test_the_history_in_english_names_fields_and_routes_in_english(qtbot, window, wait_ops, order):
    switch_language(qtbot, window, "English")
    tab = go(qtbot, window, "Orders")
    with qtbot.waitSignal(tab.editor.sig_loaded):  # the editor reads the order in the background
        click_cell(qtbot, tab.pane.table, tab.model.row_of(order.id))
    assert tab.editor.field("product_category").text() == "Garment"  # not the key "garment"
    click_tab(qtbot, tab.detail, "History")
    fields = {r["field"] for r in tab.history.model.rows()}
    assert {"Status", "Number"} <= fields and not any(f.startswith("review_") for f in fields), fields
    assert {r["new"] for r in tab.history.model.rows() if r["field"] == "Status"} >= {"Confirmed"}


def test_in_english_a_material_shortage_reads_in_english(qtbot, window, wait_ops, order):
    from flows import User
    from PySide6.QtWidgets import QMessageBox

    from gendan_desktop.core.materials import add_material

    add_material(order.id, "全棉汗布", "1.2", 3, 0, unit="m")  # 800 × 1.2 × 1.03 = 988.8 m short
    switch_language(qtbot, window, "English")
    u = User(qtbot, window, wait_ops)
    tab = go(qtbot, window, "Production")
    click_cell(qtbot, tab.pane.table, tab.model.row_of(order.id))
    wait_ops()
    click_tab(qtbot, tab.detail, "Materials and purchases")
    summary = tab.materials.summary.text()
    assert "全棉汗布 short by 988.8 m" in summary and "缺" not in summary, summary  # was "全棉汗布 缺 988.8 m"
    u.answer_box(QMessageBox.Yes)  # no sheet, no cards yet: go ahead anyway
    u.press(tab.start_button)
    dlg = u.dialog(tab)
    prompt = dlg.field("prompt").text()
    assert "全棉汗布 short by 988.8 m" in prompt and "缺" not in prompt, prompt
    dlg.reject()


def test_routes_are_named_in_the_language(qtbot, window):
    from input_helpers import when_modal
    from PySide6.QtWidgets import QListWidget

    from gendan_desktop.gui.main_window import MainWindow  # noqa: F401 - the settings dialog of this window

    seen = {}

    def look(dlg):
        routes = dlg.form.findChild(QListWidget, "route_list")
        seen["routes"] = [routes.item(i).text() for i in range(routes.count())]
        dlg.reject()

    state = when_modal(qtbot, look)
    activate(qtbot, window)
    key(qtbot, Qt.Key_Comma, Qt.ControlModifier, window)
    assert state["done"]
    assert seen["routes"] == ["服装", "针织/纺织"]


# ---------------------------------------------------------- 8. stale state --
def test_a_red_scan_error_goes_when_another_card_is_opened(qtbot, window, wait_ops, order):
    from gendan_desktop.core.production import issue_flow_cards

    issue_flow_cards(order.id, batch_size=400)
    tab = go(qtbot, window, "生产跟踪")
    click_cell(qtbot, tab.pane.table, tab.model.row_of(order.id))
    panel = tab.progress
    click_into(qtbot, panel.scan_box)
    type_text(qtbot, "LC0000-99999")
    key(qtbot, Qt.Key_Return)
    assert "找不到" in panel.message.text() and "c62828" in panel.message.styleSheet()
    from gendan_desktop.core.models import FlowCard

    card = FlowCard.select().order_by(FlowCard.id.desc()).first()
    key(qtbot, Qt.Key_K, Qt.ControlModifier, window)  # another card opened from the search box
    type_text(qtbot, card.number)
    qtbot.waitUntil(lambda: bool(window.search_box.results))
    key(qtbot, Qt.Key_Return)
    assert panel.card is not None and panel.card.id == card.id
    assert not (panel.message.isVisible() and "c62828" in panel.message.styleSheet()), panel.message.text()
    click_cell(qtbot, panel.view, 0, 4)  # and one clicked in the grid
    assert not (panel.message.isVisible() and "c62828" in panel.message.styleSheet()), panel.message.text()


def test_the_import_summary_is_not_red_after_a_successful_import(qtbot, window, wait_ops, tmp_path, monkeypatch):
    import openpyxl

    from gendan_desktop.core.models import Client
    from gendan_desktop.gui.import_dialog import ImportDialog

    path = tmp_path / "clients.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户名称", "国家", "等级"])
    ws.append(["宁波海曙服饰", "中国", "大客户"])
    ws.append(["", "中国", "大客户"])  # no name: an error, skipped on request
    ws.append(["Bella Moda", "Italy", "普通"])
    wb.save(path)
    # the one stand-in: the platform's file chooser answers the file the user picks
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    activate(qtbot, window)
    menu(qtbot, window, "工具", "导入客户…")
    qtbot.waitUntil(lambda: bool(window.findChildren(ImportDialog)))
    dlg = window.findChildren(ImportDialog)[0]
    activate(qtbot, dlg)
    click(qtbot, dlg.check_button)
    wait_ops()
    assert "c62828" in dlg.summary_label.styleSheet().lower() or dlg.summary_label.styleSheet()  # errors found
    skip = next(b for b in dlg.findChildren(QCheckBox) if b.objectName() == "skip_invalid")
    toggle(qtbot, skip)
    with qtbot.waitSignal(dlg.imported, timeout=10_000):
        click(qtbot, dlg.import_button)
    assert Client.select().count() == 2, dlg.summary_label.text()
    assert "c62828" not in dlg.summary_label.styleSheet().lower()
    dlg.close()


def test_stored_texts_read_in_the_ui_language(zh_app):
    """The core's stored sentences (audit lines, recall reasons, route keys) as
    each language shows them; what the user typed stays as typed."""
    from gendan_desktop.gui.app import install_translators
    from gendan_desktop.gui.kit.record_text import recall_reason_text, route_label, stored_text

    progress = "in 100, good 96, defect 4, operator 王, date 2026-12-01"
    assert stored_text(progress) == "投入 100,良品 96,次品 4,操作员 王,日期 2026-12-01"
    assert stored_text("137.5 kg from 绍兴布行, due 2026-12-01") == "137.5 kg,供应商 绍兴布行,到料 2026-12-01"
    assert stored_text("已收齐货款 / fully paid") == "已收齐货款"
    assert recall_reason_text("订单改为 R1:客户改颜色") == "订单改为 R1:客户改颜色"
    assert route_label("garment") == "服装" and route_label("T恤") == "T恤"
    install_translators("en")
    try:
        assert recall_reason_text("订单改为 R2") == "Order revised to R2"
        assert recall_reason_text("订单改为 R1:客户改颜色") == "Order revised to R1: 客户改颜色"
        assert recall_reason_text("订单已取消:客户取消") == "Order cancelled: 客户取消"
        assert recall_reason_text("重新下发 PS2611-0001 / re-issued") == "Re-issued as PS2611-0001"
        assert stored_text("已收齐货款 / fully paid") == "fully paid"
        assert stored_text(progress) == "In 100, good 96, defect 4, operator 王, date 2026-12-01"
        assert route_label("textile") == "Knit/textile"
    finally:
        install_translators("zh")
