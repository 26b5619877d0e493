"""出货: shipments of an order, partial or whole.

A shipment takes quantities per order line, never more than what is left to
ship on that line. The unit price is copied from the order line onto the
shipment line, so a later order revision never changes what was invoiced and
a statement printed today still adds up next year. Shipping more of a line
than production has finished (good pieces out of the last step of its live
flow cards, less what already shipped from them) needs a reason, kept on the
shipment and audited: goods from stock, or a count not yet typed in. After each shipment the
order moves to 'partly_shipped' or 'shipped' through the orders service.
Shipping documents (booking, container, customs declaration, B/L) are filled
in later, often days apart, as versioned, audited edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from .common import audit, get_or_404, next_number, require_version, save_versioned, where_given
from .db import is_sqlite, write_transaction
from .errors import StaleEdit, StateError, ValidationError
from .models import Client, Order, OrderLine, Shipment, ShipmentLine
from .orders import shipped_quantities as shipped_by_line  # line id → pieces shipped
from .payments import clean_date, refresh_settlement, set_order_status
from .receivables import ZERO, check_client_total, line_amount

SHIPPABLE_STATUSES = ("confirmed", "in_production", "partly_shipped")
DOCUMENT_FIELDS = ("booking_no", "container_no", "customs_no", "bl_no", "vessel",
                   "port_of_loading", "port_of_discharge", "notes")


@dataclass
class LineShipped:
    """How much of one order line is shipped and how much is left."""

    order_line_id: int
    line_no: int
    style: str
    product: str
    colour: str
    size: str
    unit: str
    unit_price: Decimal
    ordered: int
    shipped: int

    @property
    def remaining(self) -> int:
        return max(self.ordered - self.shipped, 0)


def finished_unshipped(order: Order) -> dict[int, int]:
    """Per order line: pieces production finished that have not shipped yet.

    Finished is the good output of the last step of the line's live cards;
    what shipped before those cards existed left on older (recalled) cards and
    does not use them up.
    """
    from .flow_cards import _shipped_before_cards
    from .progress_queries import finished_by_line

    finished = finished_by_line(order)
    before = _shipped_before_cards(order)
    done = shipped_by_line(order.id)
    return {ln.id: max(0, finished.get(ln.id, 0) - (done.get(ln.id, 0) - before.get(ln.id, 0)))
            for ln in OrderLine.select(OrderLine.id).where(OrderLine.order == order.id)}


def _check_excess(order: Order, order_lines: dict[int, OrderLine], wanted: dict[int, int], reason: str) -> str:
    """Refuse shipping more than is finished unless a reason is given; returns what to store."""
    ready = finished_unshipped(order)
    over = [(order_lines[lid], qty, ready.get(lid, 0)) for lid, qty in wanted.items() if qty > ready.get(lid, 0)]
    if not over or reason:
        return reason if over else ""
    zh = ";".join(f"第 {ln.line_no} 行({_line_label(ln)[0]})出货 {qty:,},已完工未出 {fin:,}"
                  for ln, qty, fin in sorted(over, key=lambda t: t[0].line_no))
    en = "; ".join(f"line {ln.line_no} ({_line_label(ln)[1]}) ships {qty:,}, finished and not shipped {fin:,}"
                   for ln, qty, fin in sorted(over, key=lambda t: t[0].line_no))
    raise ValidationError(
        f"订单 {order.number} 出货数量超过了生产已完工的数量:{zh}。如确需出货(如出库存现货),请填写原因。",
        f"Order {order.number} would ship more than production has finished: {en}. "
        "To ship anyway (e.g. goods from stock), give the reason.", field="excess_reason")


def _line_label(line: OrderLine) -> tuple[str, str]:
    parts_zh = [f"款号 {line.style or '-'}", f"颜色 {line.colour or '-'}", f"尺码 {line.size or '-'}"]
    parts_en = [f"style {line.style or '-'}", f"colour {line.colour or '-'}", f"size {line.size or '-'}"]
    return " / ".join(parts_zh), ", ".join(parts_en)


def shipped_quantities(order_id: int) -> list[LineShipped]:
    """Per order line: ordered, shipped so far and remaining (``.remaining``)."""
    get_or_404(Order, order_id, "订单", "Order")
    done = shipped_by_line(order_id)
    lines = OrderLine.select().where(OrderLine.order == order_id).order_by(OrderLine.line_no, OrderLine.id)
    return [LineShipped(ln.id, ln.line_no, ln.style, ln.product, ln.colour, ln.size, ln.unit, ln.unit_price,
                        ln.quantity, done.get(ln.id, 0)) for ln in lines]


def _lock_order(order_id: int) -> Order:
    """Read the order inside the write transaction; on PostgreSQL lock its row.

    SQLite's BEGIN IMMEDIATE already serialises writers; on PostgreSQL two
    people shipping the same order at once must not both pass the check.
    """
    q = Order.select().where(Order.id == order_id)
    if not is_sqlite():
        q = q.for_update()
    order = q.first()
    if order is None:
        get_or_404(Order, order_id, "订单", "Order")
    return cast("Order", order)


def _clean_lines(order: Order, lines: Iterable[Any]) -> dict[int, int]:
    """{order_line_id: qty} with every check that does not need the shipped totals."""
    wanted: dict[int, int] = {}
    for item in lines:
        try:
            line_ref, qty = item
        except (TypeError, ValueError):
            raise ValidationError("出货明细应为(订单行, 数量)的列表。",
                                  "Shipment lines must be a list of (order line, quantity) pairs.",
                                  field="lines") from None
        line_id = getattr(line_ref, "id", line_ref)
        if isinstance(qty, bool) or not isinstance(qty, (int, str, Decimal)):
            raise ValidationError(f"出货数量“{qty}”必须是整数。", f"The quantity “{qty}” must be a whole number.",
                                  field="quantity")
        try:
            q = int(str(qty).strip())
        except ValueError:
            raise ValidationError(f"出货数量“{qty}”必须是整数。", f"The quantity “{qty}” must be a whole number.",
                                  field="quantity") from None
        if q < 0:
            raise ValidationError(f"出货数量不能为负数({q}),请输入 0 或正整数。",
                                  f"A shipped quantity cannot be negative ({q}); enter 0 or more.",
                                  field="quantity")
        if q:
            wanted[line_id] = wanted.get(line_id, 0) + q
    if not wanted:
        raise ValidationError(f"订单 {order.number} 的本次出货没有任何数量,请至少填写一行的出货数量。",
                              f"The shipment of order {order.number} has no quantities; enter at least one.",
                              field="lines")
    return wanted


def create_shipment(order_id: int, date: Any, lines: Iterable[Any], booking_no: str = "", container_no: str = "",
                    customs_no: str = "", bl_no: str = "", vessel: str = "", port_of_loading: str = "",
                    port_of_discharge: str = "", notes: str = "",
                    ports: tuple[str, str] | None = None, excess_reason: str = "") -> Shipment:
    """Ship ``lines`` = [(order_line_id, qty), …] of an order (partial allowed).

    ``ports`` = (loading, discharge) is a shorthand for the two port arguments.
    More than production finished needs ``excess_reason`` (ValidationError on
    field ``excess_reason`` naming the lines otherwise).
    """
    excess_reason = (excess_reason or "").strip()
    date = clean_date(date)
    if ports is not None:
        port_of_loading, port_of_discharge = ports
    lines = list(lines)
    with write_transaction():
        order = _lock_order(order_id)
        _check_shippable(order)
        wanted = _clean_lines(order, lines)
        order_lines = {ln.id: ln for ln in OrderLine.select().where(OrderLine.order == order.id)}
        done = shipped_by_line(order.id)
        _check_remaining(order, order_lines, wanted, done)
        excess_reason = _check_excess(order, order_lines, wanted, excess_reason)
        check_client_total("shipped", order.client_id, order.currency,
                           sum((line_amount(q, order_lines[lid].unit_price) for lid, q in wanted.items()), Decimal(0)))
        shipment = Shipment.create(
            number=next_number("SH", date=date), order=order, date=date,
            booking_no=(booking_no or "").strip(), container_no=(container_no or "").strip(),
            customs_no=(customs_no or "").strip(), bl_no=(bl_no or "").strip(), vessel=(vessel or "").strip(),
            port_of_loading=(port_of_loading or "").strip(), port_of_discharge=(port_of_discharge or "").strip(),
            notes=notes or "", excess_reason=excess_reason)
        rows = [{"shipment": shipment.id, "order_line": lid, "quantity": qty,
                 "unit_price": order_lines[lid].unit_price}
                for lid, qty in sorted(wanted.items(), key=lambda kv: (order_lines[kv[0]].line_no, kv[0]))]
        ShipmentLine.insert_many(rows).execute()
        summary = ", ".join(f"#{order_lines[r['order_line']].line_no}×{r['quantity']}" for r in rows)
        audit("shipment", shipment.id, "create", order_id=order.id, new=f"{shipment.number} {date}: {summary}")
        if excess_reason:
            audit("shipment", shipment.id, "excess", order_id=order.id, field="excess_reason", new=excess_reason)
        _move_order(order, order_lines, wanted, done, shipment.number)
    return cast("Shipment", shipment)


def _check_shippable(order: Order) -> None:
    if order.status == "cancelled":
        raise StateError(f"订单 {order.number} 已取消,不能出货。",
                         f"Order {order.number} is cancelled and cannot be shipped.")
    if order.status in ("draft", "reviewed"):
        raise StateError(f"订单 {order.number} 尚未确认,不能出货。请先完成订单审查并确认订单。",
                         f"Order {order.number} is not confirmed yet and cannot be shipped; "
                         "review and confirm it first.")
    if order.status not in SHIPPABLE_STATUSES:
        raise StateError(f"订单 {order.number} 已全部出货,没有可出的数量。",
                         f"Order {order.number} is fully shipped; nothing is left to ship.")


def _check_remaining(order: Order, order_lines: dict[int, OrderLine], wanted: dict[int, int],
                     done: dict[int, int]) -> None:
    """Each line shipped is the order's and has that many pieces left to ship."""
    for line_id, qty in wanted.items():
        ln = order_lines.get(line_id)
        if ln is None:
            raise ValidationError(f"订单行 {line_id} 不属于订单 {order.number},请从该订单的明细中选择。",
                                  f"Order line {line_id} is not part of order {order.number}; "
                                  "pick a line of that order.", field="lines")
        remaining = ln.quantity - done.get(ln.id, 0)
        if qty > remaining:
            zh, en = _line_label(ln)
            raise ValidationError(
                f"订单 {order.number} 第 {ln.line_no} 行({zh}):本次出货 {qty},"
                f"但只剩 {max(remaining, 0)} 未出(订单 {ln.quantity},已出 {done.get(ln.id, 0)})。"
                "请减少出货数量。",
                f"Order {order.number} line {ln.line_no} ({en}): shipping {qty} but only "
                f"{max(remaining, 0)} remain (ordered {ln.quantity}, shipped {done.get(ln.id, 0)}); "
                "reduce the quantity.", field="quantity")


def _move_order(order: Order, order_lines: dict[int, OrderLine], wanted: dict[int, int], done: dict[int, int],
                shipment_number: str) -> None:
    """The order becomes partly shipped or shipped (and settled when already paid)."""
    for lid, qty in wanted.items():
        done[lid] = done.get(lid, 0) + qty
    full = all(done.get(lid, 0) >= ln.quantity for lid, ln in order_lines.items())
    target = "shipped" if full else "partly_shipped"
    if order.status != target:
        set_order_status(order, target, reason=f"出货 {shipment_number} / shipment {shipment_number}")
    if full:
        refresh_settlement(order.id)


def update_shipment_documents(shipment_id: int, changes: dict[str, Any], expected_version: int) -> Shipment:
    """Fill in or correct booking / container / customs / B/L numbers, vessel, ports, notes.

    Refused with StaleEdit if someone saved the shipment since ``expected_version``.
    """
    unknown = set(changes) - set(DOCUMENT_FIELDS)
    if unknown:
        raise ValidationError(f"出货单不能在此修改这些字段:{', '.join(sorted(unknown))}。",
                              f"These shipment fields cannot be changed here: {', '.join(sorted(unknown))}.")
    values = {k: (v or "").strip() if k != "notes" else (v or "") for k, v in changes.items()}
    with write_transaction():
        shipment = get_or_404(Shipment, shipment_id, "出货单", "Shipment")
        save_versioned(shipment, values, expected_version, f"出货单 {shipment.number}",
                       f"Shipment {shipment.number}", audit_entity="shipment", order_id=shipment.order_id)
    return cast("Shipment", Shipment.get_by_id(shipment_id))


def void_shipment(shipment_id: int, reason: str, expected_version: int) -> None:
    """Remove a shipment entered in error; the audit log keeps what it was and why.

    The order's status follows what is still shipped: 'shipped' (or 'settled'),
    'partly_shipped', or back to 'in_production' when nothing is left shipped.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写作废出货单的原因。", "Give the reason for voiding the shipment.", field="reason")
    with write_transaction():
        shipment = get_or_404(Shipment, shipment_id, "出货单", "Shipment")
        order = _lock_order(shipment.order_id)
        if require_version(expected_version) != shipment.version:
            raise StaleEdit(f"出货单 {shipment.number}", f"Shipment {shipment.number}", expected_version,
                            shipment.version)
        summary = ", ".join(f"#{r['line_no']}×{r['quantity']}@{r['unit_price']}" for r in shipment_lines(shipment.id))
        audit("shipment", shipment.id, "void", order_id=order.id, old=f"{shipment.number} {shipment.date}: {summary}",
              new=f"作废 / voided: {reason}")
        ShipmentLine.delete().where(ShipmentLine.shipment == shipment.id).execute()
        Shipment.delete().where(Shipment.id == shipment.id).execute()
        rows = shipped_quantities(order.id)
        if all(r.remaining == 0 for r in rows):
            target = None  # still fully shipped: settlement may change below
        elif any(r.shipped for r in rows):
            target = "partly_shipped"
        else:
            target = "in_production"
        why = f"出货单 {shipment.number} 作废 / shipment {shipment.number} voided"
        if target is not None and order.status != target:
            if order.status == "settled":
                set_order_status(order, "shipped", reason=why)
            set_order_status(order, target, reason=why)
        refresh_settlement(order.id)


def shipment_lines(shipment_id: int) -> list[dict[str, Any]]:
    """The lines of one shipment with their order line details and amounts."""
    q = (ShipmentLine.select(ShipmentLine, OrderLine).join(OrderLine)
         .where(ShipmentLine.shipment == shipment_id).order_by(OrderLine.line_no, ShipmentLine.id))
    return [{"id": sl.id, "order_line_id": sl.order_line.id, "line_no": sl.order_line.line_no,
             "style": sl.order_line.style, "product": sl.order_line.product, "colour": sl.order_line.colour,
             "size": sl.order_line.size, "unit": sl.order_line.unit, "quantity": sl.quantity,
             "unit_price": sl.unit_price, "amount": line_amount(sl.quantity, sl.unit_price)} for sl in q]


def shipment_total(shipment_id: int) -> Decimal:
    return sum((r["amount"] for r in shipment_lines(shipment_id)), ZERO)


def list_shipments(order_id: int | None = None, client_id: int | None = None,
                   date_from: dt.date | None = None, date_to: dt.date | None = None) -> list[Shipment]:
    """Shipments (newest first) with their order and client joined in."""
    q = (Shipment.select(Shipment, Order, Client).join(Order).join(Client)
         .order_by(Shipment.date.desc(), Shipment.id.desc()))
    return list(where_given(q, (order_id, Shipment.order == order_id), (client_id, Order.client == client_id),
                            (date_from, Shipment.date >= date_from), (date_to, Shipment.date <= date_to)))
