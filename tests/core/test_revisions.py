"""Order revisions (改单): R1, R2…, old revisions readable, paper recalled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import make_confirmed, make_in_production, make_order, two_lines
from order_helpers import issue_card, issue_sheet, reload, ship

from gendan_desktop.core import orders, revisions
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import AuditLog, FlowCard, OrderRevision, ProductionSheet


def test_revision_freezes_the_old_order_and_recalls_its_paper(db):
    order = make_in_production()
    sheet = issue_sheet(order)
    cards = [issue_card(order, sheet, line) for line in orders.order_lines(order.id)]
    red, blue = orders.order_lines(order.id)
    new_date = order.delivery_date + dt.timedelta(days=10)

    revised = revisions.revise_order(order.id, "客户邮件改蓝色为黑色", {"delivery_date": new_date},
                                     [{"id": red.id}, {"id": blue.id, "colour": "黑"}], order.version)

    assert (revised.revision, revised.status, revised.delivery_date) == (1, "in_production", new_date)
    assert revisions.revision_label(revised.revision) == "R1"
    assert [ln.id for ln in orders.order_lines(order.id)] == [red.id, blue.id]  # ids survive
    # the sheet lists the whole order: recalled; of the cards only the changed (blue) line's
    for doc in [sheet, cards[1]]:
        doc = reload(doc)
        assert doc.recalled_at is not None
        assert doc.recall_reason == "订单改为 R1:客户邮件改蓝色为黑色"
    assert reload(cards[0]).recalled_at is None
    original = revisions.revision_snapshot(order.id, 0)
    assert original["header"]["delivery_date"] == order.delivery_date
    assert [ln["colour"] for ln in original["lines"]] == ["红", "蓝"]
    assert original["lines"][1]["unit_price"] == Decimal("3.6")
    assert not original["current"]
    current = revisions.revision_snapshot(order.id, 1)
    assert current["current"] and current["reason"] == "客户邮件改蓝色为黑色"
    assert [ln["colour"] for ln in current["lines"]] == ["红", "黑"]
    assert revisions.diff_revisions(order.id, 0, 1) == [
        ("header", "delivery_date", order.delivery_date, new_date),
        ("line 2", "colour", "蓝", "黑"),
    ]
    actions = {(a.entity, a.action) for a in AuditLog.select().where(AuditLog.order_id == order.id)}
    assert {("order", "revise"), ("production_sheet", "recall"), ("flow_card", "recall"),
            ("order_line", "update")} <= actions


def test_second_revision_recalls_r1_paper_and_keeps_r0_readable(db):
    order = make_confirmed()
    old_sheet = issue_sheet(order)
    order = revisions.revise_order(order.id, "加量", {}, [{**two_lines()[0], "quantity": 150}, two_lines()[1]],
                                   order.version)
    r1_sheet = issue_sheet(order)
    assert r1_sheet.revision == 1 and reload(r1_sheet).recalled_at is None
    order = revisions.revise_order(order.id, "改交期", {"delivery_date": order.delivery_date + dt.timedelta(days=3)},
                                   None, order.version)

    assert order.revision == 2
    assert reload(old_sheet).recall_reason == "订单改为 R1:加量"  # not recalled twice
    assert reload(r1_sheet).recall_reason == "订单改为 R2:改交期"
    assert [ln["quantity"] for ln in revisions.revision_snapshot(order.id, 0)["lines"]] == [100, 200]
    assert [ln["quantity"] for ln in revisions.revision_snapshot(order.id, 1)["lines"]] == [150, 200]
    assert [r["label"] for r in revisions.list_revisions(order.id)] == ["", "R1", "R2"]
    assert ("line 1", "quantity", 100, 150) in revisions.diff_revisions(order.id, 0, 2)
    with pytest.raises(Exception, match="没有 R3"):
        revisions.revision_snapshot(order.id, 3)


def test_added_and_removed_lines_show_in_the_diff_even_if_an_id_is_reused(db):
    order = make_confirmed()
    red, blue = orders.order_lines(order.id)
    order = revisions.revise_order(order.id, "删蓝色", {}, [{"id": red.id}], order.version)
    order = revisions.revise_order(order.id, "加绿色", {}, [
        {"id": red.id}, {"style": "T100", "product": "圆领T恤", "colour": "绿", "size": "M", "quantity": 80,
                         "unit_price": "3.5"}], order.version)
    diff = revisions.diff_revisions(order.id, 0, 2)
    assert ("line 2", "line", "T100 / 圆领T恤 / 蓝 / L × 200 @ 3.6", None) in diff
    assert ("line 2", "line", None, "T100 / 圆领T恤 / 绿 / M × 80 @ 3.5") in diff
    assert not [d for d in diff if d[1] == "colour"]


def test_revision_needs_a_reason_a_change_and_a_confirmed_order(db):
    draft = make_order()
    with pytest.raises(StateError, match="直接修改"):
        revisions.revise_order(draft.id, "x", {"notes": "y"}, None, draft.version)
    order = make_confirmed()
    sheet = issue_sheet(order)
    with pytest.raises(ValidationError, match="改单原因"):
        revisions.revise_order(order.id, "  ", {"notes": "y"}, None, order.version)
    with pytest.raises(ValidationError, match="没有需要保存的修改"):
        revisions.revise_order(order.id, "重复下单", {"notes": order.notes}, two_lines(), order.version)
    with pytest.raises(ValidationError, match="不能更换客户"):
        revisions.revise_order(order.id, "换客户", {"client_id": 1}, None, order.version)
    assert orders.get_order(order.id).revision == 0
    assert OrderRevision.select().count() == 0 and reload(sheet).recalled_at is None


def test_failed_revision_changes_nothing(db):
    order = make_confirmed()
    sheet = issue_sheet(order)
    bad = two_lines()
    bad[1]["quantity"] = -5
    with pytest.raises(ValidationError, match="第 2 行"):
        revisions.revise_order(order.id, "改数量", {"notes": "新备注"}, bad, order.version)
    fresh = orders.get_order(order.id)
    assert (fresh.revision, fresh.notes, fresh.version) == (0, "", order.version)
    assert reload(sheet).recalled_at is None and OrderRevision.select().count() == 0


def test_stale_revision_is_refused_and_recalls_nothing(db):
    order = make_confirmed()
    card = issue_card(order)
    orders.set_status(order.id, "in_production")
    with pytest.raises(StaleEdit) as exc:
        revisions.revise_order(order.id, "改色", {"notes": "x"}, None, order.version)
    assert "已被其他窗口或同事修改" in exc.value.zh
    assert reload(card).recalled_at is None and orders.get_order(order.id).revision == 0


def test_lines_with_shipments_cannot_be_deleted_or_go_below_shipped(db):
    order = make_in_production()
    red, blue = orders.order_lines(order.id)
    ship(order, red, 60)
    orders.set_status(order.id, "partly_shipped")
    order = orders.get_order(order.id)
    with pytest.raises(ValidationError) as exc:
        revisions.revise_order(order.id, "不要红色", {}, [{"id": blue.id}], order.version)
    assert "已有出货,不能删除" in exc.value.zh and "shipments" in exc.value.en
    with pytest.raises(ValidationError, match="已出货 60"):
        revisions.revise_order(order.id, "红色减量", {}, [{"id": red.id, "quantity": 50}, {"id": blue.id}],
                               order.version)
    order = revisions.revise_order(order.id, "红色只要已出的 60 件,蓝色取消", {},
                                   [{"id": red.id, "quantity": 60}], order.version)
    assert [(ln.id, ln.quantity) for ln in orders.order_lines(order.id)] == [(red.id, 60)]
    assert order.status == "shipped" and order.revision == 1  # nothing is left to ship


def test_revision_of_a_partly_shipped_order_keeps_its_status_while_goods_remain(db):
    order = make_in_production()
    red, blue = orders.order_lines(order.id)
    ship(order, red, 100)
    orders.set_status(order.id, "partly_shipped")
    order = orders.get_order(order.id)
    order = revisions.revise_order(order.id, "蓝色减量", {}, [{"id": red.id}, {"id": blue.id, "quantity": 150}],
                                   order.version)
    assert (order.status, order.revision) == ("partly_shipped", 1)


def test_only_unrecalled_paper_of_older_revisions_is_recalled(db):
    order = make_confirmed()
    done = issue_sheet(order)
    ProductionSheet.update(recalled_at=dt.datetime(2026, 1, 1), recall_reason="早前收回").where(
        ProductionSheet.id == done.id).execute()
    card = issue_card(order)
    revisions.revise_order(order.id, "改包装", {"packing": "两件一箱"}, None, order.version)
    assert reload(done).recall_reason == "早前收回"
    # a packing change leaves every line as it was: the card stays live
    assert reload(card).recalled_at is None
    assert FlowCard.select().where(FlowCard.recalled_at.is_null()).count() == 1


# ------------------------------------------------------------ invariants --
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

COLOURS = ["红", "蓝", "黑", "白", "绿"]
# One revision step: for each current line, keep it (maybe with a new quantity)
# or drop it; then add some new lines.
step = st.tuples(
    st.lists(st.one_of(st.none(), st.integers(1, 999)), max_size=6),
    st.lists(st.tuples(st.sampled_from(COLOURS), st.integers(1, 999), st.integers(0, 2000)), max_size=3),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=4))
def test_every_revision_stays_readable_exactly_as_it_was(db, steps):
    order = make_confirmed()
    seen = []  # the lines after each revision, as the user would read them

    def state(lines):
        return [(ln["id"], ln["colour"], ln["quantity"], ln["unit_price"]) for ln in lines]

    seen.append(state(revisions.revision_snapshot(order.id, 0)["lines"]))
    for keep, add in steps:
        current = orders.order_lines(order.id)
        new_lines = []
        for ln, qty in zip(current, keep + [0] * len(current)):
            if qty is None:
                continue
            new_lines.append({"id": ln.id} if qty == 0 else {"id": ln.id, "quantity": qty})
        new_lines += [{"style": f"N{i}", "colour": c, "quantity": q, "unit_price": Decimal(p) / 100}
                      for i, (c, q, p) in enumerate(add)]
        if not new_lines:
            continue
        before = order
        try:
            order = revisions.revise_order(order.id, "改单", {}, new_lines, order.version)
        except ValidationError as exc:
            assert "没有需要保存的修改" in exc.zh
            assert orders.get_order(order.id).version == before.version
            continue
        seen.append(state(revisions.revision_snapshot(order.id, order.revision)["lines"]))

    assert order.revision == len(seen) - 1
    for rev, lines in enumerate(seen):
        assert state(revisions.revision_snapshot(order.id, rev)["lines"]) == lines
    totals = orders.order_totals(order.id)
    assert totals["quantity"] == sum(q for _i, _c, q, _p in seen[-1])
    assert totals["amount"] == sum(q * p for _i, _c, q, p in seen[-1])
    for a in range(len(seen) - 1):
        diff = revisions.diff_revisions(order.id, a, a + 1)
        assert diff, "a saved revision always differs from the one before"
