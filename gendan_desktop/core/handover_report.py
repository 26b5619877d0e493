"""交接报告: per client, what the successor needs to carry on without asking.

``handover_report(client_ids, leaver, successor)`` gathers, per client: its
contacts, the last follow-ups (and the next promised date), the open orders
with status, delivery date, progress and delivery risk, what it owes per
currency (and how much of it is overdue), and the open complaints. A fixed
handful of queries however many clients. The Excel and PDF forms are
excel/handover_xlsx.py and printing/handover_pdf.py.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import enums
from .compiled_sql import as_date
from .models import Client, Complaint, Contact, FollowUp, Order, OrderLine
from .work_items import OPEN_ORDER_STATUSES

LAST_FOLLOWUPS = 5


@dataclass
class ReportOrder:
    number: str
    client_po: str
    delivery_date: dt.date
    status: str  # label in the language of the report
    quantity: int
    good: int
    shipped: int
    currency: str
    amount: Decimal
    risk: str  # label
    risk_level: str  # late / at_risk / on_track
    risk_reason: str


@dataclass
class ClientReport:
    id: int
    code: str
    name: str
    name_en: str
    country: str
    phone: str
    email: str
    address: str
    payment_terms: str
    contacts: list[dict[str, Any]] = field(default_factory=list)  # name, title, phone, mobile, email, wechat
    followups: list[dict[str, Any]] = field(default_factory=list)  # date, channel, content, next_date, merchandiser
    orders: list[ReportOrder] = field(default_factory=list)
    owed: dict[str, Decimal] = field(default_factory=dict)  # currency → balance
    overdue: dict[str, Decimal] = field(default_factory=dict)  # currency → overdue part
    complaints: list[dict[str, Any]] = field(default_factory=list)  # number, date, order, status, description


@dataclass
class HandOverReport:
    leaver: str
    successor: str
    made_on: dt.date
    clients: list[ClientReport]
    lang: str = "zh"


def _date(v: object) -> dt.date | None:
    return None if v is None else as_date(v)


def _orders(ids: list[int], today: dt.date, lang: str) -> dict[int, list[ReportOrder]]:
    from peewee import fn

    from .risk import risk_for_orders

    orders = list(Order.select().where(Order.client.in_(ids) & Order.status.in_(OPEN_ORDER_STATUSES))
                  .order_by(Order.delivery_date, Order.number))
    oids = [o.id for o in orders]
    amounts = {oid: (int(q or 0), OrderLine.unit_price.from_sum(a)) for oid, q, a in
               OrderLine.select(OrderLine.order, fn.SUM(OrderLine.quantity),
                                fn.SUM(OrderLine.quantity * OrderLine.unit_price))
               .where(OrderLine.order.in_(oids)).group_by(OrderLine.order).tuples()} if oids else {}
    risks = risk_for_orders(oids, today) if oids else {}
    out: dict[int, list[ReportOrder]] = defaultdict(list)
    for o in orders:
        qty, amount = amounts.get(o.id, (0, Decimal(0)))
        r = risks.get(o.id)
        out[o.client_id].append(ReportOrder(
            o.number, o.client_po, as_date(o.delivery_date), enums.label("order_status", o.status, lang), qty,
            r.good if r else 0, r.shipped if r else 0, o.currency, amount,
            enums.label("risk", r.level, lang) if r else "", r.level if r else "", r.reason(lang) if r else ""))
    return out


def _money(ids: list[int], today: dt.date) -> tuple[dict[int, dict[str, Decimal]], dict[int, dict[str, Decimal]]]:
    from .receivables import overdue_receivables, receivables

    owed: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for r in receivables():
        if r.client_id in ids and r.balance:
            owed[r.client_id][r.currency] = r.balance
    overdue: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for s in overdue_receivables(today):
        if s.client_id in ids:
            overdue[s.client_id][s.currency] = overdue[s.client_id].get(s.currency, Decimal(0)) + s.unpaid
    return owed, overdue


def handover_report(client_ids: Iterable[int], leaver: str = "", successor: str = "", *, today: dt.date | None = None,
                    lang: str = "zh") -> HandOverReport:
    today = today or dt.date.today()
    ids = sorted({int(i) for i in client_ids})
    clients = {c.id: ClientReport(c.id, c.code, c.name, c.name_en, c.country, c.phone, c.email, c.address,
                                  c.payment_terms) for c in Client.select().where(Client.id.in_(ids))}
    for c in Contact.select().where(Contact.client.in_(ids)).order_by(Contact.is_primary.desc(), Contact.id):
        clients[c.client_id].contacts.append({"name": c.name, "title": c.title, "phone": c.phone, "mobile": c.mobile,
                                              "email": c.email, "wechat": c.wechat})
    for f in (FollowUp.select().where(FollowUp.client.in_(ids))
              .order_by(FollowUp.client, FollowUp.date.desc(), FollowUp.id.desc())):
        shown = clients[f.client_id].followups
        if len(shown) < LAST_FOLLOWUPS:
            shown.append({"date": _date(f.date), "channel": enums.label("channel", f.channel, lang),
                         "content": f.content, "merchandiser": f.merchandiser,
                         "next_date": _date(f.next_date) if not f.next_done else None})
    for cid, open_orders in _orders(ids, today, lang).items():
        clients[cid].orders = open_orders
    owed, overdue = _money(ids, today)
    for cid in ids:
        clients[cid].owed, clients[cid].overdue = owed.get(cid, {}), overdue.get(cid, {})
    for c in (Complaint.select(Complaint, Order.number, Order.client).join(Order)
              .where((Complaint.status != "closed") & Order.client.in_(ids)).order_by(Complaint.date)):
        clients[c.order.client_id].complaints.append({
            "number": c.number, "date": _date(c.date), "order": c.order.number,
            "status": enums.label("complaint_status", c.status, lang), "description": c.description})
    ordered = sorted(clients.values(), key=lambda c: (c.code, c.id))
    return HandOverReport(leaver, successor, today, ordered, lang)
