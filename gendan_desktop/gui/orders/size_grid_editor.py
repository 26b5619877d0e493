"""颜色×尺码: the order editor's lines of one style typed as a grid.

The grid shows colours down and sizes across (core/size_grid.py). Its first
row takes the sizes and its first column the colours: typing into the blank
cell at the end of either adds one, Tab moves on, so an order of four colours
in six sizes is typed without touching the mouse. A grid copied from Excel
(sizes in the first row, colours in the first column) is pasted with Ctrl+V;
bare quantities paste from the current cell on. Every change is written at
once to the order editor's lines (OrderLinesModel): one line per colour and
size with pieces, so saving, revisions and the line list see ordinary lines.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import size_grid as sg
from ..kit.tab_kit import RED

HEADER_BG = QColor("#eef1f5")
TOTAL_BG = QColor("#f5f5f5")
HINT_TEXT = QColor("#9e9e9e")


def tr(text: str) -> str:
    return QCoreApplication.translate("SizeGridEditor", text)


def _problem_text(pair: tuple[str, str]) -> str:
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
            return Qt.NoItemFlags
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        kind = self.kind(index.row(), index.column())
        if self._editable and kind in ("size", "new_size", "colour", "new_colour", "qty"):
            f |= Qt.ItemIsEditable
        return f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        kind = self.kind(r, c)
        if role in (Qt.DisplayRole, Qt.EditRole):
            return self._text(kind, r, c, role == Qt.EditRole)
        if role == Qt.TextAlignmentRole:
            left = kind in ("corner", "colour", "new_colour", "total_label") and c == 0
            return int((Qt.AlignLeft if left else Qt.AlignRight if kind != "size" else Qt.AlignCenter)
                       | Qt.AlignVCenter)
        if role == Qt.FontRole and kind in ("corner", "size", "colour", "total_label", "row_total", "col_total",
                                            "grand"):
            return self._bold
        if role == Qt.BackgroundRole:
            if kind == "qty" and self.grid.problem(self.colour_at(r), self.size_at(c)):
                return RED
            if kind in ("corner", "size", "new_size", "colour", "new_colour"):
                return HEADER_BG
            if kind in ("row_total", "col_total", "grand", "total_label"):
                return TOTAL_BG
        if role == Qt.ForegroundRole and kind in ("new_size", "new_colour"):
            return HINT_TEXT
        if role == Qt.ToolTipRole:
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
            return _problem_text(problem) if problem else None
        return None

    def setData(self, index, value, role=Qt.EditRole):  # noqa: N802
        if role != Qt.EditRole or not index.isValid() or not (self.flags(index) & Qt.ItemIsEditable):
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
                    zh, en = sg.QUANTITY.problem(value) or ("", "")
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


class _PasteDelegate(QStyledItemDelegate):
    """Ctrl+V inside an open cell: a grid or block on the clipboard (tabs or
    line breaks) goes to the grid, not into the one cell's text."""

    def __init__(self, view: "SizeGridView"):
        super().__init__(view)
        self.view = view

    def eventFilter(self, editor, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.KeyPress and event.matches(QKeySequence.Paste):
            text = QGuiApplication.clipboard().text()
            if "\t" in text or "\n" in text.strip():
                self.closeEditor.emit(editor, QAbstractItemDelegate.RevertModelCache)
                self.view.sig_paste.emit(text, self.view.currentIndex())
                return True
        return super().eventFilter(editor, event)


class SizeGridView(QTableView):
    """The grid. Typing into a cell edits it; Tab and Shift+Tab go to the next
    cell that takes typing (sizes, colours, quantities), skipping the totals;
    Ctrl+V pastes the clipboard's text into the grid."""

    sig_paste = Signal(str, QModelIndex)  # clipboard text, the current cell

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sizeGrid")
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.horizontalHeader().setDefaultSectionSize(56)
        # rows as compact as the lists': a 6-colour grid fits under the order form at 1366×768
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setItemDelegate(_PasteDelegate(self))
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setTabKeyNavigation(True)
        self.set_editable(True)

    def set_editable(self, editable: bool) -> None:
        # not on CurrentChanged: a selected cell must still take Ctrl+V as a whole-grid paste
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.SelectedClicked
                             | QAbstractItemView.EditKeyPressed | QAbstractItemView.AnyKeyPressed
                             if editable else QAbstractItemView.NoEditTriggers)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.Paste):
            self.sig_paste.emit(QGuiApplication.clipboard().text(), self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802 - Qt's name
        model = self.model()
        if getattr(model, "refused", False):  # a size or colour typed twice: type it again, here
            model.refused = False
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            self.edit(self.currentIndex())
            return
        super().closeEditor(editor, hint)

    def moveCursor(self, action, modifiers):  # noqa: N802 - Qt's name
        if action in (QAbstractItemView.MoveNext, QAbstractItemView.MovePrevious):
            found = self._next_editable(1 if action == QAbstractItemView.MoveNext else -1)
            if found.isValid():
                return found
        return super().moveCursor(action, modifiers)

    def _next_editable(self, step: int) -> QModelIndex:
        model, current = self.model(), self.currentIndex()
        rows, cols = model.rowCount(), model.columnCount()
        pos = current.row() * cols + current.column() if current.isValid() else -1
        for _ in range(rows * cols):
            pos = (pos + step) % (rows * cols)
            index = model.index(pos // cols, pos % cols)
            if index.flags() & Qt.ItemIsEditable:
                return index
        return QModelIndex()


class SizeGridEditor(QWidget):
    """One style's lines as a grid, written through to ``lines`` (OrderLinesModel)."""

    sig_lines_written = Signal()  # the grid changed the order's lines

    def __init__(self, lines, parent=None):
        super().__init__(parent)
        self.setObjectName("sizeGridEditor")
        self.lines = lines
        self._writing = False
        self._editable = True
        self.style_box = QComboBox(self)
        self.style_box.setObjectName("gridStyle")
        self.style_box.setEditable(True)
        self.style_box.setInsertPolicy(QComboBox.NoInsert)
        self.style_box.lineEdit().setPlaceholderText(tr("输入或选择款号"))
        self.product = QLineEdit(self)
        self.product.setObjectName("gridProduct")
        self.price = QLineEdit(self)
        self.price.setObjectName("gridPrice")
        self.price.setMaximumWidth(110)
        self.message = QLabel(self)
        self.message.setObjectName("gridMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        # how to type and paste: the grid's tooltip (a line of hint above it cost the
        # room of the totals row under the order form at 1366×768)
        self.hint = tr("第一行输入尺码、第一列输入颜色,Tab 到下一格;从 Excel 复制整张尺码表后按 Ctrl+V 粘贴。")
        self.model = SizeGridModel(self)
        self.view = SizeGridView(self)
        self.view.setModel(self.model)
        self.view.setToolTip(self.hint)
        top = QGridLayout()
        top.setContentsMargins(0, 0, 0, 0)
        for col, (text, widget) in enumerate(((tr("款号"), self.style_box), (tr("品名"), self.product),
                                              (tr("单价"), self.price))):
            label = QLabel(text, self)
            label.setBuddy(widget)
            top.addWidget(label, 0, 2 * col)
            top.addWidget(widget, 0, 2 * col + 1)
        top.setColumnStretch(1, 1)
        top.setColumnStretch(3, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.message)

        self.model.sig_grid_changed.connect(self._write)
        self.model.sig_problem.connect(self.show_message)
        self.view.sig_paste.connect(self.model.paste)
        self.style_box.activated.connect(lambda _i: self.show_style(self.style_box.currentText()))
        self.style_box.lineEdit().editingFinished.connect(lambda: self.show_style(self.style_box.currentText()))
        self.product.editingFinished.connect(self._header_edited)
        self.price.editingFinished.connect(self._header_edited)
        for signal in (lines.modelReset, lines.rowsInserted, lines.rowsRemoved, lines.dataChanged):
            signal.connect(self._lines_changed)
        self.refresh()

    # -------------------------------------------------------------- state
    def style(self) -> str:
        return self.model.grid.style

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.model.set_editable(editable)
        self.style_box.setEnabled(True)  # another style can always be looked at
        self.product.setReadOnly(not editable)
        self.price.setReadOnly(not editable)
        self.view.set_editable(editable)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _lines_changed(self, *_args) -> None:
        if not self._writing:
            self.refresh()

    def refresh(self) -> None:
        """Read the lines again: the styles offered, and the grid of the current style."""
        rows = self.lines.line_dicts()
        styles = sg.styles_in(rows)
        current = self.style()
        self.style_box.blockSignals(True)
        self.style_box.clear()
        self.style_box.addItems(styles)
        self.style_box.blockSignals(False)
        if current not in styles:
            current = styles[0] if styles else current
        self.show_style(current, rows)

    def show_style(self, style: str, rows: list[dict] | None = None) -> None:
        rows = self.lines.line_dicts() if rows is None else rows
        style = style.strip()
        self.style_box.setEditText(style)
        problem = sg.grid_problem(rows, style)
        self.show_message(_problem_text(problem) if problem else "")
        self.model.set_grid(sg.SizeGrid(style) if problem else sg.grid_from_lines(rows, style))
        self.model.set_editable(self._editable and problem is None)
        for field, key in ((self.product, "product"), (self.price, "unit_price")):
            shared = sg.shared_value(rows, style, key)
            field.setText(shared or "")
            field.setPlaceholderText(tr("各行不同") if shared is None else "")
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column as wide as its text (sizes at least a short number wide),
        so that six sizes and the totals fit beside the order form."""
        view, fm = self.view, self.view.fontMetrics()
        view.resizeColumnsToContents()
        least = fm.horizontalAdvance("00,000") + 12
        for col in range(1, self.model.columnCount()):
            view.setColumnWidth(col, max(view.columnWidth(col), least))
        view.setColumnWidth(0, max(view.columnWidth(0), fm.horizontalAdvance("0" * 8)))

    # ------------------------------------------------------------ writing
    def _header_value(self, field: QLineEdit, key: str) -> str | None:
        """What the product or price field sets on the style's lines: the text,
        unless the lines differ and nothing was typed."""
        text = field.text().strip()
        if not text and sg.shared_value(self.lines.line_dicts(), self.style(), key) is None:
            return None
        return text

    def _header_edited(self) -> None:
        if self._editable and self.model.grid.colours:
            self._write()

    def _write(self) -> None:
        rows = self.lines.line_dicts()
        new = sg.apply_grid(rows, self.model.grid, product=self._header_value(self.product, "product"),
                            unit_price=self._header_value(self.price, "unit_price"))
        self._writing = True
        try:
            self.lines.set_lines(new)
        finally:
            self._writing = False
        self._fit_columns()
        self._say_problems()
        self.sig_lines_written.emit()

    def _say_problems(self) -> None:
        """The first cell or price that will be refused on saving (the cell is red too)."""
        from ...core.limits import UNIT_PRICE

        problems = self.model.grid.problems()
        if problems:
            colour, size, pair = problems[0]
            self.show_message(tr("“%1”、尺码“%2”:%3").replace("%1", colour).replace("%2", size)
                              .replace("%3", _problem_text(pair)))
            return
        price = self.price.text().strip()
        bad = UNIT_PRICE.problem(price) if price else None
        self.show_message(_problem_text(bad) if bad else "")
