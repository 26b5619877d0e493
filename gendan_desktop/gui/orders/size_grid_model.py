"""颜色×尺码: the grid's table model (the view and the editor around it are in
size_grid_editor.py).

Row 0 takes the sizes and column 0 the colours (a blank cell at the end of
either adds one); the last row and column hold the totals. Cells hold what was
typed; core/size_grid.py parses, checks and turns the grid into order lines.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from ...core import size_grid as sg
from ...core.limits import QUANTITY
from ..kit.tab_kit import RED

HEADER_BG = QColor("#eef1f5")
TOTAL_BG = QColor("#f5f5f5")
HINT_TEXT = QColor("#9e9e9e")


def tr(text: str) -> str:
    return QCoreApplication.translate("SizeGridEditor", text)


def problem_text(pair: tuple[str, str]) -> str:
    from ...core.errors import current_language

    zh, en = pair
    return en[:1].upper() + en[1:] if current_language() == "en" else zh


class SizeGridModel(QAbstractTableModel):
    """Row 0: the sizes (then a blank one to add); column 0: the colours (then a
    blank one to add); the last row and column: totals."""

    sig_grid_changed = Signal()  # after every accepted edit: write the grid to the lines
    sig_problem = Signal(str)  # an edit refused, said in the user's language

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = sg.SizeGrid("")
        self._editable = True
        self.refused = False  # the last edit was refused: its cell stays open (SizeGridView)
        self._bold = QFont()
        self._bold.setBold(True)

    # ---------------------------------------------------------- geometry
    def _n(self) -> int:
        return len(self.grid.colours)

    def _m(self) -> int:
        return len(self.grid.sizes)

    def kind(self, row: int, col: int) -> str:
        n, m = self._n(), self._m()
        r = "head" if row == 0 else "colour" if row <= n else "new" if row == n + 1 else "total"
        c = "head" if col == 0 else "size" if col <= m else "new" if col == m + 1 else "total"
        return {("head", "head"): "corner", ("head", "size"): "size", ("head", "new"): "new_size",
                ("head", "total"): "total_label", ("colour", "head"): "colour", ("new", "head"): "new_colour",
                ("total", "head"): "total_label", ("colour", "size"): "qty", ("colour", "total"): "row_total",
                ("total", "size"): "col_total", ("total", "total"): "grand"}.get((r, c), "none")

    def colour_at(self, row: int) -> str:
        return self.grid.colours[row - 1]

    def size_at(self, col: int) -> str:
        return self.grid.sizes[col - 1]

    def qty_index(self, colour: str, size: str) -> QModelIndex:
        return self.index(self.grid.colours.index(colour) + 1, self.grid.sizes.index(size) + 1)

    # ------------------------------------------------------------- state
    def set_grid(self, grid: sg.SizeGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # ---------------------------------------------------------- Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._n() + 3

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._m() + 3

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = self.kind(index.row(), index.column())
        if self._editable and kind in ("size", "new_size", "colour", "new_colour", "qty"):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        kind = self.kind(r, c)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(kind, r, c, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            left = kind in ("corner", "colour", "new_colour", "total_label") and c == 0
            return int(
                (
                    Qt.AlignmentFlag.AlignLeft
                    if left
                    else Qt.AlignmentFlag.AlignRight
                    if kind != "size"
                    else Qt.AlignmentFlag.AlignCenter
                )
                | Qt.AlignmentFlag.AlignVCenter
            )
        if role == Qt.ItemDataRole.FontRole and kind in (
            "corner",
            "size",
            "colour",
            "total_label",
            "row_total",
            "col_total",
            "grand",
        ):
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            if kind == "qty" and self.grid.problem(self.colour_at(r), self.size_at(c)):
                return RED
            if kind in ("corner", "size", "new_size", "colour", "new_colour"):
                return HEADER_BG
            if kind in ("row_total", "col_total", "grand", "total_label"):
                return TOTAL_BG
        if role == Qt.ItemDataRole.ForegroundRole and kind in ("new_size", "new_colour"):
            return HINT_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(kind, r, c)
        return None

    def _text(self, kind: str, r: int, c: int, editing: bool):
        g = self.grid
        if kind == "corner":
            return tr("颜色 \\ 尺码")
        if kind == "size":
            return self.size_at(c)
        if kind == "colour":
            return self.colour_at(r)
        if kind == "new_size":
            return "" if editing or not self._editable else tr("+尺码")
        if kind == "new_colour":
            return "" if editing or not self._editable else tr("+颜色")
        if kind == "total_label":
            return tr("合计")
        if kind == "qty":
            return g.text(self.colour_at(r), self.size_at(c))
        if kind == "row_total":
            return f"{g.row_total(self.colour_at(r)):,}"
        if kind == "col_total":
            return f"{g.column_total(self.size_at(c)):,}"
        if kind == "grand":
            return f"{g.total():,}"
        return ""

    def _tooltip(self, kind: str, r: int, c: int):
        if kind == "new_size":
            return tr("输入尺码,按 Tab 或回车添加一列")
        if kind == "new_colour":
            return tr("输入颜色,按 Tab 或回车添加一行")
        if kind in ("size", "colour"):
            return tr("清空即删除这一列(行)及其数量")
        if kind == "qty":
            problem = self.grid.problem(self.colour_at(r), self.size_at(c))
            return problem_text(problem) if problem else None
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable)
        ):
            return False
        text = "" if value is None else str(value).strip()
        self.refused = False
        r, c = index.row(), index.column()
        kind = self.kind(r, c)
        handler = {"size": self._set_size, "new_size": self._add_size, "colour": self._set_colour,
                   "new_colour": self._add_colour, "qty": self._set_qty}[kind]
        changed = handler(r, c, text)
        if changed:
            self.sig_grid_changed.emit()
        return changed is not False

    # ------------------------------------------------------------- edits
    def _refuse(self, text: str, name: str) -> bool:
        self.refused = True
        self.sig_problem.emit(text.replace("%1", name))
        return False

    def _add_size(self, _r: int, _c: int, text: str):
        if not text:
            return None
        if text in self.grid.sizes:
            return self._refuse(tr("尺码“%1”已经有了。"), text)
        m = self._m()
        # the new blank column goes after the one typed into, so Tab lands on it
        self.beginInsertColumns(QModelIndex(), m + 2, m + 2)
        self.grid.sizes.append(text)
        self.endInsertColumns()
        self._changed_all()
        return True

    def _add_colour(self, _r: int, _c: int, text: str):
        if not text:
            return None
        if text in self.grid.colours:
            return self._refuse(tr("颜色“%1”已经有了。"), text)
        n = self._n()
        self.beginInsertRows(QModelIndex(), n + 2, n + 2)
        self.grid.colours.append(text)
        self.endInsertRows()
        self._changed_all()
        return True

    def _set_size(self, _r: int, c: int, text: str):
        old = self.size_at(c)
        if text == old:
            return None
        if not text:
            self.beginRemoveColumns(QModelIndex(), c, c)
            self.grid.sizes.remove(old)
            for colour in self.grid.colours:
                self.grid.cells.pop((colour, old), None)
            self.endRemoveColumns()
        elif text in self.grid.sizes:
            return self._refuse(tr("尺码“%1”已经有了。"), text)
        else:
            self.grid.sizes[c - 1] = text
            for colour in self.grid.colours:
                if (colour, old) in self.grid.cells:
                    self.grid.cells[(colour, text)] = self.grid.cells.pop((colour, old))
        self._changed_all()
        return True

    def _set_colour(self, r: int, _c: int, text: str):
        old = self.colour_at(r)
        if text == old:
            return None
        if not text:
            self.beginRemoveRows(QModelIndex(), r, r)
            self.grid.colours.remove(old)
            for size in self.grid.sizes:
                self.grid.cells.pop((old, size), None)
            self.endRemoveRows()
        elif text in self.grid.colours:
            return self._refuse(tr("颜色“%1”已经有了。"), text)
        else:
            self.grid.colours[r - 1] = text
            for size in self.grid.sizes:
                if (old, size) in self.grid.cells:
                    self.grid.cells[(text, size)] = self.grid.cells.pop((old, size))
        self._changed_all()
        return True

    def _set_qty(self, r: int, c: int, text: str):
        key = (self.colour_at(r), self.size_at(c))
        if self.grid.cells.get(key, "") == text:
            return None
        if sg.cell_quantity(text) == 0:
            self.grid.cells.pop(key, None)
        else:
            self.grid.cells[key] = text
        self._changed_all()
        return True

    def _changed_all(self) -> None:
        # totals, the hint cells and red cells anywhere may change: the grid is small
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # ------------------------------------------------------------- paste
    def paste(self, text: str, at: QModelIndex) -> bool:
        """Ctrl+V: a grid with headers merges in; bare quantities fill from ``at`` on.
        All or nothing: a bad cell changes nothing and is said (sig_problem)."""
        from ...core.errors import ValidationError

        if not self._editable:
            return False
        try:
            if sg.is_grid_text(text):
                merged = sg.merge(self.grid, sg.parse_pasted(text))
                merged.style = self.grid.style
                self.set_grid(merged)
            else:
                self._paste_block(sg.parse_block(text), at)
        except ValidationError as exc:
            self.sig_problem.emit(str(exc))
            return False
        self.sig_grid_changed.emit()
        return True

    def _paste_block(self, rows: list[list[str]], at: QModelIndex) -> None:
        from ...core.errors import ValidationError

        if not rows or not at.isValid() or self.kind(at.row(), at.column()) != "qty":
            raise ValidationError("请先点选要粘贴到的数量格(或复制带尺码行和颜色列的整张表)。",
                                  "Click the quantity cell to paste into first (or copy the whole grid with its "
                                  "size row and colour column).", field="paste")
        r0, c0 = at.row(), at.column()
        if r0 - 1 + len(rows) > self._n() or c0 - 1 + max(len(r) for r in rows) > self._m():
            raise ValidationError("粘贴的数量超出了表格:请先添加颜色和尺码。",
                                  "The quantities pasted reach beyond the grid: add the colours and sizes first.",
                                  field="paste")
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                colour, size = self.colour_at(r0 + i), self.size_at(c0 + j)
                if sg.cell_quantity(value) is None:
                    zh, en = QUANTITY.problem(value) or ("", "")
                    raise ValidationError(f"“{colour}”、尺码“{size}”:{zh}", f"“{colour}”, size “{size}”: {en}",
                                          field="paste")
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                key = (self.colour_at(r0 + i), self.size_at(c0 + j))
                if sg.cell_quantity(value):
                    self.grid.cells[key] = str(sg.cell_quantity(value))
                else:
                    self.grid.cells.pop(key, None)
        self._changed_all()
