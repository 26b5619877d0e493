"""Issue 10, production flows: revisions and cancellations keep recorded progress,
progress entries account for every piece, cards one per line, start checks, routes."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import TODAY, lines_of, make_confirmed, two_lines

from gendan_desktop.core import materials, orders, production, progress_queries
from gendan_desktop.core.errors import StateError, ValidationError
from gendan_desktop.core.models import AuditLog, FlowCard, Order
from gendan_desktop.core.recalls import cancel_order
from gendan_desktop.core.revisions import revise_order


def _cut(card, qty, operator="张三"):
    return production.record_progress(card.number, 1, qty, qty, 0, operator)


# ------------------------------------------------------------ 1. revisions --
def test_revision_keeps_cards_and_progress_of_lines_it_did_not_change(db):
    order = make_confirmed(lines=two_lines(red=1000, blue=500))
    production.issue_production_sheet(order.id)
    red_card, blue_card = production.issue_flow_cards(order.id, batch_size=100_000)
    _cut(red_card, 990)
    _cut(blue_card, 500)
    red, blue = lines_of(order)
    # the client changes only the blue colour and the delivery date
    revise_order(order.id, "客户邮件改蓝色为黑色", {"delivery_date": TODAY + dt.timedelta(days=60)},
                 [{"id": red.id}, {"id": blue.id, "colour": "黑"}], Order.get_by_id(order.id).version)
    assert FlowCard.get_by_id(red_card.id).recalled_at is None
    assert FlowCard.get_by_id(blue_card.id).recalled_at is not None
    grid = production.progress_grid(order.id)
    live = [r for r in grid.rows if not r.recalled]
    assert [(r.card_id, r.cells[0].qty_good) for r in live] == [(red_card.id, 990)]
    # the blue card's 500 cut pieces stay visible, marked void, out of the totals
    void = [r for r in grid.rows if r.recalled]
    assert [(r.card_id, r.cells[0].qty_good, r.counted) for r in void] == [(blue_card.id, 500, False)]
    assert grid.totals[0].qty_good == 990 and grid.totals[0].planned_qty == 1000
    # the kept card goes on taking progress; only the black line needs a new card
    production.record_progress(red_card.number, 1, 10, 10, 0, "张三")
    assert production.remaining_by_line(orders.get_order(order.id)) == {red.id: 0, blue.id: 500}
    (black,) = production.issue_flow_cards(order.id, batch_size=100_000)
    assert (black.colour, black.quantity, black.revision) == ("黑", 500, 1)


def test_revision_recalls_a_line_whose_quantity_drops_below_its_cards(db):
    order = make_confirmed(lines=two_lines(red=100, blue=200))
    red_card, blue_card = production.issue_flow_cards(order.id, batch_size=100_000)
    red, blue = lines_of(order)
    revise_order(order.id, "红色加量,蓝色减量", None,
                 [{"id": red.id, "quantity": 150}, {"id": blue.id, "quantity": 150}],
                 Order.get_by_id(order.id).version)
    assert FlowCard.get_by_id(red_card.id).recalled_at is None  # more pieces: a card for the extra 50
    assert FlowCard.get_by_id(blue_card.id).recalled_at is not None  # 200 on the card, 150 ordered
    assert production.remaining_by_line(orders.get_order(order.id)) == {red.id: 50, blue.id: 150}


def test_deleted_line_loses_its_cards(db):
    order = make_confirmed(lines=two_lines(red=100, blue=200))
    red_card, blue_card = production.issue_flow_cards(order.id, batch_size=100_000)
    red, _blue = lines_of(order)
    revise_order(order.id, "客户取消蓝色", None, [{"id": red.id}], Order.get_by_id(order.id).version)
    assert FlowCard.get_by_id(red_card.id).recalled_at is None
    assert FlowCard.get_by_id(blue_card.id).recalled_at is not None


# -------------------------------------------------------- 2. cancellations --
def test_cancelled_order_keeps_its_recorded_progress_visible(db):
    order = make_confirmed(lines=two_lines(red=100, blue=200))
    red_card, _blue_card = production.issue_flow_cards(order.id, batch_size=100_000)
    _cut(red_card, 98)
    cancel_order(order.id, "客户取消", Order.get_by_id(order.id).version)
    grid = production.progress_grid(order.id)
    assert [r.recalled for r in grid.rows] == [True, True]
    assert grid.rows[0].cells[0].qty_good == 98 and grid.totals[0].qty_good == 98
    prog = production.order_progress(order.id)
    assert (prog.carded, prog.started) == (300, 98)


# ----------------------------------------------------- 3. progress entries --
def test_first_progress_moves_a_confirmed_order_into_production(db):
    order = make_confirmed()
    (card, _b) = production.issue_flow_cards(order.id, batch_size=100_000)
    production.record_progress(card.number, 1, 10, 10, 0, "张三", TODAY - dt.timedelta(days=2))
    fresh = Order.get_by_id(order.id)
    assert fresh.status == "in_production"
    assert fresh.production_started_at.date() == TODAY - dt.timedelta(days=2)
    assert AuditLog.select().where((AuditLog.order_id == order.id) & (AuditLog.field == "status")
                                   & (AuditLog.new == "in_production")).exists()


def test_pieces_unaccounted_for_need_confirming_and_are_kept_as_lost(db):
    order = make_confirmed(lines=two_lines(red=100, blue=1))
    card = production.issue_flow_cards(order.id, batch_size=100_000)[0]
    with pytest.raises(ValidationError) as e:
        production.record_progress(card.number, 1, 100, 98, 0, "张三")
    assert e.value.field == "qty_good" and "差 2 件" in e.value.zh and "2 pieces" in e.value.en
    assert production.card_steps(card)[0].qty_in == 0  # nothing written
    report = production.record_progress(card.number, 1, 100, 98, 0, "张三", confirm_gap=True)
    step = production.card_steps(card)[0]
    assert (report.qty_lost, step.qty_in, step.qty_good, step.qty_lost) == (2, 100, 98, 2)
    assert step.finished_at is not None  # every piece is accounted for
    assert "lost 2" in AuditLog.get((AuditLog.entity == "progress_report") & (AuditLog.entity_id == report.id)).new
    production.delete_progress(report.id, "录错")
    assert production.card_steps(card)[0].qty_lost == 0


def test_progress_needs_an_operator(db):
    order = make_confirmed()
    card = production.issue_flow_cards(order.id, batch_size=100_000)[0]
    with pytest.raises(ValidationError) as e:
        production.record_progress(card.number, 1, 10, 10, 0, "  ")
    assert e.value.field == "operator" and "操作员" in e.value.zh


# ------------------------------------------------------- 8. issuing cards --
def test_cards_default_to_one_per_line(db):
    lines = [{"style": f"S{i}", "product": "T恤", "colour": "红", "size": "M", "quantity": 150, "unit_price": "2"}
             for i in range(72)]
    order = make_confirmed(lines=lines)
    cards = production.issue_flow_cards(order.id)
    assert len(cards) == 72 and {c.quantity for c in cards} == {150}
    order2 = make_confirmed(lines=lines[:3])
    plan = production.plan_cards(order2, batch_size=100)
    assert [p.quantity for p in plan] == [100, 50] * 3


# ---------------------------------------------------- 9. start production --
def test_start_without_sheet_or_materials_asks_and_says_what_is_missing(db):
    order = make_confirmed()
    with pytest.raises(StateError) as e:
        production.start_production(order.id)
    assert e.value.field == "confirm_missing"
    assert "尚未下发生产单" in e.value.zh and "尚未登记物料" in e.value.zh and "production sheet" in e.value.en
    assert Order.get_by_id(order.id).status == "confirmed"
    result = production.start_production(order.id, confirm_missing=True)
    assert "尚未下发生产单" in result.missing and Order.get_by_id(order.id).status == "in_production"
    assert AuditLog.select().where((AuditLog.order_id == order.id) & (AuditLog.action == "start_incomplete")).exists()


def test_start_with_everything_in_place_asks_nothing(db):
    order = make_confirmed()
    production.issue_production_sheet(order.id)
    production.issue_flow_cards(order.id, batch_size=100_000)
    materials.add_material(order.id, "全棉汗布", "0.2", 0, in_stock=100, unit="kg")
    assert production.missing_for_start(order.id) == []
    assert production.start_production(order.id).missing == ()


# ------------------------------------------------------------ 16. routes --
def test_unknown_category_says_which_route_was_chosen(db):
    from gendan_desktop.core.routes import route_choice, save_route

    choice = route_choice("羽绒服")
    assert not choice.matched and choice.route.category == "garment"
    assert "羽绒服" in choice.note("zh") and "服装 Garment" in choice.note("zh") and "裁剪" in choice.note("zh")
    assert "down jacket" not in choice.note("en") and "No process route" in choice.note("en")
    assert route_choice("服装").matched and route_choice("knit").route.category == "textile"
    assert "没有填写产品类别" in route_choice("").note("zh")
    save_route("羽绒服", [("裁剪", 1), ("充绒", 1), ("车缝", 3)])
    assert route_choice("羽绒服").matched
    order = make_confirmed(product_category="冲锋衣")
    production.issue_flow_cards(order.id, batch_size=100_000)
    log = AuditLog.get((AuditLog.order_id == order.id) & (AuditLog.action == "route"))
    assert "冲锋衣" in log.new and "Garment" in log.new
    assert progress_queries.order_progress(order.id).carded == 300
