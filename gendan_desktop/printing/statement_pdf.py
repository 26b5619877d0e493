"""对账单 statement as PDF (beside its Excel form), from core/statements.py figures.

The figures are never recomputed here: every amount printed is a field of
``Statement``/``StatementEntry``, so the PDF, the Excel file and the screen
always agree. One statement per currency, each starting on a new page.
"""

from __future__ import annotations


from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from .company import Company, draw_letterhead
from .fonts import MONO
from .layout import Column, cell, fit_size, fmt_date, fmt_int, fmt_money, label_value_grid, new_canvas, table, text

PAGE_W, PAGE_H = A4
MARGIN = 12 * mm
WIDTH = PAGE_W - 2 * MARGIN
BOTTOM = 16 * mm
KIND_ZH = {"shipment": "出货", "credit": "扣款", "payment": "收款"}

COLUMNS = [
    Column("日期 Date", 11, "center"), Column("类型", 6, "center"), Column("单号 Doc. no.", 14),
    Column("摘要 Description", 30), Column("数量 Qty", 8, "right", MONO), Column("单价", 8, "right", MONO),
    Column("应收 Debit", 12, "right", MONO), Column("已收/扣 Credit", 12, "right", MONO),
    Column("余额 Balance", 13, "right", MONO),
]


def _summary(e) -> str:
    if e.kind == "shipment":
        bits = [e.order_no, e.client_po and f"PO {e.client_po}", e.style, e.product, e.colour, e.size]
        return " ".join(b for b in bits if b)
    bits = [e.order_no, e.description]
    return " ".join(b for b in bits if b)


def _price(v) -> str:
    """A unit price with 2 decimals, or up to 4 when the price has them (0.3125)."""
    s = fmt_money(v, 4)
    while s.endswith("0") and len(s.split(".")[1]) > 2:
        s = s[:-1]
    return s


def _row(e) -> list[str]:
    return [fmt_date(e.date), KIND_ZH.get(e.kind, e.kind), e.document_no, _summary(e),
            fmt_int(e.quantity) if e.quantity is not None else "",
            _price(e.unit_price) if e.unit_price is not None else "",
            fmt_money(e.debit) if e.debit else "", fmt_money(e.credit) if e.credit else "", fmt_money(e.balance)]


def _title(c, st, company: Company, page: int) -> float:
    top = PAGE_H - MARGIN
    if page == 1:
        y = draw_letterhead(c, company, MARGIN, top, WIDTH)
        text(c, PAGE_W / 2, y - 10 * mm, "对 账 单  STATEMENT OF ACCOUNT", 16, align="center", bold=True)
        pairs = [
            ("对账单号", st.number or "(预览,未编号 preview)"), ("币种 Currency", st.currency),
            ("客户 Client", f"{st.client_name} ({st.client_code})"),
            ("期间 Period", f"{fmt_date(st.date_from)} ~ {fmt_date(st.date_to)}"),
        ]
        return label_value_grid(c, MARGIN, y - 14 * mm, WIDTH, pairs, per_row=2, row_h=7 * mm, label_share=0.28) - 4 * mm
    text(c, MARGIN, top - 5 * mm, f"对账单 {st.number or ''} {st.client_name} {st.currency}(续 cont.)", 10, bold=True)
    return top - 9 * mm


def draw_statement(c, st, company: Company) -> None:
    row_h = 6.3 * mm
    page = 1
    y = _title(c, st, company, page)
    opening = ["", "", "", "上期结余 Opening balance", "", "", "", "", fmt_money(st.opening)]
    rows = [opening] + [_row(e) for e in st.entries]
    rows.append(["", "", "", "本期合计 Period total", fmt_int(st.total_quantity), "",
                 fmt_money(st.total_shipped), fmt_money(st.total_credits + st.total_paid), fmt_money(st.closing)])
    i = 0
    tail = 45 * mm
    while True:
        room = max(1, int((y - BOTTOM - row_h) // row_h))
        room_last = int((y - BOTTOM - tail - row_h) // row_h)
        left = len(rows) - i
        take = left if left <= room_last else min(room, left - 1)
        if take:
            y = table(c, MARGIN, y, WIDTH, COLUMNS, rows[i:i + take], row_h=row_h, size=8,
                      bold_last=(i + take == len(rows)))
        i += take
        if i >= len(rows):
            break
        _footer(c, st, page)
        c.showPage()
        page += 1
        y = _title(c, st, company, page)
    y -= 4 * mm
    closing_label = "期末应收 Closing balance due" if st.closing >= 0 else "期末预收 Closing balance (in credit)"
    cell(c, MARGIN, y - 8 * mm, 60 * mm, 8 * mm, closing_label, size=9.5, fill=(0.93, 0.93, 0.93), align="center", bold=True)
    cell(c, MARGIN + 60 * mm, y - 8 * mm, 40 * mm, 8 * mm, f"{st.currency} {fmt_money(st.closing)}", size=10.5,
         align="right", font=MONO, bold=True)
    cell(c, MARGIN + 100 * mm, y - 8 * mm, WIDTH - 100 * mm, 8 * mm, f"大写:{st.closing_in_words}", size=9)
    y -= 14 * mm
    text(c, MARGIN, y, "请核对以上账目,如无异议请签字盖章后回传;如有差异请于 7 日内告知。"
                       " Please check, sign and return; report any difference within 7 days.", 7.5)
    y -= 12 * mm
    half = WIDTH / 2
    for j, (label, who) in enumerate((("客户确认 Client confirmation", st.client_name),
                                      ("制表 Prepared by", company.name))):
        x = MARGIN + j * half
        text(c, x, y, label, 9, bold=True)
        text(c, x, y - 5 * mm, who, fit_size(who, half - 12 * mm, 8.5))
        c.line(x, y - 15 * mm, x + half - 10 * mm, y - 15 * mm)
        text(c, x, y - 19 * mm, "签字盖章 Signature & stamp / 日期 Date", 7.5, color=(0.35, 0.35, 0.35))
    _footer(c, st, page)


def _footer(c, st, page: int) -> None:
    text(c, MARGIN, BOTTOM - 8 * mm, f"生成日期 {fmt_date(st.generated_on)}", 7.5)
    text(c, PAGE_W - MARGIN, BOTTOM - 8 * mm, f"第 {page} 页 Page {page}", 7.5, align="right")


def render_statements(statements, company: Company | None = None) -> bytes:
    """PDF of one or more ``core.statements.Statement`` (one per currency)."""
    company = company or Company.from_settings()
    statements = list(statements)
    first = statements[0] if statements else None
    c, buf = new_canvas(A4, f"对账单 {first.client_name if first else ''}", company.name)
    for st in statements:
        draw_statement(c, st, company)
        c.showPage()
    if not statements:
        text(c, MARGIN, PAGE_H / 2, "没有对账数据 No statement data", 12)
        c.showPage()
    c.save()
    return buf.getvalue()


def statement_pdf(client_id: int, date_from, date_to, currency: str | None = None, *, issue: bool = False) -> bytes:
    """The client's statement(s) for the period as PDF; ``issue`` gives each one a number."""
    from ..core.statements import issue_statement, statement

    sts = statement(client_id, date_from, date_to, currency)
    if issue:
        sts = [issue_statement(st) for st in sts]
    return render_statements(sts)


__all__ = ["render_statements", "statement_pdf"]
