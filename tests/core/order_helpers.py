"""Helpers for the order/revision/recall/after-sales tests.

Clients, samples, production sheets, flow cards and shipments are made
directly with the models: their services belong to other areas.
"""

from __future__ import annotations

import datetime as dt
import itertools

from gendan_desktop.core import orders
from gendan_desktop.core.models import (
    FlowCard,
    ProductionSheet,
    Sample,
    Shipment,
    ShipmentLine,
)

TODAY = dt.date.today()
_seq = itertools.count(1)


def reload(doc):
    """The row as the database has it now."""
    return type(doc).get_by_id(doc.id)


def make_sample(client, status="approved") -> Sample:
    return Sample.create(number=f"SP-{next(_seq)}", client=client, status=status, requested_date=TODAY,
                         style="T100", colour="红")


def issue_sheet(order, printed=1) -> ProductionSheet:
    return ProductionSheet.create(number=f"PS-{next(_seq)}", order=order.id, revision=order.revision,
                                  printed_copies=printed)


def issue_card(order, sheet=None, line=None, quantity=100, printed=1) -> FlowCard:
    line = line or orders.order_lines(order.id)[0]
    return FlowCard.create(number=f"FC-{next(_seq)}", order=order.id, sheet=sheet, order_line=line,
                           revision=order.revision, style=line.style, colour=line.colour, size=line.size,
                           quantity=quantity, printed_copies=printed)


def ship(order, line, quantity) -> Shipment:
    s = Shipment.create(number=f"SH-{next(_seq)}", order=order.id, date=TODAY)
    ShipmentLine.create(shipment=s, order_line=line, quantity=quantity, unit_price=line.unit_price)
    return s
