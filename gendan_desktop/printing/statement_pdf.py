"""对账单 statement as PDF (beside its Excel form), from core/statements.py figures.

The figures are never recomputed here: every amount printed is a field of
``Statement``/``StatementEntry``, so the PDF, the Excel file and the screen
always agree. One statement per currency, each starting on a new page and
numbering its own pages. Laid out with platypus (flow.py): long descriptions
wrap inside their column, amounts shrink to fit theirs, the heading row
repeats on every page, and the last entries, the totals, the closing balance
and the signatures stay together on the last page.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .company import Company
from .flow import GREY, cell_width, grid, group_start, para, render, widths
from .fonts import MONO, register_fonts
from .layout import fmt_date, fmt_int, fmt_money
from .page import a4_portrait, continuation_title, footer, heading_cells, row_cells, signatures, title_block

PAGE = a4_portrait(12 * mm, bottom=16 * mm, later_header=9 * mm)
WIDTH = PAGE.width
KIND_ZH = {"shipment": "出货", "credit": "扣款", "payment": "收款", "cancellation": "取消"}

# title, share of the width, alignment (right-aligned columns are figures, in the mono font)
COLUMNS = [
    ("日期 Date", 11, "center"), ("类型", 6, "center"), ("单号 Doc. no.", 14, "left"),
    ("摘要 Description", 30, "left"), ("数量 Qty", 8, "right"), ("单价", 8, "right"),
    ("应收 Debit", 12, "right"), ("已收/扣 Credit", 12, "right"), ("余额 Balance", 13, "right"),
]
COL_W = widths(WIDTH, [w for _, w, _ in COLUMNS])
DESCRIPTION = 3


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


def _cells(values: list[str], bold: bool = False) -> list:
    """A row of paragraphs: text wraps, figures and dates shrink to fit their column."""
    return row_cells(values, COLUMNS, COL_W, 8, wrap=(2, DESCRIPTION), bold=bold)


def _title(st, company: Company) -> list[Flowable]:
    pairs = [
        ("对账单号", st.number or "(预览,未编号 preview)"), ("币种 Currency", st.currency),
        ("客户 Client", f"{st.client_name} ({st.client_code})"),
        ("期间 Period", f"{fmt_date(st.date_from)} ~ {fmt_date(st.date_to)}"),
    ]
    return [*title_block(company, "对 账 单  STATEMENT OF ACCOUNT", pairs, WIDTH), Spacer(1, 4 * mm)]


def _closing(st, company: Company) -> list[Flowable]:
    """Closing balance, the request to confirm and the signatures: the end of the statement."""
    label = "期末应收 Closing balance due" if st.closing >= 0 else "期末预收 Closing balance (in credit)"
    col_w = [60 * mm, 40 * mm, WIDTH - 100 * mm]
    closing = grid([[para(label, 9.5, align="center", bold=True, fit=cell_width(col_w[0])),
                     para(f"{st.currency} {fmt_money(st.closing)}", 10.5, font=MONO, align="right", bold=True,
                          fit=cell_width(col_w[1])),
                     para(f"大写:{st.closing_in_words}", 9)]],
                   col_w, header_rows=0, long=False, min_row_height=8 * mm, extra=[("BACKGROUND", (0, 0), (0, 0),
                                                                                    GREY)])
    note = para("请核对以上账目,如无异议请签字盖章后回传;如有差异请于 7 日内告知。"
                " Please check, sign and return; report any difference within 7 days.", 7.5)
    signed = signatures((("客户确认 Client confirmation", st.client_name), ("制表 Prepared by", company.name)),
                        line_drop=18.5 * mm, height=24 * mm)
    return [Spacer(1, 4 * mm), closing, Spacer(1, 4 * mm), note, Spacer(1, 6 * mm), signed]


def statement_story(st, company: Company, *, first: bool = True) -> list[Flowable]:
    rows = [heading_cells(COLUMNS, COL_W, 8),
            _cells(["", "", "", "上期结余 Opening balance", "", "", "", "", fmt_money(st.opening)])]
    rows += [_cells(_row(e)) for e in st.entries]
    rows.append(_cells(["", "", "", "本期合计 Period total", fmt_int(st.total_quantity), "",
                        fmt_money(st.total_shipped), fmt_money(st.total_credits + st.total_paid),
                        fmt_money(st.closing)], bold=True))
    ruled = len(rows)
    rows.append([_closing(st, company)] + [""] * (len(COLUMNS) - 1))
    # the last entry, the totals and the closing block never part: no signatures alone on a page
    keep = max(1, ruled - 2)
    table = grid(rows, COL_W, min_row_height=6.3 * mm, ruled_rows=ruled, spans=[(ruled, 0, len(COLUMNS) - 1)], extra=[
        ("NOSPLIT", (0, keep), (-1, ruled)),
        ("LEFTPADDING", (0, ruled), (-1, ruled), 0), ("RIGHTPADDING", (0, ruled), (-1, ruled), 0),
        ("VALIGN", (0, ruled), (-1, ruled), "TOP"),
    ])
    return [*group_start(f"st-{st.currency}-{id(st)}", st, first=first), *_title(st, company), table]


def _footer(c, st, page: int) -> None:
    footer(c, PAGE, f"生成日期 {fmt_date(st.generated_on)}", page)


def _continuation_header(c, st) -> None:
    continuation_title(c, PAGE, f"对账单 {st.number or ''} {st.client_name} {st.currency}(续 cont.)")


def render_statements(statements, company: Company | None = None) -> bytes:
    """PDF of one or more ``core.statements.Statement`` (one per currency)."""
    register_fonts()
    company = company or Company.from_settings()
    statements = list(statements)
    story: list[Flowable] = []
    for i, st in enumerate(statements):
        story += statement_story(st, company, first=i == 0)
    if not statements:
        story = [para("没有对账数据 No statement data", 12)]
    first = statements[0] if statements else None
    return render(story, PAGE, title=f"对账单 {first.client_name if first else ''}", author=company.name,
                  footer=lambda c, st, page: _footer(c, st, page) if st is not None else None,
                  later_header=lambda c, st: _continuation_header(c, st) if st is not None else None)


def statement_pdf(client_id: int, date_from, date_to, currency: str | None = None, *, issue: bool = False) -> bytes:
    """The client's statement(s) for the period as PDF; ``issue`` gives each one a number."""
    from ..core.statements import issue_statement, statement

    sts = statement(client_id, date_from, date_to, currency)
    if issue:
        sts = [issue_statement(st) for st in sts]
    return render_statements(sts)


__all__ = ["render_statements", "statement_pdf"]
