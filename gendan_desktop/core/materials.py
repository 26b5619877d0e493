"""Materials (物料/备料) an order needs, and purchase follow-ups (采购跟单).

For every material of an order:

    required = order quantity × consumption per piece × (1 + loss rate %)
    on order = what purchases still owe (ordered − received, per purchase)
    received = what purchases delivered
    shortage = max(0, required − in stock − received)

Material on order is still a shortage until it arrives. Production may start
only when no material is short (see production.start_production).
Quantities are exact Decimals (RateField), never floats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any, cast

from peewee import JOIN, Case, fn

from .common import audit, get_or_404, parse_date, refuse_unknown_fields, save_versioned
from .db import write_transaction
from .errors import StateError, ValidationError
from .fields import to_decimal
from .limits import MATERIAL_QTY, Bound
from .models import MaterialRequirement, Order, OrderLine, PurchaseFollowUp

MATERIAL_FIELDS = {"name", "spec", "unit", "consumption_per_piece", "loss_rate_pct", "in_stock",
                   "supplied_by_client", "notes"}
PURCHASE_FIELDS = {"supplier", "quantity", "ordered_date", "due_date", "notes"}
CLOSED_STATUSES = ("cancelled", "shipped", "settled")
QUANTUM = Decimal("0.0001")


def fmt_qty(value: Decimal) -> str:
    """A quantity without trailing zeros: 12.5, 300."""
    d = to_decimal(value).quantize(QUANTUM)
    return format(d.normalize(), "f") if d else "0"


def _dec(value: Any, what_zh: str, what_en: str, field: str, *, positive: bool = False,
         below: Decimal | None = None) -> Decimal:
    try:
        d = to_decimal(value)
    except Exception:
        d = None
    if d is None or not d.is_finite() or d < 0 or (positive and d == 0) or (below is not None and d >= below):
        rule_zh = "正数" if positive else "0 或正数"
        rule_en = "a number above 0" if positive else "0 or a positive number"
        if below is not None:
            rule_zh += f",且小于 {below}"
            rule_en += f" below {below}"
        raise ValidationError(f"{what_zh}“{value}”无效,请填写{rule_zh}。",
                              f"The {what_en} “{value}” is not valid; enter {rule_en}.", field=field)
    Bound(what_zh, what_en, MATERIAL_QTY.low, MATERIAL_QTY.high, MATERIAL_QTY.places).check(d, field=field)
    return d


def _clean_material(values: dict[str, Any], label_zh: str, label_en: str) -> dict[str, Any]:
    refuse_unknown_fields(values, MATERIAL_FIELDS, "物料", "A material")
    out = dict(values)
    for k in ("name", "spec", "unit", "notes"):
        if k in out:
            out[k] = (out[k] or "").strip()
    if "name" in out and not out["name"]:
        raise ValidationError("物料名称不能为空,请填写如“全棉汗布 180g”。",
                              "The material name is empty; enter one such as “cotton jersey 180g”.", field="name")
    if "consumption_per_piece" in out:
        out["consumption_per_piece"] = _dec(out["consumption_per_piece"], f"{label_zh}的单件用量",
                                            f"consumption per piece of {label_en}", "consumption_per_piece")
    if "loss_rate_pct" in out:
        out["loss_rate_pct"] = _dec(out["loss_rate_pct"], f"{label_zh}的损耗率(%)", f"loss rate (%) of {label_en}",
                                    "loss_rate_pct", below=Decimal(100))
    if "in_stock" in out:
        out["in_stock"] = _dec(out["in_stock"], f"{label_zh}的库存", f"stock of {label_en}", "in_stock")
    if "supplied_by_client" in out:
        out["supplied_by_client"] = bool(out["supplied_by_client"])
    return out


# --------------------------------------------------------------- materials --
def add_material(order_id: int, name: str, consumption_per_piece: Any, loss_rate_pct: Any = 0, in_stock: Any = 0, *,
                 spec: str = "", unit: str = "m", supplied_by_client: bool = False,
                 notes: str = "") -> MaterialRequirement:
    """Add one material the order needs (e.g. 1.35 m of fabric per piece, 3 % loss)."""
    values = _clean_material({"name": name, "spec": spec, "unit": unit or "m",
                              "consumption_per_piece": consumption_per_piece, "loss_rate_pct": loss_rate_pct,
                              "in_stock": in_stock, "supplied_by_client": supplied_by_client, "notes": notes},
                             f"物料“{(name or '').strip()}”", f"material “{(name or '').strip()}”")
    with write_transaction():
        order = get_or_404(Order, order_id, "订单", "Order")
        if order.status == "cancelled":
            raise StateError(f"订单 {order.number} 已取消,不能再添加物料。",
                             f"Order {order.number} is cancelled; no materials can be added.")
        m = MaterialRequirement.create(order=order.id, **values)
        audit("material", m.id, "create", order_id=order.id, field="name",
              new=f"{m.name} {fmt_qty(m.consumption_per_piece)} {m.unit}/pc, loss {fmt_qty(m.loss_rate_pct)}%")
        return cast("MaterialRequirement", m)


def update_material(material_id: int, changes: dict[str, Any], expected_version: int) -> MaterialRequirement:
    """Change a material; refused if someone saved a newer version meanwhile."""
    with write_transaction():
        m = get_or_404(MaterialRequirement, material_id, "物料", "Material")
        values = _clean_material(changes, f"物料“{m.name}”", f"material “{m.name}”")
        save_versioned(m, values, expected_version, f"物料“{m.name}”", f"Material “{m.name}”",
                       audit_entity="material", order_id=m.order_id)
        return cast("MaterialRequirement", MaterialRequirement.get_by_id(m.id))


def delete_material(material_id: int) -> None:
    with write_transaction():
        m = get_or_404(MaterialRequirement, material_id, "物料", "Material")
        if PurchaseFollowUp.select().where(PurchaseFollowUp.material == m.id).exists():
            raise StateError(f"物料“{m.name}”已有采购记录,不能删除。请先删除其采购跟单。",
                             f"Material “{m.name}” has purchases; delete its purchase follow-ups first.")
        m.delete_instance()
        audit("material", m.id, "delete", order_id=m.order_id, field="name", old=m.name)


@dataclass(frozen=True)
class MaterialFigures:
    material_id: int
    name: str
    spec: str
    unit: str
    supplied_by_client: bool
    consumption_per_piece: Decimal
    loss_rate_pct: Decimal
    order_qty: int
    required: Decimal
    in_stock: Decimal
    on_order: Decimal
    received: Decimal
    shortage: Decimal

    @property
    def shortage_text(self) -> str:
        return fmt_qty(self.shortage)

    @property
    def covered(self) -> bool:
        return self.shortage == 0


def required_quantity(order_qty: int, consumption: Any, loss_pct: Any) -> Decimal:
    """order quantity × consumption × (1 + loss %), rounded up to 4 places."""
    exact = Decimal(order_qty) * to_decimal(consumption) * (1 + to_decimal(loss_pct) / 100)
    return exact.quantize(QUANTUM, rounding=ROUND_CEILING)


def material_figures(order_id: int) -> list[MaterialFigures]:
    """Required, in stock, on order, received and shortage of every material of an order (3 queries)."""
    order = get_or_404(Order, order_id, "订单", "Order")
    qty = int(OrderLine.select(fn.SUM(OrderLine.quantity)).where(OrderLine.order == order.id).scalar() or 0)
    P = PurchaseFollowUp
    owed = Case(None, [(P.received_qty < P.quantity, P.quantity - P.received_qty)], 0)
    sums = {mid: (P.quantity.from_sum(o), P.received_qty.from_sum(r)) for mid, o, r in
            P.select(P.material, fn.SUM(owed), fn.SUM(P.received_qty)).join(MaterialRequirement)
            .where(MaterialRequirement.order == order.id).group_by(P.material).tuples()}
    out = []
    for m in MaterialRequirement.select().where(MaterialRequirement.order == order.id).order_by(MaterialRequirement.id):
        on_order, received = sums.get(m.id, (Decimal(0), Decimal(0)))
        required = required_quantity(qty, m.consumption_per_piece, m.loss_rate_pct)
        shortage = max(Decimal(0), required - m.in_stock - received).quantize(QUANTUM)
        out.append(MaterialFigures(m.id, m.name, m.spec, m.unit, m.supplied_by_client, m.consumption_per_piece,
                                   m.loss_rate_pct, qty, required, m.in_stock, on_order, received, shortage))
    return out


def materials_covered(order_id: int) -> tuple[bool, list[MaterialFigures]]:
    """(True, []) when nothing is short, else (False, the short materials).

    An order without any material rows counts as covered: there is nothing on
    record to wait for (the order review already asked about material).
    """
    short = [f for f in material_figures(order_id) if f.shortage > 0]
    return (not short, short)


# --------------------------------------------------------------- purchases --
def create_purchase(material_id: int, supplier: str, quantity: Any, due_date: Any, ordered_date: Any = None,
                    notes: str = "") -> PurchaseFollowUp:
    """Record material ordered from a supplier, due on ``due_date``."""
    supplier = (supplier or "").strip()
    if not supplier:
        raise ValidationError("请填写供应商。", "Enter the supplier.", field="supplier")
    with write_transaction():
        m = get_or_404(MaterialRequirement, material_id, "物料", "Material")
        qty = _dec(quantity, f"物料“{m.name}”的采购数量", f"purchase quantity of “{m.name}”", "quantity", positive=True)
        ordered = parse_date(ordered_date, "下单日期", "order date", "ordered_date")
        due = parse_date(due_date, "到料日期", "due date", "due_date", default_today=False)
        if due < ordered:
            raise ValidationError(f"物料“{m.name}”的到料日期 {due} 早于下单日期 {ordered},请检查。",
                                  f"The due date {due} of material “{m.name}” is before its order date {ordered}.",
                                  field="due_date")
        p = PurchaseFollowUp.create(material=m.id, supplier=supplier, quantity=qty, ordered_date=ordered,
                                    due_date=due, notes=(notes or "").strip())
        audit("purchase", p.id, "create", order_id=m.order_id, field="quantity",
              new=f"{m.name} {fmt_qty(qty)} {m.unit} from {supplier}, due {due}")
        return cast("PurchaseFollowUp", p)


def update_purchase(purchase_id: int, changes: dict[str, Any], expected_version: int) -> PurchaseFollowUp:
    refuse_unknown_fields(changes, PURCHASE_FIELDS, "采购跟单", "A purchase")
    with write_transaction():
        p = get_or_404(PurchaseFollowUp, purchase_id, "采购跟单", "Purchase")
        m = MaterialRequirement.get_by_id(p.material_id)
        values = dict(changes)
        if "supplier" in values:
            values["supplier"] = (values["supplier"] or "").strip()
            if not values["supplier"]:
                raise ValidationError("请填写供应商。", "Enter the supplier.", field="supplier")
        if "quantity" in values:
            values["quantity"] = _dec(values["quantity"], f"物料“{m.name}”的采购数量",
                                      f"purchase quantity of “{m.name}”", "quantity", positive=True)
        for k, zh, en in (("due_date", "到料日期", "due date"), ("ordered_date", "下单日期", "order date")):
            if k in values:
                values[k] = parse_date(values[k], zh, en, k, default_today=False)
        save_versioned(p, values, expected_version, f"物料“{m.name}”的采购跟单", f"The purchase of “{m.name}”",
                       audit_entity="purchase", order_id=m.order_id)
        return cast("PurchaseFollowUp", PurchaseFollowUp.get_by_id(p.id))


def receive_purchase(purchase_id: int, quantity: Any, date: Any = None, *,
                     allow_excess: bool = False) -> PurchaseFollowUp:
    """Book a delivery (partial or complete) against a purchase.

    More than was ordered is refused unless ``allow_excess`` (suppliers of
    fabric often deliver a few percent over).
    """
    with write_transaction():
        p = get_or_404(PurchaseFollowUp, purchase_id, "采购跟单", "Purchase")
        m = MaterialRequirement.get_by_id(p.material_id)
        qty = _dec(quantity, f"物料“{m.name}”的到货数量", f"received quantity of “{m.name}”", "quantity", positive=True)
        day = parse_date(date, "到货日期", "received date", "received_date")
        new_total = p.received_qty + qty
        if new_total > p.quantity and not allow_excess:
            raise ValidationError(
                f"物料“{m.name}”向 {p.supplier} 采购 {fmt_qty(p.quantity)} {m.unit},已到 {fmt_qty(p.received_qty)},"
                f"本次 {fmt_qty(qty)} 将超出采购数量。如确属超交,请勾选“允许超收”。",
                f"Material “{m.name}”: {fmt_qty(p.quantity)} {m.unit} ordered from {p.supplier}, "
                f"{fmt_qty(p.received_qty)} received; {fmt_qty(qty)} more would exceed the order. "
                "Allow excess if the supplier really delivered more.", field="quantity")
        n = (PurchaseFollowUp.update(received_qty=PurchaseFollowUp.received_qty + qty, received_date=day,
                                     version=PurchaseFollowUp.version + 1,
                                     updated_at=dt.datetime.now().replace(microsecond=0))
             .where((PurchaseFollowUp.id == p.id) & (PurchaseFollowUp.version == p.version)).execute())
        if n != 1:
            raise StateError(f"物料“{m.name}”的采购跟单刚被修改,请重新载入后再登记到货。",
                             f"The purchase of “{m.name}” was just changed elsewhere; reload it and book the "
                             f"delivery again.")
        audit("purchase", p.id, "receive", order_id=m.order_id, field="received_qty",
              old=p.received_qty, new=f"{fmt_qty(new_total)} (+{fmt_qty(qty)} on {day})")
        return cast("PurchaseFollowUp", PurchaseFollowUp.get_by_id(p.id))


def purchases_for_order(order_id: int) -> list[PurchaseFollowUp]:
    return list(PurchaseFollowUp.select(PurchaseFollowUp, MaterialRequirement).join(MaterialRequirement)
                .where(MaterialRequirement.order == order_id)
                .order_by(PurchaseFollowUp.due_date, PurchaseFollowUp.id))


@dataclass(frozen=True)
class OverduePurchase:
    purchase_id: int
    order_id: int
    order_number: str
    material: str
    unit: str
    supplier: str
    quantity: Decimal
    received: Decimal
    due_date: dt.date
    days_overdue: int

    @property
    def outstanding(self) -> Decimal:
        return self.quantity - self.received


def overdue_purchases(today: dt.date | None = None, limit: int | None = None) -> list[OverduePurchase]:
    """Purchases past their due date and not fully received, for open orders (one query);
    the oldest first, ``limit`` of them (the workbench reads only what it can show)."""
    today = today or dt.date.today()
    P, M = PurchaseFollowUp, MaterialRequirement
    q = (P.select(P.id, Order.id, Order.number, M.name, M.unit, P.supplier, P.quantity, P.received_qty, P.due_date)
         .join(M).join(Order, JOIN.INNER, on=(M.order == Order.id))
         .where((P.due_date < today) & (P.received_qty < P.quantity) & Order.status.not_in(CLOSED_STATUSES))
         .order_by(P.due_date, P.id))
    if limit is not None:
        q = q.limit(int(limit))
    out = []
    for pid, oid, onum, name, unit, supplier, qty, rec, due in q.tuples():
        out.append(OverduePurchase(pid, oid, onum, name, unit, supplier, qty, rec, due, (today - due).days))
    return out
