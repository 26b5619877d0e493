"""Small drawing kit shared by the documents: text, wrapping, cells, tables.

Everything is drawn straight on a reportlab canvas (no platypus): documents are
forms with fixed boxes, and the canvas is several times faster, which the
1,000-card benchmark needs. Units are points; ``mm`` converts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import FONT, register_fonts, text_width

GRID = 0.6  # line width of table rules
LABEL_GREY = (0.93, 0.93, 0.93)


def new_canvas(pagesize, title: str, author: str = "") -> tuple[Canvas, BytesIO]:
    register_fonts()
    buf = BytesIO()
    c = Canvas(buf, pagesize=pagesize, pageCompression=1, initialFontName=FONT, initialFontSize=9)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("Gendan Desktop")
    c.setLineWidth(GRID)
    return c, buf


def fmt_date(d) -> str:
    if d is None or d == "":
        return ""
    if isinstance(d, dt.datetime):
        return d.strftime("%Y-%m-%d")
    if isinstance(d, dt.date):
        return d.isoformat()
    return str(d)


def fmt_int(n) -> str:
    return f"{int(n):,}" if n not in (None, "") else ""


def fmt_money(v, places: int = 2) -> str:
    if v is None or v == "":
        return ""
    return f"{Decimal(v):,.{places}f}"


def fmt_qty(v, places: int = 2) -> str:
    """A quantity such as metres of fabric: no trailing zeros beyond what matters."""
    if v is None or v == "":
        return ""
    d = Decimal(v).quantize(Decimal(1).scaleb(-places))
    s = f"{d:,.{places}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def text(c: Canvas, x: float, y: float, s: str, size: float = 9, *, font: str = FONT,
         align: str = "left", bold: bool = False, color=(0, 0, 0), spacing: float = 0) -> None:
    """One line of text; ``bold`` strokes the outline (the font has no bold face);
    ``spacing`` spreads the characters (titles) while the text stays searchable."""
    s = "" if s is None else str(s)
    if not s:
        return
    c.setFillColorRGB(*color)
    if bold or spacing:
        w = text_width(s, size, font) + spacing * (len(s) - 1)
        t = c.beginText()
        t.setFont(font, size)
        if spacing:
            t.setCharSpace(spacing)
        if bold:
            c.setStrokeColorRGB(*color)
            c.setLineWidth(size / 28)
            t.setTextRenderMode(2)
        t.setTextOrigin(x - (w if align == "right" else w / 2 if align == "center" else 0), y)
        t.textLine(s)
        c.saveState()  # char spacing and render mode must not leak into later text
        c.drawText(t)
        c.restoreState()
        if bold:
            c.setLineWidth(GRID)
            c.setStrokeColorRGB(0, 0, 0)
    else:
        c.setFont(font, size)
        if align == "right":
            c.drawRightString(x, y, s)
        elif align == "center":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)
    c.setFillColorRGB(0, 0, 0)


def wrap(s: str, width: float, size: float, font: str = FONT) -> list[str]:
    """Break ``s`` into lines no wider than ``width``.

    Chinese breaks between any two characters; Latin words stay whole where
    they fit. Explicit newlines are kept.
    """
    out: list[str] = []
    for para in (s or "").replace("\r\n", "\n").split("\n"):
        line = ""
        token = ""
        for ch in para + "\0":
            if ch != "\0" and (ch.isascii() and not ch.isspace()):
                token += ch
                continue
            # flush the Latin word, then handle ch (a CJK char, a space or the end)
            for piece in (token, "" if ch == "\0" else ch):
                if not piece:
                    continue
                if text_width(line + piece, size, font) <= width:
                    line += piece
                    continue
                if line.strip():
                    out.append(line.rstrip())
                line = piece.lstrip()
                while text_width(line, size, font) > width and len(line) > 1:
                    # a single word wider than the box: cut it
                    cut = len(line)
                    while cut > 1 and text_width(line[:cut], size, font) > width:
                        cut -= 1
                    out.append(line[:cut])
                    line = line[cut:]
            token = ""
        out.append(line.rstrip())
    return out


def paragraph(c: Canvas, x: float, top: float, width: float, s: str, size: float = 9,
              leading: float | None = None, max_lines: int | None = None) -> float:
    """Draw wrapped text from ``top`` downwards; returns the y below the last line."""
    leading = leading or size * 1.35
    lines = wrap(s, width, size)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [_ellipsis(lines[max_lines - 1], width, size)]
    y = top - size
    c.setFont(FONT, size)
    for ln in lines:
        if ln:
            c.drawString(x, y, ln)
        y -= leading
    return y + leading - size * 0.35


def paragraph_height(s: str, width: float, size: float = 9, leading: float | None = None) -> float:
    leading = leading or size * 1.35
    return len(wrap(s, width, size)) * leading + size * 0.2


def fit_size(s: str, width: float, size: float, minimum: float = 6, font: str = FONT) -> float:
    """The largest font size ≤ ``size`` at which ``s`` fits ``width``."""
    w = text_width(s or "", size, font)
    if w <= width:
        return size
    return max(minimum, size * width / w)


def fit_line(s: str, width: float, size: float, minimum: float = 5, font: str = FONT) -> tuple[str, float]:
    """``s`` at the largest size ≤ ``size`` that fits ``width``; what does not
    fit even at ``minimum`` is cut with "…" (a single line never overflows)."""
    s = s or ""
    fs = fit_size(s, width, size, minimum, font)
    if text_width(s, fs, font) <= width:
        return s, fs
    return _ellipsis(s, width, fs, font), fs


def fit_lines(s: str, width: float, height: float, size: float, minimum: float = 4.5,
              font: str = FONT) -> tuple[list[str], float]:
    """Lines of ``s`` and the largest size ≤ ``size`` at which they fit the box:
    one line shrunk down to 6 pt first, then wrapped onto more lines, smaller
    each time; what still does not fit at ``minimum`` is cut with "…"."""
    one = fit_size(s, width, size, min(6.0, size), font)
    if text_width(s, one, font) <= width and one * 1.1 <= height:
        return [s], one
    fs = min(size, 6.0)
    while True:
        leading = fs * 1.12
        lines = wrap(s, width, fs, font)
        fits = len(lines) * leading <= height
        if fits or fs <= minimum:
            break
        fs = max(minimum, fs - 0.5)
    room = max(1, int(height // (fs * 1.12)))
    if len(lines) > room:
        lines = lines[:room - 1] + [_ellipsis(lines[room - 1], width, fs, font)]
    return lines, fs


def _ellipsis(line: str, width: float, size: float, font: str = FONT) -> str:
    """``line`` cut so that it and a closing "…" fit ``width``."""
    while line and text_width(line + "…", size, font) > width:
        line = line[:-1]
    return line + "…"


def cell(c: Canvas, x: float, y: float, w: float, h: float, s: str = "", *, size: float = 9,
         align: str = "left", fill=None, font: str = FONT, bold: bool = False, pad: float = 3) -> None:
    """A ruled box with text vertically centred: shrunk to fit on one line, else
    wrapped onto several smaller lines, else cut with "…" — never outside the box."""
    if fill is not None:
        c.setFillColorRGB(*fill)
        c.rect(x, y, w, h, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
    else:
        c.rect(x, y, w, h, stroke=1, fill=0)
    if s in (None, ""):
        return
    s = str(s)
    inner_w = w - 2 * pad
    natural = text_width(s, size, font)  # widths scale with the size: one measure decides
    if natural <= inner_w:
        lines, fs = [s], size  # the common case
    elif size * inner_w / natural >= 6:
        lines, fs = [s], size * inner_w / natural  # one line, a little smaller
    else:
        lines, fs = fit_lines(s, inner_w, h - 2, size, font=font)
    leading = fs * 1.12
    tx = x + w - pad if align == "right" else x + w / 2 if align == "center" else x + pad
    ty = y + (h - fs * 0.72) / 2 + (len(lines) - 1) * leading / 2
    for line in lines:
        text(c, tx, ty, line, fs, font=font, align=align, bold=bold)
        ty -= leading


@dataclass
class Column:
    title: str
    width: float  # a share of the table width (normalised by table())
    align: str = "left"
    font: str = FONT


def table(c: Canvas, x: float, top: float, width: float, columns: Sequence[Column],
          rows: Sequence[Sequence[str]], *, row_h: float = 6.5 * mm, head_h: float | None = None,
          size: float = 8.5, head_size: float | None = None, bold_last: bool = False) -> float:
    """A ruled table with a grey heading row; returns the y of its bottom edge."""
    total = sum(col.width for col in columns)
    widths = [width * col.width / total for col in columns]
    head_h = head_h or row_h
    y = top - head_h
    cx = x
    for col, w in zip(columns, widths):
        cell(c, cx, y, w, head_h, col.title, size=head_size or size, align="center", fill=LABEL_GREY)
        cx += w
    for i, row in enumerate(rows):
        y -= row_h
        cx = x
        last = bold_last and i == len(rows) - 1
        for col, w, value in zip(columns, widths, row):
            cell(c, cx, y, w, row_h, value, size=size, align=col.align, font=col.font, bold=last)
            cx += w
    return y


def label_value_grid(c: Canvas, x: float, top: float, width: float, pairs: Sequence[tuple[str, str]],
                     *, per_row: int = 3, row_h: float = 7 * mm, label_share: float = 0.38,
                     size: float = 9) -> float:
    """Label | value cells, ``per_row`` pairs per row; returns the bottom y."""
    pair_w = width / per_row
    lw = pair_w * label_share
    y = top
    for i, (lab, val) in enumerate(pairs):
        if i % per_row == 0:
            y -= row_h
        cx = x + (i % per_row) * pair_w
        cell(c, cx, y, lw, row_h, lab, size=size - 0.5, align="center", fill=LABEL_GREY)
        cell(c, cx + lw, y, pair_w - lw, row_h, val, size=size)
    return y


def boxed_text(c: Canvas, x: float, top: float, width: float, title: str, body: str, *,
               min_h: float = 12 * mm, size: float = 9, title_w: float = 24 * mm) -> float:
    """A titled box (title cell on the left) whose height follows the text."""
    inner = width - title_w - 6
    h = max(min_h, paragraph_height(body, inner, size) + 6)
    y = top - h
    c.setFillColorRGB(*LABEL_GREY)
    c.rect(x, y, title_w, h, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.rect(x + title_w, y, width - title_w, h, stroke=1, fill=0)
    # title lines centred vertically in the title cell
    tlines = title.split("\n")
    ty = y + h / 2 + (len(tlines) - 1) * size * 0.6 - size * 0.35
    for t in tlines:
        text(c, x + title_w / 2, ty, t, size - 0.5, align="center")
        ty -= size * 1.2
    paragraph(c, x + title_w + 3, top - 3, inner, body or "", size)
    return y


