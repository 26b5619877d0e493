"""Codes drawn by barcodes.py read back with zbarimg, whatever the number."""

from __future__ import annotations

from reportlab.lib.units import mm

from gendan_desktop.printing.barcodes import draw_code128, draw_qr
from gendan_desktop.printing.layout import new_canvas

from .conftest import decode, needs_poppler, render_pages

pytestmark = needs_poppler

NUMBERS = [f"LC2611-{n:05d}" for n in (1, 2, 9, 10, 99, 100, 777, 1234, 9999, 54321)] + [
    "PS2611-0001", "FC2611-0001-001", "SO2611-0042", "PI2612-0007", "A", "0000000000", "LC2701-99999"]


def test_every_qr_and_code128_decodes(tmp_path):
    # one number per page: zbar's QR finder misses codes when a page holds a dozen
    from reportlab.lib.pagesizes import A6, landscape

    c, buf = new_canvas(landscape(A6), "codes")
    for number in NUMBERS:
        draw_qr(c, number, 8 * mm, 40 * mm, 21 * mm)
        draw_code128(c, number, 8 * mm, 15 * mm, bar_height=11 * mm, max_width=68 * mm)
        c.showPage()
    c.save()
    path = tmp_path / "codes.pdf"
    path.write_bytes(buf.getvalue())
    pages = render_pages(path, dpi=200)
    assert len(pages) == len(NUMBERS)
    for number, png in zip(NUMBERS, pages):
        assert sorted(decode(png)) == [("CODE-128", number), ("QR-Code", number)]
