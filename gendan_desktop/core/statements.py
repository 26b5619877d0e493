"""对账单: a client's account for a period, per currency, for finance.

The figures only; core/../excel and printing lay them out. Rules:

* opening balance = everything dated before ``date_from`` (shipments by
  shipment date, credits by credit date, payments by payment date);
* entries dated ``date_from`` … ``date_to`` inclusive, in date order; on one day
  shipments come first, then credits, then payments (each in entry order), and
  each entry carries the running balance;
* a cancelled order of the client with money against it shows as a row of
  kind "cancellation" (amount 0) on its cancellation day, and its deposit's
  row says the order was cancelled; a refund or a carry-over to another order
  is a payment row of negative amount on the order the money leaves (and a
  positive one on the order it goes to);
* closing = opening + shipped − credits − paid, exactly (Decimal); with
  ``date_to`` on or after the last movement it equals the client's receivable;
* a statement gets its number (prefix "ST") only when it is issued
  (``issue_statement``), so previews do not burn numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from peewee import JOIN, Case, fn

from .common import audit, next_number
from .compiled_sql import as_date, fetch
from .db import write_transaction
from .enums import label
from .errors import NotFound, ValidationError
from .fields import MONEY_PLACES, to_decimal
from .models import Client, Complaint, Order, OrderLine, Payment, Shipment, ShipmentLine
from .payments import clean_currency, clean_date
from .receivables import ZERO, line_amount, line_amount_sql, money_of_sum

CURRENCY_NAMES_ZH = {
    "CNY": "人民币",
    "RMB": "人民币",
    "USD": "美元",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
    "HKD": "港元",
    "AUD": "澳元",
    "CAD": "加元",
    "CHF": "瑞士法郎",
    "SGD": "新加坡元",
}

_KIND_ORDER = {"shipment": 0, "credit": 1, "cancellation": 2, "payment": 3}


def amount_in_words_zh(amount: Any, currency: str = "CNY") -> str:
    """Chinese uppercase (大写) of an amount, rounded to the fen.

    CNY: ``壹仟贰佰叁拾肆元伍角``; other currencies get their name in front:
    ``美元壹仟贰佰叁拾肆元伍角``. Whole amounts end in 整; negative ones start
    with 负 (a client in credit).
    """
    import cn2an

    value = to_decimal(amount).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)
    sign = "负" if value < 0 else ""
    words = cn2an.an2cn(format(abs(value), "f"), "rmb")
    cur = (currency or "CNY").upper()
    prefix = "" if cur in ("CNY", "RMB") else CURRENCY_NAMES_ZH.get(cur, cur)
    return f"{prefix}{sign}{words}"


@dataclass
class StatementEntry:
    """One row of a statement. ``debit`` raises the balance, ``credit`` lowers it."""

    date: dt.date
    kind: str  # shipment / credit / cancellation / payment
    document_no: str  # shipment no. / complaint no. / payment reference
    order_no: str = ""
    client_po: str = ""
    style: str = ""
    product: str = ""
    colour: str = ""
    size: str = ""
    quantity: int | None = None
    unit_price: Decimal | None = None
    amount: Decimal = ZERO  # always positive; the column (debit/credit) gives the sign
    description: str = ""  # product / complaint summary / payment kind label
    payment_kind: str = ""  # deposit / balance / other / refund / transfer (payments only)
    balance: Decimal = ZERO  # running balance after this entry
    note: str = ""  # in Chinese: 订单已取消, 转到订单 SO…, 由已取消订单 SO… 转入

    @property
    def debit(self) -> Decimal:
        return self.amount if self.kind == "shipment" else ZERO

    @property
    def credit(self) -> Decimal:
        """What lowers the balance (a refund or money carried away: negative)."""
        return ZERO if self.kind == "shipment" else self.amount


@dataclass
class Statement:
    client_id: int
    client_code: str
    client_name: str
    currency: str
    date_from: dt.date
    date_to: dt.date
    opening: Decimal
    entries: list[StatementEntry] = field(default_factory=list)
    number: str | None = None  # set by issue_statement
    generated_on: dt.date = field(default_factory=dt.date.today)

    @property
    def total_shipped(self) -> Decimal:
        return sum((e.amount for e in self.entries if e.kind == "shipment"), ZERO)

    @property
    def total_credits(self) -> Decimal:
        return sum((e.amount for e in self.entries if e.kind == "credit"), ZERO)

    @property
    def total_paid(self) -> Decimal:
        return sum((e.amount for e in self.entries if e.kind == "payment"), ZERO)

    @property
    def total_quantity(self) -> int:
        return sum(e.quantity or 0 for e in self.entries if e.kind == "shipment")

    @property
    def closing(self) -> Decimal:
        return self.opening + self.total_shipped - self.total_credits - self.total_paid

    @property
    def closing_in_words(self) -> str:
        return amount_in_words_zh(self.closing, self.currency)


def _money(money_field: Any, raw: Any) -> Decimal:
    """A NOT NULL money column's raw value as the model gives it."""
    value = money_field.python_value(raw)
    return value if value is not None else ZERO


def _shipments(client_id: int, date_from: dt.date, date_to: dt.date) -> list[tuple[str, tuple[Any, ...]]]:
    rows = fetch("statement.shipments", lambda cid, d0, d1: (
        ShipmentLine.select(Order.currency, Shipment.date.cast("TEXT"), Shipment.number, Order.number, Order.client_po,
                            OrderLine.style, OrderLine.product, OrderLine.colour, OrderLine.size,
                            ShipmentLine.quantity, ShipmentLine.unit_price, Shipment.id, OrderLine.line_no,
                            ShipmentLine.id)
        .join(Shipment).switch(ShipmentLine).join(OrderLine).switch(Shipment).join(Order)
        .where((Order.client == cid) & (Shipment.date >= d0) & (Shipment.date <= d1))), client_id, date_from, date_to)
    price_of = ShipmentLine.unit_price.python_value
    out = []
    for (cur, day, s_no, o_no, po, style, product, colour, size, qty, raw_price, s_id, line_no, sl_id) in rows:
        price, when = price_of(raw_price), as_date(day)
        e = StatementEntry(when, "shipment", s_no, o_no, po, style, product, colour, size, qty, price,
                           line_amount(qty, price), product)
        out.append((cur, (when, 0, s_id, line_no, sl_id, e)))
    return out


def _credits(client_id: int, date_from: dt.date, date_to: dt.date) -> list[tuple[str, tuple[Any, ...]]]:
    rows = fetch("statement.credits", lambda cid, d0, d1: (
        Complaint.select(Complaint.currency, Complaint.credit_date.cast("TEXT"), Complaint.number, Order.number,
                         Order.client_po, Complaint.credit_amount, Complaint.description, Complaint.id)
        .join(Order, on=(Complaint.order == Order.id))
        .where((Order.client == cid) & Complaint.credit_date.is_null(False)
               & (Complaint.credit_date >= d0) & (Complaint.credit_date <= d1))), client_id, date_from, date_to)
    out = []
    for cur, day, c_no, o_no, po, amount, text, c_id in rows:
        text, when = (text or "").strip(), as_date(day)
        e = StatementEntry(when, "credit", c_no, o_no, po, amount=_money(Complaint.credit_amount, amount),
                           description=text.splitlines()[0][:80] if text else "")
        out.append((cur, (when, 1, c_id, 0, 0, e)))
    return out


def _payments(client_id: int, date_from: dt.date, date_to: dt.date) -> list[tuple[str, tuple[Any, ...]]]:
    rows = fetch("statement.payments", lambda cid, d0, d1: (
        Payment.select(Payment.currency, Payment.date.cast("TEXT"), Payment.reference, Order.number, Order.client_po,
                       Order.status, Payment.amount, Payment.kind, Payment.notes, Payment.id)
        .join(Order, join_type=JOIN.LEFT_OUTER, on=(Payment.order == Order.id))
        .where((Payment.client == cid) & (Payment.date >= d0) & (Payment.date <= d1))), client_id, date_from, date_to)
    out = []
    for cur, day, ref, o_no, po, status, amount, kind, notes, p_id in rows:
        note = (notes or "").strip() if kind in ("refund", "transfer") else (
            "订单已取消" if status == "cancelled" else "")
        desc = label("payment_kind", kind) + (f"({note})" if note else "")
        when = as_date(day)
        e = StatementEntry(when, "payment", ref, o_no or "", po or "", amount=_money(Payment.amount, amount),
                           description=desc, payment_kind=kind, note=note)
        out.append((cur, (when, 3, p_id, 0, 0, e)))
    return out


def _cancellations(client_id: int, date_from: dt.date, date_to: dt.date) -> list[tuple[str, tuple[Any, ...]]]:
    rows = fetch("statement.cancellations", lambda cid: (
        Order.select(Order.currency, Order.id, Order.number, Order.client_po, Order.cancelled_at.cast("TEXT"),
                     Order.cancel_reason)
        .where((Order.client == cid) & (Order.status == "cancelled") & Order.cancelled_at.is_null(False)
               & fn.EXISTS(Payment.select(Payment.id).where(Payment.order == Order.id)))), client_id)
    out = []
    for cur, o_id, o_no, po, cancelled_at, reason in rows:
        day = as_date(cancelled_at)
        if date_from <= day <= date_to:
            reason = (reason or "").strip()
            e = StatementEntry(day, "cancellation", o_no, o_no, po,
                               description="订单已取消" + (f":{reason}" if reason else ""), note="订单已取消")
            out.append((cur, (day, 2, o_id, 0, 0, e)))
    return out


def _entries(client_id: int, date_from: dt.date, date_to: dt.date) -> dict[str, list[StatementEntry]]:
    """The period's entries per currency, in statement order: four queries for every currency at once.

    Plain tuples of the columns shown, SQL built once (core.compiled_sql): building
    joined model objects per line cost ten times the query (bench: statement, one client, one year)."""
    by_currency: dict[str, list[tuple[Any, ...]]] = {}
    for part in (_shipments, _credits, _payments, _cancellations):
        for cur, keyed in part(client_id, date_from, date_to):
            by_currency.setdefault(cur, []).append(keyed)
    out = {}
    for cur, keyed_entries in by_currency.items():
        keyed_entries.sort(key=lambda t: t[:5])
        out[cur] = [t[5] for t in keyed_entries]
    return out


def _shipped_sums(d0: dt.date) -> Any:
    return ((ShipmentLine.select(Order.currency, *_sum_before(Shipment.date, d0, line_amount_sql()))
            .join(Shipment).join(Order).group_by(Order.currency)), Order.client, Shipment.date)


def _credit_sums(d0: dt.date) -> Any:
    return ((Complaint.select(Complaint.currency, *_sum_before(Complaint.credit_date, d0, Complaint.credit_amount))
            .join(Order, on=(Complaint.order == Order.id)).group_by(Complaint.currency)),
            Order.client, Complaint.credit_date)


def _payment_sums(d0: dt.date) -> Any:
    return ((Payment.select(Payment.currency, *_sum_before(Payment.date, d0, Payment.amount))
            .group_by(Payment.currency)), Payment.client, Payment.date)


def _sum_before(date: Any, d0: dt.date, amount: Any) -> tuple[Any, Any]:
    """SUM of ``amount`` dated before ``d0`` (raw), and how many are dated from ``d0`` on."""
    return (fn.SUM(Case(None, [(date < d0, amount)], None)).coerce(False),
            fn.COUNT(Case(None, [(date >= d0, 1)], None)))


def _balance_query(sums: Any, cid: int, d0: dt.date, d1: dt.date) -> Any:
    query, client, date = sums(d0)
    return query.where((client == cid) & date.is_null(False) & (date <= d1))


def _balances(client_id: int, date_from: dt.date, date_to: dt.date) -> tuple[dict[str, Decimal], set[str]]:
    """(opening balance per currency, currencies that moved in the period): three queries,
    each sum split by CASE into before the period and within it."""
    before: dict[str, Decimal] = {}
    moved: set[str] = set()
    for name, sums, sign in (("shipped", _shipped_sums, 1), ("credits", _credit_sums, -1),
                             ("paid", _payment_sums, -1)):
        rows = fetch(f"statement.balances.{name}", lambda cid, d0, d1, sums=sums: _balance_query(sums, cid, d0, d1),
                     client_id, date_from, date_to)
        for cur, total, in_period in rows:
            if total is not None:
                before[cur] = before.get(cur, ZERO) + sign * money_of_sum(total)
            if in_period:
                moved.add(cur)
    return before, moved


def _client(client_id: int) -> tuple[int, str, str, str]:
    """(id, code, name, default currency) of the client, or NotFound (as ``get_or_404``)."""
    found = fetch("statement.client", lambda cid: Client.select(Client.id, Client.code, Client.name,
                                                                Client.default_currency).where(Client.id == cid),
                  int(client_id))
    if not found:
        raise NotFound(f"找不到客户(编号 {client_id}),可能已被删除。",
                       f"Client {client_id} was not found; it may have been deleted.")
    cid, code, name, currency = found[0]
    return int(cid), code, name, currency


def statement(client_id: int, date_from: Any, date_to: Any, currency: str | None = None) -> list[Statement]:
    """The client's statement for the period, one ``Statement`` per currency.

    With ``currency`` the list holds exactly that currency. Without, it holds
    every currency the client has a balance or a movement in up to ``date_to``
    (the client's default currency if there is none at all).
    """
    cid, code, name, default_currency = _client(client_id)
    date_from, date_to = clean_date(date_from, "date_from"), clean_date(date_to, "date_to")
    if date_from > date_to:
        raise ValidationError(f"对账期间的开始日期 {date_from} 晚于结束日期 {date_to},请调换。",
                              f"The period starts ({date_from}) after it ends ({date_to}); swap the dates.",
                              field="date_from")
    before, moved = _balances(cid, date_from, date_to)
    if currency:
        currencies = [clean_currency(currency)]
    else:
        active = {cur for cur, v in before.items() if v != 0} | moved
        currencies = sorted(active) or [default_currency]
    entries = _entries(cid, date_from, date_to)
    out = []
    for cur in currencies:
        st = Statement(cid, code, name, cur, date_from, date_to, before.get(cur, ZERO),
                       entries.get(cur, []))
        balance = st.opening
        for e in st.entries:
            balance = balance + e.debit - e.credit
            e.balance = balance
        out.append(st)
    return out


def issue_statement_number(client_id: int | None = None, note: str = "") -> str:
    """Take the next statement number (ST2611-0001 …) and record it in the audit log."""
    with write_transaction():
        number = next_number("ST")
        audit("statement", client_id or 0, "issue", new=f"{number} {note}".strip())
    return number


def issue_statement(st: Statement) -> Statement:
    """A copy of ``st`` carrying a newly issued statement number."""
    if st.number:
        return st
    note = f"{st.currency} {st.date_from.isoformat()}~{st.date_to.isoformat()} closing {st.closing}"
    return dataclasses.replace(st, number=issue_statement_number(st.client_id, note))
