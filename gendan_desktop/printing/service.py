"""Printing services: the one path from a record to its PDF, for the window and the command line.

Production sheets, flow cards, quotations/PIs and statements: find the
record, load what it prints, render it. Printed copies are counted by
core/paper.record_printed (re-exported here): the paper that left the app, to
be recalled if the order changes. ``copies_to_recall`` lists the copies the
merchandiser must collect until they are all back (core/recalls.mark_returned,
copy by copy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from ..core.common import get_or_404
from ..core.errors import NotFound
from ..core.models import Client, FlowCard, Order, ProductionSheet, Quotation
from ..core.paper import record_printed
from ..core.recalls import outstanding_recalls
from . import quotation, statement_pdf
from .flow_card import CardData, card_layout, load_flow_cards, render_flow_cards
from .production_sheet import load_production_sheet, render_production_sheet


def order_by_number(order_no: str) -> Order:
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


def flow_cards_to_print(order_id: int, card_ids: Iterable[int] | None = None) -> list[CardData]:
    """The cards ``card_ids`` of the order, or by default its live ones (flow_card.load_flow_cards).

    NotFound when the order has no flow cards yet.
    """
    cards = load_flow_cards(order_id, card_ids)
    if not cards:
        order = get_or_404(Order, order_id, "订单", "Order")
        raise NotFound(f"订单 {order.number} 还没有流程卡,请先开流程卡再打印。",
                       f"Order {order.number} has no flow cards yet; issue them before printing.")
    return cards


def render_cards(cards: list[CardData], layout: str | None = None,
                 progress: Callable[[int], bool] | None = None) -> bytes:
    """The PDF of loaded cards; ``layout`` a5 / a4x2, by default the setting flow_card_layout."""
    return render_flow_cards(cards, layout or card_layout(), progress=progress)


def flow_cards_pdf(order_id: int, card_ids: Iterable[int] | None = None, layout: str | None = None,
                   progress: Callable[[int], bool] | None = None) -> bytes:
    return render_cards(flow_cards_to_print(order_id, card_ids), layout, progress)


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


def quotation_by_number(number: str) -> Quotation:
    """The quotation with this quotation or PI number."""
    q = Quotation.get_or_none((Quotation.number == number) | (Quotation.pi_number == number))
    if q is None:
        raise NotFound(f"找不到报价单或 PI {number},请检查编号。", f"No quotation or PI {number}; check the number.")
    return q


def quotation_pdf(quotation_id: int) -> bytes:
    """A quotation, or its proforma invoice once a PI was issued."""
    return quotation.quotation_pdf(quotation_id)


def client_by_code(code: str) -> Client:
    client = Client.get_or_none(Client.code == code)
    if client is None:
        raise NotFound(f"找不到客户编码 {code},请检查。", f"No client with code {code}; check the code.")
    return client


def client_statement_pdf(client_id: int, date_from: dt.date, date_to: dt.date, currency: str | None = None, *,
                         issue: bool = False) -> bytes:
    """The statement (对账单) of a client for a period; ``issue`` gives it a statement number
    (inside the caller's transaction, so a number is kept only if the file is written)."""
    return statement_pdf.statement_pdf(client_id, date_from, date_to, currency, issue=issue)


def copies_to_recall(order_id: int | None = None) -> list[dict]:
    """Recalled documents with printed copies still out (core/recalls.py)."""
    return outstanding_recalls(order_id)


def outstanding_copy_count(order_id: int | None = None) -> int:
    """How many printed copies the merchandiser still has to collect."""
    return sum(r["outstanding"] for r in copies_to_recall(order_id))


__all__ = [
    "CardData", "card_ids_by_number", "client_by_code", "client_statement_pdf", "copies_to_recall",
    "flow_cards_pdf", "flow_cards_to_print", "order_by_number", "outstanding_copy_count", "production_sheet_pdf",
    "quotation_by_number", "quotation_pdf", "record_printed", "render_cards", "sheet_for_order",
]
