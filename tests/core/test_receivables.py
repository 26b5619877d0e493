"""Receivables per client and currency, in a fixed number of queries; overdue (oldest first)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import make_client, make_stored_order
from money_helpers import add_credit, order_lines

from gendan_desktop.core import payments, receivables, shipments
from gendan_desktop.core.db import current_database

D = Decimal


def _ship_all(order, date):
    return shipments.create_shipment(order.id, date, [(ln.id, ln.quantity) for ln in order_lines(order)])


def test_balance_is_shipped_minus_credits_minus_paid_per_currency(db):
    acme = make_client("宁波艾克美")
    usd = make_stored_order(acme, [("S1", "White", "M", 120, "3.10"), ("S2", "Black", "L", 80, "4.25")])
    eur = make_stored_order(acme, [("S3", "Grey", "XL", 50, "7.00")], currency="EUR")
    _ship_all(usd, dt.date(2026, 2, 1))  # 372 + 340 = 712
    shipments.create_shipment(eur.id, dt.date(2026, 2, 3), [(order_lines(eur)[0].id, 20)])  # 140
    add_credit(usd, "12.50", dt.date(2026, 2, 10))
    payments.record_payment(acme.id, "500", "USD", dt.date(2026, 2, 15), "deposit", usd.id)
    payments.record_payment(acme.id, "40", "EUR", dt.date(2026, 2, 16))

    rows = {r.currency: r for r in receivables.receivables(acme.id)}
    assert (rows["USD"].shipped, rows["USD"].credits, rows["USD"].paid) == (D("712.00"), D("12.50"), D("500.00"))
    assert rows["USD"].balance == D("199.50")
    assert rows["EUR"].balance == D("100.00")
    assert receivables.client_balance(acme.id) == {"USD": D("199.50"), "EUR": D("100.00")}
    # as it stood on 12 Feb: shipped and credited, nothing paid yet
    assert receivables.client_balance(acme.id, until=dt.date(2026, 2, 12)) == {"USD": D("699.50"), "EUR": D("140.00")}
    assert receivables.order_amounts(usd.id) == {"shipped": D("712.00"), "credits": D("12.50"),
                                                 "paid": D("500.00"), "balance": D("199.50")}


def test_receivables_by_client_takes_the_same_few_queries_for_many_clients(db):
    def count_queries(fn):
        database = current_database()
        original = database.execute_sql
        calls = []

        def counting(sql, params=None, *a, **kw):
            calls.append(sql)
            return original(sql, params, *a, **kw)

        database.execute_sql = counting
        try:
            result = fn()
        finally:
            del database.execute_sql
        return result, len(calls)

    def add_clients(n):
        for _i in range(n):
            c = make_client()
            o = make_stored_order(c, [("Q", "Red", "M", 10, "1.5")])
            _ship_all(o, dt.date(2026, 1, 10))
            payments.record_payment(c.id, "5", "USD", dt.date(2026, 1, 20))

    add_clients(2)
    few, q_few = count_queries(receivables.receivables_by_client)
    add_clients(25)
    many, q_many = count_queries(receivables.receivables_by_client)
    assert len(few) == 2 and len(many) == 27
    assert q_many == q_few <= 4
    assert all(r.balance == D("10.00") for r in many)
    assert [r.client_code for r in many] == sorted(r.client_code for r in many)


@pytest.mark.parametrize("price,qty,expected", [
    ("1.0050", 1, "1.01"),     # half a cent rounds up
    ("1.0049", 1, "1.00"),
    ("3.125", 3, "9.38"),
    ("0.3333", 3, "1.00"),
    ("-1.2345", 3, "-3.70"),   # a discount line rounds half away from zero, as in Python
    ("-0.0050", 1, "-0.01"),
    ("123456.7891", 1000, "123456789.10"),
])
def test_sql_line_amount_matches_python_rounding(db, price, qty, expected):
    client = make_client()
    order = make_stored_order(client, [("R", "Red", "M", qty, price)])
    _ship_all(order, dt.date(2026, 1, 1))
    assert receivables.line_amount(qty, D(price)) == D(expected)
    assert receivables.client_balance(client.id) == {"USD": D(expected)}


def test_overdue_applies_payments_and_credits_to_the_oldest_shipment_first(db):
    client = make_client()
    o1 = make_stored_order(client, [("A", "Red", "M", 100, "1")])
    o2 = make_stored_order(client, [("B", "Red", "M", 200, "1")])
    o3 = make_stored_order(client, [("C", "Red", "M", 50, "1")])
    s1 = _ship_all(o1, dt.date(2026, 1, 10))
    s2 = _ship_all(o2, dt.date(2026, 2, 10))
    _ship_all(o3, dt.date(2026, 3, 20))
    # the payment names the newest order, but pays the oldest shipment first
    payments.record_payment(client.id, "120", "USD", dt.date(2026, 3, 25), "balance", o3.id)
    add_credit(o2, "30", dt.date(2026, 3, 26))
    other = make_client()
    eur = make_stored_order(other, [("E", "Red", "M", 10, "9")], currency="EUR")
    s_eur = _ship_all(eur, dt.date(2026, 1, 2))

    today = dt.date(2026, 4, 1)
    rows = receivables.overdue_receivables(today, terms_days=30)
    by_shipment = {r.shipment_id: r for r in rows}
    assert s1.id not in by_shipment  # fully covered by the 150 received
    assert by_shipment[s2.id].unpaid == D("150.00") and by_shipment[s2.id].amount == D("200.00")
    assert by_shipment[s2.id].days_overdue == (today - dt.date(2026, 2, 10)).days - 30
    assert by_shipment[s2.id].due_date == dt.date(2026, 3, 12)
    assert by_shipment[s_eur.id].unpaid == D("90.00") and by_shipment[s_eur.id].currency == "EUR"
    assert len(rows) == 2  # the March shipment is still within terms
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    assert receivables.total_overdue(today, 30) == {"USD": D("150.00"), "EUR": D("90.00")}
    # longer terms: nothing is overdue yet except the January EUR shipment
    assert [r.shipment_id for r in receivables.overdue_receivables(today, terms_days=80)] == [s_eur.id]
    assert receivables.overdue_receivables(today, 30, client_id=other.id)[0].client_code == other.code
    # as it stood on 20 March, before the money came in: January and February were both unpaid
    past = {r.shipment_id: r.unpaid for r in receivables.overdue_receivables(dt.date(2026, 3, 20), 30)}
    assert past == {s1.id: D("100.00"), s2.id: D("200.00"), s_eur.id: D("90.00")}


def test_clients_without_movements_are_left_out(db):
    make_client()
    assert receivables.receivables_by_client() == []
    assert receivables.overdue_receivables(dt.date(2026, 1, 1)) == []
