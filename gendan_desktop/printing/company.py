"""The company letterhead every document starts with (from settings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .layout import fit_size, text


@dataclass
class Company:
    name: str = ""
    address: str = ""
    phone: str = ""
    logo: str = ""  # path of an image file, or ""

    @classmethod
    def from_settings(cls) -> "Company":
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
    size = fit_size(name, avail, 15)
    text(c, tx, top - 6 * mm, name, size, bold=True)
    contact = "   ".join(s for s in (company.address, f"电话 Tel: {company.phone}" if company.phone else "") if s)
    if contact:
        text(c, tx, top - 11.5 * mm, contact, fit_size(contact, avail, 8.5))
    return top - h
