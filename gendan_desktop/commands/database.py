"""Database subcommands: demo, check, backup, restore."""

from __future__ import annotations

import sys
import time

from ..core.limits import DEMO_CLIENTS, DEMO_ORDERS
from . import bounded_int, db_url, say


def add_commands(subparsers, common_parent) -> None:
    p = subparsers.add_parser(
        "demo", parents=[common_parent],
        help="fill an empty database with demo data of a garment factory",
        description="Fill an empty database with realistic demo data (clients, orders in every "
                    "state, production, shipments, payments, complaints).",
    )
    p.add_argument("--clients", type=bounded_int(DEMO_CLIENTS), default=200, metavar="N",
                   help="number of clients (default 200, at most 100,000)")
    p.add_argument("--orders", type=bounded_int(DEMO_ORDERS), default=1000, metavar="N",
                   help="number of orders (default 1000, at most 1,000,000)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed; the same seed gives the same data")
    p.set_defaults(func=cmd_demo)

    p = subparsers.add_parser(
        "check", parents=[common_parent],
        help="schema version, integrity check and row count per table (exit 1 if anything is wrong)",
    )
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser("backup", parents=[common_parent],
                              help="write a consistent copy of the SQLite database to FILE")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser("restore", parents=[common_parent],
                              help="replace the database with the backup FILE (checked first)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)


def cmd_demo(args) -> int:
    from ..core.db import close_database, describe, open_database
    from ..demo import fill_demo

    url = db_url(args)
    open_database(url, create=True, quick_check=True)  # demo may make a database; never fills a damaged one
    try:
        started = time.perf_counter()
        counts = fill_demo(clients=args.clients, orders=args.orders, seed=args.seed)
        seconds = time.perf_counter() - started
    finally:
        close_database()
    say(f"演示数据已写入 {describe(url)}({seconds:.1f} 秒):",
        f"Demo data written to {describe(url)} in {seconds:.1f} s:")
    for table, n in counts.items():
        print(f"  {table}: {n}")
    return 0


def _integrity(db) -> list[str]:
    """Problems found by SQLite's own checks (empty when all is well)."""
    problems = []
    rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        problems += rows[:20]
    fk = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    for r in fk[:20]:
        problems.append(f"foreign key: {r[0]} row {r[1]} -> {r[2]}")
    return problems


def cmd_check(args) -> int:
    from ..core import search
    from ..core.db import close_database, describe, is_sqlite, open_database
    from ..core.migrations import latest_version, schema_version
    from ..core.models import ALL_MODELS

    url = db_url(args)
    db = open_database(url, create=False, readonly=True, quick_check=True)
    bad = False
    try:
        print(f"database: {describe(url)}")
        version = schema_version(db)
        ok = version == latest_version()
        bad |= not ok
        print(f"schema_version: {version}" + ("" if ok else f" (expected {latest_version()})"))
        if is_sqlite(db):
            problems = _integrity(db)
            print("integrity_check: " + ("ok" if not problems else "FAILED"))
            for line in problems:
                print(f"  {line}")
            bad |= bool(problems)
        else:
            print("integrity_check: skipped (PostgreSQL checks its own pages)")
        counts = {}
        for model in ALL_MODELS:
            table = model._meta.table_name
            counts[table] = db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            print(f"{table}: {counts[table]}")
        if is_sqlite(db):
            stale = search.index_problems(db)
            for line in stale:
                print(f"search_index: {line}")
            bad |= bool(stale)
        _report_po_duplicates()
    finally:
        close_database()
    if bad:
        say("检查发现问题(见上)。请从备份恢复:gendan-desktop restore 备份文件。",
            "The check found problems (see above). Restore a backup: gendan-desktop restore FILE.",
            file=sys.stderr)
        return 1
    return 0


def _report_po_duplicates() -> None:
    """Orders that shared a client PO before the database refused it (migration 7):
    kept as they were, listed here to review (not an error: nothing is broken)."""
    from ..core.orders import legacy_po_duplicates

    dups = legacy_po_duplicates()
    print(f"client_po_duplicates: {len(dups)}")
    for number, first, po in dups[:50]:
        say(f"  订单 {number} 与 {first} 是同一客户的同一客户订单号“{po}”(升级前已存在),请核对后修改或取消其一。",
            f"  order {number} has the same client PO “{po}” as {first} of the same client (from before the "
            "upgrade); review it and change or cancel one of them.")


def cmd_backup(args) -> int:
    from ..core.backup import backup_database
    from ..core.db import close_database, open_database

    url = db_url(args)
    # as it is (an older schema is not upgraded first); backup_database runs quick_check
    open_database(url, create=False, readonly=True, migrate=False, quick_check=False)
    try:
        dest = backup_database(args.file)
    finally:
        close_database()
    say(f"已备份到 {dest}", f"Backed up to {dest}")
    return 0


def cmd_restore(args) -> int:
    from ..core.backup import restore_database
    from ..core.db import close_database, describe, open_database

    url = db_url(args)
    safety = restore_database(args.file, url)
    open_database(url)  # upgrades an older backup to the current schema
    close_database()
    say(f"已从 {args.file} 恢复 {describe(url)}。", f"Restored {describe(url)} from {args.file}.")
    if safety:
        say(f"恢复前的数据库保存在 {safety}", f"The database before the restore was kept as {safety}")
    return 0
