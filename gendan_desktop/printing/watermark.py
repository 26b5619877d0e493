"""The large diagonal 作废 / VOID watermark on paper that must no longer be used.

Which paper is void is core/paper.void_reason. Printing it again is allowed
(to show what was withdrawn) but every page then says so.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import FONT, text_width

VOID_ZH = "作废"
VOID_EN = "VOID"


def draw_void(c: Canvas, x: float, y: float, w: float, h: float, reason: str = "", *,
              reason_y: float | None = None) -> None:
    """Stamp the box (x, y, w, h) — a page or a card — with a diagonal VOID mark.

    The reason is printed on one line at ``reason_y`` (default: in the box's
    bottom margin, 3 mm up, clear of a card's content and of the paper edge).
    """
    import math

    c.saveState()
    clip = c.beginPath()
    clip.rect(x, y, w, h)
    c.clipPath(clip, stroke=0, fill=0)
    c.translate(x + w / 2, y + h / 2)
    angle = math.degrees(math.atan2(h, w))
    c.rotate(angle)
    diag = math.hypot(w, h)
    size_zh = min(diag * 0.17, h * 0.36)
    size_en = size_zh * 0.42
    c.setFillColorRGB(0.85, 0.05, 0.05)
    c.setStrokeColorRGB(0.85, 0.05, 0.05)
    c.setFillAlpha(0.28)
    c.setStrokeAlpha(0.5)
    c.setFont(FONT, size_zh)
    c.drawCentredString(0, -size_zh * 0.2, VOID_ZH)
    c.setFont(FONT, size_en)
    c.drawCentredString(0, -size_zh * 0.2 - size_en * 1.15, VOID_EN)
    # a frame round the stamp, like a rubber stamp
    bw = max(text_width(VOID_ZH, size_zh), text_width(VOID_EN, size_en)) + size_en
    bh = size_zh + size_en * 1.6
    c.setLineWidth(max(2.0, size_en / 12))
    c.roundRect(-bw / 2, -size_zh * 0.2 - size_en * 1.6, bw, bh, size_en / 4, stroke=1, fill=0)
    c.restoreState()
    if reason:
        c.saveState()
        c.setFillColorRGB(0.8, 0, 0)
        line = f"{VOID_ZH} {VOID_EN} — {reason} — 请勿按此生产 Do not produce from this document"
        size = min(8.0, 8.0 * (w - 12) / max(1.0, text_width(line, 8.0)))
        c.setFont(FONT, size)
        c.drawCentredString(x + w / 2, y + 3 * mm if reason_y is None else reason_y, line)
        c.restoreState()
