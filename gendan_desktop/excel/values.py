"""Turning raw cell values (as calamine returns them) into text, dates and numbers.

Cells arrive as str, float, int, bool, date, datetime, time or timedelta.
Phone numbers typed into Excel become floats (22250919908.0): text of an
integral float drops the ``.0``. Dates come as real dates, as Excel serial
numbers in "General" cells, or as text in the forms people type.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?:"
                      r":\d{2}(?:\.\d+)?)?)?")
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """Text of a cell as the user sees it; integral floats lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


@lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> dt.date | None:
    m = _DATE_RE.fullmatch(text)
    if not m:
        m = _COMPACT_RE.fullmatch(text)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def cell_date(value) -> dt.date | None:
    """A date from a cell, or None if the cell holds no recognisable date.

    Accepts real dates, Excel serial numbers (1–2958465) and text such as
    2026-10-16, 2026/10/16, 2026.10.16, 2026年10月16日 or 20261016.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if 20000 <= value <= 2958465:  # 1954 … 9999: a serial number shown as General
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        if 19000101 <= value <= 99991231 and float(value).is_integer():
            return _parse_date_text(str(int(value)))
        return None
    if isinstance(value, str):
        return _parse_date_text(value.strip())
    return None


def cell_decimal(value) -> Decimal | None:
    """A Decimal, or None if the cell holds no number ("1,200.50", "¥12", "$8.75" are fine)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        t = value.strip().replace(",", "").replace(",", "")
        t = t.lstrip("¥￥$€£").strip()
        if not t:
            return None
        try:
            d = Decimal(t)
        except InvalidOperation:
            return None
        return d if d.is_finite() else None
    return None
