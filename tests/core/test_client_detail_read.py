"""One client's detail (客户档案, right side) is read in one go, off the GUI thread:
every page's rows, and a number of queries that does not grow with the client's
quotations, samples or orders."""

from __future__ import annotations

import datetime as dt

from query_count import selects

from gendan_desktop.core.clients import add_contact, create_client
from gendan_desktop.core.followups import log_followup
from gendan_desktop.core.lists.client_detail import read_client_detail
from gendan_desktop.core.payments import record_payment
from gendan_desktop.core.quotations import create_order_from_quotation, create_quotation
from gendan_desktop.core.samples import request_sample

DAY = dt.date.today() - dt.timedelta(days=20)
ITEM = {"style": "TS", "product": "T恤", "quantity": 500, "cost_material": "10", "unit_price": "2.5"}


def _client_with(n: int, name: str):
    client = create_client(name=name, tags=["老客户"])
    add_contact(client.id, name="Anna", email="anna@example.com")
    for i in range(n):
        log_followup(client.id, DAY + dt.timedelta(days=i), "email", f"跟进 {i}", next_date=DAY + dt.timedelta(days=30))
        request_sample(client.id, style=f"S{i}", product="卫衣", requested_date=DAY)
        q = create_quotation(client.id, [ITEM], exchange_rate="7")
        create_order_from_quotation(q.id, DAY + dt.timedelta(days=60), client_po=f"PO-{name}-{i}")
    record_payment(client.id, "100", "USD", DAY)
    return client


def test_every_page_of_a_client_is_read(sqlite_db):
    client = _client_with(3, "华美服饰")
    data = read_client_detail(client.id)
    assert data is not None and data.client.id == client.id
    assert data.summary.tags == ["老客户"] and data.summary.next_followup_date == DAY + dt.timedelta(days=30)
    assert [c.name for c in data.contacts] == ["Anna"] and data.contact_names == {data.contacts[0].id: "Anna"}
    assert [f.content for f in data.followups] == ["跟进 2", "跟进 1", "跟进 0"]  # newest first
    assert len(data.samples) == 3
    assert len(data.quotations) == 3 and all(q.status == "ordered" for q in data.quotations)
    numbers = {o[1] for o in data.orders}
    assert len(numbers) == 3 and {n for q in data.quotations for n in data.quotation_orders[q.id]} == numbers
    assert {o[2] for o in data.orders} == {"PO-华美服饰-0", "PO-华美服饰-1", "PO-华美服饰-2"}
    assert [(r.currency, r.paid) for r in data.balance.rows] == [("USD", 100)]


def test_a_client_gone_or_none_reads_as_none(sqlite_db):
    assert read_client_detail(None) is None
    assert read_client_detail(987654) is None


def test_the_queries_do_not_grow_with_the_clients_records(sqlite_db):
    few = _client_with(1, "小客户")
    many = _client_with(8, "大客户")
    _d, few_queries = selects(sqlite_db, lambda: read_client_detail(few.id))
    data, many_queries = selects(sqlite_db, lambda: read_client_detail(many.id))
    assert len(data.quotations) == 8 and len(data.orders) == 8
    assert few_queries == many_queries  # one query per page: the quotations' orders too, not one each
