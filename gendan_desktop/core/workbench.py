"""工作台: what needs doing now, and the week ahead day by day.

Sections now: follow-ups overdue and due today, orders at risk or late, late
steps (per order and step, each card counted at its first late step), late
purchases, open exceptions, overdue receivables (per client and currency),
open complaints, recalled paper still out. Then one section per day from
today to ``days`` ahead (``day:0`` … ``day:N``): follow-ups promised for that
day, deliveries due, cards due at a step (per order and step), quotations
expiring, and payments falling due (shipments reaching their terms).

Every section is ranked by urgency and value (core/work_items.py), and the
items a merchandiser has put off are taken out (``gather_each``). The window
only displays them (gui/workbench/workbench_tab.py).

A section ranks at most ``CANDIDATES`` things, read in the order of their own
urgency (the oldest, the latest, the most severe first); where there were more,
``Section.more`` says so. Ranking all of them cost 8.5 s on 100,000 orders
(23,000 groups of late steps); the candidates are what a day can hold anyway.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import enums
from .compiled_sql import as_date
from .exchange_rates import get_rates
from .models import Client, Expr, FlowCard, FlowCardStep, FollowUp, Order, Quotation, QuotationItem
from .receivables import OverdueShipment
from .work_items import (
    CANDIDATES,
    OPEN_ORDER_STATUSES,
    Items,
    OrderFacts,
    Section,
    WorkItem,
    active_snoozes,
    capped,
    client_open_values,
    hide_snoozed,
    late_points,
    order_facts,
    rank,
    soon_points,
    t,
)
from .workbench_money import payments_expected, receivables

# (the section keys live apart so that the window lays the workbench out without importing this)
from .workbench_sections import DEFAULT_DAYS, NOW_KEYS, day_key, display_order  # noqa: F401

# the cheap ones first, so the follow-ups show at once while the whole-database ones run
LOAD_ORDER = ("followups_due", "followups_overdue", "week", "exceptions", "complaints", "recalls",
              "late_purchases", "late_steps", "orders_at_risk", "receivables")
STEP_ROWS = 4000  # late steps read, oldest first, to make up to CANDIDATES groups
PAYMENT_TERMS_DAYS = 30  # as core/receivables.overdue_receivables
SEVERITY_POINTS = {"critical": 40, "high": 30, "medium": 15, "low": 5}


class Ctx:
    """What every section of one gathering shares."""

    def __init__(self, today: dt.date, days: int):
        self.today = today
        self.days = days
        self.end = today + dt.timedelta(days=days)
        self.rates = get_rates()
        self._unpaid: list[OverdueShipment] | None = None
        self._client_values: dict[int, Decimal | None] = {}
        self._orders: dict[int, OrderFacts | None] = {}
        self._owners: dict[int, str] = {}

    def orders(self, ids: Iterable[int]) -> dict[int, OrderFacts]:
        """What the items say about their orders, each order read once per gathering
        (a delivery, its steps due and its risk are the same order)."""
        wanted = {int(i) for i in ids}
        missing = wanted - self._orders.keys()
        if missing:
            got = order_facts(missing, self.rates)
            self._orders.update({oid: got.get(oid) for oid in missing})
        return {oid: f for oid in wanted if (f := self._orders[oid]) is not None}

    def owners(self, client_ids: Iterable[int]) -> dict[int, str]:
        """{client id: its merchandiser}, each client read once per gathering."""
        missing = list({int(i) for i in client_ids} - self._owners.keys())
        for chunk in (missing[i:i + 500] for i in range(0, len(missing), 500)):
            self._owners.update({int(cid): str(who) for cid, who in Client.select(Client.id, Client.merchandiser)
                                 .where(Client.id.in_(chunk)).tuples()})
            self._owners.update({cid: "" for cid in chunk if cid not in self._owners})
        return self._owners

    def client_values(self, ids: Iterable[int]) -> dict[int, Decimal]:
        """Open business per client, each client read once per gathering (the follow-ups of
        nine sections are mostly about the same clients)."""
        wanted = set(ids)
        missing = wanted - self._client_values.keys()
        if missing:
            got = client_open_values(missing, self.rates)
            self._client_values.update({cid: got.get(cid) for cid in missing})
        return {cid: v for cid in wanted if (v := self._client_values[cid]) is not None}

    def unpaid(self) -> list[OverdueShipment]:
        """Shipments with money owed whose terms end by the last day shown, read once for the
        overdue receivables and the payments falling due (one allocation over the whole database)."""
        if self._unpaid is None:
            from .receivables import overdue_receivables

            self._unpaid = overdue_receivables(self.end + dt.timedelta(days=1), PAYMENT_TERMS_DAYS)
        return self._unpaid

    def home(self, amount: Decimal, currency: str) -> Decimal | None:
        rate = self.rates.get((currency or "").upper())
        return None if rate is None else amount * rate


_date = as_date


def _order_text(f: OrderFacts | None, *rest: str) -> str:
    return " · ".join([f.number, f.client_name, *[r for r in rest if r]]) if f else " · ".join(rest)


# -------------------------------------------------------------- follow-ups --
def _followups(ctx: Ctx, cond: Expr, limit: int | None = CANDIDATES) -> Items:
    from .followups import _pending  # the one rule of a pending reminder

    q = (_pending().select(FollowUp.id, FollowUp.client, FollowUp.content, FollowUp.next_date,
                           FollowUp.merchandiser, Client.name, Client.grade, Client.merchandiser)
         .where(cond).order_by(FollowUp.next_date, FollowUp.id))
    rows = list((q.limit(limit) if limit is not None else q).tuples())
    values = ctx.client_values(r[1] for r in rows)
    out = []
    for fid, cid, content, next_date, who, name, grade, owner in rows:
        next_date = _date(next_date)
        days = (ctx.today - next_date).days
        urgency = late_points(days, 20) if days > 0 else (18 if days == 0 else soon_points(-days, 10))
        if grade == "key":
            urgency += 5
        out.append(WorkItem(f"followup:{fid}", "client", cid, f"{name} — {content[:40]}", next_date,
                            "late" if days > 0 else ("soon" if days == 0 else None), urgency,
                            values.get(cid), completes=True, owner=who or owner))
    return capped(out, limit is not None and len(rows) >= limit)


def followups_overdue(ctx: Ctx) -> Items:
    return _followups(ctx, FollowUp.next_date < ctx.today)


def followups_due(ctx: Ctx) -> Items:
    return _followups(ctx, FollowUp.next_date == ctx.today)


# ------------------------------------------------------------- production --
def orders_at_risk(ctx: Ctx) -> Items:
    from .risk import orders_at_risk as at_risk

    risks = at_risk(ctx.today, limit=CANDIDATES)
    facts = ctx.orders(r.order_id for r in risks)
    out = []
    for r in risks:
        f = facts.get(r.order_id)
        if r.level == "late":
            urgency = late_points((ctx.today - r.delivery_date).days, 30) if r.delivery_date < ctx.today else 28
        else:
            urgency = 15 + soon_points(r.days_left, 10)
        out.append(WorkItem(f"risk:{r.order_id}", "order", r.order_id, _order_text(f, r.label) + f" — {r.reason()}",
                            r.delivery_date, "late" if r.level == "late" else "soon", urgency,
                            f.value if f else None, owner=f.merchandiser if f else ""))
    return capped(out, len(risks) >= CANDIDATES)


@dataclass
class StepGroup:
    """The cards of one order at one step (on one day): one item says how many cards and pieces."""

    order_id: int
    name: str
    day: dt.date | None  # the day they are due (None: late)
    cards: int
    pieces: int
    card_id: int  # the card the item opens
    planned: dt.date
    days_late: int = 0


def _card_groups(rows: list[dict[str, Any]]) -> list[StepGroup]:
    """Late steps grouped per (order, step); the card opened is the first by plan and number."""
    groups: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["order_id"], row["name"])].append(row)
    out = []
    for (oid, name), cards in groups.items():
        first = min(cards, key=lambda c: (c["planned"], c["number"]))
        out.append(StepGroup(oid, name, None, len(cards), sum(c["quantity"] for c in cards), first["card_id"],
                             first["planned"], max(c["days_late"] for c in cards)))
    return out


def _step_items(groups: list[StepGroup], ctx: Ctx, key_prefix: str) -> list[WorkItem]:
    from .routes import step_label

    facts = ctx.orders(g.order_id for g in groups)
    out = []
    for g in groups:
        f = facts.get(g.order_id)
        count = t(f"{g.cards} 张卡 {g.pieces:,} 件", f"{g.cards} card(s), {g.pieces:,} pcs")
        if g.day is None:
            days = g.days_late
            text = _order_text(f, step_label(g.name), count, t(f"迟 {days} 天", f"{days} days late"))
            item = WorkItem(f"{key_prefix}:{g.order_id}:{g.name}", "flow_card", g.card_id, text, g.planned,
                            "late" if days > 3 else "soon", late_points(days, 15))
        else:
            until = (g.day - ctx.today).days
            text = _order_text(f, step_label(g.name), count, t("到期", "due"))
            item = WorkItem(f"{key_prefix}:{g.order_id}:{g.name}:{g.day.isoformat()}", "flow_card", g.card_id, text,
                            g.day, "soon" if until == 0 else None, soon_points(until, 12))
        item.value, item.owner = (f.value, f.merchandiser) if f else (None, "")
        out.append(item)
    return out


def late_steps(ctx: Ctx) -> Items:
    """Per card its first late step only (the later ones are late because of it)."""
    from .progress_queries import LateStep
    from .progress_queries import late_steps as late

    first: dict[int, LateStep] = {}
    steps = late(ctx.today, limit=STEP_ROWS)
    for s in steps:
        if s.card_id not in first or s.seq < first[s.card_id].seq:
            first[s.card_id] = s
    rows = [{"order_id": s.order_id, "name": s.name, "planned": s.planned_date, "days_late": s.days_late,
             "number": s.card_number, "card_id": s.card_id, "quantity": s.quantity} for s in first.values()]
    return capped(_step_items(_card_groups(rows), ctx, "late_step"), len(steps) >= STEP_ROWS)


def late_purchases(ctx: Ctx) -> Items:
    from .materials import fmt_qty, overdue_purchases

    every = overdue_purchases(ctx.today, limit=CANDIDATES + 1)  # one more says there are more
    rows = every[:CANDIDATES]
    facts = ctx.orders(p.order_id for p in rows)
    out = []
    for p in rows:
        f = facts.get(p.order_id)
        owed = t(f"欠 {fmt_qty(p.outstanding)} {p.unit},逾期 {p.days_overdue} 天",
                 f"{fmt_qty(p.outstanding)} {p.unit} owed, {p.days_overdue} days overdue")
        out.append(WorkItem(f"purchase:{p.purchase_id}", "purchase", p.purchase_id,
                            " · ".join([p.order_number, p.material, p.supplier, owed]), p.due_date,
                            "late" if p.days_overdue > 3 else "soon", late_points(p.days_overdue, 15),
                            f.value if f else None, owner=f.merchandiser if f else ""))
    return capped(out, len(every) > CANDIDATES)


def exceptions(ctx: Ctx) -> Items:
    from .production_exceptions import open_exceptions

    every = open_exceptions(limit=CANDIDATES + 1)
    rows = every[:CANDIDATES]
    facts = ctx.orders(e.order_id for e in rows)
    out = []
    for e in rows:
        f = facts.get(e.order_id)
        days = (ctx.today - _date(e.reported_at)).days
        text = " · ".join([f.number if f else "", enums.label("exception_kind", e.kind),
                           enums.label("severity", e.severity), e.description[:40]])
        out.append(WorkItem(f"exception:{e.id}", "exception", e.id, text, _date(e.reported_at),
                            "late" if e.severity in ("high", "critical") else "soon",
                            SEVERITY_POINTS.get(e.severity, 10) + min(max(days, 0), 20) / 2,
                            f.value if f else None, owner=e.merchandiser or (f.merchandiser if f else "")))
    return capped(out, len(every) > CANDIDATES)


def complaints(ctx: Ctx) -> Items:
    from .models import Complaint

    rows = list(Complaint.select(Complaint.id, Complaint.number, Complaint.date, Complaint.description,
                                 Complaint.status, Complaint.order, Complaint.merchandiser)
                .where(Complaint.status != "closed").order_by(Complaint.date, Complaint.id).limit(CANDIDATES))
    facts = ctx.orders(c.order_id for c in rows)
    out = []
    for c in rows:
        f = facts.get(c.order_id)
        days = (ctx.today - _date(c.date)).days
        text = " · ".join([c.number, f.number if f else "", enums.label("complaint_status", c.status),
                           c.description[:40]])
        out.append(WorkItem(f"complaint:{c.id}", "complaint", c.id, text, _date(c.date),
                            "soon" if c.status == "open" else None,
                            (20 if c.status == "open" else 10) + min(max(days, 0), 30) / 2,
                            f.value if f else None, owner=c.merchandiser or (f.merchandiser if f else "")))
    return capped(out, len(rows) >= CANDIDATES)


def recalls(ctx: Ctx) -> Items:
    from .recalls import outstanding_recalls

    rows = outstanding_recalls(limit=CANDIDATES)
    facts = ctx.orders(r["order_id"] for r in rows)
    out = []
    for r in rows:
        f = facts.get(r["order_id"])
        day = _date(r["recalled_at"])
        text = " · ".join([t(r["kind_zh"], r["kind_en"]) + f" {r['number']}", r["order_number"]])
        out.append(WorkItem(f"recall:{r['kind']}:{r['id']}", r["kind"], r["id"], text, day, "soon",
                            10 + min((ctx.today - day).days, 30), None, owner=f.merchandiser if f else "",
                            note=r["recall_reason"] or ""))
    return capped(out, len(rows) >= CANDIDATES)


# --------------------------------------------------------- the coming days --
def _deliveries(ctx: Ctx, day: dt.date) -> Items:
    ids = [i for (i,) in Order.select(Order.id).where((Order.delivery_date == day)
                                                        & Order.status.in_(OPEN_ORDER_STATUSES))
           .limit(CANDIDATES).tuples()]
    facts = ctx.orders(ids)
    until = (day - ctx.today).days
    out = []
    for oid in ids:
        f = facts.get(oid)
        text = _order_text(f, enums.label("order_status", f.status) if f else "", t("交货", "delivery"))
        out.append(WorkItem(f"delivery:{oid}", "order", oid, text, day, "soon" if until <= 2 else None,
                            max(20 - 2 * until, 0), f.value if f else None, owner=f.merchandiser if f else ""))
    return capped(out, len(ids) >= CANDIDATES)


def _steps_due(ctx: Ctx, day: dt.date) -> Items:
    """Cards due at a step on the day, grouped per order and step in the query (one row per item)."""
    from peewee import fn

    from .progress_queries import open_steps

    q = (open_steps(FlowCard.order, FlowCardStep.name, fn.COUNT(FlowCard.id), fn.SUM(FlowCard.quantity),
                    fn.MIN(FlowCard.id), steps_first=True)
         .where(FlowCardStep.planned_date == day).group_by(FlowCard.order, FlowCardStep.name)
         .order_by(FlowCard.order, FlowCardStep.name).limit(CANDIDATES))
    groups = [StepGroup(oid, name, day, int(n), int(pieces or 0), card, day)
              for oid, name, n, pieces, card in q.tuples()]
    return capped(_step_items(groups, ctx, "step"), len(groups) >= CANDIDATES)


def _quotations(ctx: Ctx, day: dt.date) -> Items:
    from peewee import fn

    rows = list(Quotation.select(Quotation.id, Quotation.number, Quotation.currency, Quotation.merchandiser,
                                 Client.name).join(Client)
                .where(Quotation.status.in_(("draft", "sent")) & (Quotation.valid_until == day))
                .order_by(Quotation.id).limit(CANDIDATES))
    ids = [q.id for q in rows]
    amount_sql = fn.SUM(QuotationItem.quantity * QuotationItem.unit_price)
    totals = dict(QuotationItem.select(QuotationItem.quotation, amount_sql
                                       .coerce(False)).where(QuotationItem.quotation.in_(ids))
                  .group_by(QuotationItem.quotation).tuples()) if ids else {}
    until = (day - ctx.today).days
    out = []
    for q in rows:
        amount = Decimal(int(totals.get(q.id) or 0)) / 10_000
        out.append(WorkItem(f"quotation:{q.id}", "quotation", q.id,
                            " · ".join([q.number, q.client.name, t("报价到期", "quotation expires")]), day,
                            "soon" if until <= 2 else None, soon_points(until, 12), ctx.home(amount, q.currency),
                            owner=q.merchandiser))
    return capped(out, len(rows) >= CANDIDATES)


def week(ctx: Ctx) -> list[Section]:
    """One section per day from today: what falls due on it (each kind read per day, at most
    CANDIDATES), and the payments expected (core/workbench_money.py)."""
    payments = payments_expected(ctx)
    out = []
    for n in range(ctx.days + 1):
        day = ctx.today + dt.timedelta(days=n)
        parts = [_followups(ctx, FollowUp.next_date == day) if n else Items(), _deliveries(ctx, day),
                 _steps_due(ctx, day), _quotations(ctx, day)]
        items = [i for part in parts for i in part] + payments.get(day, [])
        out.append(Section(day_key(n), rank(items), day=day, more=any(getattr(p, "more", False) for p in parts)))
    return out


SECTION_FNS: dict[str, Callable[[Ctx], list[WorkItem]]] = {
    "followups_overdue": followups_overdue, "followups_due": followups_due, "orders_at_risk": orders_at_risk,
    "late_steps": late_steps, "late_purchases": late_purchases, "exceptions": exceptions,
    "receivables": receivables, "complaints": complaints, "recalls": recalls,
}


def gather_section(key: str, ctx: Ctx) -> list[Section]:
    """One loader's sections; a failing one shows its error instead of taking the rest down."""
    try:
        if key == "week":
            return week(ctx)
        items = SECTION_FNS[key](ctx)
        return [Section(key, rank(items), more=getattr(items, "more", False))]
    except Exception as exc:  # noqa: BLE001 - shown in place, the other sections still load
        keys = [day_key(n) for n in range(ctx.days + 1)] if key == "week" else [key]
        return [Section(k, [], error=str(exc)) for k in keys]


def gather_each(today: dt.date, days: int = DEFAULT_DAYS, each: Callable[[Section], None] | None = None, *,
                merchandiser: str | None = None) -> list[Section]:
    """Every section, in LOAD_ORDER, the items put off taken out, handed to
    ``each(section)`` as soon as it is ready; returns them in display order."""
    ctx = Ctx(today, days)
    hidden = active_snoozes(today, merchandiser)
    got: dict[str, Section] = {}
    for key in LOAD_ORDER:
        for s in gather_section(key, ctx):
            got[s.key] = hide_snoozed(s, hidden)
            if each is not None:
                each(s)
    return [got[k] for k in display_order(days) if k in got]


def gather(today: dt.date, days: int = DEFAULT_DAYS, merchandiser: str | None = None) -> list[Section]:
    """All sections, in display order (the bench and the reminders use it)."""
    return gather_each(today, days, merchandiser=merchandiser)
