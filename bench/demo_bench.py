"""Demo fill speed: 10,000 clients / 100,000 orders into a new database.

    python bench/demo_bench.py [URL]     (default: a new SQLite file in a temp folder)

Prints the total time, rows written and rows per second. For PostgreSQL pass
an empty database's URL (its public schema is dropped and recreated!).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gendan_desktop.core.db import close_database, open_database  # noqa: E402
from gendan_desktop.core.demo import fill_demo  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[1] if len(sys.argv) > 1 else str(Path(tmp) / "demo.sqlite3")
        if url.startswith("postgres"):
            import psycopg2

            conn = psycopg2.connect(url)
            conn.autocommit = True
            conn.cursor().execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
            conn.close()
        open_database(url)
        t = time.perf_counter()
        counts = fill_demo(clients=10_000, orders=100_000, seed=1)
        seconds = time.perf_counter() - t
        close_database()
        rows = sum(counts.values())
        print(f"10k clients / 100k orders: {seconds:.1f} s, {rows:,} rows, {rows / seconds:,.0f} rows/s")


if __name__ == "__main__":
    main()
