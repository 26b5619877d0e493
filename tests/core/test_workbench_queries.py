"""The workbench asks for the first few late orders and overdue shipments: the
same rows, in the same order, as the head of the whole list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from builders import TODAY, make_client, make_order, make_stored_order
from money_helpers import order_lines

from gendan_desktop.core import payments, receivables, risk, shipments
from gendan_desktop.core.models import Order


def test_first_late_orders_are_the_head_of_the_whole_list(db, monkeypatch):
    delivered = [TODAY - dt.timedelta(days=d) for d in (9, 3, 3, 12, 1)]
    past = [make_order(delivery_date=TODAY + dt.timedelta(days=30)) for _ in delivered]
    for order, day in zip(past, delivered):  # delivery dates that have passed since
        Order.update(delivery_date=day).where(Order.id == order.id).execute()
    soon = make_order(delivery_date=TODAY + dt.timedelta(days=2))  # no progress, little time left: at risk
    Order.update(order_date=TODAY - dt.timedelta(days=40)).where(Order.id == soon.id).execute()
    whole = risk.orders_at_risk(TODAY)
    assert [r.level for r in whole] == ["late"] * 5 + ["at_risk"]
    assert [r.delivery_date for r in whole[:5]] == sorted(delivered)
    monkeypatch.setattr(risk, "CHUNK", 2)  # several chunks even on a small database
    for limit in (0, 1, 3, 5, 6, 50):
        assert risk.orders_at_risk(TODAY, limit=limit) == whole[:limit]


def test_first_overdue_shipments_are_the_head_of_the_whole_list(db):
    today = dt.date(2026, 6, 1)
    shipped = {}
    for n, cur in enumerate(("USD", "EUR", "USD")):
        client = make_client(currency=cur)
        for m in range(3):
            order = make_stored_order(client, [("S", "Red", "M", 10 * (m + 1), "2")], currency=cur)
            day = dt.date(2026, 1, 5 + 7 * m + n)
            shipped[shipments.create_shipment(order.id, day,
                                              [(ln.id, ln.quantity) for ln in order_lines(order)]).id] = day
        # pays the first shipment and part of the second, whichever order it names
        payments.record_payment(client.id, "50", cur, dt.date(2026, 2, 20), "balance", order.id)
    whole = receivables.overdue_receivables(today, 30)
    assert [(r.date, r.shipment_id) for r in whole] == sorted((r.date, r.shipment_id) for r in whole)
    # 20, 40 and 60 shipped, 50 paid: the second has 10 left, the third all 60
    assert sorted(r.unpaid for r in whole) == [Decimal("10.00")] * 3 + [Decimal("60.00")] * 3
    for limit in (0, 1, 4, 6, 10):
        assert receivables.overdue_receivables(today, 30, limit=limit) == whole[:limit]


def _statements(db, fn) -> list[str]:
    """The SQL ``fn`` runs on ``db``."""
    seen: list[str] = []
    original = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        fn()
    finally:
        del db.execute_sql
    return seen


def test_a_gathering_reads_each_order_once(db):
    """The same order behind a delivery and its steps due on three days, late and at risk:
    what the items say about it is read once, not once per section (the cost follows what
    is shown, not how many sections show it)."""
    from builders import make_in_production

    from gendan_desktop.core import production, workbench
    from gendan_desktop.core.models import FlowCardStep

    order = make_in_production(delivery_date=TODAY + dt.timedelta(days=2))
    production.issue_flow_cards(order.id, batch_size=100)
    for seq, n in ((1, -2), (2, 1), (3, 2), (4, 3)):
        FlowCardStep.update(planned_date=TODAY + dt.timedelta(days=n)).where(FlowCardStep.seq == seq).execute()
    got = {}
    sql = _statements(db, lambda: got.update({s.key: s for s in workbench.gather(TODAY)}))
    kinds = {(k, i.key.split(":")[0]) for k, s in got.items() for i in s.items if i.id == order.id or
             i.key.startswith(("step:", "late_step:"))}
    assert kinds >= {("late_steps", "late_step"), ("day:1", "step"), ("day:2", "delivery"), ("day:2", "step"),
                     ("day:3", "step")}
    facts = "SELECT o.id, o.number, o.client_id, c.name, o.merchandiser, o.status"  # work_items.order_facts
    assert len([s for s in sql if s.startswith(facts)]) == 1
