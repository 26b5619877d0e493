"""Issue 10, the order's life around production: shipments checked against what is
finished, quotation → order, the sample chain 小样 → 批板 → 大货, risk from exceptions
and late purchases, backup factories, and a cancelled order's deposit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import TODAY, lines_of, make_client, make_confirmed, two_lines

from gendan_desktop.core import (
    factories,
    materials,
    orders,
    payments,
    production,
    production_exceptions,
    quotations,
    receivables,
    risk,
    samples,
    shipments,
    statements,
)
from gendan_desktop.core.errors import StateError, ValidationError
from gendan_desktop.core.models import AuditLog, FlowCard, Order, Payment, Shipment
from gendan_desktop.core.recalls import cancel_order

D = Decimal


def _finish(card, qty=None):
    """Every step of the card puts out ``qty`` (default: all) good pieces."""
    qty = card.quantity if qty is None else qty
    for s in production.card_steps(card):
        production.record_progress(card.number, s.seq, qty, qty, 0, "工人")


# -------------------------------------------------------------- 10. ship --
def test_shipping_more_than_finished_needs_a_reason_which_is_kept(db):
    order = make_confirmed(lines=two_lines(red=3000, blue=1700))
    red_card, blue_card = production.issue_flow_cards(order.id, batch_size=100_000)
    _finish(red_card, 1000)  # 1,000 of 3,000 red finished, no blue
    red, blue = lines_of(order)
    with pytest.raises(ValidationError) as e:
        shipments.create_shipment(order.id, TODAY, [(red.id, 3000), (blue.id, 1700)])
    assert e.value.field == "excess_reason"
    assert "第 1 行" in e.value.zh and "已完工未出 1,000" in e.value.zh and "第 2 行" in e.value.zh
    assert Shipment.select().count() == 0
    assert shipments.finished_unshipped(order) == {red.id: 1000, blue.id: 0}
    ok = shipments.create_shipment(order.id, TODAY, [(red.id, 600)])  # within what is finished
    assert ok.excess_reason == ""
    assert shipments.finished_unshipped(order) == {red.id: 400, blue.id: 0}
    forced = shipments.create_shipment(order.id, TODAY, [(blue.id, 1700)], excess_reason="  库存现货先出  ")
    assert Shipment.get_by_id(forced.id).excess_reason == "库存现货先出"
    log = AuditLog.get((AuditLog.entity == "shipment") & (AuditLog.entity_id == forced.id)
                       & (AuditLog.field == "excess_reason"))
    assert log.new == "库存现货先出"


# ------------------------------------------------------- 11. quotations --
def test_quotation_becomes_an_order_once_with_its_descriptions(db):
    client = make_client()
    q = quotations.create_quotation(client.id, [
        {"style": "TS-01", "product": "T恤", "description": "180g 精梳棉,领口罗纹", "quantity": 500,
         "cost_material": "10", "unit_price": "2.50"}], exchange_rate="7", date=TODAY)
    order = quotations.create_order_from_quotation(q.id, TODAY + dt.timedelta(days=40))
    (line,) = orders.order_lines(order.id)
    assert line.remarks == "180g 精梳棉,领口罗纹"
    assert [o.number for o in quotations.quotation_orders(q.id)] == [order.number]
    with pytest.raises(StateError) as e:
        quotations.create_order_from_quotation(q.id, TODAY + dt.timedelta(days=40))
    assert order.number in e.value.zh and order.number in e.value.en
    assert Order.select().count() == 1


# ---------------------------------------------------------- 12. samples --
def test_approved_sample_becomes_a_bulk_order_and_both_ends_see_the_link(db):
    client = make_client()
    s = samples.request_sample(client.id, style="H-22", product="卫衣", colour="藏青", size="M",
                               requested_date=TODAY - dt.timedelta(days=10))
    with pytest.raises(StateError):  # not approved yet
        samples.create_order_from_sample(s.id, TODAY + dt.timedelta(days=50), 3000, "6.80")
    s = samples.mark_made(s.id, date=TODAY - dt.timedelta(days=8), expected_version=s.version)
    s = samples.send_sample(s.id, "DHL", "JD1", date=TODAY - dt.timedelta(days=7), expected_version=s.version)
    with pytest.raises(ValidationError) as e:  # decided before it was sent
        samples.approve_sample(s.id, "OK", date=TODAY - dt.timedelta(days=9), expected_version=s.version)
    assert e.value.field == "decided_date"
    samples.approve_sample(s.id, "颜色OK", date=TODAY - dt.timedelta(days=3), expected_version=s.version)
    order = samples.create_order_from_sample(s.id, TODAY + dt.timedelta(days=50), 3000, "6.80", client_po="PO-9")
    assert (order.sample_id, order.status, order.client_po) == (s.id, "draft", "PO-9")
    (line,) = orders.order_lines(order.id)
    assert (line.style, line.colour, line.size, line.quantity, line.unit_price) == ("H-22", "藏青", "M", 3000, D("6.8"))
    assert samples.orders_for_samples([s.id]) == {s.id: [(order.id, order.number)]}
    summary = samples.sample_summary(order.sample_id, "zh")
    assert s.number in summary and "已批板" in summary and str(TODAY - dt.timedelta(days=3)) in summary


# ------------------------------------------------------------- 13. risk --
def test_open_critical_exception_and_late_purchases_raise_the_risk_and_say_why(db):
    order = make_confirmed(lines=two_lines(red=3000, blue=1000), delivery_date=TODAY + dt.timedelta(days=60))
    red_card, _blue_card = production.issue_flow_cards(order.id, batch_size=100_000)
    assert risk.delivery_risk(order.id).level == "on_track"
    production_exceptions.report_exception(order.id, "equipment", "critical", "裁床故障,停产", red_card.id)
    r = risk.delivery_risk(order.id)
    assert r.level == "at_risk" and r.open_exceptions == 1
    assert "紧急" in r.reason_zh and "3,000" in r.reason_zh and "3,000 pieces" in r.reason_en
    assert " Open production exception (equipment, critical)" in r.reason_en  # a sentence starts with a capital
    (exc,) = production_exceptions.open_exceptions(order.id)
    production_exceptions.resolve(exc.id, "已修好")
    assert risk.delivery_risk(order.id).level == "on_track"
    m = materials.add_material(order.id, "全棉汗布", "0.3", 0, unit="kg")
    materials.create_purchase(m.id, "绍兴布行", 1200, TODAY - dt.timedelta(days=4),
                              ordered_date=TODAY - dt.timedelta(days=20))
    r = risk.delivery_risk(order.id)
    assert r.level == "at_risk" and r.late_purchases == 1
    assert "全棉汗布" in r.reason_zh and "逾期 4 天" in r.reason_zh and "4 days late" in r.reason_en
    assert " Material “全棉汗布” from 绍兴布行 was due" in r.reason_en
    assert [x.order_id for x in risk.orders_at_risk()] == [order.id]


def test_a_low_exception_is_named_but_leaves_the_level(db):
    order = make_confirmed(delivery_date=TODAY + dt.timedelta(days=60))
    production_exceptions.report_exception(order.id, "quality", "low", "线头略多")
    r = risk.delivery_risk(order.id)
    assert r.level == "on_track" and "线头略多" in r.reason_zh


# -------------------------------------------------- 14. backup factories --
def test_a_line_split_between_factories_and_the_shares_shown(db):
    own = factories.create_factory("本厂一车间", "own")
    backup = factories.create_factory("绍兴华达针织", "backup")
    order = make_confirmed(lines=two_lines(red=3000, blue=1000))
    factories.assign_order(order.id, own.id)
    red, blue = lines_of(order)
    cards = production.issue_flow_cards(order.id, outsource={red.id: (backup.id, 1000)})
    assert [(c.order_line_id, c.quantity, c.factory_id) for c in cards] == [
        (red.id, 2000, own.id), (red.id, 1000, backup.id), (blue.id, 1000, own.id)]
    shares = factories.factory_shares(order.id)
    assert [(s["name"], s["quantity"], s["outsourced"]) for s in shares] == [
        ("本厂一车间", 3000, False), ("绍兴华达针织", 1000, True)]
    with pytest.raises(ValidationError):  # more than the line has left
        production.plan_cards(orders.get_order(order.id), outsource={red.id: (backup.id, 1)})


def test_a_card_split_to_a_backup_factory(db):
    backup = factories.create_factory("宁波备选工厂", "backup")
    order = make_confirmed(lines=two_lines(red=500, blue=100))
    red_card, blue_card = production.issue_flow_cards(order.id, batch_size=100_000)
    rest, moved = production.split_card(red_card.id, 200, backup.id)
    assert FlowCard.get_by_id(red_card.id).recalled_at is not None
    assert (rest.quantity, rest.factory_id, moved.quantity, moved.factory_id) == (300, None, 200, backup.id)
    assert [s.planned_date for s in production.card_steps(moved)] == [
        s.planned_date for s in production.card_steps(red_card)]
    production.record_progress(blue_card.number, 1, 10, 10, 0, "张三")
    with pytest.raises(StateError):  # progress recorded: split no more
        production.split_card(blue_card.id, 50, backup.id)
    with pytest.raises(ValidationError):
        production.split_card(rest.id, 300, backup.id)


# ---------------------------------------------------- 15. the deposit --
def _cancelled_with_deposit():
    order = make_confirmed(lines=two_lines(red=100, blue=100))
    deposit = payments.record_payment(order.client_id, "210.00", "USD", TODAY - dt.timedelta(days=5),
                                      "deposit", order.id, "TT-DEP")
    cancel_order(order.id, "客户取消本季订单", Order.get_by_id(order.id).version)
    return order, deposit


def test_refunded_deposit_flows_to_the_statement_and_receivables(db):
    order, deposit = _cancelled_with_deposit()
    (st,) = statements.statement(order.client_id, TODAY - dt.timedelta(days=30), TODAY)
    kinds = [(e.kind, e.amount, e.note) for e in st.entries]
    assert kinds == [("payment", D("210.00"), "订单已取消"), ("cancellation", D("0.00"), "订单已取消")]
    assert "客户取消本季订单" in st.entries[1].description
    assert receivables.client_balance(order.client_id) == {"USD": D("-210.00")}  # we owe the client
    refund = payments.refund_payment(deposit.id, TODAY, reference="TT-RF1")
    assert (refund.kind, refund.amount) == ("refund", D("-210.00"))
    assert receivables.client_balance(order.client_id) == {"USD": D("0.00")}
    (st,) = statements.statement(order.client_id, TODAY - dt.timedelta(days=30), TODAY)
    assert st.entries[-1].kind == "payment" and st.entries[-1].amount == D("-210.00")
    assert "退款" in st.entries[-1].description and st.closing == D("0.00")
    with pytest.raises(StateError):  # nothing left to refund
        payments.refund_payment(deposit.id, TODAY)
    with pytest.raises(StateError):  # the refund must go first
        payments.void_payment(deposit.id, "录错", Payment.get_by_id(deposit.id).version)
    payments.void_payment(refund.id, "退错了", Payment.get_by_id(refund.id).version)
    assert receivables.client_balance(order.client_id) == {"USD": D("-210.00")}


def test_deposit_carried_to_another_order(db):
    order, deposit = _cancelled_with_deposit()
    other = make_confirmed(lines=two_lines(red=50, blue=50), client=order.client)
    with pytest.raises(ValidationError):
        payments.carry_payment(deposit.id, order.id, TODAY)  # not to itself
    out, into = payments.carry_payment(deposit.id, other.id, TODAY, amount="200")
    assert (out.order_id, out.amount, into.order_id, into.amount) == (order.id, D("-200.00"), other.id, D("200.00"))
    assert receivables.order_amounts(other.id)["paid"] == D("200.00")
    assert receivables.order_amounts(order.id)["paid"] == D("10.00")
    assert receivables.client_balance(order.client_id) == {"USD": D("-210.00")}  # nothing left the client
    (st,) = statements.statement(order.client_id, TODAY - dt.timedelta(days=30), TODAY)
    moves = [(e.order_no, e.amount) for e in st.entries if e.payment_kind == "transfer"]
    assert sorted(moves) == sorted([(order.number, D("-200.00")), (other.number, D("200.00"))])
    assert any(other.number in e.description for e in st.entries if e.order_no == order.number)
    payments.void_payment(into.id, "转错订单", Payment.get_by_id(into.id).version)  # both halves go
    assert Payment.select().where(Payment.kind == "transfer").count() == 0
    with pytest.raises(StateError):  # a live order's money is not refunded here
        payments.refund_payment(payments.record_payment(other.client_id, "5", "USD", TODAY, "deposit",
                                                        other.id).id, TODAY)
