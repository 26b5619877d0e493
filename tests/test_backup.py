"""Backups through SQLite's backup API, automatic rotation, and a restore that checks first."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from gendan_desktop.core.backup import (
    auto_backup,
    backup_database,
    list_backups,
    restore_database,
)
from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.errors import DatabaseError
from gendan_desktop.core.models import Client


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _codes(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT code FROM client ORDER BY code")]
    finally:
        conn.close()


@pytest.fixture
def live(tmp_path):
    path = tmp_path / "live.sqlite3"
    db = open_database(str(path))
    yield path, db
    close_database()


def test_backup_holds_what_is_committed_only_in_the_wal(live, tmp_path):
    path, db = live
    db.execute_sql("PRAGMA wal_autocheckpoint = 0")  # keep the commit in the -wal file
    Client.create(code="C0001", name="宁波锦华服饰")
    wal = Path(str(path) + "-wal")
    assert wal.stat().st_size > 0
    # A plain copy of the main file misses the committed client (even the tables)…
    shutil.copyfile(path, tmp_path / "filecopy.sqlite3")
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _codes(tmp_path / "filecopy.sqlite3")

    # …while another connection is in the middle of an uncommitted write.
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO client (version, created_at, updated_at, code, name, name_en, pinyin, country, source, "
                  "grade, address, website, phone, email, payment_terms, default_currency, notes, archived) "
                  "VALUES (1, '2026-01-01', '2026-01-01', 'C9999', 'uncommitted', '', '', '', 'other', 'ordinary', "
                  "'', '', '', '', '', 'USD', '', 0)")
    try:
        dest = backup_database(tmp_path / "b" / "backup.sqlite3")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _codes(dest) == ["C0001"]
    assert not Path(str(dest) + "-wal").exists()  # a backup is one self-contained file
    with pytest.raises(DatabaseError, match="已存在"):
        backup_database(dest)  # never overwrites


def test_auto_backup_is_daily_and_keeps_the_newest_30(live, tmp_path):
    folder = tmp_path / "backups"
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    made = []
    for i in range(32):  # a day's work between backups
        Client.create(code=f"C{i + 1:04d}", name=f"测试客户{i + 1}")
        made.append(auto_backup(folder, now=start + dt.timedelta(days=2 * i)))
    assert all(made)
    files = list_backups(folder)
    assert len(files) == 30
    assert files[0].name == "live-20260105-090000.sqlite3"  # named after the database; the two oldest dropped
    assert files[-1] == made[-1]
    # not yet a day since the newest: nothing new
    assert auto_backup(folder, now=start + dt.timedelta(days=62, hours=23)) is None
    assert len(list_backups(folder)) == 30
    assert _codes(files[-1]) == [f"C{i:04d}" for i in range(1, 33)]


def _corrupt_copy(src: Path, dest: Path) -> Path:
    data = bytearray(src.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page:3 * page] = b"\xa5" * (2 * page)  # wipe two b-tree pages
    dest.write_bytes(bytes(data))
    return dest


def test_restore_checks_before_touching_anything(tmp_path):
    live_path = tmp_path / "live.sqlite3"
    open_database(str(live_path))
    Client.create(code="C0001", name="当前客户")
    good = backup_database(tmp_path / "good.sqlite3")
    Client.create(code="C0002", name="备份之后的客户")
    close_database()
    before = _digest(live_path)

    text = tmp_path / "notes.txt"
    text.write_text("这不是数据库 / not a database\n", encoding="utf-8")
    corrupt = _corrupt_copy(good, tmp_path / "corrupt.sqlite3")
    foreign = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()

    for bad, words in [(text, "不是数据库文件"), (corrupt, "损坏|完整性"), (foreign, "结构版本"),
                       (tmp_path / "missing.sqlite3", "找不到")]:
        with pytest.raises(DatabaseError, match=words):
            restore_database(bad, str(live_path))
        assert _digest(live_path) == before
        assert not (tmp_path / "backups").exists()

    safety = restore_database(good, str(live_path))
    assert _codes(live_path) == ["C0001"]
    assert _codes(safety) == ["C0001", "C0002"]  # the state before the restore is kept
    db = open_database(str(live_path))
    try:
        assert [c.code for c in Client.select().order_by(Client.code)] == ["C0001"]
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        close_database()


def test_postgres_is_refused_with_pg_dump_advice(tmp_path):
    from gendan_desktop.core.errors import set_language

    with pytest.raises(DatabaseError, match="pg_dump"):
        restore_database(tmp_path / "x.sqlite3", "postgresql://u@localhost/gendan")
    set_language("en")
    try:
        with pytest.raises(DatabaseError, match="use pg_dump"):
            restore_database(tmp_path / "x.sqlite3", "postgresql://u@localhost/gendan")
    finally:
        set_language("zh")


def _fill_pages(db, n_clients: int) -> None:
    """Enough clients with long notes that the file spans several backup steps."""
    with db.atomic():
        for i in range(n_clients):
            Client.create(code=f"C{i:05d}", name=f"客户{i}", notes="备注" * 2000)
    assert db.execute_sql("PRAGMA page_count").fetchone()[0] > 3 * 64


def test_backup_reports_progress_step_by_step(live, tmp_path, monkeypatch):
    from gendan_desktop.core import backup

    path, db = live
    monkeypatch.setattr(backup, "MIN_STEP_BYTES", 64 * 4096)  # a big file's steps, on a small one
    _fill_pages(db, 60)
    steps: list[tuple[int, int]] = []
    dest = backup_database(tmp_path / "progress.sqlite3", progress=lambda done, total: steps.append((done, total)))
    total = steps[-1][1]
    assert len(steps) > 3
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)
    assert steps[-1] == (total, total)
    assert _codes(dest) == _codes(path)


def test_cancelled_backup_stops_and_leaves_no_file(live, tmp_path, monkeypatch):
    from gendan_desktop.core import backup

    path, db = live
    monkeypatch.setattr(backup, "MIN_STEP_BYTES", 64 * 4096)
    _fill_pages(db, 60)
    seen = []

    class Stop(Exception):
        pass

    def cancel_at_second_step(done, total):
        seen.append(done)
        if len(seen) == 2:
            raise Stop()

    with pytest.raises(Stop):
        backup_database(tmp_path / "cancelled.sqlite3", progress=cancel_at_second_step)
    assert len(seen) == 2  # no step after the cancel
    assert list(tmp_path.glob("cancelled*")) == []
    assert _codes(path)[:1] == ["C00000"]  # the live database is untouched


def test_a_big_files_backup_moves_the_bar_in_a_few_dozen_steps(live, tmp_path, monkeypatch):
    """The bar moved every 1024 pages: 111 round trips at 444 MB, 1,100 at 4.4 GB.
    Now about 2% a step, whatever the size (a step is never under MIN_STEP_BYTES)."""
    from gendan_desktop.core import backup

    path, db = live
    monkeypatch.setattr(backup, "MIN_STEP_BYTES", 4096)  # one page: only the 2% rule counts
    _fill_pages(db, 60)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    steps: list[tuple[int, int]] = []
    dest = backup_database(tmp_path / "steps.sqlite3", progress=lambda done, total: steps.append((done, total)))
    assert pages > 2 * backup.STEPS
    assert backup.STEPS // 2 <= len(steps) <= backup.STEPS + 1
    assert steps[-1] == (pages, pages)
    assert _codes(dest) == _codes(path)


def test_a_backup_while_another_connection_writes_copies_the_state_at_its_start(live, tmp_path, monkeypatch):
    """A write by another connection between two steps made SQLite start the
    copy over: a big file written to every few seconds never got its backup."""
    from gendan_desktop.core import backup

    path, db = live
    monkeypatch.setattr(backup, "MIN_STEP_BYTES", 64 * 4096)
    _fill_pages(db, 60)
    before = _codes(path)
    other = sqlite3.connect(path, isolation_level=None)
    steps: list[int] = []

    def write_meanwhile(done, total):
        steps.append(done)
        if len(steps) > 3:  # (before the fix every write started the copy over: writing on would never end)
            return
        other.execute("UPDATE client SET name = name || '+' WHERE code = 'C00000'")
        other.execute("INSERT INTO client (version, created_at, updated_at, code, name, name_en, pinyin, country, "
                      "source, grade, address, website, phone, email, payment_terms, default_currency, notes, "
                      "archived) SELECT version, created_at, updated_at, code || '-' || ?, name, name_en, pinyin, "
                      "country, source, grade, address, website, phone, email, payment_terms, default_currency, "
                      "notes, archived FROM client WHERE code = 'C00001'", (len(steps),))

    try:
        dest = backup_database(tmp_path / "meanwhile.sqlite3", progress=write_meanwhile)
    finally:
        other.close()
    assert steps == sorted(steps) and len(steps) == len(set(steps))  # never started over
    assert _codes(dest) == before  # the state when the backup began
    assert len(_codes(path)) == len(before) + 3  # the writes went through meanwhile


def test_a_damaged_file_found_during_the_copy_leaves_no_backup(tmp_path, monkeypatch):
    """The integrity check runs beside the copy: a damage it finds still refuses
    the backup and leaves neither the file nor its .part behind."""
    from gendan_desktop.core import backup

    path = tmp_path / "live.sqlite3"
    db = open_database(str(path))
    _fill_pages(db, 60)
    close_database()
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'client'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096 + 8:(root - 1) * 4096 + 600] = b"\xff" * 592  # the client table's root page
    path.write_bytes(bytes(data))
    monkeypatch.setattr(backup, "MIN_STEP_BYTES", 64 * 4096)
    steps = []
    open_database(str(path))
    try:
        with pytest.raises(DatabaseError, match="完整性|损坏"):
            backup_database(tmp_path / "b" / "copy.sqlite3", progress=lambda done, total: steps.append(done))
    finally:
        close_database()
    assert list((tmp_path / "b").iterdir()) == []


def test_databases_sharing_a_folder_keep_their_own_daily_backups(tmp_path):
    """Two databases in one folder once shared backups/ and its once-a-day rule:
    the second got no backup. Backups are named after their database."""
    folder = tmp_path / "backups"
    start = dt.datetime(2026, 3, 1, 9, 0, 0)
    paths = {name: tmp_path / f"{name}.sqlite3" for name in ("shop-a", "shop-b")}
    for name, path in paths.items():
        open_database(str(path))
        try:
            Client.create(code="C0001", name=name)
            made = auto_backup(folder, now=start)
            assert made is not None and made.name == f"{name}-20260301-090000.sqlite3"
            assert auto_backup(folder, now=start + dt.timedelta(hours=3)) is None  # its own daily rule
        finally:
            close_database()
    open_database(str(paths["shop-a"]))
    try:
        for day in (2, 4, 6):
            Client.create(code=f"D{day:04d}", name=f"第{day}天的客户")
            assert auto_backup(folder, keep=2, now=start + dt.timedelta(days=day))
    finally:
        close_database()
    assert len(list_backups(folder, paths["shop-a"])) == 2  # rotation keeps the newest of its own
    (b_backup,) = list_backups(folder, paths["shop-b"])  # and never touches the other's
    conn = sqlite3.connect(b_backup)
    try:
        assert conn.execute("SELECT name FROM client").fetchall() == [("shop-b",)]
    finally:
        conn.close()


_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO setting (key, value) VALUES ('written-by', 'the other process')")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
print("committed", flush=True)
if sys.stdin.readline().strip() == "close":
    conn.close()
print("closed", flush=True)
sys.stdin.readline()
"""


def _holder(path: Path):
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def _say(proc, line: str, expect: str) -> None:
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == expect


def _written_by_other(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM setting WHERE key = 'written-by'").fetchone()[0] == 1
    finally:
        conn.close()


def _restore_cli(backup: Path, live: Path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": "C.UTF-8"}
    return subprocess.Popen([sys.executable, "-m", "gendan_desktop", "restore", str(backup), "--db", str(live)],
                            cwd=Path(__file__).resolve().parent.parent, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def _wait_until_holding(pid: int, path: Path, timeout: float = 60) -> None:
    """Until process ``pid`` keeps ``path`` open (seen twice, 0.3 s apart)."""
    import os
    import time

    fd_dir = Path(f"/proc/{pid}/fd")
    if not fd_dir.is_dir():  # not Linux: give it the time a start takes
        time.sleep(3)
        return

    def holds() -> bool:
        for fd in fd_dir.iterdir():
            try:
                if os.readlink(fd) == str(path.resolve()):
                    return True
            except OSError:
                pass
        return False

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if holds():
            time.sleep(0.3)
            if holds():
                return
        time.sleep(0.02)
    raise AssertionError("the restore never opened the database")


@pytest.mark.parametrize("other_closes", [False, True], ids=["other-stays-open", "other-closes"])
def test_restore_never_loses_what_another_process_commits_meanwhile(tmp_path, other_closes):
    """Restore once waited for another process's write, kept a safety copy from
    before it, and overwrote it: the write was in neither file. Now it locks the
    file first: while another connection stays open it refuses (and says so);
    once the other closes, the safety copy holds the other's write."""
    live = tmp_path / "live.sqlite3"
    open_database(str(live))
    Client.create(code="C0001", name="当前客户")
    good = backup_database(tmp_path / "good.sqlite3")
    close_database()

    other = _holder(live)  # a second process in the middle of a write transaction
    try:
        restore = _restore_cli(good, live)
        _wait_until_holding(restore.pid, live)  # the restore is waiting for its lock now
        _say(other, "", "committed")
        _say(other, "close" if other_closes else "stay", "closed")
        out, err = restore.communicate(timeout=60)
    finally:
        other.stdin.close()
        other.wait(timeout=30)
    safety = list((tmp_path / "backups").glob("live-before-restore-*.sqlite3"))
    if other_closes:
        assert restore.returncode == 0, err
        assert len(safety) == 1 and _written_by_other(safety[0])  # kept in the safety copy
        assert _codes(live) == ["C0001"]
    else:
        assert restore.returncode == 1
        assert "正被其他窗口或程序使用" in err and len(err.strip().splitlines()) == 1
        assert safety == []
        assert _written_by_other(live)  # nothing was restored over it


def test_a_database_without_user_data_is_not_backed_up(live, tmp_path):
    """A new database (and one whose only rows are the window's own bookkeeping) makes no backup files."""
    from gendan_desktop.core import sessions

    folder = tmp_path / "backups"
    start = dt.datetime(2026, 3, 1, 9, 0, 0)
    sessions.begin_session()
    sessions.record_integrity_check()
    assert [auto_backup(folder, now=start + dt.timedelta(days=2 * i)) for i in range(5)] == [None] * 5
    assert list_backups(folder) == []
    from gendan_desktop.core.first_start import mark_done

    mark_done("empty")  # the first start answered: that is the user's
    assert auto_backup(folder, now=start + dt.timedelta(days=12)) is not None


def test_a_database_left_alone_keeps_one_backup_of_its_latest_state(live, tmp_path):
    from gendan_desktop.core import sessions

    folder = tmp_path / "backups"
    start = dt.datetime(2026, 3, 1, 9, 0, 0)
    Client.create(code="C0001", name="测试客户")
    first = auto_backup(folder, now=start)
    for day in (2, 4, 6):  # windows opened, checks run, nothing entered
        sessions.begin_session()
        sessions.record_integrity_check(start + dt.timedelta(days=day))
        newest = auto_backup(folder, now=start + dt.timedelta(days=day))
        assert newest is not None and list_backups(folder) == [newest]
    assert not first.exists()
    Client.update(name="改了名字的客户").where(Client.code == "C0001").execute()  # same count, one field changed
    changed = auto_backup(folder, now=start + dt.timedelta(days=8))
    assert list_backups(folder) == [newest, changed]
    Client.delete().execute()
    Client.create(code="C0001", name="测试客户")  # back to what the first backups held: still a change
    assert list_backups(folder) == [newest, changed] and auto_backup(folder, now=start + dt.timedelta(days=10))
    assert len(list_backups(folder)) == 3
