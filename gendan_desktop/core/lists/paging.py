"""Key paging over a list's query: the first page, the page after a row, the last page.

A list's ``build_query`` ends in ``ORDER BY`` sort expressions…, id (the id
last: every row's place is unique). The first screen needs only its first
rows: the same query with ``LIMIT n`` walks the sort index and stops, where
the whole id list reads every matching row. The page after a row adds
"(sort values, id) after that row's" — the database seeks in the index and
walks on — and the last page (Ctrl+End) is the reversed order with
``LIMIT n``: never ``OFFSET``, whose cost grows with the depth.

NULL sort values come first ascending on SQLite and last on PostgreSQL (and
the other way descending); the comparisons below follow that placement, so a
walk page by page returns exactly ``find_ids``' list.

A list module offers ``first_page(filters, sort, n)``, ``page_after(filters,
sort, key, n)`` and ``last_page(filters, sort, n)`` (``pager``); the window's
model pages its own built query with ``first``, ``after`` and ``last``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import OP, Expression, Ordering, Value

from ..connection import current_database, is_sqlite
from ..models import Expr, Query

PAGE = 120  # rows of a first page: four screens of a maximised list
Key = tuple[Any, ...]  # a row's sort values, its id last (as the database returns them)


@dataclass(frozen=True)
class Page:
    """Ids in display order, with the keys of the first and last of them (None if empty)."""

    ids: list[int]
    first_key: Key | None = None
    last_key: Key | None = None


def first(query: Query, n: int = PAGE) -> Page:
    """The first ``n`` rows of ``query`` in its order."""
    return _page(query, None, n, reverse=False)


def after(query: Query, key: Key, n: int = PAGE) -> Page:
    """The ``n`` rows that follow the row whose key is ``key`` (from a ``Page``)."""
    return _page(query, key, n, reverse=False)


def last(query: Query, n: int = PAGE) -> Page:
    """The last ``n`` rows of ``query``, in its order (read in the reverse order)."""
    return _page(query, None, n, reverse=True)


def first_ids(key: tuple[str, Sequence[Any]], n: int = PAGE) -> list[int]:
    """The first ``n`` ids of the id query whose (sql, params) is ``key``
    (``core.lists.sql_key``): that very text with ``LIMIT``, so a window's
    first screen builds no second SQL (peewee took three times the query).
    The keys for the page after it come from ``key_of`` when needed."""
    sql, params = key
    return [int(r[0]) for r in current_database().execute_sql(f"{sql} LIMIT {int(n)}", params).fetchall()]


def key_of(query: Query, id_: int) -> Key | None:
    """The key (sort values, id) of row ``id_`` of ``query`` (None: not among its rows)."""
    terms = orderings(query)
    q = query.select(*[node for node, _ in terms]).where(Expression(terms[-1][0], OP.EQ, Value(id_, converter=False)))
    row = current_database().execute(q.limit(1)).fetchone()
    return tuple(row) if row else None


def orderings(query: Query) -> list[tuple[Expr, bool]]:
    """(expression, descending) of each ``ORDER BY`` term of ``query``, the id last."""
    out = []
    for term in getattr(query, "_order_by", None) or ():
        if isinstance(term, Ordering):
            out.append((term.node, str(term.direction).upper() == "DESC"))
        else:
            out.append((term, False))
    if not out:
        raise ValueError("a paged query needs ORDER BY …, id")
    return out


def _page(query: Query, key: Key | None, n: int, *, reverse: bool) -> Page:
    terms = orderings(query)
    q = query.select(*[node for node, _ in terms])
    if key is not None:
        q = q.where(after_condition(terms, key))
    if reverse:
        q = q.order_by(*[Ordering(node, "ASC" if desc else "DESC") for node, desc in terms])
    rows = [tuple(r) for r in current_database().execute(q.limit(n)).fetchall()]
    if reverse:
        rows.reverse()
    return Page([int(r[-1]) for r in rows], rows[0] if rows else None, rows[-1] if rows else None)


def after_condition(terms: Sequence[tuple[Expr, bool]], key: Key) -> Expr:
    """The WHERE term of the rows after ``key`` in the order of ``terms``.

    Lexicographic: a later first value, or the same and later in the rest.
    The leading term of a non-NULL key also bounds the first sort value
    (``v >= key``), the range the database seeks to in the sort index.
    """
    if len(terms) != len(key):
        raise ValueError("the key does not match the query's sort")
    nulls_low = is_sqlite()  # SQLite: NULL before every value; PostgreSQL: after

    def rest(i: int) -> Expr:
        # Expression(…) rather than operators: a sort term may be a subquery
        node, desc = terms[i]
        v = key[i]
        beyond = Expression(node, OP.LT if desc else OP.GT, Value(v, converter=False))
        if i == len(terms) - 1:  # the id: never NULL, unique
            return beyond
        nulls_first = nulls_low != desc
        is_null, not_null = Expression(node, OP.IS, None), Expression(node, OP.IS_NOT, None)
        if v is None:
            same_and_later = is_null & rest(i + 1)
            return (same_and_later | not_null) if nulls_first else same_and_later
        cond = beyond | (Expression(node, OP.EQ, Value(v, converter=False)) & rest(i + 1))
        return cond if nulls_first else (cond | is_null)

    cond = rest(0)
    node, desc = terms[0]
    if len(terms) > 1 and key[0] is not None and nulls_low != desc:
        cond = Expression(node, OP.LTE if desc else OP.GTE, Value(key[0], converter=False)) & cond
    return cond


PageFunctions = tuple[Callable[..., Page], Callable[..., Page], Callable[..., Page]]


def pager(build_query: Callable[[Any, Any], Query]) -> PageFunctions:
    """A list module's ``first_page``, ``page_after`` and ``last_page`` over its
    ``build_query(filters, sort)``::

        first_page, page_after, last_page = paging.pager(build_query)
    """

    def first_page(filters: Any, sort: Any, n: int = PAGE) -> Page:
        """The first ``n`` ids of ``find_ids(filters, sort)`` (and their keys)."""
        return first(build_query(filters, sort), n)

    def page_after(filters: Any, sort: Any, key: Key, n: int = PAGE) -> Page:
        """The ``n`` ids after the row of ``key`` (a ``Page``'s ``last_key``)."""
        return after(build_query(filters, sort), key, n)

    def last_page(filters: Any, sort: Any, n: int = PAGE) -> Page:
        """The last ``n`` ids of ``find_ids(filters, sort)``, in its order."""
        return last(build_query(filters, sort), n)

    return first_page, page_after, last_page
