"""Was the database shut down cleanly? And when was it last checked?

``PRAGMA quick_check`` reads the whole file, so opening a database does not run
it (core/db.py: open_database) unless the last session ended uncleanly:

* A window writes a session marker (``setting`` row ``session:<host>:<pid>``)
  when it opens the database and deletes it when it closes. A marker whose
  process is gone (same machine, not running, or the machine restarted since)
  means that window crashed or lost power.
* A non-empty ``-wal`` while no window's marker is live: the last connection
  did not close cleanly (SQLite deletes the -wal on a clean last close), e.g.
  a killed script.

The window also checks in the background at most once a day
(``integrity_check_due``); a passing check is recorded in the setting
``integrity_checked_at``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
from functools import lru_cache

from . import sqlite_file
from .common import get_setting, set_setting
from .connection import current_database, is_sqlite, write_transaction
from .models import Setting
from .sqlite_file import SESSION_PREFIX, FileFacts

INTEGRITY_KEY = "integrity_checked_at"
INTEGRITY_EVERY = dt.timedelta(days=1)


@lru_cache(maxsize=1)
def _boot_id() -> str:
    """Changes when the machine restarts (a power cut leaves a live-looking pid)."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:  # not a database file
            return fh.read().strip()
    except OSError:
        pass
    if sys.platform == "win32":
        import ctypes
        import time

        ticks = ctypes.windll.kernel32.GetTickCount64
        ticks.restype = ctypes.c_ulonglong
        return str(round((time.time() - ticks() / 1000) / 60))  # boot time, to the minute
    return ""


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def session_key() -> str:
    return f"{SESSION_PREFIX}{socket.gethostname()}:{os.getpid()}"


def _is_stale(key: str, value: str) -> bool:
    """A marker of a process that is gone. Another machine's markers count as live."""
    try:
        info = json.loads(value)
        host, pid = info["host"], int(info["pid"])
    except (ValueError, KeyError, TypeError):
        return True
    if host != socket.gethostname():
        return False
    return info.get("boot", "") != _boot_id() or not _process_alive(pid)


def stale_sessions(facts: FileFacts) -> list[str]:
    return [k for k, v in facts.sessions if _is_stale(k, v)]


def shutdown_was_unclean(facts: FileFacts) -> bool:
    """See the module docstring."""
    if facts.kind != "ours":
        return False
    if stale_sessions(facts):
        return True
    live = [k for k, v in facts.sessions if not _is_stale(k, v)]
    return facts.wal_bytes > 0 and not live


# ------------------------------------------------------ in the database ---
def begin_session() -> None:
    """Mark this process as having the database open (the window does)."""
    if not is_sqlite(current_database()):
        return
    value = json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "boot": _boot_id(),
                        "started": dt.datetime.now().isoformat(timespec="seconds")})
    set_setting(session_key(), value)


def end_session() -> None:
    """Remove this process's marker (a clean close)."""
    db = current_database()
    if not is_sqlite(db) or getattr(db, "gendan_readonly", False):
        return
    with write_transaction():
        Setting.delete().where(Setting.key == session_key()).execute()


def after_passed_check(facts: FileFacts, now: dt.datetime | None = None) -> None:
    """The file passed quick_check: record when, and forget crashed sessions."""
    stale = stale_sessions(facts)
    with write_transaction():
        if stale:
            Setting.delete().where(Setting.key.in_(stale)).execute()
        _record_check(now)


def _record_check(now: dt.datetime | None) -> None:
    set_setting(INTEGRITY_KEY, (now or dt.datetime.now()).isoformat(timespec="seconds"))


def record_integrity_check(now: dt.datetime | None = None) -> None:
    _record_check(now)


def last_integrity_check() -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(get_setting(INTEGRITY_KEY, ""))
    except ValueError:
        return None


def integrity_check_due(now: dt.datetime | None = None, every: dt.timedelta = INTEGRITY_EVERY) -> bool:
    last = last_integrity_check()
    return last is None or (now or dt.datetime.now()) - last >= every


def daily_integrity_check(path: str, *, force: bool = False, now: dt.datetime | None = None) -> bool:
    """The window's background check: ``quick_check`` when due (or ``force``),
    recorded when it passes. Returns whether it ran; DatabaseError when damaged."""
    if not force and not integrity_check_due(now):
        return False
    sqlite_file.quick_check_file(path)  # looked up when called: tests count the checks
    if not getattr(current_database(), "gendan_readonly", False):
        record_integrity_check(now)
    return True
