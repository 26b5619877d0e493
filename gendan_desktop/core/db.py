"""Opening the database: the embedded SQLite file, or PostgreSQL for a team.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every
write transaction starts with ``BEGIN IMMEDIATE``: measured here, a busy
timeout alone let half of 600 read-then-write transactions between two
processes fail with "database is locked"; IMMEDIATE lost none.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from .errors import DatabaseError
from .locations import APP_NAME  # noqa: F401 - where it was before core/locations.py
from .models import database_proxy

DB_FILENAME = "gendan.sqlite3"
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


def data_dir() -> Path:
    """The user's data folder (on Windows %LOCALAPPDATA%\\GendanDesktop), or the
    portable one beside the program (core/locations.py)."""
    from .locations import data_dir as located

    return located()


def default_db_url() -> str:
    """``--db`` falls back to $GENDAN_DB, then to the file in the data folder."""
    return os.environ.get("GENDAN_DB") or str(data_dir() / DB_FILENAME)


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def sqlite_path(url: str) -> str:
    """The file path of a SQLite URL or plain path (``:memory:`` passes through)."""
    if url.startswith("sqlite:///"):
        return unquote(url[len("sqlite:///") :]) or ":memory:"
    if url.startswith("sqlite://"):
        return ":memory:"
    return url


def describe(url: str) -> str:
    """The database for a status bar: the file path, or the server without password."""
    if is_postgres_url(url):
        u = urlparse(url)
        return f"postgresql://{u.username or ''}@{u.hostname or ''}:{u.port or 5432}{u.path}"
    return str(Path(sqlite_path(url)).resolve()) if sqlite_path(url) != ":memory:" else ":memory:"


def readonly_uri(path: str | Path) -> str:
    """A URI that opens ``path`` read-only and leaves no file beside it.

    Without a -wal/-shm the file is opened ``immutable``: a read-only WAL
    connection would otherwise create both next to a file we must not touch.
    """
    p = Path(path)
    uri = "file:" + quote(p.resolve().as_posix(), safe="/:") + "?mode=ro"
    if not Path(str(p) + "-wal").exists() and not Path(str(p) + "-shm").exists():
        uri += "&immutable=1"
    return uri


def has_sqlite_header(path: str | Path) -> bool:
    """Whether the file starts like a SQLite database (reads 16 bytes)."""
    with open(path, "rb") as fh:
        return fh.read(16) == SQLITE_HEADER


def check_sqlite_header(path: str) -> None:
    """Refuse a file that is not a SQLite database (reads 16 bytes)."""
    p = Path(path)
    if path == ":memory:" or not p.exists() or p.stat().st_size == 0:
        return
    if not has_sqlite_header(p):
        raise DatabaseError(
            f"“{p}”不是跟单桌面的数据库文件,未做任何修改。请选择正确的文件,或从备份恢复。",
            f"“{p}” is not a Gendan Desktop database; nothing was changed. "
            "Choose the right file or restore a backup.",
        )


def check_sqlite_file(path: str) -> None:
    """Refuse a file that is not a SQLite database or fails ``quick_check``.

    Runs before anything opens the file for writing, read-only, so a damaged
    file is never written to.
    """
    p = Path(path)
    if path == ":memory:" or not p.exists() or p.stat().st_size == 0:
        return
    check_sqlite_header(path)
    try:
        conn = sqlite3.connect(readonly_uri(p), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"数据库文件“{p}”已损坏({exc}),未做任何修改。请从备份恢复。",
            f"The database file “{p}” is damaged ({exc}); nothing was changed. Restore a backup.",
        ) from exc
    if rows != [("ok",)]:
        detail = "; ".join(r[0] for r in rows[:3])
        raise DatabaseError(
            f"数据库文件“{p}”未通过完整性检查({detail}),未做任何修改。请从备份恢复。",
            f"The database file “{p}” failed its integrity check ({detail}); "
            "nothing was changed. Restore a backup.",
        )


def _enable_psycopg2() -> None:
    """Give peewee the PostgreSQL driver it was loaded without (see core/__init__.py)."""
    import peewee

    if peewee.psycopg2 is not None:
        return
    try:
        import psycopg2
        from psycopg2 import errors, extensions
    except ImportError as exc:
        raise DatabaseError(
            "连接 PostgreSQL 需要 psycopg2,请先运行:pip install \"gendan-desktop[postgres]\"。",
            'PostgreSQL needs psycopg2; run: pip install "gendan-desktop[postgres]".',
        ) from exc
    peewee.psycopg2, peewee.pg_extensions, peewee.pg_errors = psycopg2, extensions, errors
    try:
        from psycopg2.extras import register_uuid

        register_uuid()
    except Exception:  # noqa: BLE001 - peewee treats this as optional too
        pass


def make_database(url: str) -> Database:
    """A peewee database for ``url`` (not yet connected, not yet migrated)."""
    if is_postgres_url(url):
        _enable_psycopg2()
        u = urlparse(url)
        return PostgresqlDatabase(
            u.path.lstrip("/") or "postgres",
            user=unquote(u.username) if u.username else None,
            password=unquote(u.password) if u.password else None,
            host=u.hostname or None,
            port=u.port or None,
        )
    path = sqlite_path(url)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteDatabase(
        path,
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_MS,
            "synchronous": "normal",
        },
        timeout=BUSY_TIMEOUT_MS / 1000,
    )


def open_database(url: str | None = None, *, migrate: bool = True, quick_check: bool = True) -> Database:
    """Check, open, bind and (by default) migrate the database at ``url``.

    A database that does not exist yet is created with the current schema.
    ``quick_check=False`` checks only the file header (a non-database is still
    refused); the GUI uses it to show its window at once and runs
    ``check_sqlite_file`` in a worker right after (quick_check reads the whole
    file: 0.9 s for 100,000 orders).
    """
    url = url or default_db_url()
    if not is_postgres_url(url):
        if quick_check:
            check_sqlite_file(sqlite_path(url))
        else:
            check_sqlite_header(sqlite_path(url))
    db = make_database(url)
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # psycopg2 / sqlite3 raise their own types
        raise DatabaseError(
            f"无法打开数据库 {describe(url)}:{exc}",
            f"Cannot open the database {describe(url)}: {exc}",
        ) from exc
    db.gendan_url = url  # remembered for backups and the status bar
    database_proxy.initialize(db)
    if migrate:
        from .migrations import migrate as run_migrations

        run_migrations(db)
    return db


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def current_database() -> Database:
    if database_proxy.obj is None:
        raise DatabaseError("数据库尚未打开。", "No database is open.")
    return database_proxy.obj


def is_sqlite(db: Database | None = None) -> bool:
    return isinstance(db or current_database(), SqliteDatabase)


@contextmanager
def write_transaction():
    """One write transaction; on SQLite it begins IMMEDIATE (see module doc).

    Nested calls become savepoints of the outer transaction.
    """
    db = current_database()
    if isinstance(db, SqliteDatabase) and db.transaction_depth() == 0:
        ctx = db.atomic(lock_type="IMMEDIATE")
    else:
        ctx = db.atomic()
    with ctx:
        yield db
