"""Files that are not ours, paths that do not exist, databases that cannot be written.

* Another program's SQLite file is refused and left byte for byte as it was
  (it used to get our 48 tables and a switch to WAL).
* A newer-schema file in rollback-journal mode is refused before anything
  switches it to WAL (the version is read read-only first).
* Commands on a path that does not exist say so and create nothing; only
  ``demo`` (and the window's own default database) make one.
* A database in a read-only folder (or on read-only media) can still be
  checked, exported and printed from.
* The database file itself is never read as an import or written over.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.errors import DatabaseError
from gendan_desktop.core.migrations import latest_version

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GENDAN_DB", "GENDAN_LANG", "LC_ALL")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    return subprocess.run([*(prefix or []), sys.executable, "-m", "gendan_desktop", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180)


def _state(folder: Path) -> dict[str, str]:
    """Every file of the folder and its digest: what "left alone" means."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _one_sentence(proc: subprocess.CompletedProcess, words: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert words in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


# ------------------------------------------------------------ not ours ---
def _foreign(folder: Path) -> Path:
    path = folder / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT, total REAL)")
    conn.executemany("INSERT INTO invoice (customer, total) VALUES (?, ?)", [("ACME", 12.5), ("Globex", 99.0)])
    conn.commit()
    conn.close()
    return path


def test_another_programs_sqlite_file_is_refused_and_left_byte_for_byte(tmp_path):
    other = _foreign(tmp_path)
    before = _state(tmp_path)
    _one_sentence(run("check", "--db", str(other)), "其他程序")
    _one_sentence(run("export", "orders", str(tmp_path / "x.xlsx"), "--db", str(other), "--lang", "en"),
                  "another program's SQLite database")
    _one_sentence(run("demo", "--db", str(other), "--clients", "1", "--orders", "1"), "其他程序")
    with pytest.raises(DatabaseError, match="其他程序"):
        open_database(str(other))
    close_database()
    assert _state(tmp_path) == before  # no tables added, no -wal/-shm, no WAL switch
    conn = sqlite3.connect(f"file:{other}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["invoice"]
    finally:
        conn.close()


def test_a_newer_schema_in_rollback_mode_is_refused_without_a_switch_to_wal(tmp_path):
    path = tmp_path / "future.sqlite3"
    open_database(str(path))
    close_database()
    conn = sqlite3.connect(path)
    conn.execute(f"UPDATE schema_version SET version = {latest_version() + 1}")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")  # as a newer program, or a backup, may leave it
    conn.close()
    before = _state(tmp_path)
    _one_sentence(run("check", "--db", str(path)), "升级")
    with pytest.raises(DatabaseError, match="升级"):
        open_database(str(path))
    close_database()
    assert _state(tmp_path) == before
    assert path.read_bytes()[18:20] == b"\x01\x01"  # header: still rollback journal, not WAL (2, 2)


# ------------------------------------------------------------- missing ---
def test_commands_on_a_missing_file_say_so_and_create_nothing(tmp_path):
    missing = tmp_path / "sub" / "nothing-here.sqlite3"
    sample = ROOT / "tests" / "excel" / "data" / "clients_cn.xlsx"
    out = tmp_path / "out"
    out.mkdir()
    for args in (["check"], ["export", "orders", str(out / "o.xlsx")],
                 ["statement", "C0001", "--from", "2026-01-01", "--to", "2026-12-31", str(out / "s.xlsx")],
                 ["print", "production-sheet", "SO2601-0001", str(out / "p.pdf")],
                 ["print", "quotation", "QT2601-0001", str(out / "q.pdf")],
                 ["backup", str(out / "b.sqlite3")], ["import", "clients", str(sample)]):
        proc = run(*args, "--db", str(missing))
        _one_sentence(proc, "不存在")
        assert "nothing-here.sqlite3" in proc.stderr
    en = run("check", "--db", str(missing), "--lang", "en")
    _one_sentence(en, "does not exist; nothing was created")
    assert not missing.parent.exists()
    assert list(out.iterdir()) == []
    # demo is the command that makes a database
    assert run("demo", "--db", str(missing), "--clients", "1", "--orders", "1").returncode == 0
    assert run("check", "--db", str(missing)).returncode == 0


# ----------------------------------------------------------- read-only ---
def _read_only_runner(folder: Path):
    """Run commands seeing ``folder`` read-only: a read-only bind mount when we
    are root (permissions do not stop root), else the folder's write bits off."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(modes[p] & ~0o222)
        return [], lambda: [p.chmod(m) for p, m in modes.items()]
    if shutil.which("unshare") is None:
        pytest.fail("running as root needs unshare(1) to mount a read-only folder")
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"'
    prefix = ["unshare", "--mount", "--", "sh", "-c", script, "sh", str(folder)]
    probe = subprocess.run([*prefix, "sh", "-c", f"touch '{folder}/probe'"], capture_output=True, text=True)
    assert probe.returncode != 0 and "Read-only" in probe.stderr, probe.stderr
    return prefix, lambda: None


def test_a_database_in_a_read_only_folder_can_be_checked_exported_and_printed(tmp_path):
    folder = tmp_path / "cdrom"
    folder.mkdir()
    db = folder / "archive.sqlite3"
    assert run("demo", "--db", str(db), "--clients", "5", "--orders", "12").returncode == 0
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    order = conn.execute('SELECT o.number FROM "order" o JOIN production_sheet s ON s.order_id = o.id').fetchone()[0]
    client = conn.execute('SELECT c.code FROM client c JOIN "order" o ON o.client_id = c.id').fetchone()[0]
    conn.close()
    before = _state(folder)
    out = tmp_path / "out"
    out.mkdir()
    prefix, restore_modes = _read_only_runner(folder)
    try:
        check = run("check", "--db", str(db), prefix=prefix)
        assert check.returncode == 0, check.stderr
        assert "integrity_check: ok" in check.stdout
        for args in (["export", "orders", str(out / "orders.xlsx")],
                     ["statement", client, "--from", "2000-01-01", "--to", "2100-12-31", "--preview",
                      str(out / "statement.xlsx")],
                     ["print", "production-sheet", order, str(out / "sheet.pdf"), "--no-record"]):
            proc = run(*args, "--db", str(db), prefix=prefix)
            assert proc.returncode == 0, (args, proc.stderr)
        # printing as usual: the PDF is written; the copies cannot be counted, and it says so
        proc = run("print", "production-sheet", order, str(out / "sheet2.pdf"), "--db", str(db), prefix=prefix)
        assert proc.returncode == 0, proc.stderr
        assert "只读" in proc.stderr and "未计入" in proc.stderr
        # what must write says why it cannot
        proc = run("statement", client, "--from", "2000-01-01", "--to", "2100-12-31", str(out / "s2.xlsx"),
                   "--db", str(db), prefix=prefix)
        _one_sentence(proc, "只读")
    finally:
        restore_modes()
    assert sorted(p.name for p in out.iterdir()) == ["orders.xlsx", "sheet.pdf", "sheet2.pdf", "statement.xlsx"]
    assert _state(folder) == before


# ----------------------------------------------------- the file itself ---
def test_the_database_file_is_never_imported_or_written_over(tmp_path):
    db = tmp_path / "live.sqlite3"
    assert run("demo", "--db", str(db), "--clients", "5", "--orders", "12").returncode == 0
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    order = conn.execute('SELECT o.number FROM "order" o JOIN production_sheet s ON s.order_id = o.id').fetchone()[0]
    conn.close()
    before = _state(tmp_path)
    for args in (["import", "clients", str(db)], ["export", "orders", str(db)],
                 ["print", "production-sheet", order, str(db)]):
        _one_sentence(run(*args, "--db", str(db)), "正在使用的数据库文件")
    assert _state(tmp_path) == before
