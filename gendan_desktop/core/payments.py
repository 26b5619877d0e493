"""收款: deposits, balances and other payments received from clients.

A payment may name the order it pays (then the order must belong to the client
and be in the payment's currency) or only the client (paid on account). An order
that is fully shipped and whose shipped amount is covered by the credits and
payments against it moves to 'settled'; removing a payment moves it back to
'shipped'. Every change is audited.

A cancelled order's deposit is given back (``refund_payment``: a refund row
of negative amount on that order) or carried to another order of the client
(``carry_payment``: a transfer row taking it off the cancelled order and one
putting it on the other), so receivables and statements show both moves.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from .common import audit, get_or_404, require_version, save_versioned, where_given
from .db import write_transaction
from .enums import CURRENCIES, DISPOSAL_PAYMENT_KINDS, label, parse
from .errors import StaleEdit, StateError, ValidationError
from .fields import MONEY_PLACES
from .limits import AMOUNT, Bound
from .models import Client, Order, OrderLine, Payment, Query
from .receivables import check_client_total, order_amounts

_SETTLEABLE = ("shipped", "settled")


# ----------------------------------------------------------------- helpers --
def clean_amount(value: Any, what_zh: str = "金额", what_en: str = "The amount", field: str = "amount") -> Decimal:
    """An amount above 0 within limits.AMOUNT (two decimals at most), or ValidationError."""
    en = what_en[:1].lower() + what_en[1:]
    bound = Bound(what_zh, en, AMOUNT.low, AMOUNT.high, AMOUNT.places, AMOUNT.low_open)
    return bound.check(value, field=field).quantize(MONEY_PLACES)


def clean_currency(value: str, field: str = "currency") -> str:
    cur = (value or "").strip().upper()
    if cur not in CURRENCIES:
        raise ValidationError(f"币种“{value}”无效,可选:{'、'.join(CURRENCIES)}。",
                              f"“{value}” is not a valid currency; choose one of {', '.join(CURRENCIES)}.",
                              field=field)
    return cur


def clean_date(value: Any, field: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip().replace("/", "-").replace(".", "-"))
    except ValueError:
        raise ValidationError(f"日期“{value}”无效,请按 2026-10-16 的格式输入。",
                              f"The date “{value}” is not valid; enter it like 2026-10-16.", field=field) from None


def set_order_status(order: Order, status: str, reason: str = "") -> None:
    """Move ``order`` to ``status`` through the orders service (which audits it).

    An order still 'confirmed' when its first shipment leaves (goods from
    stock, or the production start never recorded) is first started through
    the production service, with the reason kept as its material override.
    """
    from . import orders

    if Order.get_by_id(order.id).status == "confirmed" and status in ("partly_shipped", "shipped"):
        from .production import start_production

        start_production(order.id,
                         override_reason="出货前未登记开始生产 / shipped before production start was recorded",
                         confirm_missing=True)
    orders.set_status(order.id, status, reason=reason)
    order.status = status


def is_fully_shipped(order_id: int) -> bool:
    """Every line of the order shipped in full (an order with no lines is not)."""
    from .orders import shipped_quantities

    done = shipped_quantities(order_id)
    lines = list(OrderLine.select(OrderLine.id, OrderLine.quantity).where(OrderLine.order == order_id).tuples())
    return bool(lines) and all(done.get(lid, 0) >= qty for lid, qty in lines)


def refresh_settlement(order_id: int) -> str:
    """Settle a fully shipped order whose balance is ≤ 0, or un-settle it.

    Shipments and payments call it themselves; call it after anything else
    that changes what is credited against the order (an after-sales credit).
    Returns the order's status afterwards.
    """
    with write_transaction():
        order = Order.get_by_id(order_id)
        if order.status not in _SETTLEABLE:
            return cast("str", order.status)
        covered = order_amounts(order_id)["balance"] <= 0 and is_fully_shipped(order_id)
        if covered and order.status == "shipped":
            set_order_status(order, "settled", reason="已收齐货款 / fully paid")
        elif not covered and order.status == "settled":
            set_order_status(order, "shipped", reason="货款未结清 / balance outstanding again")
        return cast("str", Order.get_by_id(order_id).status)


def _describe(p: Payment) -> str:
    return f"{p.kind} {p.amount} {p.currency} {p.date.isoformat()} {p.reference}".strip()


def _check_order(client: Client, order_id: int | None, currency: str) -> Order | None:
    if order_id is None:
        return None
    order = get_or_404(Order, order_id, "订单", "Order")
    if order.client_id != client.id:
        raise ValidationError(
            f"订单 {order.number} 不属于客户 {client.name},不能记在该客户的收款上。请选择该客户的订单。",
            f"Order {order.number} does not belong to client {client.name}; choose one of that client's orders.",
            field="order")
    if order.currency != currency:
        raise ValidationError(
            f"收款币种 {currency} 与订单 {order.number} 的币种 {order.currency} 不同,请改用 {order.currency},"
            "或不指定订单记为预收款。",
            f"The payment is in {currency} but order {order.number} is in {order.currency}; "
            f"record it in {order.currency} or without an order.",
            field="currency")
    return order


# ---------------------------------------------------------------- services --
def record_payment(client_id: int, amount: Any, currency: str, date: Any, kind: str = "balance",
                   order_id: int | None = None, reference: str = "", notes: str = "") -> Payment:
    """Record money received. ``kind``: deposit / balance / other (or its label)."""
    client = get_or_404(Client, client_id, "客户", "Client")
    amount = clean_amount(amount, "收款金额", "The payment amount")
    currency = clean_currency(currency)
    date = clean_date(date)
    kind = _typed_kind(kind)
    with write_transaction():
        order = _check_order(client, order_id, currency)
        if order is not None and order.status == "cancelled":
            raise StateError(f"订单 {order.number} 已取消,不能再登记收款;请记为预收款(不指定订单)。",
                             f"Order {order.number} is cancelled; record the money on account (no order).")
        check_client_total("paid", client.id, currency, amount)
        p = Payment.create(client=client, order=order, kind=kind, amount=amount, currency=currency,
                           date=date, reference=(reference or "").strip(), notes=notes or "")
        audit("payment", p.id, "create", order_id=order.id if order else None, new=_describe(p))
        if order is not None:
            refresh_settlement(order.id)
    return cast("Payment", p)


def update_payment(payment_id: int, changes: dict[str, Any], expected_version: int) -> Payment:
    """Correct a payment (amount, currency, date, kind, order, reference, notes)."""
    allowed = {"amount", "currency", "date", "kind", "order", "order_id", "reference", "notes"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"收款不能修改这些字段:{', '.join(sorted(unknown))}。",
                              f"These payment fields cannot be changed: {', '.join(sorted(unknown))}.")
    with write_transaction():
        p = get_or_404(Payment, payment_id, "收款记录", "Payment")
        if require_version(expected_version) != p.version:
            raise StaleEdit("该收款记录", "This payment", expected_version, p.version)
        values: dict[str, Any] = {}
        if "amount" in changes:
            values["amount"] = clean_amount(changes["amount"], "收款金额", "The payment amount")
        if "currency" in changes:
            values["currency"] = clean_currency(changes["currency"])
        if "date" in changes:
            values["date"] = clean_date(changes["date"])
        if p.kind in DISPOSAL_PAYMENT_KINDS or Payment.select().where(Payment.source_payment == p.id).exists():
            raise StateError("退款、转订单以及已退款或已转出的收款不能修改;如有错误,请作废后重新登记。",
                             "A refund, a carry-over, or a payment refunded or carried over cannot be changed; "
                             "void it and record it again.")
        if "kind" in changes:
            values["kind"] = _typed_kind(changes["kind"])
        for k in ("reference", "notes"):
            if k in changes:
                values[k] = (changes[k] or "").strip() if k == "reference" else (changes[k] or "")
        old_order = p.order_id
        new_order = changes.get("order_id", changes.get("order", old_order))
        new_order = getattr(new_order, "id", new_order)
        currency = values.get("currency", p.currency)
        order = _check_order(p.client, new_order, currency)
        values["order"] = order.id if order else None
        check_client_total("paid", p.client_id, currency, values.get("amount", p.amount),
                           less=p.amount if p.currency == currency else Decimal(0))
        save_versioned(p, values, expected_version, "该收款记录", "This payment",
                       audit_entity="payment", order_id=order.id if order else old_order)
        for oid in {old_order, values["order"]} - {None}:
            refresh_settlement(oid)
    return cast("Payment", Payment.get_by_id(payment_id))


def void_payment(payment_id: int, reason: str, expected_version: int) -> None:
    """Remove a payment recorded in error; the audit log keeps what it was and why."""
    with write_transaction():
        p = get_or_404(Payment, payment_id, "收款记录", "Payment")
        if require_version(expected_version) != p.version:
            raise StaleEdit("该收款记录", "This payment", expected_version, p.version)
        if Payment.select().where(Payment.source_payment == p.id).exists():
            raise StateError(f"这笔收款({_describe(p)})已退款或转到其他订单,请先作废退款/转订单记录。",
                             f"This payment ({_describe(p)}) was refunded or carried over; void the refund or "
                             "carry-over first.")
        reason = (reason or "").strip()
        # a carry-over is a pair (off one order, onto another): void both halves
        rows = [p]
        if p.kind == "transfer":
            rows += list(Payment.select().where((Payment.source_payment == p.source_payment_id)
                                                & (Payment.kind == "transfer") & (Payment.id != p.id)
                                                & (Payment.date == p.date) & (Payment.amount == -p.amount)).limit(1))
        for row in rows:
            audit("payment", row.id, "void", order_id=row.order_id, old=_describe(row),
                  new=f"作废 / voided: {reason}" if reason else None)
            Payment.delete().where(Payment.id == row.id).execute()
        for oid in {row.order_id for row in rows} - {None}:
            refresh_settlement(oid)


delete_payment = void_payment


def _typed_kind(kind: Any) -> str:
    value = parse("payment_kind", kind, field="kind")
    if value in DISPOSAL_PAYMENT_KINDS:
        raise ValidationError("退款和转订单请在原收款上操作(退还定金 / 转到其他订单)。",
                              "Refunds and carry-overs are made from the payment they dispose of "
                              "(refund / carry to another order).", field="kind")
    return value


def _disposable(payment_id: int) -> tuple[Payment, Order, Decimal]:
    """The payment, its cancelled order, and what of it is not yet refunded or carried over."""
    p = get_or_404(Payment, payment_id, "收款记录", "Payment")
    order = Order.get_or_none(Order.id == p.order_id) if p.order_id else None
    if order is None or order.status != "cancelled":
        raise StateError("只有已取消订单上的收款才能退还或转到其他订单。",
                         "Only money received against a cancelled order can be refunded or carried over.")
    if p.kind in DISPOSAL_PAYMENT_KINDS or p.amount <= 0:
        raise StateError("这是一笔退款或转订单记录,不能再退还或转出。",
                         "This is a refund or carry-over itself; it cannot be disposed of again.")
    done = sum((-d.amount for d in Payment.select().where((Payment.source_payment == p.id)
                                                          & (Payment.order == p.order_id))), Decimal(0))
    left = p.amount - done
    if left <= 0:
        raise StateError(f"订单 {order.number} 的这笔收款({_describe(p)})已全部退还或转出。",
                         f"This payment of order {order.number} ({_describe(p)}) was already refunded or carried over.")
    return p, order, left


def _amount_within(amount: Any, left: Decimal) -> Decimal:
    value = left if amount in (None, "") else clean_amount(amount)
    if value > left:
        raise ValidationError(f"金额 {value} 超过了可退还/转出的 {left}。",
                              f"The amount {value} is more than the {left} left to refund or carry over.",
                              field="amount")
    return value


def disposable_amount(payment_id: int) -> Decimal:
    """What of a cancelled order's payment is not yet refunded or carried over (StateError if none)."""
    return _disposable(payment_id)[2]


def carry_targets(payment_id: int) -> list[Order]:
    """Orders of the payment's client in its currency that can take it: not cancelled,
    not yet settled; newest first."""
    p = get_or_404(Payment, payment_id, "收款记录", "Payment")
    return list(Order.select(Order.id, Order.number, Order.client_po, Order.status)
                .where((Order.client == p.client_id) & (Order.currency == p.currency)
                       & Order.status.not_in(("cancelled", "settled")) & (Order.id != p.order_id))
                .order_by(Order.id.desc()))


def refund_payment(payment_id: int, date: Any, *, amount: Any = None, reference: str = "", notes: str = "") -> Payment:
    """Give a cancelled order's deposit (or part of it, ``amount``) back to the client.

    Recorded as a refund row of negative amount on the cancelled order, so the
    client's balance and the statement show the money going back.
    """
    date = clean_date(date)
    with write_transaction():
        p, order, left = _disposable(payment_id)
        value = _amount_within(amount, left)
        r = Payment.create(client=p.client_id, order=order.id, kind="refund", amount=-value, currency=p.currency,
                           date=date, reference=(reference or "").strip(), source_payment=p.id,
                           notes=(notes or "").strip() or f"退还订单 {order.number} "
                                                          f"的{label('payment_kind', p.kind, 'zh')}")
        audit("payment", r.id, "refund", order_id=order.id, field="amount", old=_describe(p), new=_describe(r))
        return cast("Payment", r)


def carry_payment(payment_id: int, to_order_id: int, date: Any, *, amount: Any = None,
                  notes: str = "") -> tuple[Payment, Payment]:
    """Carry a cancelled order's deposit (or ``amount`` of it) to another order of the client.

    Two transfer rows: one taking the money off the cancelled order, one
    putting it on ``to_order_id`` (same client and currency, not cancelled).
    Returns (out, in).
    """
    date = clean_date(date)
    with write_transaction():
        p, order, left = _disposable(payment_id)
        value = _amount_within(amount, left)
        target = _check_order(p.client, to_order_id, p.currency)
        if target is None or target.id == order.id or target.status == "cancelled":
            raise ValidationError("请选择同一客户的另一张未取消的订单来接收这笔款项。",
                                  "Choose another order of the client, not cancelled, to carry the money to.",
                                  field="order")
        text = (notes or "").strip()
        out = Payment.create(client=p.client_id, order=order.id, kind="transfer", amount=-value, currency=p.currency,
                             date=date, reference=target.number, source_payment=p.id,
                             notes=text or f"转到订单 {target.number}")
        into = Payment.create(client=p.client_id, order=target.id, kind="transfer", amount=value, currency=p.currency,
                              date=date, reference=order.number, source_payment=p.id,
                              notes=text or f"由已取消订单 {order.number} 转入")
        audit("payment", out.id, "transfer", order_id=order.id, field="order", old=order.number, new=target.number)
        audit("payment", into.id, "transfer", order_id=target.id, field="order", old=order.number,
              new=f"{target.number} {value} {p.currency}")
        refresh_settlement(target.id)
        return out, into


def list_payments(client_id: int | None = None, order_id: int | None = None,
                  date_from: dt.date | None = None, date_to: dt.date | None = None) -> Query:
    """Payments, newest first, optionally for one client / order / period."""
    q = Payment.select(Payment, Client).join(Client).order_by(Payment.date.desc(), Payment.id.desc())
    return list(where_given(q, (client_id, Payment.client == client_id), (order_id, Payment.order == order_id),
                            (date_from, Payment.date >= date_from), (date_to, Payment.date <= date_to)))


def kind_label(kind: str) -> str:
    return label("payment_kind", kind)
