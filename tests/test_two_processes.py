"""Two processes writing one SQLite file: write_transaction() (BEGIN IMMEDIATE) loses nothing.

With a plain deferred transaction both processes read, then both try to write,
and one gets "database is locked" at once, busy timeout or not (measured here:
285 of 600 failed; `python -m bench`, row “two writers”).
"""

from __future__ import annotations

import multiprocessing as mp

N = 150


def _worker(path: str, barrier, out) -> None:
    from gendan_desktop.core.db import open_database, write_transaction
    from gendan_desktop.core.models import Counter

    open_database(path)
    barrier.wait()
    errors = 0
    for _ in range(N):
        try:
            with write_transaction():
                value = Counter.get(Counter.name == "race").value  # read…
                Counter.update(value=value + 1).where(Counter.name == "race").execute()  # …then write
        except Exception:
            errors += 1
    out.put(errors)


def test_read_then_write_from_two_processes_loses_nothing(tmp_path):
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.models import Counter

    path = str(tmp_path / "shared.sqlite3")
    open_database(path)
    Counter.create(name="race", value=0)
    close_database()

    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(path, barrier, out)) for _ in range(2)]
    for p in procs:
        p.start()
    errors = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert errors == [0, 0]
    open_database(path)
    try:
        assert Counter.get(Counter.name == "race").value == 2 * N
    finally:
        close_database()
