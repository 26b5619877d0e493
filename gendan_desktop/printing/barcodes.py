"""Code128 and QR codes drawn as vectors on a reportlab canvas.

QR codes are encoded with segno and drawn as one path of rectangles (one per
horizontal run of dark modules): measured here segno encodes ~10× faster than
reportlab's QR widget, which also encodes twice when asked for its size.
Human-readable text under a Code128 is drawn by the caller in the embedded
font, because reportlab's own label uses Helvetica, which is not embedded.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from reportlab.graphics.barcode.code128 import Code128

QUIET_MODULES = 4  # QR quiet zone, in modules
# segno spends ~80 % of an encode scoring the eight data masks to pick the one
# with the fewest blocks and finder-like patterns (1.1 ms → 0.2 ms without it).
# Every mask is a valid QR code; for short ASCII card numbers a fixed mask
# keeps 1,000 cards inside the 1.6× budget and the tests decode every one.
QR_MASK = 0


@lru_cache(maxsize=4096)
def qr_runs(data: str, error: str = "m") -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(size in modules, runs (row, first col, length) of dark modules) of a QR code."""
    qr = segno.make_qr(data, error=error, boost_error=False, mask=QR_MASK)
    matrix = qr.matrix
    runs = []
    for r, row in enumerate(matrix):
        start = None
        for c, v in enumerate(row):
            if v and start is None:
                start = c
            elif not v and start is not None:
                runs.append((r, start, c - start))
                start = None
        if start is not None:
            runs.append((r, start, len(row) - start))
    return len(matrix), tuple(runs)


@lru_cache(maxsize=4096)
def _qr_ops(data: str) -> tuple[int, str]:
    """PDF path operators of the dark runs in module units (integers: fast to write)."""
    n, runs = qr_runs(data)
    return n, "".join([f"{c} {r} {length} 1 re\n" for r, c, length in runs])


def draw_qr(canvas, data: str, x: float, y: float, size: float, *, quiet: bool = True) -> None:
    """Draw a QR code of ``data`` in the square (x, y, size) — y is the bottom edge.

    With ``quiet`` the square includes the 4-module quiet zone scanners need.
    The modules are written as one filled path in a coordinate system of one
    unit per module (origin top-left, y down), so every number is a small
    integer instead of a float reportlab would format one by one.
    """
    n, ops = _qr_ops(data)
    total = n + (2 * QUIET_MODULES if quiet else 0)
    m = size / total
    ox = x + (QUIET_MODULES * m if quiet else 0)
    top = y + size - (QUIET_MODULES * m if quiet else 0)
    code = getattr(canvas, "_code", None)
    if code is None:  # not a reportlab pdfgen canvas: use the public path API
        p = canvas.beginPath()
        for r, c, length in qr_runs(data)[1]:
            p.rect(ox + c * m, top - (r + 1) * m, length * m, m)
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(p, stroke=0, fill=1)
        canvas.restoreState()
        return
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(m, 0, 0, -m, ox, top)
    code.append(ops + "f")
    canvas.restoreState()


def code128(data: str, *, bar_width: float = 1.0, bar_height: float = 28.0) -> Code128:
    """A Code128 flowable without its Helvetica label; ``.width`` includes quiet zones."""
    return Code128(data, barWidth=bar_width, barHeight=bar_height, humanReadable=False, quiet=True)


def draw_code128(canvas, data: str, x: float, y: float, *, bar_width: float = 1.0,
                 bar_height: float = 28.0, max_width: float | None = None) -> float:
    """Draw a Code128 at (x, y) (bottom-left, quiet zone included); returns its width.

    ``max_width`` narrows the bars (never below 0.8 pt, which still scans at
    200 dpi) so a long number fits its box.
    """
    bc = code128(data, bar_width=bar_width, bar_height=bar_height)
    if max_width and bc.width > max_width:
        bw = max(0.8, bar_width * max_width / bc.width)
        bc = code128(data, bar_width=bw, bar_height=bar_height)
    bc.drawOn(canvas, x, y)
    return bc.width
