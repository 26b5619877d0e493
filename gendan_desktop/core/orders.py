"""Orders (订单): creation, editing before confirmation, review (订单审查),
confirmation, the status flow, totals and history.

After confirmation an order is changed only through core/revisions.py (改单,
R1, R2…) and cancelled through core/recalls.py, because paper has gone to the
floor by then and must be recalled.

Every service returns a freshly read Order: its ``version`` is what the next
edit must pass as ``expected_version``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, cast

from peewee import IntegrityError, fn

from . import enums
from .common import audit, current_user, get_or_404, next_number, require_version, save_versioned
from .db import write_transaction
from .errors import StaleEdit, StateError, ValidationError
from .limits import check_line_count
from .models import AuditLog, Client, Order, OrderLine, ShipmentLine
from .order_input import (
    check_header_consistency,
    check_po_free,
    clean_header,
    clean_line,
    line_key,
    line_summary,
    po_taken_error,
)
from .status_rules import ORDER_TRANSITIONS, can_confirm, can_edit

REVIEW_FIELDS = tuple(enums.REVIEW_ITEMS)  # review_capability … review_date
# Changing these (or any line) after review voids the review: it judged the old values.
REVIEW_SENSITIVE = {"client", "delivery_date", "order_type", "sample", "product_category", "factory"}

_LINE_COLUMNS = ("line_no", "style", "product", "colour", "size", "quantity", "unit", "unit_price", "remarks")


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _names(order: Order) -> tuple[str, str]:
    return f"订单 {order.number}", f"Order {order.number}"


def get_order(order_id: int) -> Order:
    return get_or_404(Order, order_id, "订单", "Order")


def find_order(order_id: int | None) -> Order | None:
    """The order, or None (no id, or deleted since it was listed)."""
    if not order_id:
        return None
    found: Order | None = Order.get_or_none(Order.id == order_id)
    return found


def client_name(client_id: int) -> str:
    """The name of an order's client (shown beside the order)."""
    row = Client.select(Client.name).where(Client.id == client_id).tuples().first()
    return str(row[0]) if row else ""


def order_lines(order_id: int) -> list[OrderLine]:
    return list(OrderLine.select().where(OrderLine.order == order_id).order_by(OrderLine.line_no, OrderLine.id))


def _status_label(status: str) -> tuple[str, str]:
    return enums.label("order_status", status, "zh"), enums.label("order_status", status, "en")


# ------------------------------------------------------------------ create --
def create_order(client_id: int, *, lines: list[dict[str, Any]], delivery_date: Any, channel: str = "email",
                 client_po: str = "", order_type: str = "normal", currency: str = "USD", order_date: Any = None,
                 quotation_id: int | None = None, sample_id: int | None = None, **extra: Any) -> Order:
    """A new draft order with its lines, numbered SOyymm-nnnn.

    ``extra`` takes any other editable header field (client_requirements,
    packing, shipping_marks, notes, payment_terms, trade_terms, deposit_pct,
    product_category, factory_id, merchandiser, remake_of…).
    """
    header: dict[str, Any] = {
        "client": client_id, "channel": channel, "client_po": client_po, "order_type": order_type,
        "currency": currency, "order_date": order_date or dt.date.today(), "delivery_date": delivery_date,
        "quotation": quotation_id, "sample": sample_id,
    }
    header.update(extra)
    if not lines:
        raise ValidationError("订单至少要有一行明细(款号、颜色、尺码、数量、单价)。",
                              "An order needs at least one line (style, colour, size, quantity, unit price).",
                              field="lines")
    check_line_count(len(lines))
    with po_guard(header.get("client_po", "")), write_transaction():
        order = _create(header, lines)
    return get_order(order.id)


@contextmanager
def po_guard(client_po: str) -> Iterator[None]:
    """Turn the unique index's refusal of a PO saved meanwhile elsewhere into a sentence."""
    try:
        yield
    except IntegrityError as exc:
        if "client_po" not in str(exc):
            raise
        raise po_taken_error(client_po) from None


def _create(header: dict[str, Any], lines: list[dict[str, Any]]) -> Order:
    values = clean_header(header)
    check_header_consistency(values)
    check_po_free(values["client"], values.get("client_po", ""), values.get("order_type", "normal"))
    clean_lines = [clean_line(n, dict(d)) for n, d in enumerate(lines, 1)]
    values.setdefault("merchandiser", "")
    if not values["merchandiser"]:  # who looks after the client, as for its quotations and samples
        owner = Client.select(Client.merchandiser).where(Client.id == values["client"]).scalar()
        values["merchandiser"] = owner or current_user()
    order = Order.create(number=next_number("SO"), **{k: v for k, v in values.items() if v is not None})
    audit("order", order.id, "create", order_id=order.id, field="number", new=order.number)
    for n, line in enumerate(clean_lines, 1):
        row = OrderLine.create(order=order, line_no=n, **line)
        audit("order_line", row.id, "create", order_id=order.id, field=f"line {n}", new=line_summary(line))
    return cast("Order", order)


# -------------------------------------------------------------------- edit --
def _bump_version(order: Order, expected: int) -> None:
    n = (Order.update({Order.version: Order.version + 1, Order.updated_at: _now()})
         .where((Order.id == order.id) & (Order.version == expected)).execute())
    if n != 1:
        zh, en = _names(order)
        raise StaleEdit(zh, en, expected, Order.get_by_id(order.id).version)
    order.version = expected + 1


def shipped_quantities(order_id: int) -> dict[int, int]:
    """Order line id → quantity shipped so far."""
    q = (ShipmentLine.select(ShipmentLine.order_line, fn.SUM(ShipmentLine.quantity))
         .join(OrderLine).where(OrderLine.order == order_id).group_by(ShipmentLine.order_line).tuples())
    return {line_id: int(total or 0) for line_id, total in q}


def apply_lines(order: Order, lines: list[dict[str, Any]], shipped: dict[int, int] | None = None) -> list[str]:
    """Make the order's lines equal ``lines`` (the whole new list, in order).

    A dict with ``id`` patches that line (missing fields keep their values); one
    without ``id`` takes over an unclaimed old line with the same style, product,
    colour and size, else becomes a new line. Old lines not claimed are deleted,
    unless goods were shipped against them. Kept lines keep their ids (flow
    cards and shipments point at them). Every change is audited. Returns
    readable descriptions of the changes. Call inside a transaction.
    """
    if not lines:
        raise ValidationError("订单至少要有一行明细,不能把明细全部删除。",
                              "An order needs at least one line; you cannot delete them all.", field="lines")
    if shipped is None:
        shipped = shipped_quantities(order.id)
    existing = order_lines(order.id)
    plan = _plan_lines(existing, lines, shipped)
    claimed = {target.id for target, _values in plan if target is not None}
    removed = [old for old in existing if old.id not in claimed]
    for old in removed:
        if shipped.get(old.id, 0) or ShipmentLine.select().where(ShipmentLine.order_line == old.id).exists():
            raise ValidationError(
                f"原第 {old.line_no} 行({line_summary(old)})已有出货,不能删除;如客户不再要剩余数量,"
                f"请把数量改为已出货数量。",
                f"Former line {old.line_no} ({line_summary(old)}) has shipments against it and cannot be deleted; "
                "to drop the rest, set its quantity to the quantity shipped.", field="lines")
    notes = _write_lines(order, plan)
    # Deleted last: SQLite reuses the highest rowid, and a new line must never
    # take the id of a line it replaces (revisions match lines by id).
    for old in removed:
        audit("order_line", old.id, "delete", order_id=order.id, field=f"line {old.line_no}", old=line_summary(old))
        notes.append(f"删除原第 {old.line_no} 行")
        old.delete_instance()
    return notes


def _plan_lines(existing: list[OrderLine], lines: list[dict[str, Any]],
                shipped: dict[int, int]) -> list[tuple[OrderLine | None, dict[str, Any]]]:
    """Each new line checked, with the old line it keeps (by id, else by what it is) or None."""
    by_id = {ln.id: ln for ln in existing}
    claimed: set[int] = set()
    plan: list[tuple[OrderLine | None, dict[str, Any]]] = []
    for n, data in enumerate(lines, 1):
        data = dict(data)
        line_id = data.get("id")
        target = None
        if line_id not in (None, ""):
            try:
                target = by_id.get(int(line_id))
            except (TypeError, ValueError):
                target = None
            if target is None or target.id in claimed:
                raise ValidationError(f"第 {n} 行指向的明细(编号 {line_id})不属于本订单或重复出现,请重新载入订单。",
                                      f"Line {n} refers to line id {line_id}, which is not on this order or "
                                      "appears twice; reload the order.", field=f"lines.{n}")
            base = {c: getattr(target, c) for c in _LINE_COLUMNS if c != "line_no"}
            values = clean_line(n, data, base)
        else:
            values = clean_line(n, data)
            key = line_key(values)
            target = next((ln for ln in existing if ln.id not in claimed
                           and line_key({c: getattr(ln, c) for c in ("style", "product", "colour", "size")}) == key),
                          None)
        values["line_no"] = n
        if target is not None:
            claimed.add(target.id)
            done = shipped.get(target.id, 0)
            if values["quantity"] < done:
                raise ValidationError(f"第 {n} 行已出货 {done},数量不能改为 {values['quantity']}(少于已出货数量)。",
                                      f"Line {n}: {done} have already shipped, so the quantity cannot become "
                                      f"{values['quantity']}.", field=f"lines.{n}.quantity")
        plan.append((target, values))
    return plan


def _write_lines(order: Order, plan: list[tuple[OrderLine | None, dict[str, Any]]]) -> list[str]:
    """Create the new lines and update the kept ones that changed, audited; what was done, in words."""
    notes: list[str] = []
    for target, values in plan:
        n = values["line_no"]
        if target is None:
            row = OrderLine.create(order=order.id, **values)
            audit("order_line", row.id, "create", order_id=order.id, field=f"line {n}", new=line_summary(values))
            notes.append(f"新增第 {n} 行")
            continue
        changed = {c: v for c, v in values.items() if getattr(target, c) != v}
        if not changed:
            continue
        for c, v in changed.items():
            audit("order_line", target.id, "update", order_id=order.id, field=c, old=getattr(target, c), new=v)
        OrderLine.update({OrderLine._meta.fields[c]: v for c, v in changed.items()}).where(
            OrderLine.id == target.id).execute()
        notes.append(f"修改第 {n} 行")
    return notes


def apply_order_changes(order: Order, changes: dict[str, Any], expected_version: int,
                        lines: list[dict[str, Any]] | None, *, shipped: dict[int, int] | None = None,
                        forced: dict[str, Any] | None = None) -> tuple[list[str], list[str]]:
    """Versioned header + line change shared by update_order and revise_order.

    ``forced`` holds already-checked fields set by the workflow itself (the
    revision number). Returns (changed header fields, line change notes).
    Call inside a transaction.
    """
    expected = require_version(expected_version)
    fresh = get_order(order.id)
    zh, en = _names(fresh)
    if fresh.version != expected:
        raise StaleEdit(zh, en, expected, fresh.version)
    values = clean_header(changes or {})
    # Sample and quotation are re-checked only when they or the client change:
    # a sample approved when the order was made stays good for later edits.
    relinked = {"client", "sample", "quotation"}.intersection(values)
    merged = {"client": fresh.client_id, "order_date": fresh.order_date, "delivery_date": fresh.delivery_date}
    if relinked:
        merged.update(sample=fresh.sample_id, quotation=fresh.quotation_id)
    merged.update(values)
    check_header_consistency(merged)
    if {"client", "client_po", "order_type"} & set(values):
        check_po_free(merged["client"], values.get("client_po", fresh.client_po),
                      values.get("order_type", fresh.order_type), exclude_id=fresh.id)
    if lines is not None:
        check_line_count(len(lines))
    values.update(forced or {})
    header_changed = save_versioned(fresh, values, expected, zh, en, audit_entity="order", order_id=fresh.id)
    line_notes = apply_lines(fresh, lines, shipped) if lines is not None else []
    if line_notes and not header_changed:
        _bump_version(fresh, expected)
    return header_changed, line_notes


def update_order(order_id: int, changes: dict[str, Any], expected_version: int,
                 lines: list[dict[str, Any]] | None = None) -> Order:
    """Edit a draft or reviewed order (header ``changes`` and/or the whole ``lines`` list).

    Editing what the review judged (lines, delivery date, client, type, sample,
    category, factory) of a reviewed order sends it back to draft with the
    checklist cleared, so it cannot be confirmed on an outdated review.
    """
    with po_guard((changes or {}).get("client_po", "")), write_transaction():
        order = get_order(order_id)
        if not can_edit("order", order.status):
            szh, sen = _status_label(order.status)
            raise StateError(f"订单 {order.number} 已是“{szh}”状态,不能直接修改;确认后的修改请使用“改单”。",
                             f"Order {order.number} is {sen} and cannot be edited directly; after confirmation "
                             "use “Revise order”.")
        header_changed, line_notes = apply_order_changes(order, changes, expected_version, lines)
        if order.status == "reviewed" and (line_notes or REVIEW_SENSITIVE.intersection(header_changed)):
            _clear_review(get_order(order_id), "审查后订单有修改,需重新审查")
    return get_order(order_id)


def _clear_review(order: Order, reason: str) -> None:
    flags = {f: False for f in REVIEW_FIELDS}
    zh, en = _names(order)
    save_versioned(order, flags, order.version, zh, en, audit_entity="order", order_id=order.id)
    set_status(order, "draft", reason=reason)


# ------------------------------------------------------------------ review --
def set_review(order_id: int, capability: bool, material: bool, colour: bool, quantity: bool, date: bool,
               notes: str = "", expected_version: int | None = None) -> Order:
    """Record the 订单审查 checklist; all five passed → 'reviewed', else 'draft'."""
    flags = {"review_capability": bool(capability), "review_material": bool(material),
             "review_colour": bool(colour), "review_quantity": bool(quantity), "review_date": bool(date)}
    with write_transaction():
        order = get_order(order_id)
        if not can_edit("order", order.status):
            szh, sen = _status_label(order.status)
            raise StateError(f"订单 {order.number} 已是“{szh}”状态,审查结果不能再修改。",
                             f"Order {order.number} is {sen}; its review can no longer be changed.")
        zh, en = _names(order)
        changes = {**flags, "review_notes": (notes or "").strip()}
        if save_versioned(order, changes, expected_version, zh, en, audit_entity="order", order_id=order.id):
            Order.update(reviewed_by=current_user(), reviewed_at=_now()).where(Order.id == order.id).execute()
        target = "reviewed" if all(flags.values()) else "draft"
        if order.status != target:
            set_status(order, target, reason="订单审查" if target == "reviewed" else "审查项未全部通过")
    return get_order(order_id)


def unchecked_review_items(order: Order, lang: str = "zh") -> list[str]:
    return [enums.label("review_item", f, lang) for f in REVIEW_FIELDS if not getattr(order, f)]


def confirm_order(order_id: int, *, expected_version: int) -> Order:
    """Confirm a reviewed order; refused while any review item is unchecked."""
    require_version(expected_version)
    with write_transaction():
        order = get_order(order_id)
        missing_zh, missing_en = unchecked_review_items(order, "zh"), unchecked_review_items(order, "en")
        if can_edit("order", order.status) and missing_zh:
            raise StateError(f"订单 {order.number} 还不能确认:审查项“{'、'.join(missing_zh)}”未通过。"
                             "请先完成订单审查。",
                             f"Order {order.number} cannot be confirmed yet: the review items "
                             f"{', '.join(missing_en)} have not passed. Complete the order review first.")
        if not can_confirm("order", order.status):
            szh, sen = _status_label(order.status)
            raise StateError(f"订单 {order.number} 现在是“{szh}”,只有已审查的订单才能确认。",
                             f"Order {order.number} is {sen}; only a reviewed order can be confirmed.")
        set_status(order, "confirmed", expected_version=expected_version)
    return get_order(order_id)


# ------------------------------------------------------------------ status --
def set_status(order: Order | int, new_status: str, *, reason: str = "",
               expected_version: int | None = None) -> bool:
    """Move an order along the status table; audited, bumps the version.

    For other services (production start, shipments, payments, cancellation).
    Setting the status it already has is a no-op returning False. Raises
    StateError for a move the table does not allow. Sets confirmed_at,
    production_started_at and cancelled_at/cancel_reason on the way.
    """
    if new_status not in enums.ORDER_STATUSES:
        raise ValidationError(f"“{new_status}”不是订单状态。", f"“{new_status}” is not an order status.",
                              field="status")
    order_id = order if isinstance(order, int) else order.id
    with write_transaction():
        fresh = get_order(order_id)
        zh, en = _names(fresh)
        if expected_version is not None and fresh.version != expected_version:
            raise StaleEdit(zh, en, expected_version, fresh.version)
        old = fresh.status
        if old == new_status:
            if not isinstance(order, int):
                order.status, order.version = old, fresh.version
            return False
        if new_status not in ORDER_TRANSITIONS[old]:
            (ozh, oen), (nzh, nen) = _status_label(old), _status_label(new_status)
            raise StateError(f"{zh}现在是“{ozh}”,不能改为“{nzh}”。", f"{en} is {oen} and cannot become {nen}.")
        now = _now()
        values: dict[Any, Any] = {Order.status: new_status, Order.version: Order.version + 1, Order.updated_at: now}
        if new_status == "confirmed" and fresh.confirmed_at is None:
            values[Order.confirmed_at] = now
        if new_status == "in_production" and fresh.production_started_at is None:
            values[Order.production_started_at] = now
        if new_status == "cancelled":
            values[Order.cancelled_at] = now
            values[Order.cancel_reason] = reason
        cond = (Order.id == order_id) & (Order.status == old)
        if expected_version is not None:
            cond &= Order.version == expected_version
        if Order.update(values).where(cond).execute() != 1:
            raise StateError(f"{zh}的状态刚被其他窗口或同事修改,请重新载入后再操作。",
                             f"{en} was just changed elsewhere; reload it and try again.")
        audit("order", order_id, "status", order_id=order_id, field="status", old=old, new=new_status)
        if reason:
            audit("order", order_id, "status", order_id=order_id, field="status_reason", new=reason)
        if not isinstance(order, int):
            order.status, order.version = new_status, fresh.version + 1
            for field, value in values.items():
                if field.name not in ("status", "version"):
                    setattr(order, field.name, value)
    return True


# ----------------------------------------------------------------- queries --
def order_totals(order_id: int) -> dict[str, Any]:
    """Total quantity and amount (exact Decimal, order currency) of the lines."""
    order = get_order(order_id)
    qty, amount, count = (OrderLine.select(fn.SUM(OrderLine.quantity),
                                           fn.SUM(OrderLine.quantity * OrderLine.unit_price),
                                           fn.COUNT(OrderLine.id))
                          .where(OrderLine.order == order_id).tuples().get())
    return {"quantity": int(qty or 0), "amount": OrderLine.unit_price.from_sum(amount),
            "currency": order.currency, "lines": int(count or 0)}


def line_amount(line: OrderLine) -> Decimal:
    return cast("Decimal", line.quantity * line.unit_price)


def order_history(order_id: int) -> list[AuditLog]:
    """Audit lines of the order and its documents (lines, revisions, production
    sheets, flow cards, complaints…), newest first."""
    return list(AuditLog.select().where(AuditLog.order_id == order_id)
                .order_by(AuditLog.at.desc(), AuditLog.id.desc()))


def legacy_po_duplicates() -> list[tuple[str, str, str]]:
    """(order no., the earlier order no., client PO) of orders that shared a client PO
    before migration 7 made the database refuse it; ``check`` lists them."""
    earlier = Order.alias()
    q = (Order.select(Order.number, earlier.number, Order.client_po)
         .join(earlier, on=((earlier.client == Order.client)
                            & (fn.LOWER(earlier.client_po) == fn.LOWER(Order.client_po))
                            & (earlier.po_dup_id == 0) & (earlier.id != Order.id)))
         .where(Order.po_dup_id != 0).order_by(Order.id, earlier.id))
    seen: dict[str, tuple[str, str, str]] = {}
    for number, first, po in q.tuples():
        seen.setdefault(number, (number, first, po))
    return list(seen.values())
