"""Formulas without a saved result: why a cell that shows a number in Excel reads empty here.

Files written by scripts (openpyxl) or saved without recalculation hold
formulas that Excel computes on opening but that no reader can see. Only the
import's error path looks for them, to say so next to the empty cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from .reader import column_number


def formula_cells_without_value(path: str | Path, sheet_name: str) -> set[tuple[int, int]]:
    """Cells (row, col; 0-based) of an xlsx sheet holding a formula with no cached result.

    Only called on the error path, to tell the user why a cell reads empty:
    files written by scripts (openpyxl) or saved without recalculation have
    formulas that Excel computes on opening but that no reader can see.
    """
    from defusedxml.ElementTree import iterparse  # loaded on the error path only

    path = Path(path)
    found: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(path) as zf:
            target = _sheet_part(zf, sheet_name)
            if not target:
                return found
            ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
            with zf.open(target) as fh:
                for _ev, el in iterparse(fh, events=("end",), forbid_dtd=True):
                    if el.tag == ns + "c":
                        f = el.find(ns + "f")
                        v = el.find(ns + "v")
                        if f is not None and (v is None or not (v.text or "")):
                            found.add(_cell_index(el.get("r", "")))
                        el.clear()
    except Exception:
        return found
    return found


def _sheet_part(zf: Any, sheet_name: str) -> str | None:
    from defusedxml.ElementTree import fromstring

    wb = fromstring(zf.read("xl/workbook.xml"), forbid_dtd=True)
    rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    rid = None
    for el in wb.iter():
        if el.tag.endswith("}sheet") and el.get("name") == sheet_name:
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
    for el in rels.iter():
        if el.get("Id") == rid:
            t = el.get("Target", "")
            return t.lstrip("/") if t.startswith("/") else "xl/" + t
    return None


def _cell_index(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    if not m:
        return (-1, -1)
    return (int(m.group(2)) - 1, column_number(m.group(1)) - 1)
