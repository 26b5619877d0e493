"""What progress shows: an order's progress grid (cards × steps), its progress per line, and late steps.

Entered in core/progress.py; read here in a few queries per order, never one per card.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, fn

from . import compiled_sql
from .common import not_found
from .compiled_sql import IdList
from .db import current_database, is_sqlite
from .models import Expr, FlowCard, FlowCardStep, Order, OrderLine, Query

# order statuses in which unfinished steps still matter
from .progress import OPEN_PRODUCTION_STATUSES, not_recalled


# ----------------------------------------------------------------- queries --
@dataclass
class GridCell:
    step_id: int
    seq: int
    name: str
    planned_date: dt.date | None
    qty_in: int
    qty_good: int
    qty_defect: int
    finished_at: dt.date | None
    late: bool  # planned date passed and not finished
    qty_lost: int = 0


@dataclass
class GridRow:
    card_id: int
    number: str
    batch_no: int
    style: str
    colour: str
    size: str
    quantity: int
    factory_id: int | None
    cells: list[GridCell | None]  # aligned with ProgressGrid.columns
    recalled: bool = False  # void paper shown for the progress recorded on it
    recall_reason: str = ""
    counted: bool = True  # in the totals (live cards; all of a cancelled order's)


@dataclass
class ColumnTotal:
    planned_qty: int = 0  # pieces on the cards that carry this step
    qty_in: int = 0
    qty_good: int = 0
    qty_defect: int = 0


@dataclass
class ProgressGrid:
    order_id: int
    columns: list[str]  # step names in route order
    rows: list[GridRow]
    totals: list[ColumnTotal] = field(default_factory=list)


def _with_progress() -> Expr:
    """Cards on which some progress was recorded (a correlated EXISTS)."""
    return fn.EXISTS(FlowCardStep.select(FlowCardStep.id)
                     .where((FlowCardStep.card == FlowCard.id) & (FlowCardStep.qty_in > 0)))


def counted_cards(order: Order) -> Query:
    """The cards whose pieces make the order's progress: the live ones, or for a
    cancelled order those it had when it was cancelled (recalled by the cancellation)."""
    return _counted(order.id, *_cancelled(order.status, order.cancelled_at))


def _cancelled(status: str, cancelled_at: dt.datetime | None) -> tuple[dt.datetime, ...]:
    """(when it was cancelled,) for a cancelled order, else (): the arguments of _counted after the id."""
    return (cancelled_at,) if status == "cancelled" and cancelled_at is not None else ()


def _counted(order_id: int, *cancelled_at: dt.datetime) -> Query:
    if cancelled_at:
        return FlowCard.select().where((FlowCard.order == order_id) & (FlowCard.recalled_at >= cancelled_at[0]))
    return FlowCard.select().where((FlowCard.order == order_id) & not_recalled())


def _order_state(order_id: int) -> tuple[dt.datetime, ...]:
    """The order's _cancelled() arguments; NotFound when it is gone."""
    rows = compiled_sql.fetch("progress: order", lambda i: Order.select(Order.status, Order.cancelled_at)
                              .where(Order.id == i), order_id)
    if not rows:
        raise not_found(order_id, "订单", "Order")
    status, cancelled_at = rows[0]
    return _cancelled(status, Order.cancelled_at.python_value(cancelled_at))


# The grid's columns, read as plain rows with SQL built once (core/compiled_sql.py):
# building the queries through peewee cost 30× running them.
_CARD_COLUMNS = (FlowCard.id, FlowCard.number, FlowCard.batch_no, FlowCard.style, FlowCard.colour, FlowCard.size,
                 FlowCard.quantity, FlowCard.factory, FlowCard.recalled_at, FlowCard.recall_reason)
_STEP_COLUMNS = (FlowCardStep.id, FlowCardStep.card, FlowCardStep.seq, FlowCardStep.name, FlowCardStep.planned_date,
                 FlowCardStep.qty_in, FlowCardStep.qty_good, FlowCardStep.qty_defect, FlowCardStep.finished_at,
                 FlowCardStep.qty_lost)


def _grid_cards(order_id: int, counted: IdList) -> Query:
    return (FlowCard.select(*_CARD_COLUMNS)
            .where((FlowCard.order == order_id) & (not_recalled() | _with_progress() | FlowCard.id.in_(counted)))
            .order_by(FlowCard.recalled_at.is_null(False), FlowCard.id))


def _grid_steps(cards: IdList) -> Query:
    return FlowCardStep.select(*_STEP_COLUMNS).where(FlowCardStep.card.in_(cards)).order_by(FlowCardStep.seq)


def progress_grid(order_id: int, today: dt.date | None = None) -> ProgressGrid:
    """Cards × steps of the order: planned date vs quantities done.

    Rows are the live cards, then recalled cards on which progress was
    recorded (it happened, and may be cost the client is asked to pay): a
    revision's recalled cards of changed lines, a cancelled order's cards.
    Totals count the live cards (a cancelled order: its cards at cancellation).
    """
    today = today or dt.date.today()
    cancelled = _order_state(order_id)
    counted = {i for (i,) in compiled_sql.fetch("progress: counted ids", lambda *a: _counted(*a).select(FlowCard.id),
                                                order_id, *cancelled)}
    cards = compiled_sql.fetch("progress: grid cards", _grid_cards, order_id, IdList(sorted(counted) or [0]))
    ids = IdList([c[0] for c in cards] or [0])
    steps = compiled_sql.fetch("progress: grid steps", _grid_steps, ids)
    # column order: by seq, first appearance wins (cards of one order share a route)
    columns: list[str] = []
    for s in steps:
        if s[3] not in columns:
            columns.append(s[3])
    pos = {name: i for i, name in enumerate(columns)}
    by_card: dict[int, list[GridCell | None]] = {c[0]: [None] * len(columns) for c in cards}
    totals = [ColumnTotal() for _ in columns]
    qty_of = {c[0]: c[6] for c in cards}
    live = {c[0] for c in cards if c[8] is None}
    as_date = compiled_sql.converter(FlowCardStep.planned_date)
    for sid, card_id, seq, name, planned, q_in, q_good, q_defect, finished, q_lost in steps:
        i = pos[name]
        planned, finished = as_date(planned), as_date(finished)
        late = card_id in live and finished is None and planned is not None and planned < today
        by_card[card_id][i] = GridCell(sid, seq, name, planned, q_in, q_good, q_defect, finished, late, q_lost or 0)
        if card_id not in counted:
            continue
        t = totals[i]
        t.planned_qty += qty_of[card_id]
        t.qty_in += q_in
        t.qty_good += q_good
        t.qty_defect += q_defect
    rows = [GridRow(cid, number, batch, style, colour, size, qty, factory, by_card[cid], recalled is not None,
                    reason or "", cid in counted)
            for cid, number, batch, style, colour, size, qty, factory, recalled, reason in cards]
    return ProgressGrid(order_id, columns, rows, totals)


@dataclass(frozen=True)
class OrderProgress:
    ordered: int  # pieces on the order lines
    carded: int  # pieces on live flow cards (a cancelled order: on its cards when cancelled)
    good: int  # good pieces out of the last step of those cards
    started: int = 0  # pieces put in at the first step of those cards (work begun)

    @property
    def fraction(self) -> float:
        return self.good / self.ordered if self.ordered else 0.0

    @property
    def percent(self) -> int:
        return int(self.fraction * 100)


def finished_by_line(order: Order) -> dict[int, int]:
    """Good pieces out of the last step of the live cards, per order line."""
    last = FlowCardStep.alias("last")
    max_seq = last.select(fn.MAX(last.seq)).where(last.card == FlowCard.id)
    q = (FlowCardStep.select(FlowCard.order_line, fn.SUM(FlowCardStep.qty_good)).join(FlowCard)
         .where((FlowCard.order == order.id) & not_recalled() & (FlowCardStep.seq == max_seq))
         .group_by(FlowCard.order_line))
    return {line_id: int(n or 0) for line_id, n in q.tuples() if line_id is not None}


def _progress_sums(order_id: int, *cancelled_at: dt.datetime) -> Query:
    """One row: pieces ordered, on the counted cards, good at their last step, put in at their first."""
    cards = _counted(order_id, *cancelled_at).select(FlowCard.id)
    last = FlowCardStep.alias("last")
    max_seq = last.select(fn.MAX(last.seq)).where(last.card == FlowCardStep.card)
    ordered = OrderLine.select(fn.SUM(OrderLine.quantity)).where(OrderLine.order == order_id)
    carded = FlowCard.select(fn.SUM(FlowCard.quantity)).where(FlowCard.id.in_(cards))
    good = (FlowCardStep.select(fn.SUM(FlowCardStep.qty_good))
            .where(FlowCardStep.card.in_(cards) & (FlowCardStep.seq == max_seq)))
    started = (FlowCardStep.select(fn.SUM(FlowCardStep.qty_in))
               .where(FlowCardStep.card.in_(cards) & (FlowCardStep.seq == 1)))
    return Order.select(ordered.alias("ordered"), carded.alias("carded"), good.alias("good"),
                        started.alias("started")).where(Order.id == order_id)


def order_progress(order_id: int) -> OrderProgress:
    """Good pieces at the last step over the ordered quantity (see counted_cards)."""
    cancelled = _order_state(order_id)
    # one statement of four sums, its SQL built once (core/compiled_sql.py)
    ordered, carded, good, started = compiled_sql.fetch("progress: sums", _progress_sums, order_id, *cancelled)[0]
    return OrderProgress(int(ordered or 0), int(carded or 0), int(good or 0), int(started or 0))


@dataclass(frozen=True)
class LateStep:
    order_id: int
    order_number: str
    card_id: int
    card_number: str
    step_id: int
    seq: int
    name: str
    planned_date: dt.date
    days_late: int
    quantity: int  # card quantity
    qty_in: int
    qty_good: int


def open_steps(*columns: Any, order_id: int | None = None, steps_first: bool = False) -> Query:
    """Unfinished steps of live cards of orders in production, with their card and order.

    ``steps_first`` reads the steps first (for a condition on the step that the
    planned-date index answers, such as one day) and looks up each one's card
    and order: the cost follows the steps of that day, not the number of open
    orders. SQLite's planner would rather walk every order in production by its
    status index, so there the tables are joined with CROSS JOIN, which keeps
    the order written (PostgreSQL has no such join with ON, and plans it alike).
    Without it, the steps are found through the open orders: for all late steps
    that is cheaper, as most unfinished steps of the past belong to closed orders.
    """
    cross = steps_first and order_id is None and is_sqlite()
    how = JOIN.CROSS if cross else JOIN.INNER
    q = (FlowCardStep.select(*columns)
         .join(FlowCard, how, on=None if cross else (FlowCardStep.card == FlowCard.id))
         .join(Order, how, on=None if cross else (FlowCard.order == Order.id))
         .where(FlowCardStep.finished_at.is_null() & not_recalled() & Order.status.in_(OPEN_PRODUCTION_STATUSES)))
    if cross:
        q = q.where((FlowCardStep.card == FlowCard.id) & (FlowCard.order == Order.id))
    if order_id is not None:
        q = q.where(Order.id == order_id)
    return q


def late_steps(today: dt.date | None = None, order_id: int | None = None, limit: int | None = None) -> list[LateStep]:
    """Steps of live cards whose planned date passed without the step being finished.

    Oldest first; ``limit`` caps the list (a workbench shows the worst few).
    """
    today = today or dt.date.today()
    q = open_steps(Order.id, Order.number, FlowCard.id, FlowCard.number, FlowCardStep.id, FlowCardStep.seq,
                   FlowCardStep.name, FlowCardStep.planned_date, FlowCard.quantity, FlowCardStep.qty_in,
                   FlowCardStep.qty_good, order_id=order_id)
    q = (q.where(FlowCardStep.planned_date.is_null(False) & (FlowCardStep.planned_date < today))
         .order_by(FlowCardStep.planned_date, FlowCard.number, FlowCardStep.seq))
    if limit is not None:
        q = q.limit(int(limit))
    out = []
    sql, params = q.sql()  # raw rows: peewee's date conversion cost more than the query
    for oid, onum, cid, cnum, sid, seq, name, planned, qty, q_in, q_good in current_database().execute_sql(sql, params):
        planned = planned if isinstance(planned, dt.date) else dt.date.fromisoformat(str(planned)[:10])
        out.append(LateStep(oid, onum, cid, cnum, sid, seq, name, planned, (today - planned).days, qty, q_in, q_good))
    return out
