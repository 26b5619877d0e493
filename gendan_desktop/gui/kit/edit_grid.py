"""A table typed into like a spreadsheet (order lines, quotation items).

Keys, whether a cell is open for typing or not:

* Tab / Shift+Tab move to the next / previous cell the user can type into;
  read-only columns (行, 金额 …) are skipped, so a value never lands one
  column off.
* Enter commits the cell and moves on like Tab.
* Tab or Enter past the last cell adds a line (``add_row``) and opens its first
  cell; past the last cell of a line left blank, Tab leaves the grid instead.
* Shift+Tab before the first cell, Ctrl+Tab and Ctrl+Shift+Tab leave the grid
  to the next / previous widget of the form.
* Tabbing into the grid opens its first (or, backwards, its last) cell.

``commit_open_editor(view)`` hands a cell still being typed in to the model:
call it before saving (Ctrl+S while typing saved nothing before).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QStyledItemDelegate, QTableView


def commit_open_editor(view: QAbstractItemView) -> None:
    """Write the text of a cell still open for typing to the model and close it."""
    if view.state() != QAbstractItemView.State.EditingState:
        return
    editor = view.indexWidget(view.currentIndex())
    if editor is None:
        focus = view.focusWidget()
        editor = focus if focus is not None and view.isAncestorOf(focus) and focus is not view.viewport() else None
    if editor is None:
        return
    view.commitData(editor)
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class _GridDelegate(QStyledItemDelegate):
    """Takes Tab, Shift+Tab, Enter and Ctrl+Tab in an open cell editor: commit,
    close, and let the grid decide where to go."""

    def eventFilter(self, editor, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            move = None
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                back = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
                move = ("leave" if mods & Qt.KeyboardModifier.ControlModifier else "step", not back)
            elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            ):
                move = ("enter", True)
            if move is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                grid = self.parent()
                if isinstance(grid, EditGrid):  # the grid that installed this delegate
                    grid.key_move(*move)
                return True
        return super().eventFilter(editor, event)


class EditGrid(QTableView):
    """See the module docstring. ``add_row()`` appends a line and returns its
    row (None: the grid cannot grow); the model may offer ``row_is_blank(row)``."""

    def __init__(self, parent=None, add_row: Callable[[], int | None] | None = None):
        super().__init__(parent)
        self.add_row = add_row
        self.setItemDelegate(_GridDelegate(self))
        self.setTabKeyNavigation(True)

    def setEditTriggers(self, triggers) -> None:  # noqa: N802 - Qt's name
        # as in a spreadsheet: a click selects the cell (a new one opens through
        # CurrentChanged), typing replaces its text; SelectedClicked would open the
        # current cell after the double-click interval and lose keys typed meanwhile
        super().setEditTriggers(triggers & ~QAbstractItemView.EditTrigger.SelectedClicked)

    # ----------------------------------------------------------- cells
    def _editable_cells(self, row: int) -> list[int]:
        model = self.model()
        return [c for c in range(model.columnCount())
                if not self.isColumnHidden(c) and model.flags(model.index(row, c)) & Qt.ItemFlag.ItemIsEditable]

    def _first_cell(self, row: int) -> QModelIndex:
        cols = self._editable_cells(row)
        return self.model().index(row, cols[0]) if cols else QModelIndex()

    def _last_cell(self, row: int) -> QModelIndex:
        cols = self._editable_cells(row)
        return self.model().index(row, cols[-1]) if cols else QModelIndex()

    def _neighbour(self, forward: bool) -> QModelIndex:
        """The next / previous cell the user can type into (invalid at either end)."""
        model, cur = self.model(), self.currentIndex()
        rows = model.rowCount()
        if not rows:
            return QModelIndex()
        if not cur.isValid():
            return self._first_cell(0) if forward else self._last_cell(rows - 1)
        row, col = cur.row(), cur.column()
        while 0 <= row < rows:
            cols = [c for c in self._editable_cells(row) if (c > col if forward else c < col)]
            if cols:
                return model.index(row, cols[0] if forward else cols[-1])
            row += 1 if forward else -1
            col = -1 if forward else model.columnCount()
        return QModelIndex()

    def _go(self, index: QModelIndex) -> None:
        self.setCurrentIndex(index)
        self.scrollTo(index)
        if (
            self.state() != QAbstractItemView.State.EditingState
            and self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        ):
            self.edit(index)

    def _row_blank(self, row: int) -> bool:
        check = getattr(self.model(), "row_is_blank", None)
        return bool(check(row)) if check is not None else False

    def key_move(self, kind: str, forward: bool) -> None:
        """``kind``: "step" (Tab), "enter" or "leave" (Ctrl+Tab)."""
        if kind == "leave":
            self.leave(forward)
            return
        target = self._neighbour(forward)
        if target.isValid():
            self._go(target)
            return
        if not forward:
            self.leave(False)
            return
        last = self.model().rowCount() - 1
        if kind == "step" and (last < 0 or self._row_blank(last)):
            self.leave(True)  # past a blank last line: the user is done with the grid
            return
        if self.add_row is not None and self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
            row = self.add_row()
            if row is not None:
                self._go(self._first_cell(row))
                return
        if kind == "step":
            self.leave(True)

    def leave(self, forward: bool) -> None:
        """Focus the next / previous widget outside the grid."""
        w = self.nextInFocusChain() if forward else self.previousInFocusChain()
        for _ in range(10_000):  # the chain is a ring; stop once around it
            if w is None or w is self:
                return
            if (not self.isAncestorOf(w) and w.isVisible() and w.isEnabled()
                    and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
                w.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
                return
            w = w.nextInFocusChain() if forward else w.previousInFocusChain()

    # ------------------------------------------------------------ Qt hooks
    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt's name
        if self.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers or not self.model().rowCount():
            self.leave(next_)  # nothing to type into: Tab simply passes through
            return True
        self.key_move("step", next_)
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & Qt.KeyboardModifier.ControlModifier:
            self.leave(not (key == Qt.Key.Key_Backtab or mods & Qt.KeyboardModifier.ShiftModifier))
            return
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            and self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        ):
            self.key_move("enter", True)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        reason, model = event.reason(), self.model()
        if (
            reason not in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
            or model is None
            or not model.rowCount()
            or self.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        ):
            return
        target = (
            self._first_cell(0) if reason == Qt.FocusReason.TabFocusReason else self._last_cell(model.rowCount() - 1)
        )
        if target.isValid():
            self._go(target)
