"""The demo filler: every state a merchandiser meets, consistent figures, deterministic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from db_backends import PG_URL, reset_postgres
from peewee import fn

from gendan_desktop.core import search
from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.enums import (
    CLIENT_SOURCES,
    COMPLAINT_STATUSES,
    DISPOSITIONS,
    ORDER_STATUSES,
    ORDER_TYPES,
    QUOTATION_STATUSES,
    SAMPLE_STATUSES,
)
from gendan_desktop.core.errors import StateError
from gendan_desktop.core.models import (
    Client,
    Complaint,
    FlowCard,
    FlowCardStep,
    FollowUp,
    Order,
    OrderLine,
    OrderRevision,
    Payment,
    ProductionException,
    ProductionSheet,
    PurchaseFollowUp,
    Quotation,
    Sample,
    Shipment,
    ShipmentLine,
)
from gendan_desktop.demo import fill_demo

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def demo(db):
    counts = fill_demo(clients=30, orders=120, seed=3, today=TODAY)
    return counts


def _values(field):
    return {v for (v,) in field.model.select(field).distinct().tuples()}


def test_every_state_is_there(demo):
    assert _values(Order.status) == set(ORDER_STATUSES)
    assert _values(Order.order_type) == set(ORDER_TYPES)
    assert _values(Sample.status) == set(SAMPLE_STATUSES)
    assert _values(Quotation.status) == set(QUOTATION_STATUSES)
    assert _values(Client.source) == set(CLIENT_SOURCES)
    assert _values(Client.grade) == {"key", "ordinary"}
    assert _values(Complaint.disposition) == set(DISPOSITIONS)
    assert _values(Complaint.status) <= set(COMPLAINT_STATUSES) and len(_values(Complaint.status)) >= 2
    assert _values(ProductionException.status) >= {"open", "resolved"}
    # Chinese and foreign clients, and potential clients without orders
    names = [c.name for c in Client.select()]
    assert any("有限公司" in n for n in names) and any(n.isascii() for n in names)
    assert Client.select().where(~fn.EXISTS(Order.select().where(Order.client == Client.id))).exists()
    assert all(c.pinyin for c in Client.select())
    # reminders due today and overdue
    pending = FollowUp.select().where(FollowUp.next_done == False)  # noqa: E712
    assert pending.where(FollowUp.next_date == TODAY).exists()
    assert pending.where(FollowUp.next_date < TODAY).exists()
    # quotations expiring within a week, purchases overdue
    assert Quotation.select().where(Quotation.valid_until.between(TODAY, TODAY + dt.timedelta(days=7))).exists()
    late = PurchaseFollowUp.select().where(
        (PurchaseFollowUp.due_date < TODAY) & PurchaseFollowUp.received_date.is_null())
    assert late.exists()
    # an order follows a quotation the client ordered (a draft one would still offer 转为订单)
    linked = Quotation.select().where(fn.EXISTS(Order.select().where(Order.quotation == Quotation.id)))
    assert linked.exists() and {q.status for q in linked} == {"ordered"}


def test_revisions_keep_snapshots_and_recall_paper(demo):
    revised = Order.select().where(Order.revision > 0)
    assert revised.exists()
    for order in revised:
        revs = [r.revision for r in OrderRevision.select().where(OrderRevision.order == order.id)]
        assert sorted(revs) == list(range(order.revision))
        old_paper = ProductionSheet.select().where(
            (ProductionSheet.order == order.id) & (ProductionSheet.revision < order.revision))
        assert old_paper.count() == 0 or all(s.recalled_at for s in old_paper)
    # the old revision stays readable through the revisions service
    from gendan_desktop.core.revisions import diff_revisions, revision_snapshot

    order = revised.order_by(Order.id).first()
    old = revision_snapshot(order.id, 0)
    assert old["lines"] and old["revision"] == 0
    assert any(change[0] for change in diff_revisions(order.id, 0, order.revision))
    recalled = FlowCard.select().where(FlowCard.recalled_at.is_null(False))
    assert recalled.where(FlowCard.returned_at.is_null()).exists()   # still to collect
    assert recalled.where(FlowCard.returned_at.is_null(False)).exists()
    for o in Order.select().where(Order.status == "cancelled"):
        assert o.cancelled_at and o.cancel_reason
        assert not FlowCard.select().where((FlowCard.order == o.id) & FlowCard.recalled_at.is_null()).exists()


def test_flow_quantities_never_exceed_what_came_in(demo):
    steps = FlowCardStep.select(FlowCardStep, FlowCard.quantity).join(FlowCard).order_by(FlowCardStep.card,
                                                                                         FlowCardStep.seq)
    previous = {}
    for s in steps:
        limit = s.card.quantity if s.seq == 1 else previous[s.card_id]
        assert s.qty_good + s.qty_defect <= s.qty_in <= limit
        previous[s.card_id] = s.qty_good
    in_production = Order.select().where(Order.status == "in_production")
    assert FlowCardStep.select().join(FlowCard).where(
        FlowCard.order.in_(in_production) & (FlowCardStep.qty_in > 0)).exists()


def test_money_adds_up(demo):
    for order in Order.select().where(Order.status == "settled"):
        shipped = sum((sl.quantity * sl.unit_price for sl in ShipmentLine.select().join(Shipment)
                       .where(Shipment.order == order.id)), Decimal(0))
        lines = {ln.id: ln for ln in OrderLine.select().where(OrderLine.order == order.id)}
        for sl in ShipmentLine.select().join(Shipment).where(Shipment.order == order.id):
            assert sl.unit_price == lines[sl.order_line_id].unit_price
        paid = sum((p.amount for p in Payment.select().where(Payment.order == order.id)), Decimal(0))
        credit = sum((c.credit_amount for c in Complaint.select().where(Complaint.order == order.id)), Decimal(0))
        assert paid + credit == shipped, order.number
    remakes = Order.select().where(Order.order_type == "remake")
    assert remakes.exists()
    for r in remakes:
        assert r.remake_of_id
        assert Complaint.get(Complaint.remake_order == r.id).order_id == r.remake_of_id


def test_search_index_filled_and_kept_current(demo):
    some = Client.select().order_by(Client.id).first()
    assert ("client", some.id) in [(k, i) for k, i, _ in search.search(some.code)]
    card = FlowCard.select().first()
    assert ("flow_card", card.id) in [(k, i) for k, i, _ in search.search(card.number)]
    new = Client.create(code="C9999", name="演示之后新建的客户")  # ids continue after the demo's
    assert ("client", new.id) in [(k, i) for k, i, _ in search.search("之后新建")]
    assert search.index_problems() == []


@pytest.mark.postgres
def test_postgresql_has_the_tables_statistics_right_after_the_fill():
    """The server plans by its statistics: without them, right after a bulk load
    it guesses at the sizes (and walks or sorts the wrong way) until autovacuum
    samples the tables."""
    reset_postgres(PG_URL)
    db = open_database(PG_URL)
    try:
        counts = fill_demo(clients=30, orders=120, seed=3, today=TODAY)
        estimated = db.execute_sql("SELECT reltuples FROM pg_class WHERE oid = '\"order\"'::regclass").fetchone()[0]
        assert estimated == counts["order"]
    finally:
        close_database()


def test_refuses_a_database_with_data(demo):
    with pytest.raises(StateError, match="空数据库"):
        fill_demo(clients=1, orders=1)


def _dump():
    out = []
    for model in (Client, Order, OrderLine, FlowCardStep, Payment, Complaint, OrderRevision):
        out.append([tuple(r) for r in model.select().order_by(model.id).tuples()])
    return out


def test_same_seed_same_data(tmp_path):
    dumps = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        open_database(str(tmp_path / f"{name}.sqlite3"))
        try:
            fill_demo(clients=15, orders=40, seed=seed, today=TODAY)
            dumps.append(_dump())
        finally:
            close_database()
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]


# ------------------------------------------------ the services' own rules ---
PRODUCING = ("in_production", "partly_shipped", "shipped", "settled")


@pytest.fixture
def big_demo(db):
    return fill_demo(clients=60, orders=400, seed=11, today=TODAY)


def test_demo_keeps_the_services_rules(big_demo):
    """What a merchandiser relies on in every demo order, checked with the services' own reads."""
    import re

    from gendan_desktop.core import orders as order_service
    from gendan_desktop.core import payments, production, receivables

    # flow card and sheet numbers look like the ones production.py gives out
    card_number = re.compile(rf"^{production.CARD_PREFIX}\d{{4}}-\d{{{production.CARD_NUMBER_WIDTH}}}$")
    sheet_number = re.compile(rf"^{production.SHEET_PREFIX}\d{{4}}-\d{{4}}$")
    assert all(card_number.match(n) for (n,) in FlowCard.select(FlowCard.number).tuples())
    assert all(sheet_number.match(n) for (n,) in ProductionSheet.select(ProductionSheet.number).tuples())

    orders = list(Order.select().order_by(Order.id))
    assert {o.status for o in orders} == set(ORDER_STATUSES)
    for order in orders:
        where = f"{order.number} ({order.status}, R{order.revision})"
        lines = {ln.id: ln.quantity for ln in OrderLine.select().where(OrderLine.order == order.id)}
        # never more shipped than ordered
        for line_id, qty in order_service.shipped_quantities(order.id).items():
            assert qty <= lines[line_id], where
        if order.status in PRODUCING:
            # current paper, cards covering no more than ordered, and progress on every card
            assert production.current_sheet(order.id) is not None, where
            cards = production.cards_for_order(order.id)
            assert cards, where
            carded = {}
            for card in cards:
                carded[card.order_line_id] = carded.get(card.order_line_id, 0) + card.quantity
                assert FlowCardStep.select().where((FlowCardStep.card == card.id)
                                                   & (FlowCardStep.qty_in > 0)).exists(), (where, card.number)
            assert all(qty <= lines[line_id] for line_id, qty in carded.items()), where
        if order.status in ("shipped", "settled"):
            assert payments.is_fully_shipped(order.id), where
        if order.status == "settled":
            assert receivables.order_amounts(order.id)["balance"] <= 0, where
        if order.status in ("shipped", "settled"):
            # the payments service would leave the status as it is
            assert payments.refresh_settlement(order.id) == order.status, where
        if order.revision:
            # each older revision had paper, all of it recalled
            for model in (ProductionSheet, FlowCard):
                old = list(model.select().where((model.order == order.id) & (model.revision < order.revision)))
                assert {d.revision for d in old} == set(range(order.revision)), (where, model.__name__)
                assert all(d.recalled_at and d.recall_reason for d in old), (where, model.__name__)
        if order.status == "cancelled":
            for model in (ProductionSheet, FlowCard):
                assert not model.select().where((model.order == order.id) & model.recalled_at.is_null()).exists(), where
        else:
            for model in (ProductionSheet, FlowCard):
                # paper of the current revision is live unless the order was cancelled
                assert not model.select().where((model.order == order.id) & (model.revision == order.revision)
                                                & model.recalled_at.is_null(False)).exists(), where
