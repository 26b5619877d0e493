"""应收款: what each client owes, per currency.

    balance = shipped − credits − paid

* shipped: Σ over shipment lines of ``quantity × unit_price`` (the price frozen on
  the shipment line), in the order's currency. Each line's amount is rounded to
  the cent, half away from zero (``line_amount``), exactly as it is printed on a
  statement, so that the printed lines sum to the printed totals.
* credits: ``Complaint.credit_amount`` of complaints whose ``credit_date`` is set,
  in the complaint's currency; dated by ``credit_date``.
* paid: ``Payment.amount`` in the payment's currency; dated by ``Payment.date``.

All sums run in SQL with GROUP BY over the scaled-integer money columns, so they
are exact on SQLite and PostgreSQL and take a fixed number of queries however
many clients there are.

Overdue rule (``overdue_receivables``): per client and currency, everything the
client has been credited or has paid, whichever order it names, is applied to
that client's shipments oldest first (by shipment date, then shipment id). What
remains unpaid on a shipment whose date is more than ``terms_days`` days before
``today`` is overdue. A deposit received before shipping therefore pays the
first shipment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from peewee import Case, fn

from .fields import MONEY_PLACES, to_decimal
from .models import Client, Complaint, Order, OrderLine, Payment, Shipment, ShipmentLine

ZERO = Decimal("0.00")
_MONEY_SCALE = 10_000  # MoneyField keeps 1/10000 units
_CENT = _MONEY_SCALE // 100


def line_amount(quantity: int, unit_price) -> Decimal:
    """Amount of one shipment line: quantity × unit price, rounded to the cent."""
    return (Decimal(int(quantity)) * to_decimal(unit_price)).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)


def line_amount_sql():
    """SQL twin of ``line_amount`` on the raw scaled columns (1/10000 units).

    Integer division truncates toward zero on SQLite and PostgreSQL alike, so
    adding half a cent to the magnitude first rounds half away from zero, the
    same as ``ROUND_HALF_UP`` on a Decimal.
    """
    raw = ShipmentLine.quantity * ShipmentLine.unit_price
    half = _CENT // 2
    return Case(
        None,
        [(raw >= 0, ((raw + half) / _CENT) * _CENT)],
        # written as 0 − x: peewee renders unary minus as DESC
        (0 - (((0 - raw) + half) / _CENT)) * _CENT,
    )


def _money(raw) -> Decimal:
    """A raw SQL SUM of scaled money back to Decimal, at cent precision or finer."""
    if raw is None:
        return ZERO
    value = Decimal(int(raw)) / _MONEY_SCALE
    return value.quantize(MONEY_PLACES) if value == value.quantize(MONEY_PLACES) else value.normalize()


def _raw_sum(expr):
    # coerce(False): peewee would otherwise run MoneyField.python_value on the sum
    return fn.SUM(expr).coerce(False)


@dataclass
class Receivable:
    """What one client owes in one currency."""

    client_id: int
    client_code: str
    client_name: str
    currency: str
    shipped: Decimal
    credits: Decimal
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        return self.shipped - self.credits - self.paid


# ------------------------------------------------------------ aggregations --
def _date_filter(query, column, before: dt.date | None, until: dt.date | None, since: dt.date | None = None):
    if before is not None:
        query = query.where(column < before)
    if since is not None:
        query = query.where(column >= since)
    if until is not None:
        query = query.where(column <= until)
    return query


def shipped_totals(client_id: int | None = None, *, before: dt.date | None = None,
                   until: dt.date | None = None, since: dt.date | None = None) -> dict[tuple[int, str], Decimal]:
    """{(client_id, currency): shipped amount}, one GROUP BY query."""
    q = (ShipmentLine.select(Order.client, Order.currency, _raw_sum(line_amount_sql()))
         .join(Shipment).join(Order)
         .group_by(Order.client, Order.currency))
    if client_id is not None:
        q = q.where(Order.client == client_id)
    q = _date_filter(q, Shipment.date, before, until, since)
    return {(c, cur): _money(s) for c, cur, s in q.tuples()}


def credit_totals(client_id: int | None = None, *, before: dt.date | None = None,
                  until: dt.date | None = None, since: dt.date | None = None) -> dict[tuple[int, str], Decimal]:
    """{(client_id, currency): credited amount} from after-sales, one GROUP BY query."""
    q = (Complaint.select(Order.client, Complaint.currency, _raw_sum(Complaint.credit_amount))
         .join(Order, on=(Complaint.order == Order.id))
         .where(Complaint.credit_date.is_null(False))
         .group_by(Order.client, Complaint.currency))
    if client_id is not None:
        q = q.where(Order.client == client_id)
    q = _date_filter(q, Complaint.credit_date, before, until, since)
    return {(c, cur): _money(s) for c, cur, s in q.tuples()}


def payment_totals(client_id: int | None = None, *, before: dt.date | None = None,
                   until: dt.date | None = None, since: dt.date | None = None) -> dict[tuple[int, str], Decimal]:
    """{(client_id, currency): amount received}, one GROUP BY query."""
    q = (Payment.select(Payment.client, Payment.currency, _raw_sum(Payment.amount))
         .group_by(Payment.client, Payment.currency))
    if client_id is not None:
        q = q.where(Payment.client == client_id)
    q = _date_filter(q, Payment.date, before, until, since)
    return {(c, cur): _money(s) for c, cur, s in q.tuples()}


def receivables(client_id: int | None = None, *, until: dt.date | None = None,
                before: dt.date | None = None) -> list[Receivable]:
    """Receivables per client and currency (all clients when ``client_id`` is None).

    ``until`` counts movements dated on or before it, ``before`` those strictly
    before it (the opening balance of a statement). Four queries in all.
    Clients and currencies with no movement at all are left out.
    """
    shipped = shipped_totals(client_id, before=before, until=until)
    credits = credit_totals(client_id, before=before, until=until)
    paid = payment_totals(client_id, before=before, until=until)
    keys = set(shipped) | set(credits) | set(paid)
    if not keys:
        return []
    ids = {k[0] for k in keys}
    names = {c.id: (c.code, c.name) for c in
             Client.select(Client.id, Client.code, Client.name).where(Client.id.in_(list(ids)))}
    out = [
        Receivable(cid, names.get(cid, ("", ""))[0], names.get(cid, ("", ""))[1], cur,
                   shipped.get((cid, cur), ZERO), credits.get((cid, cur), ZERO), paid.get((cid, cur), ZERO))
        for cid, cur in keys
    ]
    out.sort(key=lambda r: (r.client_code, r.client_id, r.currency))
    return out


def receivables_by_client() -> list[Receivable]:
    """Every client's receivable per currency, in client-code order (4 queries)."""
    return receivables()


def client_balance(client_id: int, *, until: dt.date | None = None) -> dict[str, Decimal]:
    """{currency: balance} for one client; positive means the client owes us."""
    return {r.currency: r.balance for r in receivables(client_id, until=until)}


# --------------------------------------------------------------- per order --
def order_amounts(order_id: int) -> dict[str, Decimal]:
    """Shipped, credited and paid amounts against one order (in its currency).

    Credits and payments in another currency than the order's are ignored here
    (record_payment refuses them); the result keys are shipped, credits, paid,
    balance.
    """
    order = Order.get_by_id(order_id)
    shipped = (ShipmentLine.select(_raw_sum(line_amount_sql())).join(Shipment)
               .where(Shipment.order == order_id).scalar())
    credits = (Complaint.select(_raw_sum(Complaint.credit_amount))
               .where((Complaint.order == order_id) & Complaint.credit_date.is_null(False)
                      & (Complaint.currency == order.currency)).scalar())
    paid = (Payment.select(_raw_sum(Payment.amount))
            .where((Payment.order == order_id) & (Payment.currency == order.currency)).scalar())
    s, c, p = _money(shipped), _money(credits), _money(paid)
    return {"shipped": s, "credits": c, "paid": p, "balance": s - c - p}


def shipment_totals(order_id: int) -> dict[int, tuple[int, Decimal]]:
    """(pieces, amount) of every shipment of the order, in one query.

    For lists that show a total per shipment row: ``shipments.shipment_total``
    per row reads every line of every shipment again.
    """
    q = (ShipmentLine.select(ShipmentLine.shipment, fn.SUM(ShipmentLine.quantity), _raw_sum(line_amount_sql()))
         .join(Shipment).where(Shipment.order == order_id).group_by(ShipmentLine.shipment))
    return {sid: (int(n or 0), _money(raw)) for sid, n, raw in q.tuples()}


def ordered_amount(order_id: int) -> Decimal:
    """Σ quantity × unit price of the order's lines, each rounded like a shipment line."""
    return sum((line_amount(q, p) for q, p in
                OrderLine.select(OrderLine.quantity, OrderLine.unit_price)
                .where(OrderLine.order == order_id).tuples()), ZERO)


# ----------------------------------------------------------------- overdue --
@dataclass
class OverdueShipment:
    client_id: int
    client_code: str
    client_name: str
    currency: str
    shipment_id: int
    shipment_no: str
    order_no: str
    client_po: str
    date: dt.date
    due_date: dt.date
    days_overdue: int
    amount: Decimal  # the shipment's total
    unpaid: Decimal  # what is left of it after oldest-first allocation


def overdue_receivables(today: dt.date | None = None, terms_days: int = 30,
                        client_id: int | None = None) -> list[OverdueShipment]:
    """Shipments more than ``terms_days`` old that are still unpaid (see module doc).

    Oldest first; four queries plus one for client names, allocation in Python.
    """
    today = today or dt.date.today()
    q = (ShipmentLine.select(Shipment.id, Shipment.number, Shipment.date, Order.number, Order.client_po,
                             Order.client, Order.currency, _raw_sum(line_amount_sql()))
         .join(Shipment).join(Order)
         .group_by(Shipment.id, Shipment.number, Shipment.date, Order.number, Order.client_po,
                   Order.client, Order.currency)
         .order_by(Shipment.date, Shipment.id))
    q = q.where(Shipment.date <= today)
    if client_id is not None:
        q = q.where(Order.client == client_id)
    rows = list(q.tuples())
    if not rows:
        return []
    # only money received by ``today`` counts, so a past date gives the past picture
    credits = credit_totals(client_id, until=today)
    paid = payment_totals(client_id, until=today)
    available = {k: credits.get(k, ZERO) + paid.get(k, ZERO) for k in set(credits) | set(paid)}
    cutoff = today - dt.timedelta(days=terms_days)
    pending = []
    for sid, sno, sdate, ono, po, cid, cur, raw in rows:
        amount = _money(raw)
        key = (cid, cur)
        use = min(max(available.get(key, ZERO), ZERO), amount) if amount > 0 else ZERO
        available[key] = available.get(key, ZERO) - use
        unpaid = amount - use
        if unpaid > 0 and sdate < cutoff:
            pending.append((cid, cur, sid, sno, ono, po, sdate, amount, unpaid))
    if not pending:
        return []
    ids = list({p[0] for p in pending})
    names = {c.id: (c.code, c.name) for c in
             Client.select(Client.id, Client.code, Client.name).where(Client.id.in_(ids))}
    return [
        OverdueShipment(cid, names[cid][0], names[cid][1], cur, sid, sno, ono, po, sdate,
                        sdate + dt.timedelta(days=terms_days), (today - sdate).days - terms_days, amount, unpaid)
        for cid, cur, sid, sno, ono, po, sdate, amount, unpaid in pending
    ]


def total_overdue(today: dt.date | None = None, terms_days: int = 30) -> dict[str, Decimal]:
    """{currency: overdue amount} over all clients (for a dashboard)."""
    out: dict[str, Decimal] = {}
    for row in overdue_receivables(today, terms_days):
        out[row.currency] = out.get(row.currency, ZERO) + row.unpaid
    return out


__all__ = [
    "Receivable", "OverdueShipment", "line_amount", "line_amount_sql", "shipped_totals", "credit_totals",
    "payment_totals", "receivables", "receivables_by_client", "client_balance", "order_amounts",
    "ordered_amount", "shipment_totals", "overdue_receivables", "total_overdue", "ZERO",
]
