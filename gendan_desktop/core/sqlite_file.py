"""What a SQLite file is, read through SQLite itself, never with Python's ``open()``.

On POSIX, closing *any* descriptor of a file drops every lock the process holds
on it ("How To Corrupt An SQLite Database File", 2.2): a process that holds a
connection and then reads the file's header with ``open()`` lets another process
believe it is the last user and delete the ``-wal`` under it. A second SQLite
connection in the same process is safe: SQLite's VFS keeps one lock table per
file and defers closing a descriptor while locks are held. So the header, the
schema version and "is this ours" are read through a read-only connection.

``inspect_file`` is what every open costs: a few pages, whatever the size of
the database. ``quick_check_file`` reads the whole file and runs only where it
matters (see core/db.py: open_database).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .errors import DatabaseError

BUSY_TIMEOUT_MS = 10_000
# The header's application_id (offset 68) of files made by Gendan Desktop: "GDan".
APPLICATION_ID = 0x4744616E
# Files made before the application_id was set are recognised by these tables.
_OUR_TABLES = frozenset({"schema_version", "client", "order", "setting"})
SESSION_PREFIX = "session:"


@dataclass(frozen=True)
class FileFacts:
    """What ``inspect_file`` found. ``kind`` is one of: ``missing`` (no file),
    ``empty`` (a file with no tables: ours to fill), ``notdb`` (not SQLite),
    ``damaged`` (SQLite, but its schema cannot be read), ``foreign`` (another
    program's database), ``ours``."""

    path: Path
    kind: str
    detail: str = ""
    version: int | None = None
    application_id: int = 0
    journal_mode: str = ""
    wal_bytes: int = 0
    sessions: tuple[tuple[str, str], ...] = field(default=())
    settings: dict[str, str] = field(default_factory=dict)


def sidecar(path: str | Path, ext: str) -> Path:
    """``path`` + ``-wal`` / ``-shm`` / ``-journal``."""
    return Path(str(path) + ext)


def folder_writable(path: str | Path) -> bool:
    """Whether SQLite could create its -wal/-shm beside ``path`` (False on read-only media)."""
    return os.access(Path(path).resolve().parent, os.W_OK)


def readonly_uri(path: str | Path) -> str:
    """A URI that opens ``path`` read-only and leaves no file beside it.

    Without a -wal/-shm the file is opened ``immutable``: a read-only WAL
    connection would otherwise create both next to a file we must not touch.
    No connection is open then (a WAL connection keeps both files), so nothing
    changes the file during a short read.
    """
    p = Path(path)
    uri = "file:" + quote(p.resolve().as_posix(), safe="/:") + "?mode=ro"
    if not sidecar(p, "-wal").exists() and not sidecar(p, "-shm").exists():
        uri += "&immutable=1"
    return uri


def session_uri(path: str | Path) -> str:
    """A read-only URI for a whole working session (an export, a check).

    Unlike ``readonly_uri`` never ``immutable`` where another process could
    write meanwhile: only on read-only media, where SQLite could not create
    its -shm and nobody can write anyway.
    """
    p = Path(path)
    uri = "file:" + quote(p.resolve().as_posix(), safe="/:") + "?mode=ro"
    if not folder_writable(p) and not sidecar(p, "-shm").exists():
        uri += "&immutable=1"
    return uri


def _size_or_zero(path: Path) -> int:
    """Its size, 0 when it is not there: a -wal is deleted by the last connection that
    closes, in another process at any moment, also between a test for it and reading it."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def inspect_file(path: str | Path, *, settings: tuple[str, ...] = ()) -> FileFacts:
    """Read what is cheap and certain: header, tables, schema version, the
    application id, the journal mode and the session markers (core/sessions.py).
    ``settings`` names rows of the ``setting`` table to read along."""
    p = Path(path)
    if not p.exists():
        return FileFacts(p, "missing")
    wal_bytes = _size_or_zero(sidecar(p, "-wal"))
    if p.is_dir():
        return FileFacts(p, "notdb", "a folder")
    if p.stat().st_size == 0 and not wal_bytes:
        return FileFacts(p, "empty")
    try:
        conn = sqlite3.connect(readonly_uri(p), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            version, sessions, values = None, (), {}
            if "schema_version" in tables:
                row = conn.execute("SELECT version FROM schema_version").fetchone()
                version = int(row[0]) if row else 0
            if "setting" in tables:
                # key range instead of LIKE: walks the unique index on key
                sessions = tuple(conn.execute(
                    "SELECT key, value FROM setting WHERE key >= ? AND key < ?",
                    (SESSION_PREFIX, SESSION_PREFIX[:-1] + chr(ord(SESSION_PREFIX[-1]) + 1))).fetchall())
                if settings:
                    marks = ", ".join("?" * len(settings))
                    values = dict(conn.execute(f"SELECT key, value FROM setting WHERE key IN ({marks})",
                                               settings).fetchall())
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "not a database" in str(exc):
            return FileFacts(p, "notdb", str(exc))
        raise cannot_open(p, exc) from exc
    except sqlite3.DatabaseError as exc:
        kind = "notdb" if "not a database" in str(exc) else "damaged"
        return FileFacts(p, kind, str(exc))
    common = dict(version=version, application_id=app_id, journal_mode=mode, wal_bytes=wal_bytes,
                  sessions=sessions, settings=values)
    if not tables:
        return FileFacts(p, "empty" if app_id in (0, APPLICATION_ID) else "foreign", **common)
    ours = app_id == APPLICATION_ID or (app_id == 0 and (tables >= _OUR_TABLES or tables == {"schema_version"}))
    return FileFacts(p, "ours" if ours else "foreign", **common)


def quick_check_file(path: str | Path) -> None:
    """``PRAGMA quick_check`` on a read-only connection; DatabaseError when damaged.

    Reads the whole file (about 1 s per 400 MB here): run it where it matters.
    """
    p = Path(path)
    conn = checking_connection(p)
    try:
        quick_check_on(conn, p)
    finally:
        conn.close()


def checking_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection for ``quick_check_on`` (usable from another thread:
    the backup runs its check beside the copy)."""
    try:
        return sqlite3.connect(readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    except sqlite3.OperationalError as exc:
        raise cannot_open(path, exc) from exc


def quick_check_on(conn: sqlite3.Connection, p: Path) -> None:
    """``PRAGMA quick_check`` of ``p`` through ``conn``; DatabaseError when damaged."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as exc:
        raise cannot_open(p, exc) from exc
    except sqlite3.DatabaseError as exc:
        raise damaged(p, str(exc)) from exc
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        raise DatabaseError(
            f"数据库文件“{p}”未通过完整性检查({detail}),未做任何修改。请从备份恢复。",
            f"The database file “{p}” failed its integrity check ({detail}); "
            "nothing was changed. Restore a backup.",
        )


# ------------------------------------------------------------- refusals ---
class MissingDatabase(DatabaseError):
    """The database file does not exist (and this action may not create one)."""


def cannot_open(p: Path, exc: Exception) -> DatabaseError:
    return DatabaseError(f"无法打开数据库文件“{p}”:{exc}。未做任何修改。",
                         f"Cannot open the database file “{p}”: {exc}. Nothing was changed.")


def damaged(p: Path, detail: str) -> DatabaseError:
    return DatabaseError(
        f"数据库文件“{p}”已损坏({detail}),未做任何修改。请从备份恢复。",
        f"The database file “{p}” is damaged ({detail}); nothing was changed. Restore a backup.",
    )


def newer_schema(version: int, latest: int, where: str = "") -> DatabaseError:
    where_zh = f"“{where}”" if where else ""
    where_en = f"“{where}” " if where else ""
    return DatabaseError(
        f"数据库{where_zh}的结构版本({version})比本程序支持的({latest})新,未做任何修改。请升级跟单桌面。",
        f"The database {where_en}has schema {version}, newer than this program supports ({latest}); "
        "nothing was changed. Please upgrade Gendan Desktop.",
    )


def refuse_unusable(facts: FileFacts, *, create: bool, latest: int) -> None:
    """Raise DatabaseError unless the file is ours (or new and ``create``)."""
    p = facts.path
    if facts.kind in ("missing", "empty") and not create:
        if facts.kind == "missing":
            raise MissingDatabase(
                f"数据库文件“{p}”不存在,未新建任何文件。请检查路径(--db 或 GENDAN_DB)。",
                f"The database file “{p}” does not exist; nothing was created. Check the path (--db or GENDAN_DB).",
            )
        raise MissingDatabase(
            f"“{p}”是空文件,还不是跟单桌面的数据库,未做任何修改。请检查路径(--db 或 GENDAN_DB)。",
            f"“{p}” is empty, not yet a Gendan Desktop database; nothing was changed. "
            "Check the path (--db or GENDAN_DB).",
        )
    if facts.kind == "notdb":
        raise DatabaseError(
            f"“{p}”不是跟单桌面的数据库文件,未做任何修改。请选择正确的文件,或从备份恢复。",
            f"“{p}” is not a Gendan Desktop database; nothing was changed. "
            "Choose the right file or restore a backup.",
        )
    if facts.kind == "damaged":
        raise damaged(p, facts.detail)
    if facts.kind == "foreign":
        raise DatabaseError(
            f"“{p}”是其他程序的 SQLite 数据库,不是跟单桌面的数据库,未做任何修改。请选择跟单桌面的数据库文件。",
            f"“{p}” is another program's SQLite database, not a Gendan Desktop database; "
            "nothing was changed. Choose a Gendan Desktop database.",
        )
    if facts.kind == "ours" and (facts.version or 0) > latest:
        raise newer_schema(facts.version or 0, latest, str(p))
