"""Production queries the GUI runs while the merchandiser scrolls (issue 3: 50 ms).

Run: ``cd /work/main && python bench/bench_production.py [--orders N] [--no-fail]``.

On a demo database (default 100,000 orders, 10,000 clients) it times, best of
``BENCH_ROUNDS``:

1. ``risk_for_orders`` for 60 visible rows (random ids), the risk colour column;
2. ``progress_grid`` + ``order_progress`` of one order in production;
3. ``card_by_number`` + ``record_progress`` (one scan at the scan box);
4. ``late_steps``, ``orders_at_risk``, ``overdue_purchases`` and
   ``open_exceptions`` for the workbench (whole database).

Prints each time as a ratio of the 50 ms budget; exits 1 if 1–3 miss it
(the workbench queries are printed for information: they run once per refresh).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
BUDGET = 0.050


def best(func, rounds=ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=10_000)
    ap.add_argument("--no-fail", action="store_true")
    args = ap.parse_args()

    from gendan_desktop.core import materials, production, production_exceptions, risk
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.demo import fill_demo
    from gendan_desktop.core.models import FlowCard, FlowCardStep, Order

    with tempfile.TemporaryDirectory() as tmp:
        open_database(str(Path(tmp) / "bench.sqlite3"))
        t = time.perf_counter()
        fill_demo(clients=args.clients, orders=args.orders, seed=7)
        print(f"demo data: {args.orders} orders in {time.perf_counter() - t:.1f} s")
        today = dt.date.today()
        rng = random.Random(1)
        ids = [i for (i,) in Order.select(Order.id).tuples()]
        visible = rng.sample(ids, min(60, len(ids)))
        busy = (Order.select(Order.id).join(FlowCard, on=(FlowCard.order == Order.id))
                .where((Order.status == "in_production") & FlowCard.recalled_at.is_null()
                       & (FlowCard.revision == Order.revision))
                .group_by(Order.id).order_by(Order.id.desc()).limit(1).scalar())
        # a card with room left at its first step, for the scan
        step = (FlowCardStep.select(FlowCardStep, FlowCard).join(FlowCard).join(Order, on=(FlowCard.order == Order.id))
                .where((FlowCardStep.seq == 1) & (FlowCardStep.qty_in < FlowCard.quantity - ROUNDS)
                       & FlowCard.recalled_at.is_null() & (FlowCard.revision == Order.revision)
                       & Order.status.in_(("confirmed", "in_production")))
                .first())
        results = [
            ("risk_for_orders, 60 visible rows", best(lambda: risk.risk_for_orders(visible, today)), True),
            ("progress_grid + order_progress", best(lambda: (production.progress_grid(busy, today),
                                                              production.order_progress(busy))) if busy else 0.0, True),
        ]
        if step is not None:
            number = step.card.number
            results.append(("scan + record_progress", best(lambda: production.record_progress(
                production.card_by_number(f" {number.lower()}\n").number, 1, 1, 1, 0, "bench")), True))
        results += [
            ("late_steps, all (workbench)", best(lambda: production.late_steps(today), 2), False),
            ("late_steps, worst 20 (workbench)", best(lambda: production.late_steps(today, limit=20), 2), False),
            ("orders_at_risk (workbench)", best(lambda: risk.orders_at_risk(today), 2), False),
            ("overdue_purchases (workbench)", best(lambda: materials.overdue_purchases(today), 2), False),
            ("open_exceptions (workbench)", best(lambda: production_exceptions.open_exceptions(), 2), False),
        ]
        close_database()
    failed = False
    for name, secs, gated in results:
        ratio = secs / BUDGET
        mark = "" if not gated else ("  OK" if ratio <= 1 else "  MISSED")
        print(f"{name:36s} {secs * 1000:8.1f} ms  = {ratio:5.2f} × 50 ms{mark}")
        failed |= gated and ratio > 1
    return 1 if failed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
