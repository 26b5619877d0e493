"""Opening the database: the embedded SQLite file, or PostgreSQL for a team.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every
write transaction starts with ``BEGIN IMMEDIATE`` (core/connection.py, which
holds the open database and its transactions; they are re-exported here).

Nothing here (or anywhere) opens the database file with Python's ``open()``:
in a process holding a connection that drops SQLite's locks on POSIX and lets
another process delete the -wal under it. Files are inspected through SQLite
(core/sqlite_file.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from .connection import close_database as close_database
from .connection import current_database as current_database
from .connection import is_sqlite as is_sqlite
from .connection import serialize as serialize
from .connection import write_transaction as write_transaction
from .errors import DatabaseError
from .locations import APP_NAME  # noqa: F401 - where it was before core/locations.py
from .locations import data_dir as located_data_dir
from .migrations import latest_version
from .migrations import migrate as run_migrations
from .models import database_proxy
from .sessions import after_passed_check, shutdown_was_unclean
from .sqlite_file import (  # noqa: F401 - readonly_uri is part of this module's interface
    APPLICATION_ID,
    FileFacts,
    folder_writable,
    inspect_file,
    quick_check_file,
    readonly_uri,
    refuse_unusable,
    session_uri,
)

DB_FILENAME = "gendan.sqlite3"
BUSY_TIMEOUT_MS = 10_000
# SQLite's page cache per connection (KiB; a maximum, filled only by pages
# read). The default 2 MB is smaller than what the visible rows of a list
# touch at 100,000 orders (their lines, cards and steps): the next chunk
# read them from the file again, 6 ms instead of 0.6 for 60 production rows.
CACHE_KIB = 16_000


def data_dir() -> Path:
    """The user's data folder (on Windows %LOCALAPPDATA%\\GendanDesktop), or the
    portable one beside the program (core/locations.py)."""
    return located_data_dir()


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


def check_sqlite_file(path: str) -> None:
    """Refuse a file that is not our database or fails ``quick_check``.

    Reads through read-only SQLite connections only (see core/sqlite_file.py),
    so it is safe in a process that holds a connection to the file.
    """
    if path == ":memory:":
        return
    facts = inspect_file(path)
    refuse_unusable(facts, create=True, latest=latest_version())
    if facts.kind == "ours":
        quick_check_file(path)


def database_is_writable(url: str) -> bool:
    """Whether a command could write to the database (False on read-only media
    or for a read-only file; always True on PostgreSQL, the server decides)."""
    if is_postgres_url(url):
        return True
    path = Path(sqlite_path(url))
    if str(path) == ":memory:":
        return True
    return (not path.exists() or os.access(path, os.W_OK)) and folder_writable(path)


def is_database_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is the open SQLite database or its -wal/-shm/-journal.

    Compared by ``os.stat`` (device and inode), never by opening it: a file to
    import or to write over must not be the database (see module doc).
    """
    db = database_proxy.obj
    if db is None or not isinstance(db, SqliteDatabase):
        return False
    live = sqlite_path(getattr(db, "gendan_url", "") or db.database)
    try:
        st = os.stat(path)
    except OSError:
        return False
    for ext in ("", "-wal", "-shm", "-journal"):
        try:
            other = os.stat(live + ext)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino):
            return True
    return False


def refuse_database_file(path: str | os.PathLike[str]) -> None:
    """DatabaseError when ``path`` is the open database (see is_database_file)."""
    if is_database_file(path):
        raise DatabaseError(
            f"“{path}”是正在使用的数据库文件,不能用来导入或写入,未做任何修改。请选择其他文件。",
            f"“{path}” is the database file in use; it cannot be imported or written over. "
            "Nothing was changed; choose another file.",
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


def make_database(url: str, *, readonly: bool = False) -> Database:
    """A peewee database for ``url`` (not yet connected, not yet migrated).

    ``readonly`` (SQLite): ``query_only``, its journal mode left as it is;
    where the file cannot be written (read-only folder or medium) opened
    ``mode=ro`` too. Where it can, the connection stays an ordinary one, so
    that closing it removes the -wal/-shm like any other last connection.
    """
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
    if readonly and path != ":memory:":
        writable = database_is_writable(url)
        return SqliteDatabase(
            path if writable else session_uri(path), uri=not writable,
            pragmas={"foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS, "query_only": 1, "cache_size": -CACHE_KIB},
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
    return SqliteDatabase(
        path,
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_MS,
            "synchronous": "normal",
            "cache_size": -CACHE_KIB,
        },
        timeout=BUSY_TIMEOUT_MS / 1000,
    )


def _check_file(path: str, *, create: bool, quick_check: bool | None) -> tuple[FileFacts, bool]:
    """The checks before a SQLite file is opened (see open_database); returns
    what was found and whether quick_check ran."""
    facts = inspect_file(path)
    if facts.kind == "foreign":
        quick_check_file(path)  # a damaged file of ours can look foreign: say damaged then
    refuse_unusable(facts, create=create, latest=latest_version())
    checked = facts.kind == "ours" and (quick_check or (quick_check is None and shutdown_was_unclean(facts)))
    if checked:
        quick_check_file(path)
    return facts, bool(checked)


def open_database(url: str | None = None, *, migrate: bool = True, create: bool = True,
                  readonly: bool = False, quick_check: bool | None = None) -> Database:
    """Check, open, bind and (by default) migrate the database at ``url``.

    Before anything can write, SQLite files are checked for what is cheap and
    certain, read-only and through SQLite (core/sqlite_file.py): the file
    exists (a missing or empty one is made only when ``create``), is a SQLite
    database, is ours, and its schema is not newer than this program's.
    ``quick_check`` reads the whole file, so it runs when asked (True), never
    (False), or by default only after an unclean shutdown (core/sessions.py);
    a file that fails is refused and not written to.

    ``readonly``: a command that only reads opens a current database
    read-only, also from read-only media; an older one is opened for writing
    to be upgraded (refused where it cannot be written).
    """
    url = url or default_db_url()
    facts, checked = None, False
    path = sqlite_path(url) if not is_postgres_url(url) else ""
    if path and path != ":memory:":
        facts, checked = _check_file(path, create=create, quick_check=quick_check)
        current = facts.kind == "ours" and (facts.version == latest_version() or not migrate)
        if readonly and not current and facts.kind == "ours" and not database_is_writable(url):
            raise DatabaseError(
                f"数据库“{path}”由旧版跟单桌面建立,需要先升级,而它所在的位置不可写。请把它复制到可写的文件夹再打开。",
                f"The database “{path}” was made by an older Gendan Desktop and must be upgraded, but it "
                "cannot be written where it is. Copy it to a writable folder and open it there.",
            )
        readonly = readonly and current
        if not readonly and facts.kind == "ours" and not database_is_writable(url):
            raise DatabaseError(
                f"数据库“{path}”在只读的文件夹或介质上,只能查看、导出和打印,此操作需要写入,未做任何修改。",
                f"The database “{path}” is in a read-only folder or on read-only media: it can be checked, "
                "exported and printed from, but this needs to write to it. Nothing was changed.",
            )
        if facts.kind == "missing":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    else:
        readonly = False
    db = make_database(url, readonly=readonly)
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # psycopg2 / sqlite3 raise their own types
        raise DatabaseError(
            f"无法打开数据库 {describe(url)}:{exc}",
            f"Cannot open the database {describe(url)}: {exc}",
        ) from exc
    db.gendan_url = url  # remembered for backups and the status bar
    db.gendan_readonly = readonly
    database_proxy.initialize(db)
    if readonly:
        return db
    if migrate and (facts is None or facts.kind != "ours" or facts.version != latest_version()):
        run_migrations(db)
        if facts is not None and facts.application_id != APPLICATION_ID:
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    if checked and migrate and facts is not None:
        after_passed_check(facts)
    return db
