"""The tables of one order's detail pages (订单 right side) that no service lists
yet: its shipments with their quantities."""

from __future__ import annotations

from peewee import fn

from ..models import FlowCard, ProductionSheet, Shipment, ShipmentLine


def documents(order_id: int) -> list[tuple[str, ProductionSheet | FlowCard]]:
    """The order's production sheets, then its flow cards (recalled ones too), each as (kind, record)."""
    sheets = ProductionSheet.select().where(ProductionSheet.order == order_id).order_by(ProductionSheet.id)
    cards = FlowCard.select().where(FlowCard.order == order_id).order_by(FlowCard.id)
    return [("production_sheet", s) for s in sheets] + [("flow_card", c) for c in cards]


def card_numbers(card_ids: list[int]) -> dict[int, str]:
    """Flow card id → number."""
    if not card_ids:
        return {}
    return {int(i): str(n) for i, n in
            FlowCard.select(FlowCard.id, FlowCard.number).where(FlowCard.id.in_(card_ids)).tuples()}


def shipments(order_id: int) -> list[tuple[Shipment, int]]:
    """The order's shipments, oldest first, each with the pieces it shipped."""
    found = list(Shipment.select().where(Shipment.order == order_id).order_by(Shipment.date, Shipment.id))
    pieces = {int(sid): int(q or 0) for sid, q in
              ShipmentLine.select(ShipmentLine.shipment, fn.SUM(ShipmentLine.quantity))
              .where(ShipmentLine.shipment.in_([s.id for s in found])).group_by(ShipmentLine.shipment).tuples()}
    return [(s, pieces.get(int(s.id), 0)) for s in found]
