"""A real main window on a database, in its own process, driven over stdin.

    python tests/window_process.py DB

Started as ``gendan-desktop`` starts it (gui/app.py: run), offscreen: the
database opened by ``open_database_or_ask``, the window shown, its session
marked, the background integrity check and the tab prefetch started. Prints
one JSON line when it is up, then answers each line read from stdin:

``round``  add a client through the window's own write path (CollectionOp),
           re-read the clients list, and report
           {"rows": …, "clients": …, "wal_open": …, "wal_deleted": …, "errors": […]}
           ``wal_open``/``wal_deleted``: this process's descriptors of the
           ``-wal`` file as /proc/self/fd shows them.
``quit``   close the window cleanly and exit.

Failures the window would show (message boxes, failed reads, exceptions in
Qt callbacks) are collected into ``errors`` instead of waiting on a box.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"

import contextlib

from PySide6.QtCore import QObject, QTimer, Signal  # noqa: E402

ERRORS: list[str] = []
ROUNDS = [0]


def _fds(db: str) -> list[str]:
    out = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            out.append(os.readlink(f"/proc/self/fd/{fd}"))
    return [f for f in out if f.startswith(db + "-wal")]


class Stdin(QObject):
    line = Signal(str)

    def start(self) -> None:
        def read():
            for text in sys.stdin:
                self.line.emit(text.strip())
            self.line.emit("quit")

        threading.Thread(target=read, daemon=True).start()


def _report(window, db_path: str) -> None:
    """One line for the test: the clients the list shows and the database holds, the -wal's state."""
    from gendan_desktop.core.models import Client

    try:
        tab = window.show_tab("clients")
        tab.pane.model.refresh()
        rows = tab.pane.model.rowCount()
        clients = Client.select().count()
    except Exception as exc:  # noqa: BLE001 - reported, the test decides
        ERRORS.append(f"{type(exc).__name__}: {exc}")
        rows = clients = -1
    fds = _fds(db_path)
    print(json.dumps({"rows": rows, "clients": clients, "wal_open": bool(fds),
                      "wal_deleted": any(f.endswith("(deleted)") for f in fds),
                      "errors": ERRORS[:]}, ensure_ascii=False), flush=True)
    ERRORS.clear()


def _write_a_client(window, db_path: str) -> None:
    """One round: create a client through the window's op runner, then report."""
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.gui.kit import operations

    def failed(exc) -> None:
        ERRORS.append(f"write failed: {type(exc).__name__}: {exc}")
        _report(window, db_path)

    ROUNDS[0] += 1
    name = f"窗口客户 {os.getpid()}-{ROUNDS[0]}"
    operations.CollectionOp(window, lambda: create_client(name=name), kinds={"client"}).success(
        lambda _client: _report(window, db_path)).failure(failed).run_in_background()


def main() -> int:
    db_path = str(Path(sys.argv[1]).resolve())
    from gendan_desktop.gui import app as app_module
    from gendan_desktop.gui.kit import operations
    from gendan_desktop.gui.main_window import MainWindow

    sys.excepthook = lambda t, v, tb: ERRORS.append("".join(traceback.format_exception(t, v, tb))[-400:])
    operations.set_error_sink(lambda exc, details: ERRORS.append(f"{type(exc).__name__}: {exc}"))
    qapp = app_module.create_application("zh")
    db = app_module.open_database_or_ask(db_path, defer_check=True)
    if db is None:
        print(json.dumps({"up": False}), flush=True)
        return 1
    window = MainWindow(db.gendan_url)
    window.show()
    begin = getattr(app_module, "begin_window_session", lambda: None)  # absent before sessions existed
    begin()
    app_module.start_integrity_check(window)
    window.prebuild_tabs_later(0)
    try:
        from gendan_desktop.gui.kit.db_trouble import trouble

        trouble().sig_failed.connect(lambda exc: ERRORS.append(f"read failed: {exc}"))
    except ImportError:
        pass

    def on_line(text: str) -> None:
        if text == "round":
            _write_a_client(window, db_path)
        elif text == "quit":
            window.close()
            end = getattr(app_module, "end_window_session", None)
            if end is not None:
                end()
            qapp.quit()

    stdin = Stdin()
    stdin.line.connect(on_line)
    stdin.start()

    def up() -> None:
        print(json.dumps({"up": True, "pid": os.getpid()}), flush=True)

    QTimer.singleShot(0, up)
    return qapp.exec()


if __name__ == "__main__":
    raise SystemExit(main())
