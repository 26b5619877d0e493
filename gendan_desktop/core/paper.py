"""Printed paper: which production sheets and flow cards are void, and counting printed copies.

``printed_copies`` counts the paper that left the app: printed, saved as PDF
from the preview, opened in the system viewer, or written by the command
line. When a document is later recalled (re-issued under a new revision, or
the order is cancelled), the copies out are what the merchandiser must collect
(core/recalls.py). A void document may be printed again (it carries the VOID
watermark); such prints are audited but not counted, since a VOID copy needs
no recall.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .changes import NOTHING, OpChanges
from .common import audit
from .connection import write_transaction
from .limits import COPIES
from .models import FlowCard, Order, ProductionSheet

PAPER_KINDS: dict[str, type[ProductionSheet] | type[FlowCard]] = {
    "production_sheet": ProductionSheet, "flow_card": FlowCard}


def void_reason(doc: Any, order: Any) -> str:
    """Why ``doc`` (a ProductionSheet/FlowCard) is void, in Chinese + English; "" if valid.

    Void: recalled (re-issued under a new revision, or withdrawn), a production
    sheet issued under an order revision that has since changed, or any paper
    of a cancelled order. A flow card of a line a revision did not change
    stays valid.
    """
    if order is not None and (order.status == "cancelled" or order.cancelled_at is not None):
        return "订单已取消 Order cancelled"
    if getattr(doc, "recalled_at", None) is not None:
        why = (doc.recall_reason or "").strip()
        return f"已收回 Recalled{(': ' + why) if why else ''}"
    # A flow card lives until it is recalled: a revision recalls only the cards of the
    # lines it changed. A production sheet lists the whole order, so any newer
    # revision makes it void.
    is_card = hasattr(doc, "batch_no")
    if order is not None and not is_card and getattr(doc, "revision", 0) != order.revision:
        return f"订单已改为 R{order.revision} Order revised to R{order.revision}"
    return ""


def record_printed(kind: str, ids: Iterable[int], copies: int = 1) -> OpChanges:
    """Count ``copies`` printed copies of each document of ``kind`` ("production_sheet"
    or "flow_card"); the changes name the documents counted.

    Void documents are audited as printed-VOID but not counted (see module doc).
    Runs in one transaction; the counter is bumped in SQL so two windows
    printing at once both count.
    """
    model = PAPER_KINDS[kind]
    wanted = list(ids)
    copies = COPIES.check_int(copies, field="copies")  # -5, 0 or 10^20 are refused, never counted as 1
    now = dt.datetime.now().replace(microsecond=0)
    with write_transaction():
        docs = list(model.select().where(model.id.in_(wanted)))
        orders = {o.id: o for o in Order.select().where(Order.id.in_({d.order_id for d in docs}))}
        live = [d for d in docs if not void_reason(d, orders.get(d.order_id))]
        if live:
            model.update(printed_copies=model.printed_copies + copies, last_printed_at=now).where(
                model.id.in_([d.id for d in live])).execute()
        for d in live:
            audit(kind, d.id, "print", order_id=d.order_id, field="printed_copies",
                  old=d.printed_copies, new=d.printed_copies + copies)
        for d in docs:
            if d not in live:
                audit(kind, d.id, "print_void", order_id=d.order_id, field="printed_copies",
                      old=d.printed_copies, new=d.printed_copies)
    if not docs:
        return NOTHING
    return OpChanges(frozenset({kind}), OpChanges.of(kind, [d.id for d in live]).ids)
