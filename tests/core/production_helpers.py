"""Helpers for the production tests: clients and orders made through the real services."""

from __future__ import annotations

import datetime as dt
import itertools

from gendan_desktop.core import clients, orders

TODAY = dt.date.today()
_seq = itertools.count(1)


def make_client(name: str = "宁波海悦服饰"):
    return clients.create_client(name=f"{name}{next(_seq)}")


def garment_lines(red: int = 100, blue: int = 200):
    return [
        {"style": "T100", "product": "圆领T恤", "colour": "红", "size": "M", "quantity": red, "unit_price": "3.50"},
        {"style": "T100", "product": "圆领T恤", "colour": "蓝", "size": "L", "quantity": blue, "unit_price": "3.60"},
    ]


def make_order(lines=None, delivery: dt.date | None = None, **kw):
    client = kw.pop("client", None) or make_client()
    return orders.create_order(client.id, lines=lines or garment_lines(),
                               delivery_date=delivery or TODAY + dt.timedelta(days=45), **kw)


def confirm(order):
    order = orders.set_review(order.id, True, True, True, True, True, "", order.version)
    return orders.confirm_order(order.id, expected_version=order.version)


def make_confirmed(lines=None, delivery=None, **kw):
    return confirm(make_order(lines, delivery, **kw))


def lines_of(order):
    return orders.order_lines(order.id)
