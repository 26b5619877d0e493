"""Quotations: the price formula, overrides, versions, expiry, PI, turning into an order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gendan_desktop.core import quotations as qt
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.common import set_setting
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import AuditLog, Order, OrderLine, Quotation, QuotationItem

TODAY = dt.date(2026, 11, 26)
D = dt.timedelta

SHIRT = {"style": "TS-01", "product": "Cotton T-shirt", "quantity": 1000, "cost_material": "10.50",
         "cost_processing": "3.00", "cost_accessories": "0.80", "cost_packing": "0.40",
         "cost_freight": "0.25", "cost_other": "0.05"}  # total 15.00 CNY


@pytest.fixture
def client(db):
    return create_client(name="Nordic Apparel AB", payment_terms="30% deposit, balance before shipment")


def _q(client, items=(SHIRT,), **kw):
    kw.setdefault("exchange_rate", "7.2")
    kw.setdefault("margin_pct", 20)
    kw.setdefault("date", TODAY)
    return qt.create_quotation(client.id, list(items), **kw)


def _prices(q):
    return [it.unit_price for it in qt.quotation_items(q.id)]


# ----------------------------------------------------------------- formula --
def test_unit_price_follows_the_formula(client):
    q = _q(client)
    # 15.00 × 1.20 ÷ 7.2 = 2.50 exactly
    assert _prices(q) == [Decimal("2.50")]
    assert qt.quotation_total(q.id) == Decimal("2500.00")
    got = Quotation.get_by_id(q.id)
    assert (got.number, got.status, got.payment_terms) == (
        "QT2611-0001", "draft", "30% deposit, balance before shipment")


def test_rounding_is_half_up_to_cents():
    # 0.035 and 0.025 are exact halves: half-up goes away from zero (banker's would give 0.02)
    assert qt.compute_unit_price("0.07", 0, 2) == Decimal("0.04")
    assert qt.compute_unit_price("0.05", 0, 2) == Decimal("0.03")
    assert qt.compute_unit_price("10", 25, "6.5") == Decimal("1.92")  # 1.923…


@given(
    cost=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2),
    margin=st.decimals(min_value=Decimal(0), max_value=Decimal(300), places=2),
    rate=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("200"), places=4),
)
def test_price_times_rate_over_margin_recovers_the_cost(cost, margin, rate):
    price = qt.compute_unit_price(cost, margin, rate)
    assert price == price.quantize(Decimal("0.01"))
    factor = 1 + margin / 100
    recovered = price * rate / factor
    # rounding moved the price by at most half a cent
    assert abs(recovered - cost) <= Decimal("0.005") * rate / factor + Decimal("1e-20")


def test_typed_unit_price_overrides_the_formula(client):
    q = _q(client, items=[SHIRT, {**SHIRT, "style": "TS-02", "unit_price": "2.35"}])
    assert _prices(q) == [Decimal("2.50"), Decimal("2.35")]


def test_costs_left_blank_count_as_none(client):
    # the items grid sends the text of its cells: a cost column not typed in is ""
    blank = {**SHIRT, "cost_freight": "", "cost_other": None}
    q = _q(client, items=[blank])
    item = qt.quotation_items(q.id)[0]
    assert (item.cost_freight, item.cost_other) == (0, 0)
    assert _prices(q) == [Decimal("2.45")]  # (15.00 - 0.25 - 0.05) × 1.20 ÷ 7.2


def test_cny_quotation_needs_no_rate_and_foreign_currency_uses_the_setting(client):
    q = qt.create_quotation(client.id, [SHIRT], currency="CNY", margin_pct=0, date=TODAY)
    assert _prices(q) == [Decimal("15.00")]
    with pytest.raises(ValidationError) as err:
        qt.create_quotation(client.id, [SHIRT], currency="EUR", date=TODAY)
    assert err.value.field == "exchange_rate" and "EUR" in err.value.zh
    set_setting("exchange_rate_EUR", "7.5")
    assert _prices(qt.create_quotation(client.id, [SHIRT], currency="EUR", date=TODAY)) == [Decimal("2.40")]


@pytest.mark.parametrize("items, kw, field", [
    ([], {}, "items"),
    ([{**SHIRT, "product": " "}], {}, "product"),
    ([{**SHIRT, "cost_material": "-1"}], {}, "cost_material"),
    ([{**SHIRT, "cost_packing": "abc"}], {}, "cost_packing"),
    ([{**SHIRT, "quantity": 1.5}], {}, "quantity"),
    ([{**SHIRT, "colour": "red"}], {}, "colour"),
    ([SHIRT], {"exchange_rate": 0}, "exchange_rate"),
    ([SHIRT], {"margin_pct": -5}, "margin_pct"),
    ([SHIRT], {"currency": "dollars"}, "currency"),
    ([SHIRT], {"valid_until": TODAY - D(1)}, "valid_until"),
])
def test_invalid_quotations_are_refused_and_nothing_is_written(client, items, kw, field):
    with pytest.raises(ValidationError) as err:
        _q(client, items=items, **kw)
    assert err.value.field == field
    assert Quotation.select().count() == QuotationItem.select().count() == 0


# ------------------------------------------------------------------ update --
def test_new_margin_reprices_formula_items_and_keeps_overrides(client):
    q = _q(client, items=[SHIRT, {**SHIRT, "style": "TS-02", "unit_price": "2.35"}])
    q = qt.update_quotation(q.id, {"margin_pct": 44}, expected_version=1)
    assert q.version == 2
    assert _prices(q) == [Decimal("3.00"), Decimal("2.35")]  # 15 × 1.44 ÷ 7.2
    log = AuditLog.get((AuditLog.entity == "quotation") & (AuditLog.field == "margin_pct"))
    assert (log.old, log.new) == ("20", "44")


def test_replacing_items_makes_a_new_version(client):
    q = _q(client)
    q = qt.update_quotation(q.id, {}, expected_version=1, items=[{**SHIRT, "quantity": 500}, SHIRT])
    assert q.version == 2
    assert [it.quantity for it in qt.quotation_items(q.id)] == [500, 1000]
    with pytest.raises(StaleEdit):
        qt.update_quotation(q.id, {}, expected_version=1, items=[SHIRT])
    assert len(qt.quotation_items(q.id)) == 2


def test_stale_edit_is_refused_and_changes_nothing(client):
    q = _q(client)
    qt.update_quotation(q.id, {"notes": "first"}, expected_version=1)
    with pytest.raises(StaleEdit):
        qt.update_quotation(q.id, {"margin_pct": 50}, expected_version=1)
    assert Quotation.get_by_id(q.id).margin_pct == 20
    assert _prices(q) == [Decimal("2.50")]


def test_rejected_quotation_cannot_be_edited(client):
    q = _q(client)
    qt.mark_sent(q.id)
    qt.mark_rejected(q.id)
    with pytest.raises(StateError) as err:
        qt.update_quotation(q.id, {"notes": "x"}, expected_version=None)
    assert q.number in err.value.zh and "rejected" in err.value.en


# ------------------------------------------------------------------ expiry --
def test_quotations_expiring_soon(client):
    soon = _q(client, valid_until=TODAY + D(3))
    today = _q(client, valid_until=TODAY)
    _q(client, valid_until=TODAY + D(30))
    _q(client, valid_until=TODAY - D(1), date=TODAY - D(10))
    _q(client)  # no validity date
    sent = _q(client, valid_until=TODAY + D(7))
    qt.mark_sent(sent.id)
    pi = _q(client, valid_until=TODAY + D(2))
    qt.issue_pi(pi.id, pi_date=TODAY)
    got = qt.quotations_expiring(TODAY, within_days=7)
    assert [q.id for q in got] == [today.id, soon.id, sent.id]
    assert got[0].client.name == "Nordic Apparel AB"


# ---------------------------------------------------------------------- PI --
def test_issue_pi_numbers_it_and_refuses_a_second_time(client):
    a, b = _q(client), _q(client)
    qt.mark_sent(b.id)
    a = qt.issue_pi(a.id, pi_date=TODAY)
    b = qt.issue_pi(b.id, pi_date=TODAY)
    assert (a.pi_number, a.pi_date, a.status) == ("PI2611-0001", TODAY, "pi")
    assert b.pi_number == "PI2611-0002"
    with pytest.raises(StateError) as err:
        qt.issue_pi(a.id, pi_date=TODAY)
    assert "PI" in err.value.zh and a.number in err.value.en
    assert Quotation.get_by_id(a.id).pi_number == "PI2611-0001"


def test_pi_is_refused_on_expired_prices(client):
    q = _q(client, valid_until=TODAY + D(5))
    with pytest.raises(StateError) as err:
        qt.issue_pi(q.id, pi_date=TODAY + D(6))
    assert "extend" in err.value.en
    assert Quotation.get_by_id(q.id).pi_number is None


# ------------------------------------------------------------------- order --
def test_quotation_becomes_an_order(client):
    pytest.importorskip("gendan_desktop.core.orders")
    q = _q(client, items=[SHIRT, {**SHIRT, "style": "TS-02", "quantity": 0},
                          {**SHIRT, "style": "TS-03", "quantity": 300, "unit_price": "2.1"}],
           trade_terms="CIF")
    qt.issue_pi(q.id, pi_date=TODAY)
    order = qt.create_order_from_quotation(q.id, TODAY + D(60), client_po="PO-7788", channel="传真",
                                           order_date=TODAY)
    order = Order.get_by_id(order.id)
    assert (order.client_id, order.quotation_id, order.client_po, order.channel, order.currency,
            order.trade_terms, order.status) == (client.id, q.id, "PO-7788", "fax", "USD", "CIF", "draft")
    lines = [(ln.style, ln.quantity, ln.unit_price) for ln in order.lines.order_by(OrderLine.line_no)]
    assert lines == [("TS-01", 1000, Decimal("2.50")), ("TS-03", 300, Decimal("2.10"))]
    assert Quotation.get_by_id(q.id).status == "ordered"
    with pytest.raises(StateError):
        qt.create_order_from_quotation(q.id, TODAY + D(60))
    assert Order.select().count() == 1


def test_failed_order_leaves_the_quotation_as_it_was(client):
    pytest.importorskip("gendan_desktop.core.orders")
    q = _q(client)
    with pytest.raises(ValidationError):  # delivery before the order date
        qt.create_order_from_quotation(q.id, TODAY - D(1), order_date=TODAY)
    assert Quotation.get_by_id(q.id).status == "draft"
    assert Order.select().count() == 0


def test_quotation_with_no_quantities_cannot_become_an_order(client):
    q = _q(client, items=[{**SHIRT, "quantity": 0}])
    with pytest.raises(ValidationError) as err:
        qt.create_order_from_quotation(q.id, TODAY + D(30))
    assert "quantit" in err.value.en
