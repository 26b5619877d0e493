"""The 客户档案 list: which clients, in which order, and what a row shows.

Filters: ``status`` (current / potential / archived / look_alike), ``grade``,
``source``, ``next_followup`` (a date range of open follow-ups).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from peewee import SQL, fn

from ..connection import current_database
from ..models import Client, Expr, FollowUp, Order, Query
from ..search import client_list_match
from . import IdCache, paging, query_ids, scan_only
from .spec import BY_ID, NO_FILTERS, Filters, Sort, ordered

# orders in these statuses do not make a client current (现实客户)
NOT_YET_ORDERED = ("draft", "cancelled")
SORTS = ("code", "name", "grade", "current", "source", "country", "last_followup", "next_followup")
# filters whose values are only bound (status branches, look_alike reads): SQL replayed (core.lists.list_sql)
PLAIN_FILTERS = frozenset({"grade", "source", "next_followup"})
SHAPE_FILTERS = {"status": frozenset({"current", "potential", "archived"})}  # look_alike reads the names


class ClientRow(NamedTuple):  # a tuple: 60 made per screen, a frozen dataclass costs 3 times as much
    code: str
    name: str
    grade: str
    source: str
    country: str
    archived: bool
    version: int
    current: bool  # has ordered (an order neither draft nor cancelled)
    last_followup: dt.date | None
    next_followup: dt.date | None  # the earliest open follow-up date


def _is_current() -> Expr:
    # EXISTS probes the order.client_id index per client (~10k probes); an
    # IN (subquery) would scan all 100k orders into a temporary table first.
    return fn.EXISTS(Order.select(SQL("1")).where(
        (Order.client == Client.id) & Order.status.not_in(NOT_YET_ORDERED)))


def _sort_fields(key: str | None) -> list[Expr]:
    fields: dict[str, Any] = {
        "code": Client.code, "name": Client.pinyin,  # Chinese names in pinyin order, as users expect
        "grade": Client.grade, "current": _is_current(), "source": Client.source, "country": Client.country,
        # kept on the client by triggers (core/followup_dates.py): indexed, where
        # aggregates over the follow-ups were computed and sorted for every client
        "last_followup": Client.last_followup_date, "next_followup": Client.next_followup_date}
    return [fields[key]] if key in fields else []


def _by_status(query: Query, value: str) -> Query:
    if value == "current":
        return query.where(_is_current())
    if value == "potential":
        return query.where(~_is_current())
    if value == "look_alike":  # names that only look alike, waiting for review (core.clients)
        from ..clients import look_alike_client_ids

        return query.where(Client.id.in_(look_alike_client_ids() or [0]))
    return query.where(Client.archived == True)  # noqa: E712


def build_query(filters: Filters, sort: Sort) -> Query:
    query = Client.select(Client.id)
    status = filters.get("status")
    if status != "archived":
        query = query.where(Client.archived == False)  # noqa: E712
    if status:
        query = _by_status(query, status)
    for key in ("grade", "source"):
        if filters.get(key):  # a few values, each common: walking the sort finds a page at once
            query = query.where(scan_only(getattr(Client, key)) == filters.get(key))
    if filters.get("next_followup"):
        lo, hi = filters.get("next_followup")
        if lo is None:  # an open reminder due by ``hi``: the earliest one is (the column kept for the sort)
            due = Client.next_followup_date
            query = query.where(due.is_null(False) if hi is None else due <= hi)
        else:
            query = _reminder_between(query, lo, hi)
    text = filters.text.strip()
    if text:  # name, code, pinyin, e-mail… or the country (core.search)
        query = query.where(client_list_match(text))
    return ordered(query, Client.id, _sort_fields(sort.key), sort)


def _reminder_between(query: Query, lo: Any, hi: Any) -> Query:
    """Clients with any open reminder dated ``lo``…``hi`` (not only their earliest)."""
    sub = FollowUp.select(FollowUp.client).where(
        (FollowUp.next_done == False) & (FollowUp.next_date >= lo))  # noqa: E712
    if hi is not None:
        sub = sub.where(FollowUp.next_date <= hi)
    return query.where(Client.id.in_(sub))


def find_ids(filters: Filters = NO_FILTERS, sort: Sort = BY_ID, *, cache: IdCache | None = None) -> list[int]:
    """Every matching client id, in display order (one query)."""
    return query_ids(build_query(filters, sort), cache)


# the first screen's pages by key (core/lists/paging.py)
first_page, page_after, last_page = paging.pager(build_query)


def rows(ids: Iterable[int]) -> dict[int, ClientRow]:
    """The rows of ``ids``: one query in plain SQL (peewee's query building for
    four IN (…) queries cost more than the queries themselves)."""
    ids = list(ids)
    if not ids:
        return {}
    db = current_database()
    marks = ", ".join([db.param] * len(ids))
    c, o = Client._meta.table_name, Order._meta.table_name
    not_yet = ", ".join(f"'{s}'" for s in NOT_YET_ORDERED)
    sql = (f'SELECT c.id, c.code, c.name, c.grade, c.source, c.country, c.archived, c.version, '
           f'EXISTS(SELECT 1 FROM "{o}" o WHERE o.client_id = c.id AND o.status NOT IN ({not_yet})), '
           f'c.last_followup_date, c.next_followup_date '
           f'FROM "{c}" c WHERE c.id IN ({marks})')
    out = {}
    for cid, code, name, grade, source, country, archived, version, current, last, nxt in \
            db.execute_sql(sql, ids).fetchall():
        out[int(cid)] = ClientRow(code, name, grade, source, country, bool(archived), int(version), bool(current),
                                  last and _date(last), nxt and _date(nxt))
    return out


def names(ids: Iterable[int]) -> list[str]:
    """The names of ``ids`` (for a prompt naming the chosen clients)."""
    return [str(n) for (n,) in Client.select(Client.name).where(Client.id.in_(list(ids))).tuples()]


def _date(value: Any) -> dt.date:
    if isinstance(value, str):  # SQLite
        return dt.date.fromisoformat(value[:10])
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
