"""Small builders for the money tests (shipments, payments, receivables, statements).

Orders are built straight on the models in the state a shipment needs
(confirmed, and by default with every piece finished by production: a flow
card per line whose one step put out all its pieces good), so these tests
exercise the money rules without walking the whole order workflow;
test_workflow_end_to_end.py walks it through the services.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from gendan_desktop.core.models import Client, Complaint, FlowCard, FlowCardStep, Order, OrderLine

_seq = itertools.count(1)

D = Decimal


def make_client(name: str = "", currency: str = "USD") -> Client:
    n = next(_seq)
    return Client.create(code=f"T{n:05d}", name=name or f"测试客户{n}", default_currency=currency)


def make_order(client: Client, lines=(("A100", "Red", "M", 100, "2.50"),), *, currency: str = "USD",
               status: str = "confirmed", order_date: dt.date = dt.date(2026, 1, 5), client_po: str = "",
               finished: bool = True) -> Order:
    n = next(_seq)
    order = Order.create(number=f"SO-T{n:05d}", client=client, currency=currency, order_date=order_date,
                         delivery_date=order_date + dt.timedelta(days=60), status=status,
                         client_po=client_po or f"PO-{n}")
    for i, (style, colour, size, qty, price) in enumerate(lines, start=1):
        line = OrderLine.create(order=order, line_no=i, style=style, colour=colour, size=size, quantity=qty,
                                unit_price=D(price), product=f"T恤 {style}")
        if finished:
            finish_line(order, line)
    return order


def finish_line(order: Order, line: OrderLine) -> FlowCard:
    """A flow card for the whole line whose only step put out every piece good."""
    card = FlowCard.create(number=f"LC-T{next(_seq):05d}", order=order, order_line=line, quantity=line.quantity,
                           style=line.style, colour=line.colour, size=line.size)
    FlowCardStep.create(card=card, seq=1, name="包装", qty_in=line.quantity, qty_good=line.quantity,
                        finished_at=order.order_date)
    return card


def order_lines(order: Order) -> list[OrderLine]:
    return list(OrderLine.select().where(OrderLine.order == order.id).order_by(OrderLine.line_no))


def add_credit(order: Order, amount, date: dt.date, currency: str | None = None) -> Complaint:
    """A complaint settled by a discount: the credit reduces what the client owes."""
    n = next(_seq)
    return Complaint.create(number=f"CP-T{n:05d}", order=order, date=date, description="色差 colour shade",
                            disposition="discount", credit_amount=D(str(amount)), credit_date=date,
                            currency=currency or order.currency)


def status_of(order: Order) -> str:
    return Order.get_by_id(order.id).status
