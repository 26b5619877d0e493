"""Cancellation (取消订单) and recalling paper (收回生产单、流程卡).

When a client changes or cancels an order, the production sheets and flow
cards already on the floor are void and the merchandiser must collect them.
A recalled document has ``recalled_at`` set. Only paper that left the app
needs collecting: the copies counted in ``printed_copies`` (printed, saved as
PDF, written by the command line). They come back one by one
(``returned_copies``); ``outstanding_recalls()`` lists a recalled document
while some of its copies are still out, and ``returned_at`` is set when the
last one is back. A document recalled before it was ever printed is void
but has nothing to collect.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import fn

from .changes import NOTHING, OpChanges
from .common import audit, chunked, get_or_404, require_version
from .db import write_transaction
from .errors import StaleEdit, StateError, ValidationError
from .models import FlowCard, Order, ProductionSheet, Shipment, ShipmentLine
from .orders import get_order, set_status
from .progress import lock_row
from .status_rules import can_cancel

# kind → (model, Chinese name, English name)
DOC_KINDS: dict[str, tuple[type[ProductionSheet] | type[FlowCard], str, str]] = {
    "production_sheet": (ProductionSheet, "生产单", "production sheet"),
    "flow_card": (FlowCard, "流程卡", "flow card"),
}
_KIND_ALIASES = {"生产单": "production_sheet", "流程卡": "flow_card", "sheet": "production_sheet",
                 "card": "flow_card"}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _kind(kind: str) -> str:
    k = _KIND_ALIASES.get(kind, kind)
    if k not in DOC_KINDS:
        raise ValidationError(f"“{kind}”不是可收回的单据类型(生产单或流程卡)。",
                              f"“{kind}” is not a recallable document kind (production sheet or flow card).",
                              field="kind")
    return k


def recall_documents(order_id: int, reason: str, *, before_revision: int | None = None,
                     kinds: tuple[str, ...] = tuple(DOC_KINDS), card_lines: set[int] | None = None,
                     card_ids: set[int] | None = None) -> list[tuple[str, int]]:
    """Mark the order's production sheets and flow cards not yet recalled as recalled.

    With ``before_revision`` only those issued under an older revision; with
    ``kinds`` only those kinds; with ``card_lines`` only the flow cards of those
    order lines (and cards whose line was deleted), with ``card_ids`` only those
    cards. Each recall is audited and
    bumps the document's version (an open edit window on it then gets
    StaleEdit). Returns (kind, id) of the documents recalled. Runs inside the
    caller's transaction when there is one.
    """
    now = _now()
    out: list[tuple[str, int]] = []
    with write_transaction():
        for kind in kinds:
            model = DOC_KINDS[kind][0]
            cond = (model.order == order_id) & model.recalled_at.is_null()
            if before_revision is not None:
                cond &= model.revision < before_revision
            if kind == "flow_card" and card_lines is not None:
                cond &= FlowCard.order_line.in_(sorted(card_lines)) | FlowCard.order_line.is_null()
            if kind == "flow_card" and card_ids is not None:
                cond &= FlowCard.id.in_(sorted(card_ids))
            ids = [row.id for row in model.select(model.id).where(cond).order_by(model.id)]
            for batch in chunked(ids, 500):  # stay under SQLite's bound-variable limit
                (model.update({model.recalled_at: now, model.recall_reason: reason,
                               model.version: model.version + 1, model.updated_at: now})
                 .where(model.id.in_(batch) & model.recalled_at.is_null()).execute())
            for doc_id in ids:
                audit(kind, doc_id, "recall", order_id=order_id, field="recall_reason", new=reason)
                out.append((kind, doc_id))
    return out


def shipped_total(order_id: int) -> int:
    total = (ShipmentLine.select(fn.SUM(ShipmentLine.quantity)).join(Shipment)
             .where(Shipment.order == order_id).scalar())
    return int(total or 0)


def recall_changes(recalled: list[tuple[str, int]]) -> OpChanges:
    """What recalling ``recalled`` ((kind, id) from ``recall_documents``) changed:
    those documents, and the list of paper to collect."""
    out = NOTHING
    for kind, doc_id in recalled:
        out = out | OpChanges.of(kind, [doc_id])
    return out | OpChanges.of("recall") if recalled else out


def cancel_order(order_id: int, reason: str, expected_version: int) -> Order:
    """Cancel an order that has shipped nothing, recalling all its paper in the
    same transaction. Returns the fresh order."""
    return cancel_order_changes(order_id, reason, expected_version)[0]


def cancel_order_changes(order_id: int, reason: str, expected_version: int) -> tuple[Order, OpChanges]:
    """``cancel_order``, and what it changed: the order and the paper it recalled."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写取消原因。", "Please give the reason for the cancellation.", field="reason")
    with write_transaction():
        order = get_order(order_id)
        if require_version(expected_version) != order.version:
            raise StaleEdit(f"订单 {order.number}", f"Order {order.number}", expected_version, order.version)
        if order.status == "cancelled":
            raise StateError(f"订单 {order.number} 已经取消。", f"Order {order.number} is already cancelled.")
        shipped = shipped_total(order.id)
        if shipped or not can_cancel("order", order.status):
            raise StateError(f"订单 {order.number} 已出货 {shipped} 件,不能取消;剩余数量请用改单减少,"
                             f"已出货的请走售后/退货。",
                             f"Order {order.number} has already shipped {shipped} pieces and cannot be cancelled; "
                             "reduce the rest with a revision and handle shipped goods as after-sales/returns.")
        set_status(order, "cancelled", reason=reason, expected_version=expected_version)
        recalled = recall_documents(order.id, f"订单已取消:{reason}")
    return get_order(order_id), OpChanges.of("order", [order_id]) | recall_changes(recalled)


def outstanding_recalls(order_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Recalled production sheets and flow cards with printed copies still out,
    oldest recall first (optionally for one order; at most ``limit`` of them,
    read through the ``recalled_at`` index, so the workbench's first rows cost
    the same on any database). Each row says how many copies were printed,
    returned and are still ``outstanding``."""
    out: list[dict[str, Any]] = []
    for kind, (model, zh, en) in DOC_KINDS.items():
        q = (model.select(model.id, model.number, model.revision, model.recalled_at, model.recall_reason,
                          model.printed_copies, model.returned_copies, Order.id.alias("order_id"),
                          Order.number.alias("order_number"))
             .join(Order).where(model.recalled_at.is_null(False) & model.returned_at.is_null()
                                & (model.printed_copies > model.returned_copies)))
        if order_id is not None:
            q = q.where(model.order == order_id)
        if limit is not None:  # each kind's first ``limit`` in the final order, then merged below
            q = q.order_by(model.recalled_at, Order.number, model.number).limit(limit)
        for row in q.dicts():
            out.append({"kind": kind, "kind_zh": zh, "kind_en": en, **row,
                        "outstanding": row["printed_copies"] - row["returned_copies"]})
    out.sort(key=lambda r: (r["recalled_at"], r["order_number"], r["kind"], r["number"]))
    return out if limit is None else out[:limit]


def outstanding_copies(doc: Any) -> int:
    """Printed copies of a recalled document not back yet (0 while it is live)."""
    if doc.recalled_at is None:
        return 0
    return max(0, (doc.printed_copies or 0) - (doc.returned_copies or 0))


def mark_returned(kind: str, doc_id: int, copies: int | None = None, *,
                  returned_at: dt.datetime | None = None) -> ProductionSheet | FlowCard:
    """Record that ``copies`` printed copies of a recalled document are back
    (default: all still out). ``returned_at`` is set once none is out; asking
    again then changes nothing. Refuses more copies than are out."""
    kind = _kind(kind)
    model, zh, en = DOC_KINDS[kind]
    with write_transaction():
        doc = lock_row(model, get_or_404(model, doc_id, zh, en).id)
        if doc.recalled_at is None:
            raise StateError(f"{zh} {doc.number} 没有被收回,不需要登记交回。",
                             f"The {en} {doc.number} has not been recalled; there is nothing to return.")
        out = outstanding_copies(doc)
        if copies is None:
            if out == 0:
                return doc
            copies = out
        try:
            copies = int(copies)
        except (TypeError, ValueError):
            copies = 0
        if out == 0:
            raise StateError(f"{zh} {doc.number} 没有未交回的纸质份数(从未打印或已全部交回)。",
                             f"No printed copy of the {en} {doc.number} is out (never printed, or all returned).")
        if not 1 <= copies <= out:
            raise ValidationError(f"{zh} {doc.number} 还有 {out} 份未交回,交回份数请填 1 到 {out}。",
                                  f"{out} copies of the {en} {doc.number} are out; return between 1 and {out}.",
                                  field="copies")
        when = returned_at or _now()
        done = copies == out
        values = {model.returned_copies: model.returned_copies + copies, model.version: model.version + 1,
                  model.updated_at: when}
        if done:
            values[model.returned_at] = when
        # the guard re-checks in SQL: two windows returning at once cannot return more than is out
        changed = (model.update(values)
                   .where((model.id == doc.id) & (model.returned_copies + copies <= model.printed_copies))
                   .execute())
        if not changed:
            raise StaleEdit(f"{zh} {doc.number}", f"The {en} {doc.number}", doc.version, doc.version + 1)
        audit(kind, doc.id, "returned", order_id=doc.order_id, field="returned_copies",
              old=doc.returned_copies, new=doc.returned_copies + copies)
        doc.returned_copies += copies
        doc.version += 1
        if done:
            doc.returned_at = when
    return doc
