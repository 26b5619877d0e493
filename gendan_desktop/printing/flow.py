"""Platypus kit for the documents of variable length: production sheet, quotation/PI, statement.

reportlab's platypus lays flowables out in frames and breaks the pages itself,
so long text never runs out of its cell: table cells are Paragraphs that wrap
(``wordWrap='CJK'`` breaks between any two Chinese characters), numbers and
codes shrink to fit their column instead of wrapping, long tables repeat their
heading row on every page, and blocks that belong together (the last rows, the
totals and the signatures) are kept on one page. Flow cards stay on the bare
canvas (layout.py), where the 1,000-card benchmark needs the speed.

A document is rendered by ``render(story, page, ...)``: a first-page template
(the story itself starts with its letterhead, a ``CanvasBlock``) and a
continuation template with a short header; every page gets a footer with
"第 x 页 / 共 y 页" and, on void paper, the VOID stamp. A PDF may hold several
documents (one statement per currency): each starts with ``group_start`` and
numbers its own pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from .fonts import FONT, register_fonts, text_width
from .layout import text

GREY = colors.Color(0.93, 0.93, 0.93)
RULE = 0.6  # width of table rules, as on the canvas-drawn cards
PAD = 2.5  # pt of padding inside a cell, each side
MIN_SIZE = 5.5  # pt: numbers shrink to fit no smaller than this (then they wrap)
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


# ------------------------------------------------------------------ text --
@lru_cache(maxsize=256)
def style(size: float = 8.5, font: str = FONT, align: str = "left", leading: float | None = None) -> ParagraphStyle:
    return ParagraphStyle(f"{font}-{size}-{align}-{leading}", fontName=font, fontSize=size,
                          leading=leading or round(size * 1.25, 2), alignment=_ALIGN[align], wordWrap="CJK")


class BoldParagraph(Paragraph):
    """The embedded font has no bold face: the glyphs are filled and stroked
    (text render mode 2), as layout.text(bold=True) does on the canvas."""

    def draw(self):
        c = self.canv
        c.saveState()
        c.setLineWidth(self.style.fontSize / 28)
        c._code.append("2 Tr")  # text state is part of the graphics state: restored below
        super().draw()
        c.restoreState()


def para(value: Any, size: float = 8.5, *, font: str = FONT, align: str = "left", bold: bool = False,
         fit: float | None = None, leading: float | None = None) -> Paragraph:
    """A Paragraph of plain text (markup escaped, newlines kept) that wraps in its cell.

    With ``fit`` (the width available) the font first shrinks, down to
    MIN_SIZE, until the widest line fits on one line: numbers, codes and short
    labels stay whole; what is still too wide then wraps.
    """
    s = "" if value is None else str(value)
    if fit is not None and s:
        widest = max(text_width(line, size, font) for line in s.split("\n"))
        if widest > fit:
            size = max(MIN_SIZE, size * fit / widest * 0.98)
            leading = None
    markup = escape(s).replace("\n", "<br/>")
    return (BoldParagraph if bold else Paragraph)(markup, style(size, font, align, leading))


def heading(value: str, size: float = 10) -> Paragraph:
    """A section heading that never ends a page alone (it keeps with what follows)."""
    p = para(value, size, bold=True, leading=size * 1.6)
    p.keepWithNext = True
    return p


# ---------------------------------------------------------------- tables --
def widths(total: float, shares: Sequence[float]) -> list[float]:
    s = sum(shares)
    return [total * x / s for x in shares]


def cell_width(col_width: float) -> float:
    """Width a paragraph has inside a cell of ``col_width``."""
    return col_width - 2 * PAD - 0.5


def base_style(header_rows: int = 1, ruled_rows: int | None = None) -> list[tuple]:
    """Rules round every cell (of the first ``ruled_rows`` rows only, when given), padding, grey heading."""
    last = -1 if ruled_rows is None else ruled_rows - 1
    cmds: list[tuple] = [
        ("GRID", (0, 0), (-1, last), RULE, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # empty cells too: no Helvetica, which is never embedded
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD + 0.5),
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), GREY))
    return cmds


def grid(rows: list[list], col_widths: Sequence[float], *, header_rows: int = 1, extra: Sequence[tuple] = (),
         long: bool = True, min_row_height: float | None = None, ruled_rows: int | None = None,
         spans: Sequence[tuple[int, int, int]] = (), caption: Flowable | None = None) -> Table:
    """A ruled table whose heading rows repeat on every page it spans.

    ``min_row_height`` gives short rows a minimum height (rows from
    ``ruled_rows`` on, unruled blocks kept with the table, keep their own);
    ``spans`` are (row, first column, last column) cells merged across columns.
    A ``caption`` (the section heading) becomes an unruled first row that
    repeats with the heading row: it never ends a page alone, and the table
    still starts on the page where it is.
    """
    cls = LongTable if long else Table
    shift = 1 if caption is not None else 0
    if caption is not None:
        rows = [[caption] + [""] * (len(col_widths) - 1)] + rows
        spans = [(0, 0, len(col_widths) - 1)] + [(r + 1, c0, c1) for r, c0, c1 in spans]
    padding: list[tuple] = []
    if min_row_height is not None:
        n = len(rows) if ruled_rows is None else ruled_rows + shift
        for i in range(shift, n):
            natural = _row_height(rows[i], col_widths, [sp for sp in spans if sp[0] == i])
            padding += _min_height(i, natural, min_row_height)
    t = cls(rows, colWidths=list(col_widths), repeatRows=header_rows + shift, splitInRow=1)
    merged = [("SPAN", (c0, r), (c1, r)) for r, c0, c1 in spans]
    cmds = base_style(header_rows, ruled_rows)
    if shift:
        cmds = [_shifted(cmd) for cmd in cmds] + [
            ("LEFTPADDING", (0, 0), (-1, 0), 0), ("TOPPADDING", (0, 0), (-1, 0), 0),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 1), ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
        extra = [_shifted(cmd) for cmd in extra]
    t.setStyle(TableStyle(cmds + padding + merged + list(extra)))
    return t


def _min_height(row: int, natural: float, minimum: float) -> list[tuple]:
    """Padding that gives a row at least ``minimum`` height. Fixed row heights
    are never used: a row split across a page break would lose its text."""
    if natural >= minimum:
        return []
    half = (minimum - natural) / 2
    return [("TOPPADDING", (0, row), (-1, row), PAD + half), ("BOTTOMPADDING", (0, row), (-1, row), PAD + 0.5 + half)]


def _shifted(cmd: tuple) -> tuple:
    """A table style command moved one row down (below a caption row); font and padding stay everywhere."""
    name, (c0, r0), (c1, r1), *rest = cmd
    if name.endswith("PADDING") or name == "FONTNAME":
        return cmd
    return (name, (c0, r0 + 1 if r0 >= 0 else r0), (c1, r1 + 1 if r1 >= 0 else r1), *rest)


def _row_height(row: Sequence, col_widths: Sequence[float], spans: Sequence[tuple[int, int, int]] = ()) -> float:
    w = list(col_widths)
    for _r, c0, c1 in spans:  # a merged cell wraps across all its columns
        w[c0] = sum(col_widths[c0:c1 + 1])
    h = 0.0
    for value, width in zip(row, w):
        if isinstance(value, Flowable):
            h = max(h, value.wrap(cell_width(width), 10_000)[1])
    return h + 2 * PAD + 0.5


def label_value_table(pairs: Sequence[tuple[str, Any]], width: float, *, per_row: int = 3,
                      label_share: float = 0.34, size: float = 9, min_row_height: float = 0) -> Table:
    """Label | value cells, ``per_row`` pairs a row; long values wrap inside their cell."""
    pair_w = width / per_row
    lw = pair_w * label_share
    col_w = [lw, pair_w - lw] * per_row
    rows, row = [], []
    for label, value in pairs:
        row += [para(label, size - 0.5, align="center", fit=cell_width(lw)), para(value, size)]
        if len(row) == 2 * per_row:
            rows.append(row)
            row = []
    if row:
        rows.append(row + [""] * (2 * per_row - len(row)))
    extra = [("BACKGROUND", (2 * i, 0), (2 * i, -1), GREY) for i in range(per_row)]
    return grid(rows, col_w, header_rows=0, extra=extra, long=False, min_row_height=min_row_height or None)


def text_box(title: str, body: str, width: float, *, title_w: float, size: float = 9,
             min_height: float = 0) -> Table:
    """A titled box (grey title cell on the left) whose body wraps and may run
    over a page break (the row splits inside its text)."""
    cells = [[para(title, size - 0.5, align="center", fit=cell_width(title_w)), para(body or "—", size)]]
    col_w = [title_w, width - title_w]
    t = Table(cells, colWidths=col_w, splitInRow=1)
    grow = []
    natural = _row_height(cells[0], col_w)
    if natural < min_height:  # the body stays at the top, the box grows below it
        grow = [("BOTTOMPADDING", (0, 0), (-1, 0), PAD + 0.5 + min_height - natural)]
    t.setStyle(TableStyle(base_style(0) + grow + [("BACKGROUND", (0, 0), (0, -1), GREY),
                                                  ("VALIGN", (1, 0), (1, -1), "TOP")]))
    return t


# ------------------------------------------------------------- flowables --
class CanvasBlock(Flowable):
    """A block of fixed height drawn straight on the canvas (letterheads, codes):
    ``draw(canvas, width, height)`` with (0, 0) at the block's bottom-left."""

    def __init__(self, height: float, draw: Callable[[Canvas, float, float], None]):
        super().__init__()
        self.height = height
        self.draw_fn = draw

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.height

    def draw(self):
        self.draw_fn(self.canv, self.width, self.height)


class _GroupStart(Flowable):
    """Zero-size mark: the pages from here on belong to document ``key`` (footer, header, stamp)."""

    _ZEROSIZE = 1

    def __init__(self, key: str, data: Any):
        super().__init__()
        self.key, self.data = key, data

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        c = self.canv
        c.gendan_group = (self.key, self.data, c.getPageNumber())


def group_start(key: str, data: Any, *, first: bool) -> list[Flowable]:
    """Begin a document of a multi-document PDF: a new first page, its own page numbers."""
    out: list[Flowable] = [] if first else [NextPageTemplate("first"), PageBreak()]
    return out + [_GroupStart(key, data)]


class _PagedCanvas(Canvas):
    """Counts the pages of each document; "共 y 页" is a form drawn once y is known."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.page_counts: dict[str, int] = {}
        self.gendan_group = ("doc", None, 1)

    def save(self):
        for key, pages in self.page_counts.items():
            self.beginForm(_form(key))
            text(self, 0, 0, f"{pages} 页", 7.5)
            self.endForm()
        super().save()


def _form(key: str) -> str:
    return "pages_" + "".join(ch if ch.isalnum() else "_" for ch in key)


def draw_page_of(c: Canvas, right: float, y: float, page: int, size: float = 7.5) -> None:
    """"第 x 页 / 共 y 页" ending near ``right``; y comes from a form filled in at save."""
    key = c.gendan_group[0]
    text(c, right - 14 * mm, y, f"第 {page} 页 / 共", size, align="right")
    c.saveState()
    c.translate(right - 13 * mm, y)
    c.doForm(_form(key))
    c.restoreState()


# -------------------------------------------------------------- documents --
@dataclass(frozen=True)
class PageLayout:
    size: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float
    later_header: float  # height the continuation header takes on later pages

    @property
    def width(self) -> float:
        # (left + right) first: with equal margins it is exactly the page width less 2 × margin
        return self.size[0] - (self.left + self.right)


def render(story: list[Flowable], page: PageLayout, *, title: str, author: str = "",
           footer: Callable[[Canvas, Any, int], None],
           later_header: Callable[[Canvas, Any], None],
           stamp: Callable[[Canvas, Any], None] | None = None) -> bytes:
    """Lay ``story`` out on pages and return the PDF bytes.

    ``footer(canvas, data, page_in_document)`` and ``stamp(canvas, data)`` run
    at the end of every page, ``later_header(canvas, data)`` at the start of
    every continuation page; ``data`` is what ``group_start`` gave (None for a
    single document without one).
    """
    register_fonts()
    buf = BytesIO()
    w, h = page.size

    def frame(top_extra: float) -> Frame:
        return Frame(page.left, page.bottom, page.width, h - page.top - page.bottom - top_extra,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, showBoundary=0)

    def end_page(c, _doc):
        key, data, first = c.gendan_group
        number = c.getPageNumber() - first + 1
        c.page_counts[key] = number
        c.saveState()
        footer(c, data, number)
        c.restoreState()
        if stamp is not None:
            c.saveState()
            stamp(c, data)
            c.restoreState()

    def start_later(c, _doc):
        c.saveState()
        later_header(c, c.gendan_group[1])
        c.restoreState()

    doc = BaseDocTemplate(buf, pagesize=page.size, title=title, author=author, creator="Gendan Desktop",
                          leftMargin=page.left, rightMargin=page.right, topMargin=page.top,
                          bottomMargin=page.bottom, initialFontName=FONT, initialFontSize=9,
                          pageCompression=1)
    doc.addPageTemplates([
        PageTemplate("first", [frame(0)], onPageEnd=end_page, autoNextPageTemplate="later", pagesize=page.size),
        PageTemplate("later", [frame(page.later_header)], onPage=start_later, onPageEnd=end_page,
                     pagesize=page.size),
    ])
    doc.build(story, canvasmaker=_PagedCanvas)
    return buf.getvalue()
