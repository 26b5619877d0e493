"""The 售后 list: complaints with their order, client, disposition and money.

Filters: ``status``, ``disposition``, ``date`` (a date range).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from peewee import JOIN

from ..compiled_sql import IdList, as_date, fetch
from ..models import Client, Complaint, Expr, Order, Query
from ..search import matching_ids
from . import IdCache, paging, query_ids
from .spec import BY_ID, NO_FILTERS, Filters, Sort, date_range, ordered

SORTS = ("number", "date", "order", "client", "qty", "disposition", "status", "cost", "credit")
PLAIN_FILTERS = frozenset({"status", "disposition", "date"})  # values bound only: SQL replayed (core.lists.list_sql)


class ComplaintRow(NamedTuple):  # a tuple: 60 made per screen, a frozen dataclass costs 3 times as much
    number: str
    date: dt.date | None
    order: str  # the order's number
    client: str
    description: str
    qty_affected: int
    disposition: str
    status: str
    cost: Decimal | None
    credit_amount: Decimal | None
    currency: str
    remake: str  # the remake order's number, or ""


def _sort_fields(key: str | None) -> list[Expr]:
    if key == "order":
        # The order number as a correlated subquery: with a plain Order.number
        # SQLite walks 100,000 orders by number to sort 1,300 complaints (176 ms).
        sorted_order = Order.alias("sorted_order")
        return [sorted_order.select(sorted_order.number).where(sorted_order.id == Complaint.order)]
    return {"number": [Complaint.number], "date": [Complaint.date], "client": [Client.pinyin],
            "qty": [Complaint.qty_affected], "disposition": [Complaint.disposition], "status": [Complaint.status],
            "cost": [Complaint.cost], "credit": [Complaint.credit_amount]}.get(key or "", [])


def build_query(filters: Filters, sort: Sort) -> Query:
    query = (Complaint.select(Complaint.id).join(Order, on=(Complaint.order == Order.id))
             .join(Client, on=(Order.client == Client.id)))
    for key in ("status", "disposition"):
        if filters.get(key):
            query = query.where(getattr(Complaint, key) == filters.get(key))
    if filters.get("date"):
        query = date_range(query, Complaint.date, filters.get("date"))
    t = filters.text.strip()
    if t:
        query = query.where(Complaint.number.contains(t) | Order.number.contains(t) | Complaint.description.contains(t)
                            | Order.client.in_(matching_ids("client", t)))
    return ordered(query, Complaint.id, _sort_fields(sort.key), sort)


def find_ids(filters: Filters = NO_FILTERS, sort: Sort = BY_ID, *, cache: IdCache | None = None) -> list[int]:
    """Every matching complaint id, in display order (one query)."""
    return query_ids(build_query(filters, sort), cache)


def page_query(filters: Filters, sort: Sort) -> Query | None:
    """The query the first screen's pages read where it is not ``build_query``'s
    (None): the whole list sorted by client or by order number. Its id list sorts every
    complaint (one pass, as it must); a page of it walks the clients (or the
    orders) in that order through their indexes, the complaints of each found
    by theirs, and stops after the page (at 1M orders 120 complaints are
    reached within about 9,000 orders). CROSS JOIN keeps SQLite's loops in that
    order; the inner joins of ``build_query`` drop no complaint (foreign keys),
    so the rows are the same. A filter makes the matching complaints few: then
    sorting them is the quicker plan."""
    values = filters.text.strip() or any(filters.get(k) for k in ("status", "disposition", "date"))
    if values or sort.key not in ("client", "order"):
        return None
    if sort.key == "client":
        query = (Client.select(Complaint.id).join(Order, JOIN.CROSS).join(Complaint, JOIN.CROSS)
                 .where((Order.client == Client.id) & (Complaint.order == Order.id)))
        return ordered(query, Complaint.id, [Client.pinyin], sort)
    query = Order.select(Complaint.id).join(Complaint, JOIN.CROSS).where(Complaint.order == Order.id)
    return ordered(query, Complaint.id, [Order.number], sort)


# the first screen's pages by key (core/lists/paging.py)
def _paged(filters: Filters, sort: Sort) -> Query:
    query = page_query(filters, sort)
    return build_query(filters, sort) if query is None else query  # (a peewee query's truth value runs it)


first_page, page_after, last_page = paging.pager(_paged)


def _rows_query(ids: IdList) -> Query:
    remake = Order.alias("remake")
    return (Complaint.select(Complaint.id, Complaint.number, Complaint.date, Order.number, Client.name,
                             Complaint.description, Complaint.qty_affected, Complaint.disposition, Complaint.status,
                             Complaint.cost, Complaint.credit_amount, Complaint.currency, remake.number)
            .join(Order, on=(Complaint.order == Order.id)).join(Client, on=(Order.client == Client.id))
            .switch(Complaint).join(remake, join_type=JOIN.LEFT_OUTER, on=(Complaint.remake_order == remake.id))
            .where(Complaint.id.in_(ids)))


def rows(ids: Iterable[int]) -> dict[int, ComplaintRow]:
    """The rows of ``ids`` (one query). Its SQL is built once (core.compiled_sql)
    and the values converted here: peewee's query building and its date parsing
    (strptime per cell) cost 15 times the query on the 60 visible rows."""
    ids = list(ids)
    if not ids:
        return {}
    money = Complaint.cost.python_value
    out = {}
    for (cid, number, date, onum, client, desc, qty, disp, status, cost, credit, cur, rnum) in \
            fetch("complaints.rows", _rows_query, IdList(ids)):
        out[int(cid)] = ComplaintRow(number, as_date(date) if date else None, onum, client, desc or "",
                                     int(qty or 0), disp or "", status, money(cost), money(credit), cur, rnum or "")
    return out
