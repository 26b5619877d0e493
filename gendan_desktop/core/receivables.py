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
from typing import Any

from peewee import Case, fn

from . import limits
from .common import where_given
from .db import current_database
from .fields import MONEY_PLACES, to_decimal
from .models import Client, Complaint, Expr, Order, OrderLine, Payment, Query, Shipment, ShipmentLine

ZERO = Decimal("0.00")
_MONEY_SCALE = 10_000  # MoneyField keeps 1/10000 units
_CENT = _MONEY_SCALE // 100


def line_amount(quantity: int, unit_price: Any) -> Decimal:
    """Amount of one shipment line: quantity × unit price, rounded to the cent."""
    return (Decimal(int(quantity)) * to_decimal(unit_price)).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)


def line_amount_sql() -> Expr:
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


def money_of_sum(raw: Any) -> Decimal:
    """A raw SQL SUM of scaled money back to Decimal, at cent precision or finer."""
    if raw is None:
        return ZERO
    value = Decimal(int(raw)) / _MONEY_SCALE
    return value.quantize(MONEY_PLACES) if value == value.quantize(MONEY_PLACES) else value.normalize()


def _raw_sum(expr: Expr) -> Expr:
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
def _totals(q: Query, client: Expr, date: Expr, client_id: int | None, before: dt.date | None,
            until: dt.date | None, since: dt.date | None) -> dict[tuple[int, str], Decimal]:
    """{(client_id, currency): sum} of a query grouped by client and currency, for one client or all,
    dated before ``before``, from ``since``, up to ``until`` (each when given)."""
    q = where_given(q, (client_id, client == client_id), (before, date < before), (since, date >= since),
                    (until, date <= until))
    return {(c, cur): money_of_sum(s) for c, cur, s in q.tuples()}


def shipped_totals(client_id: int | None = None, *, before: dt.date | None = None,
                   until: dt.date | None = None, since: dt.date | None = None) -> dict[tuple[int, str], Decimal]:
    """{(client_id, currency): shipped amount}, one GROUP BY query."""
    q = (ShipmentLine.select(Order.client, Order.currency, _raw_sum(line_amount_sql()))
         .join(Shipment).join(Order)
         .group_by(Order.client, Order.currency))
    return _totals(q, Order.client, Shipment.date, client_id, before, until, since)


def credit_totals(client_id: int | None = None, *, before: dt.date | None = None,
                  until: dt.date | None = None, since: dt.date | None = None) -> dict[tuple[int, str], Decimal]:
    """{(client_id, currency): credited amount} from after-sales, one GROUP BY query."""
    q = (Complaint.select(Order.client, Complaint.currency, _raw_sum(Complaint.credit_amount))
         .join(Order, on=(Complaint.order == Order.id))
         .where(Complaint.credit_date.is_null(False))
         .group_by(Order.client, Complaint.currency))
    return _totals(q, Order.client, Complaint.credit_date, client_id, before, until, since)


def payment_totals(client_id: int | None = None, *, before: dt.date | None = None,
                   until: dt.date | None = None, since: dt.date | None = None) -> dict[tuple[int, str], Decimal]:
    """{(client_id, currency): amount received}, one GROUP BY query."""
    q = (Payment.select(Payment.client, Payment.currency, _raw_sum(Payment.amount))
         .group_by(Payment.client, Payment.currency))
    return _totals(q, Payment.client, Payment.date, client_id, before, until, since)


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
    s, c, p = money_of_sum(shipped), money_of_sum(credits), money_of_sum(paid)
    return {"shipped": s, "credits": c, "paid": p, "balance": s - c - p}


def shipment_totals(order_id: int) -> dict[int, tuple[int, Decimal]]:
    """(pieces, amount) of every shipment of the order, in one query.

    For lists that show a total per shipment row: ``shipments.shipment_total``
    per row reads every line of every shipment again.
    """
    q = (ShipmentLine.select(ShipmentLine.shipment, fn.SUM(ShipmentLine.quantity), _raw_sum(line_amount_sql()))
         .join(Shipment).where(Shipment.order == order_id).group_by(ShipmentLine.shipment))
    return {sid: (int(n or 0), money_of_sum(raw)) for sid, n, raw in q.tuples()}


def ordered_amount(order_id: int) -> Decimal:
    """Σ quantity × unit price of the order's lines, each rounded like a shipment line."""
    return sum((line_amount(q, p) for q, p in
                OrderLine.select(OrderLine.quantity, OrderLine.unit_price)
                .where(OrderLine.order == order_id).tuples()), ZERO)


def check_client_total(kind: str, client_id: int, currency: str, adding: Decimal,
                       less: Decimal = ZERO) -> None:
    """Refuse a write that would take the client's total of ``kind`` (shipped /
    credited / paid) in ``currency`` past limits.CLIENT_TOTAL: what keeps every
    receivable sum within 64 bits (see core/limits.py). ``less`` is what the
    write replaces (a payment being corrected)."""
    totals = {"shipped": shipped_totals, "credited": credit_totals, "paid": payment_totals}[kind](client_id)
    names = {"shipped": ("出货金额", "shipped amount"), "credited": ("折让金额", "credits"),
             "paid": ("收款金额", "payments")}[kind]
    current = totals.get((client_id, currency), ZERO) - less
    if current + adding > limits.CLIENT_TOTAL:
        name = Client.get_by_id(client_id).name
        limits.check_client_total(current, adding, *names, name, currency)


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


def _overdue_sql(param: str, client_filter: bool, limit: int | None) -> str:
    """The overdue query: one pass, allocation by window sums (SQLite ≥ 3.25, PostgreSQL).

    Per client and currency, the shipments and the money (credits and payments)
    form one partition; the money rows sort first, so on each shipment row

        avail = all money received by ``today``
        cum   = Σ positive shipment amounts up to and including this shipment

    and oldest-first allocation has used ``min(max(avail, 0), cum)`` so far: the
    shipment is still (partly) unpaid exactly when ``cum > max(avail, 0)``. Only
    shipments dated before the cutoff can be overdue, and a later shipment never
    takes money from an earlier one, so the later ones are left out at once.
    Shipments are driven from the orders (a sequential scan, then the
    shipment_order_id index: 2.5× faster than via shipment_date on SQLite), and
    payment dates are tested in a CASE rather than a WHERE, because nearly every
    payment qualifies and reading them through the date index is slower. The
    money is summed per client and currency first: fewer rows for the window
    to sort (620 → 440 ms on 100,000 orders).
    """
    cf = f" AND o.client_id = {param}" if client_filter else ""
    pf = f" AND p.client_id = {param}" if client_filter else ""
    half = _CENT // 2
    raw = "sl.quantity * sl.unit_price"
    amount = (f"CASE WHEN {raw} >= 0 THEN (({raw} + {half}) / {_CENT}) * {_CENT} "
              f"ELSE (0 - (((0 - {raw}) + {half}) / {_CENT})) * {_CENT} END")
    return f"""
WITH amounts AS (
  SELECT sl.shipment_id AS sid, SUM({amount}) AS amount FROM shipment_line sl GROUP BY sl.shipment_id
), m AS (
  SELECT 1 AS kind, s.id AS sid, s.date AS sdate, o.client_id AS cid, o.currency AS cur, a.amount AS amount
  FROM "order" o CROSS JOIN shipment s CROSS JOIN amounts a
  WHERE s.order_id = o.id AND a.sid = s.id AND s.date < {param} AND s.date <= {param}{cf}
  UNION ALL
  SELECT 0, 0, NULL, cid, cur, SUM(amt) FROM (
    SELECT o.client_id AS cid, c.currency AS cur, c.credit_amount AS amt
    FROM complaint c JOIN "order" o ON o.id = c.order_id
    WHERE c.credit_date IS NOT NULL AND c.credit_date <= {param}{cf}
    UNION ALL
    SELECT p.client_id, p.currency, CASE WHEN p.date <= {param} THEN p.amount ELSE 0 END
    FROM payment p WHERE p.amount IS NOT NULL{pf}
  ) money GROUP BY cid, cur
), run AS (
  SELECT kind, sid, sdate, cid, cur, amount,
         SUM(CASE WHEN kind = 1 AND amount > 0 THEN amount ELSE 0 END) OVER w AS cum,
         SUM(CASE WHEN kind = 0 THEN amount ELSE 0 END) OVER w AS avail
  FROM m
  WINDOW w AS (PARTITION BY cid, cur ORDER BY kind, sdate, sid)
)
SELECT r.sid, s.number, r.sdate, o.number, o.client_po, r.cid, cl.code, cl.name, r.cur, r.amount, r.cum, r.avail
FROM run r JOIN shipment s ON s.id = r.sid JOIN "order" o ON o.id = s.order_id JOIN client cl ON cl.id = r.cid
WHERE r.kind = 1 AND r.amount > 0 AND r.cum > (CASE WHEN r.avail > 0 THEN r.avail ELSE 0 END)
ORDER BY r.sdate, r.sid{f" LIMIT {int(limit)}" if limit is not None else ""}
"""


def overdue_receivables(today: dt.date | None = None, terms_days: int = 30,
                        client_id: int | None = None, limit: int | None = None) -> list[OverdueShipment]:
    """Shipments more than ``terms_days`` old that are still unpaid (see module doc).

    Oldest first (by shipment date, then id); ``limit`` caps the list (the
    workbench shows the oldest few). One query: the allocation runs in SQL.
    """
    today = today or dt.date.today()
    cutoff = today - dt.timedelta(days=terms_days)
    db = current_database()
    day, cut = today.isoformat(), cutoff.isoformat()
    cid_args = [client_id] if client_id is not None else []
    params = [cut, day, *cid_args, day, *cid_args, day, *cid_args]
    rows = db.execute_sql(_overdue_sql(db.param, client_id is not None, limit), params).fetchall()
    out = []
    for sid, sno, sdate, ono, po, cid, code, name, cur, raw, cum, avail in rows:
        raw, cum, avail = int(raw), int(cum), max(int(avail or 0), 0)
        unpaid = cum - max(cum - raw, avail)  # what oldest-first allocation left of this shipment
        sdate = sdate if isinstance(sdate, dt.date) else dt.date.fromisoformat(str(sdate)[:10])
        out.append(OverdueShipment(cid, code, name, cur, sid, sno, ono, po, sdate,
                                   sdate + dt.timedelta(days=terms_days), (today - sdate).days - terms_days,
                                   money_of_sum(raw), money_of_sum(unpaid)))
    return out


def total_overdue(today: dt.date | None = None, terms_days: int = 30) -> dict[str, Decimal]:
    """{currency: overdue amount} over all clients (for a dashboard)."""
    out: dict[str, Decimal] = {}
    for row in overdue_receivables(today, terms_days):
        out[row.currency] = out.get(row.currency, ZERO) + row.unpaid
    return out


__all__ = [
    "Receivable", "OverdueShipment", "line_amount", "line_amount_sql", "shipped_totals", "credit_totals",
    "payment_totals", "receivables", "receivables_by_client", "client_balance", "order_amounts",
    "ordered_amount", "shipment_totals", "overdue_receivables", "total_overdue", "ZERO", "check_client_total",
]
