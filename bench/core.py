"""What every benchmark row shares: the result, timing by alternating medians,
and SQL captured from our code and replayed raw (the "same query in raw SQL").

A row compares our median with a baseline's median measured in the same run
on the same data, the two sides alternating so that the shared machine's load
falls on both alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Row:
    """One line of the table. ``ours``/``base`` are seconds (or MB for memory
    rows: ``unit="MB"``); the row passes when the ratio (or, for ``delta`` rows,
    the difference) is within ``target`` and ours is below ``limit`` if one is set."""

    name: str
    ours: float | None
    base: float | None
    target: float
    limit: float | None = None  # an absolute ceiling for ours (same unit)
    whole: float | None = None  # what ``limit`` is checked on when not ours (a list action with its repaint)
    unit: str = "s"
    delta: bool = False  # target is ours - base (memory), not ours / base
    note: str = ""
    group: str = ""
    skipped: str = ""  # why the row could not run (then it neither passes nor fails)

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.base:
            return None
        return self.ours / self.base

    @property
    def passed(self) -> bool | None:
        if self.skipped or self.ours is None or self.base is None:
            return None
        ok = (self.ours - self.base <= self.target) if self.delta else (self.ratio or 0) <= self.target
        if self.limit is not None:
            ok = ok and (self.ours if self.whole is None else self.whole) < self.limit
        return ok

    def target_text(self) -> str:
        if self.delta:
            text = f"≤ +{self.target:g} {self.unit}"
        else:
            text = f"≤ {self.target:g}×"
        if self.limit is not None:
            text += f", < {_fmt(self.limit, self.unit)}" + (" painted" if self.whole is not None else "")
        return text


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "MB":
        return f"{value:.0f} MB"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def fmt_value(value: float | None, unit: str = "s") -> str:
    return _fmt(value, unit)


@dataclass
class Pair:
    """Medians of two alternating sides, with their raw samples."""

    ours: float
    base: float
    ours_runs: list[float] = field(default_factory=list)
    base_runs: list[float] = field(default_factory=list)


def alternate(ours: Callable[[], Any], base: Callable[[], Any], runs: int, *,
              before: Callable[[], Any] | None = None, warm: bool = True,
              after: Callable[[], Any] | None = None) -> Pair:
    """Run ``base`` and ``ours`` alternately ``runs`` times (after one untimed
    warm-up each) and return both medians (wall clock, what a user waits).
    ``before`` runs untimed before every run of ours (reset the state),
    ``after`` untimed after it (let its background work end before ``base``)."""
    if warm:
        base()
        if before:
            before()
        ours()
        if after:
            after()
    a, b = [], []
    for _ in range(runs):
        t = time.perf_counter()
        base()
        b.append(time.perf_counter() - t)
        if before:
            before()
        t = time.perf_counter()
        ours()
        a.append(time.perf_counter() - t)
        if after:
            after()
    return Pair(statistics.median(a), statistics.median(b), a, b)


# ----------------------------------------------------------- SQL capture ---
@contextmanager
def captured_sql(db):
    """Record every statement ``db`` executes meanwhile on this thread as (sql,
    params): what the timed action waits for. A list's background read of its
    whole id list (gui/kit/id_paging.py) runs in a worker meanwhile and is not
    part of it (rows_lists.py times it apart)."""
    import threading

    statements: list[tuple[str, tuple]] = []
    original = db.execute_sql
    me = threading.get_ident()

    def execute_sql(sql, params=None, *args, **kwargs):
        if threading.get_ident() == me:
            statements.append((sql, tuple(params or ())))
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        yield statements
    finally:
        del db.execute_sql  # back to the class's method


def sql_of(db, fn: Callable[[], Any]) -> list[tuple[str, tuple]]:
    with captured_sql(db) as statements:
        fn()
    return [s for s in statements if s[0].lstrip().upper().startswith(("SELECT", "WITH"))]


class RawConnection:
    """A plain DB-API connection to the same database, outside peewee: the
    baseline runs our captured statements on it and fetches every row."""

    def __init__(self, url: str):
        from gendan_desktop.core.db import is_postgres_url, sqlite_path

        if is_postgres_url(url):
            import psycopg2

            self.conn = psycopg2.connect(url)
            self.conn.autocommit = True
        else:
            import sqlite3

            from gendan_desktop.core.db import CACHE_KIB

            self.conn = sqlite3.connect(sqlite_path(url))
            # the page cache our connections have: the comparison is of the Python around the queries
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.cursor = self.conn.cursor()

    def run(self, statements: list[tuple[str, tuple]]) -> int:
        n = 0
        cur = self.cursor
        for sql, params in statements:
            cur.execute(sql, params)
            n += len(cur.fetchall())
        return n

    def close(self) -> None:
        self.conn.close()
