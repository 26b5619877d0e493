"""One window per database.

The first start for a database takes a ``QLockFile`` (in the temp folder, named
after a hash of user and database) and listens on a ``QLocalServer`` of the
same name. A second start for the same database finds the lock taken, connects,
asks the first to bring its window to the front, and quits without opening
anything. A lock left by a crashed process is stale (its process is gone) and
``QLockFile`` takes it over; so is a socket file the crash left behind.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Qt, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from ..applog import log

REQUEST = b"activate\n"
CONNECT_MS = 300
REPLY_MS = 5000


def instance_key(db_url: str) -> str:
    """The same for every way of naming one database by one user."""
    from ..core.db import describe, is_postgres_url, sqlite_path

    if is_postgres_url(db_url):
        ident = describe(db_url)
    else:
        ident = os.path.normcase(str(Path(sqlite_path(db_url)).resolve()))
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment
        user = ""
    return hashlib.sha256(f"{user}\n{ident}".encode()).hexdigest()[:24]


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


def _allow_foreground(pid: int) -> None:
    # Windows lets only the foreground process raise a window: the second start
    # (just launched by the user, so in front) hands that right to the first.
    if sys.platform == "win32" and pid > 0:  # os.name == "nt", in a form mypy knows
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(int(pid))
        except Exception:  # noqa: BLE001 - raising the window is a courtesy
            pass


class SingleInstance(QObject):
    """``claim()`` once at start-up; ``set_window(w)`` when the window exists."""

    sig_activated = Signal()  # another start asked for this window (already brought to front)

    def __init__(self, db_url: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = f"GendanDesktop-{instance_key(db_url)}"
        self.lock = QLockFile(str(Path(QDir.tempPath()) / f"{self.name}.lock"))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.server: QLocalServer | None = None
        self.window: QWidget | None = None
        self.other_pid: int | None = None  # who answered, when claim() returned False
        self._pending = False

    def claim(self, timeout_s: float = 20.0) -> bool:
        """True: this process shows the database. False: another one holds it and
        was asked to come to the front (``other_pid`` says who; None if it did not
        answer within ``timeout_s``)."""
        deadline = time.monotonic() + timeout_s
        while True:
            if self.lock.tryLock(0):
                self._listen()
                return True
            pid = self._ask_running_instance()
            if pid is not None:
                self.other_pid = pid
                log.info("The database is already open in process %s: asked it to come to the front", pid)
                return False
            if time.monotonic() > deadline:
                log.warning("The database is locked by process %s, which does not answer", self.lock.getLockInfo()[0])
                return False
            QThread.msleep(100)  # the first start may not be listening yet

    def set_window(self, window: QWidget) -> None:
        self.window = window
        if self._pending:
            self._activate()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()

    # --------------------------------------------------------------- first start
    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # a socket file left by a crash (we hold the lock)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("Single instance: cannot listen on %s: %s", self.name, server.errorString())
            return
        server.newConnection.connect(self._on_connection)
        self.server = server
        log.info("Single instance: this process holds %s", self.lock.fileName())

    def _on_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._on_request(s))
            sock.disconnected.connect(sock.deleteLater)

    def _on_request(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        if bytes(sock.readLine().data()) == REQUEST:
            self._pending = True
            if self.window is not None:
                self._activate()
            sock.write(f"ok {os.getpid()}\n".encode())
            sock.flush()
        sock.disconnectFromServer()

    def _activate(self) -> None:
        self._pending = False
        if self.window is not None:  # both callers check it
            bring_to_front(self.window)
        log.info("Another start asked for this database: window brought to the front")
        self.sig_activated.emit()

    # -------------------------------------------------------------- second start
    def _ask_running_instance(self) -> int | None:
        holder = self.lock.getLockInfo()[0]
        _allow_foreground(holder)
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        try:
            if not sock.waitForConnected(CONNECT_MS):
                return None
            sock.write(REQUEST)
            sock.waitForBytesWritten(REPLY_MS)
            deadline = time.monotonic() + REPLY_MS / 1000
            while not sock.canReadLine() and time.monotonic() < deadline:
                if not sock.waitForReadyRead(100) and sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
                    break
            reply = bytes(sock.readLine().data()).decode(errors="replace").split()
        finally:
            sock.abort()
        if len(reply) == 2 and reply[0] == "ok" and reply[1].isdigit():
            return int(reply[1])
        return None
