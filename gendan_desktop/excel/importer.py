"""Excel import of clients and of orders with their lines: the Qt-free API.

Two steps, so the GUI can show a mapping dialog between them::

    plan = prepare(path, "clients")          # read + header guess + preview
    # … the user corrects plan.mapping (column index → field name) …
    result = run(plan, mapping=plan.mapping, on_duplicate="skip",
                 skip_invalid=False, dry_run=False,
                 progress=lambda done, total: ..., cancelled=lambda: False)
    save_error_report(result, "errors.xlsx")

Every row is validated before anything is written. By default one invalid
row means nothing is written (all-or-nothing, one transaction); with
``skip_invalid`` the valid rows are written and the others reported.
Duplicates (within the file and against the database) are skipped, updated or
created anew according to ``on_duplicate``.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..core.db import serialize, write_transaction
from ..core.errors import ValidationError, current_language
from .formulas import formula_cells_without_value
from .header import SCAN_ROWS, field_specs, find_header, guess_mapping
from .import_plan import Cancelled, ImportPlan, ImportResult, RowIssue, Ticker, is_grand_total
from .import_plan import missing_required as missing_required
from .reader import FileRefused, open_workbook
from .values import cell_text, is_blank

KINDS = ("clients", "orders")
ON_DUPLICATE = ("skip", "update", "create")
PREVIEW_ROWS = 20


def _fill_merged(rows: list[list], merged, first_data_row: int) -> None:
    """Give every cell of a merged range below the header the range's value.

    Order sheets often merge the order number or client down over the order's
    lines; only the top-left cell holds the value.
    """
    for (r0, c0), (r1, c1) in merged:
        if r1 < first_data_row or r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(max(r0, first_data_row), min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if (r, c) != (r0, c0):
                    row[c] = value


def prepare(path: str | Path, kind: str, *, sheet: str | None = None,
            header_row: int | None = None) -> ImportPlan:
    """Read ``path`` safely, find the header row and guess the column mapping.

    ``sheet`` picks a worksheet by name (default: the one whose header names
    the most known columns); ``header_row`` (0-based) overrides the guess.
    Raises FileRefused with one sentence for hostile, wrong or unreadable files.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    book = open_workbook(path)
    candidates = [s for s in book.sheets if sheet is None or s.name == sheet]
    if not candidates:
        raise FileRefused(f"工作簿中没有名为“{sheet}”的工作表。", f"The workbook has no sheet named “{sheet}”.")
    best: tuple[Any, int, dict[int, str]] | None = None
    for s in candidates:
        if header_row is not None:
            idx = header_row
            mapping = guess_mapping(kind, s.rows[idx]) if idx < len(s.rows) else {}
        else:
            idx, mapping = find_header(kind, s.rows)
        if best is None or len(mapping) > len(best[2]):
            best = (s, idx, mapping)
    assert best is not None  # candidates is not empty
    s, idx, mapping = best
    if idx < 0 or not mapping:
        names = "、".join(f.zh for f in field_specs(kind) if f.required)
        raise FileRefused(
            f"无法导入“{book.path.name}”:前 {SCAN_ROWS} 行中找不到可识别的列标题(如“{names}”)。"
            "请确认表头一行写有列名,或使用“保存导入模板”得到的模板。",
            f"Cannot import “{book.path.name}”: no recognisable column headers in the first {SCAN_ROWS} rows; "
            "make sure one row names the columns, or use the import template.")
    rows = s.rows
    _fill_merged(rows, s.merged, idx + 1)
    headers = [cell_text(v) for v in rows[idx]]
    data = []
    for i, row in enumerate(rows[idx + 1:], start=idx + 1):
        if (not row or is_blank(row[0])) and all(is_blank(v) for v in row):
            continue
        if is_grand_total(row):
            break  # what follows a 合计 row is a footer (制表人, 审核…), not data
        data.append((i + 1, row))
    preview = [[cell_text(v) for v in row] for _n, row in data[:PREVIEW_ROWS]]
    return ImportPlan(book.path, kind, book.kind, [x.name for x in book.sheets], s.name, idx, headers,
                      dict(mapping), field_specs(kind), preview, data)


def run(plan: ImportPlan, *, mapping: dict[int, str] | None = None, on_duplicate: str = "skip",
        skip_invalid: bool = False, dry_run: bool = False, create_missing_clients: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Validate every row, then (unless ``dry_run``) write in one transaction.

    ``progress(done, total)`` is called now and then (validation is the first
    half of ``total``, writing the second); ``cancelled()`` returning True
    stops the import with nothing written. Raises ValidationError when a
    required column is not mapped.
    """
    if on_duplicate not in ON_DUPLICATE:
        raise ValidationError(f"重复处理方式“{on_duplicate}”无效,可选 skip、update、create。",
                              f"Unknown duplicate handling “{on_duplicate}”; use skip, update or create.",
                              field="on_duplicate")
    mapping = _checked_mapping(plan, plan.mapping if mapping is None else mapping)
    total = len(plan.rows) * (1 if dry_run else 2)
    ticker = Ticker(progress, cancelled, total)
    # only the importer of this kind is loaded (a command-line import starts faster)
    if plan.kind == "clients":
        from .import_clients import import_clients

        worker: Callable[..., None] = import_clients
    else:
        from .import_orders import import_orders

        worker = import_orders
    result = ImportResult(plan.kind, dry_run=dry_run)
    try:
        with _transaction(dry_run):
            worker(plan, mapping, result, ticker, on_duplicate=on_duplicate, skip_invalid=skip_invalid,
                   dry_run=dry_run, create_missing_clients=create_missing_clients)
    except Cancelled:
        result.cancelled = True
        result.written = False
        result.created = result.updated = result.lines_created = result.clients_created = 0
    if not result.rows_read and not result.errors and not result.cancelled:
        result.errors.append(RowIssue(
            0, "", "", f"“{plan.path.name}”的表头(第 {plan.header_row + 1} 行)下面没有数据行,没有可导入的内容。"
            "请确认选对了文件和工作表。",
            f"“{plan.path.name}” has no data rows below its header (row {plan.header_row + 1}); there is "
            "nothing to import. Check that this is the right file and sheet."))
    if result.errors and plan.book_kind == "xlsx":
        _explain_formulas(plan, result)
    ticker.finish()
    return result


def _checked_mapping(plan: ImportPlan, given: dict[int, str]) -> dict[int, str]:
    """The column → field mapping without empty entries; ValidationError for an unknown field,
    a field mapped twice, or a required field not mapped."""
    mapping = {int(k): v for k, v in given.items() if v}
    known = {s.name for s in plan.fields}
    unknown = sorted(set(mapping.values()) - known)
    if unknown:
        raise ValidationError(f"列对应中有未知的项:{'、'.join(unknown)}。", f"Unknown field(s) in the mapping: "
                              f"{', '.join(unknown)}.", field=unknown[0])
    seen: dict[str, int] = {}
    for col, name in sorted(mapping.items()):
        if name in seen:
            raise ValidationError(
                f"“{plan.column_label(seen[name])}”和“{plan.column_label(col)}”两列都对应了同一项,请只保留一列。",
                f"Columns “{plan.column_label(seen[name])}” and “{plan.column_label(col)}” are mapped to the "
                "same field; keep only one.", field=name)
        seen[name] = col
    missing = missing_required(plan.kind, mapping)
    if missing:
        zh = "、".join(f"“{s.zh}”" for s in missing)
        en = ", ".join(f"“{s.en}”" for s in missing)
        raise ValidationError(f"缺少必需的列 {zh}:请在列对应中指定哪一列是{zh}。",
                              f"Required column(s) {en} are not mapped; choose which column holds them.",
                              field=missing[0].name)
    return mapping


@contextmanager
def _transaction(dry_run: bool):
    """Checks and writes of a real import in one write transaction, imports taking
    turns (core.db.serialize): what the duplicate check reads is what the writes
    see. A dry run only reads."""
    if dry_run:
        yield
        return
    with write_transaction():
        serialize("excel-import")
        yield


def _explain_formulas(plan: ImportPlan, result: ImportResult) -> None:
    """Say so when an "empty" cell is a formula without a saved result."""
    empties = [e for e in result.errors if e.field and e.column]
    if not empties:
        return
    cells = formula_cells_without_value(plan.path, plan.sheet_name)
    if not cells:
        return
    col_of = {name: col for col, name in plan.mapping.items()}
    for e in empties:
        col = col_of.get(e.field)
        if col is not None and (e.row - 1, col) in cells:
            e.zh += "(该单元格是公式,但文件里没有保存计算结果:请在 Excel 或 WPS 中打开此文件、保存一次后再导入。)"
            e.en += " (The cell holds a formula whose result was never saved: open the file in Excel or WPS, " \
                    "save it once, and import again.)"


def save_error_report(result: ImportResult, path: str | Path, lang: str | None = None) -> Path:
    """Write the errors and notes of ``result`` to an xlsx the user can fix the file from."""
    from .exporter import Column, export_rows

    en = (lang or current_language()) == "en"
    cols = [Column("Row" if en else "行号", "int", 8), Column("Column" if en else "列", "text", 18),
            Column("Kind" if en else "类型", "text", 10), Column("Problem" if en else "问题及处理方法", "text", 90)]
    rows = [(e.row or None, e.column, "Error" if en else "错误", e.message(lang)) for e in result.errors]
    rows += [(e.row or None, e.column, "Note" if en else "提示", e.message(lang)) for e in result.notes]
    return export_rows(path, cols, rows, sheet_name="Import errors" if en else "导入问题")
