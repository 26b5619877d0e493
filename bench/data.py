"""The data sets, made once and cached under ``bench/.data/`` (ignored by git).

A SQLite data set is built fresh by ``gendan-desktop demo`` into a file of its
own and renamed into place only once that process has ended and closed it (no
live database file is ever copied). A PostgreSQL one is filled by the same
command into the database the URL names; it counts as cached while its number
of orders fits the size.

A data set made by older code has an older schema, which the app migrates on
opening: the first row to open it would time the migration. So every data set
is brought to this code's schema once, here, before any row runs, and the
migration is logged (``migrated``); one of a newer schema (migrated by newer
code sharing the folder) is refused with what to do, never used.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# size → (clients, orders)
SIZES = {
    "tiny": (50, 300),
    "small": (1_000, 10_000),
    "big": (10_000, 100_000),
    "huge": (100_000, 1_000_000),
}


def size_label(size: str) -> str:
    """How a row names the data set it ran on: "big DB (100k orders)"."""
    orders = SIZES[size][1]
    count = (f"{orders // 1_000_000}M" if orders >= 1_000_000 else f"{orders // 1000}k" if orders >= 1000
             else str(orders))
    return f"{size} DB ({count} orders)"


def data_dir() -> Path:
    path = Path(os.environ.get("GENDAN_BENCH_DATA") or ROOT / "bench" / ".data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def demo(url: str, clients: int, orders: int) -> float:
    """Fill the database at ``url`` with demo data (a child process); seconds taken."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gendan_desktop", "demo", "--db", url, "--clients", str(clients),
                    "--orders", str(orders)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, GENDAN_NO_AUTO_BACKUP="1"))
    return time.perf_counter() - t


def sqlite_dataset(size: str) -> str:
    """The path of the demo database of ``size`` (built on first use)."""
    final = data_dir() / f"{size}.sqlite3"
    if final.exists():
        return migrated(str(final), size)
    building = data_dir() / f"{size}.building.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    clients, orders = SIZES[size]
    log(f"building the {size} data set ({clients:,} clients, {orders:,} orders) in {final} …")
    seconds = demo(str(building), clients, orders)
    log(f"  built in {seconds:.0f} s")
    for suffix in ("-wal", "-shm"):  # the demo process closed it: SQLite removed these
        if Path(f"{building}{suffix}").exists():
            raise SystemExit(f"{building}{suffix} left behind: the demo process did not close the database")
    building.rename(final)
    (data_dir() / f"{size}.seconds").write_text(f"{seconds:.0f}\n")
    return str(final)


def schema_of(url: str) -> int:
    """The data set's schema version, read without migrating (0: none yet)."""
    from gendan_desktop.core.db import is_postgres_url, sqlite_path

    if not is_postgres_url(url):
        from gendan_desktop.core.sqlite_file import inspect_file

        return inspect_file(sqlite_path(url)).version or 0
    conn = _pg_connect(url)
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('public.schema_version')")
        version = 0
        if cur.fetchone()[0] is not None:
            cur.execute("SELECT MAX(version) FROM schema_version")
            version = cur.fetchone()[0] or 0
    conn.close()
    return int(version)


def migrated(url: str, label: str) -> str:
    """``url`` at this code's schema: migrated here, once and logged, when older;
    refused (SystemExit) when newer."""
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.migrations import latest_version

    version, latest = schema_of(url), latest_version()
    if version > latest:
        raise SystemExit(f"the {label} data set {url} has schema {version}, newer than this code's {latest} "
                         "(newer code migrated it): delete it to rebuild it, or give GENDAN_BENCH_DATA a folder "
                         "of your own")
    if version < latest:
        log(f"migrating the {label} data set {url} from schema {version} to {latest} (once, before any row) …")
        t = time.perf_counter()
        open_database(url, quick_check=False)
        close_database()
        log(f"  migrated in {time.perf_counter() - t:.1f} s")
        if schema_of(url) != latest:
            raise SystemExit(f"the {label} data set {url} is still not at schema {latest} after migrating")
    return url


def empty_sqlite() -> str:
    """A new, migrated, empty database (made afresh each run: opening creates it)."""
    path = data_dir() / "empty.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    from gendan_desktop.core.db import open_database

    open_database(str(path)).close()
    return str(path)


# ---------------------------------------------------------------- postgres --
def _pg_connect(url: str):
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def _pg_with_db(url: str, name: str) -> str:
    from urllib.parse import urlparse, urlunparse

    return urlunparse(urlparse(url)._replace(path="/" + name))


def pg_ensure_database(url: str) -> None:
    """Create the database ``url`` names if the server does not have it."""
    from urllib.parse import urlparse

    name = urlparse(url).path.lstrip("/")
    conn = _pg_connect(_pg_with_db(url, "postgres"))
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def pg_reset(url: str) -> None:
    conn = _pg_connect(url)
    with conn.cursor() as cur:
        cur.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
    conn.close()


def pg_order_count(url: str) -> int:
    conn = _pg_connect(url)
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('public.\"order\"')")
        if cur.fetchone()[0] is None:
            conn.close()
            return 0
        cur.execute('SELECT COUNT(*) FROM "order"')
        n = cur.fetchone()[0]
    conn.close()
    return n


def pg_dataset(url: str, size: str) -> str:
    """``url`` holding the demo data of ``size`` (an empty database is filled on
    first use; one holding other orders is refused, never emptied: the server is
    shared, and a database of another size is someone's data set)."""
    clients, orders = SIZES[size]
    pg_ensure_database(url)
    held = pg_order_count(url)
    if orders <= held <= orders * 1.1:
        return migrated(url, size)
    if held:
        raise SystemExit(f"{url} holds {held:,} orders, not the {size} data set ({orders:,}): it is left as it is. "
                         "Give an empty database (it is filled) or one holding that data set.")
    log(f"filling {url} with the {size} data set ({clients:,} clients, {orders:,} orders) …")
    pg_reset(url)
    log(f"  filled in {demo(url, clients, orders):.0f} s")
    return url


def pg_empty(url: str) -> str:
    """An empty, migrated database beside ``url`` (its name + ``_empty``)."""
    from urllib.parse import urlparse

    from gendan_desktop.core.db import open_database

    empty = _pg_with_db(url, urlparse(url).path.lstrip("/") + "_empty")
    pg_ensure_database(empty)
    pg_reset(empty)
    open_database(empty).close()
    return empty
