"""报价单 quotation and 形式发票 proforma invoice (PI), A4 portrait.

One layout for both: a quotation that has been issued as a PI prints under
its PI number and date with the title PROFORMA INVOICE. The client receives
this paper, so the client is always printed by name (not by code), and costs
and margins never appear — only unit prices in the quotation currency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from .company import Company, draw_letterhead
from .fonts import MONO
from .layout import (
    Column, boxed_text, cell, fit_size, fmt_date, fmt_int, fmt_money, label_value_grid, new_canvas, table, text,
)

PAGE_W, PAGE_H = A4
MARGIN = 14 * mm
WIDTH = PAGE_W - 2 * MARGIN
BOTTOM = 18 * mm
CENT = Decimal("0.01")


@dataclass
class QuoteItem:
    line_no: int
    style: str
    product: str
    description: str
    quantity: int
    unit: str
    unit_price: Decimal

    @property
    def amount(self) -> Decimal:
        return (Decimal(self.quantity) * Decimal(self.unit_price)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class QuoteData:
    number: str
    date: dt.date | None
    is_pi: bool
    client_name: str
    client_name_en: str = ""
    client_address: str = ""
    contact: str = ""
    currency: str = "USD"
    valid_until: dt.date | None = None
    trade_terms: str = ""
    payment_terms: str = ""
    notes: str = ""
    quotation_no: str = ""
    items: list[QuoteItem] = field(default_factory=list)
    company: Company = field(default_factory=Company)
    bank: str = ""

    @property
    def total(self) -> Decimal:
        return sum((it.amount for it in self.items), Decimal("0.00"))

    @property
    def total_quantity(self) -> int:
        return sum(it.quantity for it in self.items)


def load_quotation(quotation_id: int) -> QuoteData:
    from ..core.common import get_or_404, get_setting
    from ..core.models import Contact, Quotation, QuotationItem

    q = get_or_404(Quotation, quotation_id, "报价单", "Quotation")
    client = q.client
    contact = (Contact.select().where(Contact.client == client).order_by(Contact.is_primary.desc(), Contact.id).first())
    items = [QuoteItem(it.line_no, it.style, it.product, it.description, it.quantity, it.unit, Decimal(it.unit_price))
             for it in QuotationItem.select().where(QuotationItem.quotation == q).order_by(QuotationItem.line_no)]
    is_pi = bool(q.pi_number)
    return QuoteData(
        number=q.pi_number if is_pi else q.number, date=q.pi_date if is_pi else q.date, is_pi=is_pi,
        client_name=client.name, client_name_en=client.name_en, client_address=client.address,
        contact=contact.name if contact else "", currency=q.currency, valid_until=q.valid_until,
        trade_terms=q.trade_terms, payment_terms=q.payment_terms or client.payment_terms, notes=q.notes,
        quotation_no=q.number, items=items, company=Company.from_settings(),
        bank=get_setting("company_bank", ""),
    )


COLUMNS = [
    Column("序 No.", 6, "center"), Column("款号 Style", 13), Column("品名/描述 Description", 34),
    Column("数量 Qty", 10, "right", MONO), Column("单位", 6, "center"),
    Column("单价 Unit price", 13, "right", MONO), Column("金额 Amount", 15, "right", MONO),
]


def _header(c, d: QuoteData) -> float:
    top = PAGE_H - MARGIN
    y = draw_letterhead(c, d.company, MARGIN, top, WIDTH)
    c.setLineWidth(1.2)
    c.line(MARGIN, y - 1 * mm, PAGE_W - MARGIN, y - 1 * mm)
    c.setLineWidth(0.6)
    title_zh, title_en = ("形式发票", "PROFORMA INVOICE") if d.is_pi else ("报价单", "QUOTATION")
    text(c, PAGE_W / 2, y - 11 * mm, f"{title_zh}  {title_en}", 17, align="center", bold=True)
    return y - 15 * mm


def draw_quotation(c, d: QuoteData) -> None:
    y = _header(c, d)
    extra = d.client_name_en if d.client_name_en and d.client_name_en != d.client_name else ""
    buyer = d.client_name + (f" / {extra}" if extra else "")
    pairs = [
        ("PI No." if d.is_pi else "报价单号 No.", d.number), ("日期 Date", fmt_date(d.date)),
        ("客户 Buyer", buyer), ("联系人 Attn", d.contact),
        ("币种 Currency", d.currency), ("有效期至 Valid until", fmt_date(d.valid_until)),
    ]
    if d.is_pi:
        pairs.append(("报价单号 Quotation", d.quotation_no))
        pairs.append(("贸易条款 Terms", d.trade_terms))
    y = label_value_grid(c, MARGIN, y, WIDTH, pairs, per_row=2, row_h=7 * mm, label_share=0.3)
    if d.client_address:
        y = boxed_text(c, MARGIN, y, WIDTH, "地址 Address", d.client_address, min_h=7 * mm, title_w=WIDTH / 2 * 0.3)
    y -= 5 * mm
    row_h = 7 * mm
    rows = [[str(it.line_no), it.style, " ".join(s for s in (it.product, it.description) if s),
             fmt_int(it.quantity), it.unit, fmt_money(it.unit_price), fmt_money(it.amount)] for it in d.items]
    i = 0
    page = 1
    tail = 80 * mm  # total row, terms and signatures close the last page
    while True:
        room = max(1, int((y - BOTTOM - row_h) // row_h))
        room_last = int((y - BOTTOM - tail - row_h) // row_h)
        left = len(rows) - i
        # never leave the total alone on a page: keep at least one row for the last page
        take = left if left <= room_last else min(room, left - 1)
        if take or left == 0:
            y = table(c, MARGIN, y, WIDTH, COLUMNS, rows[i:i + take], row_h=row_h, size=8.5)
        i += take
        if take == left:
            break
        text(c, PAGE_W - MARGIN, BOTTOM - 8 * mm, f"续下页 continued · 第 {page} 页", 8, align="right")
        c.showPage()
        page += 1
        y = PAGE_H - MARGIN - 4 * mm
        text(c, MARGIN, y, f"{'PI' if d.is_pi else '报价单'} {d.number}(续 cont.)", 10, bold=True)
        y -= 4 * mm
    # total row spanning the description columns
    total = sum(col.width for col in COLUMNS)
    ws = [WIDTH * col.width / total for col in COLUMNS]
    y -= row_h
    cell(c, MARGIN, y, sum(ws[:3]), row_h, f"合计 TOTAL ({d.currency})", size=9.5, align="right", bold=True,
         fill=(0.93, 0.93, 0.93))
    cell(c, MARGIN + sum(ws[:3]), y, ws[3], row_h, fmt_int(d.total_quantity), size=9, align="right", font=MONO)
    cell(c, MARGIN + sum(ws[:4]), y, ws[4] + ws[5], row_h, d.currency, size=9, align="center")
    cell(c, MARGIN + sum(ws[:6]), y, ws[6], row_h, fmt_money(d.total), size=10, align="right", font=MONO, bold=True)
    y -= 5 * mm
    terms = [
        f"贸易条款 Trade terms: {d.trade_terms or '—'}",
        f"付款方式 Payment: {d.payment_terms or '—'}",
        f"价格有效期至 Prices valid until: {fmt_date(d.valid_until) or '—'}",
    ]
    if d.bank:
        terms.append(f"银行资料 Bank: {d.bank}")
    if d.notes:
        terms.append(f"备注 Notes: {d.notes}")
    y = boxed_text(c, MARGIN, y, WIDTH, "条款\nTerms", "\n".join(terms), min_h=20 * mm)
    # signatures: the buyer confirms a PI by signing and returning it
    y -= 12 * mm
    half = WIDTH / 2
    for j, (label, who) in enumerate((("买方确认 Buyer's confirmation", d.client_name),
                                      ("卖方 Seller", d.company.name))):
        x = MARGIN + j * half
        text(c, x, y, label, 9, bold=True)
        text(c, x, y - 5 * mm, who, fit_size(who, half - 12 * mm, 8.5))
        c.line(x, y - 16 * mm, x + half - 10 * mm, y - 16 * mm)
        text(c, x, y - 20 * mm, "签字盖章 Signature & stamp / 日期 Date", 7.5, color=(0.35, 0.35, 0.35))
    text(c, PAGE_W - MARGIN, BOTTOM - 8 * mm, f"{d.number} · 第 {page} 页 Page {page}", 8, align="right")


def render_quotation(d: QuoteData) -> bytes:
    c, buf = new_canvas(A4, f"{'PI' if d.is_pi else '报价单'} {d.number}", d.company.name)
    draw_quotation(c, d)
    c.showPage()
    c.save()
    return buf.getvalue()


def quotation_pdf(quotation_id: int) -> bytes:
    return render_quotation(load_quotation(quotation_id))
