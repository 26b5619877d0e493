"""Excel in the GUI: import through the mapping dialog, hostile files, dry run,
export of the list as shown, and 对账单 from the statement dialog."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from gendan_desktop.core.models import Client, Order, OrderLine
from gendan_desktop.gui import excel_actions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flows import User  # noqa: E402
from input_helpers import activate, click, click_header, go, key, menu, toggle  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "excel"))
from excel_helpers import SAMPLES  # noqa: E402

D = Decimal


def _choose(monkeypatch, path) -> None:
    """Stand in the modal file chooser: it answers ``path``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def _import_dialog(qtbot, window, wait_ops, monkeypatch, path, kind="clients"):
    _choose(monkeypatch, path)
    menu(qtbot, window, "工具", "导入客户…" if kind == "clients" else "导入订单…")
    wait_ops()
    from gendan_desktop.gui.import_dialog import ImportDialog

    dialogs = window.findChildren(ImportDialog)
    assert len(dialogs) == 1
    activate(qtbot, dialogs[0])
    return dialogs[0]


def test_import_sample_clients_through_the_mapping_dialog(qtbot, qtmodeltester, window, wait_ops, monkeypatch):
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    assert tab.model.rowCount() == 0
    dlg = _import_dialog(qtbot, window, wait_ops, monkeypatch, SAMPLES / "clients_cn.xlsx")
    qtmodeltester.check(dlg.preview_model)
    # the guess is shown: header on Excel row 2, 客户名称 → name, a preview of the rows
    assert dlg.header_spin.value() == 2
    assert dlg.mapping()[0] == "name" and dlg.combos[0].currentText().endswith("*")
    assert dlg.preview_model.index(0, 0).data() == "Nordic Apparel AB"
    assert "客户名称" in dlg.preview_model.headerData(0, Qt.Horizontal)
    assert dlg.import_button.isEnabled() and not dlg.missing_label.text()
    # unmapping the required column says what is missing and blocks the import
    u.choose(dlg.combos[0], "")  # — 不导入 —
    assert "客户名称" in dlg.missing_label.text() and not dlg.import_button.isEnabled()
    u.choose(dlg.combos[0], "name")

    with qtbot.waitSignal(dlg.imported, timeout=10_000) as blocker:
        qtbot.mouseClick(dlg.import_button, Qt.LeftButton)
    result = blocker.args[0]
    assert result.written and result.created == 12 == Client.select().count()
    assert "新建客户 12" in dlg.summary_label.text()
    wait_ops()
    names = {tab.model.index(r, 1).data() for r in range(tab.model.rowCount())}
    assert tab.model.rowCount() == 12 and {"Nordic Apparel AB", "Atlas Trading GmbH"} <= names

    # the same file again: every row a duplicate, skipped by default
    with qtbot.waitSignal(dlg.imported, timeout=10_000) as blocker:
        click(qtbot, dlg.import_button)
    assert blocker.args[0].skipped == 12 and Client.select().count() == 12


def test_import_orders_creating_missing_clients(qtbot, window, wait_ops, monkeypatch):
    tab = go(qtbot, window, "订单")
    dlg = _import_dialog(qtbot, window, wait_ops, monkeypatch, SAMPLES / "orders_en.xlsx", "orders")
    assert dlg.create_clients.isVisibleTo(dlg)
    with qtbot.waitSignal(dlg.checked, timeout=10_000) as blocker:
        click(qtbot, dlg.check_button)
    assert not blocker.args[0].ok and Order.select().count() == 0  # unknown clients
    toggle(qtbot, dlg.create_clients)
    with qtbot.waitSignal(dlg.imported, timeout=10_000) as blocker:
        click(qtbot, dlg.import_button)
    result = blocker.args[0]
    assert result.written and result.created == Order.select().count() > 0
    wait_ops()
    assert tab.model.rowCount() == Order.select().count()


def test_hostile_file_shows_its_sentence_and_adds_nothing(qtbot, window, wait_ops, monkeypatch, tmp_path,
                                                          shown_errors):
    fake = tmp_path / "客户.xlsx"
    fake.write_text("客户名称,联系人\nNordic,Anna\n", encoding="utf-8")
    _choose(monkeypatch, fake)
    menu(qtbot, window, "工具", "导入客户…")
    wait_ops()
    from gendan_desktop.gui.import_dialog import ImportDialog

    assert window.findChildren(ImportDialog) == []
    (exc, _details), = shown_errors
    shown_errors.clear()
    from gendan_desktop.excel.reader import FileRefused

    assert isinstance(exc, FileRefused)
    text = str(exc)
    assert "客户.xlsx" in text and text.rstrip().endswith(("。", "."))
    assert Client.select().count() == 0


def test_dry_run_lists_the_bad_row_and_writes_nothing(qtbot, window, wait_ops, monkeypatch, tmp_path):
    path = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户名称", "联系人", "Email", "首次联系"])
    ws.append(["Good Co", "A", "a@good.example", "2026-10-01"])
    ws.append(["Bad Co", "B", "not-an-email", "2026-13-45"])
    wb.save(path)
    dlg = _import_dialog(qtbot, window, wait_ops, monkeypatch, path)
    with qtbot.waitSignal(dlg.checked, timeout=10_000):
        qtbot.mouseClick(dlg.check_button, Qt.LeftButton)
    rows = dlg.problem_rows()
    assert {r[0] for r in rows} == {"3"}
    assert any(r[1] == "C Email" and "not-an-email" in r[2] for r in rows)
    assert any("2026-13-45" in r[2] for r in rows)
    assert Client.select().count() == 0
    # all-or-nothing: importing now writes nothing either
    with qtbot.waitSignal(dlg.imported, timeout=10_000) as blocker:
        click(qtbot, dlg.import_button)
    assert not blocker.args[0].written and Client.select().count() == 0
    assert "未写入" in dlg.summary_label.text()
    # the report of the problems is a real workbook
    report = tmp_path / "report.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    click(qtbot, dlg.report_button)
    wait_ops()
    cells = [c for row in openpyxl.load_workbook(report).active.iter_rows(values_only=True) for c in row]
    assert 3 in cells and any(isinstance(c, str) and "not-an-email" in c for c in cells)


def test_import_templates_are_saved_from_the_menu(qtbot, window, wait_ops, monkeypatch, tmp_path):
    target = tmp_path / "订单模板"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    menu(qtbot, window, "工具", "保存导入模板", "订单导入模板…")
    wait_ops()
    ws = openpyxl.load_workbook(target.with_suffix(".xlsx")).active  # .xlsx added to the chosen name
    titles = [c.value for c in ws[1]]
    assert {"客户*", "交期*", "数量*", "单价*"} <= set(titles)
    # the blank template imports as an orders file (header found, mapping complete)
    from gendan_desktop.excel import importer

    assert not importer.prepare(target.with_suffix(".xlsx"), "orders").missing_required


def _shown_rows(pane, columns):
    model = pane.model
    return [[model.index(r, c).data() for c in columns] for r in range(model.rowCount())]


def test_export_filtered_client_list_as_shown(qtbot, window, wait_ops, tmp_path, monkeypatch):
    from gendan_desktop.excel import importer

    importer.run(importer.prepare(SAMPLES / "clients_cn.xlsx", "clients"))
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    key(qtbot, Qt.Key_F5, widget=window)
    pane = tab.pane
    u.choose(pane.filter_combos["grade"], "key")
    click_header(qtbot, pane.table, 1)
    if pane.table.horizontalHeader().sortIndicatorOrder() != Qt.DescendingOrder:
        click_header(qtbot, pane.table, 1)
    header = pane.table.horizontalHeader()
    header.moveSection(header.visualIndex(5), 0)  # country first
    header.setSectionHidden(3, True)  # status hidden
    columns = excel_actions.visible_columns(pane)
    assert columns[0] == 5 and 3 not in columns
    shown = _shown_rows(pane, columns)
    assert 0 < len(shown) < 12

    target = tmp_path / "clients.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    activate(qtbot, window)
    key(qtbot, Qt.Key_E, Qt.ControlModifier, window)  # 导出当前列表
    wait_ops()
    ws = openpyxl.load_workbook(target).active
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    titles = [pane.model.headerData(c, Qt.Horizontal) for c in columns]
    assert got[0] == titles
    assert [[("" if v is None else v) for v in row] for row in got[1:]] == shown


def test_export_orders_list_has_real_numbers_and_dates(qtbot, window, wait_ops, tmp_path, monkeypatch):
    client = Client.create(code="C0001", name="Nordic Apparel AB", default_currency="USD")
    for n, (qty, price) in enumerate([(1200, "8.75"), (30, "1.5")], 1):
        order = Order.create(number=f"SO-{n}", client=client, currency="USD", order_date=dt.date(2026, 9, n),
                             delivery_date=dt.date(2026, 11, n), status="confirmed")
        OrderLine.create(order=order, line_no=1, style="ST", quantity=qty, unit_price=D(price))
    go(qtbot, window, "订单")
    target = tmp_path / "orders.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    key(qtbot, Qt.Key_E, Qt.ControlModifier, window)  # 导出当前列表
    wait_ops()
    ws = openpyxl.load_workbook(target).active
    head = [c.value for c in ws[1]]
    rows = {r[head.index("订单号")]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["SO-1"][head.index("数量")] == 1200
    assert rows["SO-1"][head.index("金额")] == pytest.approx(10500.0)
    assert rows["SO-2"][head.index("金额")] == pytest.approx(45.0)
    assert rows["SO-1"][head.index("交期")] == dt.datetime(2026, 11, 1)  # a date cell, not text
    # Ctrl+E is the shortcut of the action
    assert window.action("export_list").shortcut().toString() == "Ctrl+E"


@pytest.fixture
def account(sqlite_db):
    from gendan_desktop.core.payments import record_payment
    from gendan_desktop.core.shipments import create_shipment

    client = Client.create(code="C0100", name="Nordic Apparel AB", default_currency="USD")
    order = Order.create(number="SO-1", client=client, currency="USD", order_date=dt.date(2026, 1, 5),
                         delivery_date=dt.date(2026, 3, 5), status="confirmed", client_po="PO-1")
    l1 = OrderLine.create(order=order, line_no=1, style="ST-1", quantity=1000, unit_price=D("2.50"), product="针织衫")
    create_shipment(order.id, dt.date(2026, 2, 20), [(l1.id, 400)],
                    excess_reason="库存现货")  # before the period: opening
    create_shipment(order.id, dt.date(2026, 3, 5), [(l1.id, 600)], excess_reason="库存现货")
    record_payment(client.id, "1000.10", "USD", dt.date(2026, 3, 10), reference="TT-1", order_id=order.id)
    return client


def test_statement_dialog_writes_the_core_closing_balance(qtbot, window, wait_ops, tmp_path, account,
                                                         monkeypatch):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication
    from python_calamine import CalamineWorkbook

    from gendan_desktop.core.statements import statement
    from gendan_desktop.gui.clients.statement_dialog import StatementDialog

    u = User(qtbot, window, wait_ops)
    menu(qtbot, window, "工具", "对账单…")
    dlg = next(w for w in QApplication.topLevelWidgets() if isinstance(w, StatementDialog) and w.isVisible())
    activate(qtbot, dlg)
    start, end = dlg.period()
    assert start.day == 1 and end < dt.date.today() and (end + dt.timedelta(days=1)).day == 1  # last month
    u.fill(dlg.search, "nordic")
    visible = [dlg.clients.item(i) for i in range(dlg.clients.count()) if not dlg.clients.item(i).isHidden()]
    assert [i.data(Qt.UserRole) for i in visible] == [account.id]
    rect = dlg.clients.visualItemRect(visible[0])
    click(qtbot, dlg.clients.viewport(), QPoint(rect.x() + 10, rect.center().y()))  # its check box
    assert dlg.checked_ids() == [account.id]
    u.fill(dlg.date_from, "2026-03-01")
    u.fill(dlg.date_to, "2026-03-31")
    u.choose(dlg.currency, "USD")

    target = tmp_path / "对账单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(dlg.written, timeout=10_000):
        click(qtbot, dlg.export_button)
    assert dlg.paths == [target]
    core = statement(account.id, dt.date(2026, 3, 1), dt.date(2026, 3, 31), "USD")[0]
    assert core.closing == D("1000.00") + D("1500.00") - D("1000.10")
    rows = CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
    labels = {row[7]: row[10] for row in rows if len(row) > 10 and isinstance(row[7], str) and row[7]}
    assert D(str(labels["期末应收余额(USD)"])).quantize(D("0.01")) == core.closing

    from gendan_desktop.gui.kit.printing_actions import PdfPreviewDialog

    click(qtbot, dlg.preview_button)
    preview = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible())
    assert preview.page_count() >= 1
    preview.close()
    dlg.close()


def test_a_file_with_only_a_header_says_it_has_no_data_rows(qtbot, window, wait_ops, monkeypatch, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["客户名称", "邮箱", "国家"])
    wb.save(tmp_path / "header_only.xlsx")
    dlg = _import_dialog(qtbot, window, wait_ops, monkeypatch, tmp_path / "header_only.xlsx")
    assert "没有数据行" in dlg.missing_label.text() and "第 1 行" in dlg.missing_label.text()
    assert not dlg.import_button.isEnabled() and not dlg.check_button.isEnabled()
    assert Client.select().count() == 0
    dlg.close()
