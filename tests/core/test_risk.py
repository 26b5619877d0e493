"""Delivery risk projected from the actual progress rate."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import TODAY, lines_of, make_confirmed, two_lines
from query_count import selects

from gendan_desktop.core import production, risk, shipments
from gendan_desktop.core.common import set_setting
from gendan_desktop.core.models import Order
from gendan_desktop.core.recalls import cancel_order


def _finish(card, qty=None, date=None):
    """Run ``qty`` pieces of a card through every step, all good."""
    qty = card.quantity if qty is None else qty
    for s in production.card_steps(card):
        production.record_progress(card.number, s.seq, qty, qty, 0, "工人", date)


def _started(days_ago: int, delivery_in: int, good: int):
    """An order of 300 in production for ``days_ago`` days with ``good`` pieces packed."""
    order = make_confirmed(lines=two_lines(red=100, blue=200), delivery_date=TODAY + dt.timedelta(days=delivery_in))
    production.start_production(order.id, confirm_missing=True)
    Order.update(production_started_at=dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(8))).where(
        Order.id == order.id).execute()
    cards = production.issue_flow_cards(order.id, batch_size=100)
    left = good
    for c in cards:
        if left <= 0:
            break
        _finish(c, min(left, c.quantity))
        left -= c.quantity
    return order


def test_on_track_when_the_rate_finishes_well_before_delivery(db):
    order = _started(days_ago=10, delivery_in=20, good=200)  # 20 a day, 100 left → 5 days
    r = risk.delivery_risk(order.id, TODAY)
    assert r.level == "on_track"
    assert (r.ordered, r.good, r.rate_per_day) == (300, 200, 20.0)
    assert r.projected_finish == TODAY + dt.timedelta(days=5) and r.margin_days == 15
    assert "20" in r.reason_zh and "projected finish" in r.reason_en
    assert r.label == "正常"


def test_at_risk_within_the_safety_margin(db):
    order = _started(days_ago=10, delivery_in=7, good=200)
    r = risk.delivery_risk(order.id, TODAY)
    assert (r.level, r.margin_days) == ("at_risk", 2)
    assert "2" in r.reason_zh and "safety margin 3" in r.reason_en


def test_late_when_the_projection_passes_the_delivery_date(db):
    order = _started(days_ago=10, delivery_in=4, good=200)
    r = risk.delivery_risk(order.id, TODAY)
    assert (r.level, r.margin_days) == ("late", -1)
    assert "1 days late" in r.reason_en


def test_safety_margin_is_a_setting(db):
    order = _started(days_ago=10, delivery_in=20, good=200)
    set_setting("risk_safety_days", "20")
    assert risk.delivery_risk(order.id, TODAY).level == "at_risk"


def test_late_once_the_delivery_date_passed_unless_all_shipped(db):
    order = _started(days_ago=10, delivery_in=5, good=300)
    assert risk.delivery_risk(order.id, TODAY).level == "on_track"  # all produced, not due yet
    after = TODAY + dt.timedelta(days=6)
    r = risk.delivery_risk(order.id, after)
    assert r.level == "late" and "0/300" in r.reason_zh
    red, blue = lines_of(order)
    shipments.create_shipment(order.id, TODAY, [(red.id, 100)])
    assert risk.delivery_risk(order.id, after).level == "late"  # partly shipped
    shipments.create_shipment(order.id, TODAY, [(blue.id, 200)])
    r = risk.delivery_risk(order.id, after)
    assert (r.level, r.shipped) == ("on_track", 300)


def test_no_progress_is_at_risk_only_late_in_the_lead_time(db):
    order = make_confirmed(delivery_date=TODAY + dt.timedelta(days=40))  # lead time counted from confirmation
    early = risk.delivery_risk(order.id, TODAY + dt.timedelta(days=10))
    assert (early.level, early.days_left, early.lead_days) == ("on_track", 30, 40)
    assert early.projected_finish is None and early.rate_per_day == 0
    late_in_lead = risk.delivery_risk(order.id, TODAY + dt.timedelta(days=25))
    assert late_in_lead.level == "at_risk" and "15" in late_in_lead.reason_en
    set_setting("risk_no_progress_share", "0.3")
    assert risk.delivery_risk(order.id, TODAY + dt.timedelta(days=25)).level == "on_track"


def test_rate_counts_from_the_first_report_when_production_never_started(db):
    order = make_confirmed(lines=two_lines(red=100, blue=100), delivery_date=TODAY + dt.timedelta(days=30))
    a, b = production.issue_flow_cards(order.id, batch_size=100)
    _finish(a, date=TODAY - dt.timedelta(days=4))
    r = risk.delivery_risk(order.id, TODAY)
    assert r.start_date == TODAY - dt.timedelta(days=4)
    assert r.rate_per_day == 25.0 and r.projected_finish == TODAY + dt.timedelta(days=4)


def test_recalled_cards_do_not_count(db):
    order = _started(days_ago=10, delivery_in=20, good=200)
    for c in production.cards_for_order(order.id):
        production.recall_card(c.id, "重开")
    r = risk.delivery_risk(order.id, TODAY)
    assert r.good == 0 and r.projected_finish is None


def test_cancelled_orders_carry_no_risk(db):
    order = make_confirmed(delivery_date=TODAY + dt.timedelta(days=2))
    cancel_order(order.id, "客户取消", order.version)
    assert risk.delivery_risk(order.id, TODAY + dt.timedelta(days=30)).level == "on_track"


def test_orders_at_risk_lists_late_first(db):
    fine = _started(days_ago=10, delivery_in=20, good=200)
    shaky = _started(days_ago=10, delivery_in=7, good=200)
    behind = _started(days_ago=10, delivery_in=4, good=200)
    listed = risk.orders_at_risk(TODAY)
    assert [(r.order_id, r.level) for r in listed] == [(behind.id, "late"), (shaky.id, "at_risk")]
    many = risk.risk_for_orders([fine.id, shaky.id, behind.id, 999999], TODAY)
    assert {k: v.level for k, v in many.items()} == {fine.id: "on_track", shaky.id: "at_risk", behind.id: "late"}



def count(database, func) -> int:
    return selects(database, func)[1]


def test_risk_for_many_orders_takes_a_fixed_number_of_queries(sqlite_db):
    ids = [_started(days_ago=5, delivery_in=20 + i, good=100).id for i in range(12)]
    few = count(sqlite_db, lambda: risk.risk_for_orders(ids[:2], TODAY))
    many = count(sqlite_db, lambda: risk.risk_for_orders(ids, TODAY))
    assert few == many <= 10  # exceptions and late purchases: two more


@pytest.mark.parametrize("good, days_ago, delivery_in, level", [
    (1, 1, 400, "on_track"),  # 1 a day, 299 left, 400 days to go
    (1, 1, 300, "at_risk"),
    (1, 1, 298, "late"),
])
def test_pure_assessment_boundaries(good, days_ago, delivery_in, level):
    r = risk.assess(1, "in_production", TODAY + dt.timedelta(days=delivery_in), TODAY, None,
                    dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time()), 300, 0, good, None, TODAY)
    assert r.level == level
