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
    Client.create(code="C0001", name="测试客户")
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    made = [auto_backup(folder, now=start + dt.timedelta(days=2 * i)) for i in range(32)]
    assert all(made)
    files = list_backups(folder)
    assert len(files) == 30
    assert files[0].name == "gendan-20260105-090000.sqlite3"  # the two oldest were dropped
    assert files[-1] == made[-1]
    # not yet a day since the newest: nothing new
    assert auto_backup(folder, now=start + dt.timedelta(days=62, hours=23)) is None
    assert len(list_backups(folder)) == 30
    assert _codes(files[-1]) == ["C0001"]


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
    from gendan_desktop.core import backup

    with db.atomic():
        for i in range(n_clients):
            Client.create(code=f"C{i:05d}", name=f"客户{i}", notes="备注" * 2000)
    assert db.execute_sql("PRAGMA page_count").fetchone()[0] > 3 * backup.PAGES_PER_STEP


def test_backup_reports_progress_step_by_step(live, tmp_path, monkeypatch):
    from gendan_desktop.core import backup

    path, db = live
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 64)  # a big file's steps, on a small one
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
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 64)
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
