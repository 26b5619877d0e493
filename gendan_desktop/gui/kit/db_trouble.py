"""A read that fails in the window is said once, with the offer to reopen.

Lists read on the GUI thread (``table_model.IdListModel``) and everything else
reads in workers (``operations``). When SQLite or the server fails a read (a
damaged page, a file changed under the window, the server gone), ``report``
emits ``sig_failed`` once; the window shows one message offering to reopen the
database, which runs the full check and offers a backup if the file is
damaged. Failures after the first stay quiet until that message is answered,
instead of a blank list and a traceback per painted cell.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from ...core.connection import is_database_failure


def tr(text: str) -> str:
    return QCoreApplication.translate("db_trouble", text)


def _release_statements(exc: BaseException | None) -> None:
    """Drop the locals of the failed call's frames.

    The cursor of a read that failed mid-way is still stepping its statement;
    while anything keeps the exception (an op's ``error``, a traceback cycle)
    its frames keep the cursor, and SQLite keeps the closed connection alive
    with its lock, so the file could not be restored or reopened exclusively.
    """
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if exc.__traceback__ is not None:
            traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


class DatabaseTrouble(QObject):
    """The application's one listener for failed database reads."""

    sig_failed = Signal(object)  # the first failure (an exception) since the last answer

    def __init__(self):
        super().__init__()
        self.pending = False
        self.count = 0  # failures seen, also the quiet ones (tests and the log read it)

    def report(self, exc: BaseException) -> bool:
        """Take ``exc`` if it is a database failure (True); say it once."""
        if not is_database_failure(exc):
            return False
        _release_statements(exc)
        self.count += 1
        if not self.pending:
            self.pending = True
            self.sig_failed.emit(exc)
        return True

    def answered(self) -> None:
        self.pending = False


_TROUBLE: list[DatabaseTrouble] = []


def trouble() -> DatabaseTrouble:
    if not _TROUBLE:
        _TROUBLE.append(DatabaseTrouble())
    return _TROUBLE[0]


class _Watcher(QObject):
    """Shows the message for one window (a child of it: gone with the window)."""

    def __init__(self, window, reopen: Callable[[], object]):
        super().__init__(window)
        self.window = window
        self.reopen = reopen
        self.box: QMessageBox | None = None
        trouble().sig_failed.connect(self.on_failed)

    @Slot(object)
    def on_failed(self, exc) -> None:
        if self.box is not None or not self.window.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, tr("读取数据库出错"),
                          tr("读取数据库时出错:%1\n\n列表可能不完整或已过时。重新打开数据库会先检查文件;"
                             "如果文件已损坏,可以从备份恢复。").replace("%1", str(exc)),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("databaseTroubleBox")
        reopen = box.addButton(tr("重新打开数据库"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("稍后"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: self._answered(box.clickedButton() is reopen))
        self.box = box
        box.open()  # window-modal without a nested event loop: reads fail inside paint events

    def _answered(self, reopen: bool) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = None
        trouble().answered()
        if reopen:
            from PySide6.QtCore import QTimer

            # after the box's click has been handled: reopening runs dialogs of its own
            # and rebuilds the window, which inside that click crashed Qt now and then
            QTimer.singleShot(0, self.reopen)


def _route_uncaught_failures() -> None:
    """A read on the GUI thread that fails inside a Qt slot (e.g. a detail pane
    loading the selected record) reaches ``sys.excepthook``: database failures
    go to ``report`` instead of a traceback; anything else to the hook before."""
    if getattr(sys.excepthook, "gendan_db_trouble", False):
        return
    sys.excepthook = _FailureHook(sys.excepthook)


class _FailureHook:
    """sys.excepthook: database failures to ``report``, anything else to ``previous``."""

    gendan_db_trouble = True  # installed once

    def __init__(self, previous: Callable[..., object]):
        self.previous = previous

    def __call__(self, kind, value, tb) -> None:
        if value is not None and trouble().report(value):
            sys.last_value = sys.last_traceback = None  # PyErr_Print keeps them: they hold the cursor
            return
        self.previous(kind, value, tb)


def watch_reads(window, reopen: Callable[[], object]) -> None:
    """Say failed reads in ``window`` (once per window); ``reopen`` is called when
    the user asks to reopen the database."""
    _route_uncaught_failures()
    if window.findChild(_Watcher) is None:
        _Watcher(window, reopen)
