"""The queries behind the window's long lists, one module per list.

As Anki's browser table asks the collection for ``find_cards`` (the sorted
ids) and ``browser_row_for_id`` (one row), a list module offers
``find_ids(filters, sort)`` and ``rows(ids)``; the GUI's table model only
formats what they return (gui/kit/table_model.py: rows are fetched for the
visible range only).

Shared here: ``query_ids`` (one round trip for every matching id, reused while
the database is unchanged) and ``scan_only`` (a WHERE term the SQLite planner
must not use as its index). The filter and sort values every list takes are in
``core/lists/spec.py``.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from ..connection import current_database, is_sqlite
from ..models import Expr, Query

# (sql, params) → (connection, (data_version, total_changes), ids), newest last
IdCache = OrderedDict[tuple[str, tuple[Any, ...]], tuple[Any, tuple[int, int], list[int]]]


def new_id_cache() -> IdCache:
    """A cache for ``query_ids``: (sql, params) → (connection, stamp, ids), newest last."""
    return OrderedDict()


def query_ids(query: Query, cache: IdCache | None = None, keep: int = 3) -> list[int]:
    """The ids a peewee SELECT of one id column returns, in its order.

    On SQLite the ids come back as one JSON array (11 ms instead of 25 for
    100,000 Python rows), and while the database is unchanged (no commit by
    another connection, no change by this one) the same query answers from
    ``cache`` (at most ``keep`` queries are kept).
    """
    db = current_database()
    if not is_sqlite(db):
        return [int(r[0]) for r in db.execute(query).fetchall()]
    sql, params = query.sql()
    key = (sql, tuple(params))
    conn = db.connection()
    stamp = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
    if cache is not None:
        hit = cache.get(key)
        if hit is not None and hit[0] is conn and hit[1] == stamp:
            cache.move_to_end(key)
            return hit[2]
    # An aggregate over a subquery with ORDER BY keeps the subquery's order
    # (SQLite never flattens that shape).
    row = db.execute_sql(f"SELECT json_group_array(id) FROM ({sql})", params).fetchone()
    ids: list[int] = json.loads(row[0]) if row and row[0] else []
    if cache is not None:
        cache[key] = (conn, stamp, ids)
        while len(cache) > keep:
            cache.popitem(last=False)
    return ids


def scan_only(field: Expr) -> Expr:
    """``field`` for a WHERE term that must not pick the index SQLite walks.

    On SQLite a unary ``+`` keeps the planner walking the (covering) index of
    the sort column, testing the term in that index, instead of fetching a
    large match through the term's own index and sorting it in a temporary
    B-tree. Elsewhere (PostgreSQL has no unary + on text) the field itself.
    """
    from peewee import SQL, NodeList

    return NodeList((SQL("+"), field), glue="") if is_sqlite() else field
