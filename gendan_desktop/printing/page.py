"""What every A4 document laid out with platypus shares: the page, the title
block under the letterhead, the footer with "第 x 页 / 共 y 页", the title of
continuation pages, heading and figure cells of the tables, and the signature
lines the other side signs on.

Production sheet, quotation/PI, statement and hand-over report differ only in
the figures given here (margins, sizes, offsets): one place decides how a
printed page of Gendan Desktop looks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from .company import Company, draw_letterhead
from .flow import CanvasBlock, PageLayout, cell_width, draw_page_of, label_value_table, para
from .fonts import FONT, MONO
from .layout import fit_line, text

# A column of a platypus table: title, share of the width, alignment (right = a figure).
ColumnSpec = tuple[str, float, str]


def a4_portrait(margin: float, *, bottom: float, later_header: float) -> PageLayout:
    """A4 upright with the same margin left, right and at the top."""
    return PageLayout(A4, margin, margin, margin, bottom, later_header=later_header)


def footer(c: Canvas, page: PageLayout, left: str, number: int, size: float = 7.5) -> None:
    """``left`` at the left margin and "第 x 页 / 共 y 页" at the right, 8 mm under the frame."""
    y = page.bottom - 8 * mm
    text(c, page.left, y, left, size)
    draw_page_of(c, page.size[0] - page.right, y, number, size)


def continuation_title(c: Canvas, page: PageLayout, title: str, *, drop: float = 5 * mm,
                       size: float = 10) -> None:
    """The bold title of a continuation page, ``drop`` under the top margin."""
    text(c, page.left, page.size[1] - page.top - drop, title, size, bold=True)


def title_block(company: Company, title: str, pairs: Sequence[tuple[str, Any]], width: float, *,
                label_share: float = 0.28, height: float = 30 * mm,
                title_drop: float = 26 * mm, title_size: float = 16,
                rule_drop: float | None = None) -> list[Flowable]:
    """Letterhead, the document's title centred under it (below a heavy rule at
    ``rule_drop``, when given) and its label | value pairs two to a row."""

    def draw(c: Canvas, w: float, h: float) -> None:
        draw_letterhead(c, company, 0, h, w)
        if rule_drop is not None:
            c.setLineWidth(1.2)
            c.line(0, h - rule_drop, w, h - rule_drop)
            c.setLineWidth(0.6)
        text(c, w / 2, h - title_drop, title, title_size, align="center", bold=True)

    return [CanvasBlock(height, draw),
            label_value_table(pairs, width, per_row=2, label_share=label_share, min_row_height=7 * mm)]


def heading_cells(columns: Sequence[ColumnSpec], col_w: Sequence[float], size: float) -> list[Paragraph]:
    """The heading row: centred titles that shrink to fit their column."""
    return [para(t, size, align="center", fit=cell_width(w)) for (t, _, _), w in zip(columns, col_w)]


def row_cells(values: Sequence[str], columns: Sequence[ColumnSpec], col_w: Sequence[float], size: float, *,
              wrap: Sequence[int] = (), bold: bool = False) -> list[Paragraph]:
    """A row of paragraphs: the columns in ``wrap`` wrap their text, the others
    shrink it to fit on one line; figures (right-aligned) in the mono font."""
    out = []
    for i, (value, (_, _, align)) in enumerate(zip(values, columns)):
        font = MONO if align == "right" else FONT
        fit = None if i in wrap else cell_width(col_w[i])
        out.append(para(value, size, align=align, bold=bold, fit=fit, font=font))
    return out


def signatures(parties: Sequence[tuple[str, str]], *, line_drop: float = 19.5 * mm,
               height: float = 25 * mm) -> CanvasBlock:
    """Side by side for each (role, name): the role, the name, a line to sign on
    ``line_drop`` under the top, and "签字盖章 / 日期" under the line."""

    def draw(c: Canvas, w: float, h: float) -> None:
        part = w / len(parties)
        for j, (role, who) in enumerate(parties):
            x = j * part
            text(c, x, h - 3.5 * mm, role, 9, bold=True)
            text(c, x, h - 8.5 * mm, *fit_line(who, part - 12 * mm, 8.5))
            c.line(x, h - line_drop, x + part - 10 * mm, h - line_drop)
            text(c, x, h - line_drop - 4 * mm, "签字盖章 Signature & stamp / 日期 Date", 7.5,
                 color=(0.35, 0.35, 0.35))

    return CanvasBlock(height, draw)
