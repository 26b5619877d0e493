"""Every document prints clean (issue 10, item 6): checked from the PDF's word boxes
(``pdftotext -bbox``) against each other, the page and the table rules — no word
overprints another, none leaves the page or its cell — on long Chinese and English
texts that wrap and break pages, and on the demo data. Nothing may be lost on the
way: every line asked for is on the paper, and the codes still scan."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from gendan_desktop.core.models import Order
from gendan_desktop.printing.flow_card import load_flow_cards, render_flow_cards
from gendan_desktop.printing.production_sheet import load_production_sheet, render_production_sheet
from gendan_desktop.printing.quotation import quotation_pdf
from gendan_desktop.printing.statement_pdf import statement_pdf

from .conftest import decode, needs_poppler, page_count, render_pages, run
from .long_texts import COLOURS, long_order, long_quotation, long_statement_client
from .pdf_boxes import assert_prints_clean, problems

pytestmark = needs_poppler


@pytest.fixture
def letterhead(company):
    from gendan_desktop.core.common import set_setting

    set_setting("company_name", "宁波华美服饰有限公司 Ningbo Huamei Garment Co., Ltd. 国际贸易部及第二生产基地(奉化)")
    set_setting("company_bank", "Bank of China Ningbo Branch, SWIFT BKCHCNBJ92A, A/C 3581 0000 1234 5678 9012 (USD) "
                                "户名:宁波华美服饰有限公司")
    return company


def _write(tmp_path, name: str, pdf: bytes):
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def _pages_text(path) -> list[str]:
    """Each page's text without spaces (wrapping may split words across lines)."""
    return [re.sub(r"\s+", "", run("pdftotext", "-f", str(i), "-l", str(i), str(path), "-"))
            for i in range(1, page_count(path) + 1)]


def _numbered(pages: list[str]) -> None:
    n = len(pages)
    for i, txt in enumerate(pages, 1):
        assert f"第{i}页/共{n}页" in txt, f"page {i} is not numbered “第 {i} 页 / 共 {n} 页”"


def _embedded_fonts_only(path) -> None:
    rows = run("pdffonts", str(path)).splitlines()[2:]
    assert rows and all("WenQuanYi" in r and " yes yes " in r for r in rows), rows


def test_long_production_sheet_wraps_breaks_pages_and_keeps_the_signatures_with_the_remarks(letterhead, tmp_path):
    _, sheet, _ = long_order()
    path = _write(tmp_path, "sheet.pdf", render_production_sheet(load_production_sheet(sheet.id)))
    assert_prints_clean(path)
    pages = _pages_text(path)
    assert len(pages) >= 3
    _numbered(pages)
    everything = "".join(pages)
    for i in range(1, 26):
        assert f"主面料{i:02d}" in everything
    for colour in COLOURS:
        assert re.sub(r"\s+", "", colour) in everything
    assert everything.count("Fabriccolourmustmatch") == 3  # the long requirements, whole
    assert "（续cont.）" in pages[1] and "一、数量明细" in pages[0]
    # no orphan: the sign-off shares its page with the remarks, the order's 备注
    assert "生产签收" in pages[-1] and "五、备注" in pages[-1] and "交期不可延误" in pages[-1]
    assert decode(render_pages(path)[0]) == [("QR-Code", sheet.number)]
    _embedded_fonts_only(path)


def test_void_long_sheet_is_stamped_on_every_page_and_still_clean(letterhead, tmp_path):
    order, sheet, _ = long_order(status="in_production")
    Order.update(status="cancelled", cancelled_at=dt.datetime(2026, 11, 20)).where(Order.id == order.id).execute()
    path = _write(tmp_path, "void.pdf", render_production_sheet(load_production_sheet(sheet.id)))
    assert_prints_clean(path)  # the stamp itself lies over the text on purpose
    for txt in _pages_text(path):
        assert "作废" in txt and "订单已取消" in txt


@pytest.mark.parametrize("layout", ["a5", "a4x2"])
def test_long_flow_cards_shrink_and_wrap_inside_their_cells(letterhead, tmp_path, layout):
    order, _, cards = long_order()
    path = _write(tmp_path, f"cards-{layout}.pdf", render_flow_cards(load_flow_cards(order.id), layout))
    assert_prints_clean(path)
    txt = "".join(_pages_text(path))
    assert "另有2道工序" in txt  # the third card's route is longer than the card
    found = sorted(d for png in render_pages(path) for _, d in decode(png))
    assert found == sorted([c.number for c in cards] * 2)  # Code128 and QR of every card
    _embedded_fonts_only(path)


def test_long_pi_breaks_pages_with_the_total_terms_and_signatures_together(letterhead, tmp_path):
    q = long_quotation(n_items=60)
    path = _write(tmp_path, "pi.pdf", quotation_pdf(q.id))
    assert_prints_clean(path)
    pages = _pages_text(path)
    assert len(pages) >= 3
    _numbered(pages)
    everything = "".join(pages)
    for i in range(1, 61):
        assert f"{123456 + i:,}" in everything, f"item {i} is missing"
    assert "TOTAL" in pages[-1] and "买方确认" in pages[-1] and "BKCHCNBJ92A" in pages[-1]
    assert "TOTAL" not in pages[0] and "序No." in pages[1]  # the heading row repeats
    total = sum((Decimal(123456 + i) * Decimal("1234.5678")).quantize(Decimal("0.01"), ROUND_HALF_UP)
                for i in range(1, 61))
    assert f"{total:,.2f}" in pages[-1]
    _embedded_fonts_only(path)


def test_long_statements_wrap_descriptions_and_number_their_own_pages(letterhead, tmp_path):
    client = long_statement_client()
    path = _write(tmp_path, "st.pdf", statement_pdf(client.id, dt.date(2026, 10, 1), dt.date(2026, 10, 31)))
    assert_prints_clean(path)
    pages = _pages_text(path)
    everything = "".join(pages)
    for i in range(80):
        assert f"SH2610-{i:04d}" in everything, f"shipment {i} is missing"
    closing = [i for i, txt in enumerate(pages) if "期末应收" in txt]
    assert len(closing) == 2  # one statement per currency, each closing on its own last page
    for last in closing:
        assert "大写" in pages[last] and "客户确认" in pages[last] and "本期合计" in pages[last]
    first_of_second = closing[0] + 1
    assert "第1页/共" in pages[first_of_second] and "STATEMENTOFACCOUNT" in pages[first_of_second]
    _embedded_fonts_only(path)


def test_demo_statements_sheets_cards_and_quotations_print_clean(company, tmp_path):
    """The demo data (the issue counted 7–81 overprinted words in each statement)."""
    from gendan_desktop.core.models import Client, ProductionSheet, Quotation
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=12, orders=60, seed=5, today=dt.date(2026, 11, 20))
    found = []
    for client in Client.select().order_by(Client.code).limit(12):
        path = _write(tmp_path, f"st-{client.code}.pdf",
                      statement_pdf(client.id, dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
        found += problems(path)
    sheets = list(ProductionSheet.select().order_by(ProductionSheet.id).limit(6))
    for sheet in sheets:
        found += problems(_write(tmp_path, f"{sheet.number}.pdf",
                                 render_production_sheet(load_production_sheet(sheet.id))))
        found += problems(_write(tmp_path, f"{sheet.number}-cards.pdf",
                                 render_flow_cards(load_flow_cards(sheet.order_id), "a4x2")))
    for q in Quotation.select().order_by(Quotation.id).limit(6):
        found += problems(_write(tmp_path, f"{q.number}.pdf", quotation_pdf(q.id)))
    assert sheets and not found, "\n".join(found[:30])
