"""Flow cards (流程卡): planning the batches of an order's lines, issuing, splitting and recalling cards.

Flow cards travel with each batch; their number (``LC2611-00001``: plain
ASCII, fit for Code128) is what the barcode carries and what a scanner types
back. Progress entry and queries: core/progress.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from peewee import fn

from .common import audit, get_or_404
from .db import write_transaction
from .errors import StateError, ValidationError
from .models import (
    Factory,
    FlowCard,
    FlowCardStep,
    Order,
    OrderLine,
    OrderRevision,
    Shipment,
    ShipmentLine,
)
from .progress import (
    card_steps,
    check_card_live,
    get_card,
    live_cards,
    lock_row,
)
from .recalls import recall_documents
from .routes import Route, RouteStep, route_choice
from .sheets import (
    CARD_NUMBER_WIDTH,
    CARD_PREFIX,
    MAX_CARDS_PER_ISSUE,
    _now,
    _order_for_issue,
    _reserve_numbers,
    current_sheet,
)


# -------------------------------------------------------------- flow cards --
def planned_dates(route: Route, finish: dt.date) -> list[dt.date]:
    """Planned finish date of each step, spread back from ``finish`` by the steps' days."""
    out, day = [], finish
    for s in reversed(route.steps):
        out.append(day)
        day -= dt.timedelta(days=s.days)
    return list(reversed(out))


def _shipped_before_cards(order: Order) -> dict[int, int]:
    """Pieces per line that left before the line's live cards came to be.

    A line's live cards date from the revision of its oldest live card (a
    revision keeps the cards of the lines it did not change); what was shipped
    before that revision was made left on cards since recalled, so the live
    cards need not cover it again. A line without live cards counts what was
    shipped before the current revision.
    """
    first_rev = dict(live_cards(order).select(FlowCard.order_line, fn.MIN(FlowCard.revision))
                     .group_by(FlowCard.order_line).tuples())
    made = {r.revision + 1: r.created_at for r in
            OrderRevision.select(OrderRevision.revision, OrderRevision.created_at)
            .where(OrderRevision.order == order.id)}
    out: dict[int, int] = {}
    q = (ShipmentLine.select(ShipmentLine.order_line, Shipment.created_at, ShipmentLine.quantity).join(Shipment)
         .where(Shipment.order == order.id).tuples())
    for line_id, created, qty in q:
        since = made.get(first_rev.get(line_id, order.revision))
        if since is not None and created <= since:
            out[line_id] = out.get(line_id, 0) + int(qty or 0)
    return out


def remaining_by_line(order: Order) -> dict[int, int]:
    """Pieces of each order line not yet on a live card (nor shipped before its cards)."""
    carded = dict(live_cards(order).select(FlowCard.order_line, fn.SUM(FlowCard.quantity))
                  .group_by(FlowCard.order_line).tuples())
    shipped = _shipped_before_cards(order)
    return {ln.id: max(0, ln.quantity - int(carded.get(ln.id) or 0) - shipped.get(ln.id, 0))
            for ln in OrderLine.select().where(OrderLine.order == order.id)}


def _positive(value: Any, what_zh: str, what_en: str, field: str) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        n = 0
    if n <= 0 or isinstance(value, bool):
        raise ValidationError(f"{what_zh}“{value}”无效,请填写正整数。",
                              f"The {what_en} “{value}” is not valid; enter a whole number above 0.", field=field)
    return n


@dataclass(frozen=True)
class PlannedCard:
    """One flow card an issue would make: which line, how many pieces, which factory."""

    line_id: int
    quantity: int
    factory_id: int | None


def split_into_batches(qty: int, size: int | None) -> list[int]:
    """Card quantities for ``qty`` pieces: one card, or batches of ``size``."""
    if qty <= 0:
        return []
    if size is None:
        return [qty]
    return [min(size, qty - i) for i in range(0, qty, size)]


def lines_to_card(order_id: int) -> list[dict[str, Any]]:
    """The order's lines with the pieces not yet on a live card (for the issue dialog)."""
    order = get_or_404(Order, order_id, "订单", "Order")
    remaining = remaining_by_line(order)
    return [{"line_id": ln.id, "line_no": ln.line_no, "style": ln.style, "product": ln.product,
             "colour": ln.colour, "size": ln.size, "quantity": ln.quantity, "remaining": remaining[ln.id]}
            for ln in OrderLine.select().where(OrderLine.order == order.id).order_by(OrderLine.line_no, OrderLine.id)]


def plan_cards(order: Order, batch_size: Any = None, factory_id: int | None = None,
               outsource: dict[int, tuple[int, int]] | None = None) -> list[PlannedCard]:
    """The cards issuing would make for every line's pieces not yet on a live card.

    One card per line unless ``batch_size`` is given (then batches of that
    size). ``outsource`` = {order line id: (factory id, pieces)} sends that
    many pieces of the line to another factory (a backup or subcontractor) on
    cards of their own; the rest goes to ``factory_id``, else the order's factory.
    """
    size = _positive(batch_size, "每批数量", "batch size", "batch_size") if batch_size not in (None, "", 0) else None
    default = factory_id if factory_id is not None else order.factory_id
    remaining = remaining_by_line(order)
    lines = OrderLine.select().where(OrderLine.order == order.id).order_by(OrderLine.line_no, OrderLine.id)
    outsource = dict(outsource or {})
    plan: list[PlannedCard] = []
    for ln in lines:
        left = remaining[ln.id]
        other, out_qty = outsource.pop(ln.id, (None, 0))
        out_qty = int(out_qty or 0)
        if out_qty < 0 or out_qty > left:
            raise ValidationError(
                f"第 {ln.line_no} 行({ln.style} {ln.colour} {ln.size})只剩 {left} 件未开流程卡,"
                f"不能外发 {out_qty} 件。",
                f"Line {ln.line_no} ({ln.style} {ln.colour} {ln.size}) has only {left} pieces left without "
                f"cards; {out_qty} cannot go to another factory.", field="outsource")
        if out_qty and other is None:
            raise ValidationError(f"第 {ln.line_no} 行外发 {out_qty} 件,请选择外发工厂。",
                                  f"Line {ln.line_no}: {out_qty} pieces go out; choose the factory.",
                                  field="outsource")
        plan += [PlannedCard(ln.id, q, default) for q in split_into_batches(left - out_qty, size)]
        plan += [PlannedCard(ln.id, q, None if other is None else int(other))
                 for q in split_into_batches(out_qty, size)]
    if outsource:
        raise ValidationError(f"外发的订单明细(编号 {sorted(outsource)})不属于订单 {order.number}。",
                              f"The outsourced lines {sorted(outsource)} are not lines of order {order.number}.",
                              field="outsource")
    return plan


def _explicit_plan(order: Order, batches: Any, factory_id: int | None) -> list[PlannedCard]:
    """``batches`` = [(order line id, qty[, factory id]), …] checked against what is left."""
    default = factory_id if factory_id is not None else order.factory_id
    lines = {ln.id: ln for ln in OrderLine.select().where(OrderLine.order == order.id)}
    remaining = remaining_by_line(order)
    asked: dict[int, int] = {}
    plan: list[PlannedCard] = []
    for i, item in enumerate(batches, start=1):
        try:
            line_id, qty, *rest = item
            line_id = int(line_id)
        except (TypeError, ValueError):
            raise ValidationError(f"第 {i} 批的格式不对,应为(订单明细, 数量)。",
                                  f"Batch {i} is malformed; give (order line, quantity).", field="batches") from None
        ln = lines.get(line_id)
        if ln is None:
            raise ValidationError(f"第 {i} 批的订单明细(编号 {line_id})不属于订单 {order.number}。",
                                  f"The line (id {line_id}) of batch {i} is not a line of order {order.number}.",
                                  field="batches")
        n = _positive(qty, f"第 {i} 批的数量", f"quantity of batch {i}", "batches")
        asked[ln.id] = asked.get(ln.id, 0) + n
        if asked[ln.id] > remaining[ln.id]:
            raise ValidationError(
                f"订单 {order.number} 第 {ln.line_no} 行({ln.style} {ln.colour} {ln.size})只剩 "
                f"{remaining[ln.id]} 件未开流程卡,所列批次合计 {asked[ln.id]} 件,超出了。",
                f"Line {ln.line_no} of order {order.number} ({ln.style} {ln.colour} {ln.size}) has only "
                f"{remaining[ln.id]} pieces left without cards; the batches listed add up to {asked[ln.id]}.",
                field="batches")
        factory = rest[0] if rest and rest[0] is not None else default
        plan.append(PlannedCard(ln.id, n, int(factory) if factory is not None else None))
    if not plan:
        raise ValidationError("没有列出任何批次。", "No batches were listed.", field="batches")
    return plan


def issue_flow_cards(order_id: int, batch_size: Any = None, batches: Any = None, factory_id: int | None = None, *,
                     finish_by: dt.date | None = None, notes: str = "",
                     outsource: dict[int, tuple[int, int]] | None = None) -> list[FlowCard]:
    """Issue flow cards for every line's pieces not yet on a live card.

    By default one card per line; with ``batch_size`` batches of that size;
    ``outsource`` splits a line's pieces with another factory (see plan_cards).
    Or ``batches``: explicit ``[(order_line_id, qty[, factory_id]), ...]``.
    Each card gets the steps of the route of the order's product category
    (route_choice says which, and why when the category has no route of its
    own), with planned dates spread back from ``finish_by`` (default: the
    delivery date). Cards go to ``factory_id``, else to the order's factory.
    """
    if batch_size not in (None, "", 0) and batches is not None:
        raise ValidationError("请给出每批数量,或逐批列出订单明细和数量(二选一)。",
                              "Give either a batch size or an explicit list of batches (one of the two).",
                              field="batch_size")
    with write_transaction():
        order = _order_for_issue(order_id, "流程卡", "flow cards")
        if factory_id is not None:
            factory_id = get_or_404(Factory, int(factory_id), "工厂", "Factory").id
        if batches is not None:
            plan = _explicit_plan(order, batches, factory_id)
        else:
            plan = plan_cards(order, batch_size, factory_id, outsource)
            if not plan:
                raise StateError(f"订单 {order.number} R{order.revision} 的所有明细都已开出流程卡,没有剩余数量。",
                                 f"Every line of order {order.number} R{order.revision} is already on flow cards; "
                                 "nothing is left to issue.")
        if len(plan) > MAX_CARDS_PER_ISSUE:
            raise ValidationError(f"这样会开出 {len(plan)} 张流程卡,超过 {MAX_CARDS_PER_ISSUE} 张,请检查每批数量。",
                                  f"This would issue {len(plan)} flow cards, more than {MAX_CARDS_PER_ISSUE}; "
                                  "check the batch size.", field="batch_size")
        for fid in {p.factory_id for p in plan} - {None, order.factory_id, factory_id}:
            if fid is not None:
                get_or_404(Factory, fid, "工厂", "Factory")
        choice = route_choice(order.product_category)
        if not choice.matched:
            audit("order", order.id, "route", order_id=order.id, field="product_category",
                  old=order.product_category or None, new=choice.note("en"))
        return _create_cards(order, plan, choice.route, finish_by or order.delivery_date, notes)


def _create_cards(order: Order, plan: list[PlannedCard], route: Route, finish: dt.date, notes: str) -> list[FlowCard]:
    dates = planned_dates(route, finish)
    start = finish - dt.timedelta(days=route.total_days)
    sheet = current_sheet(order.id)
    lines = {ln.id: ln for ln in OrderLine.select().where(OrderLine.order == order.id)}
    # batch numbers run on per line across revisions: a kept card keeps its number
    next_batch: dict[int, int] = dict(
        FlowCard.select(FlowCard.order_line, fn.MAX(FlowCard.batch_no))
        .where(FlowCard.order == order.id).group_by(FlowCard.order_line).tuples())
    numbers = _reserve_numbers(CARD_PREFIX, len(plan), CARD_NUMBER_WIDTH)
    cards: list[FlowCard] = []
    step_rows: list[dict[str, Any]] = []
    for p, number in zip(plan, numbers):
        ln = lines[p.line_id]
        next_batch[ln.id] = int(next_batch.get(ln.id) or 0) + 1
        card = FlowCard.create(
            number=number, order=order.id, sheet=sheet.id if sheet else None, order_line=ln.id,
            revision=order.revision, batch_no=next_batch[ln.id], style=ln.style, colour=ln.colour,
            size=ln.size, quantity=p.quantity, factory=p.factory_id, planned_start=start, planned_finish=finish,
            notes=(notes or "").strip(),
        )
        cards.append(card)
        step_rows.extend({"card": card.id, "seq": s.seq, "name": s.name, "planned_date": d}
                         for s, d in zip(route.steps, dates))
        audit("flow_card", card.id, "issue", order_id=order.id, field="number",
              new=f"{number} line {ln.line_no} batch {card.batch_no} qty {p.quantity}"
              + (f" factory {p.factory_id}" if p.factory_id else ""))
    for i in range(0, len(step_rows), 500):
        FlowCardStep.insert_many(step_rows[i:i + 500]).execute()
    return cards


def split_card(card: FlowCard | int | str, quantity: Any, factory_id: int, reason: str = "") -> list[FlowCard]:
    """Send ``quantity`` pieces of a card to another factory (a backup when one fails).

    The card must not have taken progress yet: it is recalled (its paper must
    come back) and replaced by two new cards of its line, the rest for its old
    factory and ``quantity`` for ``factory_id``. Returns [rest, moved].
    """
    from .factories import _active_factory

    with write_transaction():
        card = lock_row(FlowCard, get_card(card).id)
        order = lock_row(Order, card.order_id)
        check_card_live(card, order)
        n = _positive(quantity, "外发数量", "quantity to move", "quantity")
        if n >= card.quantity:
            raise ValidationError(f"流程卡 {card.number} 共 {card.quantity} 件,拆分数量须小于此数;"
                                  f"整张卡转厂请用“改派工厂”。",
                                  f"Flow card {card.number} has {card.quantity} pieces; split off fewer than that, "
                                  "or reassign the whole card.", field="quantity")
        if FlowCardStep.select().where((FlowCardStep.card == card.id) & (FlowCardStep.qty_in > 0)).exists():
            raise StateError(f"流程卡 {card.number} 已登记进度,不能拆分;请把整张卡改派工厂,或把未开卡的数量外发。",
                             f"Flow card {card.number} already has progress and cannot be split; reassign the "
                             "whole card, or send pieces not yet on cards out.")
        target = _active_factory(factory_id)
        if card.order_line_id is None:
            raise StateError(f"流程卡 {card.number} 的订单明细已删除,不能拆分。",
                             f"The order line of flow card {card.number} was deleted; it cannot be split.")
        why = (reason or "").strip() or f"拆分 {n} 件到 {target.name}"
        recall_documents(order.id, why, kinds=("flow_card",), card_ids={card.id})
        route = Route(0, "", "", tuple(RouteStep(s.seq, s.name, 0) for s in card_steps(card)))
        plan = [PlannedCard(card.order_line_id, card.quantity - n, card.factory_id),
                PlannedCard(card.order_line_id, n, target.id)]
        cards = _create_cards(order, plan, route, card.planned_finish or order.delivery_date, card.notes)
        planned = {s.seq: s.planned_date for s in card_steps(card)}
        for new in cards:  # the same plan as the card they replace
            FlowCard.update(planned_start=card.planned_start).where(FlowCard.id == new.id).execute()
            for seq, day in planned.items():
                FlowCardStep.update(planned_date=day).where((FlowCardStep.card == new.id)
                                                            & (FlowCardStep.seq == seq)).execute()
        audit("flow_card", card.id, "split", order_id=order.id, field="factory",
              new=f"{cards[0].number} {card.quantity - n} + {cards[1].number} {n} → {target.name}")
        return cards


def recall_card(card: FlowCard | int | str, reason: str) -> FlowCard:
    """Void one flow card (e.g. issued by mistake); its printed copy must come back."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("收回流程卡需要填写原因。", "Recalling a flow card needs a reason.", field="reason")
    with write_transaction():
        card = lock_row(FlowCard, get_card(card).id)
        if card.recalled_at is not None:
            raise StateError(f"流程卡 {card.number} 已于 {card.recalled_at:%Y-%m-%d} 收回。",
                             f"Flow card {card.number} was already recalled on {card.recalled_at:%Y-%m-%d}.")
        FlowCard.update(recalled_at=_now(), recall_reason=reason, version=FlowCard.version + 1).where(
            FlowCard.id == card.id).execute()
        audit("flow_card", card.id, "recall", order_id=card.order_id, field="recalled_at", new=reason)
        return cast("FlowCard", FlowCard.get_by_id(card.id))


def cards_for_order(order_id: int, include_recalled: bool = False) -> list[FlowCard]:
    order = get_or_404(Order, order_id, "订单", "Order")
    q = FlowCard.select().where(FlowCard.order == order.id) if include_recalled else live_cards(order)
    return list(q.order_by(FlowCard.id))
