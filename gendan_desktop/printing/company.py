"""The company letterhead every document starts with (from settings)."""

from __future__ import annotations

from dataclasses import dataclass
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

    @classmethod
    def from_settings(cls) -> Company:
        from ..core.common import get_setting

        return cls(
            name=get_setting("company_name", ""),
            address=get_setting("company_address", ""),
            phone=get_setting("company_phone", ""),
            logo=get_setting("company_logo", ""),
        )


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
    if company.logo and Path(company.logo).is_file():
        try:
            c.drawImage(company.logo, x, top - h, width=h * 1.4, height=h,
                        preserveAspectRatio=True, anchor="w", mask="auto")
            tx = x + h * 1.4 + 3 * mm
        except Exception:  # an unreadable logo must never stop printing
            tx = x
    avail = x + width - tx
    name = company.name or "公司名称未设置 (设置 → 公司资料)"
    text(c, tx, top - 6 * mm, *fit_line(name, avail, 15, minimum=6), bold=True)
    contact = "   ".join(s for s in (company.address, f"电话 Tel: {company.phone}" if company.phone else "") if s)
    if contact:
        text(c, tx, top - 11.5 * mm, *fit_line(contact, avail, 8.5))
    return top - h
