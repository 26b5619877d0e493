"""Printing services: PDFs for an order's paper, and the record of printed copies.

``printed_copies`` counts the paper that left the app: printed, saved as PDF
from the preview, opened in the system viewer, or written by the command
line. When a document is later recalled (re-issued under a new revision, or
the order is cancelled), ``copies_to_recall`` lists the copies the
merchandiser must collect until they are all back (core/recalls.mark_returned,
copy by copy). A void document may be printed again (it carries the VOID
watermark); such prints are audited but not counted, since a VOID copy needs
no recall.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable


from ..core.common import audit, get_or_404
from ..core.db import write_transaction
from ..core.errors import NotFound
from ..core.limits import COPIES
from ..core.models import FlowCard, Order, ProductionSheet
from .flow_card import CardData, card_layout, load_flow_cards, render_flow_cards
from .production_sheet import load_production_sheet, render_production_sheet
from .watermark import void_reason

KINDS = {"production_sheet": ProductionSheet, "flow_card": FlowCard}


def _order_by_number(order_no: str) -> Order:
    order = Order.get_or_none(Order.number == order_no.strip())
    if order is None:
        raise NotFound(f"找不到订单号 {order_no},请检查后重试。", f"Order {order_no} was not found; check the number.")
    return order


def sheet_for_order(order_id: int) -> ProductionSheet:
    """The sheet to print for an order: the live one, else the latest (printed VOID)."""
    order = get_or_404(Order, order_id, "订单", "Order")
    live = (ProductionSheet.select()
            .where((ProductionSheet.order == order.id) & (ProductionSheet.revision == order.revision)
                   & ProductionSheet.recalled_at.is_null())
            .order_by(ProductionSheet.id.desc()).first())
    sheet = live or ProductionSheet.select().where(ProductionSheet.order == order.id).order_by(
        ProductionSheet.id.desc()).first()
    if sheet is None:
        raise NotFound(f"订单 {order.number} 还没有下发生产单,请先下发生产单再打印。",
                       f"Order {order.number} has no production sheet yet; issue one before printing.")
    return sheet


def production_sheet_pdf(sheet_id: int) -> bytes:
    return render_production_sheet(load_production_sheet(sheet_id))


def flow_cards_pdf(order_id: int, card_ids: Iterable[int] | None = None, layout: str | None = None,
                   progress: Callable[[int], bool] | None = None) -> bytes:
    cards = load_flow_cards(order_id, card_ids)
    if not cards:
        order = get_or_404(Order, order_id, "订单", "Order")
        raise NotFound(f"订单 {order.number} 还没有流程卡,请先开流程卡再打印。",
                       f"Order {order.number} has no flow cards yet; issue them before printing.")
    return render_flow_cards(cards, layout or card_layout(), progress=progress)


def card_ids_by_number(order_id: int, numbers: Iterable[str]) -> list[int]:
    """Ids of the order's cards with these numbers; NotFound names the unknown ones."""
    wanted = [n.strip() for n in numbers if n and n.strip()]
    rows = dict(FlowCard.select(FlowCard.number, FlowCard.id)
                .where((FlowCard.order == order_id) & FlowCard.number.in_(wanted)).tuples())
    missing = [n for n in wanted if n not in rows]
    if missing:
        order = Order.get_by_id(order_id)
        raise NotFound(f"订单 {order.number} 下没有流程卡 {'、'.join(missing)},请检查卡号。",
                       f"Order {order.number} has no flow card {', '.join(missing)}; check the card numbers.")
    return [rows[n] for n in wanted]


def record_printed(kind: str, ids: Iterable[int], copies: int = 1) -> int:
    """Count ``copies`` printed copies of each document; returns how many documents were counted.

    Void documents are audited as printed-VOID but not counted (see module doc).
    Runs in one transaction; the counter is bumped in SQL so two windows
    printing at once both count.
    """
    model = KINDS[kind]
    ids = list(ids)
    copies = COPIES.check_int(copies, field="copies")  # -5, 0 or 10^20 are refused, never counted as 1
    now = dt.datetime.now().replace(microsecond=0)
    counted = 0
    with write_transaction():
        docs = list(model.select().where(model.id.in_(ids)))
        orders = {o.id: o for o in Order.select().where(Order.id.in_({d.order_id for d in docs}))}
        live = [d for d in docs if not void_reason(d, orders.get(d.order_id))]
        void = [d for d in docs if d not in live]
        if live:
            model.update(printed_copies=model.printed_copies + copies, last_printed_at=now).where(
                model.id.in_([d.id for d in live])).execute()
        for d in live:
            audit(kind, d.id, "print", order_id=d.order_id, field="printed_copies",
                  old=d.printed_copies, new=d.printed_copies + copies)
            counted += 1
        for d in void:
            audit(kind, d.id, "print_void", order_id=d.order_id, field="printed_copies",
                  old=d.printed_copies, new=d.printed_copies)
    return counted


def copies_to_recall(order_id: int | None = None) -> list[dict]:
    """Recalled documents with printed copies still out (core/recalls.py)."""
    from ..core.recalls import outstanding_recalls

    return outstanding_recalls(order_id)


def outstanding_copy_count(order_id: int | None = None) -> int:
    """How many printed copies the merchandiser still has to collect."""
    return sum(r["outstanding"] for r in copies_to_recall(order_id))


__all__ = [
    "CardData", "copies_to_recall", "card_ids_by_number", "flow_cards_pdf",
    "outstanding_copy_count", "production_sheet_pdf", "record_printed", "sheet_for_order",
]
