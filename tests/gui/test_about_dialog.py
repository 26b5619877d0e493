"""帮助 → 关于跟单桌面, opened with the mouse and with the keyboard: version, data
folder, database, log and settings, and the licences of the bundled parts (the
CJK font's full text)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton

from gendan_desktop import __version__

pytestmark = pytest.mark.gui


def _about(window):
    from gendan_desktop.gui.about_dialog import AboutDialog

    found = [d for d in window.findChildren(AboutDialog) if d.isVisible()]
    return found[0] if found else None


def _help_menu(window) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.menu() and a.menu().title().startswith("帮助"))


def test_about_from_the_help_menu_by_mouse(window, qtbot):
    from gendan_desktop.core.locations import data_dir, log_path

    bar, menu = window.menuBar(), _help_menu(window)
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible)
    about = window.action("about")
    qtbot.mouseClick(menu, Qt.LeftButton, pos=menu.actionGeometry(about).center())
    qtbot.waitUntil(lambda: _about(window) is not None)
    dialog = _about(window)
    assert dialog.windowTitle() == "关于跟单桌面"
    text = {name: dialog.findChild(QLabel, name).text() for name in ("version", "data_folder", "database", "log_file")}
    assert text["version"] == __version__
    assert text["data_folder"] == str(data_dir())
    assert text["database"] == window.db_url  # the test's database file
    assert text["log_file"] == str(log_path())

    parts = dialog.parts
    names = [parts.item(r, 0).text() for r in range(parts.rowCount())]
    assert any("WenQuanYi" in n for n in names) and "Qt 6 / PySide6" in names and "ReportLab" in names
    font_row = next(r for r, n in enumerate(names) if "WenQuanYi" in n)
    assert "Apache-2.0" in parts.item(font_row, 2).text()
    assert all(parts.item(r, 1).text() for r in range(parts.rowCount()) if names[r] != "psycopg2 (team mode)")

    qt_row = names.index("Qt 6 / PySide6")
    rect = parts.visualRect(parts.model().index(qt_row, 0))
    qtbot.mouseClick(parts.viewport(), Qt.LeftButton, pos=rect.center())
    assert "LGPL-3.0" in dialog.licence.toPlainText()
    parts.scrollToItem(parts.item(font_row, 0))
    rect = parts.visualRect(parts.model().index(font_row, 0))
    qtbot.mouseClick(parts.viewport(), Qt.LeftButton, pos=rect.center())
    licence = dialog.licence.toPlainText()
    assert "WenQuanYi Micro Hei" in licence and "Apache-2.0 or GPL-3+ with Font exception" in licence

    qtbot.mouseClick(dialog.findChild(QPushButton, "copy_info"), Qt.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert f"Version: {__version__}" in copied and f"Database: {window.db_url}" in copied
    assert "WenQuanYi" in copied
    qtbot.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: _about(window) is None)


def test_about_by_keyboard_in_english(window, qtbot):
    window.apply_language("en")
    try:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, Qt.Key_H, Qt.AltModifier)  # Help
        menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and a.menu().title() == "&Help")
        qtbot.waitUntil(menu.isVisible)
        qtbot.keyClick(menu, Qt.Key_A)  # &About Gendan Desktop…
        qtbot.waitUntil(lambda: _about(window) is not None)
        dialog = _about(window)
        assert dialog.windowTitle() == "About Gendan Desktop"
        assert dialog.findChild(QLabel, "data_folder_label").text() == "Data folder:"
        assert dialog.parts.horizontalHeaderItem(2).text() == "Licence"
        qtbot.keyClick(dialog, Qt.Key_Escape)
        qtbot.waitUntil(lambda: _about(window) is None)
    finally:
        window.apply_language("zh")
