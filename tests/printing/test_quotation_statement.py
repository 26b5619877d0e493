"""Quotation / PI and statement PDFs: the client-facing paper."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gendan_desktop.cli import main
from gendan_desktop.core.models import (
    Client,
    Contact,
    Order,
    OrderLine,
    Payment,
    Quotation,
    QuotationItem,
    Shipment,
    ShipmentLine,
)
from gendan_desktop.printing.quotation import quotation_pdf
from gendan_desktop.printing.statement_pdf import statement_pdf

from .conftest import needs_poppler, page_count, pdf_text, run

pytestmark = needs_poppler


def _quotation(n_items=3, pi=False):
    client = Client.create(code="C-US1", name="Acme Apparel Inc.", name_en="Acme Apparel Inc.",
                           address="1200 Market St, Philadelphia, PA, USA", payment_terms="30% T/T deposit")
    Contact.create(client=client, name="John Smith", is_primary=True)
    q = Quotation.create(number="QT2611-0003", client=client, date=dt.date(2026, 11, 3), currency="USD",
                         valid_until=dt.date(2026, 12, 3), trade_terms="FOB Ningbo",
                         pi_number="PI2611-0001" if pi else None, pi_date=dt.date(2026, 11, 8) if pi else None,
                         status="pi" if pi else "sent", notes="价格不含测试费 Testing not included")
    for i in range(1, n_items + 1):
        QuotationItem.create(quotation=q, line_no=i, style=f"T-20{i:02d}", product="男式圆领T恤 Men's crew tee",
                             description="180g 全棉", quantity=1000 + i, unit="pcs",
                             unit_price=Decimal("3.85") + i)
    return q


def test_quotation_pdf(company, tmp_path):
    q = _quotation()
    path = tmp_path / "q.pdf"
    path.write_bytes(quotation_pdf(q.id))
    txt = pdf_text(path)
    for expected in ["报价单", "QUOTATION", "QT2611-0003", "Acme Apparel Inc.", "John Smith", "USD",
                     "2026-12-03", "FOB Ningbo", "30% T/T deposit", "T-2001", "男式圆领T恤", "1,001", "4.85",
                     "4,854.85", "3,006", "价格不含测试费", "买方确认"]:
        assert expected in txt, expected
    # 1001×4.85 + 1002×5.85 + 1003×6.85 = 4854.85 + 5861.70 + 6870.55
    assert "17,587.10" in txt
    assert "PROFORMA" not in txt
    assert "cost" not in txt.lower() and "利润" not in txt


def test_pi_carries_its_own_number_and_title(company, tmp_path):
    q = _quotation(pi=True)
    path = tmp_path / "pi.pdf"
    assert main(["print", "quotation", "PI2611-0001", str(path), "--db", company.gendan_url]) == 0
    txt = pdf_text(path)
    assert "形式发票" in txt and "PROFORMA INVOICE" in txt and "PI2611-0001" in txt and q.number in txt
    assert "2026-11-08" in txt


def test_long_quotation_continues_with_the_total_on_the_last_page(company, tmp_path):
    q = _quotation(n_items=45)
    path = tmp_path / "long.pdf"
    path.write_bytes(quotation_pdf(q.id))
    n = page_count(path)
    assert n >= 2
    last = run("pdftotext", "-f", str(n), "-l", str(n), str(path), "-")
    first = run("pdftotext", "-f", "1", "-l", "1", str(path), "-")
    assert "TOTAL" in last and "TOTAL" not in first
    assert "T-2001" in first and "T-2045" in last


def _statement_data():
    client = Client.create(code="C-ST", name="杭州绿叶服饰", default_currency="USD")
    order = Order.create(number="SO2610-0009", client=client, client_po="GL-55", order_date=dt.date(2026, 9, 1),
                         delivery_date=dt.date(2026, 10, 20), status="shipped", currency="USD")
    line = OrderLine.create(order=order, style="P-7", product="休闲裤", colour="卡其", size="32", quantity=500,
                            unit_price=Decimal("8.40"))
    old = Shipment.create(number="SH2609-0001", order=order, date=dt.date(2026, 9, 28))
    ShipmentLine.create(shipment=old, order_line=line, quantity=200, unit_price=Decimal("8.40"))
    new = Shipment.create(number="SH2610-0002", order=order, date=dt.date(2026, 10, 15))
    ShipmentLine.create(shipment=new, order_line=line, quantity=300, unit_price=Decimal("8.40"))
    Payment.create(client=client, order=order, kind="balance", amount=Decimal("1000.00"), currency="USD",
                   date=dt.date(2026, 10, 20), reference="TT-8841")
    return client


def test_statement_pdf_prints_the_core_figures(company, tmp_path):
    client = _statement_data()
    path = tmp_path / "st.pdf"
    path.write_bytes(statement_pdf(client.id, dt.date(2026, 10, 1), dt.date(2026, 10, 31)))
    txt = pdf_text(path)
    # opening = 200 × 8.40 shipped in September; October: +2,520.00 shipped, −1,000.00 paid
    for expected in ["对账单", "杭州绿叶服饰", "C-ST", "USD", "2026-10-01 ~ 2026-10-31", "上期结余", "1,680.00",
                     "SH2610-0002", "出货", "SO2610-0009", "P-7", "300", "2,520.00", "收款", "TT-8841",
                     "1,000.00", "3,200.00", "4,200.00", "期末应收", "美元叁仟贰佰元整", "客户确认"]:
        assert expected in txt, expected
    assert "SH2609-0001" not in txt
    assert "预览" in txt  # not issued: no number burnt


def test_statement_cli_issues_a_number(company, tmp_path):
    client = _statement_data()
    path = tmp_path / "st.pdf"
    assert main(["print", "statement", client.code, str(path), "--from", "2026-10-01", "--to", "2026-10-31",
                 "--issue", "--db", company.gendan_url]) == 0
    txt = pdf_text(path)
    assert "ST" in txt and "预览" not in txt
    assert main(["print", "statement", client.code, str(path), "--from", "2026-13-01",
                 "--db", company.gendan_url]) == 1
