"""The company profile every printed document starts with, and the merchandiser's own name.

Kept in the settings table (so a team on PostgreSQL shares one letterhead):
``company_name``, ``company_name_en``, ``company_address``, ``company_phone``,
``merchandiser_name`` and the logo as PNG in ``company_logo_png`` (base64).
The logo lives in the database, not as a path, so it prints the same after the
picture file is moved and on every computer of a team. ``company_logo`` (a
file path, as older versions kept it) is still read when no logo is stored.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, fields
from pathlib import Path

from .common import get_setting, set_setting
from .db import write_transaction
from .errors import ValidationError

TEXT_KEYS = {"name": "company_name", "name_en": "company_name_en", "address": "company_address",
             "phone": "company_phone", "merchandiser": "merchandiser_name"}
LOGO_KEY = "company_logo_png"
LEGACY_LOGO_KEY = "company_logo"
MAX_LOGO_FILE = 10 * 1024 * 1024  # bytes read from the picture file
MAX_LOGO_SIDE = 600  # pixels: sharp at 16 mm high, small in the database
LIMITS = {"name": 200, "name_en": 200, "address": 300, "phone": 80, "merchandiser": 100}
LABELS = {"name": ("公司名称(中文)", "company name (Chinese)"), "name_en": ("公司名称(英文)", "company name (English)"),
          "address": ("地址", "address"), "phone": ("电话", "phone"),
          "merchandiser": ("跟单员姓名", "merchandiser's name")}


@dataclass
class CompanyProfile:
    name: str = ""
    name_en: str = ""
    address: str = ""
    phone: str = ""
    merchandiser: str = ""


def get_profile() -> CompanyProfile:
    return CompanyProfile(**{attr: get_setting(key, "") for attr, key in TEXT_KEYS.items()})


def _clean(profile: CompanyProfile) -> CompanyProfile:
    out = CompanyProfile()
    for f in fields(CompanyProfile):
        value = " ".join(str(getattr(profile, f.name) or "").split())
        if len(value) > LIMITS[f.name]:
            zh, en = LABELS[f.name]
            raise ValidationError(f"{zh}太长了(最多 {LIMITS[f.name]} 个字),请缩短。",
                                  f"The {en} is too long (at most {LIMITS[f.name]} characters); shorten it.",
                                  field=TEXT_KEYS[f.name])
        setattr(out, f.name, value)
    return out


def logo_png_from_file(path: str | Path) -> bytes:
    """The picture file as PNG, no larger than MAX_LOGO_SIDE; refuses what is not a picture."""
    from PIL import Image, UnidentifiedImageError

    p = Path(path)
    bad = ValidationError(f"“{p.name}”不是可用的图片,请选择 PNG 或 JPG 格式的标志图片。",
                          f"“{p.name}” is not a picture that can be used; choose the logo as a PNG or JPG file.",
                          field="company_logo")
    if not p.is_file():
        raise ValidationError(f"找不到图片文件“{p}”,请重新选择。",
                              f"The picture file “{p}” was not found; choose it again.",
                              field="company_logo")
    if p.stat().st_size > MAX_LOGO_FILE:
        raise ValidationError(f"图片“{p.name}”太大(超过 10 MB),请选择较小的标志图片。",
                              f"The picture “{p.name}” is too large (over 10 MB); choose a smaller logo.",
                              field="company_logo")
    try:
        with Image.open(p) as img:
            img.load()
            if img.width < 1 or img.height < 1 or img.width * img.height > 40_000_000:
                raise bad
            transparent = "A" in img.getbands() or "transparency" in img.info
            small = img.convert("RGBA" if transparent else "RGB")  # no alpha: no soft mask in the PDF
            small.thumbnail((MAX_LOGO_SIDE, MAX_LOGO_SIDE))
            buf = io.BytesIO()
            small.save(buf, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise bad from None
    return buf.getvalue()


def logo_png() -> bytes | None:
    """The stored logo as PNG bytes, or the picture at the legacy path, or None."""
    stored = get_setting(LOGO_KEY, "")
    if stored:
        try:
            return base64.b64decode(stored)
        except ValueError:
            return None
    legacy = get_setting(LEGACY_LOGO_KEY, "")
    if legacy:
        try:
            return logo_png_from_file(legacy)
        except ValidationError:
            return None  # a moved or unreadable picture must never stop printing
    return None


def save_profile(profile: CompanyProfile, logo: str | bytes | None = None) -> CompanyProfile:
    """Save the profile in one transaction, after checking all of it.

    ``logo``: None keeps the stored logo, "" removes it, a path reads that
    picture, bytes are PNG already checked (logo_png_from_file).
    """
    clean = _clean(profile)
    png = logo_png_from_file(logo) if isinstance(logo, (str, Path)) and logo else logo
    with write_transaction():
        for attr, key in TEXT_KEYS.items():
            set_setting(key, getattr(clean, attr))
        if png is not None:
            set_setting(LOGO_KEY, base64.b64encode(png).decode("ascii") if png else "")
            set_setting(LEGACY_LOGO_KEY, "")
    return clean


def save_logo(path: str | None) -> None:
    """Store the picture at ``path`` as the logo ("" or None removes it)."""
    png = logo_png_from_file(path) if path else b""
    with write_transaction():
        set_setting(LOGO_KEY, base64.b64encode(png).decode("ascii") if png else "")
        set_setting(LEGACY_LOGO_KEY, "")
