"""对账单 workbook: the figures, formulas and uppercase amount match the core's."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from gendan_desktop.core.common import set_setting
from gendan_desktop.core.models import Client, Complaint, Order, OrderLine
from gendan_desktop.core.payments import record_payment
from gendan_desktop.core.receivables import client_balance
from gendan_desktop.core.shipments import create_shipment
from gendan_desktop.core.statements import amount_in_words_zh, statement
from gendan_desktop.excel.statement_xlsx import export_statement, export_statements

D = Decimal


def _order(client, number, currency, lines, day=dt.date(2026, 1, 5)):
    order = Order.create(number=number, client=client, currency=currency, order_date=day,
                         delivery_date=day + dt.timedelta(days=60), status="confirmed", client_po=f"PO-{number}")
    for i, (style, qty, price) in enumerate(lines, 1):
        OrderLine.create(order=order, line_no=i, style=style, colour="黑", size="M", quantity=qty,
                         unit_price=D(price), product="针织衫")
    return order, list(order.lines.order_by(OrderLine.line_no))


@pytest.fixture
def account(db):
    set_setting("company_name", "宁波锦华服饰有限公司")
    set_setting("company_address", "宁波市鄞州区工业园 88 号")
    set_setting("company_phone", "0574-88886666")
    client = Client.create(code="C0100", name="Nordic Apparel AB", default_currency="USD")
    order, (l1, l2) = _order(client, "SO-1", "USD", [("ST-1", 1000, "2.50"), ("ST-2", 333, "1.235")])
    create_shipment(order.id, dt.date(2026, 2, 20), [(l1.id, 400)],
                    excess_reason="库存现货")  # before the period: opening
    record_payment(client.id, "300", "USD", dt.date(2026, 2, 25), kind="deposit", order_id=order.id,
                   reference="TT-0")
    create_shipment(order.id, dt.date(2026, 3, 5), [(l1.id, 600), (l2.id, 333)],
                    excess_reason="库存现货")  # 333 × 1.235 = 411.255
    Complaint.create(number="CS-1", order=order, date=dt.date(2026, 3, 8), description="色差\n详情",
                     disposition="discount", credit_amount=D("88.80"), credit_date=dt.date(2026, 3, 9),
                     currency="USD")
    record_payment(client.id, "1000.10", "USD", dt.date(2026, 3, 10), reference="=TT-1", order_id=order.id)
    record_payment(client.id, "20", "USD", dt.date(2026, 3, 31), reference="TT-2")
    eur_order, (e1,) = _order(client, "SO-2", "EUR", [("EU-1", 10, "9.99")])
    create_shipment(eur_order.id, dt.date(2026, 3, 15), [(e1.id, 10)], excess_reason="库存现货")
    return client


_REF = re.compile(r"\$?([A-Z]+)\$?(\d+)")


def _evaluate(formula: str, values: dict) -> float:
    """Evaluate the few formula forms the statement uses, from the cells' numbers."""
    def num(ref):
        v = values.get(ref)
        return float(v) if isinstance(v, (int, float)) else 0.0

    def cells(rng):
        a, b = rng.split(":")
        (ca, ra), (cb, rb) = _REF.fullmatch(a).groups(), _REF.fullmatch(b).groups()
        return [f"{c}{r}" for c in {ca, cb} for r in range(int(ra), int(rb) + 1)]

    f = formula.lstrip("=")
    m = re.fullmatch(r'ROUND\(SUMIF\(([A-Z]+\d+:[A-Z]+\d+),"(.+?)",([A-Z]+\d+:[A-Z]+\d+)\),2\)', f)
    if m:
        keys, want, amounts = cells(m[1]), m[2], cells(m[3])
        return round(sum(num(a) for k, a in zip(keys, amounts) if values.get(k) == want), 2)
    m = re.fullmatch(r"(ROUND\()?SUM\(([A-Z]+\d+:[A-Z]+\d+)\)(,2\))?", f)
    if m:
        return round(sum(num(c) for c in cells(m[2])), 2)
    m = re.fullmatch(r"ROUND\((.+),2\)", f)
    expr = m[1] if m else f
    total, sign = 0.0, 1
    for tok in re.findall(r"[+-]|[A-Z]+\d+", expr):
        if tok in "+-":
            sign = 1 if tok == "+" else -1
        else:
            total += sign * num(tok)
    return round(total, 2)


def test_statement_workbook_matches_the_core(account, tmp_path):
    path, sts = export_statement(tmp_path / "st.xlsx", account.id, "2026-03-01", "2026-03-31")
    usd = next(s for s in sts if s.currency == "USD")
    assert usd.number and usd.number.startswith("ST")
    assert usd.opening == D("700.00")  # 400 × 2.50 − 300
    assert usd.total_shipped == D("1911.26")  # 1500.00 + 411.26 (each line rounded to the cent)
    assert usd.closing == D("700.00") + D("1911.26") - D("88.80") - D("1020.10")
    assert usd.closing == client_balance(account.id)["USD"]

    values = {}
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            if v != "":
                values[f"{openpyxl.utils.get_column_letter(c + 1)}{r}"] = v
    text = [str(v) for row in rows for v in row]
    assert "宁波锦华服饰有限公司" in text and any("0574-88886666" in t for t in text)
    assert any(usd.number in t for t in text) and any("2026-03-01 至 2026-03-31" in t for t in text)
    assert "=TT-1" in text  # a reference that looks like a formula stays text
    assert amount_in_words_zh(usd.closing, "USD") in text and usd.closing_in_words.startswith("美元")

    # every formula, evaluated from the cells, gives the cached value and the core's figure
    ws = openpyxl.load_workbook(path).worksheets[0]
    formulas = {c.coordinate: c.value for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f"}
    assert formulas
    for ref, f in formulas.items():
        assert _evaluate(f, values) == pytest.approx(values[ref], abs=0.001), (ref, f)
    labels = {row[7]: row[10] for row in rows if isinstance(row[7], str) and row[7]}
    assert D(str(labels["本期出货金额"])) == usd.total_shipped
    assert D(str(labels["本期售后扣款"])) == usd.total_credits == D("88.80")
    assert D(str(labels["本期收款"])) == usd.total_paid == D("1020.10")
    assert D(str(labels["期末应收余额(USD)"])).quantize(D("0.01")) == usd.closing
    shipped_amounts = [D(str(r[9])) for r in rows if r[1] == "出货"]
    assert sum(shipped_amounts) == usd.total_shipped + next(s for s in sts if s.currency == "EUR").total_shipped
    # the balance column ends on the closing balance of each block
    balances = [r[11] for r in rows if r[1] in ("出货", "扣款", "收款")]
    end = 0
    for st in sts:  # blocks in currency order
        end += len(st.entries)
        assert D(str(balances[end - 1])).quantize(D("0.01")) == st.closing
    assert "定金" not in [r[6] for r in rows if r[1] == "收款"] and "尾款" in [r[6] for r in rows if r[1] == "收款"]


def test_statement_figures_equal_the_core_for_each_currency(account, tmp_path):
    path, sts = export_statement(tmp_path / "eur.xlsx", account.id, "2026-03-01", "2026-03-31", currency="EUR",
                                 issue=False)
    [eur] = sts
    assert eur.number is None and eur.total_shipped == D("99.90")
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert any("预览" in str(v) for r in rows for v in r)
    assert [r for r in rows if r[1] == "出货"][0][9] == 99.9
    assert eur.closing_in_words == "欧元玖拾玖元玖角" and eur.closing_in_words in [v for r in rows for v in r]


def test_several_clients_one_sheet_each_or_one_file_each(account, tmp_path):
    other = Client.create(code="C0200", name="Sunrise: Textiles/Ltd", default_currency="USD")
    o, (ln,) = _order(other, "SO-3", "USD", [("X", 10, "1")])
    create_shipment(o.id, dt.date(2026, 3, 2), [(ln.id, 10)], excess_reason="库存现货")
    [book] = export_statements(tmp_path / "all.xlsx", [account.id, other.id], dt.date(2026, 3, 1),
                               dt.date(2026, 3, 31), issue=False)
    names = openpyxl.load_workbook(book).sheetnames
    assert names == ["C0100 Nordic Apparel AB", "C0200 Sunrise_ Textiles_Ltd"]
    files = export_statements(tmp_path / "each", [account.id, other.id], "2026-03-01", "2026-03-31",
                              one_file_each=True, issue=False)
    assert [f.name for f in files] == ["对账单_C0100_20260301_20260331.xlsx", "对账单_C0200_20260301_20260331.xlsx"]
    assert statement(other.id, "2026-03-01", "2026-03-31")[0].closing == D("10.00")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_statement(account, tmp_path):
    from test_export import _soffice_csv

    path, sts = export_statement(tmp_path / "lo.xlsx", account.id, "2026-03-01", "2026-03-31", currency="USD")
    rows = _soffice_csv(path, tmp_path)
    flat = [v for r in rows for v in r]
    assert "宁波锦华服饰有限公司" in flat and sts[0].closing_in_words in flat
    assert f"{sts[0].closing:,.2f}" in flat and "=TT-1" in flat


def test_missing_folder_takes_no_statement_number(account, tmp_path):
    from gendan_desktop.core.errors import GendanError
    from gendan_desktop.core.models import Counter

    before = list(Counter.select().tuples())
    with pytest.raises(GendanError, match="无法写入"):
        export_statement(tmp_path / "no" / "such" / "st.xlsx", account.id, "2026-03-01", "2026-03-31")
    assert list(Counter.select().tuples()) == before
