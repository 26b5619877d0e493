"""Delivery risk (交期风险) per order: on track, at risk, or late.

Projected from the actual rate: good pieces out of the last process step per
day, counted from the production start (or, if production was never formally
started, from the first progress report)::

    rate      = good at last step / days since start (at least 1)
    projected = today + ceil((ordered − good) / rate)

- late: the delivery date has passed and not everything is shipped, or the
  projected finish falls after the delivery date;
- at risk: the projected finish is within the safety margin of the delivery
  date (setting ``risk_safety_days``, default 3), or no piece has come out of
  the last step yet while less than a share of the lead time remains (setting
  ``risk_no_progress_share``, default 0.5);
- on track otherwise (and for cancelled, fully produced or fully shipped orders).

What the rate cannot see raises an open order to at least "at risk", and the
reason says so: an open production exception of high or critical (紧急)
severity, or a material purchase past its due date and not fully received
while pieces are still to be made. Lesser open exceptions are named in the
reason without changing the level.

``risk_for_orders`` computes many orders with a fixed handful of queries (the
GUI asks for the visible rows); never one query per order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import JOIN, Case, fn

from . import compiled_sql, enums
from .common import get_or_404
from .db import current_database
from .lists import scan_only
from .models import (
    Expr,
    FlowCard,
    FlowCardStep,
    MaterialRequirement,
    Order,
    OrderLine,
    ProductionException,
    ProgressReport,
    PurchaseFollowUp,
    Setting,
    ShipmentLine,
)
from .progress import not_recalled

DEFAULT_SAFETY_DAYS = 3
DEFAULT_NO_PROGRESS_SHARE = Decimal("0.5")
OPEN_STATUSES = ("draft", "reviewed", "confirmed", "in_production", "partly_shipped")
LEVEL_ORDER = {"late": 0, "at_risk": 1, "on_track": 2}
SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}
CHUNK = 500  # ids per IN (...) list: well under every database's parameter limit


@dataclass(frozen=True)
class Risk:
    order_id: int
    level: str  # on_track / at_risk / late
    delivery_date: dt.date
    ordered: int
    good: int  # good pieces out of the last step (live cards, current revision)
    shipped: int
    start_date: dt.date | None  # what the rate is counted from
    rate_per_day: float  # good pieces per day; 0 without progress
    projected_finish: dt.date | None  # None without progress
    margin_days: int | None  # delivery − projected finish
    days_left: int  # delivery − today
    lead_days: int  # delivery − (production start, confirmation or order date)
    reason_zh: str
    reason_en: str
    open_exceptions: int = 0  # unresolved production exceptions
    late_purchases: int = 0  # purchases past due and not fully received

    @property
    def label(self) -> str:
        return enums.label("risk", self.level)

    def reason(self, lang: str | None = None) -> str:
        from .errors import current_language

        return self.reason_en if (lang or current_language()) == "en" else self.reason_zh


def _day(value: Any) -> dt.date:
    """A date from a NOT NULL column."""
    day = _date(value)
    if day is None:
        raise ValueError("a NOT NULL date column gave no date")
    return day


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def thresholds() -> tuple[int, Decimal]:
    found = dict(_rows("risk.settings", lambda a, b: Setting.select(Setting.key, Setting.value)
                       .where(Setting.key.in_([a, b])), "risk_safety_days", "risk_no_progress_share"))
    try:
        days = int(found.get("risk_safety_days", DEFAULT_SAFETY_DAYS))
    except ValueError:
        days = DEFAULT_SAFETY_DAYS
    try:
        share = Decimal(found.get("risk_no_progress_share", DEFAULT_NO_PROGRESS_SHARE))
    except ArithmeticError:
        share = DEFAULT_NO_PROGRESS_SHARE
    return days, share


@dataclass(frozen=True)
class OpenException:
    severity: str  # low / medium / high / critical
    kind: str
    description: str
    quantity: int  # pieces of the card it stops (0: the whole order)


@dataclass(frozen=True)
class LatePurchase:
    material: str
    supplier: str
    due_date: dt.date
    outstanding: str  # quantity still owed, as text with its unit


RAISING_SEVERITIES = ("critical", "high")


def assess(order_id: int, status: str, delivery: dt.date, order_date: dt.date, confirmed_at: Any, started_at: Any,
           ordered: int, shipped: int, good: int, first_report: Any, today: dt.date,
           safety_days: int = DEFAULT_SAFETY_DAYS, share: Decimal = DEFAULT_NO_PROGRESS_SHARE,
           exceptions: tuple[OpenException, ...] = (), purchases: tuple[LatePurchase, ...] = ()) -> Risk:
    """The risk of one order from its figures (pure: no database)."""
    base = _assess_rate(order_id, status, delivery, order_date, confirmed_at, started_at, ordered, shipped, good,
                        first_report, today, safety_days, share)
    if status in ("cancelled", "shipped", "settled") or (ordered > 0 and shipped >= ordered):
        return base
    zh, en, raise_it = [], [], False
    for e in sorted(exceptions, key=lambda e: SEVERITY_RANK.get(e.severity, 9)):
        sev_zh, sev_en = enums.label("severity", e.severity, "zh"), enums.label("severity", e.severity, "en")
        kind_zh, kind_en = enums.label("exception_kind", e.kind, "zh"), enums.label("exception_kind", e.kind, "en")
        qty_zh = f",影响 {e.quantity:,} 件" if e.quantity else ",影响整张订单"
        qty_en = f", stopping {e.quantity:,} pieces" if e.quantity else ", affecting the whole order"
        zh.append(f"未解决的生产异常({kind_zh},严重程度{sev_zh}):{e.description[:40]}{qty_zh}")
        en.append(f"open production exception ({kind_en.lower()}, {sev_en.lower()}): {e.description[:40]}{qty_en}")
        raise_it |= e.severity in RAISING_SEVERITIES
    if good < ordered:
        for p in sorted(purchases, key=lambda p: p.due_date):
            days = (today - p.due_date).days
            zh.append(f"物料“{p.material}”({p.supplier})应于 {p.due_date} 到货,已逾期 {days} 天,尚欠 {p.outstanding}")
            en.append(f"material “{p.material}” from {p.supplier} was due {p.due_date}, {days} days late, "
                      f"{p.outstanding} still owed")
            raise_it = True
    if not zh:
        return base
    level = base.level if base.level != "on_track" or not raise_it else "at_risk"
    more_en = "; ".join(en)
    return dataclasses.replace(base, level=level, reason_zh=base.reason_zh + " " + ";".join(zh) + "。",
                               reason_en=base.reason_en + " " + more_en[:1].upper() + more_en[1:] + ".",
                               open_exceptions=len(exceptions), late_purchases=len(purchases) if good < ordered else 0)


def _assess_rate(order_id: int, status: str, delivery: dt.date, order_date: dt.date, confirmed_at: Any, started_at: Any,
                 ordered: int, shipped: int, good: int, first_report: Any, today: dt.date,
                 safety_days: int, share: Decimal) -> Risk:
    """The risk from the production rate alone."""
    started = _date(started_at) or _date(first_report)
    lead_from = _date(started_at) or _date(confirmed_at) or order_date
    lead_days = (delivery - lead_from).days
    days_left = (delivery - today).days
    rate, projected, margin = 0.0, None, None

    def result(level: str, zh: str, en: str) -> Risk:
        return Risk(order_id, level, delivery, ordered, good, shipped, started, rate, projected, margin,
                    days_left, lead_days, zh, en)

    if status == "cancelled":
        return result("on_track", "订单已取消。", "The order is cancelled.")
    if status in ("shipped", "settled") or (ordered > 0 and shipped >= ordered):
        return result("on_track", "已全部出货。", "Everything is shipped.")
    if days_left < 0:
        return result("late", f"交期 {delivery} 已过 {-days_left} 天,已出货 {shipped}/{ordered} 件。",
                      f"The delivery date {delivery} passed {-days_left} days ago; {shipped} of {ordered} shipped.")
    remaining = max(0, ordered - good)
    if good > 0 and started is not None:
        elapsed = max(1, (today - started).days)
        rate = round(good / elapsed, 1)
        if remaining == 0:
            projected, margin = today, days_left
            return result("on_track", f"已全部完工({good}/{ordered} 件),待出货。",
                          f"All {ordered} pieces are finished ({good} good); waiting for shipment.")
        need = -(-remaining * elapsed // good)  # ceil(remaining / (good / elapsed)) in integers
        projected = today + dt.timedelta(days=need)
        margin = (delivery - projected).days
        facts_zh = (f"完工 {good}/{ordered} 件,{elapsed} 天平均每天 {rate:g} 件,"
                    f"预计 {projected} 完工,交期 {delivery}")
        facts_en = (f"{good} of {ordered} finished, {rate:g} a day over {elapsed} days; "
                    f"projected finish {projected}, delivery {delivery}")
        if margin < 0:
            return result("late", f"{facts_zh},将延误 {-margin} 天。", f"{facts_en}: {-margin} days late.")
        if margin <= safety_days:
            return result("at_risk", f"{facts_zh},只余 {margin} 天(安全余量 {safety_days} 天)。",
                          f"{facts_en}: only {margin} days to spare (safety margin {safety_days}).")
        return result("on_track", f"{facts_zh},余 {margin} 天。", f"{facts_en}: {margin} days to spare.")
    share_left = Decimal(days_left) / Decimal(lead_days) if lead_days > 0 else Decimal(0)
    if share_left < share:
        return result("at_risk", f"尚无完工产品,距交期 {delivery} 只剩 {days_left} 天(共 {lead_days} 天)。",
                      f"No piece finished yet and only {days_left} of {lead_days} days left until "
                      f"delivery on {delivery}.")
    return result("on_track", f"尚无完工产品,距交期 {delivery} 还有 {days_left} 天(共 {lead_days} 天)。",
                  f"No piece finished yet; {days_left} of {lead_days} days left until delivery on {delivery}.")


def _rows(name: str, build: Any, *args: Any) -> list[tuple[Any, ...]]:
    """Raw result rows: peewee's per-value conversion cost 1.7 s of 2.9 s for 34,000 open orders,
    and building the SQL most of the time of 60 visible rows, so it is built once (core.compiled_sql).

    Dates are selected as text and SUMs converted by the caller.
    """
    return compiled_sql.fetch(name, build, *args)


@dataclass(frozen=True)
class _Which:
    """Which orders to assess: ``cond(arg)`` is a condition on Order, ``name`` names its shape."""
    name: str
    cond: Any
    arg: Any


def _by_ids(ids: list[int]) -> _Which:
    return _Which("ids", lambda a: Order.id.in_(a), compiled_sql.IdList(ids))


OPEN_ORDERS = _Which("open", lambda _a: Order.status.in_(OPEN_STATUSES), 0)


def _exceptions(w: _Which) -> dict[int, list[OpenException]]:
    E = ProductionException
    rows = _rows("risk.exceptions." + w.name, lambda a: (
        E.select(E.order, E.severity, E.kind, E.description, FlowCard.quantity)
        .join(FlowCard, JOIN.LEFT_OUTER, on=(E.card == FlowCard.id))
        .join(Order, on=(E.order == Order.id), src=E)
        .where(w.cond(a) & (E.status != "resolved"))), w.arg)
    out: dict[int, list[OpenException]] = {}
    for oid, severity, kind, description, qty in rows:
        out.setdefault(oid, []).append(OpenException(severity, kind, description or "", int(qty or 0)))
    return out


def _late_purchases(w: _Which, today: dt.date) -> dict[int, list[LatePurchase]]:
    from .materials import fmt_qty

    P, M = PurchaseFollowUp, MaterialRequirement
    rows = _rows("risk.purchases." + w.name, lambda a, day: (
        P.select(M.order, M.name, M.unit, P.supplier, P.due_date.cast("TEXT"), P.quantity, P.received_qty)
        .join(M).join(Order, on=(M.order == Order.id))
        .where(w.cond(a) & (P.due_date < day) & (P.received_qty < P.quantity))), w.arg, today)
    out: dict[int, list[LatePurchase]] = {}
    for oid, name, unit, supplier, due, qty, received in rows:
        owed = (P.quantity.python_value(qty) or Decimal(0)) - (P.received_qty.python_value(received) or Decimal(0))
        out.setdefault(oid, []).append(LatePurchase(name, supplier, _day(due), f"{fmt_qty(owed)} {unit}"))
    return out


def figure_columns(day: Any) -> tuple[Expr, ...]:
    """What an order's risk is assessed from, as columns of a SELECT from Order
    (correlated subqueries: a list adds them to its own row query, so one query
    reads a visible chunk's rows and their risk). ``day`` is today (a value or a
    compiled_sql stand-in). In order: status, delivery date, order date,
    confirmation, production start (dates as text), pieces ordered, shipped,
    good at the last step, the first progress report (only where production
    never formally started), open exceptions, late purchases."""
    line, last = OrderLine.alias("rl"), FlowCardStep.alias("last")
    max_seq = last.select(fn.MAX(last.seq)).where(last.card == FlowCard.id)
    first_report = (ProgressReport.select(fn.MIN(ProgressReport.date.cast("TEXT"))).join(FlowCardStep).join(FlowCard)
                    .where((FlowCard.order == Order.id) & not_recalled()))
    P, M, E = PurchaseFollowUp, MaterialRequirement, ProductionException
    return (
        Order.status, Order.delivery_date.cast("TEXT"), Order.order_date.cast("TEXT"),
        Order.confirmed_at.cast("TEXT"), Order.production_started_at.cast("TEXT"),
        line.select(fn.SUM(line.quantity)).where(line.order == Order.id),
        ShipmentLine.select(fn.SUM(ShipmentLine.quantity)).join(line, on=(ShipmentLine.order_line == line.id))
        .where(line.order == Order.id),
        FlowCardStep.select(fn.SUM(FlowCardStep.qty_good)).join(FlowCard)
        .where((FlowCard.order == Order.id) & not_recalled() & (FlowCardStep.seq == max_seq)),
        Case(None, [(Order.production_started_at.is_null(), first_report)]),
        E.select(fn.COUNT(E.id)).where((E.order == Order.id) & (E.status != "resolved")),
        # due date not by its index: SQLite would walk it over every purchase due before today
        fn.EXISTS(P.select(P.id).join(M).where((M.order == Order.id) & (scan_only(P.due_date) < day)
                                               & (P.received_qty < P.quantity))),
    )


def assess_figures(rows: Iterable[tuple[Any, ...]], today: dt.date, safety_days: int,
                   share: Decimal) -> dict[int, Risk]:
    """Risks from rows of (order id, *figure_columns): the exceptions and late
    purchases are read (two queries) only for the orders that have any."""
    rows = list(rows)
    with_exceptions = [r[0] for r in rows if r[10]]
    with_late = [r[0] for r in rows if r[11]]
    exceptions = _exceptions(_by_ids(with_exceptions)) if with_exceptions else {}
    purchases = _late_purchases(_by_ids(with_late), today) if with_late else {}
    out: dict[int, Risk] = {}
    for oid, status, delivery, odate, confirmed, started, ordered, shipped, good, first, _n, _late in rows:
        out[oid] = assess(oid, status, _day(delivery), _day(odate), confirmed, started, int(ordered or 0),
                          int(shipped or 0), int(good or 0), first, today, safety_days, share,
                          tuple(exceptions.get(oid, ())), tuple(purchases.get(oid, ())))
    return out


def _compute(w: _Which, today: dt.date, safety_days: int, share: Decimal) -> dict[int, Risk]:
    """Risks of the orders ``w`` selects: one query, two more for orders with
    open exceptions or late purchases."""
    rows = _rows("risk.figures." + w.name, lambda a, day: Order.select(Order.id, *figure_columns(day)).where(w.cond(a)),
                 w.arg, today)
    return assess_figures(rows, today, safety_days, share)


def risk_for_orders(order_ids: Iterable[int], today: dt.date | None = None) -> dict[int, Risk]:
    """Risk of each order id (missing ids are left out), seven queries per 500 ids."""
    today = today or dt.date.today()
    safety, share = thresholds()
    ids = list(dict.fromkeys(int(i) for i in order_ids))
    out: dict[int, Risk] = {}
    for i in range(0, len(ids), CHUNK):
        out.update(_compute(_by_ids(ids[i:i + CHUNK]), today, safety, share))
    return out


def delivery_risk(order_id: int, today: dt.date | None = None) -> Risk:
    get_or_404(Order, order_id, "订单", "Order")
    return risk_for_orders([order_id], today)[order_id]


def orders_at_risk(today: dt.date | None = None, limit: int | None = None) -> list[Risk]:
    """Open orders that are late or at risk: late first, then by delivery date.

    ``limit`` returns only the first ones, the same as slicing the whole list but
    faster: an open order whose delivery date has passed is late unless fully
    shipped, and those sort before every other late order (earlier delivery), so
    when there are enough of them only they are assessed, in delivery order, a
    chunk at a time, instead of every open order.
    """
    today = today or dt.date.today()
    safety, share = thresholds()
    if limit is not None:
        first = _overdue_first(today, safety, share, int(limit))
        if first is not None:
            return first
    risks = _compute(OPEN_ORDERS, today, safety, share)
    bad = [r for r in risks.values() if r.level != "on_track"]
    out = sorted(bad, key=lambda r: (LEVEL_ORDER[r.level], r.delivery_date, r.order_id))
    return out if limit is None else out[:limit]


def _overdue_first(today: dt.date, safety: int, share: Decimal, limit: int) -> list[Risk] | None:
    """The first ``limit`` late orders if that many are past their delivery date, else None.

    The overdue orders are read a chunk at a time, by (delivery date, id) after the
    last one read, so the cost follows the late orders shown, not all that are overdue."""
    if limit <= 0:
        return []
    out: list[Risk] = []
    after: tuple[Any, int] | None = None
    while True:
        q = Order.select(Order.id, Order.delivery_date.cast("TEXT")).where(
            Order.status.in_(OPEN_STATUSES) & (Order.delivery_date < today))
        if after is not None:
            q = q.where((Order.delivery_date > after[0])
                        | ((Order.delivery_date == after[0]) & (Order.id > after[1])))
        page = current_database().execute_sql(*q.order_by(Order.delivery_date, Order.id).limit(CHUNK).sql()).fetchall()
        if not page:
            return None
        chunk = [int(oid) for oid, _ in page]
        after = (_day(page[-1][1]), chunk[-1])
        risks = _compute(_by_ids(chunk), today, safety, share)
        out.extend(risks[oid] for oid in chunk if oid in risks and risks[oid].level == "late")
        if len(out) >= limit:
            return out[:limit]
