"""can_edit / can_confirm / can_cancel say yes exactly where the services act.

Each record is put in each status and the service is tried: a status the rule
allows is accepted, any other is refused with a StateError, and the window
(which enables its buttons by these rules) never offers what the core refuses.
"""

from __future__ import annotations

import datetime as dt

import pytest
from builders import TODAY, make_client, make_order, review_all

from gendan_desktop.core import enums, orders, quotations, recalls, revisions
from gendan_desktop.core.errors import StateError
from gendan_desktop.core.models import Order, Quotation
from gendan_desktop.core.status_rules import can_cancel, can_confirm, can_edit, can_issue_pi, can_revise, can_send

ORDER_STATUSES = list(enums.ORDER_STATUSES)
QUOTATION_STATUSES = list(enums.QUOTATION_STATUSES)


def _order_in(status: str) -> Order:
    order = review_all(make_order())  # every review item ticked: only the status decides
    Order.update(status=status).where(Order.id == order.id).execute()
    return orders.get_order(order.id)


def _quotation_in(status: str) -> Quotation:
    client = make_client()
    q = quotations.create_quotation(client.id, [{"style": "Q1", "product": "T恤", "quantity": 100,
                                                 "unit_price": "3.20"}], currency="USD", exchange_rate="7.2",
                                    date=TODAY, valid_until=TODAY + dt.timedelta(days=30))
    Quotation.update(status=status).where(Quotation.id == q.id).execute()
    return Quotation.get_by_id(q.id)


def _accepted(action) -> bool:
    try:
        action()
    except StateError:
        return False
    return True


def test_the_rules_as_a_merchandiser_knows_them():
    assert [s for s in ORDER_STATUSES if can_edit("order", s)] == ["draft", "reviewed"]
    assert [s for s in ORDER_STATUSES if can_confirm("order", s)] == ["reviewed"]
    assert [s for s in ORDER_STATUSES if can_cancel("order", s)] == ["draft", "reviewed", "confirmed",
                                                                      "in_production"]
    assert [s for s in ORDER_STATUSES if can_revise(s)] == ["confirmed", "in_production", "partly_shipped"]
    for rule in (can_edit, can_confirm, can_cancel):
        assert [s for s in QUOTATION_STATUSES if rule("quotation", s)] == ["draft", "sent", "pi"]
    assert [s for s in QUOTATION_STATUSES if can_send(s)] == ["draft"]
    assert [s for s in QUOTATION_STATUSES if can_issue_pi(s)] == ["draft", "sent"]
    with pytest.raises(ValueError):
        can_edit("sample", "draft")


@pytest.mark.parametrize("status", ORDER_STATUSES)
def test_order_services_follow_the_rules(db, status):
    order = _order_in(status)
    assert _accepted(lambda: orders.update_order(order.id, {"notes": "加急"}, order.version)) \
        == can_edit("order", status)
    order = _order_in(status)
    assert _accepted(lambda: orders.confirm_order(order.id, expected_version=order.version)) \
        == can_confirm("order", status)
    order = _order_in(status)
    assert _accepted(lambda: recalls.cancel_order(order.id, "客户取消", order.version)) \
        == can_cancel("order", status)
    order = _order_in(status)
    assert _accepted(lambda: revisions.revise_order(order.id, "客户改交期", {"notes": "改"}, None,
                                                    expected_version=order.version)) == can_revise(status)


@pytest.mark.parametrize("status", QUOTATION_STATUSES)
def test_quotation_services_follow_the_rules(db, status):
    q = _quotation_in(status)
    assert _accepted(lambda: quotations.update_quotation(q.id, {"notes": "含运费"}, q.version)) \
        == can_edit("quotation", status)
    q = _quotation_in(status)
    assert _accepted(lambda: quotations.create_order_from_quotation(q.id, TODAY + dt.timedelta(days=40))) \
        == can_confirm("quotation", status)
    q = _quotation_in(status)
    assert _accepted(lambda: quotations.mark_rejected(q.id)) == can_cancel("quotation", status)
    q = _quotation_in(status)
    assert _accepted(lambda: quotations.mark_sent(q.id)) == can_send(status)
    q = _quotation_in(status)
    assert _accepted(lambda: quotations.issue_pi(q.id, TODAY)) == can_issue_pi(status)
