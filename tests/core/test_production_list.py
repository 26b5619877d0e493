"""core.lists.production: which index finds the orders to produce (SQLite), and
that the orders found are the same whichever way."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pytest
from builders import make_stored_order as make_order

from gendan_desktop.core.clients import create_client
from gendan_desktop.core.db import current_database
from gendan_desktop.core.lists.production import build_query, find_ids
from gendan_desktop.core.lists.spec import Filters, Sort

DAY = dt.date(2026, 3, 2)


def _filters(**values) -> Filters:
    return Filters(values=MappingProxyType(values))


def _plan(filters: Filters, sort: Sort) -> str:
    sql, params = build_query(filters, sort).sql()
    return " | ".join(str(r[-1]) for r in current_database().execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.fixture
def orders(sqlite_db):
    """Orders of every status, delivered 60 days after their order date, one a day."""
    client = create_client(name="华美服饰")
    statuses = ("draft", "confirmed", "in_production", "settled", "partly_shipped", "confirmed", "shipped")
    return [make_order(client, status=s, order_date=DAY + dt.timedelta(days=i), finished=False)
            for i, s in enumerate(statuses)]


def test_open_orders_due_by_a_date_are_sought_by_their_status(orders):
    due = (None, DAY + dt.timedelta(days=64))  # overdue by then: the first five orders
    by_delivery = Sort("delivery_date")
    plan = _plan(_filters(status="open", delivery=due), by_delivery)
    assert "order_list_by_status_delivery_date (status=? AND delivery_date<?)" in plan, plan
    assert find_ids(_filters(status="open", delivery=due), by_delivery) == [orders[i].id for i in (1, 2, 4)]
    assert find_ids(_filters(status="open", delivery=due), Sort("delivery_date", True)) == [
        orders[i].id for i in (4, 2, 1)]
    # one status: sought, and already in delivery order
    plan = _plan(_filters(status="confirmed"), by_delivery)
    assert "order_list_by_status_delivery_date (status=?)" in plan and "TEMP B-TREE" not in plan, plan
    assert find_ids(_filters(status="confirmed"), by_delivery) == [orders[1].id, orders[5].id]


def test_open_orders_of_any_date_walk_the_delivery_index(orders):
    """A fifth of all orders: walking the covering index in delivery order beats
    seeking and sorting them."""
    plan = _plan(_filters(status="open"), Sort("delivery_date"))
    assert "COVERING INDEX order_list_by_delivery_date" in plan and "TEMP B-TREE" not in plan, plan
    assert find_ids(_filters(status="open"), Sort("delivery_date")) == [orders[i].id for i in (1, 2, 4, 5)]
    # with a quick filter, or sorted otherwise, as before
    assert "order_list_by_status" not in _plan(_filters(status="open", delivery=(None, DAY)), Sort("number"))
