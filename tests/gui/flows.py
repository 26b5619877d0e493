"""What a merchandiser does, step by step, through the mouse and keyboard.

``User(qtbot, window, keyboard_only=False)`` drives the window: with the mouse
it clicks tabs, rows and buttons; keyboard-only it reaches the same widgets
with Tab / arrows and presses Space or Enter on them, switches main tabs with
Ctrl+1…5 and sub-tabs with the arrows of their tab bar. Widgets are found by
their attributes, never by their (translated) text, so the same flow runs in
Chinese and in English. The steps return what the user would see next.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from input_helpers import (
    activate,
    click,
    click_cell,
    click_into,
    focus,
    has_focus,
    key,
    modal,
    settle,
    toggle,
    type_text,
    when_modal,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QFileDialog, QTabBar, QWidget

TODAY = dt.date.today()
MAIN_TABS = {"workbench": 1, "clients": 2, "orders": 3, "production": 4, "aftersales": 5}


class User:
    def __init__(self, qtbot, window, wait_ops, keyboard_only: bool = False, pdf_dir: Path | None = None):
        self.qtbot, self.window, self.wait_ops = qtbot, window, wait_ops
        self.keyboard_only = keyboard_only
        self.pdf_dir = pdf_dir
        self.pdfs: list[Path] = []

    # ------------------------------------------------------------ moving
    def key(self, k, modifiers=Qt.NoModifier) -> None:
        key(self.qtbot, k, modifiers)

    def tab_to(self, widget: QWidget, limit: int = 250) -> None:
        """Tab (forwards) until ``widget`` has the keyboard focus."""
        for _ in range(limit):
            if has_focus(widget):
                return
            self.key(Qt.Key_Tab)
        raise AssertionError(f"Tab never reached {widget.objectName() or widget}; focus on {focus()}")

    def main_tab(self, name: str):
        activate(self.qtbot, self.window)
        if self.keyboard_only:
            self.key(Qt.Key_0 + MAIN_TABS[name], Qt.ControlModifier)
        else:
            bar = self.window.tab_widget.tabBar()
            click(self.qtbot, bar, bar.tabRect(MAIN_TABS[name] - 1).center())
        assert self.window.current_key() == name
        settle()
        return self.window.current_tab()

    def page(self, tabs, page: QWidget) -> None:
        """Show the sub-tab of ``tabs`` that holds ``page`` (a page or anything on it)."""
        while page is not None and tabs.indexOf(page) < 0:
            page = page.parentWidget()
        index = tabs.indexOf(page)
        assert index >= 0
        if tabs.currentIndex() == index:
            return
        bar = tabs.findChild(QTabBar)
        if self.keyboard_only:  # Ctrl+Tab / Ctrl+Shift+Tab from inside the tab widget
            if not has_focus(tabs):
                self.tab_to(tabs)
            for _ in range(2 * tabs.count() + 2):
                if tabs.currentIndex() == index:
                    break
                forward = (index - tabs.currentIndex()) % tabs.count() <= tabs.count() // 2
                self.key(Qt.Key_Tab, Qt.ControlModifier | (Qt.NoModifier if forward else Qt.ShiftModifier))
        else:
            click(self.qtbot, bar, bar.tabRect(index).center())
        assert tabs.currentIndex() == index
        settle()

    def row(self, view, row: int, column: int = 0) -> None:
        """Make ``row`` of a list current (a click, or arrows in the focused list)."""
        if self.keyboard_only:
            if not has_focus(view):
                self.tab_to(view)
            self.key(Qt.Key_Home, Qt.ControlModifier)
            for _ in range(row):
                self.key(Qt.Key_Down)
            assert view.currentIndex().row() == row
        else:
            click_cell(self.qtbot, view, row, column)
        settle()
        self.wait_ops()  # what the row opens beside it (a client's detail) is read in a worker

    def press(self, button: QAbstractButton) -> None:
        if not button.isEnabled():  # a user waits for a button still greyed out while its page reads
            self.qtbot.waitUntil(button.isEnabled, timeout=5000)
        if self.keyboard_only:
            self.tab_to(button)
            self.key(Qt.Key_Space)
        else:
            click(self.qtbot, button)

    def check(self, box: QCheckBox, on: bool = True) -> None:
        if box.isChecked() == on:
            return
        if self.keyboard_only:
            self.tab_to(box)
            self.key(Qt.Key_Space)
        else:
            toggle(self.qtbot, box)
        assert box.isChecked() == on

    def fill(self, widget: QWidget, text: str) -> None:
        """Put ``text`` in a field (select what is there, type over it)."""
        if self.keyboard_only:
            self.tab_to(widget)
        else:
            click_into(self.qtbot, widget)
        self.key(Qt.Key_A, Qt.ControlModifier)
        self.key(Qt.Key_Backspace)
        if text:
            type_text(self.qtbot, text)

    def pick(self, widget: QWidget, text: str) -> None:
        """Type into a client / order picker and take the first match."""
        self.fill(widget, text)
        self.qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        self.key(Qt.Key_Down)
        self.key(Qt.Key_Return)
        self.qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)

    def choose(self, combo, data) -> None:
        """Pick the item whose data is ``data`` with the arrows of the focused combo."""
        target = combo.findData(data)
        if target < 0:
            target = combo.findText(str(data))  # items without data (currencies)
        assert target >= 0, data
        if self.keyboard_only:
            self.tab_to(combo)
        else:
            combo.setFocus(Qt.MouseFocusReason)
            self.qtbot.waitUntil(combo.hasFocus)
        for _ in range(combo.count() + 1):
            if combo.currentIndex() == target:
                return
            self.key(Qt.Key_Down if combo.currentIndex() < target else Qt.Key_Up)
        assert combo.currentIndex() == target

    def ok(self, dialog) -> None:
        """OK of a form dialog (Tab to it and Space, or a click); once it closed,
        the window manager gives the focus back to the window below."""
        parent = dialog.parentWidget()
        below = QWidget.window(parent) if parent is not None else self.window
        if self.keyboard_only:
            self.tab_to(dialog.ok_button)
            self.key(Qt.Key_Space)
        else:
            click(self.qtbot, dialog.ok_button)
        self.wait_ops()
        import shiboken6

        if not shiboken6.isValid(dialog) or not dialog.isVisible():  # closed (and deleted)
            activate(self.qtbot, below)

    def dialog(self, owner):
        self.wait_ops()  # a dialog that shows what it read opens when the read is back
        d = owner.dialog
        assert d is not None and d.isVisible()
        activate(self.qtbot, d)
        return d

    def save(self) -> None:
        activate(self.qtbot, self.window)
        self.key(Qt.Key_S, Qt.ControlModifier)
        self.wait_ops()

    # ----------------------------------------------------------- printing
    def save_pdf(self, preview, name: str, monkeypatch) -> Path:
        """另存为 PDF in the preview (the file chooser answers ``name``): a real PDF file."""
        assert self.pdf_dir is not None
        path = self.pdf_dir / f"{name}.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
        activate(self.qtbot, preview)
        self.press(preview.save_button)
        assert path.read_bytes().startswith(b"%PDF")
        self.pdfs.append(path)
        if self.keyboard_only:
            self.key(Qt.Key_Escape)  # closes the preview
        else:
            preview.close()
        activate(self.qtbot, self.window)
        return path

    # ------------------------------------------------------------- helpers
    def row_of(self, model, id_) -> int:
        row = model.row_of(id_)
        assert row >= 0, id_
        return row

    def answer_box(self, button) -> dict:
        """The next message box is answered with its standard button ``button``."""
        from PySide6.QtWidgets import QMessageBox

        def act(box):
            state["widget_text"] = box.text()
            target = box.button(button)
            if self.keyboard_only:
                target.setFocus(Qt.TabFocusReason)
                self.key(Qt.Key_Space)
            else:
                click(self.qtbot, target)

        state = when_modal(self.qtbot, act, QMessageBox)
        return state


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def scan_codes(path: Path, tmp: Path) -> list[str]:
    """What a barcode scanner reads off the printed pages (pdftoppm + zbarimg)."""
    prefix = tmp / path.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(prefix)], check=True)
    codes: list[str] = []
    for png in sorted(tmp.glob(f"{path.stem}*.png")):
        run = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
        codes += [ln for ln in run.stdout.splitlines() if ln]
    return codes


def tools_available() -> bool:
    return all(shutil.which(t) for t in ("pdftotext", "pdftoppm", "zbarimg"))


def point(widget: QWidget) -> QPoint:
    return widget.rect().center()


__all__ = ["User", "pdf_text", "scan_codes", "tools_available", "modal", "point", "TODAY"]
