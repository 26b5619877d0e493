"""How many SELECTs a call sends to SQLite: tests that hold a query count fixed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def statements(database: Any, func: Callable[[], T]) -> tuple[T, list[str]]:
    """``func()``'s result and the SELECT statements it ran on ``database`` (this thread's connection)."""
    seen: list[str] = []
    conn = database.connection()
    conn.set_trace_callback(lambda sql: seen.append(sql) if sql.lstrip().upper().startswith("SELECT") else None)
    try:
        result = func()
    finally:
        conn.set_trace_callback(None)
    return result, seen


def selects(database: Any, func: Callable[[], T]) -> tuple[T, int]:
    """``func()``'s result and the number of SELECT statements it ran on ``database``."""
    result, seen = statements(database, func)
    return result, len(seen)
