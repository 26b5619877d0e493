"""Receivables speed. Run: ``cd /work/main && python bench/bench_receivables.py [CLIENTS ORDERS]``.

Fills a temporary SQLite database with demo data (core/demo.py), then times
``receivables_by_client()`` (a fixed handful of GROUP BY queries) against the
naive way, one ``client_balance()`` per client, and one statement per client
for a year. Prints the times, the ratio, and checks that both ways agree.
Each side runs ``ROUNDS`` times alternately; the best time of each counts.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def best(fn, rounds=ROUNDS):
    times, result = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main(argv: list[str]) -> int:
    from gendan_desktop.core import receivables, statements
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.demo import fill_demo
    from gendan_desktop.core.models import Client, Payment, ShipmentLine

    n_clients = int(argv[0]) if argv else 500
    n_orders = int(argv[1]) if len(argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        open_database(str(Path(tmp) / "bench.sqlite3"))
        t0 = time.perf_counter()
        fill_demo(clients=n_clients, orders=n_orders, seed=7)
        print(f"demo fill: {n_clients} clients, {n_orders} orders, {ShipmentLine.select().count()} shipment lines, "
              f"{Payment.select().count()} payments in {time.perf_counter() - t0:.1f} s")
        ids = [c.id for c in Client.select(Client.id)]

        def per_client():
            return {(cid, cur): v for cid in ids for cur, v in receivables.client_balance(cid).items()}

        def grouped():
            return {(r.client_id, r.currency): r.balance for r in receivables.receivables_by_client()}

        t_group, a = best(grouped)
        t_loop, b = best(per_client)
        assert a == b, "grouped and per-client receivables disagree"
        print(f"receivables_by_client: {t_group * 1000:.1f} ms; per-client loop: {t_loop * 1000:.1f} ms; "
              f"ratio {t_loop / t_group:.1f}x faster ({len(a)} client/currency rows)")

        year = (dt.date.today() - dt.timedelta(days=365), dt.date.today())
        sample = ids[: min(50, len(ids))]
        t_st, _ = best(lambda: [statements.statement(cid, *year) for cid in sample], rounds=1)
        print(f"statement for one client and one year: {t_st / len(sample) * 1000:.1f} ms on average")
        close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
