"""Key paging of the long lists (core/lists/paging.py): the first page, the
pages after it and the last page are exactly ``find_ids``' list, for every sort
key both ways, with ties and NULL sort values, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from peewee import fn

from gendan_desktop.core.lists import clients, complaints, orders, paging, production, sql_key
from gendan_desktop.core.lists.spec import Filters, Sort
from gendan_desktop.core.models import Client, Complaint, FollowUp, Order

N = 7  # small pages: many page boundaries, some inside runs of equal sort values
LISTS = [clients, production, complaints]


@pytest.fixture
def data(db):
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=30, orders=160, seed=4)
    # equal sort values across page boundaries, and NULL ones: clients without
    # follow-ups (their last and next follow-up), complaints of equal cost
    some = Order.select(Order.id).order_by(Order.id).limit(40)
    Order.update(delivery_date=dt.date(2026, 12, 1)).where(Order.id.in_(some)).execute()
    Client.update(country="").where(Client.id.in_(Client.select(Client.id).limit(12))).execute()
    Client.update(grade="key").where(Client.id.in_(Client.select(Client.id).order_by(Client.id.desc()).limit(15))).execute()
    FollowUp.delete().where(FollowUp.client.in_(Client.select(Client.id).order_by(Client.id).limit(10))).execute()
    Complaint.update(cost=0).where(Complaint.id.in_(Complaint.select(Complaint.id).limit(4))).execute()
    assert len(Client.select().where(~fn.EXISTS(FollowUp.select().where(FollowUp.client == Client.id)))) >= 10
    return db


def _walk(module, filters: Filters, sort: Sort) -> list[int]:
    page = module.first_page(filters, sort, N)
    ids = list(page.ids)
    while len(page.ids) == N:
        page = module.page_after(filters, sort, page.last_key, N)
        ids += page.ids
    return ids


def _check(module, filters: Filters, sort: Sort) -> None:
    full = module.find_ids(filters, sort)
    what = f"{module.__name__} {sort}"
    assert module.first_page(filters, sort, N).ids == full[:N], what
    assert _walk(module, filters, sort) == full, what
    assert module.last_page(filters, sort, N).ids == full[-N:], what
    # the window's first page: the id query's own text with LIMIT, the key of its last row read after
    query = module.build_query(filters, sort)
    assert paging.first_ids(sql_key(query), N) == full[:N], what
    if full:
        last_shown = full[min(N, len(full)) - 1]
        assert paging.key_of(query, last_shown) == module.first_page(filters, sort, N).last_key, what


@pytest.mark.parametrize("module", LISTS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_pages_follow_find_ids_for_every_sort(data, module):
    assert len(module.find_ids()) > N  # more than one page
    for key in (None, *module.SORTS):
        for descending in (False, True):
            _check(module, Filters(), Sort(key, descending))


def test_pages_follow_find_ids_when_filtered(data):
    _check(production, Filters(values={"status": "open"}), Sort("delivery_date", True))
    _check(clients, Filters(values={"grade": "key"}), Sort("country"))
    _check(complaints, Filters(values={"status": "open"}), Sort("cost", True))
    _check(production, Filters(text="SO"), Sort("client"))


def test_order_pages_follow_find_ids(data):
    """The 订单 list, with its own filters and sorts (core/lists/orders.py)."""
    for key in (None, *orders.SORTS):
        for descending in (False, True):
            _check(orders, orders.OrderFilters(), orders.Sort(key, descending))
    _check(orders, orders.OrderFilters(statuses=orders.OPEN_STATUSES), orders.Sort("delivery_date", False))
    _check(orders, orders.OrderFilters(text="SO"), orders.Sort("client", True))


def test_a_short_list_is_one_page(data):
    filters = Filters(values={"grade": "key"})
    full = clients.find_ids(filters, Sort("name"))
    page = clients.first_page(filters, Sort("name"), len(full) + 1)
    assert page.ids == full
    assert clients.page_after(filters, Sort("name"), page.last_key, N).ids == []


def test_empty_list(data):
    filters = Filters(text="no such client anywhere")
    page = clients.first_page(filters, Sort("code"), N)
    assert page.ids == [] and page.last_key is None
    assert clients.last_page(filters, Sort("code"), N).ids == []


def test_the_first_page_walks_the_sort_index(sqlite_db):
    """By order number the first page is an index walk that stops after n rows:
    no sort of every matching order (what made the id list slow at 1M)."""
    from gendan_desktop.core.connection import current_database

    query = production.build_query(Filters(), Sort("number", True))
    page_query = query.select(*[node for node, _ in paging.orderings(query)]).limit(N)
    window_sql, window_params = sql_key(query)  # the window's first page: the id query with LIMIT
    for sql, params in (page_query.sql(), (f"{window_sql} LIMIT {N}", window_params)):
        plan = " ".join(str(r[-1]) for r in current_database().execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "TEMP B-TREE" not in plan.upper(), plan
        assert "INDEX" in plan.upper(), plan


def test_a_key_that_does_not_match_the_sort_is_refused(data):
    with pytest.raises(ValueError):
        clients.page_after(Filters(), Sort("code"), (1,), N)


def test_the_whole_id_list_read_in_small_batches(data):
    """The worker's read turns rows into ints a batch at a time (the GIL is
    given back between batches): every id, in order, whatever the batch."""
    from gendan_desktop.core.lists import ids_of_sql, sql_key

    query = production.build_query(Filters(), Sort("delivery_date", True))
    full = production.find_ids(Filters(), Sort("delivery_date", True))
    assert len(full) > 100
    for batch in (1, 3, 1000):
        assert ids_of_sql(*sql_key(query), batch=batch) == full


def test_list_sql_replays_one_text_per_shape_with_each_calls_values(data):
    """The window's id query (core.lists.list_sql): built once per sort and set of
    filters, replayed with other values; the very SQL and ids of build_query."""
    from gendan_desktop.core.lists import key_ids, list_sql

    cases = [(clients, {"grade": "key"}), (clients, {"grade": "ordinary"}), (clients, {"source": "alibaba"}),
             (clients, {"next_followup": (None, dt.date(2026, 12, 31))}),
             (clients, {"next_followup": (dt.date(2026, 1, 1), dt.date(2026, 12, 31)), "grade": "key"}),
             (clients, {"status": "current"}), (clients, {"status": "potential", "grade": "key"}),
             (clients, {"status": "archived"}),
             (complaints, {"status": "open"}), (complaints, {"status": "closed"}),
             (complaints, {"date": (dt.date(2025, 1, 1), None), "disposition": "discount"})]
    for module, values in cases:
        for sort in (Sort(None), Sort(module.SORTS[1], True)):
            filters = Filters(values=values)
            for _twice in range(2):  # built, then replayed
                key, query = list_sql(module, filters, sort)
                assert query is None, values  # not built through peewee
                assert key == sql_key(module.build_query(filters, sort)), (values, sort)
                assert key_ids(key) == module.find_ids(filters, sort)
    # a text search or a filter that branches on its value is built as before
    for module, filters in ((clients, Filters(text="zs")), (clients, Filters(values={"status": "look_alike"}))):
        key, query = list_sql(module, filters, Sort("code"))
        assert query is not None and key == sql_key(query)
