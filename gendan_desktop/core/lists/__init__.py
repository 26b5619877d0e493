"""The queries behind the window's long lists, one module per list.

As Anki's browser table asks the collection for ``find_cards`` (the sorted
ids) and ``browser_row_for_id`` (one row), a list module offers
``find_ids(filters, sort)`` and ``rows(ids)``; the GUI's table model only
formats what they return (gui/kit/table_model.py: rows are fetched for the
visible range only).

Shared here: ``query_ids`` (one round trip for every matching id, reused while
the database is unchanged), key paging (``core/lists/paging.py``: the first
page, the page after a row, the last page, for the first screen before the
whole id list is there) and ``scan_only`` (a WHERE term the SQLite planner
must not use as its index). The filter and sort values every list takes are in
``core/lists/spec.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from typing import Any

from .. import compiled_sql
from ..connection import current_database, is_sqlite
from ..models import Expr, Query

# (this thread's connection, PRAGMA data_version, total_changes): equal while
# the database is unchanged, seen from that connection (SQLite only)
Stamp = tuple[Any, int, int]
SqlKey = tuple[str, tuple[Any, ...]]  # (sql, params)
IdCache = OrderedDict[SqlKey, tuple[Stamp, list[int]]]


def new_id_cache() -> IdCache:
    """A cache for ``query_ids``: (sql, params) → (stamp, ids), newest last."""
    return OrderedDict()


def sql_key(query: Query) -> SqlKey:
    """(sql, params) of ``query``: what the id caches are keyed by."""
    sql, params = query.sql()
    return sql, tuple(params)


def data_stamp() -> Stamp | None:
    """This thread's view of the database version (None on PostgreSQL: no cache there)."""
    db = current_database()
    if not is_sqlite(db):
        return None
    conn = db.connection()
    return conn, conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def cached_ids(cache: IdCache, key: SqlKey, stamp: Stamp | None) -> list[int] | None:
    """The ids ``cache`` holds for ``key`` if taken at ``stamp`` (the database unchanged since)."""
    hit = cache.get(key) if stamp is not None else None
    if hit is None or hit[0][0] is not stamp[0] or hit[0][1:] != stamp[1:]:  # type: ignore[index]
        return None
    cache.move_to_end(key)
    return hit[1]


def remember_ids(cache: IdCache, key: SqlKey, stamp: Stamp | None, ids: list[int], keep: int = 3) -> None:
    """Keep ``ids`` (read at ``stamp`` or later) for ``key``; at most ``keep`` queries."""
    if stamp is None:
        return
    cache[key] = (stamp, ids)
    cache.move_to_end(key)
    while len(cache) > keep:
        cache.popitem(last=False)


def ids_of_sql(sql: str, params: tuple[Any, ...], batch: int = 20_000) -> list[int]:
    """The ids a SELECT of one id column returns, in its order (any thread).

    On SQLite they come back as one JSON array (11 ms instead of 25 for
    100,000 Python rows). Rows are turned into Python ints ``batch`` at a time:
    a worker building a million in one C call holds the GIL, and the window
    stops, for its whole length (50 ms and more).
    """
    db = current_database()
    if not is_sqlite(db):
        cursor = db.execute_sql(sql, params)
        out: list[int] = []
        while rows := cursor.fetchmany(batch):
            out.extend(int(r[0]) for r in rows)
        return out
    # An aggregate over a subquery with ORDER BY keeps the subquery's order
    # (SQLite never flattens that shape).
    row = db.execute_sql(f"SELECT json_group_array(id) FROM ({sql})", params).fetchone()
    return _json_ints(row[0] if row and row[0] else "[]", batch * 7)


def _json_ints(text: str, chars: int) -> list[int]:
    """The JSON array of integers ``text`` as a list, parsed about ``chars`` characters at a time."""
    body, out, start = text[1:-1], [], 0
    while start < len(body):
        end = body.find(",", start + chars)
        end = len(body) if end < 0 else end
        out.extend(json.loads(f"[{body[start:end]}]"))
        start = end + 1
    return out


def query_ids(query: Query, cache: IdCache | None = None, keep: int = 3) -> list[int]:
    """The ids a peewee SELECT of one id column returns, in its order.

    While the database is unchanged (no commit by another connection, no
    change by this one) the same query answers from ``cache`` (SQLite).
    """
    return key_ids(sql_key(query), cache, keep)


def key_ids(key: SqlKey, cache: IdCache | None = None, keep: int = 3) -> list[int]:
    """``query_ids`` of the query whose (sql, params) is ``key``."""
    stamp = data_stamp() if cache is not None else None
    if cache is not None:
        hit = cached_ids(cache, key, stamp)
        if hit is not None:
            return hit
    ids = ids_of_sql(*key)
    if cache is not None:
        remember_ids(cache, key, stamp, ids, keep)
    return ids


def list_sql(module: Any, filters: Any, sort: Any) -> tuple[SqlKey, Query | None]:
    """(sql, params) of ``module.build_query(filters, sort)``, and the query if it was built.

    Where the list module names the filters that only bind values
    (``PLAIN_FILTERS``: no branch on the value, no read while building) or the
    values of a filter that each make a pure query of their own
    (``SHAPE_FILTERS``), and no others and no text are set, the SQL is built
    once per shape (the sort, the filters set, the shaping values) and
    replayed with the values (core.compiled_sql): building and
    compiling it through peewee cost 2-3 times a first page's query. Otherwise
    the query is built as usual (a text search reads the search index).
    """
    from .spec import Filters

    plain = getattr(module, "PLAIN_FILTERS", None)
    shaping = getattr(module, "SHAPE_FILTERS", {})  # key → values that each make their own pure query
    values = getattr(filters, "values", None)
    if plain is None or values is None or filters.text.strip() or not all(
            k in plain or v in shaping.get(k, ()) for k, v in values.items()):
        query = module.build_query(filters, sort)
        return sql_key(query), query
    shape: list[tuple[str, Any, tuple[bool, ...]]] = []  # (key, a range? or the shaping value, which parts are None)
    args: list[Any] = []
    for k in sorted(k for k, v in values.items() if v is not None and v != ""):
        v = values[k]
        if k not in plain:  # a shaping value: in the shape's name, not a parameter
            shape.append((k, ("value", v), ()))
            continue
        parts = v if isinstance(v, tuple) else (v,)
        if not all(p is None or (isinstance(p, (str, int, dt.date)) and not isinstance(p, bool)) for p in parts):
            query = module.build_query(filters, sort)
            return sql_key(query), query
        shape.append((k, isinstance(v, tuple), tuple(p is None for p in parts)))
        args.extend(p for p in parts if p is not None)

    def build(*stand_ins: Any) -> Query:
        given = iter(stand_ins)
        rebuilt: dict[str, Any] = {}
        for k, kind, nones in shape:
            if isinstance(kind, tuple):
                rebuilt[k] = kind[1]
                continue
            parts = tuple(None if none else next(given) for none in nones)
            rebuilt[k] = parts if kind else parts[0]
        return module.build_query(Filters("", rebuilt), sort)

    name = f"{module.__name__}.ids {sort.key} {sort.descending} {shape}"
    sql, params = compiled_sql.sql(name, build, *args)
    return (sql, tuple(params)), None


def scan_only(field: Expr) -> Expr:
    """``field`` for a WHERE term that must not pick the index SQLite walks.

    On SQLite a unary ``+`` keeps the planner walking the (covering) index of
    the sort column, testing the term in that index, instead of fetching a
    large match through the term's own index and sorting it in a temporary
    B-tree. Elsewhere (PostgreSQL has no unary + on text) the field itself.
    """
    from peewee import SQL, NodeList

    return NodeList((SQL("+"), field), glue="") if is_sqlite() else field
