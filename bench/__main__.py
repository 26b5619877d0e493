"""python -m bench [--quick] [--size tiny|small|big|huge] [--db postgresql://…] [--write-docs]

Runs every benchmark and prints one table (see bench/__init__.py). Exits 0
whatever the results (a benchmark is not a test); 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback

from . import data
from .core import Row
from .rows_lists import LISTS
from .table import text_table, write_docs

GROUPS = ("startup", "cli", "import", "lists", "queries", "files", "memory")


def _guard(name: str, fn, *args, **kwargs) -> list[Row]:
    """Run one group; a crash becomes a skipped row with its reason, not a lost table."""
    t = time.perf_counter()
    try:
        rows = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001
        traceback.print_exc()
        last = (str(exc).strip().splitlines() or [""])[-1]  # one line in the table; the trace is on stderr
        rows = [Row(name, None, None, 0, skipped=f"{type(exc).__name__}: {last}"[:160])]
    data.log(f"  {name}: {time.perf_counter() - t:.0f} s")
    return rows


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m bench", description="Gendan Desktop's benchmark table.")
    ap.add_argument("--quick", action="store_true", help="a small set in under a minute (default size: small)")
    ap.add_argument("--size", choices=list(data.SIZES), help="big = 100k orders (default), huge = 1M")
    ap.add_argument("--db", metavar="postgresql://…", help="also run the list and import rows on this PostgreSQL "
                    "database: one holding the size's data set, or an empty one (filled with it); one holding "
                    "other orders is refused, never emptied")
    ap.add_argument("--only", metavar="GROUPS", help=f"comma-separated subset of: {', '.join(GROUPS)}; or list "
                    f"names ({', '.join(LISTS)}) for only those lists")
    ap.add_argument("--runs", type=int, help="timed runs per side (default 5, --quick 3)")
    ap.add_argument("--write-docs", action="store_true", help="write the table to docs/benchmarks.md")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    args = ap.parse_args(argv)
    if args.db and not args.db.startswith(("postgres://", "postgresql://")):
        ap.error("--db takes a postgresql:// URL (the SQLite data sets are built under bench/.data/)")
    size = args.size or ("small" if args.quick else "big")
    runs = args.runs or (3 if args.quick else 5)
    only = set(args.only.split(",")) if args.only else set(GROUPS)
    only_lists = tuple(k for k in LISTS if k in only)  # "--only orders": the lists group, that list only
    if only_lists:
        only.add("lists")
    unknown = only - set(GROUPS) - set(LISTS)
    if unknown:
        ap.error(f"--only: unknown {', '.join(sorted(unknown))}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"
    t0 = time.perf_counter()
    rows = _rows(only, size, runs, args.quick, args.db)
    clients, orders = data.SIZES[size]
    print(f"data set: {size} ({clients:,} clients, {orders:,} orders); {runs} runs per side; "
          f"{time.perf_counter() - t0:.0f} s")
    print(text_table(rows))
    if args.write_docs:
        extra = [(f"- data set: {size}, demo data of {clients:,} clients and {orders:,} orders "
                  f"(`gendan-desktop demo`), {runs} alternating runs per side; "
                  f"near-empty baseline: the tiny set ({data.SIZES['tiny'][1]} orders)")]
        seconds = data.data_dir() / f"{size}.seconds"
        if seconds.exists():
            extra.append(f"- building this data set took {seconds.read_text().strip()} s")
        print(f"wrote {write_docs(rows, size, args.db, extra)}")
    return 0


def _rows(only: set[str], size: str, runs: int, quick: bool, pg_url: str | None) -> list[Row]:
    """The rows of the groups in ``only``, on the data set of ``size`` (and PostgreSQL when given)."""
    from .rows_lists import list_rows
    from .rows_process import bundle_start, cli_fixed_cost, import_rows, startup

    big = data.sqlite_dataset(size)
    tiny = data.sqlite_dataset("tiny")
    empty = data.empty_sqlite()
    pg = pg_empty = None
    if pg_url:
        pg = data.pg_dataset(pg_url, size)
        pg_empty = data.pg_empty(pg_url)
    rows: list[Row] = []
    if "startup" in only:
        rows += _guard("startup", startup, big, runs)
        if not quick:
            rows += _guard("bundle", bundle_start, 3)
    if "cli" in only:
        rows += _guard("cli", cli_fixed_cost, big, tiny, runs, size)
    if "import" in only:
        rows += _guard("import", import_rows, big, empty, runs, 0 if quick else 10_000, size=size)
        if pg:
            rows += _guard("import PG", import_rows, pg, pg_empty, runs, 0 if quick else 10_000, "PostgreSQL",
                           size=size)
    if "lists" in only:
        chosen = tuple(k for k in LISTS if k in only)  # "--only orders": that list only
        lists = chosen or (("orders",) if quick else None)
        kw = {"lists": lists} if lists else {}
        rows += _guard("lists", list_rows, big, "SQLite", runs, quick, **kw)
        if pg:
            rows += _guard("lists PG", list_rows, pg, "PostgreSQL", runs, quick, **kw)
    return rows + _later_rows(only, size, runs, quick, big)


def _later_rows(only: set[str], size: str, runs: int, quick: bool, big: str) -> list[Row]:
    from .rows_core import backup_row, core_rows
    from .rows_files import cards_row, demo_row, export_row, writers_row
    from .rows_process import peak_memory

    clients, orders = data.SIZES[size]
    rows: list[Row] = []
    if "queries" in only:
        rows += _guard("queries", core_rows, big, runs, quick)
    if "files" in only:
        small = size == "tiny"
        rows += _guard("export", export_row, 1_000 if small else 10_000 if quick else 100_000, runs)
        rows += _guard("cards", cards_row, 20 if small else 100 if quick else 1000, runs)
        d_clients, d_orders = data.SIZES["tiny"] if quick else (clients // 10, orders // 10)
        rows += _guard("demo", demo_row, d_clients, d_orders, 1 if quick else 3)
        if not quick:
            rows += _guard("backup", backup_row, big, 3)
            rows += _guard("writers", writers_row)
    if "memory" in only and not quick:
        rows += _guard("memory", peak_memory, big)
    return rows


if __name__ == "__main__":
    sys.exit(main())
