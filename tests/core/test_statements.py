"""Statements (对账单): opening, entries with running balance, totals, closing, 大写;
and the money invariants under random shipments, credits and payments."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from builders import make_client, make_stored_order
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from money_helpers import add_credit, order_lines
from query_count import selects

from gendan_desktop.core import payments, receivables, shipments, statements
from gendan_desktop.core.errors import GendanError, ValidationError
from gendan_desktop.core.models import AuditLog

D = Decimal
JAN, FEB, MAR = dt.date(2026, 1, 15), dt.date(2026, 2, 15), dt.date(2026, 3, 15)


@pytest.mark.parametrize("amount,currency,words", [
    ("1234.50", "CNY", "壹仟贰佰叁拾肆元伍角"),
    ("1234.5", "USD", "美元壹仟贰佰叁拾肆元伍角"),
    ("1000", "EUR", "欧元壹仟元整"),
    ("100000.01", "CNY", "壹拾万元零壹分"),
    ("0", "CNY", "零元整"),
    ("-20.05", "CNY", "负贰拾元零伍分"),
    ("9.999", "GBP", "英镑壹拾元整"),  # rounded to the fen first
])
def test_amount_in_words(amount, currency, words):
    assert statements.amount_in_words_zh(D(amount), currency) == words


def _scenario():
    client = make_client("绍兴美华纺织")
    o1 = make_stored_order(client, [("T01", "Red", "M", 100, "2.50"), ("T01", "Red", "L", 50, "2.75")],
                    client_po="PO-881")
    o2 = make_stored_order(client, [("J02", "Indigo", "32", 40, "11.20")], client_po="PO-882")
    l1, l2 = order_lines(o1)
    (l3,) = order_lines(o2)
    s_before = shipments.create_shipment(o1.id, JAN, [(l1.id, 100)])  # 250.00 before the period
    payments.record_payment(client.id, "100", "USD", JAN, "deposit", o1.id, "TT-JAN")
    shipments.create_shipment(o1.id, FEB, [(l2.id, 50)])  # 137.50
    shipments.create_shipment(o2.id, FEB, [(l3.id, 15)])  # 168.00
    add_credit(o1, "20.00", FEB + dt.timedelta(days=3))
    payments.record_payment(client.id, "200", "USD", FEB + dt.timedelta(days=5), "balance", o1.id, "TT-FEB")
    shipments.create_shipment(o2.id, MAR, [(l3.id, 25)])  # 280.00 after the period
    return client, s_before


def test_statement_figures_for_a_period(db):
    client, _ = _scenario()
    (stmt,) = statements.statement(client.id, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert stmt.currency == "USD" and stmt.client_name == "绍兴美华纺织" and stmt.number is None
    assert stmt.opening == D("150.00")
    kinds = [(e.kind, e.date) for e in stmt.entries]
    assert kinds == [("shipment", FEB), ("shipment", FEB), ("credit", FEB + dt.timedelta(days=3)),
                     ("payment", FEB + dt.timedelta(days=5))]
    first = stmt.entries[0]
    assert (first.order_no.startswith("SO"), first.client_po, first.style, first.colour, first.size,
            first.quantity, first.unit_price, first.amount) == (True, "PO-881", "T01", "Red", "L", 50,
                                                                D("2.75"), D("137.50"))
    assert stmt.entries[1].client_po == "PO-882" and stmt.entries[1].amount == D("168.00")
    assert stmt.entries[2].document_no.startswith("CP") and stmt.entries[2].credit == D("20.00")
    assert stmt.entries[3].document_no == "TT-FEB" and stmt.entries[3].debit == D("0")
    assert stmt.entries[3].payment_kind == "balance" and stmt.entries[3].description == "尾款"
    assert [e.balance for e in stmt.entries] == [D("287.50"), D("455.50"), D("435.50"), D("235.50")]
    assert (stmt.total_shipped, stmt.total_credits, stmt.total_paid) == (D("305.50"), D("20.00"), D("200.00"))
    assert stmt.total_quantity == 65
    assert stmt.closing == D("235.50") == stmt.entries[-1].balance
    assert stmt.closing_in_words == "美元贰佰叁拾伍元伍角"
    assert receivables.client_balance(client.id, until=dt.date(2026, 2, 28)) == {"USD": stmt.closing}


def test_statement_to_date_closes_at_the_receivable(db):
    client, _ = _scenario()
    (whole,) = statements.statement(client.id, "2026-01-01", "2026-12-31")
    assert whole.opening == D("0.00")
    assert whole.closing == receivables.client_balance(client.id)["USD"] == D("515.50")
    # next period's opening is this period's closing
    (feb,) = statements.statement(client.id, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    (mar,) = statements.statement(client.id, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert mar.opening == feb.closing


def test_one_statement_per_currency_and_currency_filter(db):
    client, _ = _scenario()
    eur = make_stored_order(client, [("E1", "Ecru", "M", 10, "5")], currency="EUR")
    shipments.create_shipment(eur.id, FEB, [(order_lines(eur)[0].id, 10)])
    both = statements.statement(client.id, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert [s.currency for s in both] == ["EUR", "USD"]
    assert both[0].closing == D("50.00") and both[0].closing_in_words == "欧元伍拾元整"
    (only,) = statements.statement(client.id, dt.date(2026, 2, 1), dt.date(2026, 2, 28), currency="eur")
    assert only.currency == "EUR"
    (cny,) = statements.statement(client.id, dt.date(2026, 2, 1), dt.date(2026, 2, 28), currency="CNY")
    assert cny.entries == [] and cny.closing == D("0")


def test_client_without_movements_gets_an_empty_statement_in_its_currency(db):
    client = make_client(currency="CNY")
    (stmt,) = statements.statement(client.id, JAN, MAR)
    assert stmt.currency == "CNY" and stmt.entries == [] and stmt.closing == 0
    assert stmt.closing_in_words == "零元整"


def test_statement_number_is_given_only_when_issued(db):
    client, _ = _scenario()
    (draft,) = statements.statement(client.id, JAN, MAR)
    assert draft.number is None
    issued = statements.issue_statement(draft)
    again = statements.issue_statement(statements.statement(client.id, JAN, MAR)[0])
    assert issued.number.startswith("ST") and again.number.startswith("ST") and issued.number != again.number
    assert issued.closing == draft.closing
    assert statements.issue_statement(issued).number == issued.number  # already issued: unchanged
    assert AuditLog.select().where((AuditLog.entity == "statement") & (AuditLog.entity_id == client.id)).count() == 2


def test_bad_period_is_refused(db):
    client = make_client()
    with pytest.raises(ValidationError):
        statements.statement(client.id, MAR, JAN)
    with pytest.raises(ValidationError):
        statements.statement(client.id, "15/01/2026x", MAR)


# ------------------------------------------------------------- invariants --
_day = st.integers(min_value=0, max_value=89).map(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))
_cents = st.integers(min_value=1, max_value=500_000).map(lambda n: D(n) / 100)
_price = st.integers(min_value=0, max_value=999_999).map(lambda n: D(n) / 10_000)
_action = st.one_of(
    st.tuples(st.just("ship"), _day, st.integers(0, 2), st.integers(1, 60)),
    st.tuples(st.just("pay"), _day, st.booleans(), _cents),
    st.tuples(st.just("credit"), _day, st.booleans(), _cents),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prices=st.lists(_price, min_size=3, max_size=3), ordered=st.lists(st.integers(1, 120), min_size=3, max_size=3),
       actions=st.lists(_action, max_size=14), cut=_day, span=st.integers(0, 60))
def test_random_movements_keep_the_books_balanced(db, prices, ordered, actions, cut, span):
    """Each example uses its own client, so examples never see each other's data."""
    client = make_client()
    order = make_stored_order(client, [(f"S{i}", "Red", "M", q, p) for i, (q, p) in enumerate(zip(ordered, prices))])
    lines = order_lines(order)
    for kind, day, a, b in actions:
        if kind == "ship":
            with contextlib.suppress(GendanError):  # more than remains, or nothing left: refused, nothing written
                shipments.create_shipment(order.id, day, [(lines[a].id, b)])
        elif kind == "pay":
            payments.record_payment(client.id, b, "USD", day, "balance", order.id if a else None)
        else:
            add_credit(order, b, day)
            payments.refresh_settlement(order.id)

    shipped = shipments.shipped_quantities(order.id)
    assert all(0 <= r.shipped <= r.ordered for r in shipped)

    (whole,) = receivables.receivables(client.id) or [None]
    balance = receivables.client_balance(client.id).get("USD", D(0))
    if whole is not None:
        assert balance == whole.shipped - whole.credits - whole.paid
        expected_shipped = sum((receivables.line_amount(sl["quantity"], sl["unit_price"])
                                for s in shipments.list_shipments(order_id=order.id)
                                for sl in shipments.shipment_lines(s.id)), D(0))
        assert whole.shipped == expected_shipped

    date_to = cut + dt.timedelta(days=span)
    (stmt,) = statements.statement(client.id, cut, date_to, currency="USD")
    assert stmt.opening + stmt.total_shipped - stmt.total_credits - stmt.total_paid == stmt.closing
    assert stmt.closing == receivables.client_balance(client.id, until=date_to).get("USD", D(0))
    assert stmt.opening == receivables.client_balance(client.id, until=cut - dt.timedelta(days=1)).get("USD", D(0))
    running = stmt.opening
    for e in stmt.entries:
        running += e.debit - e.credit
        assert e.balance == running
    assert running == stmt.closing
    (full,) = statements.statement(client.id, dt.date(2025, 1, 1), dt.date(2026, 12, 31), currency="USD")
    assert full.closing == balance

    settled = order.__class__.get_by_id(order.id).status == "settled"
    amounts = receivables.order_amounts(order.id)
    assert settled == (payments.is_fully_shipped(order.id) and amounts["balance"] <= 0)



def test_a_statement_takes_the_same_queries_for_one_currency_or_three_and_any_number_of_lines(sqlite_db):
    client = make_client()
    usd = make_stored_order(client, [("U1", "Red", "M", 10, "2")])
    shipments.create_shipment(usd.id, JAN, [(order_lines(usd)[0].id, 4)])
    period = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    (one,), few = selects(sqlite_db, lambda: statements.statement(client.id, *period))
    assert len(one.entries) == 1
    for currency in ("EUR", "GBP"):
        order = make_stored_order(client, [("X1", "Ecru", "M", 30, "5")], currency=currency)
        for day in (JAN, FEB, MAR):
            shipments.create_shipment(order.id, day, [(order_lines(order)[0].id, 10)])
            payments.record_payment(client.id, "20", currency, day)
    three, more = selects(sqlite_db, lambda: statements.statement(client.id, *period))
    assert [(s.currency, len(s.entries), s.closing) for s in three] == [
        ("EUR", 6, D("90.00")), ("GBP", 6, D("90.00")), ("USD", 1, D("8.00"))]
    assert few == more <= 9  # the client, three balances, four kinds of entries (+ settings)


def test_a_statement_of_a_deleted_client_says_the_client_was_not_found(db):
    from gendan_desktop.core.errors import NotFound

    with pytest.raises(NotFound) as refused:
        statements.statement(987654, JAN, MAR)
    assert str(refused.value).startswith("找不到客户") and "987654" in str(refused.value)
