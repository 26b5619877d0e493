"""Numbers a merchandiser can type: one set of bounds, and sums that cannot overflow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import make_client

from gendan_desktop.core import limits, orders, payments
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.models import Payment

INT64 = 2 ** 63 - 1
SCALE = 10 ** 4  # MoneyField keeps 1/10000


def test_the_bounds_keep_every_sum_within_64_bits():
    per_line = limits.LINE_AMOUNT.high * SCALE
    assert limits.QUANTITY.high * limits.UNIT_PRICE.high * SCALE > per_line  # the amount bound is the binding one
    assert limits.MAX_ORDER_LINES * per_line < INT64 // 10  # any sum over one order
    assert 3 * limits.CLIENT_TOTAL * SCALE < INT64  # shipped, credited + paid of one client and currency
    assert limits.AMOUNT.high * SCALE < INT64 // 10 ** 4


def test_an_order_at_the_bounds_sums_exactly_and_one_beyond_is_refused(db):
    client = make_client()
    line = {"style": "BIG", "quantity": 10_000_000, "unit_price": "1000"}  # 10^10, the most a line may hold
    order = orders.create_order(client.id, lines=[dict(line, colour=c) for c in "ABC"],
                                delivery_date=dt.date.today() + dt.timedelta(days=30))
    assert orders.order_totals(order.id)["amount"] == Decimal(3 * 10 ** 10)
    # the line: 1,000,000 × 500,000,000 was stored, and every export of orders then failed
    with pytest.raises(ValidationError) as err:
        orders.create_order(client.id, lines=[{"style": "X", "quantity": 1_000_000, "unit_price": 500_000_000}] * 2,
                            delivery_date=dt.date.today() + dt.timedelta(days=30))
    assert err.value.field == "lines.1.unit_price" and "10,000,000" in err.value.zh and "10,000,000" in err.value.en
    with pytest.raises(ValidationError, match="最多 4 位小数"):
        orders.create_order(client.id, lines=[{"style": "X", "quantity": 1, "unit_price": "0.0000001"}],
                            delivery_date=dt.date.today() + dt.timedelta(days=30))
    with pytest.raises(ValidationError, match="定金比例"):
        orders.update_order(order.id, {"deposit_pct": "100.5"}, order.version)


def test_a_clients_total_of_payments_is_capped_where_it_is_written(db):
    client = make_client()
    today = dt.date.today()
    # years of payments, written straight to the table: just under the cap
    Payment.create(client=client, amount=limits.CLIENT_TOTAL - 5, currency="USD", date=today)
    with pytest.raises(ValidationError) as err:
        payments.record_payment(client.id, "10", "USD", today)
    assert "100,000,000,000,000" in err.value.zh and err.value.field == "amount"
    assert payments.record_payment(client.id, "5", "USD", today).amount == Decimal(5)
    assert payments.record_payment(client.id, "10", "EUR", today)  # another currency has its own total


def test_amounts_outside_their_bounds_name_the_range(db):
    client = make_client()
    with pytest.raises(ValidationError) as err:
        payments.record_payment(client.id, "10000000000.01", "USD", dt.date.today())
    assert "10,000,000,000" in err.value.zh and "at most 10,000,000,000" in err.value.en
    with pytest.raises(ValidationError, match="最多 2 位小数"):
        payments.record_payment(client.id, "1.005", "USD", dt.date.today())
