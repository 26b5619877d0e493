"""Base of the small in-place editing grids (order lines, quotation items).

Rows are dicts of the text the user typed, keyed by ``KEYS`` (column → key);
a subclass names its columns (``Columns``), headers and what a cell means.
The service validates again when saving; the grid only parses to show live
amounts and to paint cells that do not parse.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from .table_model import header_text


def plain(value) -> str:
    """A stored value as cell text: ``21.1300`` → ``21.13``, ``9.5`` → ``9.50``, ``100`` → ``100``."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        if "." in text and len(text.split(".")[1]) < 2:
            text = format(value.quantize(Decimal("0.01")), "f")
        return text
    return str(value)


class EditableRowsModel(QAbstractTableModel):
    totals_changed = Signal()

    Columns: type[IntEnum]
    KEYS: dict = {}
    HEADERS: dict = {}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._editable = True
        self._error: tuple[int, int] | None = None  # (row, column) named by the service

    # ------------------------------------------------------------ helpers
    def _blank(self, row: dict) -> bool:
        """Nothing typed but the default unit: such rows are dropped on save."""
        return not any(str(row[k]).strip() for k in self.KEYS.values() if k != "unit")

    def row_is_blank(self, row: int) -> bool:
        """Whether line ``row`` holds nothing typed yet (the grid leaves on Tab there)."""
        return 0 <= row < len(self._rows) and self._blank(self._rows[row])

    def _emit_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.Columns) - 1))

    def _remove_rows(self, rows: list[int]) -> None:
        for r in sorted(set(rows), reverse=True):
            if 0 <= r < len(self._rows):
                self.beginRemoveRows(QModelIndex(), r, r)
                del self._rows[r]
                self.endRemoveRows()
        self._error = None
        if self._rows:  # the line numbers below the removed rows moved up
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
        self.totals_changed.emit()

    def _unchanged(self, row: dict, col: int, text: str) -> bool:
        return row[self.KEYS[col]] == text

    def _cell_edited(self, col: int) -> None:
        """After a cell took new text (subclasses announce totals/edits)."""

    # ----------------------------------------------------------- Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.Columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.Columns)
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return header_text(self.HEADERS[self.Columns(section)])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and self.Columns(index.column()) in self.KEYS:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self._editable:
            return False
        col = self.Columns(index.column())
        if col not in self.KEYS:
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value).strip()
        if self._unchanged(row, col, text):
            return True
        row[self.KEYS[col]] = text
        if self._error and self._error[0] == index.row():
            self._error = None
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.Columns) - 1))
        self._cell_edited(col)
        return True
