"""Backups of the embedded SQLite database, and restoring one.

Always SQLite's online backup API, never a file copy: in WAL mode committed
data may live only in the ``-wal`` file, and a copy taken while another
connection writes can be torn. Nothing here opens a database file with
``open()`` (see core/sqlite_file.py for why).

Restore checks the source completely before it touches the live file, then
takes an exclusive lock on the live file (refusing while another window or
script has it open), keeps a safety backup of the current state under that
lock, and writes through the backup API into the live file: no write by
another process can fall between the safety copy and the restore.
PostgreSQL databases are backed up with the server's own tool (pg_dump).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from .backup_content import holds_user_data, is_demo, live_rows, same_data
from .db import BUSY_TIMEOUT_MS, current_database, describe, is_postgres_url, is_sqlite, sqlite_path
from .errors import DatabaseError
from .sqlite_file import (
    SESSION_PREFIX,
    checking_connection,
    inspect_file,
    quick_check_file,
    quick_check_on,
    readonly_uri,
    sidecar,
)

Progress = Callable[[int, int], None]  # (pages done, pages in all)

BACKUP_SUFFIX = ".sqlite3"
BACKUP_PREFIX = "gendan-"  # the default database's backups: gendan-YYYYMMDD-HHMMSS.sqlite3
AUTO_BACKUP_AGE = dt.timedelta(days=1)
# Steps of the copy: about 2% each, so the bar moves smoothly, but never under
# MIN_STEP_BYTES, so a big file does not pay a round trip per few pages.
STEPS = 50
MIN_STEP_BYTES = 8 * 2**20
# The copy and its check read the live file through a memory map: no copy of
# every page out of the OS cache (about 15% of their CPU). They hold a read
# transaction meanwhile, so nothing can shrink the file under the map.
READ_MMAP_BYTES = 2**31
RESTORE_WAIT_S = 5  # how long a restore waits for other connections to close


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


def _pages_per_step(source: sqlite3.Connection) -> int:
    page_size = int(source.execute("PRAGMA page_size").fetchone()[0])
    page_count = int(source.execute("PRAGMA page_count").fetchone()[0])
    return max(MIN_STEP_BYTES // page_size, -(-page_count // STEPS), 1)


def _copy_with_backup_api(src: Path | sqlite3.Connection, dest_path: Path, progress: Progress | None = None) -> None:
    """Copy ``src`` (a file, or an open connection) to ``dest_path`` through
    SQLite's backup API, in steps (see STEPS); ``progress(done, total)`` (pages)
    after each step may raise to stop the copy."""
    source = sqlite3.connect(readonly_uri(src), uri=True, timeout=BUSY_TIMEOUT_MS / 1000) \
        if isinstance(src, Path) else src
    step = None if progress is None else (lambda _status, remaining, total: progress(total - remaining, total))
    try:
        if source is not src:
            # One read transaction over every step: the copy is the state at its
            # start. Between steps of their own, a write by any other connection
            # (the window saving, a script) made SQLite start the copy over, and
            # a big file written to every few seconds never finished.
            source.execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")
            source.execute("BEGIN")
            source.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        dest = sqlite3.connect(str(dest_path))
        try:
            source.backup(dest, pages=-1 if step is None else _pages_per_step(source), progress=step)
            # The open sessions of the live file are not the backup's (core/sessions.py).
            if dest.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'setting'").fetchone():
                dest.execute("DELETE FROM setting WHERE key >= ? AND key < ?", (SESSION_PREFIX, "session;"))
                dest.commit()
            # A backup is one self-contained file: rollback journal, no -wal/-shm
            # appearing beside it when someone opens it.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        if source is not src:
            source.close()


class _SideCheck:
    """``quick_check`` of the live file in a thread while the copy runs.

    Both read every page (the second read comes from the OS cache) and both
    release the GIL in SQLite: with a second core the user waits for the longer
    of the two, not their sum. A damage found stops the copy at its next step.
    """

    def __init__(self, path: Path) -> None:
        self.failure: BaseException | None = None
        self._path = path
        self._conn = checking_connection(path)
        self._thread = threading.Thread(target=self._run, name="backup quick_check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._conn.execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")
            quick_check_on(self._conn, self._path)
        except BaseException as exc:  # noqa: BLE001 - handed to the copying thread
            self.failure = exc

    def watching(self, progress: Progress | None) -> Progress:
        """``progress``, stopping the copy once the check has failed."""
        def step(done: int, total: int) -> None:
            if self.failure is not None:
                raise self.failure
            if progress is not None:
                progress(done, total)
        return step

    def result(self) -> None:
        """Wait for the check; raise what it found."""
        self._thread.join()
        self._conn.close()
        if self.failure is not None:
            raise self.failure

    def stop(self) -> BaseException | None:
        """Abandon the check (the copy failed or was cancelled); what it had
        found by then (not the interruption's own error)."""
        found = self.failure
        if self._thread.is_alive():
            self._conn.interrupt()
            self._thread.join()
        self._conn.close()  # a second close does nothing
        return found


def backup_database(dest_path: str | os.PathLike[str], progress: Progress | None = None, *,
                    check: bool = True) -> Path:
    """Write a consistent copy of the open database to ``dest_path``.

    The copy includes everything committed, also what lives only in the WAL.
    ``check``: ``quick_check`` the database (beside the copy, see _SideCheck),
    so a damaged file is not copied over as if it were good. Refuses
    (DatabaseError) on PostgreSQL, when ``dest_path`` exists, and when the
    check fails. ``progress(done_pages, total_pages)`` is called after every
    step (see STEPS); whatever it raises stops the backup, leaves no file
    behind and propagates (the window's Cancel).
    """
    src = _live_path()
    dest = Path(dest_path)
    if dest.exists():
        raise DatabaseError(
            f"备份文件“{dest}”已存在,未覆盖。请换一个文件名。",
            f"The backup file “{dest}” already exists and was not overwritten; choose another name.",
        )
    side = _SideCheck(src) if check else None
    tmp = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _copy_with_backup_api(src, tmp, side.watching(progress) if side else progress)
        if side:
            side.result()
        os.replace(tmp, dest)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        damage = side.stop() if side else None
        if damage is not None and damage is not exc:
            raise damage from None  # the damage matters more than how the copy ended
        if not isinstance(exc, sqlite3.Error):
            raise
        raise DatabaseError(
            f"备份到“{dest}”失败:{exc}。",
            f"The backup to “{dest}” failed: {exc}.",
        ) from exc
    return dest


# ------------------------------------------------------------ automatic ---
def backup_stem(database: str | os.PathLike[str]) -> str:
    """What backups of ``database`` are named after: ``gendan.sqlite3`` → ``gendan``
    (``shop.db`` → ``shop.db``), so databases sharing a folder never share backups."""
    p = Path(database)
    return p.stem if p.suffix == BACKUP_SUFFIX else p.name


def backup_name(database: str | os.PathLike[str], when: dt.datetime, tag: str = "") -> str:
    return f"{backup_stem(database)}-{tag}{when:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"


def default_backup_folder() -> Path:
    """The setting ``backup_folder``, else ``backups/`` beside the database file.

    For the embedded default database that is ``<data folder>/backups``.
    """
    from .common import get_setting

    folder = get_setting("backup_folder", "")
    return Path(folder) if folder else _live_path().parent / "backups"


def list_backups(folder: str | os.PathLike[str], database: str | os.PathLike[str] | None = None) -> list[Path]:
    """Automatic backups of ``database`` (default: the open one) in ``folder``,
    oldest first (names sort by time). Other databases' backups are not listed."""
    p = Path(folder)
    if not p.is_dir():
        return []
    pattern = re.compile(re.escape(backup_stem(database or _live_path())) + r"-\d{8}-\d{6}(-\d+)?"
                         + re.escape(BACKUP_SUFFIX))
    return sorted(f for f in p.iterdir() if pattern.fullmatch(f.name) and f.is_file())


def _backup_time(path: Path) -> dt.datetime | None:
    stamp = path.name[: -len(BACKUP_SUFFIX)].rsplit("-", 2)
    try:
        return dt.datetime.strptime("-".join(stamp[-2:]), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def auto_backup(folder: str | os.PathLike[str] | None = None, keep: int = 30,
                now: dt.datetime | None = None, *, check: bool = True) -> Path | None:
    """Back up when the newest backup of this database in ``folder`` is over a day old.

    Names are ``<database name>-YYYYMMDD-HHMMSS.sqlite3``; only the newest
    ``keep`` of this database are kept. A database that holds no user data (a
    new one) is not backed up, nor the demo file (demo/database.py), and when the new backup holds the same data as
    the previous one, the previous one is dropped: a database left alone keeps
    one backup, of its latest state (core/backup_content.py). Returns the new
    file, or None when no backup was due (or on PostgreSQL, where pg_dump is the tool).
    """
    if not is_sqlite():
        return None
    live = _live_path()
    folder = Path(folder) if folder else default_backup_folder()
    now = now or dt.datetime.now()
    earlier = list_backups(folder, live)
    times = [t for t in map(_backup_time, earlier) if t is not None]
    if times and now - max(times) <= AUTO_BACKUP_AGE:
        return None
    rows = live_rows()
    if not holds_user_data(rows) or is_demo(rows):
        return None
    made = backup_database(folder / backup_name(live, now), check=check)
    if earlier and earlier[-1] != made and same_data(made, earlier[-1]):
        earlier[-1].unlink(missing_ok=True)
    for old in list_backups(folder, live)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made


# -------------------------------------------------------------- restore ---
def check_backup_file(src_path: str | os.PathLike[str]) -> int:
    """Check that ``src_path`` is a usable Gendan Desktop database; return its schema version.

    Header, that it is ours, a schema not newer than this program's, and
    ``quick_check``. Reads the file through read-only SQLite connections.
    """
    from .migrations import latest_version

    src = Path(src_path)
    facts = inspect_file(src)
    if facts.kind == "missing" or src.is_dir():
        raise DatabaseError(f"找不到备份文件“{src}”。", f"The backup file “{src}” does not exist.")
    if facts.kind == "notdb":
        raise DatabaseError(
            f"“{src}”不是数据库文件,未做任何恢复。请选择跟单桌面的备份文件(.sqlite3)。",
            f"“{src}” is not a database file; nothing was restored. "
            "Choose a Gendan Desktop backup (.sqlite3).",
        )
    try:  # damage first: a damaged backup may also look as if it had no schema version
        if facts.kind == "damaged":
            raise DatabaseError(facts.detail)
        quick_check_file(src)
    except DatabaseError as exc:
        raise DatabaseError(
            f"备份文件“{src}”已损坏或未通过完整性检查({exc.zh}),未做任何恢复。请换一个备份。",
            f"The backup file “{src}” is damaged or failed its integrity check ({exc.en}); "
            "nothing was restored. Choose another backup.",
        ) from exc
    if facts.kind in ("empty", "foreign") or facts.version is None:
        raise DatabaseError(
            f"“{src}”不是跟单桌面的数据库(没有结构版本),未做任何恢复。",
            f"“{src}” is not a Gendan Desktop database (it has no schema version); nothing was restored.",
        )
    version = facts.version
    if version > latest_version():
        raise DatabaseError(
            f"备份“{src}”来自更新版本的跟单桌面(结构版本 {version},本程序支持 {latest_version()}),"
            "未做任何恢复。请先升级跟单桌面。",
            f"The backup “{src}” comes from a newer Gendan Desktop (schema {version}, this program "
            f"supports {latest_version()}); nothing was restored. Upgrade Gendan Desktop first.",
        )
    return version


def _in_use(live: Path, exc: Exception) -> DatabaseError:
    return DatabaseError(
        f"数据库“{live}”正被其他窗口或程序使用({exc}),未做任何恢复。"
        "请先关闭打开它的跟单桌面窗口和脚本,再恢复。",
        f"The database “{live}” is in use by another window or program ({exc}); nothing was restored. "
        "Close the Gendan Desktop windows and scripts that have it open, then restore.",
    )


def _lock_live(live: Path) -> sqlite3.Connection | None:
    """A connection holding the live file exclusively (no one else reads or writes
    until it closes), or None when the file is not a readable database.

    Another connection open anywhere (an idle window, a script in a write
    transaction) makes this wait up to RESTORE_WAIT_S, then refuse.
    """
    conn = sqlite3.connect(str(live), timeout=RESTORE_WAIT_S, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")  # the lock stays after COMMIT in exclusive locking mode
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise _in_use(live, exc) from exc
        return None
    except sqlite3.DatabaseError:
        conn.close()
        return None
    return conn


def _safety_path(live: Path, folder: Path, now: dt.datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / backup_name(live, now, "before-restore-")
    dest, n = first, 1
    while dest.exists():
        n += 1
        dest = first.with_name(f"{first.stem}-{n}{BACKUP_SUFFIX}")
    return dest


def _move_aside(live: Path, dest: Path) -> None:
    """The live file is not a readable database: move it (and its WAL/SHM) aside untouched."""
    os.replace(live, dest)
    for ext in ("-wal", "-shm"):
        if sidecar(live, ext).exists():
            os.replace(sidecar(live, ext), sidecar(dest, ext))


def restore_database(src_path: str | os.PathLike[str], db_url: str,
                     safety_folder: str | os.PathLike[str] | None = None) -> Path | None:
    """Replace the database at ``db_url`` with the backup ``src_path``.

    The source is checked first (see check_backup_file); nothing is touched if
    it fails. Then the live file is locked exclusively (refused while another
    connection has it open), and its current state kept as
    ``<name>-before-restore-….sqlite3`` in ``safety_folder`` (default:
    ``backups/`` beside it); that path is returned (None when there was no
    current file). Close the database in this process first.
    """
    if is_postgres_url(db_url):
        _refuse_postgres(db_url)
    src = Path(src_path)
    check_backup_file(src)
    live = Path(sqlite_path(db_url))
    if live.exists() and live.resolve() == src.resolve():
        raise DatabaseError("不能用数据库文件自身来恢复。", "A database cannot be restored from itself.")
    if inspect_file(live).kind == "foreign":
        raise DatabaseError(
            f"“{live}”是其他程序的数据库,未做任何恢复。请选择跟单桌面的数据库文件。",
            f"“{live}” is another program's database; nothing was restored. Choose a Gendan Desktop database.",
        )
    folder = Path(safety_folder) if safety_folder else live.parent / "backups"
    now = dt.datetime.now()
    safety, conn = None, None
    try:
        if live.exists() and live.stat().st_size > 0:
            conn = _lock_live(live)
            safety = _safety_path(live, folder, now)
            try:
                if conn is None:
                    raise sqlite3.DatabaseError("not a readable database")
                _copy_with_backup_api(conn, safety)
            except sqlite3.DatabaseError:
                safety.unlink(missing_ok=True)
                if conn is not None:
                    conn.close()
                    conn = None
                _move_aside(live, safety)
        live.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, sqlite3.Error) as exc:
        if conn is not None:
            conn.close()
        raise DatabaseError(
            f"无法先保存当前数据库({exc}),未做任何恢复。",
            f"The current database could not be kept first ({exc}); nothing was restored.",
        ) from exc
    _write_into(src, live, conn, safety)
    return safety


def _write_into(src: Path, live: Path, conn: sqlite3.Connection | None, safety: Path | None) -> None:
    """Copy the backup ``src`` into the live file (through ``conn``, the exclusive lock, if held)."""
    try:
        source = sqlite3.connect(readonly_uri(src), uri=True)
        try:
            target = conn or sqlite3.connect(str(live), timeout=BUSY_TIMEOUT_MS / 1000)
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
