"""Importing clients and orders from the samples and from messy files made here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from excel_helpers import SAMPLES, messy_clients, messy_orders, write_rows

from gendan_desktop.core import clients as client_service
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.models import Client, ClientTag, Contact, Order, OrderLine
from gendan_desktop.core.pinyin import pinyin_key
from gendan_desktop.excel import importer


def _import(path, kind, **kw):
    return importer.run(importer.prepare(path, kind), **kw)


# ----------------------------------------------------------------- samples --
def test_sample_clients_import_with_title_row_numeric_phones_and_labels(db):
    plan = importer.prepare(SAMPLES / "clients_cn.xlsx", "clients")
    assert plan.header_row == 1  # below the merged title
    assert set(plan.mapping.values()) >= {"name", "contact", "country", "mobile", "email", "source", "grade"}
    assert plan.preview[0][0] == "Nordic Apparel AB"
    result = importer.run(plan)
    assert result.ok and result.created == 12 and result.rows_read == 12
    c = Client.get(Client.name == "Nordic Apparel AB")
    assert c.phone == "22250919908"  # a number in Excel, text without ".0" here
    assert (c.source, c.grade, c.country, c.email) == ("google", "key", "西班牙", "info0@nordic.example")
    assert Client.get(Client.name == "Sunrise Textiles Ltd.").source == "trade_show"  # 广交会
    assert Client.get(Client.name == "Sunrise Textiles Ltd.").grade == "ordinary"  # 普通
    contact = Contact.get(Contact.client == c)
    assert (contact.name, contact.mobile, contact.is_primary) == ("Contact 0", "22250919908", True)
    assert c.pinyin == pinyin_key(c.name) and c.code.startswith("C")


def test_sample_orders_grouped_by_number_with_text_and_real_dates(db):
    _import(SAMPLES / "clients_cn.xlsx", "clients")
    result = _import(SAMPLES / "orders_en.xlsx", "orders")
    assert result.ok, [e.zh for e in result.errors]
    assert (result.created, result.lines_created) == (8, 29)
    o = Order.get(Order.client_po == "SO26-100")
    assert o.client.name == "Nordic Apparel AB" and o.number.startswith("SO")
    assert (o.order_date, o.delivery_date, o.currency, o.status) == (dt.date(2026, 9, 1), dt.date(2026, 10, 16),
                                                                      "USD", "draft")
    lines = list(o.lines.order_by(OrderLine.line_no))
    assert [(ln.colour, ln.size, ln.quantity) for ln in lines][:2] == [("Black", "S", 100), ("Navy", "M", 200)]
    assert lines[0].unit_price == Decimal("8.7500") and lines[0].product == "Knitted sweater"
    assert Order.get(Order.client_po == "SO26-101").order_date == dt.date(2026, 9, 4)  # a real date cell


def test_reimport_skips_duplicates_and_changes_nothing(db):
    _import(SAMPLES / "clients_cn.xlsx", "clients")
    _import(SAMPLES / "orders_en.xlsx", "orders")
    counts = (Client.select().count(), Order.select().count(), OrderLine.select().count())
    r1 = _import(SAMPLES / "clients_cn.xlsx", "clients")
    r2 = _import(SAMPLES / "orders_en.xlsx", "orders")
    assert (r1.skipped, r1.created, r2.skipped, r2.created) == (12, 0, 29, 0)
    assert (Client.select().count(), Order.select().count(), OrderLine.select().count()) == counts
    assert "已存在" in r2.notes[0].zh


def test_orders_for_unknown_clients_write_nothing_or_create_the_clients(db):
    result = _import(SAMPLES / "orders_en.xlsx", "orders")
    assert not result.written and Order.select().count() == 0
    assert result.invalid == 29 and "找不到客户“Nordic Apparel AB”" in result.errors[0].zh
    assert result.errors[0].row == 2 and result.errors[0].column == "B Customer"
    result = _import(SAMPLES / "orders_en.xlsx", "orders", create_missing_clients=True)
    assert result.ok and result.clients_created == 8 and Client.select().count() == 8
    assert Order.select().count() == 8


# ------------------------------------------------------------------- messy --
def test_messy_client_list(db, tmp_path):
    plan = importer.prepare(messy_clients(tmp_path / "cards.xlsx"), "clients")
    assert plan.header_row == 3
    assert plan.mapping[1] == "name" and plan.mapping[3] == "mobile" and 9 not in plan.mapping  # 展位号 ignored
    result = importer.run(plan)
    assert result.ok and result.created == 4, [e.zh for e in result.errors]
    nordic = Client.get(Client.name == "Nordic Apparel AB")
    assert nordic.phone == "46701234567" and nordic.first_contact_date == dt.date(2026, 10, 16)
    assert sorted(t.tag for t in ClientTag.select().where(ClientTag.client == nordic)) == ["大货", "针织"]
    assert Client.get(Client.name == "Sunrise Textiles Ltd.").first_contact_date == dt.date(2026, 10, 16)
    blue = Client.get(Client.name == "Blue Ocean Fashion Inc.")  # spaces trimmed
    assert blue.first_contact_date == dt.date(2026, 10, 17) and blue.source == "alibaba"
    atlas = Client.get(Client.name == "Atlas Trading GmbH")
    assert atlas.first_contact_date == dt.date(2026, 10, 18) and atlas.grade == "key"


def test_messy_orders_with_merged_cells_and_total_row(db, tmp_path):
    client_service.create_client(name="Nordic Apparel AB")
    client_service.create_client(name="Sunrise Textiles Ltd.")
    result = _import(messy_orders(tmp_path / "oct.xlsx"), "orders")
    assert result.ok, [e.zh for e in result.errors]
    assert result.rows_read == 5 and result.created == 2 and result.lines_created == 5
    a1 = Order.get(Order.client_po == "PO-88")
    assert [ln.quantity for ln in a1.lines.order_by(OrderLine.line_no)] == [100, 200, 300]
    a2 = Order.get(Order.client_po == "PO-89")
    assert a2.client.name == "Sunrise Textiles Ltd."  # a sure duplicate: same name and legal form
    assert (a2.order_date, a2.delivery_date) == (dt.date(2026, 9, 2), dt.date(2026, 10, 16))


def test_formula_without_cached_value_is_explained(db, tmp_path):
    client_service.create_client(name="Nordic Apparel AB")
    client_service.create_client(name="Sunrise Textiles Ltd.")
    result = _import(messy_orders(tmp_path / "f.xlsx", formula_qty=True), "orders")
    assert not result.written and Order.select().count() == 0
    [err] = result.errors
    assert err.row == 5 and err.field == "quantity" and "公式" in err.zh and "保存一次" in err.zh


def test_every_problem_is_reported_with_row_and_column_and_nothing_written(db, tmp_path):
    p = write_rows(tmp_path / "bad.xlsx", [
        ["客户名称", "邮箱", "客户来源", "首次联系日期", "币种"],
        ["Good Co", "good@x.example", "展会", "2026-01-02", "USD"],
        ["", "empty@x.example", "", "", ""],
        ["Bad Mail", "not-an-address", "", "", ""],
        ["Bad Source", "", "电视广告", "", ""],
        ["Bad Date", "", "", "2026-13-45", "usd"],
        ["Bad Cur", "", "", "", "DOLLARS"],
    ])
    result = _import(p, "clients")
    assert Client.select().count() == 0 and not result.written
    got = {(e.row, e.field) for e in result.errors}
    assert got == {(3, "name"), (4, "email"), (5, "source"), (6, "first_contact_date"), (7, "default_currency")}
    mail = next(e for e in result.errors if e.field == "email")
    assert mail.zh.startswith("第 4 行“B 邮箱”列:") and "name@example.com" in mail.zh
    assert "未写入任何数据" in result.summary()
    # the same file with skip_invalid writes the one good row
    result = _import(p, "clients", skip_invalid=True)
    assert result.written and result.created == 1 and result.invalid == 5
    assert [c.name for c in Client.select()] == ["Good Co"]


def test_order_rows_that_disagree_within_one_order(db, tmp_path):
    client_service.create_client(name="Acme")
    p = write_rows(tmp_path / "o.xlsx", [
        ["订单号", "客户", "下单日期", "交期", "款号", "数量", "单价"],
        ["X1", "Acme", "2026-09-01", "2026-10-16", "S1", 10, 1.5],
        ["X1", "Acme", "", "2026-10-20", "S2", 0, "abc"],
        ["X2", "Acme", "2026-09-01", "2026-10-16", "", 5, 2],
        ["X3", "Acme", "2026-09-01", "", "S3", 5, 2],
        ["X4", "Acme", "", "2020-01-01", "S4", 5, 2],
    ])
    result = _import(p, "orders")
    got = sorted((e.row, e.field) for e in result.errors)
    assert got == [(3, "delivery_date"), (3, "quantity"), (3, "unit_price"), (4, "style"), (5, "delivery_date"),
                   (6, "delivery_date")]
    assert "不一致" in result.errors[2].zh or any("不一致" in e.zh for e in result.errors if e.row == 3)
    assert any("下单日期为空,按今天计算" in e.zh for e in result.errors if e.row == 6)
    assert Order.select().count() == 0
    result = _import(p, "orders", skip_invalid=True)
    assert result.created == 0  # X1 has a bad row, X2–X4 are invalid: no order is half-imported
    assert any("有效行也未导入" in n.zh for n in result.notes)


def test_a_bad_cell_repeated_on_many_rows_is_reported_on_each(db, tmp_path):
    # cells are parsed once per distinct value: the refusal must still name every row
    client_service.create_client(name="Acme")
    p = write_rows(tmp_path / "r.xlsx", [
        ["订单号", "客户", "下单日期", "交期", "款号", "数量", "单价"],
        ["R1", "Acme", "2026-09-01", "2026-13-45", "S1", "十", 1.5],
        ["R1", "Acme", "2026-09-01", "2026-13-45", "S2", "十", 1.5],
        ["R2", "Acme", "2026-09-01", "2026-10-16", "S1", "十", 1.5],
    ])
    result = _import(p, "orders")
    got = sorted((e.row, e.field) for e in result.errors)
    assert got == [(2, "delivery_date"), (2, "quantity"), (3, "delivery_date"), (3, "quantity"), (4, "quantity")]
    assert all("十" in e.zh for e in result.errors if e.field == "quantity")
    assert result.invalid == 3 and Order.select().count() == 0


def test_duplicates_in_file_and_database_skip_update_create(db, tmp_path):
    old = client_service.create_client(name="华美服装有限公司", email="old@huamei.example")
    p = write_rows(tmp_path / "d.xlsx", [
        ["客户名称", "邮箱", "国家"],
        ["华美服装有限责任公司", "new@huamei.example", "中国"],  # the DB client: 有限责任公司 is 有限公司
        ["Zeta Ltd", "z@zeta.example", ""],
        ["ZETA LIMITED", "", "UK"],  # same as row 3 in the file
    ])
    r = _import(p, "clients")  # skip
    assert (r.created, r.skipped, r.updated) == (1, 2, 0) and Client.select().count() == 2
    r = _import(p, "clients", on_duplicate="update")
    assert r.updated >= 1
    old = Client.get_by_id(old.id)
    assert (old.email, old.country, old.version) == ("new@huamei.example", "中国", 2)
    assert Client.get(Client.name == "Zeta Ltd").country == "UK"  # merged from row 4
    r = _import(p, "clients", on_duplicate="create")
    assert r.created == 3 and Client.select().count() == 5


def test_a_client_that_only_looks_alike_is_imported_and_listed_for_review(db, tmp_path):
    llc = client_service.create_client(name="Baltic Moda LLC", country="India", email="buy@balticmoda.in")
    p = write_rows(tmp_path / "l.xlsx", [
        ["客户名称", "邮箱", "国家"],
        ["Baltic Moda Inc.", "einkauf@balticmoda.de", "Germany"],
        ["baltic moda llc", "", ""],  # the same company as the archive's
    ])
    r = _import(p, "clients")
    assert (r.created, r.skipped) == (1, 1), [n.zh for n in r.notes]
    inc = Client.get(Client.name == "Baltic Moda Inc.")
    assert inc.country == "Germany" and Client.select().count() == 2
    note = next(n for n in r.notes if n.row == 2)
    assert "Baltic Moda LLC" in note.zh and "相似待核对" in note.zh and "look-alikes to review" in note.en
    assert [(a.id, b.id) for a, b in client_service.pending_look_alikes()] == [(inc.id, llc.id)]


def test_order_rows_never_go_to_a_client_that_only_looks_alike(db, tmp_path):
    llc = client_service.create_client(name="Baltic Moda LLC", code="BM1", country="India")
    p = write_rows(tmp_path / "o.xlsx", [
        ["客户", "客户PO", "下单日期", "交期", "款号", "数量", "单价"],
        ["Baltic Moda Inc.", "P-1", "2026-09-01", "2026-10-16", "S1", 10, 1.5],
    ])
    r = _import(p, "orders")
    assert Order.select().count() == 0
    [e] = r.errors
    assert e.field == "client" and "BM1 Baltic Moda LLC" in e.zh and "相似" in e.zh
    r = _import(p, "orders", create_missing_clients=True)
    assert r.ok and r.clients_created == 1
    order = Order.get(Order.client_po == "P-1")
    assert order.client.name == "Baltic Moda Inc." and order.client_id != llc.id
    assert any("相似待核对" in n.zh for n in r.notes)
    assert len(client_service.pending_look_alikes(llc.id)) == 1


def test_dry_run_counts_but_writes_nothing(db):
    _import(SAMPLES / "clients_cn.xlsx", "clients")
    r = _import(SAMPLES / "orders_en.xlsx", "orders", dry_run=True)
    assert (r.created, r.lines_created, r.written) == (8, 29, False) and Order.select().count() == 0


def test_progress_and_cancel(db):
    plan = importer.prepare(SAMPLES / "clients_cn.xlsx", "clients")
    seen = []
    importer.run(plan, dry_run=True, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (12, 12)
    r = importer.run(plan, cancelled=lambda: True)
    assert r.cancelled and not r.written and Client.select().count() == 0


def test_mapping_chosen_by_the_user_and_missing_required_column(db, tmp_path):
    p = write_rows(tmp_path / "m.xlsx", [["公司", "Col X"], ["Acme", "acme@x.example"]])
    plan = importer.prepare(p, "clients")
    assert plan.mapping == {0: "name"}
    r = importer.run(plan, mapping={0: "name", 1: "email"})
    assert r.created == 1 and Client.get().email == "acme@x.example"
    with pytest.raises(ValidationError, match="缺少必需的列"):
        importer.run(plan, mapping={1: "email"})
    with pytest.raises(ValidationError, match="同一项"):
        importer.run(plan, mapping={0: "name", 1: "name"})


def test_error_report_is_saved_as_xlsx(db, tmp_path):
    p = write_rows(tmp_path / "bad.xlsx", [["客户名称", "邮箱"], ["A", "bad"], ["", "x@y.example"]])
    r = _import(p, "clients")
    out = importer.save_error_report(r, tmp_path / "errors.xlsx")
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("行号", "列") and {rows[1][0], rows[2][0]} == {2, 3}
    assert any("邮箱" in (r[3] or "") for r in rows[1:])


def test_cancel_while_writing_rolls_everything_back(db, tmp_path):
    rows = [["客户名称", "邮箱"]] + [[f"客户{i:04d}", f"c{i}@x.example"] for i in range(600)]
    plan = importer.prepare(write_rows(tmp_path / "many.xlsx", rows), "clients")
    done = [0]
    r = importer.run(plan, progress=lambda d, t: done.__setitem__(0, d), cancelled=lambda: done[0] > 700)
    assert r.cancelled and not r.written and r.created == 0
    assert done[0] > 600  # validation had finished: the cancel came during the writing
    assert Client.select().count() == 0


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_files_saved_by_libreoffice_import(db, tmp_path, fmt):
    """The sample as LibreOffice/WPS would save it: .ods, and old .xls (BIFF8)."""
    import shutil
    import subprocess

    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", fmt, "--outdir", str(tmp_path), str(SAMPLES / "clients_cn.xlsx")],
                   check=True, capture_output=True, timeout=180)
    plan = importer.prepare(tmp_path / f"clients_cn.{fmt}", "clients")
    assert plan.book_kind == fmt and plan.header_row == 1
    result = importer.run(plan)
    assert result.ok and result.created == 12
    assert Client.get(Client.name == "Nordic Apparel AB").phone == "22250919908"
