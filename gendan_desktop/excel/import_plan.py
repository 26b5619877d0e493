"""What an import works on and reports, shared by importer.run and the two kinds
of import (excel/import_clients.py, excel/import_orders.py): the plan read
from the file, the result with its row issues, progress and cancelling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import current_language
from .header import FieldSpec, field_specs
from .reader import column_letter

_GRAND_TOTAL_WORDS = {"合计", "总计", "总合计", "合计金额", "total", "totals", "grand total", "sum"}
_TOTAL_WORDS = _GRAND_TOTAL_WORDS | {"小计", "subtotal", "sub total", "sub-total"}


# The import summary's words, per language (ImportResult.summary).
_SUMMARY = {
    "zh": {"dry": "试导入(未写入):", "clients": "客户", "orders": "订单",
           "head": "读取 {read} 行;新建{what} {created},更新 {updated};重复跳过 {skipped} 行;有错误 {invalid} 行。",
           "lines": "新建订单明细 {lines} 行,新建客户 {clients} 个。",
           "cancelled": "已取消,未写入任何数据。", "nothing": "因以下错误,未写入任何数据。"},
    "en": {"dry": "Dry run: ", "clients": "clients", "orders": "orders",
           "head": "{read} rows read; {what} created {created}, updated {updated}; "
                   "rows skipped as duplicates {skipped}; rows with errors {invalid}.",
           "lines": " Order lines created {lines}; clients created {clients}.",
           "cancelled": " Cancelled: nothing was written.",
           "nothing": " Nothing was written because of the errors below."},
}


@dataclass
class RowIssue:
    """One problem (or note) about one row: Excel row number, column, what to do."""

    row: int  # as Excel shows it (1-based); 0 = the whole file
    column: str  # "C 交期" (letter and header text), "" when about the row
    field: str
    zh: str
    en: str

    def message(self, lang: str | None = None) -> str:
        return self.en if (lang or current_language()) == "en" else self.zh


@dataclass
class ImportResult:
    kind: str
    rows_read: int = 0
    created: int = 0  # clients, or orders
    updated: int = 0
    skipped: int = 0  # rows skipped as duplicates
    lines_created: int = 0  # order lines (orders import)
    clients_created: int = 0  # clients created for unknown names (orders import)
    invalid: int = 0  # rows with errors
    errors: list[RowIssue] = field(default_factory=list)
    notes: list[RowIssue] = field(default_factory=list)  # duplicates skipped, total rows ignored …
    written: bool = False
    dry_run: bool = False
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.cancelled

    def summary(self, lang: str | None = None) -> str:
        words = _SUMMARY["en" if (lang or current_language()) == "en" else "zh"]
        head = (words["dry"] if self.dry_run else "") + words["head"].format(
            read=self.rows_read, what=words[self.kind], created=self.created, updated=self.updated,
            skipped=self.skipped, invalid=self.invalid)
        if self.kind == "orders":
            head += words["lines"].format(lines=self.lines_created, clients=self.clients_created)
        if self.cancelled:
            head += words["cancelled"]
        elif self.errors and not self.written and not self.dry_run:
            head += words["nothing"]
        return head


@dataclass
class ImportPlan:
    """What ``prepare`` found: the GUI shows it in the mapping dialog."""

    path: Path
    kind: str
    book_kind: str  # xlsx / xls / ods
    sheet_names: list[str]
    sheet_name: str
    header_row: int  # 0-based index into the sheet rows (Excel row = header_row + 1)
    headers: list[str]  # header cell texts, one per column
    mapping: dict[int, str]  # column index → field name (the guess; the GUI may edit it)
    fields: list[FieldSpec]
    preview: list[list[str]]  # first data rows as text, for the dialog
    rows: list[tuple[int, list]]  # (Excel row number, raw values) of every non-blank data row

    @property
    def missing_required(self) -> list[FieldSpec]:
        return missing_required(self.kind, self.mapping)

    def column_label(self, index: int) -> str:
        head = self.headers[index] if index < len(self.headers) else ""
        return f"{column_letter(index)} {head}".strip()


def missing_required(kind: str, mapping: dict[int, str]) -> list[FieldSpec]:
    mapped = set(mapping.values())
    out = [s for s in field_specs(kind) if s.required and s.name not in mapped]
    if kind == "orders" and not {"style", "product"} & mapped:
        out.append(next(s for s in field_specs(kind) if s.name == "style"))
    return out


def issue(plan: ImportPlan, row: int, col: int | None, field_name: str, zh: str, en: str) -> RowIssue:
    """A row error worded the same way everywhere: 第 N 行“列”:问题。"""
    if col is None:
        return RowIssue(row, "", field_name, f"第 {row} 行:{zh}", f"Row {row}: {en}")
    label = plan.column_label(col)
    return RowIssue(row, label, field_name, f"第 {row} 行“{label}”列:{zh}", f"Row {row}, column “{label}”: {en}")


def is_grand_total(row: list) -> bool:
    """A 合计/Total row: the data ends there (a footer may follow)."""
    return any(isinstance(v, str) and v.strip().casefold().rstrip(":：") in _GRAND_TOTAL_WORDS for v in row[:3])


def is_total_row(row: list, mapping: dict[int, str]) -> bool:
    """A 合计/Total line under the data: skipped instead of reported as invalid."""
    return any(isinstance(v, str) and v.strip().casefold().rstrip(":：") in _TOTAL_WORDS for v in row)


class Cancelled(Exception):
    """Raised inside the write transaction to roll it back when the user cancels."""


class Ticker:
    """Throttled progress reports and cancel checks (every 256 rows)."""

    def __init__(self, progress, cancelled, total: int):
        self.progress, self.cancelled, self.total, self.done = progress, cancelled, total, 0

    def step(self, n: int = 1) -> None:
        before = self.done
        self.done += n
        if (self.done >> 8) != (before >> 8):
            if self.cancelled is not None and self.cancelled():
                raise Cancelled
            if self.progress is not None:
                self.progress(min(self.done, self.total), self.total)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)
