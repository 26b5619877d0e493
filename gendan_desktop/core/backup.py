"""Backups of the embedded SQLite database, and restoring one.

Always SQLite's online backup API, never a file copy: in WAL mode committed
data may live only in the ``-wal`` file, and a copy taken while another
connection writes can be torn. Restore checks the source completely before it
touches the live file, keeps a safety backup of the current file, and then
writes through the backup API into the live file so its WAL/SHM stay coherent.
PostgreSQL databases are backed up with the server's own tool (pg_dump).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .db import (
    BUSY_TIMEOUT_MS,
    current_database,
    describe,
    has_sqlite_header,
    is_postgres_url,
    is_sqlite,
    readonly_uri,
    sqlite_path,
)
from .errors import DatabaseError

Progress = Callable[[int, int], None]  # (pages done, pages in all)

BACKUP_PREFIX = "gendan-"
BACKUP_SUFFIX = ".sqlite3"
AUTO_BACKUP_AGE = dt.timedelta(days=1)
PAGES_PER_STEP = 1024  # lets writers in between on a big file


def _refuse_postgres(url: str) -> None:
    raise DatabaseError(
        f"数据库 {describe(url)} 在 PostgreSQL 服务器上,本程序不备份它:请用 pg_dump 备份、用 pg_restore 或 psql 恢复。",
        f"The database {describe(url)} is on a PostgreSQL server, which this program does not back up: "
        "use pg_dump to back it up and pg_restore or psql to restore it.",
    )


def _live_path() -> Path:
    db = current_database()
    url = getattr(db, "gendan_url", None) or db.database
    if not is_sqlite(db):
        _refuse_postgres(url)
    path = sqlite_path(url)
    if path == ":memory:":
        raise DatabaseError("内存数据库无法备份。", "An in-memory database cannot be backed up.")
    return Path(path)


def _copy_with_backup_api(src_path: Path, dest_path: Path, progress: Progress | None = None) -> None:
    """Copy ``src_path`` to ``dest_path`` through SQLite's backup API, in steps
    of ``PAGES_PER_STEP`` pages; ``progress(done, total)`` (pages) after each
    step may raise to stop the copy."""
    src = sqlite3.connect(readonly_uri(src_path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    step = None if progress is None else (lambda _status, remaining, total: progress(total - remaining, total))
    try:
        dest = sqlite3.connect(str(dest_path))
        try:
            src.backup(dest, pages=PAGES_PER_STEP, progress=step)
            # A backup is one self-contained file: rollback journal, no -wal/-shm
            # appearing beside it when someone opens it.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        src.close()


def backup_database(dest_path: str | os.PathLike, progress: Progress | None = None) -> Path:
    """Write a consistent copy of the open database to ``dest_path``.

    The copy includes everything committed, also what lives only in the WAL.
    Refuses (DatabaseError) on PostgreSQL and when ``dest_path`` exists.
    ``progress(done_pages, total_pages)`` is called after every step (a 400 MB
    file takes about a hundred); whatever it raises stops the backup, leaves
    no file behind and propagates (the window's Cancel).
    """
    src = _live_path()
    dest = Path(dest_path)
    if dest.exists():
        raise DatabaseError(
            f"备份文件“{dest}”已存在,未覆盖。请换一个文件名。",
            f"The backup file “{dest}” already exists and was not overwritten; choose another name.",
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    try:
        _copy_with_backup_api(src, tmp, progress)
        os.replace(tmp, dest)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if not isinstance(exc, sqlite3.Error):
            raise
        raise DatabaseError(
            f"备份到“{dest}”失败:{exc}。",
            f"The backup to “{dest}” failed: {exc}.",
        ) from exc
    return dest


# ------------------------------------------------------------ automatic ---
def default_backup_folder() -> Path:
    """The setting ``backup_folder``, else ``backups/`` beside the database file.

    For the embedded default database that is ``<data folder>/backups``.
    """
    from .common import get_setting

    folder = get_setting("backup_folder", "")
    return Path(folder) if folder else _live_path().parent / "backups"


def list_backups(folder: str | os.PathLike) -> list[Path]:
    """Automatic backups in ``folder``, oldest first (names sort by time)."""
    p = Path(folder)
    if not p.is_dir():
        return []
    return sorted(
        f for f in p.iterdir()
        if f.is_file() and f.name.startswith(BACKUP_PREFIX) and f.name.endswith(BACKUP_SUFFIX)
    )


def _backup_time(path: Path) -> dt.datetime | None:
    stamp = path.name[len(BACKUP_PREFIX) : -len(BACKUP_SUFFIX)]
    try:
        return dt.datetime.strptime(stamp[:15], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def auto_backup(folder: str | os.PathLike | None = None, keep: int = 30,
                now: dt.datetime | None = None) -> Path | None:
    """Back up when the newest backup in ``folder`` is over a day old.

    Names are ``gendan-YYYYMMDD-HHMMSS.sqlite3``; only the newest ``keep`` are
    kept. Returns the new file, or None when no backup was due (or on
    PostgreSQL, where pg_dump is the tool).
    """
    if not is_sqlite():
        return None
    folder = Path(folder) if folder else default_backup_folder()
    now = now or dt.datetime.now()
    existing = list_backups(folder)
    times = [t for t in map(_backup_time, existing) if t is not None]
    if times and now - max(times) <= AUTO_BACKUP_AGE:
        return None
    name = f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
    made = backup_database(folder / name)
    for old in list_backups(folder)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made


# -------------------------------------------------------------- restore ---
def check_backup_file(src_path: str | os.PathLike) -> int:
    """Check that ``src_path`` is a usable Gendan Desktop database; return its schema version.

    Header, ``quick_check``, a ``schema_version`` table, and a schema not newer
    than this program's. Opens the file read-only.
    """
    from .migrations import latest_version

    src = Path(src_path)
    if not src.is_file():
        raise DatabaseError(f"找不到备份文件“{src}”。", f"The backup file “{src}” does not exist.")
    if not has_sqlite_header(src):
        raise DatabaseError(
            f"“{src}”不是数据库文件,未做任何恢复。请选择跟单桌面的备份文件(.sqlite3)。",
            f"“{src}” is not a database file; nothing was restored. "
            "Choose a Gendan Desktop backup (.sqlite3).",
        )
    try:
        conn = sqlite3.connect(readonly_uri(src), uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            version_row = (conn.execute("SELECT version FROM schema_version").fetchone()
                           if "schema_version" in tables else None)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"备份文件“{src}”已损坏({exc}),未做任何恢复。请换一个备份。",
            f"The backup file “{src}” is damaged ({exc}); nothing was restored. Choose another backup.",
        ) from exc
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        raise DatabaseError(
            f"备份文件“{src}”未通过完整性检查({detail}),未做任何恢复。请换一个备份。",
            f"The backup file “{src}” failed its integrity check ({detail}); "
            "nothing was restored. Choose another backup.",
        )
    if version_row is None:
        raise DatabaseError(
            f"“{src}”不是跟单桌面的数据库(没有结构版本),未做任何恢复。",
            f"“{src}” is not a Gendan Desktop database (it has no schema version); nothing was restored.",
        )
    version = int(version_row[0])
    if version > latest_version():
        raise DatabaseError(
            f"备份“{src}”来自更新版本的跟单桌面(结构版本 {version},本程序支持 {latest_version()}),"
            "未做任何恢复。请先升级跟单桌面。",
            f"The backup “{src}” comes from a newer Gendan Desktop (schema {version}, this program "
            f"supports {latest_version()}); nothing was restored. Upgrade Gendan Desktop first.",
        )
    return version


def _safety_copy(live: Path, folder: Path, now: dt.datetime) -> Path:
    """Keep the current file before it is replaced: backup API when it reads, else a rename."""
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{BACKUP_PREFIX}before-restore-{now:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{BACKUP_PREFIX}before-restore-{now:%Y%m%d-%H%M%S}-{n}{BACKUP_SUFFIX}"
    try:
        if has_sqlite_header(live):
            _copy_with_backup_api(live, dest)
            return dest
    except sqlite3.Error:
        dest.unlink(missing_ok=True)
    # The live file is not a readable database: move it (and its WAL/SHM) aside
    # untouched, and restore into a fresh file.
    os.replace(live, dest)
    for ext in ("-wal", "-shm"):
        side = Path(str(live) + ext)
        if side.exists():
            os.replace(side, Path(str(dest) + ext))
    return dest


def restore_database(src_path: str | os.PathLike, db_url: str,
                     safety_folder: str | os.PathLike | None = None) -> Path | None:
    """Replace the database at ``db_url`` with the backup ``src_path``.

    The source is checked first (see check_backup_file); nothing is touched if
    it fails. The current file is kept as ``gendan-before-restore-….sqlite3``
    in ``safety_folder`` (default: ``backups/`` beside it); that path is
    returned (None when there was no current file). Close the database in this
    process first; other processes must not hold it open.
    """
    if is_postgres_url(db_url):
        _refuse_postgres(db_url)
    src = Path(src_path)
    check_backup_file(src)
    live = Path(sqlite_path(db_url))
    if live.exists() and live.resolve() == src.resolve():
        raise DatabaseError("不能用数据库文件自身来恢复。", "A database cannot be restored from itself.")
    now = dt.datetime.now()
    safety = None
    try:
        if live.exists() and live.stat().st_size > 0:
            safety = _safety_copy(live, Path(safety_folder) if safety_folder else live.parent / "backups", now)
        live.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            f"无法先保存当前数据库({exc}),未做任何恢复。",
            f"The current database could not be kept first ({exc}); nothing was restored.",
        ) from exc
    try:
        source = sqlite3.connect(readonly_uri(src), uri=True)
        try:
            target = sqlite3.connect(str(live), timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=wal")
                target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                target.close()
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            f"恢复失败:{exc}。原数据库已保存为“{safety}”。",
            f"The restore failed: {exc}. The previous database was kept as “{safety}”.",
        ) from exc
    return safety
