"""The small read-only tables of the client detail pages (QTableWidget helpers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..kit.table_model import fmt_money


def tr(text: str) -> str:
    return QCoreApplication.translate("ClientDetail", text)


# ---------------------------------------------------------------- helpers --
def make_table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.setTabKeyNavigation(False)  # Tab leaves the list (it went from cell to cell, never out)
    t.verticalHeader().hide()
    header = t.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # as loaded (newest first) until a header is clicked
    t.setSortingEnabled(True)
    t.setWordWrap(False)
    return t


class _Item(QTableWidgetItem):
    """A cell that sorts by its value (numbers as numbers), not by its text."""

    def __init__(self, text: str, key):
        super().__init__(text)
        self.key = key

    def __lt__(self, other):  # noqa: D105 - Qt's sort
        try:
            return self.key < other.key
        except TypeError:
            return str(self.key) < str(other.key)


def fill_table(table: QTableWidget, rows: list[tuple], ids: list[int] | None = None) -> None:
    """Rows of values; numbers (int, Decimal) are shown formatted and right-aligned."""
    from decimal import Decimal

    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)  # rows must not move while they are filled in
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            number = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
            if isinstance(value, Decimal):
                text = fmt_money(value)
            elif number:
                text = f"{value:,}"
            else:
                text = "" if value is None else str(value)
            item = _Item(text, (0, value) if number else (1, text.casefold()))
            if number:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if ids is not None:
                item.setData(Qt.ItemDataRole.UserRole, ids[r])
            table.setItem(r, c, item)
    fit_columns(table)
    table.setSortingEnabled(sorting)


def fit_columns(table: QTableWidget) -> None:
    """Columns as wide as their contents, and never narrower than their header
    (an empty table squeezed its headers into one run of text)."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for c in range(table.columnCount()):
        item = table.horizontalHeaderItem(c)
        wanted = metrics.horizontalAdvance(item.text() if item else "") + 24
        if header.sectionSize(c) < wanted:
            header.resizeSection(c, wanted)


def table_id(table: QTableWidget) -> int | None:
    item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

