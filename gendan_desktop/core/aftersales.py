"""After-sales (售后/客诉): complaints, their disposition, credits and remakes.

A complaint belongs to an order (and optionally the flow card of the batch).
Disposition is rework (返修), remake (补单), discount (折扣) or return (退货).

Credits: ``credit_amount`` (order currency, dated ``credit_date``) is what we
owe back to the client; receivables subtract it. A credit goes with a discount
or a return. With rework or remake the goods are made good instead, so a
credit there is refused unless the user confirms the client insists
(``client_insists=True``, 按客户要求), which is recorded in the audit trail.
A credit never exceeds the order's amount less the other credits on it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from peewee import fn

from . import enums
from .common import audit, current_user, get_or_404, next_number, require_version, save_versioned
from .db import write_transaction
from .errors import StateError, ValidationError
from .fields import round_money
from .limits import AMOUNT_OR_ZERO, QUANTITY_OR_ZERO
from .models import Complaint, FlowCard, Order, OrderLine
from .order_input import clean_text, parse_date, parse_money
from .orders import create_order, get_order, order_lines, order_totals
from .receivables import check_client_total

CREDIT_DISPOSITIONS = ("discount", "return")
# A complaint is about goods the client has, or is about to, receive.
COMPLAINT_ORDER_STATUSES = ("confirmed", "in_production", "partly_shipped", "shipped", "settled")
EDITABLE = ("date", "description", "qty_affected", "cause", "countermeasure", "card")


def _names(c: Complaint) -> tuple[str, str]:
    return f"客诉 {c.number}", f"Complaint {c.number}"


def get_complaint(complaint_id: int) -> Complaint:
    return get_or_404(Complaint, complaint_id, "客诉", "Complaint")


def _qty(value: Any, order: Order, card: FlowCard | None) -> int:
    qty = QUANTITY_OR_ZERO.check_int(value, where_zh="受影响", where_en="Affected: ", field="qty_affected")
    limit = card.quantity if card is not None else order_totals(order.id)["quantity"]
    where_zh = f"流程卡 {card.number} 的数量" if card is not None else f"订单 {order.number} 的总数量"
    where_en = f"the quantity of flow card {card.number}" if card is not None else f"the total of order {order.number}"
    if qty > limit:
        raise ValidationError(f"受影响数量 {qty} 超过了{where_zh}({limit}),请改正。",
                              f"The quantity affected ({qty}) exceeds {where_en} ({limit}).", field="qty_affected")
    return qty


def _card(card_id: Any, order: Order) -> FlowCard | None:
    if card_id in (None, ""):
        return None
    card = FlowCard.get_or_none(FlowCard.id == int(getattr(card_id, "id", card_id)))
    if card is None or card.order_id != order.id:
        raise ValidationError(f"所选流程卡不属于订单 {order.number},请重新选择批次。",
                              f"The chosen flow card is not part of order {order.number}; choose the batch again.",
                              field="card")
    return cast("FlowCard | None", card)


def _description(text: Any) -> str:
    text = (text or "").strip() if isinstance(text, str) else str(text or "").strip()
    if not text:
        raise ValidationError("请填写客诉内容(客户反映了什么问题)。",
                              "Please describe the complaint (what the client reported).", field="description")
    return cast("str", text)


def file_complaint(order_id: int, date: Any, description: str, qty_affected: int, card_id: int | None = None, *,
                   cause: str = "", countermeasure: str = "") -> Complaint:
    """Record a client complaint about an order (status 'open'), numbered CSyymm-nnnn."""
    with write_transaction():
        order = get_order(order_id)
        if order.status not in COMPLAINT_ORDER_STATUSES:
            szh = enums.label("order_status", order.status, "zh")
            raise StateError(f"订单 {order.number} 是“{szh}”状态,没有可投诉的货物。",
                             f"Order {order.number} is {enums.label('order_status', order.status, 'en')}; "
                             "there are no goods to complain about.")
        card = _card(card_id, order)
        c = Complaint.create(
            number=next_number("CS"), order=order.id, card=card.id if card else None,
            date=parse_date(date, "客诉日期", "complaint date", "date"), description=_description(description),
            qty_affected=_qty(qty_affected, order, card), cause=(cause or "").strip(),
            countermeasure=(countermeasure or "").strip(), currency=order.currency,
            merchandiser=order.merchandiser or current_user())
        audit("complaint", c.id, "create", order_id=order.id, field="number", new=c.number)
    return get_complaint(c.id)


def _check_open(c: Complaint) -> None:
    if c.status == "closed":
        raise StateError(f"客诉 {c.number} 已结案,不能再修改。",
                         f"Complaint {c.number} is closed and cannot be changed.")


def update_complaint(complaint_id: int, changes: dict[str, Any], expected_version: int) -> Complaint:
    """Edit what/when/how many/cause/countermeasure/batch (versioned, audited)."""
    with write_transaction():
        c = get_complaint(complaint_id)
        _check_open(c)
        order = Order.get_by_id(c.order_id)
        values: dict[str, Any] = {}
        for key, value in changes.items():
            name = "card" if key == "card_id" else key
            if name not in EDITABLE:
                raise ValidationError(f"客诉的“{key}”不能在这里修改(处理方式与退款请用“处理方式”)。",
                                      f"The complaint field “{key}” cannot be changed here (use Disposition for "
                                      "disposition, cost and credit).", field=key)
            if name == "date":
                values[name] = parse_date(value, "客诉日期", "complaint date", "date")
            elif name == "description":
                values[name] = _description(value)
            elif name == "card":
                card = _card(value, order)
                values[name] = card.id if card else None
            elif name == "qty_affected":
                card_id = values.get("card", c.card_id)
                values[name] = _qty(value, order, FlowCard.get_by_id(card_id) if card_id else None)
            else:
                values[name] = clean_text(value, Complaint, name, name, name)
        zh, en = _names(c)
        save_versioned(c, values, expected_version, zh, en, audit_entity="complaint", order_id=c.order_id)
    return get_complaint(complaint_id)


def _credit_room(c: Complaint) -> Decimal:
    """The order amount less credits already granted on other complaints."""
    others = (Complaint.select(fn.SUM(Complaint.credit_amount))
              .where((Complaint.order == c.order_id) & (Complaint.id != c.id)).scalar())
    return cast("Decimal", order_totals(c.order_id)["amount"] - Complaint.credit_amount.from_sum(others))


def set_disposition(complaint_id: int, disposition: str, cost: Any = 0, credit_amount: Any = 0, *,
                    credit_date: Any = None,
                    cause: str | None = None, countermeasure: str | None = None, client_insists: bool = False,
                    expected_version: int) -> Complaint:
    """Decide how the complaint is settled: disposition, our cost (CNY), credit
    to the client (order currency). An open complaint becomes 'processing'."""
    disposition = enums.parse("disposition", disposition, field="disposition")
    cost = parse_money(cost, "", "", "处理费用", "cost", "cost", AMOUNT_OR_ZERO)
    credit = parse_money(credit_amount, "", "", "退款/折让金额", "credit amount", "credit_amount", AMOUNT_OR_ZERO)
    with write_transaction():
        c = get_complaint(complaint_id)
        _check_open(c)
        if credit and disposition not in CREDIT_DISPOSITIONS and not client_insists:
            dzh = enums.label("disposition", disposition, "zh")
            raise ValidationError(f"处理方式为“{dzh}”时通常不给客户折让;如客户坚持要求折让,请勾选“按客户要求”。",
                                  f"With the disposition {enums.label('disposition', disposition, 'en')} the client "
                                  "normally gets no credit; tick “client insists” if the client demands one.",
                                  field="credit_amount")
        room = _credit_room(c)
        if credit > room:
            raise ValidationError(f"折让金额 {credit} {c.currency} 超过了订单可折让的余额 "
                                  f"{round_money(room)} {c.currency}。",
                                  f"The credit {credit} {c.currency} exceeds what is left of the order amount "
                                  f"({round_money(room)} {c.currency}).", field="credit_amount")
        if credit:
            check_client_total("credited", c.order.client_id, c.currency, credit,
                               less=c.credit_amount if c.credit_date else Decimal(0))
        values: dict[str, Any] = {"disposition": disposition, "cost": cost, "credit_amount": credit,
                                  "credit_date": (parse_date(credit_date, "折让日期", "credit date", "credit_date")
                                                  if credit_date else dt.date.today()) if credit else None}
        if cause is not None:
            values["cause"] = cause.strip()
        if countermeasure is not None:
            values["countermeasure"] = countermeasure.strip()
        if c.status == "open":
            values["status"] = "processing"
        zh, en = _names(c)
        old_credit = (c.credit_amount, c.credit_date)
        save_versioned(c, values, expected_version, zh, en, audit_entity="complaint", order_id=c.order_id)
        if credit and disposition not in CREDIT_DISPOSITIONS:
            audit("complaint", c.id, "credit_override", order_id=c.order_id, field="credit_amount",
                  new="按客户要求 / client insists")
        if old_credit != (credit, values["credit_date"]):
            # a credit may settle (or un-settle) a shipped order; payments owns that rule
            from .payments import refresh_settlement

            refresh_settlement(c.order_id)
    return get_complaint(complaint_id)


def _default_remake_lines(c: Complaint) -> list[dict[str, Any]]:
    """The affected style/colour/size × qty_affected, free of charge."""
    if not c.qty_affected:
        raise ValidationError(f"客诉 {c.number} 的受影响数量为 0,请先填写数量,或直接给出补单明细。",
                              f"Complaint {c.number} has 0 pieces affected; enter the quantity or give the remake "
                              f"lines.",
                              field="qty_affected")
    line: OrderLine | None = None
    card = FlowCard.get_or_none(FlowCard.id == c.card_id) if c.card_id else None
    if card is not None and card.order_line_id:
        line = OrderLine.get_or_none(OrderLine.id == card.order_line_id)
    if line is None and card is None:
        lines = order_lines(c.order_id)
        if len(lines) != 1:
            raise ValidationError(f"订单有 {len(lines)} 行明细,无法判断要补哪一款;请选择流程卡批次或给出补单明细。",
                                  f"The order has {len(lines)} lines, so the remade item is unclear; choose the flow "
                                  "card batch or give the remake lines.", field="lines")
        line = lines[0]
    src: OrderLine | FlowCard
    if line is not None:
        src = line
    else:
        assert card is not None  # without a card, the order's only line was taken above
        src = card
    return [{"style": src.style, "product": getattr(line, "product", "") if line else "", "colour": src.colour,
             "size": src.size, "unit": line.unit if line else "pcs", "quantity": c.qty_affected, "unit_price": 0,
             "remarks": f"补单:客诉 {c.number}"}]


def create_remake_order(complaint_id: int, lines: list[dict[str, Any]] | None = None, delivery_date: Any = None, *,
                        order_date: Any = None, **extra: Any) -> Order:
    """A remake order (补单) for the complaint: same client and currency,
    ``remake_of`` the original; lines default to the affected item at price 0.
    The complaint's disposition becomes 'remake' if none was chosen."""
    with write_transaction():
        c = get_complaint(complaint_id)
        _check_open(c)
        if c.remake_order_id is not None:
            remake = Order.get_or_none(Order.id == c.remake_order_id)
            if remake is not None and remake.status != "cancelled":
                raise StateError(f"客诉 {c.number} 已有补单 {remake.number}。",
                                 f"Complaint {c.number} already has the remake order {remake.number}.")
        original = get_order(c.order_id)
        header = {"channel": original.channel, "client_po": original.client_po, "currency": original.currency,
                  "product_category": original.product_category, "client_requirements": original.client_requirements,
                  "packing": original.packing, "shipping_marks": original.shipping_marks,
                  "trade_terms": original.trade_terms, "sample_id": original.sample_id,
                  "factory_id": original.factory_id, "notes": f"客诉 {c.number} 补单 / remake for complaint {c.number}"}
        header.update(extra)
        if delivery_date in (None, ""):
            raise ValidationError("请填写补单的交期。", "Please enter the delivery date of the remake order.",
                                  field="delivery_date")
        remake = create_order(original.client_id, lines=lines or _default_remake_lines(c), delivery_date=delivery_date,
                              order_date=order_date, order_type="remake", remake_of=original.id, **header)
        zh, en = _names(c)
        values: dict[str, Any] = {"remake_order": remake.id}
        if not c.disposition:
            values["disposition"] = "remake"
        if c.status == "open":
            values["status"] = "processing"
        save_versioned(c, values, c.version, zh, en, audit_entity="complaint", order_id=c.order_id)  # read here
        audit("order", original.id, "remake", order_id=original.id, field="remake_order", new=remake.number)
    return remake


def close_complaint(complaint_id: int, *, closed_at: Any = None, expected_version: int) -> Complaint:
    """Close a complaint once cause, countermeasure and disposition are known
    (原因分析、对策 and 处理方式 are what prevents it next time)."""
    require_version(expected_version)
    with write_transaction():
        c = get_complaint(complaint_id)
        _check_open(c)
        missing = [(zh, en) for name, zh,
                   en in (("cause", "原因分析", "cause"), ("countermeasure", "对策", "countermeasure"),
                                                  ("disposition", "处理方式", "disposition")) if not getattr(c, name)]
        if missing:
            raise ValidationError(f"客诉 {c.number} 还不能结案:请先填写{'、'.join(m[0] for m in missing)}。",
                                  f"Complaint {c.number} cannot be closed yet: fill in the "
                                  f"{', '.join(m[1] for m in missing)} first.", field="status")
        when = parse_date(closed_at, "结案日期", "closing date", "closed_at") if closed_at else dt.date.today()
        zh, en = _names(c)
        save_versioned(c, {"status": "closed", "closed_at": when}, expected_version, zh, en,
                       audit_entity="complaint", order_id=c.order_id)
    return get_complaint(complaint_id)


def client_credits(client_id: int) -> dict[str, Decimal]:
    """Credits granted to a client, per currency (for receivables/statements)."""
    q = (Complaint.select(Complaint.currency, fn.SUM(Complaint.credit_amount)).join(Order)
         .where((Order.client == client_id) & (Complaint.credit_amount > 0))
         .group_by(Complaint.currency).tuples())
    return {cur: Complaint.credit_amount.from_sum(total) for cur, total in q}
