"""报价单 quotation and 形式发票 proforma invoice (PI), A4 portrait.

One layout for both: a quotation that has been issued as a PI prints under
its PI number and date with the title PROFORMA INVOICE. The client receives
this paper, so the client is always printed by name (not by code), and costs
and margins never appear — only unit prices in the quotation currency.
Laid out with platypus (flow.py): descriptions wrap in their column, the
heading row repeats on every page, and the last item, the total, the terms and
the signatures stay together on the last page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .company import Company
from .flow import GREY, cell_width, grid, group_start, para, render, text_box, widths
from .fonts import MONO, register_fonts
from .layout import fmt_date, fmt_int, fmt_money
from .page import a4_portrait, continuation_title, footer, heading_cells, row_cells, signatures, title_block

PAGE = a4_portrait(14 * mm, bottom=18 * mm, later_header=8 * mm)
WIDTH = PAGE.width
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


# title, share of the width, alignment (right-aligned columns are figures, in the mono font)
COLUMNS = [
    ("序 No.", 6, "center"), ("款号 Style", 13, "left"), ("品名/描述 Description", 34, "left"),
    ("数量 Qty", 10, "right"), ("单位", 6, "center"), ("单价 Unit price", 13, "right"), ("金额 Amount", 15, "right"),
]
COL_W = widths(WIDTH, [w for _, w, _ in COLUMNS])


def _cells(values: list[str]) -> list:
    """Text wraps; numbers, units and codes shrink to fit their column."""
    return row_cells(values, COLUMNS, COL_W, 8.5, wrap=(2,))


def _header(d: QuoteData) -> list[Flowable]:
    title = "形式发票  PROFORMA INVOICE" if d.is_pi else "报价单  QUOTATION"
    extra = d.client_name_en if d.client_name_en and d.client_name_en != d.client_name else ""
    pairs = [
        ("PI No." if d.is_pi else "报价单号 No.", d.number), ("日期 Date", fmt_date(d.date)),
        ("客户 Buyer", d.client_name + (f" / {extra}" if extra else "")), ("联系人 Attn", d.contact),
        ("币种 Currency", d.currency), ("有效期至 Valid until", fmt_date(d.valid_until)),
    ]
    if d.is_pi:
        pairs += [("报价单号 Quotation", d.quotation_no), ("贸易条款 Terms", d.trade_terms)]
    # under the letterhead (16 mm) a heavy rule, then the title
    out = title_block(d.company, title, pairs, WIDTH, label_share=0.3, height=31 * mm, title_drop=27 * mm,
                      title_size=17, rule_drop=17 * mm)
    if d.client_address:
        out.append(text_box("地址 Address", d.client_address, WIDTH, title_w=WIDTH / 2 * 0.3, min_height=7 * mm))
    return out + [Spacer(1, 5 * mm)]


def _closing(d: QuoteData) -> list[Flowable]:
    """Terms and the signatures: the buyer confirms a PI by signing and returning it."""
    terms = [
        f"贸易条款 Trade terms: {d.trade_terms or '—'}",
        f"付款方式 Payment: {d.payment_terms or '—'}",
        f"价格有效期至 Prices valid until: {fmt_date(d.valid_until) or '—'}",
    ]
    if d.bank:
        terms.append(f"银行资料 Bank: {d.bank}")
    if d.notes:
        terms.append(f"备注 Notes: {d.notes}")

    signed = signatures((("买方确认 Buyer's confirmation", d.client_name), ("卖方 Seller", d.company.name)))
    return [Spacer(1, 5 * mm), text_box("条款\nTerms", "\n".join(terms), WIDTH, title_w=24 * mm, min_height=20 * mm),
            Spacer(1, 8 * mm), signed]


def quotation_story(d: QuoteData) -> list[Flowable]:
    rows = [heading_cells(COLUMNS, COL_W, 8.5)]
    rows += [_cells([str(it.line_no), it.style, " ".join(s for s in (it.product, it.description) if s),
                     fmt_int(it.quantity), it.unit, fmt_money(it.unit_price), fmt_money(it.amount)]) for it in d.items]
    span3, span2 = sum(COL_W[:3]), COL_W[4] + COL_W[5]
    rows.append([para(f"合计 TOTAL ({d.currency})", 9.5, align="right", bold=True, fit=cell_width(span3)), "", "",
                 para(fmt_int(d.total_quantity), 9, font=MONO, align="right", fit=cell_width(COL_W[3])),
                 para(d.currency, 9, align="center", fit=cell_width(span2)), "",
                 para(fmt_money(d.total), 10, font=MONO, align="right", bold=True, fit=cell_width(COL_W[6]))])
    total = len(rows) - 1
    rows.append([_closing(d)] + [""] * (len(COLUMNS) - 1))
    # the last item, the total, the terms and the signatures never part
    keep = max(1, total - 1)
    table = grid(rows, COL_W, min_row_height=7 * mm, ruled_rows=total + 1,
                 spans=[(total, 0, 2), (total, 4, 5), (total + 1, 0, len(COLUMNS) - 1)], extra=[
        ("BACKGROUND", (0, total), (2, total), GREY), ("NOSPLIT", (0, keep), (-1, total + 1)),
        ("LEFTPADDING", (0, total + 1), (-1, total + 1), 0), ("RIGHTPADDING", (0, total + 1), (-1, total + 1), 0),
        ("VALIGN", (0, total + 1), (-1, total + 1), "TOP"),
    ])
    return [*group_start("quotation", d, first=True), *_header(d), table]


def _footer(c, d: QuoteData, page: int) -> None:
    footer(c, PAGE, f"{'PI' if d.is_pi else '报价单'} {d.number}", page, 8)


def _continuation_header(c, d: QuoteData) -> None:
    continuation_title(c, PAGE, f"{'PI' if d.is_pi else '报价单'} {d.number}(续 cont.)", drop=4 * mm)


def render_quotation(d: QuoteData) -> bytes:
    register_fonts()
    return render(quotation_story(d), PAGE, title=f"{'PI' if d.is_pi else '报价单'} {d.number}",
                  author=d.company.name, footer=_footer, later_header=_continuation_header)


def quotation_pdf(quotation_id: int) -> bytes:
    return render_quotation(load_quotation(quotation_id))
