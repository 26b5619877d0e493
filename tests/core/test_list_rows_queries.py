"""The visible rows of the order and production lists cost a fixed handful of
queries whatever their number, and SQL built once is replayed with the right values."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import make_stored_order
from query_count import selects

from gendan_desktop.core import compiled_sql
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.lists import orders, production
from gendan_desktop.core.models import Order

DAY = dt.date(2026, 3, 2)



@pytest.fixture
def many(sqlite_db):
    client = create_client(name="华美服饰")
    return [make_stored_order(client, order_date=DAY + dt.timedelta(days=i), client_po=f"PO-{i}", finished=False,
                              lines=(("A100", "Red", "M", 10 + i, "2.50"),)).id for i in range(70)]


def test_a_chunk_of_rows_and_their_risk_is_one_query_whatever_its_length(many, sqlite_db):
    for rows in (orders.rows, production.rows):
        (few_rows, few) = selects(sqlite_db, lambda rows=rows: rows(many[:2], DAY))
        (all_rows, more) = selects(sqlite_db, lambda rows=rows: rows(many[:60], DAY))
        assert (len(few_rows), len(all_rows)) == (2, 60)
        assert few == more == 2  # the risk thresholds, then rows with their risk figures


def test_list_rows_carry_the_same_risk_and_progress_as_core_risk(many):
    from gendan_desktop.core.risk import risk_for_orders

    risks = risk_for_orders(many[:60], DAY)
    rows, prod = orders.rows(many[:60], DAY), production.rows(many[:60], DAY)
    for oid, r in risks.items():
        p = rows[oid].progress
        assert (p.level, p.reason_zh, p.ordered, p.good, p.shipped) == (r.level, r.reason_zh, r.ordered, r.good,
                                                                        r.shipped)
        assert (prod[oid].risk, prod[oid].risk_reason) == (r.level, r.reason_zh)
        assert rows[oid].quantity == r.ordered
        assert prod[oid].good_pct == (r.good * 100 // r.ordered if r.ordered else 0)


def test_open_exceptions_and_late_purchases_are_read_only_for_the_orders_that_have_them(many, sqlite_db):
    from gendan_desktop.core import production_exceptions as pe

    pe.report_exception(many[3], "equipment", "critical", "印花机坏", date=DAY)
    pe.report_exception(many[3], "other", "low", "包装袋印错字", date=DAY)
    (rows, n) = selects(sqlite_db, lambda: orders.rows(many[:60], DAY))
    prod = production.rows(many[:60], DAY)
    assert n == 3  # the exceptions of the one order that has them: one more query
    assert rows[many[3]].progress.level == "at_risk" and "印花机坏" in rows[many[3]].progress.reason_zh
    assert (prod[many[3]].open_exceptions, prod[many[3]].risk) == (2, "at_risk")
    assert prod[many[4]].open_exceptions == 0 and "印花机坏" not in rows[many[4]].progress.reason_zh


def test_replayed_sql_answers_each_call_with_its_own_ids(many):
    first, second = orders.rows(many[:3]), orders.rows(many[10:15])  # both padded to 8 ids
    assert sorted(r.client_po for r in first.values()) == ["PO-0", "PO-1", "PO-2"]
    assert {oid: r.quantity for oid, r in second.items()} == {oid: 10 + i for i, oid in enumerate(many[10:15], 10)}
    assert second[many[10]].delivery_date == DAY + dt.timedelta(days=70)
    assert production.rows(many[20:21])[many[20]].delivery_date == DAY + dt.timedelta(days=80)


def test_a_value_a_field_converts_is_built_every_time_not_replayed_wrong(sqlite_db):
    client = create_client(name="华美服饰")
    seven, eight = (make_stored_order(client, client_po=po, finished=False).id for po in ("7", "8"))
    # an int compared to a text column reaches the parameters as text: its stand-in is lost
    build = lambda po: Order.select(Order.id).where(Order.client_po == po)  # noqa: E731
    assert compiled_sql.fetch("test.po", build, 7) == [(seven,)]
    assert compiled_sql.fetch("test.po", build, 8) == [(eight,)]
    assert [v for k, v in compiled_sql._CACHE.items() if k[1] == "test.po"] == [None]


def test_complaint_rows_take_one_query_and_convert_each_calls_values(many, sqlite_db):
    from decimal import Decimal

    from gendan_desktop.core.lists import complaints
    from gendan_desktop.core.models import Complaint

    remake = Order.get_by_id(many[69])
    made = [Complaint.create(number=f"CS-{i:03d}", order=oid, date=DAY + dt.timedelta(days=i), description=f"色差 {i}",
                             qty_affected=i, cost=Decimal(i) / 4, currency="USD",
                             remake_order=remake.id if i == 5 else None).id for i, oid in enumerate(many[:64])]
    few, n_few = selects(sqlite_db, lambda: complaints.rows(made[:2]))
    rows, n_more = selects(sqlite_db, lambda: complaints.rows(made[:60]))
    assert len(few) == 2 and len(rows) == 60 and n_few == n_more == 1
    later = complaints.rows(made[3:7])  # the same text, other ids
    assert [later[c].number for c in made[3:7]] == ["CS-003", "CS-004", "CS-005", "CS-006"]
    five = later[made[5]]
    assert (five.date, five.qty_affected, five.cost, five.remake) == (DAY + dt.timedelta(days=5), 5,
                                                                     Decimal("1.2500"), remake.number)
    assert later[made[3]].remake == "" and later[made[3]].credit_amount == Decimal("0")
    # 3 and 5 ids send one text (padded to 8): built once, and prepared once by SQLite's statement cache
    texts: list[str] = []
    sqlite_db.connection().set_trace_callback(texts.append)
    try:
        complaints.rows(made[:3]), complaints.rows(made[10:15])
    finally:
        sqlite_db.connection().set_trace_callback(None)
    in_lists = [t[t.rindex(" IN (") + 5:t.rindex(")")].split(", ") for t in texts]
    assert [len(ids) for ids in in_lists] == [8, 8]
