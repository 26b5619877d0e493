"""Two processes, 300 read-then-write transactions each, on one SQLite file.

    python bench/immediate_bench.py

Compares a plain (deferred) transaction with a busy timeout against
write_transaction() (BEGIN IMMEDIATE). Prints how many transactions failed
with "database is locked" in each mode and the final counter value.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

N = 300


def worker(path: str, mode: str, start, out) -> None:
    from peewee import OperationalError

    from gendan_desktop.core.db import open_database, write_transaction
    from gendan_desktop.core.models import Counter

    db = open_database(path)
    failed = 0
    start.wait()
    for _ in range(N):
        try:
            ctx = write_transaction() if mode == "immediate" else db.atomic()
            with ctx:
                value = Counter.get(Counter.name == "bench").value  # read first…
                Counter.update(value=value + 1).where(Counter.name == "bench").execute()  # …then write
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            failed += 1
    out.put(failed)
    db.close()


def run(mode: str) -> tuple[int, int, float]:
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.models import Counter

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.sqlite3")
        open_database(path)
        Counter.create(name="bench", value=0)
        close_database()
        start, out = mp.Event(), mp.Queue()
        procs = [mp.Process(target=worker, args=(path, mode, start, out)) for _ in range(2)]
        for p in procs:
            p.start()
        time.sleep(1.0)  # let both processes open the database before the race starts
        t = time.perf_counter()
        start.set()
        failed = sum(out.get() for _ in procs)
        for p in procs:
            p.join()
        seconds = time.perf_counter() - t
        open_database(path, migrate=False)
        value = Counter.get(Counter.name == "bench").value
        close_database()
    return failed, value, seconds


if __name__ == "__main__":
    for mode in ("deferred", "immediate"):
        failed, value, seconds = run(mode)
        print(f"{mode:10} failed {failed:4} of {2 * N}, counter = {value:4} (lost updates: {2 * N - failed - value}), {seconds:.1f} s")
