"""Streaming xlsx export of any list: what the GUI shows, or a named list.

xlsxwriter in constant-memory mode writes each row as it comes (measured
9.5 s vs openpyxl write-only 14.7 s for 100,000 × 15, same flat memory).
Every cell is written with its typed call (never the guessing ``write``),
so text can never become a formula: text starting with = + - @ or a tab/CR
is written as a string with Excel's quote prefix, so it stays text even when
the user edits the cell.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from ..core.errors import GendanError

MONEY_FORMAT = "#,##0.00"
NUMBER_FORMAT = "#,##0.####"
INT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
WIDTH_SAMPLE_ROWS = 2000  # widths are fitted on the first rows: a 100k-row scan costs time
MAX_WIDTH = 60
KINDS = ("text", "int", "number", "money", "date", "datetime", "percent", "bool")


class ExportError(GendanError):
    """The file could not be written (folder missing, file open in Excel, disk full…)."""


def cannot_write(path: Path, exc: BaseException | None = None) -> ExportError:
    detail = getattr(exc, "strerror", None) or (str(exc) if exc else "文件夹不存在")
    return ExportError(
        f"无法写入“{path}”({detail}):请确认文件夹存在、有写入权限,且该文件没有在 Excel 或 WPS 中打开。",
        f"Cannot write “{path}” ({detail}): check that the folder exists and is writable, and that the file "
        "is not open in Excel or WPS.")


def check_target(path: Path) -> None:
    """Refuse early, before any work, when the file's folder does not exist (or
    the file is the database itself)."""
    from ..core.db import refuse_database_file

    refuse_database_file(path)
    if not path.parent.is_dir():
        raise cannot_write(path, FileNotFoundError(2, "文件夹不存在 / folder not found"))


def close_workbook(wb: xlsxwriter.Workbook, path: Path) -> None:
    try:
        wb.close()
    except (FileCreateError, OSError) as exc:
        raise cannot_write(path, getattr(exc, "args", [None])[0] if isinstance(exc, FileCreateError) else exc) \
            from None


@dataclass
class Column:
    """One exported column. ``kind`` decides the cell type and number format.

    text, int, number, money (2 decimals, thousands separator), date,
    datetime, percent (value 0.25 → 25%), bool (是/否). ``width`` in characters
    overrides the fitted width; ``num_format`` overrides the format.
    """

    title: str
    kind: str = "text"
    width: float | None = None
    num_format: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


def display_width(text: str) -> int:
    """Columns a text needs: CJK and full-width characters count double."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def new_workbook(path: str | Path) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook that never converts strings to formulas, URLs or numbers."""
    return xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "default_date_format": DATE_FORMAT,
    })


_EPOCH = dt.datetime(1899, 12, 30)


def _serial(v) -> float:
    """Excel's serial number of a date or datetime (what a date cell stores)."""
    if isinstance(v, dt.datetime):
        delta = v.replace(tzinfo=None) - _EPOCH
        return delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6
    return float((v - _EPOCH.date()).days)


_SNIPPETS = {
    # Each writes cell (r, {c}) from v = row[{c}]; empty cells are skipped.
    "text": """
    v = row[{c}]
    if v.__class__ is str:
        if v:
            if v[0] in DANGER:
                ws_s(r, {c}, v, quoted)
            else:
                ws_s(r, {c}, v)
    elif v is not None:
        other(r, {c}, v, None)""",
    "number": """
    v = row[{c}]
    t = v.__class__
    if t is int or t is float:
        ws_n(r, {c}, v, f{c})
    elif t is Decimal:
        ws_n(r, {c}, float(v), f{c})
    elif v is not None and v != "":
        other(r, {c}, v, f{c})""",
    "date": """
    v = row[{c}]
    if v.__class__ is date:
        s = serials.get(v)
        if s is None:
            s = serials[v] = serial(v)
        ws_n(r, {c}, s, f{c})
    elif v is not None and v != "":
        other(r, {c}, v, f{c})""",
    "bool": """
    v = row[{c}]
    if v is not None and v != "":
        other(r, {c}, v, None)""",
}


def _row_writer(ws, wb, columns: Sequence[Column]):
    """A function ``write(r, row)`` specialised for ``columns``.

    Generated once per export so each row costs one Python call with the type
    checks inlined: the per-cell dispatch of a generic writer cost 30% more
    time than raw xlsxwriter on 100,000 rows.
    """
    formats = {
        "int": INT_FORMAT, "number": NUMBER_FORMAT, "money": MONEY_FORMAT, "date": DATE_FORMAT,
        "datetime": DATETIME_FORMAT, "percent": PERCENT_FORMAT,
    }
    quoted = wb.add_format({"quote_prefix": True})
    ns: dict[str, Any] = {
        "ws_s": ws._write_string, "ws_n": ws._write_number, "DANGER": DANGEROUS_START, "quoted": quoted,
        "Decimal": Decimal, "date": dt.date, "serials": {}, "serial": _serial,
    }

    def other(r, c, v, fmt):
        """The rare cases: wrong type for the column, datetimes, booleans."""
        if isinstance(v, bool):
            ws._write_string(r, c, "是" if v else "否")
        elif isinstance(v, (dt.date, dt.datetime)) and fmt is not None:
            ws._write_number(r, c, _serial(v), fmt)
        elif isinstance(v, (int, float, Decimal)) and fmt is not None:
            ws._write_number(r, c, float(v), fmt)
        else:
            v = _as_text(v)
            if v:
                ws._write_string(r, c, v, quoted if v[0] in DANGEROUS_START else None)

    ns["other"] = other
    body = ["def write(r, row):"]
    for c, col in enumerate(columns):
        fmt = col.num_format or formats.get(col.kind)
        ns[f"f{c}"] = wb.add_format({"num_format": fmt}) if fmt else None
        kind = {"int": "number", "money": "number", "percent": "number", "datetime": "date"}.get(col.kind, col.kind)
        body.append(_SNIPPETS[kind].format(c=c))
    if not columns:
        body.append("    pass")
    exec("\n".join(body), ns)  # noqa: S102 - source built above from fixed snippets
    return ns["write"]


def _as_text(v: Any) -> str:
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return "" if v is None else str(v)


def _sample_width(kind: str, v: Any) -> int:
    if isinstance(v, str):
        return display_width(v)
    if kind in ("date",):
        return 10
    if kind == "datetime":
        return 16
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
        n = len(f"{v:,.2f}") if kind == "money" else len(f"{v:,}") if isinstance(v, int) else len(str(v)) + 2
        return n
    return display_width(_as_text(v))


def write_sheet(wb: xlsxwriter.Workbook, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *,
                sheet_name: str = "Sheet1") -> int:
    """Write one list as a worksheet of ``wb``; returns the number of data rows."""
    ws = wb.add_worksheet(_sheet_title(sheet_name))
    header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter",
                            "text_wrap": False})
    ncol = len(columns)
    for c, col in enumerate(columns):
        ws.write_string(0, c, col.title, header)
    ws.freeze_panes(1, 0)
    write = _row_writer(ws, wb, columns)
    widths = [display_width(col.title) + 2 for col in columns]  # +2: the autofilter arrow
    kinds = [col.kind for col in columns]
    r = 0
    for r, row in enumerate(rows, 1):
        write(r, row)
        if r <= WIDTH_SAMPLE_ROWS:
            for c, v in enumerate(row):
                if v is not None and v != "":
                    w = _sample_width(kinds[c], v)
                    if w > widths[c]:
                        widths[c] = w
    for c, col in enumerate(columns):
        ws.set_column(c, c, col.width if col.width else min(widths[c] + 1, MAX_WIDTH))
    if ncol:
        ws.autofilter(0, 0, max(r, 1), ncol - 1)
    return r


def _sheet_title(name: str) -> str:
    bad = '[]:*?/\\'
    cleaned = "".join("_" if ch in bad else ch for ch in name).strip("'") or "Sheet1"
    return cleaned[:31]


def export_rows(path: str | Path, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *,
                sheet_name: str = "Sheet1") -> Path:
    """Write ``rows`` (each a sequence in ``columns`` order) to an xlsx at ``path``.

    This is what the GUI calls with its visible columns and filtered rows. The
    file is written next to ``path`` and moved over it when complete, so a
    failure never leaves a half-written file under the user's name.
    """
    path = Path(path)
    check_target(path)
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix or '.xlsx'}")
    wb = new_workbook(tmp)
    try:
        write_sheet(wb, columns, rows, sheet_name=sheet_name)
        close_workbook(wb, path)
        try:
            tmp.replace(path)
        except OSError as exc:
            raise cannot_write(path, exc) from None
    except BaseException:
        with contextlib.suppress(Exception):
            wb.close()
        tmp.unlink(missing_ok=True)
        raise
    return path
