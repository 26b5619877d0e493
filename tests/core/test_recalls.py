"""Cancellation and the list of recalled paper still to collect."""

from __future__ import annotations

import pytest
from builders import make_confirmed, make_in_production, make_order
from order_helpers import issue_card, issue_sheet, reload, ship

from gendan_desktop.core import orders, recalls, revisions
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import FlowCard, ProductionSheet


def test_cancel_recalls_every_document_in_one_go(db):
    order = make_in_production()
    sheet = issue_sheet(order, printed=2)
    cards = [issue_card(order, sheet, ln, printed=1) for ln in orders.order_lines(order.id)]

    cancelled = recalls.cancel_order(order.id, "客户资金问题取消", order.version)

    assert cancelled.status == "cancelled" and cancelled.cancel_reason == "客户资金问题取消"
    assert cancelled.cancelled_at is not None and cancelled.version > order.version
    for doc in [sheet, *cards]:
        assert reload(doc).recall_reason == "订单已取消:客户资金问题取消"
    outstanding = recalls.outstanding_recalls()
    assert sorted((r["kind"], r["number"]) for r in outstanding) == sorted(
        [("production_sheet", sheet.number)] + [("flow_card", c.number) for c in cards])
    row = next(r for r in outstanding if r["kind"] == "production_sheet")
    assert (row["order_number"], row["revision"], row["printed_copies"], row["id"]) == (
        order.number, 0, 2, sheet.id)
    assert row["recalled_at"] is not None


def test_cancel_a_draft_order(db):
    order = make_order()
    assert recalls.cancel_order(order.id, "客户没回复", order.version).status == "cancelled"
    with pytest.raises(StateError, match="已经取消"):
        recalls.cancel_order(order.id, "again", orders.get_order(order.id).version)


def test_cancel_is_refused_once_anything_shipped(db):
    order = make_in_production()
    card = issue_card(order)
    ship(order, orders.order_lines(order.id)[0], 10)
    with pytest.raises(StateError) as exc:
        recalls.cancel_order(order.id, "客户取消", order.version)
    assert "已出货 10 件,不能取消" in exc.value.zh
    assert orders.get_order(order.id).status == "in_production"
    assert reload(card).recalled_at is None


def test_cancel_needs_a_reason_and_the_current_version(db):
    order = make_confirmed()
    sheet = issue_sheet(order)
    with pytest.raises(ValidationError, match="取消原因"):
        recalls.cancel_order(order.id, "", order.version)
    with pytest.raises(StaleEdit):
        recalls.cancel_order(order.id, "客户取消", order.version - 1)
    assert orders.get_order(order.id).status == "confirmed" and reload(sheet).recalled_at is None


def test_returned_paper_leaves_the_outstanding_list(db):
    a, b = make_confirmed(), make_confirmed()
    sheet_a, card_a, sheet_b = issue_sheet(a), issue_card(a), issue_sheet(b)
    recalls.cancel_order(a.id, "取消", a.version)
    revisions.revise_order(b.id, "改唛头", {"shipping_marks": "NEW MARK"}, None, b.version)
    assert {r["number"] for r in recalls.outstanding_recalls()} == {sheet_a.number, card_a.number, sheet_b.number}
    assert {r["number"] for r in recalls.outstanding_recalls(b.id)} == {sheet_b.number}

    doc = recalls.mark_returned("生产单", sheet_a.id)
    assert doc.returned_at is not None
    assert recalls.mark_returned("production_sheet", sheet_a.id).returned_at == doc.returned_at  # idempotent
    recalls.mark_returned("flow_card", card_a.id)
    assert [r["number"] for r in recalls.outstanding_recalls()] == [sheet_b.number]
    assert [h.action for h in orders.order_history(a.id)][:2] == ["returned", "returned"]


def test_only_recalled_documents_can_be_returned(db):
    order = make_confirmed()
    sheet = issue_sheet(order)
    with pytest.raises(StateError, match="没有被收回"):
        recalls.mark_returned("production_sheet", sheet.id)
    with pytest.raises(ValidationError, match="不是可收回的单据类型"):
        recalls.mark_returned("invoice", sheet.id)
    with pytest.raises(Exception, match="找不到"):
        recalls.mark_returned("flow_card", 4242)


def test_recall_bumps_the_document_version(db):
    order = make_confirmed()
    card = issue_card(order)
    recalled = recalls.recall_documents(order.id, "测试收回")
    assert recalled == [("flow_card", card.id)]
    assert reload(card).version == card.version + 1
    assert recalls.recall_documents(order.id, "再次") == []  # already recalled
    assert FlowCard.get_by_id(card.id).recall_reason == "测试收回"
    assert ProductionSheet.select().count() == 0


def test_paper_never_printed_is_not_listed_for_recall(db):
    order = make_in_production()
    printed = issue_sheet(order, printed=2)
    never = issue_card(order, printed=0)
    recalls.cancel_order(order.id, "客户取消", order.version)

    listed = recalls.outstanding_recalls(order.id)
    assert [(r["number"], r["printed_copies"], r["outstanding"]) for r in listed] == [(printed.number, 2, 2)]
    assert reload(never).recalled_at is not None  # void all the same, just nothing to collect
    assert recalls.mark_returned("flow_card", never.id).returned_at is None  # nothing out: no change
    with pytest.raises(StateError, match="没有未交回的纸质份数"):
        recalls.mark_returned("flow_card", never.id, 1)


def test_recalled_copies_come_back_one_by_one(db):
    order = make_in_production()
    sheet = issue_sheet(order, printed=3)
    recalls.cancel_order(order.id, "客户取消", order.version)

    doc = recalls.mark_returned("production_sheet", sheet.id, 2)
    assert (doc.returned_copies, doc.returned_at) == (2, None)
    assert [(r["returned_copies"], r["outstanding"]) for r in recalls.outstanding_recalls()] == [(2, 1)]
    with pytest.raises(ValidationError, match="还有 1 份未交回,交回份数请填 1 到 1"):
        recalls.mark_returned("production_sheet", sheet.id, 2)
    with pytest.raises(ValidationError, match="1 到 1"):
        recalls.mark_returned("production_sheet", sheet.id, 0)
    assert reload(sheet).returned_copies == 2  # the refused returns changed nothing

    doc = recalls.mark_returned("production_sheet", sheet.id, 1)
    assert doc.returned_copies == 3 and doc.returned_at is not None
    assert recalls.outstanding_recalls() == []
    history = [(h.action, h.old, h.new) for h in orders.order_history(order.id) if h.action == "returned"]
    assert sorted(history) == [("returned", "0", "2"), ("returned", "2", "3")]


def test_the_first_recalls_are_read_by_limit_in_the_same_order(db):
    """The workbench asks for its first rows only: the same rows as the head of
    the whole list, read with a LIMIT (so they cost the same on any database)."""
    for _ in range(3):
        order = make_confirmed()
        issue_sheet(order, printed=1)
        issue_card(order, printed=1)
        recalls.cancel_order(order.id, "取消", order.version)
    whole = recalls.outstanding_recalls()
    assert len(whole) == 6
    sent = []
    original = db.execute_sql
    db.execute_sql = lambda sql, params=None, *a, **k: (sent.append(sql), original(sql, params, *a, **k))[1]
    try:
        first = recalls.outstanding_recalls(limit=4)
    finally:
        del db.execute_sql
    assert first == whole[:4]
    assert all("LIMIT" in sql for sql in sent)
