"""The company letterhead every document starts with (from settings)."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .layout import fit_line, text


@dataclass
class Company:
    name: str = ""
    address: str = ""
    phone: str = ""
    logo: str = ""  # path of an image file, or ""
    name_en: str = ""
    logo_png: bytes | None = None  # the logo stored in the database (core/company.py)

    @classmethod
    def from_settings(cls) -> Company:
        from ..core.company import get_profile, logo_png

        p = get_profile()
        return cls(name=p.name, address=p.address, phone=p.phone, name_en=p.name_en, logo_png=logo_png())

    def image(self) -> object | None:
        """What drawImage takes: the stored PNG, else the picture file, else None."""
        if self.logo_png:
            from reportlab.lib.utils import ImageReader

            return ImageReader(BytesIO(self.logo_png))
        return self.logo if self.logo and Path(self.logo).is_file() else None


def client_display(client) -> str:
    """The client as the settings choose to print it: its name (default) or its code.

    Some factories print only the code so the floor never sees who the buyer is.
    """
    from ..core.common import get_setting

    if client is None:
        return ""
    if get_setting("print_client_as", "name").strip().lower() == "code":
        return client.code
    return client.name


def client_text(text: str, client) -> str:
    """Free text for the floor (requirements, packing, shipping marks, remarks)
    with the client's name replaced by its code when the settings print the
    client as its code: a 唛头 typed as "宁波远航贸易有限公司 / PO …" would
    otherwise name the buyer the sheet hides."""
    if not text or client is None or client_display(client) != client.code:
        return text or ""
    for name in sorted({client.name, getattr(client, "name_en", "")}, key=len, reverse=True):
        if name and len(name.strip()) >= 2:
            text = text.replace(name, client.code)
    return text


def draw_letterhead(c: Canvas, company: Company, x: float, top: float, width: float) -> float:
    """Logo, company name, address and phone in a band of ``width``; returns its bottom y."""
    h = 16 * mm
    tx = x
    image = company.image()
    if image is not None:
        try:
            c.drawImage(image, x, top - h, width=h * 1.4, height=h,
                        preserveAspectRatio=True, anchor="w", mask="auto")
            tx = x + h * 1.4 + 3 * mm
        except Exception:  # an unreadable logo must never stop printing
            tx = x
    avail = x + width - tx
    name = company.name or "公司名称未设置 (设置 → 公司资料)"
    contact = "   ".join(s for s in (company.address, f"电话 Tel: {company.phone}" if company.phone else "") if s)
    english = company.name_en if company.name_en and company.name_en not in name else ""
    if english:  # three lines in the same band: Chinese name, English name, address and phone
        text(c, tx, top - 5.5 * mm, *fit_line(name, avail, 14, minimum=6), bold=True)
        text(c, tx, top - 10 * mm, *fit_line(english, avail, 9.5, minimum=5), bold=True)
        if contact:
            text(c, tx, top - 14.3 * mm, *fit_line(contact, avail, 8, minimum=5))
        return top - h
    text(c, tx, top - 6 * mm, *fit_line(name, avail, 15, minimum=6), bold=True)
    if contact:
        text(c, tx, top - 11.5 * mm, *fit_line(contact, avail, 8.5))
    return top - h
