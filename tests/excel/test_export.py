"""Export: typed cells, frozen bold header, filters, widths, formula injection,
round trips back through the importer, and a LibreOffice read where installed."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gendan_desktop.core import clients as client_service
from gendan_desktop.core import orders as order_service
from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.models import Client, ClientTag, Contact, Order, OrderLine
from gendan_desktop.excel import importer
from gendan_desktop.excel.exporter import Column, export_rows
from gendan_desktop.excel.named_exports import export_named
from gendan_desktop.excel.templates import save_template

HOSTILE = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"]


def _export_sample(path: Path) -> Path:
    cols = [Column("客户"), Column("下单日期", "date"), Column("数量", "int"), Column("单价", "money"),
            Column("比例", "percent"), Column("已完成", "bool"), Column("备注")]
    rows = [("华美服装有限公司", dt.date(2026, 10, 16), 1200, Decimal("8.75"), 0.25, True, HOSTILE[0])]
    rows += [(f"客户{i}", dt.date(2026, 1, 1) + dt.timedelta(days=i), i, Decimal(i) / 4, None, False, h)
             for i, h in enumerate(HOSTILE[1:], 1)]
    return export_rows(path, cols, rows, sheet_name="订单")


def test_export_rows_types_header_and_formats(tmp_path):
    wb = openpyxl.load_workbook(_export_sample(tmp_path / "list.xlsx"))
    ws = wb["订单"]
    assert [c.value for c in ws[1]] == ["客户", "下单日期", "数量", "单价", "比例", "已完成", "备注"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:G8"
    a2, b2, c2, d2, e2, f2 = (ws.cell(2, c) for c in range(1, 7))
    assert a2.value == "华美服装有限公司"
    assert b2.value == dt.datetime(2026, 10, 16) and b2.number_format == "yyyy-mm-dd"
    assert c2.value == 1200 and c2.data_type == "n"
    assert d2.value == 8.75 and d2.number_format == "#,##0.00"
    assert e2.value == 0.25 and e2.number_format == "0.0%"
    assert f2.value == "是"
    # Chinese text counts double in the fitted width
    assert ws.column_dimensions["A"].width >= 16


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = _export_sample(tmp_path / "inj.xlsx")
    ws = openpyxl.load_workbook(path)["订单"]
    cells = [ws.cell(r, 7) for r in range(2, 2 + len(HOSTILE))]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    import zipfile

    from python_calamine import CalamineWorkbook

    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [r[6] for r in values[1:]] == HOSTILE  # the text exactly as given, CR and tab included

    with zipfile.ZipFile(path) as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")


def test_export_of_no_rows_still_has_the_header(tmp_path):
    p = export_rows(tmp_path / "empty.xlsx", [Column("客户")], [])
    ws = openpyxl.load_workbook(p).active
    assert ws.max_row == 1 and ws["A1"].value == "客户"


def _clients_for_round_trip():
    client_service.create_client(
        name="华美服装有限公司", name_en="Huamei Garments", country="中国", source="trade_show", grade="key",
        phone="0571-88886666", email="sales@huamei.example", address="杭州市", website="www.huamei.example",
        payment_terms="30% T/T", default_currency="CNY", notes="=老客户", first_contact_date=dt.date(2025, 4, 15),
        tags=["针织", "大货"], contacts=[{"name": "王芳", "mobile": "13800138000"}])
    client_service.create_client(name="Nordic Apparel AB", country="Sweden", source="google",
                                 email="info@nordic.example")


def _client_snapshot():
    out = []
    for c in Client.select().order_by(Client.code):
        contact = Contact.get_or_none((Contact.client == c) & Contact.is_primary)
        tags = sorted(t.tag for t in ClientTag.select().where(ClientTag.client == c))
        out.append((c.code, c.name, c.name_en, c.country, c.source, c.grade, c.phone, c.email, c.address,
                    c.website, c.payment_terms, c.default_currency, c.notes, c.first_contact_date, c.pinyin,
                    contact.name if contact else None, contact.mobile if contact else None, tags))
    return out


def test_clients_round_trip_export_then_import_into_a_new_database(db, tmp_path):
    _clients_for_round_trip()
    before = _client_snapshot()
    path, n = export_named("clients", tmp_path / "clients.xlsx")
    assert n == 2
    close_database()
    open_database(str(tmp_path / "fresh.sqlite3"))
    result = importer.run(importer.prepare(path, "clients"))
    assert result.ok and result.created == 2
    assert _client_snapshot() == before
    # importing the same export again finds every client already there
    assert importer.run(importer.prepare(path, "clients")).skipped == 2


def test_order_lines_round_trip(db, tmp_path):
    _clients_for_round_trip()
    huamei, nordic = list(Client.select().order_by(Client.code))
    order_service.create_order(huamei.id, client_po="HM-1", currency="CNY", order_date=dt.date(2026, 9, 1),
                               delivery_date=dt.date(2026, 10, 16), lines=[
                                   {"style": "ST-1", "product": "针织衫", "colour": "黑", "size": "M",
                                    "quantity": 100, "unit_price": "35.5"},
                                   {"style": "ST-1", "product": "针织衫", "colour": "白", "size": "L",
                                    "quantity": 50, "unit_price": "35.5"}])
    order_service.create_order(nordic.id, order_date=dt.date(2026, 9, 3), delivery_date=dt.date(2026, 11, 1),
                               lines=[{"style": "N-9", "quantity": 1000, "unit_price": "1.2345"}])

    def snapshot():
        return sorted((o.client.code, o.client_po, o.order_date, o.delivery_date, o.currency,
                       tuple((ln.style, ln.product, ln.colour, ln.size, ln.quantity, ln.unit_price)
                             for ln in o.lines.order_by(OrderLine.line_no))) for o in Order.select())

    before = snapshot()
    clients_xlsx, _ = export_named("clients", tmp_path / "c.xlsx")
    lines_xlsx, n = export_named("order-lines", tmp_path / "lines.xlsx")
    assert n == 3
    close_database()
    open_database(str(tmp_path / "fresh.sqlite3"))
    importer.run(importer.prepare(clients_xlsx, "clients"))
    result = importer.run(importer.prepare(lines_xlsx, "orders"))
    assert result.ok and (result.created, result.lines_created) == (2, 3), [e.zh for e in result.errors]
    assert snapshot() == before


def test_every_named_list_exports(db, tmp_path):
    _clients_for_round_trip()
    for name in ("clients", "orders", "order-lines", "followups", "production", "complaints"):
        path, n = export_named(name, tmp_path / f"{name}.xlsx")
        ws = openpyxl.load_workbook(path).active
        assert ws.max_row == n + 1 and ws["A1"].font.b


def test_templates_import_their_own_header(db, tmp_path):
    for kind in ("clients", "orders"):
        for lang in ("zh", "en"):
            path = save_template(kind, tmp_path / f"{kind}_{lang}.xlsx", lang=lang)
            wb = openpyxl.load_workbook(path)
            ws = wb.worksheets[0]
            ws.append(["x"] * ws.max_column)  # a data row, so the workbook is not empty
            wb.save(path)
            plan = importer.prepare(path, kind)
            specs = [s.name for s in plan.fields if s.name != "amount"]
            assert plan.header_row == 0 and sorted(plan.mapping.values()) == sorted(specs), (kind, lang)


def _soffice_csv(xlsx: Path, out: Path) -> list[list[str]]:
    profile = out / "lo-profile"
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    with open(out / (xlsx.stem + ".csv"), encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_export(tmp_path):
    rows = _soffice_csv(_export_sample(tmp_path / "lo.xlsx"), tmp_path)
    assert rows[0] == ["客户", "下单日期", "数量", "单价", "比例", "已完成", "备注"]
    assert rows[1][:4] == ["华美服装有限公司", "2026-10-16", "1,200", "8.75"]
    assert rows[1][6] == "=1+2"  # shown as text, not computed to 3
    assert [r[6] for r in rows[2:5]] == ["+SUM(A1)", "-2+3", "@cmd"]


def test_export_memory_stays_flat_for_a_long_list(tmp_path):
    import tracemalloc

    cols = [Column("订单号"), Column("交期", "date"), Column("数量", "int"), Column("单价", "money"), Column("品名")]

    def rows(n):
        for i in range(n):
            yield (f"SO{i:06d}", dt.date(2026, 1, 1) + dt.timedelta(days=i % 300), i, Decimal("8.75"), "针织衫 knit")

    def peak(n):
        tracemalloc.start()
        try:
            export_rows(tmp_path / f"m{n}.xlsx", cols, rows(n))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(2_000), peak(40_000)
    assert large < small * 1.5 + 1_000_000  # 20× the rows, about the same memory
    ws = openpyxl.load_workbook(tmp_path / "m40000.xlsx", read_only=True).active
    assert ws.max_row == 40_001
