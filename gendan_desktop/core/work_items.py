"""The workbench's items: what each one is, how urgent and how much it is worth,
and what a merchandiser can do with it (done, put off, open).

Order (``rank``): an item's score is its urgency points (how late or how soon,
how severe) plus points for what is at stake in the home currency,
``10 × log10(1 + value / 1000)`` (1,000 → 3, 10,000 → 10, 100,000 → 20,
1,000,000 → 30). So an order 2 days late worth ¥500,000 comes before one
4 days late worth ¥5,000, and a follow-up 10 days overdue before one due
today, whatever their dates say. Ties go to the earlier date.

Put off (推迟, ``snooze``) hides an item from this merchandiser's list until a
date; "done" completes a follow-up's reminder and, for anything else, puts
the item off until tomorrow (``dismiss``): if it still needs doing then, it
is back. Both are stored per merchandiser (WorkItemSnooze), one row per item.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from .common import current_user
from .db import write_transaction
from .errors import ValidationError, current_language
from .exchange_rates import get_rates
from .models import Order, OrderLine, WorkItemSnooze

_MONEY_SCALE = Decimal(10_000)  # MoneyField keeps 1/10000 units
OPEN_ORDER_STATUSES = ("draft", "reviewed", "confirmed", "in_production", "partly_shipped")
MAX_SNOOZE_DAYS = 366
CANDIDATES = 500  # things a section reads and ranks at most (per day for the coming days)


def t(zh: str, en: str) -> str:
    """The sentence in the language of the UI (core/errors.set_language)."""
    return en if current_language() == "en" else zh


@dataclass
class WorkItem:
    """One thing to do. ``key`` names it for snoozes and reminders; ``kind`` and
    ``id`` are the record it opens; ``level`` colours it (late / soon / None)."""

    key: str
    kind: str
    id: int
    text: str
    when: dt.date | None = None
    level: str | None = None
    urgency: float = 0.0
    value: Decimal | None = None  # what is at stake, in the home currency
    completes: bool = False  # "done" completes a follow-up's reminder (else: dismissed for today)
    owner: str = ""  # the merchandiser who looks after it ("" = nobody named)
    note: str = ""  # a stored text the window shows in its language after the text (a recall reason)

    @property
    def score(self) -> float:
        return self.urgency + value_points(self.value)

    # the workbench GUI shows items as it showed its entries
    @property
    def colour(self) -> str | None:
        return {"late": "#c62828", "soon": "#ef6c00"}.get(self.level or "")


@dataclass
class Section:
    key: str  # followups_overdue … or "day:N" (N days from today)
    items: list[WorkItem]
    day: dt.date | None = None
    error: str = ""
    total: int = 0  # items before the snoozed ones were taken out
    snoozed: int = 0
    more: bool = False  # there were more than were read (core/workbench.CANDIDATES)

    @property
    def entries(self) -> list[WorkItem]:
        return self.items


class Items(list[WorkItem]):
    """A section's items; ``more`` when there were more than were read (core/workbench.CANDIDATES)."""

    more = False


def capped(items: Iterable[WorkItem], more: bool) -> Items:
    out = Items(items)
    out.more = more
    return out


def value_points(value: Decimal | None) -> float:
    if not value or value <= 0:
        return 0.0
    return 10 * math.log10(1 + float(value) / 1000)


def rank(items: Iterable[WorkItem]) -> list[WorkItem]:
    """Most urgent and valuable first; then the earlier date, then the text."""
    far = dt.date.max
    return sorted(items, key=lambda i: (-round(i.score, 6), i.when or far, i.text))


def late_points(days_late: int, base: float = 20, cap: int = 30) -> float:
    return base + min(max(days_late, 0), cap)


def soon_points(days_until: int, base: float = 10) -> float:
    return max(base - days_until, 0)


# ------------------------------------------------------------------ values --
def order_values(order_ids: Iterable[int], rates: dict[str, Decimal] | None = None) -> dict[int, Decimal | None]:
    """{order id: ordered amount in the home currency} (None where its currency has no rate)."""
    ids = list({int(i) for i in order_ids})
    if not ids:
        return {}
    rates = get_rates() if rates is None else rates
    out: dict[int, Decimal | None] = {}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        q = (OrderLine.select(OrderLine.order, Order.currency,
                              fn.SUM(OrderLine.quantity * OrderLine.unit_price).coerce(False))
             .join(Order).where(OrderLine.order.in_(chunk)).group_by(OrderLine.order, Order.currency))
        for oid, cur, raw in q.tuples():
            rate = rates.get((cur or "").upper())
            out[oid] = None if rate is None else Decimal(int(raw or 0)) / _MONEY_SCALE * rate
    return out


@dataclass(frozen=True)
class OrderFacts:
    number: str
    client_id: int
    client_name: str
    merchandiser: str
    status: str
    value: Decimal | None  # ordered amount in the home currency


def order_facts(order_ids: Iterable[int], rates: dict[str, Decimal] | None = None) -> dict[int, OrderFacts]:
    """What an item needs to say about its order, for many orders: one plain query per
    500 ids (building peewee queries with long IN lists cost more than running them)."""
    from .db import current_database

    ids = sorted({int(i) for i in order_ids})
    if not ids:
        return {}
    rates = get_rates() if rates is None else rates
    db = current_database()
    out = {}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        marks = ", ".join([db.param] * len(chunk))
        rows = db.execute_sql(
            'SELECT o.id, o.number, o.client_id, c.name, o.merchandiser, o.status, o.currency, '
            '(SELECT SUM(l.quantity * l.unit_price) FROM order_line l WHERE l.order_id = o.id) '
            f'FROM "order" o JOIN client c ON c.id = o.client_id WHERE o.id IN ({marks})', chunk).fetchall()
        for oid, number, cid, name, who, status, cur, raw in rows:
            rate = rates.get((cur or "").upper())
            value = None if rate is None else Decimal(int(raw or 0)) / _MONEY_SCALE * rate
            out[oid] = OrderFacts(number, cid, name, who or "", status, value)
    return out


def client_open_values(client_ids: Iterable[int], rates: dict[str, Decimal] | None = None) -> dict[int, Decimal]:
    """{client id: its open orders' amount in the home currency}: the business a follow-up is about.

    Read client first (each client's orders by the client index, then their lines):
    the cost follows the clients asked for. Joined by status instead, SQLite's
    planner walked every open order of the database for each 500 clients (3×
    slower at 100,000 orders); CROSS JOIN keeps the order written on SQLite and
    is an ordinary join on PostgreSQL."""
    from .db import current_database

    ids = sorted({int(i) for i in client_ids})
    if not ids:
        return {}
    rates = get_rates() if rates is None else rates
    db = current_database()
    statuses = ", ".join([db.param] * len(OPEN_ORDER_STATUSES))
    out: dict[int, Decimal] = {}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        marks = ", ".join([db.param] * len(chunk))
        rows = db.execute_sql(
            'SELECT o.client_id, o.currency, SUM(l.quantity * l.unit_price) '
            'FROM client c CROSS JOIN "order" o CROSS JOIN order_line l '
            f'WHERE o.client_id = c.id AND l.order_id = o.id AND c.id IN ({marks}) AND o.status IN ({statuses}) '
            'GROUP BY o.client_id, o.currency', [*chunk, *OPEN_ORDER_STATUSES]).fetchall()
        for cid, cur, raw in rows:
            rate = rates.get((cur or "").upper())
            if rate is not None:
                out[cid] = out.get(cid, Decimal(0)) + Decimal(int(raw or 0)) / _MONEY_SCALE * rate
    return out


# ----------------------------------------------------------------- snoozes --
def _who(merchandiser: str | None) -> str:
    return current_user() if merchandiser is None else merchandiser


def active_snoozes(today: dt.date, merchandiser: str | None = None) -> dict[str, dt.date]:
    """{item key: date it comes back} for the items this merchandiser has put off."""
    q = (WorkItemSnooze.select(WorkItemSnooze.item_key, WorkItemSnooze.until)
         .where((WorkItemSnooze.merchandiser == _who(merchandiser)) & (WorkItemSnooze.until > today)))
    return dict(q.tuples())


def snooze(keys: Iterable[str], until: dt.date, *, today: dt.date | None = None,
           merchandiser: str | None = None) -> int:
    """Put the items off until ``until`` (they are back on that day). Returns how many."""
    today = today or dt.date.today()
    if not isinstance(until, dt.date) or until <= today:
        raise ValidationError("推迟到的日期必须在今天之后,请选择明天或以后的日期。",
                              "Put it off to a day after today: pick tomorrow or later.", field="until")
    if (until - today).days > MAX_SNOOZE_DAYS:
        raise ValidationError("最多推迟一年,请选择一年以内的日期。",
                              "An item can be put off for at most a year; pick a date within a year.",
                              field="until")
    who = _who(merchandiser)
    keys = sorted({k for k in keys if k})
    with write_transaction():
        for key in keys:  # one row per item: a second snooze moves the date
            n = (WorkItemSnooze.update(until=until, created_at=dt.datetime.now().replace(microsecond=0))
                 .where((WorkItemSnooze.merchandiser == who) & (WorkItemSnooze.item_key == key)).execute())
            if not n:
                WorkItemSnooze.create(merchandiser=who, item_key=key, until=until)
    return len(keys)


def unsnooze(keys: Iterable[str], merchandiser: str | None = None) -> int:
    with write_transaction():
        return int(WorkItemSnooze.delete().where((WorkItemSnooze.merchandiser == _who(merchandiser))
                                                  & WorkItemSnooze.item_key.in_(list(keys))).execute())


def complete(item: WorkItem, *, today: dt.date | None = None, merchandiser: str | None = None) -> str:
    """"Done": a follow-up's reminder is completed; anything else is dismissed
    for today (back tomorrow if it still needs doing). Returns what was done."""
    today = today or dt.date.today()
    if item.completes and item.kind == "client" and item.key.startswith("followup:"):
        from .followups import complete_reminder

        complete_reminder(int(item.key.split(":")[1]))
        return "completed"
    snooze([item.key], today + dt.timedelta(days=1), today=today, merchandiser=merchandiser)
    return "dismissed"


def hide_snoozed(section: Section, hidden: dict[str, dt.date] | set[str]) -> Section:
    """Take the items put off (``active_snoozes``) out of the section, counting them."""
    section.total = len(section.items)
    section.items = [i for i in section.items if i.key not in hidden]
    section.snoozed = section.total - len(section.items)
    return section
