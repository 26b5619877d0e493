"""颜色×尺码: the order editor's lines of one style typed as a grid.

The grid shows colours down and sizes across (core/size_grid.py). Its first
row takes the sizes and its first column the colours: typing into the blank
cell at the end of either adds one, Tab moves on, so an order of four colours
in six sizes is typed without touching the mouse. A grid copied from Excel
(sizes in the first row, colours in the first column) is pasted with Ctrl+V;
bare quantities paste from the current cell on. Every change is written at
once to the order editor's lines (OrderLinesModel): one line per colour and
size with pieces, so saving, revisions and the line list see ordinary lines.
The grid's table model is in size_grid_model.py.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
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
from .size_grid_model import SizeGridModel, problem_text


def tr(text: str) -> str:
    return QCoreApplication.translate("SizeGridEditor", text)


class _PasteDelegate(QStyledItemDelegate):
    """Ctrl+V inside an open cell: a grid or block on the clipboard (tabs or
    line breaks) goes to the grid, not into the one cell's text."""

    def __init__(self, view: SizeGridView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, editor, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            if "\t" in text or "\n" in text.strip():
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
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
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(56)
        # rows as compact as the lists': a 6-colour grid fits under the order form at 1366×768
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setItemDelegate(_PasteDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.set_editable(True)

    def set_editable(self, editable: bool) -> None:
        # not on CurrentChanged: a selected cell must still take Ctrl+V as a whole-grid paste
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Paste):
            self.sig_paste.emit(QGuiApplication.clipboard().text(), self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802 - Qt's name
        model = self.model()
        if isinstance(model, SizeGridModel) and model.refused:  # a size or colour typed twice: type it again, here
            model.refused = False
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.edit(self.currentIndex())
            return
        super().closeEditor(editor, hint)

    def moveCursor(self, action, modifiers):  # noqa: N802 - Qt's name
        if action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            found = self._next_editable(1 if action == QAbstractItemView.CursorAction.MoveNext else -1)
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
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
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
        self.style_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
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
    def current_style(self) -> str:
        """The style (款号) the grid shows (not QWidget.style(), which this name hid)."""
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
        current = self.current_style()
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
        self.show_message(problem_text(problem) if problem else "")
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
        if not text and sg.shared_value(self.lines.line_dicts(), self.current_style(), key) is None:
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
                              .replace("%3", problem_text(pair)))
            return
        price = self.price.text().strip()
        bad = UNIT_PRICE.problem(price) if price else None
        self.show_message(problem_text(bad) if bad else "")
