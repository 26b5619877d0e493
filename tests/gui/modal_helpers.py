"""Answer a modal message box the way a user does: read it, click a button."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_box(button=QMessageBox.Yes, seen: list | None = None) -> None:
    """Click ``button`` of the next modal QMessageBox (its text goes to ``seen``)."""
    def tick():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, tick)
            return
        if seen is not None:
            seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, tick)


def click_row(qtbot, view, row: int, col: int = 0, double: bool = False) -> None:
    """Click (or double-click) a row of a table view where the user would."""
    from PySide6.QtCore import Qt

    index = view.model().index(row, col)
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=pos)
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=pos)


def type_into_cell(qtbot, view, row: int, col: int, text: str) -> None:
    """Double-click a cell open, type into its editor, press Enter: what a user does."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

    index = view.model().index(row, col)
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=pos)
    if view.state() != view.State.EditingState:
        qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=pos)
    editors = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, editors
    editor = editors[0]
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # what an input method commits
        editor.insert(text)
    # what Enter does (offscreen the key does not reach the delegate's event filter)
    view.commitData(editor)
    view.closeEditor(editor, QAbstractItemDelegate.NoHint)
