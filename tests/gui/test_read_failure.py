"""A read that fails in the window is said once, with the offer to reopen.

The window used to show a blank list and print a traceback per painted cell
(1,062 "database disk image is malformed" in one run) when its file was damaged
under it. Here another process damages the client table while the window shows
it; the user presses F5; one message says so and offers to reopen; reopening
checks the file, refuses it and offers the backup, and the window comes back on
the restored data.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

pytestmark = pytest.mark.gui

_DAMAGE = """
import sqlite3, sys
path = sys.argv[1]
conn = sqlite3.connect(path)
conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")   # every page in the main file
page = conn.execute("PRAGMA page_size").fetchone()[0]
root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'client'").fetchone()[0]
conn.close()
with open(path, "r+b") as fh:                      # this process holds no connection now
    fh.seek((root - 1) * page + 8)
    fh.write(b"\\xff" * 592)
conn = sqlite3.connect(path)                        # a commit elsewhere: the window re-reads its pages
conn.execute("INSERT INTO setting (key, value) VALUES ('touched', 'by another program')")
conn.commit()
conn.close()
"""


def _boxes(name: str | None = None) -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and (name is None or w.objectName() == name)]


def _button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.buttons() if b.text() == text)


def _when_modal(action, seen: set) -> None:
    """Act on the next new message box (one opened with exec) once it shows."""
    def tick():
        boxes = [b for b in _boxes() if b.objectName() != "databaseTroubleBox" and id(b) not in seen]
        if boxes:
            seen.add(id(boxes[0]))
            action(boxes[0])
        else:
            QTimer.singleShot(20, tick)

    QTimer.singleShot(0, tick)


def test_a_failed_read_is_said_once_and_reopening_offers_the_backup(qtbot, zh_app, tmp_path, wait_ops,
                                                                   monkeypatch):
    from gendan_desktop.core.backup import backup_database
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.gui.kit.db_trouble import trouble
    from gendan_desktop.gui.main_window import MainWindow

    path = tmp_path / "g.sqlite3"
    open_database(str(path))
    for i in range(300):  # the client table spans many pages
        create_client(name=f"客户{i:04d} " + "长名称" * 20)
    backup = backup_database(tmp_path / "backups" / "g-20260101-090000.sqlite3")
    close_database()

    db = open_database(str(path))
    w = MainWindow(db.gendan_url)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    tab = w.show_tab("clients")
    model = tab.pane.model
    qtbot.waitUntil(lambda: model.rowCount() == 300)
    failures_before = trouble().count

    subprocess.run([sys.executable, "-c", _DAMAGE, str(path)], check=True, timeout=60)
    qtbot.keyClick(w, Qt.Key_F5)  # the user refreshes
    qtbot.waitUntil(lambda: len(_boxes("databaseTroubleBox")) == 1, timeout=10_000)
    qtbot.keyClick(tab.pane.table, Qt.Key_End)  # more rows painted, more failed reads: still one message
    qtbot.keyClick(w, Qt.Key_F5)
    wait_ops()
    (box,) = _boxes("databaseTroubleBox")
    assert "读取数据库时出错" in box.text() and "malformed" in box.text()
    assert trouble().count > failures_before

    seen = {}

    def refuse(box):  # reopening checks the file, finds the damage, offers a backup
        seen["refused"] = box.text()
        _when_modal(restored, handled)
        _button(box, "从备份恢复…").click()

    def restored(box):
        seen["restored"] = box.text()
        box.button(QMessageBox.Ok).click()

    # the one stand-in: the platform file chooser returns the backup the user picks
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    handled: set = set()
    _when_modal(refuse, handled)
    qtbot.mouseClick(_button(box, "重新打开数据库"), Qt.LeftButton)
    qtbot.waitUntil(lambda: "restored" in seen, timeout=20_000)
    assert "未通过完整性检查" in seen["refused"] or "已损坏" in seen["refused"]
    assert "已从" in seen["restored"]
    model = w.show_tab("clients").pane.model
    qtbot.waitUntil(lambda: model.rowCount() == 300)
    assert model.data(model.index(0, 1)) and not _boxes("databaseTroubleBox")
    close_database()
