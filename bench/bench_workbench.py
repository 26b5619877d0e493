"""工作台 speed on a big database: each section's query, and the time to the first section shown.

    python bench/bench_workbench.py [--db FILE] [--runs 3]

Works on a COPY of the demo database (bench/out/gui100k.sqlite3 by default,
made by bench_gui.py: 100,000 orders, 10,000 clients), since opening it may
migrate it. Prints, median of ``--runs`` each:

1. every section's gathering (``workbench.gather_section``) in load order,
   with its ratio to the 50 ms target;
2. the slow core queries whole and as the workbench asks for them (the first
   201 rows);
3. in a real (offscreen) window: from refresh() to the first section in the
   tree (target ≤ 50 ms), to all sections, and the longest the GUI thread went
   without handling an event meanwhile (a 5 ms timer's worst gap).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0


def median_ms(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def bench_queries(runs: int) -> None:
    from gendan_desktop.core import progress, receivables, risk
    from gendan_desktop.gui import workbench

    today = dt.date.today()
    print("sections (gather_section, in load order):")
    total = 0.0
    for key in workbench.LOAD_ORDER:
        ms, s = median_ms(lambda k=key: workbench.gather_section(k, today, 7), runs)
        total += ms
        n = "not written" if s is None else (f"error {s.error}" if s.error else f"{len(s.entries)} entries")
        print(f"  {key:<22} {ms:8.1f} ms  ratio {ms / TARGET_MS:5.2f}  ({n}; shown after {total:7.1f} ms)")
    print("core queries:")
    for name, fn in [
        ("overdue_receivables (all)", lambda: receivables.overdue_receivables(today)),
        ("overdue_receivables (limit 201)", lambda: receivables.overdue_receivables(today, limit=201)),
        ("orders_at_risk (all)", lambda: risk.orders_at_risk(today)),
        ("orders_at_risk (limit 201)", lambda: risk.orders_at_risk(today, limit=201)),
        ("late_steps (limit 201)", lambda: progress.late_steps(today, limit=201)),
    ]:
        ms, rows = median_ms(fn, runs)
        print(f"  {name:<34} {ms:8.1f} ms  ({len(rows)} rows)")


def bench_gui(db: str, runs: int) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="gendan-bench-qs-")
    from PySide6.QtCore import QTimer

    from gendan_desktop.gui import operations
    from gendan_desktop.gui.app import create_application, open_database_or_ask
    from gendan_desktop.gui.main_window import MainWindow

    app = create_application("zh")
    database = open_database_or_ask(db, defer_check=True)
    window = MainWindow(database.gendan_url)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    tab = window.show_tab("workbench")
    while operations._RUNNING:  # the load at start-up
        app.processEvents()
        time.sleep(0.002)
    firsts, alls, gaps = [], [], []
    for _ in range(runs):
        got: list[float] = []
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        tab.section_shown.connect(lambda _key: got.append(time.perf_counter()))
        timer.start(5)
        t0 = time.perf_counter()
        ticks.append(t0)
        tab.refresh()
        while tab.loading or operations._RUNNING:
            app.processEvents()
            time.sleep(0.001)
        t_end = time.perf_counter()
        timer.stop()
        tab.section_shown.disconnect()
        firsts.append((got[0] - t0) * 1000)
        alls.append((t_end - t0) * 1000)
        gaps.append(max(b - a for a, b in zip(ticks, ticks[1:] + [t_end])) * 1000)
    f, a, g = statistics.median(firsts), statistics.median(alls), statistics.median(gaps)
    print(f"window: first section shown after {f:.1f} ms (ratio {f / TARGET_MS:.2f} to the 50 ms target), "
          f"all {len(tab.sections)} sections after {a:.0f} ms; longest GUI-thread stall {g:.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "bench" / "out" / "gui100k.sqlite3"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--in-place", action="store_true", help="use --db itself instead of a copy")
    args = ap.parse_args()
    db = args.db
    if not args.in_place:
        copy = Path(tempfile.gettempdir()) / "gendan-bench-workbench.sqlite3"
        shutil.copyfile(db, copy)
        db = str(copy)
    sys.path.insert(0, str(ROOT))
    from gendan_desktop.core.db import open_database
    from gendan_desktop.core.models import Client, Order

    open_database(db, quick_check=False)
    print(f"data: {Order.select().count():,} orders, {Client.select().count():,} clients")
    bench_queries(args.runs)
    bench_gui(db, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
