"""Nothing in a process that holds a connection touches the database file outside SQLite.

On POSIX, closing any descriptor of a file drops every lock the process holds
on it; another process closing its connection then believes it is the last
user and deletes the -wal and -shm under the first. Here this process holds a
connection and runs every check, backup and inspection the app runs in-process
(the window's background check, the automatic backup, opening the file again),
then another process opens and closes a connection: this process's -wal must
still be the one on disk, and its data intact.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gendan_desktop.core import backup, sessions, sqlite_file
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.db import check_sqlite_file, close_database, open_database
from gendan_desktop.core.models import Client

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc/self/fd (Linux)")


def _wal_descriptors(db: Path) -> list[str]:
    out = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            out.append(os.readlink(f"/proc/self/fd/{fd}"))
    return [f for f in out if f.startswith(str(db) + "-wal")]


def _other_process_opens_and_closes(db: Path) -> None:
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT COUNT(*) FROM client').fetchone(); c.close()")
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)


def test_checks_backups_and_reopening_keep_this_process_locks(tmp_path):
    db = (tmp_path / "live.sqlite3").resolve()
    open_database(str(db))
    try:
        create_client(name="锁测试客户")
        assert _wal_descriptors(db)
        # everything the app does to the file while its connection is open
        check_sqlite_file(str(db))  # the window's background check (it read the header with open())
        sqlite_file.inspect_file(db)
        sqlite_file.quick_check_file(db)
        sessions.daily_integrity_check(str(db), force=True)
        backup.backup_database(tmp_path / "b" / "copy.sqlite3")
        backup.auto_backup(tmp_path / "auto")
        backup.check_backup_file(tmp_path / "b" / "copy.sqlite3")

        _other_process_opens_and_closes(db)

        fds = _wal_descriptors(db)
        assert fds and not any(f.endswith("(deleted)") for f in fds), fds
        assert Path(str(db) + "-wal").exists()
        create_client(name="之后的客户")  # and the window keeps writing
        assert Client.select().count() == 2
    finally:
        close_database()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT COUNT(*) FROM client").fetchone()[0] == 2
    finally:
        conn.close()
