"""Factories: our own workshop, subcontract factories (外协厂) and backups (备选工厂).

"Have a few backup factories: if one cannot make it, switch to another"
(source document). An order or a single flow card can be assigned to one.
"""

from __future__ import annotations

from typing import Any, cast

from peewee import Case, fn

from . import enums
from .common import audit, get_or_404, refuse_unknown_fields, save_versioned
from .db import write_transaction
from .errors import StateError, ValidationError
from .limits import QUANTITY_OR_ZERO
from .models import Factory, FlowCard, Order

FACTORY_FIELDS = {"name", "kind", "contact", "phone", "address", "capabilities", "capacity_per_day", "notes", "active"}


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    refuse_unknown_fields(values, FACTORY_FIELDS, "工厂", "A factory")
    out = dict(values)
    for k in ("name", "contact", "phone", "address", "capabilities", "notes"):
        if k in out:
            out[k] = (out[k] or "").strip()
    if "name" in out and not out["name"]:
        raise ValidationError("工厂名称不能为空。", "The factory name is empty; enter it.", field="name")
    if "kind" in out:
        out["kind"] = enums.parse("factory_kind", out["kind"] or "subcontract", field="kind")
    if "capacity_per_day" in out:
        v = out["capacity_per_day"]
        try:
            n = int(str(v if v not in (None, "") else 0).strip())
        except ValueError:
            n = -1
        if n < 0 or n > QUANTITY_OR_ZERO.high:
            raise ValidationError(f"日产能“{v}”无效,请填写 0 至 {QUANTITY_OR_ZERO.high:,} 的整数(件/天)。",
                                  f"The capacity “{v}” is not valid; enter a whole number of pieces per day from 0 "
                                  f"to {QUANTITY_OR_ZERO.high:,}.",
                                  field="capacity_per_day")
        out["capacity_per_day"] = n
    if "active" in out:
        out["active"] = bool(out["active"])
    return out


def _check_unique_name(name: str, exclude_id: int | None = None) -> None:
    q = Factory.select().where(fn.LOWER(Factory.name) == name.lower())
    if exclude_id is not None:
        q = q.where(Factory.id != exclude_id)
    if q.exists():
        raise ValidationError(f"已有名为“{name}”的工厂,请换一个名称。",
                              f"A factory named “{name}” already exists; choose another name.", field="name")


def create_factory(name: str, kind: str = "subcontract", **fields: Any) -> Factory:
    values = _clean({"name": name, "kind": kind, **fields})
    with write_transaction():
        _check_unique_name(values["name"])
        f = Factory.create(**values)
        audit("factory", f.id, "create", field="name", new=f"{f.name} ({f.kind})")
        return cast("Factory", f)


def update_factory(factory_id: int, changes: dict[str, Any], expected_version: int) -> Factory:
    values = _clean(changes)
    with write_transaction():
        f = get_or_404(Factory, factory_id, "工厂", "Factory")
        if "name" in values:
            _check_unique_name(values["name"], f.id)
        save_versioned(f, values, expected_version, f"工厂“{f.name}”", f"Factory “{f.name}”", audit_entity="factory")
        return cast("Factory", Factory.get_by_id(f.id))


def list_factories(kind: str | None = None, active_only: bool = True) -> list[Factory]:
    q = Factory.select()
    if kind:
        q = q.where(Factory.kind == enums.parse("factory_kind", kind, field="kind"))
    if active_only:
        q = q.where(Factory.active == True)  # noqa: E712 (peewee expression)
    return list(q.order_by(Factory.kind, Factory.name))


def _active_factory(factory_id: int) -> Factory:
    f = get_or_404(Factory, int(factory_id), "工厂", "Factory")
    if not f.active:
        raise StateError(f"工厂“{f.name}”已停用,不能再分派生产。",
                         f"Factory “{f.name}” is inactive; no work can go to it.")
    return f


def assign_order(order_id: int, factory_id: int | None) -> Order:
    """Give the order to a factory (None: back to no factory). Cards issued later follow it."""
    with write_transaction():
        order = get_or_404(Order, order_id, "订单", "Order")
        if order.status in ("cancelled", "shipped", "settled"):
            raise StateError(f"订单 {order.number} 已结束,不能再分派工厂。",
                             f"Order {order.number} is closed; it cannot be assigned to a factory.")
        f = None if factory_id is None else _active_factory(factory_id)
        new = f.id if f else None
        if order.status in ("draft", "reviewed"):
            # before confirmation the factory is part of what the review judged: orders.py handles it
            from .orders import update_order

            return update_order(order.id, {"factory": new}, order.version)  # read in this transaction
        if order.factory_id != new:
            Order.update(factory=new, version=Order.version + 1).where(Order.id == order.id).execute()
            audit("order", order.id, "update", order_id=order.id, field="factory", old=order.factory_id,
                  new=f"{f.id} {f.name}" if f else None)
        return cast("Order", Order.get_by_id(order.id))


def assign_card(card_id: int, factory_id: int | None) -> FlowCard:
    """Move one batch (flow card) to another factory, e.g. a backup when one fails."""
    with write_transaction():
        card = get_or_404(FlowCard, card_id, "流程卡", "Flow card")
        if card.recalled_at is not None:
            raise StateError(f"流程卡 {card.number} 已收回作废,不能分派工厂。",
                             f"Flow card {card.number} was recalled; it cannot be assigned.")
        f = None if factory_id is None else _active_factory(factory_id)
        new = f.id if f else None
        if card.factory_id != new:
            FlowCard.update(factory=new, version=FlowCard.version + 1).where(FlowCard.id == card.id).execute()
            audit("flow_card", card.id, "update", order_id=card.order_id, field="factory", old=card.factory_id,
                  new=f"{f.id} {f.name}" if f else None)
        return cast("FlowCard", FlowCard.get_by_id(card.id))


def backup_factories_for(capability: str, exclude_id: int | None = None) -> list[Factory]:
    """Active backup and subcontract factories whose capabilities mention ``capability``.

    Backups come first, then subcontractors, each by capacity (largest first).
    An empty text lists them all.
    """
    text = (capability or "").strip().lower()
    q = Factory.select().where((Factory.active == True) & Factory.kind.in_(("backup", "subcontract")))  # noqa: E712
    if text:
        q = q.where(fn.LOWER(Factory.capabilities).contains(text))
    if exclude_id is not None:
        q = q.where(Factory.id != exclude_id)
    rank = Case(Factory.kind, [("backup", 0)], 1)
    return list(q.order_by(rank, Factory.capacity_per_day.desc(), Factory.name))


def factory_shares(order_id: int) -> list[dict[str, Any]]:
    """Who makes the order's pieces: per factory, the pieces on its live flow cards.

    Cards without a factory are the order's factory (or our own workshop when
    the order names none). ``outsourced`` marks pieces made outside our own
    workshop (a subcontract or backup factory). Largest share first; without
    any live card, the order's factory alone with the ordered quantity.
    """
    from .models import OrderLine
    from .progress import live_cards

    order = get_or_404(Order, order_id, "订单", "Order")
    sums: dict[int | None, int] = {}
    for fid, qty in (live_cards(order).select(FlowCard.factory, fn.SUM(FlowCard.quantity))
                     .group_by(FlowCard.factory).tuples()):
        key = fid if fid is not None else order.factory_id
        sums[key] = sums.get(key, 0) + int(qty or 0)
    if not sums:
        ordered = OrderLine.select(fn.SUM(OrderLine.quantity)).where(OrderLine.order == order.id).scalar()
        sums[order.factory_id] = int(ordered or 0)
    names = {f.id: f for f in Factory.select().where(Factory.id.in_([k for k in sums if k is not None]))}
    out: list[dict[str, Any]] = []
    for fid, qty in sums.items():
        f = names.get(fid)
        out.append({"factory_id": fid, "name": f.name if f else "", "kind": f.kind if f else "own",
                    "quantity": qty, "outsourced": f is not None and f.kind != "own"})
    out.sort(key=lambda r: (-r["quantity"], r["name"]))
    return out
