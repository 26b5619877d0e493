"""Opening costs what is cheap and certain; quick_check runs only where it matters.

Every command used to open the database with ``PRAGMA quick_check``, which
reads the whole file (1.2 s at 432 MB before any work). Now opening reads the
header, the schema version and that the file is ours; quick_check runs for
``check``, before a backup or a restore, after an unclean shutdown, and in the
window's background at most once a day. A damaged file found there is still
refused and not written to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gendan_desktop.core import db as db_module
from gendan_desktop.core import sessions
from gendan_desktop.core.backup import backup_database
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.common import get_setting
from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.errors import DatabaseError
from gendan_desktop.core.models import Setting

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def quick_checks(monkeypatch):
    """How many times opening ran the real quick_check (a counter around it)."""
    calls = []
    real = db_module.quick_check_file

    def counted(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(db_module, "quick_check_file", counted)
    return calls


def _database(path: Path, clients: int = 300) -> Path:
    open_database(str(path))
    for i in range(clients):  # enough rows for the client table to span many pages
        create_client(name=f"客户{i:04d} " + "长名称" * 20)
    close_database()
    return path


def _damage_client_table(path: Path) -> None:
    """Scribble over the client table's root page (no connection may be open here)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'client'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    off = (root - 1) * page
    data[off + 8:off + 600] = b"\xff" * 592
    path.write_bytes(bytes(data))


def _files(folder: Path) -> dict[str, str]:
    """The database and its -wal (the -shm is SQLite's shared index, which any reader rebuilds)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith("-shm")}


_CRASH = """
import os, sys
from gendan_desktop.core import sessions
from gendan_desktop.core.common import set_setting
from gendan_desktop.core.db import current_database, open_database
open_database(sys.argv[1])
if sys.argv[2] == "window":
    sessions.begin_session()               # a window marks its session
    current_database().execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # nothing left in the -wal
else:
    current_database().execute_sql("PRAGMA wal_autocheckpoint = 0")
    set_setting("last-words", "written just before the crash")  # stays in the -wal
print("ready", flush=True)
if sys.argv[3] == "crash":
    os._exit(0)                            # killed: no clean close
sys.stdin.readline()
"""


def _other_process(path: Path, kind: str, end: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _CRASH, str(path), kind, end], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    if end == "crash":
        proc.wait(timeout=30)
    return proc


def test_a_clean_database_opens_without_reading_the_whole_file(tmp_path, quick_checks):
    path = _database(tmp_path / "g.sqlite3", clients=3)
    open_database(str(path))
    close_database()
    open_database(str(path), create=False, readonly=True)
    close_database()
    assert quick_checks == []
    open_database(str(path), quick_check=True)  # where it matters, callers ask for it
    close_database()
    assert len(quick_checks) == 1


@pytest.mark.parametrize("kind", ["script", "window"])
def test_after_an_unclean_shutdown_a_damaged_file_is_found_and_left_alone(tmp_path, quick_checks, kind):
    """A killed script leaves a non-empty -wal; a crashed window leaves its session
    marker. Either way the next open checks the whole file first."""
    path = _database(tmp_path / "g.sqlite3")
    _other_process(path, kind, "crash")
    assert Path(str(path) + "-wal").exists()
    _damage_client_table(path)
    before = _files(tmp_path)
    with pytest.raises(DatabaseError) as err:
        open_database(str(path))
    close_database()
    assert "未做任何修改" in err.value.zh and "恢复" in err.value.zh
    assert len(quick_checks) == 1
    assert _files(tmp_path) == before  # never written to


@pytest.mark.parametrize("kind", ["script", "window"])
def test_after_an_unclean_shutdown_a_good_file_is_checked_once(tmp_path, quick_checks, kind):
    path = _database(tmp_path / "g.sqlite3", clients=3)
    _other_process(path, kind, "crash")
    open_database(str(path))
    try:
        assert get_setting("last-words", "") == ("written just before the crash" if kind == "script" else "")
        assert sessions.last_integrity_check() is not None  # recorded, and the dead marker forgotten
        assert not [s.key for s in Setting.select() if s.key.startswith("session:")]
    finally:
        close_database()
    assert len(quick_checks) == 1
    open_database(str(path))  # clean again: nothing to check
    close_database()
    assert len(quick_checks) == 1


def test_a_running_window_is_not_an_unclean_shutdown(tmp_path, quick_checks):
    """Scripts run while the window is open (its -wal in use) pay no full check."""
    path = _database(tmp_path / "g.sqlite3", clients=3)
    window = _other_process(path, "window", "stay")
    try:
        open_database(str(path))
        create_client(name="脚本写入")
        close_database()
        assert Path(str(path) + "-wal").exists()
        open_database(str(path), create=False, readonly=True)
        close_database()
    finally:
        window.stdin.close()
        window.wait(timeout=30)
    assert quick_checks == []


def test_a_damaged_file_is_not_backed_up_as_if_it_were_good(tmp_path):
    path = _database(tmp_path / "g.sqlite3")
    _damage_client_table(path)
    open_database(str(path))  # the cheap open does not read the client table
    try:
        with pytest.raises(DatabaseError, match="完整性|损坏"):
            backup_database(tmp_path / "b" / "copy.sqlite3")
    finally:
        close_database()
    assert not (tmp_path / "b").exists() or list((tmp_path / "b").iterdir()) == []


def test_the_windows_background_check_runs_at_most_once_a_day(tmp_path, monkeypatch):
    path = _database(tmp_path / "g.sqlite3", clients=3)
    from gendan_desktop.core import sqlite_file

    ran = []
    real = sqlite_file.quick_check_file
    monkeypatch.setattr(sqlite_file, "quick_check_file", lambda p: ran.append(p) or real(p))
    open_database(str(path))
    try:
        now = dt.datetime(2026, 5, 4, 9, 0)
        assert sessions.daily_integrity_check(str(path), now=now) is True
        assert sessions.daily_integrity_check(str(path), now=now + dt.timedelta(hours=20)) is False
        assert sessions.daily_integrity_check(str(path), now=now + dt.timedelta(days=1, hours=1)) is True
        assert sessions.daily_integrity_check(str(path), force=True, now=now + dt.timedelta(days=1, hours=2))
    finally:
        close_database()
    assert len(ran) == 3


def test_a_wal_deleted_while_the_file_is_looked_at_does_not_stop_opening(tmp_path, monkeypatch):
    """Another process's last connection deletes the -wal at any moment, also just after it
    was seen: opening goes on (it failed with FileNotFoundError when two imports started)."""
    from gendan_desktop.core import sqlite_file

    path = tmp_path / "shared.sqlite3"
    open_database(str(path))
    create_client(name="共享数据库客户")
    close_database()
    wal = sqlite_file.sidecar(path, "-wal")
    assert not wal.exists()
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: True if self == wal else real_exists(self))  # seen, then gone
    facts = sqlite_file.inspect_file(path)
    assert facts.wal_bytes == 0 and facts.kind == "ours"
    open_database(str(path))
    close_database()
