"""Helpers for the order/revision/recall/after-sales tests.

Clients, samples, production sheets, flow cards and shipments are made
directly with the models: their services belong to other areas.
"""

from __future__ import annotations

import datetime as dt
import itertools

from gendan_desktop.core import orders
from gendan_desktop.core.models import (
    Client,
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


def make_client(name="杭州绿叶服饰", archived=False) -> Client:
    n = next(_seq)
    return Client.create(code=f"C{n:04d}", name=f"{name}{n}", archived=archived)


def make_sample(client, status="approved") -> Sample:
    return Sample.create(number=f"SP-{next(_seq)}", client=client, status=status, requested_date=TODAY,
                         style="T100", colour="红")


def two_lines():
    return [
        {"style": "T100", "product": "圆领T恤", "colour": "红", "size": "M", "quantity": 100, "unit_price": "3.50"},
        {"style": "T100", "product": "圆领T恤", "colour": "蓝", "size": "L", "quantity": 200, "unit_price": "3.60"},
    ]


def make_order(client=None, lines=None, **kw):
    client = client or make_client()
    kw.setdefault("delivery_date", TODAY + dt.timedelta(days=45))
    return orders.create_order(client.id, lines=two_lines() if lines is None else lines, **kw)


def review_all(order):
    return orders.set_review(order.id, True, True, True, True, True, "", order.version)


def make_confirmed(client=None, lines=None, **kw):
    order = review_all(make_order(client, lines, **kw))
    return orders.confirm_order(order.id, expected_version=order.version)


def make_in_production(client=None, lines=None, **kw):
    order = make_confirmed(client, lines, **kw)
    orders.set_status(order, "in_production")
    return orders.get_order(order.id)


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
