"""The 订单 list: which orders, in which order (``find_ids``), what a row shows
(``rows``), and the figures filled in right after (``progress``).

On SQLite, 100,000 orders are sorted and filtered by walking one of the
covering list indexes (models.ORDER_LIST_INDEXES) in the sort order, testing
the filters inside it (``scan_only``), instead of reading every order's row;
where a filter matches few orders they are found by their own index and
sorted. The shapes below were measured with ``python -m bench``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import Ordering, fn

from .. import risk
from ..compiled_sql import IdList, as_date, fetch
from ..models import Client, Expr, Order, OrderLine, Query
from . import IdCache, paging, query_ids, scan_only
from .order_text import order_text_condition

# 未完结: reviewed to shipped. Shipped orders still wait for their money; a
# draft is not yet an order, settled (closed) and cancelled ones are done.
OPEN_STATUSES = ("reviewed", "confirmed", "in_production", "partly_shipped", "shipped")
NO_RISK_STATUSES = ("cancelled", "shipped", "settled")

SORTS = ("number", "client", "client_po", "order_date", "delivery_date", "status")
# sort keys with a covering list index (currency, amount… have none: sorting
# 100k rows by them took 70 ms, so they are not sortable)
INDEXED_SORTS = ("number", "client", "order_date", "delivery_date")

DateRange = tuple[dt.date | None, dt.date | None]  # (from, to); either may be None


@dataclass(frozen=True)
class OrderFilters:
    """What the list is narrowed to; every field's default filters nothing."""

    text: str = ""  # quick filter: number, client PO, client name or pinyin
    statuses: tuple[str, ...] = ()  # any of these (empty: all)
    client_id: int | None = None
    merchandiser: str | None = None  # Order.merchandiser equals this ("mine")
    delivery: DateRange | None = None
    order_date: DateRange | None = None


@dataclass(frozen=True)
class Sort:
    key: str | None = "order_date"  # one of SORTS; None: by id
    descending: bool = True


@dataclass(frozen=True)
class RowProgress:
    """The delivery risk and how far the order is (core.risk's figures)."""

    level: str  # late / at_risk / on_track; "" for orders done or cancelled
    reason_zh: str
    reason_en: str
    ordered: int
    good: int  # good pieces out of the last step
    shipped: int

    @property
    def good_pct(self) -> int:
        return self.good * 100 // self.ordered if self.ordered else 0

    @property
    def shipped_pct(self) -> int:
        return self.shipped * 100 // self.ordered if self.ordered else 0


@dataclass(frozen=True)
class OrderRow:
    number: str
    client: str
    client_po: str
    order_date: dt.date | None
    delivery_date: dt.date | None
    status: str
    quantity: int
    amount: Decimal | None  # Σ quantity × unit price; None without lines
    currency: str
    revision: int
    progress: RowProgress


# --------------------------------------------------------------- find_ids --
def _date_range(query: Query, field: Expr, value: DateRange, walk: bool) -> Query:
    lo, hi = value
    f = scan_only(field) if walk else field
    if lo is not None:
        query = query.where(f >= lo)
    return query.where(f <= hi) if hi is not None else query


def _seeks_status(filters: OrderFilters, statuses: tuple[str, ...], sort_key: str | None) -> bool:
    """Whether the orders of the one status chosen are found by seeking it in the
    index (status, sort date, id), already in display order: only when nothing
    else is tested outside that index (else every order of the status would be
    read from the table to test it; walking the covering sort index does that
    inside the index)."""
    return (len(statuses) == 1 and sort_key in ("order_date", "delivery_date") and not filters.text.strip()
            and filters.client_id is None and filters.merchandiser is None
            and (filters.delivery is None or sort_key == "delivery_date")
            and (filters.order_date is None or sort_key == "order_date"))


def _where(query: Query, filters: OrderFilters, sort_key: str | None) -> Query:
    # in a covering sort index: test status and merchandiser there, never
    # through an index of their own (a third of the orders would be sorted)
    walk: Callable[[Expr], Expr] = scan_only if sort_key in INDEXED_SORTS else (lambda field: field)
    if filters.statuses:
        statuses = (filters.statuses,) if isinstance(filters.statuses, str) else tuple(filters.statuses)
        # one status (of 1,000,000 orders): 3 ms found by its own index instead
        # of 150 walking the order-date index (migration 11)
        status = Order.status if _seeks_status(filters, statuses, sort_key) else walk(Order.status)
        query = query.where(status == statuses[0] if len(statuses) == 1 else status.in_(statuses))
    # by client, a date range found through its own index costs one client
    # lookup per order (70 ms for the overdue ones); test it in the index walked
    walk_dates = sort_key == "client"
    if filters.delivery is not None:
        query = _date_range(query, Order.delivery_date, filters.delivery, walk_dates)
    if filters.order_date is not None:
        query = _date_range(query, Order.order_date, filters.order_date, walk_dates)
    if filters.client_id is not None:
        query = query.where(Order.client == filters.client_id)
    if filters.merchandiser is not None:
        query = query.where(walk(Order.merchandiser) == filters.merchandiser)
    return query


def _sort_fields(key: str | None, filtered: bool) -> list[Expr]:
    # PO and status have no covering list index: when filtered, let SQLite
    # find the rows by the filter's index and sort them (walking the PO or
    # status index would read every order's row to test the filter). By
    # client: pinyin, then the client, then the order — SQLite walks the
    # pinyin index and each client's orders in id order, with no sort step.
    return {"number": [Order.number], "client": [Client.pinyin, Client.id],
            "client_po": [scan_only(Order.client_po) if filtered else Order.client_po],
            "order_date": [Order.order_date], "delivery_date": [Order.delivery_date],
            "status": [scan_only(Order.status) if filtered else Order.status]}.get(key or "", [])


def _is_filtered(filters: OrderFilters) -> bool:
    return bool(filters.statuses or filters.delivery or filters.order_date or filters.client_id is not None
                or filters.merchandiser is not None)


def build_query(filters: OrderFilters, sort: Sort) -> Query:
    """The SELECT of the matching order ids in display order (see ``find_ids``)."""
    key = sort.key if sort.key in SORTS else None
    # Join the clients only to sort by them: with the join SQLite walks
    # 100,000 orders through the client table (280 ms instead of 45 ms).
    query = Order.select(Order.id)
    if key == "client":
        query = query.join(Client, on=(Order.client == Client.id))
    query = _where(query, filters, key)
    text = filters.text.strip()
    text_filters = few = False
    if text:
        cond, few = order_text_condition(text)
        if cond is not None:
            query = query.where(cond)
            text_filters = True
    fields = _sort_fields(key, _is_filtered(filters) or text_filters)
    if text and few:  # found by their indexes, then sorted
        fields = [scan_only(f) for f in _sort_fields(key, False)]
    direction = "DESC" if sort.descending else "ASC"
    by_id = Order.id.desc() if sort.descending else Order.id
    return query.order_by(*[Ordering(f, direction) for f in fields], by_id)


def find_ids(filters: OrderFilters = OrderFilters(), sort: Sort = Sort(), *,
             cache: IdCache | None = None) -> list[int]:
    """Every matching order id, in display order (one query; ``cache`` from
    ``core.lists.new_id_cache`` answers a repeated query while nothing changed)."""
    return query_ids(build_query(filters, sort), cache)


# the first screen's pages by key (core/lists/paging.py)
first_page, page_after, last_page = paging.pager(build_query)


# ------------------------------------------------------------------- rows --
def _row_query(a: Any, day: Any) -> Query:
    line = OrderLine.alias("al")
    amount = line.select(fn.SUM(line.quantity * line.unit_price)).where(line.order == Order.id)
    return (Order.select(Order.id, *risk.figure_columns(day), Order.number, Client.name, Order.client_po,
                         Order.currency, Order.revision, amount)
            .join(Client, on=(Order.client == Client.id)).where(Order.id.in_(a)))


def rows(ids: Iterable[int], today: dt.date | None = None) -> dict[int, OrderRow]:
    """The rows of ``ids`` (the visible ones) with their delivery risk and
    progress: one query (core.risk's figures are columns of it), two more only
    where an order has open exceptions or late purchases."""
    ids = list(ids)
    if not ids:
        return {}
    today = today or dt.date.today()
    found = fetch("orders.rows", _row_query, IdList(ids), today)
    n = len(found[0]) - 6 if found else 0  # the figures: everything before the row's own six columns
    risks = risk.assess_figures([r[:n] for r in found], today, *risk.thresholds())
    out = {}
    for r in found:
        number, client, po, currency, rev, amount = r[n:]
        oid, status, delivery, odate = r[0], r[1], r[2], r[3]
        k = risks[oid]
        out[oid] = OrderRow(number, client, po, as_date(odate), as_date(delivery), status, k.ordered,
                            OrderLine.unit_price.from_sum(amount) if amount else None, currency, rev,
                            RowProgress(k.level, k.reason_zh, k.reason_en, k.ordered, k.good, k.shipped))
    return out


def progress(ids: Iterable[int], today: dt.date | None = None) -> dict[int, RowProgress]:
    """Delivery risk, good pieces at the last step and pieces shipped of ``ids``
    (what ``rows`` carries): core.risk's few queries per 500 ids, so it costs
    what the visible rows cost, whatever the size of the database."""
    from ..risk import risk_for_orders

    return {oid: RowProgress(r.level, r.reason_zh, r.reason_en, r.ordered, r.good, r.shipped)
            for oid, r in risk_for_orders(ids, today).items()}


def shown_risk(status: str, level: str) -> str:
    """The risk level the list shows: none for orders shipped, settled or cancelled."""
    return "" if status in NO_RISK_STATUSES else level


# ---------------------------------------------------------------- filters --
def my_name() -> str:
    """The merchandiser's own name (setting ``merchandiser_name``): what "mine" matches."""
    from ..common import get_setting

    return get_setting("merchandiser_name", "").strip()
