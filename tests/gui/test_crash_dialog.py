"""Uncaught exceptions, in a slot and in another thread, are logged and shown as
one friendly dialog whose "复制详情" puts everything on the clipboard; with
``sys.stderr is None`` (a windowed Windows build) nothing is lost or printed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def crash_log(tmp_path, qapp):
    """The app's crash reporting as run() installs it, logging into tmp_path (Qt's
    messages stay with pytest-qt here; the subprocess test covers them)."""
    from gendan_desktop import applog
    from gendan_desktop.gui.crash_dialog import install_crash_reporting

    path = applog.setup_logging(tmp_path / "logs" / "gendan.log", catch_fatal=False)
    reporter = install_crash_reporting(qapp, qt_messages=False)
    yield path, reporter
    if reporter.dialog is not None:
        reporter.dialog.close()
    applog.uninstall_exception_hooks()
    applog.close_logging()


def _raise_in_slot():
    raise RuntimeError("按钮坏了 broken slot")


def _raise_in_thread():
    raise ValueError("线程里出错 worker failed")


@pytest.mark.qt_no_exception_capture
def test_slot_and_thread_exceptions_become_one_dialog_with_copyable_details(qtbot, zh_app, crash_log):
    log_path, reporter = crash_log
    QTimer.singleShot(0, _raise_in_slot)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog.windowTitle() == "跟单桌面 - 出错了"
    assert "RuntimeError: 按钮坏了 broken slot" in dialog.summary_label.text()
    assert str(log_path) in " ".join(label.text() for label in dialog.findChildren(QLabel))

    worker = threading.Thread(target=_raise_in_thread, name="导出线程")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(dialog.summaries) == 2)
    assert reporter.dialog is dialog  # one dialog, not a second window
    assert "之后又发生了 1 个错误" in dialog.summary_label.text()

    qtbot.mouseClick(dialog.findChild(QPushButton, "copyDetails"), Qt.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "Traceback" in copied and "_raise_in_slot" in copied and "_raise_in_thread" in copied
    assert "in thread 导出线程" in copied and "Gendan Desktop" in copied and "Python" in copied
    assert "已复制" in dialog.copied.text()

    qtbot.mouseClick(dialog.findChild(QPushButton, "closeCrash"), Qt.LeftButton)
    qtbot.waitUntil(lambda: reporter.dialog is None)
    logged = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: 按钮坏了 broken slot" in logged and "ValueError: 线程里出错 worker failed" in logged
    assert "Uncaught exception in thread 导出线程" in logged


@pytest.mark.qt_no_exception_capture
def test_english_dialog(qtbot, qapp, crash_log):
    from gendan_desktop.gui.app import install_translators

    _, reporter = crash_log
    install_translators("en")
    try:
        QTimer.singleShot(0, _raise_in_slot)
        qtbot.waitUntil(lambda: reporter.dialog is not None)
        assert reporter.dialog.windowTitle() == "Gendan Desktop - something went wrong"
        assert reporter.dialog.findChild(QPushButton, "copyDetails").text() == "Copy details"
    finally:
        install_translators("zh")


# A windowed build: no stdout, no stderr. The script uses the app's own start-up
# pieces (log, translations, crash reporting), raises in a slot, in a thread
# and through Qt, then presses "复制详情" and writes what the clipboard holds.
WINDOWED_SCRIPT = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    sys.stdout = None
    sys.stderr = None
    log_path, result = Path(sys.argv[1]), Path(sys.argv[2])
    from PySide6.QtCore import QTimer, Qt, qWarning
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from gendan_desktop.applog import setup_logging
    from gendan_desktop.gui.app import create_application
    from gendan_desktop.gui.crash_dialog import install_crash_reporting

    setup_logging(log_path)
    app = create_application("zh")
    reporter = install_crash_reporting(app)
    print("a stray print goes to the log")

    def slot():
        qWarning("Qt says something")
        raise RuntimeError("槽函数出错")

    def worker():
        raise KeyError("线程出错")

    def drive():
        d = reporter.dialog
        if d is None or len(d.summaries) < 2:
            QTimer.singleShot(20, drive)
            return
        QTest.mouseClick(d.copy_button, Qt.LeftButton)
        result.write_text(QGuiApplication.clipboard().text(), encoding="utf-8")
        QTest.mouseClick(d.findChild(type(d.copy_button), "closeCrash"), Qt.LeftButton)
        app.quit()

    QTimer.singleShot(0, slot)
    QTimer.singleShot(30, lambda: threading.Thread(target=worker, name="worker-7").start())
    QTimer.singleShot(60, drive)
    QTimer.singleShot(20000, app.quit)  # never hang the test
    sys.exit(app.exec())
""")


def _run_windowed(tmp_path, script: str, *args: str) -> subprocess.CompletedProcess:
    path = tmp_path / "windowed.py"
    path.write_text(script, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GENDAN_NO_AUTO_BACKUP": "1"}
    return subprocess.run([sys.executable, str(path), *args], cwd=ROOT, env=env, capture_output=True,
                          timeout=120)


def test_without_stderr_everything_goes_to_the_log_and_the_dialog(tmp_path):
    log_path, result = tmp_path / "日志 文件夹" / "gendan.log", tmp_path / "clipboard.txt"
    proc = _run_windowed(tmp_path, WINDOWED_SCRIPT, str(log_path), str(result))
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr and b"Traceback" not in proc.stdout  # nothing on a console
    copied = result.read_text(encoding="utf-8")
    assert "RuntimeError: 槽函数出错" in copied and "KeyError: '线程出错'" in copied
    logged = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: 槽函数出错" in logged and "Uncaught exception in thread worker-7" in logged
    assert "gendan.qt: Qt says something" in logged
    assert "a stray print goes to the log" in logged


START_UP_BUG = textwrap.dedent("""
    import sys
    sys.stdout = None
    sys.stderr = None
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from gendan_desktop.gui import crash_dialog, main_window

    def broken_init(self, *args, **kwargs):
        raise ZeroDivisionError("窗口建不起来")

    def exec_and_record(self):
        Path(sys.argv[1]).write_text(self.summaries[0] + "\\n" + self.details, encoding="utf-8")
        QTimer.singleShot(0, self.accept)
        return type(self).__mro__[1].exec(self)

    main_window.MainWindow.__init__ = broken_init  # the bug
    crash_dialog.CrashDialog.exec = exec_and_record  # the user reads it and closes it
    from gendan_desktop.cli import main
    sys.exit(main(["--db", sys.argv[2]]))
""")


def test_a_bug_at_start_up_is_shown_not_a_silent_exit(tmp_path):
    from gendan_desktop.core.db import close_database, open_database

    shown = tmp_path / "shown.txt"
    db = tmp_path / "数据 库.sqlite3"
    open_database(str(db))  # an existing file: a missing --db would first ask whether to make one
    close_database()
    proc = _run_windowed(tmp_path, START_UP_BUG, str(shown), str(db))
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    text = shown.read_text(encoding="utf-8")
    assert text.startswith("ZeroDivisionError: 窗口建不起来") and "broken_init" in text
    logged = (tmp_path / "data" / "GendanDesktop" / "logs" / "gendan.log").read_text(encoding="utf-8")
    assert "Start-up failed" in logged and "ZeroDivisionError: 窗口建不起来" in logged
