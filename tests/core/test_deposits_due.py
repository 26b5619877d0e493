"""Deposits (定金) still owed on confirmed orders: a payment expected the day the
order is confirmed, overdue money after that — in the core and in the week view,
on SQLite and PostgreSQL, on a fresh database and on demo data."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from builders import TODAY, make_client, make_confirmed, make_in_production, make_order, two_lines

from gendan_desktop.core import orders, payments, workbench
from gendan_desktop.core.deposits import deposits_due
from gendan_desktop.core.models import Order

ORDERED = Decimal("1070.00")  # two_lines(): 100 × 3.50 + 200 × 3.60


def sections(today: dt.date = TODAY) -> dict[str, workbench.Section]:
    return {s.key: s for s in workbench.gather(today)}


def item(section: workbench.Section, order: Order):
    return next((i for i in section.items if i.key == f"deposit:{order.id}"), None)


def test_a_deposit_confirmed_today_is_a_payment_expected_today(db):
    client = make_client("宁波海天")
    order = make_confirmed(client, deposit_pct=30)
    got = item(sections()["day:0"], order)
    assert got is not None and got.kind == "order" and got.id == order.id
    assert "USD 321.00" in got.text and order.number in got.text and "宁波海天" in got.text
    assert item(sections()["receivables"], order) is None
    # part of it paid against the order: the rest is still expected
    payments.record_payment(client.id, "300", "USD", TODAY, "deposit", order.id)
    assert "USD 21.00" in item(sections()["day:0"], order).text
    payments.record_payment(client.id, "21", "USD", TODAY, "deposit", order.id)
    assert item(sections()["day:0"], order) is None


def test_a_deposit_not_in_days_after_confirmation_is_overdue_money(db):
    order = make_in_production(deposit_pct=50)
    Order.update(confirmed_at=dt.datetime.combine(TODAY - dt.timedelta(days=6), dt.time(10))).where(
        Order.id == order.id).execute()
    got = sections()
    late = item(got["receivables"], order)
    assert late is not None and late.level == "late" and "USD 535.00" in late.text
    assert late.when == TODAY - dt.timedelta(days=6)
    assert all(item(got[f"day:{n}"], order) is None for n in range(8))


def test_no_deposit_asked_where_none_is_owed(db):
    none_asked = make_confirmed(deposit_pct=0)
    draft = make_order(deposit_pct=30)  # not confirmed: nothing due yet
    paid_on_account = make_confirmed(deposit_pct=30)
    payments.record_payment(paid_on_account.client_id, "500", "USD", TODAY, "deposit")  # names no order
    cancelled = make_confirmed(deposit_pct=30)
    orders.set_status(cancelled, "cancelled", reason="客户取消")
    got = sections()
    listed = {i.id for s in got.values() for i in s.items if i.key.startswith("deposit:")}
    assert listed == {paid_on_account.id}  # money on account names no order: still asked for
    assert not listed & {none_asked.id, draft.id, cancelled.id}


def test_the_core_list_is_oldest_first_with_exact_amounts(db):
    client = make_client("苏州锦程", currency="EUR")
    lines = [dict(line, unit_price="0.333") for line in two_lines(red=1, blue=2)]  # 0.999 ordered
    old = make_confirmed(client, lines, deposit_pct="33.33", currency="EUR")
    new = make_confirmed(client, deposit_pct=30, currency="EUR")
    Order.update(confirmed_at=dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(9))).where(
        Order.id == old.id).execute()
    got = deposits_due(TODAY)
    assert [d.order_id for d in got] == [old.id, new.id]
    assert got[0].deposit == Decimal("0.33") and got[0].outstanding == Decimal("0.33")  # 0.999 × 33.33 %
    assert got[1].deposit == ORDERED * Decimal("0.3") and got[1].currency == "EUR"
    assert [d.order_id for d in deposits_due(TODAY, limit=1)] == [old.id]
    assert [d.order_id for d in deposits_due(TODAY, since=TODAY)] == [new.id]
    assert deposits_due(TODAY - dt.timedelta(days=3)) == []


def test_demo_data_lists_each_unpaid_deposit(db):
    from gendan_desktop.demo import fill_demo

    today = dt.date(2026, 11, 26)
    fill_demo(clients=30, orders=120, seed=3, today=today)
    due = {d.order_id: d for d in deposits_due(today)}
    confirmed = list(Order.select().where(Order.status.in_(("confirmed", "in_production")) & (Order.deposit_pct > 0)))
    assert 0 < len(due) < len(confirmed)  # the demo has deposits received and deposits still owed
    for order in confirmed:
        ordered = sum((ln.quantity * ln.unit_price for ln in orders.order_lines(order.id)), Decimal(0))
        deposit = (ordered * order.deposit_pct / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        paid = sum((p.amount for p in order.payments), Decimal(0))
        assert (order.id in due) == (paid < deposit), order.number
        if order.id in due:
            assert due[order.id].outstanding == deposit - paid
    week = {s.key: s for s in workbench.gather(today)}
    listed = {i.id for s in week.values() for i in s.items if i.key.startswith("deposit:")}
    assert listed == set(due)
