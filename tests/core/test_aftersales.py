"""After-sales: complaints, disposition, credits and remake orders."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from builders import TODAY, make_client, make_in_production, make_order
from order_helpers import issue_card, ship

from gendan_desktop.core import aftersales, orders
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import Complaint, Order


def shipped_order(client=None, lines=None):
    order = make_in_production(client, lines, currency="EUR")
    for line in orders.order_lines(order.id):
        ship(order, line, line.quantity)
    orders.set_status(order.id, "shipped")
    return orders.get_order(order.id)


def test_file_complaint_on_a_shipped_order(db):
    order = shipped_order()
    c = aftersales.file_complaint(order.id, "2026-12-20", "蓝色 L 码掉色", 30)
    assert re.fullmatch(r"CS\d{4}-\d{4}", c.number)
    assert (c.status, c.currency, c.qty_affected, c.date) == ("open", "EUR", 30, dt.date(2026, 12, 20))
    assert any(h.entity == "complaint" for h in orders.order_history(order.id))


def test_complaint_checks_order_batch_and_quantity(db):
    with pytest.raises(StateError, match="没有可投诉的货物"):
        aftersales.file_complaint(make_order().id, TODAY, "问题", 1)
    order = shipped_order()
    other = shipped_order()
    card = issue_card(order, quantity=40)
    with pytest.raises(ValidationError, match="不属于订单"):
        aftersales.file_complaint(order.id, TODAY, "问题", 1, card_id=issue_card(other).id)
    with pytest.raises(ValidationError, match="超过了流程卡"):
        aftersales.file_complaint(order.id, TODAY, "问题", 41, card_id=card.id)
    with pytest.raises(ValidationError, match="超过了订单"):
        aftersales.file_complaint(order.id, TODAY, "问题", 301)
    with pytest.raises(ValidationError, match="请填写客诉内容"):
        aftersales.file_complaint(order.id, TODAY, " ", 1)
    with pytest.raises(ValidationError, match="整数"):
        aftersales.file_complaint(order.id, TODAY, "问题", -1)
    assert Complaint.select().count() == 0


def test_update_complaint_is_versioned_and_audited(db):
    order = shipped_order()
    c = aftersales.file_complaint(order.id, TODAY, "线头多", 10)
    c2 = aftersales.update_complaint(c.id, {"cause": "剪线工序漏检", "qty_affected": 12}, c.version)
    assert (c2.cause, c2.qty_affected, c2.version) == ("剪线工序漏检", 12, c.version + 1)
    with pytest.raises(StaleEdit):
        aftersales.update_complaint(c.id, {"cause": "别的原因"}, c.version)
    assert aftersales.get_complaint(c.id).cause == "剪线工序漏检"
    with pytest.raises(ValidationError, match="处理方式"):
        aftersales.update_complaint(c.id, {"credit_amount": 5}, c2.version)


def test_discount_credit_is_stored_for_receivables(db):
    client = make_client()
    order = shipped_order(client)  # 1070 EUR
    c = aftersales.file_complaint(order.id, TODAY, "色差", 50)
    c = aftersales.set_disposition(c.id, "折扣", cost="0", credit_amount="120.50", credit_date="2027-01-05",
                                   expected_version=c.version)
    assert (c.disposition, c.status, c.credit_amount, c.credit_date) == (
        "discount", "processing", Decimal("120.50"), dt.date(2027, 1, 5))
    assert aftersales.client_credits(client.id) == {"EUR": Decimal("120.50")}
    c = aftersales.set_disposition(c.id, "discount", 0, 0, expected_version=c.version)
    assert c.credit_amount == 0 and c.credit_date is None


def test_credit_with_rework_needs_the_client_to_insist(db):
    order = shipped_order()
    c = aftersales.file_complaint(order.id, TODAY, "开线", 20)
    with pytest.raises(ValidationError) as exc:
        aftersales.set_disposition(c.id, "rework", cost="800", credit_amount="50", expected_version=c.version)
    assert exc.value.field == "credit_amount" and "按客户要求" in exc.value.zh
    assert aftersales.get_complaint(c.id).credit_amount == 0
    c = aftersales.set_disposition(c.id, "rework", cost="800", credit_amount="50", client_insists=True,
                                   expected_version=c.version)
    assert (c.cost, c.credit_amount, c.credit_date) == (Decimal("800"), Decimal("50"), TODAY)
    assert any(h.action == "credit_override" for h in orders.order_history(order.id))


def test_credit_cannot_exceed_what_the_order_is_worth(db):
    order = shipped_order()  # 1070
    first = aftersales.file_complaint(order.id, TODAY, "A", 10)
    aftersales.set_disposition(first.id, "return", credit_amount="1000", expected_version=first.version)
    second = aftersales.file_complaint(order.id, TODAY, "B", 10)
    with pytest.raises(ValidationError, match="超过了订单可折让的余额 70.00"):
        aftersales.set_disposition(second.id, "discount", credit_amount="70.01", expected_version=second.version)
    assert aftersales.set_disposition(second.id, "discount", credit_amount="70",
                                      expected_version=second.version).credit_amount == 70


def test_remake_order_defaults_to_the_affected_item_free_of_charge(db):
    order = shipped_order(lines=[{"style": "P7", "product": "polo", "colour": "白", "size": "XL",
                                  "quantity": 500, "unit_price": "6.8"}])
    c = aftersales.file_complaint(order.id, TODAY, "印花脱落", 45)
    remake = aftersales.create_remake_order(c.id, delivery_date=TODAY + dt.timedelta(days=20))
    assert (remake.order_type, remake.remake_of_id, remake.client_id, remake.currency, remake.status) == (
        "remake", order.id, order.client_id, "EUR", "draft")
    assert [(ln.style, ln.product, ln.colour, ln.size, ln.quantity, ln.unit_price)
            for ln in orders.order_lines(remake.id)] == [("P7", "polo", "白", "XL", 45, Decimal(0))]
    c = aftersales.get_complaint(c.id)
    assert (c.remake_order_id, c.disposition, c.status) == (remake.id, "remake", "processing")
    assert [o.id for o in Order.get_by_id(order.id).remakes] == [remake.id]
    with pytest.raises(StateError, match="已有补单"):
        aftersales.create_remake_order(c.id, delivery_date=TODAY)


def test_remake_of_a_multi_line_order_follows_the_batch(db):
    order = shipped_order()
    blue = orders.order_lines(order.id)[1]
    c = aftersales.file_complaint(order.id, TODAY, "尺码偏小", 15)
    with pytest.raises(ValidationError, match="无法判断要补哪一款"):
        aftersales.create_remake_order(c.id, delivery_date=TODAY)
    card = issue_card(order, line=blue, quantity=200)
    c = aftersales.update_complaint(c.id, {"card_id": card.id}, c.version)
    remake = aftersales.create_remake_order(c.id, delivery_date=TODAY, lines=None)
    assert [(ln.colour, ln.size, ln.quantity) for ln in orders.order_lines(remake.id)] == [("蓝", "L", 15)]


def test_remake_is_all_or_nothing(db):
    order = shipped_order()
    c = aftersales.file_complaint(order.id, TODAY, "脏污", 5)
    before = Order.select().count()
    with pytest.raises(ValidationError, match="早于下单日期"):
        aftersales.create_remake_order(c.id, delivery_date=TODAY - dt.timedelta(days=1),
                                       lines=[{"style": "T100", "quantity": 5, "unit_price": 0}])
    assert Order.select().count() == before
    assert aftersales.get_complaint(c.id).remake_order_id is None


def test_close_needs_cause_countermeasure_and_disposition(db):
    order = shipped_order()
    c = aftersales.file_complaint(order.id, TODAY, "包装破损", 8)
    with pytest.raises(ValidationError) as exc:
        aftersales.close_complaint(c.id, expected_version=c.version)
    assert "原因分析、对策、处理方式" in exc.value.zh
    c = aftersales.set_disposition(c.id, "rework", cost="200", cause="纸箱太薄", countermeasure="改用五层纸箱",
                                   expected_version=c.version)
    c = aftersales.close_complaint(c.id, expected_version=c.version)
    assert (c.status, c.closed_at) == ("closed", TODAY)
    with pytest.raises(StateError, match="已结案"):
        aftersales.update_complaint(c.id, {"cause": "x"}, c.version)


def test_a_credit_that_covers_the_balance_settles_the_order(db):
    from gendan_desktop.core import payments

    client = make_client()
    order = shipped_order(client)  # 1070 EUR shipped
    payments.record_payment(client.id, "1000", "EUR", TODAY, "balance", order.id, "TT-1")
    assert orders.get_order(order.id).status == "shipped"
    c = aftersales.file_complaint(order.id, TODAY, "短装", 10)
    aftersales.set_disposition(c.id, "discount", credit_amount="70", expected_version=c.version)
    assert orders.get_order(order.id).status == "settled"
    aftersales.set_disposition(c.id, "discount", credit_amount="20",
                               expected_version=aftersales.get_complaint(c.id).version)
    assert orders.get_order(order.id).status == "shipped"
