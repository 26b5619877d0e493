"""Start-up: a damaged database is refused with the offer to restore a backup;
the automatic backup runs in the background; the deferred integrity check."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

pytestmark = pytest.mark.gui


def make_good_database(path):
    from gendan_desktop.core import common
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.db import close_database, open_database

    open_database(str(path))
    common.set_current_user("tester")
    create_client(name="备份里的客户")
    close_database()


def answer_modals(steps):
    """Each step (widget type, action) acts on the next modal widget of that type."""
    pending = list(steps)

    def tick():
        if not pending:
            return
        w = QApplication.activeModalWidget()
        kind, action = pending[0]
        if isinstance(w, kind) and w.isVisible() and action(w) is not False:
            pending.pop(0)  # an action returns False to be asked again
        QTimer.singleShot(20, tick)

    QTimer.singleShot(0, tick)


def test_damaged_file_is_refused_and_a_backup_restored(qtbot, zh_app, tmp_path, monkeypatch):
    from gendan_desktop.core.db import close_database
    from gendan_desktop.core.models import Client
    from gendan_desktop.gui import app as app_module

    backup = tmp_path / "backups" / "gendan-20261101-120000.sqlite3"
    backup.parent.mkdir()
    make_good_database(backup)
    live = tmp_path / "gendan.sqlite3"
    live.write_bytes(b"this is not a database at all" * 100)
    seen = {}

    def refuse(box):
        seen["message"] = box.text()
        restore = next(b for b in box.buttons() if "备份" in b.text())
        restore.click()

    def restored(box):
        seen["restored"] = box.text()
        box.button(QMessageBox.Ok).click()

    # The one stand-in: the platform file chooser returns the file the user picks
    # (Qt's own dialog lists folders asynchronously and cannot be driven reliably).
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    answer_modals([(QMessageBox, refuse), (QMessageBox, restored)])
    db = app_module.open_database_or_ask(str(live))
    try:
        assert db is not None
        assert "不是跟单桌面的数据库文件" in seen["message"]
        assert "已从" in seen["restored"]
        assert [c.name for c in Client.select()] == ["备份里的客户"]
        kept = list((tmp_path / "backups").glob("gendan-before-restore-*"))
        assert kept and kept[0].read_bytes().startswith(b"this is not a database")
    finally:
        close_database()


def test_quit_from_the_refusal_returns_none(qtbot, zh_app, tmp_path):
    from gendan_desktop.gui.app import open_database_or_ask

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"x" * 5000)
    answer_modals([(QMessageBox, lambda box: next(b for b in box.buttons() if b.text() == "退出").click())])
    assert open_database_or_ask(str(bad)) is None
    assert bad.read_bytes() == b"x" * 5000  # never written to


def test_current_database_opens_at_once_and_is_checked_in_the_background(qtbot, zh_app, tmp_path, wait_ops):
    from gendan_desktop.core.db import close_database
    from gendan_desktop.gui.app import open_database_or_ask, start_integrity_check
    from gendan_desktop.gui.main_window import MainWindow

    path = tmp_path / "g.sqlite3"
    make_good_database(path)
    db = open_database_or_ask(str(path), defer_check=True)
    try:
        assert db.gendan_check_pending
        w = MainWindow(db.gendan_url)
        qtbot.addWidget(w)
        start_integrity_check(w)
        wait_ops()
        assert QApplication.activeModalWidget() is None  # the check passed quietly
    finally:
        close_database()


def test_auto_backup_runs_in_the_background(qtbot, window, wait_ops, sqlite_db, tmp_path):
    from pathlib import Path

    from gendan_desktop.core.clients import create_client
    from gendan_desktop.gui.app import start_auto_backup

    create_client(name="有数据的数据库")  # an empty database is not backed up
    start_auto_backup(window)
    wait_ops()
    folder = Path(sqlite_db.gendan_url).parent / "backups"
    made = list(folder.glob("test-*.sqlite3"))  # named after the database, test.sqlite3
    assert len(made) == 1
    assert "已自动备份" in window.statusBar().currentMessage()
    start_auto_backup(window)  # less than a day later: nothing new
    wait_ops()
    assert len(list(folder.glob("test-*.sqlite3"))) == 1


def test_damage_found_by_the_background_check_is_reported(qtbot, zh_app, tmp_path, wait_ops):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.gui.app import open_database_or_ask, start_integrity_check
    from gendan_desktop.gui.main_window import MainWindow

    path = tmp_path / "g.sqlite3"
    open_database(str(path))
    for i in range(300):  # enough rows for the client table to span many pages
        create_client(name=f"客户{i:04d} " + "长名称" * 20)
    close_database()
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'client'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    off = (root - 1) * page
    data[off + 8:off + 600] = b"\xff" * 592  # scribble over the client table's root page
    path.write_bytes(bytes(data))

    db = open_database_or_ask(str(path), defer_check=True)
    assert db is not None and db.gendan_check_pending
    w = MainWindow(db.gendan_url)
    qtbot.addWidget(w)
    seen = {}

    def refuse(box):
        seen["message"] = box.text()
        next(b for b in box.buttons() if b.text() == "退出").click()

    answer_modals([(QMessageBox, refuse)])
    start_integrity_check(w)
    qtbot.waitUntil(lambda: "message" in seen, timeout=10_000)
    wait_ops()
    assert "未通过完整性检查" in seen["message"] or "已损坏" in seen["message"]
    close_database()


def test_a_missing_file_is_made_only_when_the_user_asks(qtbot, zh_app, tmp_path, monkeypatch):
    from gendan_desktop.core.db import close_database
    from gendan_desktop.gui.app import open_database_or_ask

    missing = tmp_path / "typo" / "gendan.sqlite3"
    seen = {}

    def quit_(box):
        seen["message"] = box.text()
        next(b for b in box.buttons() if b.text() == "退出").click()

    answer_modals([(QMessageBox, quit_)])
    assert open_database_or_ask(str(missing)) is None
    assert "不存在" in seen["message"] and not missing.parent.exists()

    answer_modals([(QMessageBox, lambda box: next(b for b in box.buttons() if b.text() == "新建数据库").click())])
    db = open_database_or_ask(str(missing))
    try:
        assert db is not None and missing.is_file()
    finally:
        close_database()


def test_the_windows_own_database_is_made_without_asking(qtbot, zh_app, tmp_path, monkeypatch):
    from gendan_desktop.core.db import close_database, default_db_url
    from gendan_desktop.gui.app import open_database_or_ask

    monkeypatch.delenv("GENDAN_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    own = default_db_url()
    assert own.startswith(str(tmp_path / "data")) and not Path(own).exists()
    db = open_database_or_ask(None)
    try:
        assert db is not None and Path(own).is_file()
    finally:
        close_database()


START_CHILD = r"""
import os, sys
from PySide6.QtCore import QTimer
from gendan_desktop.gui import app as app_module

def report():
    window = next(w for w in app_module.QApplication.topLevelWidgets() if w.objectName() == "MainWindow")
    print("shown", window.isVisible(), flush=True)
    print("modules", " ".join(sorted(sys.modules)), flush=True)
    os._exit(0)

app_module.create_application("zh")
QTimer.singleShot(0, report)  # the first turn of the event loop: the window is up
app_module.run(sys.argv[1], "zh")
"""

# What the first shown tab (工作台) does not need: the file formats, the
# hidden tabs, the Tools menu's work. Each loads when it is first used.
NOT_AT_START = ("openpyxl", "xlsxwriter", "python_calamine", "reportlab", "segno", "pypinyin",
                "gendan_desktop.excel", "gendan_desktop.printing",
                "gendan_desktop.gui.excel_actions", "gendan_desktop.gui.workbench.handover_dialog",
                "gendan_desktop.gui.clients", "gendan_desktop.gui.orders", "gendan_desktop.gui.production",
                "gendan_desktop.gui.aftersales", "gendan_desktop.gui.kit.tab_kit", "gendan_desktop.gui.kit.forms")


def test_start_loads_only_what_the_first_tab_needs(tmp_path):
    """The window started as ``gendan-desktop`` starts it, in its own process:
    once it shows, none of the modules above has been imported."""
    import os
    import subprocess
    import sys

    path = tmp_path / "g.sqlite3"
    make_good_database(path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GENDAN_NO_AUTO_BACKUP="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", START_CHILD, str(path)], capture_output=True, text=True,
                         env=env, timeout=120, check=False)
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines.get("shown") == "True", out.stderr[-2000:]
    loaded = lines["modules"].split()
    assert "gendan_desktop.gui.workbench.workbench_tab" in loaded  # the first tab is there
    early = [m for m in loaded if m.startswith(NOT_AT_START)]
    assert early == []
