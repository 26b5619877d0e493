"""Payments: validation, settlement of fully shipped and paid orders, void with audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import make_client, make_stored_order
from money_helpers import add_credit, order_lines, status_of

from gendan_desktop.core import payments, shipments
from gendan_desktop.core.errors import StaleEdit, ValidationError
from gendan_desktop.core.models import AuditLog, Payment
from gendan_desktop.core.receivables import client_balance

D = Decimal
DAY = dt.date(2026, 4, 1)


def _shipped_order(client=None, qty=100, price="2.50"):
    client = client or make_client()
    order = make_stored_order(client, [("B200", "Navy", "S", qty, price)])
    (line,) = order_lines(order)
    shipments.create_shipment(order.id, DAY, [(line.id, qty)])
    return client, order


def test_deposit_and_balance_settle_a_fully_shipped_order(db):
    client, order = _shipped_order()  # 250.00 USD
    p = payments.record_payment(client.id, "75.00", "usd", DAY, "deposit", order.id, "TT-001")
    assert p.amount == D("75.00") and p.currency == "USD" and p.kind == "deposit"
    assert status_of(order) == "shipped"
    payments.record_payment(client.id, D("175"), "USD", DAY + dt.timedelta(days=20), "尾款", order.id, "TT-002")
    assert status_of(order) == "settled"
    assert client_balance(client.id) == {"USD": D("0.00")}


def test_prepaid_order_settles_when_its_last_shipment_leaves(db):
    client = make_client()
    order = make_stored_order(client, [("B200", "Navy", "S", 10, "10")])
    (line,) = order_lines(order)
    payments.record_payment(client.id, "100", "USD", DAY, "deposit", order.id, "TT-9")
    shipments.create_shipment(order.id, DAY, [(line.id, 4)])
    assert status_of(order) == "partly_shipped"  # paid, but not all shipped
    shipments.create_shipment(order.id, DAY, [(line.id, 6)])
    assert status_of(order) == "settled"


def test_credit_counts_towards_settlement(db):
    client, order = _shipped_order()
    add_credit(order, "50", DAY)
    payments.record_payment(client.id, "199.99", "USD", DAY, "balance", order.id)
    assert status_of(order) == "shipped"  # 0.01 still open
    payments.record_payment(client.id, "0.01", "USD", DAY, "other", order.id)
    assert status_of(order) == "settled"


def test_payment_on_account_does_not_settle_an_order(db):
    client, order = _shipped_order()
    payments.record_payment(client.id, "250", "USD", DAY, "balance", None, "on account")
    assert status_of(order) == "shipped"
    assert client_balance(client.id) == {"USD": D("0.00")}


@pytest.mark.parametrize("amount", ["0", "-5", "12.345", "abc", "", "NaN"])
def test_bad_amounts_are_refused_with_a_sentence(db, amount):
    client = make_client()
    with pytest.raises(ValidationError) as err:
        payments.record_payment(client.id, amount, "USD", DAY)
    assert err.value.field == "amount" and err.value.zh.endswith("。")
    assert Payment.select().count() == 0


def test_order_must_belong_to_the_client_and_share_its_currency(db):
    client, order = _shipped_order()
    other = make_client()
    with pytest.raises(ValidationError) as err:
        payments.record_payment(other.id, "10", "USD", DAY, order_id=order.id)
    assert order.number in err.value.zh and err.value.field == "order"
    with pytest.raises(ValidationError) as err:
        payments.record_payment(client.id, "10", "EUR", DAY, order_id=order.id)
    assert "USD" in err.value.zh and err.value.field == "currency"
    with pytest.raises(ValidationError):
        payments.record_payment(client.id, "10", "XYZ", DAY)
    with pytest.raises(ValidationError):
        payments.record_payment(client.id, "10", "USD", DAY, kind="gift")
    assert Payment.select().count() == 0
    # a payment in another currency without an order is fine: its own balance
    payments.record_payment(client.id, "10", "EUR", DAY)
    assert client_balance(client.id) == {"USD": D("250.00"), "EUR": D("-10.00")}


def test_void_payment_reopens_the_order_and_is_audited(db):
    client, order = _shipped_order()
    p = payments.record_payment(client.id, "250", "USD", DAY, "balance", order.id, "TT-77")
    assert status_of(order) == "settled"
    payments.void_payment(p.id, reason="银行退票 bounced", expected_version=p.version)
    assert Payment.get_or_none(Payment.id == p.id) is None
    assert status_of(order) == "shipped"
    log = AuditLog.get((AuditLog.entity == "payment") & (AuditLog.action == "void"))
    assert "250" in log.old and "TT-77" in log.old and "bounced" in log.new
    assert log.order_id == order.id
    assert client_balance(client.id) == {"USD": D("250.00")}


def test_update_payment_is_versioned_and_moves_settlement(db):
    client, order = _shipped_order()
    p = payments.record_payment(client.id, "200", "USD", DAY, "balance", order.id)
    assert status_of(order) == "shipped"
    p2 = payments.update_payment(p.id, {"amount": "250.00", "reference": "TT-corrected"}, p.version)
    assert p2.amount == D("250.00") and p2.version == p.version + 1
    assert status_of(order) == "settled"
    with pytest.raises(StaleEdit):
        payments.update_payment(p.id, {"amount": "1"}, p.version)
    with pytest.raises(StaleEdit):
        payments.void_payment(p.id, "", expected_version=p.version)
    # moving the payment off the order un-settles it
    payments.update_payment(p.id, {"order_id": None}, p2.version)
    assert status_of(order) == "shipped"
    changed = {a.field for a in AuditLog.select().where(AuditLog.entity == "payment")}
    assert {"amount", "reference", "order"} <= changed
