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

from gendan_desktop.core.models import Complaint, Order, OrderLine

_seq = itertools.count(1)

D = Decimal


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
