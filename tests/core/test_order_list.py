"""core.lists.orders: the 订单 list's ids (filters, sorts) and rows, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import make_stored_order as make_order

from gendan_desktop.core.clients import create_client
from gendan_desktop.core.common import set_setting
from gendan_desktop.core.lists import new_id_cache
from gendan_desktop.core.lists.orders import (
    OPEN_STATUSES,
    OrderFilters,
    Sort,
    find_ids,
    my_name,
    progress,
    rows,
    shown_risk,
)
from gendan_desktop.core.models import Order, OrderLine, Shipment, ShipmentLine

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def listed(db):
    """Eight orders, one per status, of two clients and two merchandisers."""
    huamei, baltic = create_client(name="华美服饰"), create_client(name="Baltic Moda")
    made = {}
    for i, status in enumerate(("draft", "reviewed", "confirmed", "in_production", "partly_shipped", "shipped",
                                "settled", "cancelled")):
        order = make_order(huamei if i % 2 else baltic, status=status, order_date=DAY + dt.timedelta(days=i),
                           finished=False)
        Order.update(merchandiser="李娜" if i < 4 else "王磊").where(Order.id == order.id).execute()
        made[status] = order
    return made, huamei, baltic


def numbers(ids):
    by_id = {o.id: o.number for o in Order.select(Order.id, Order.number)}
    return [by_id[i] for i in ids]


def test_all_open_is_neither_draft_nor_settled_nor_cancelled(listed):
    made, _h, _b = listed
    ids = find_ids(OrderFilters(statuses=OPEN_STATUSES), Sort("order_date", descending=False))
    assert ids == [made[s].id for s in ("reviewed", "confirmed", "in_production", "partly_shipped", "shipped")]
    # several statuses at once, and one given as a plain string
    assert set(find_ids(OrderFilters(statuses=("draft", "cancelled")))) == {made["draft"].id, made["cancelled"].id}
    assert find_ids(OrderFilters(statuses="settled")) == [made["settled"].id]


def test_mine_client_and_dates_combine_in_every_sort(listed):
    made, huamei, _b = listed
    mine = OrderFilters(merchandiser="李娜")
    expected = {made[s].id for s in ("draft", "reviewed", "confirmed", "in_production")}
    for key in ("number", "client", "client_po", "order_date", "delivery_date", "status", None):
        for desc in (False, True):
            assert set(find_ids(mine, Sort(key, desc))) == expected, (key, desc)
            both = OrderFilters(merchandiser="李娜", statuses=OPEN_STATUSES, client_id=huamei.id)
            assert set(find_ids(both, Sort(key, desc))) == {made["reviewed"].id, made["in_production"].id}
    since = OrderFilters(order_date=(DAY + dt.timedelta(days=6), None), merchandiser="王磊")
    assert set(find_ids(since, Sort("client"))) == {made["settled"].id, made["cancelled"].id}
    assert find_ids(OrderFilters(merchandiser="nobody")) == []


def test_sorts_and_text(listed):
    made, _h, baltic = listed
    by_date = find_ids(OrderFilters(), Sort("order_date", descending=True))
    assert by_date[0] == made["cancelled"].id and by_date[-1] == made["draft"].id
    # by client: pinyin "baltic moda…" before "hmfs huamei…", each client's orders in id order
    by_client = find_ids(OrderFilters(), Sort("client", descending=False))
    assert [Order.get_by_id(i).client_id for i in by_client[:4]] == [baltic.id] * 4
    assert find_ids(OrderFilters(text="hm"), Sort("number", descending=False)) == sorted(
        (made[s].id for s in ("reviewed", "in_production", "shipped", "cancelled")),
        key=lambda i: Order.get_by_id(i).number)
    assert find_ids(OrderFilters(text=made["shipped"].client_po)) == [made["shipped"].id]


def test_a_cache_answers_until_something_changes(listed):
    made, _h, _b = listed
    cache = new_id_cache()
    first = find_ids(OrderFilters(statuses=("draft",)), Sort(), cache=cache)
    assert find_ids(OrderFilters(statuses=("draft",)), Sort(), cache=cache) == first
    Order.update(status="draft").where(Order.id == made["reviewed"].id).execute()
    assert set(find_ids(OrderFilters(statuses=("draft",)), Sort(), cache=cache)) == {
        made["draft"].id, made["reviewed"].id}


def test_rows_and_progress_of_the_visible_ids(listed):
    made, _h, _b = listed
    order = make_order(create_client(name="进度客户"),
                       lines=(("A1", "红", "M", 100, "2.50"), ("A1", "蓝", "L", 300, "2.50")))
    ship = Shipment.create(number="SH-T1", order=order, date=DAY)
    line = order.lines.order_by(OrderLine.line_no).first()
    ShipmentLine.create(shipment=ship, order_line=line, quantity=100, unit_price=line.unit_price)
    got = rows([order.id, made["draft"].id])
    row = got[order.id]
    assert (row.number, row.client, row.quantity, row.amount, row.status) == (
        order.number, "进度客户", 400, Decimal("1000.00"), "confirmed")
    assert got[made["draft"].id].quantity == 100
    figures = progress([order.id])[order.id]
    # make_order finished every piece (one step, all good); 100 of 400 shipped
    assert (figures.ordered, figures.good, figures.shipped) == (400, 400, 100)
    assert (figures.good_pct, figures.shipped_pct) == (100, 25)
    assert rows([]) == {} and progress([]) == {}
    assert shown_risk("cancelled", "late") == "" and shown_risk("confirmed", "late") == "late"


def test_my_name(listed):
    assert my_name() == ""
    set_setting("merchandiser_name", " 李娜 ")
    assert my_name() == "李娜"


def _plan(query) -> str:
    from gendan_desktop.core.db import current_database

    sql, params = query.sql()
    return " | ".join(str(r[-1]) for r in current_database().execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize("key", ["order_date", "delivery_date"])
def test_one_status_is_found_by_its_own_index_in_display_order(sqlite_db, key):
    """The orders of one status are sought in the index led by the status (not
    every order walked and tested), and come out of it sorted."""
    from gendan_desktop.core.lists.orders import build_query

    client = create_client(name="华美服饰")
    made = [make_order(client, status=s, order_date=DAY + dt.timedelta(days=i), finished=False)
            for i, s in enumerate(("reviewed", "settled", "reviewed", "draft"))]
    one = OrderFilters(statuses=("reviewed",))
    for desc in (False, True):
        plan = _plan(build_query(one, Sort(key, desc)))
        assert f"INDEX order_list_by_status_{key} (status=?)" in plan and "TEMP B-TREE" not in plan, plan
        expected = [made[0].id, made[2].id]
        assert find_ids(one, Sort(key, desc)) == (expected[::-1] if desc else expected)
    # with a range of the sort date, still there; with another filter, the covering walk
    since = (DAY + dt.timedelta(days=1 + (60 if key == "delivery_date" else 0)), None)  # delivery: 60 days on
    ranged = OrderFilters(statuses=("reviewed",), **{"delivery" if key == "delivery_date" else key: since})
    assert f"order_list_by_status_{key} (status=? AND {key}>?)" in _plan(build_query(ranged, Sort(key)))
    assert find_ids(ranged, Sort(key)) == [made[2].id]
    mine = OrderFilters(statuses=("reviewed",), merchandiser="李娜")
    assert f"order_list_by_{key}" in _plan(build_query(mine, Sort(key)))
