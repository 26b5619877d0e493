"""Production sheets, flow cards (issue, numbers, scanning, recall) and starting production."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from builders import TODAY, lines_of, make_confirmed, make_order, two_lines

from gendan_desktop.core import factories, materials, orders, production, routes
from gendan_desktop.core.errors import NotFound, StateError, ValidationError
from gendan_desktop.core.models import AuditLog, FlowCard, FlowCardStep, Order, ProductionSheet
from gendan_desktop.core.recalls import cancel_order
from gendan_desktop.core.revisions import revise_order

CARD_NUMBER = re.compile(r"^LC\d{4}-\d{5}$")


# --------------------------------------------------------- production sheet --
def test_sheet_takes_the_order_requirements_and_is_audited(db):
    order = make_confirmed(client_requirements="面料克重 180g,色牢度 4 级", packing="单件入袋,20 件一箱",
                           shipping_marks="ABC / MADE IN CHINA")
    sheet = production.issue_production_sheet(order.id, carton_count=15, remarks="急单")
    assert sheet.number.startswith("PS") and sheet.revision == 0
    assert sheet.client_requirements == "面料克重 180g,色牢度 4 级"
    assert sheet.packing == "单件入袋,20 件一箱" and sheet.shipping_marks == "ABC / MADE IN CHINA"
    assert sheet.carton_count == 15 and sheet.remarks == "急单"
    assert production.current_sheet(order.id).id == sheet.id
    log = AuditLog.get((AuditLog.entity == "production_sheet") & (AuditLog.entity_id == sheet.id))
    assert log.order_id == order.id and log.new == sheet.number


def test_second_sheet_is_refused_unless_reissued(db):
    order = make_confirmed()
    first = production.issue_production_sheet(order.id, "红色要正", "袋装", 10, "唛头", "")
    with pytest.raises(StateError) as e:
        production.issue_production_sheet(order.id)
    assert first.number in e.value.zh and order.number in e.value.en
    second = production.issue_production_sheet(order.id, "红色要正,不能偏黄", reissue=True)
    old = ProductionSheet.get_by_id(first.id)
    assert old.recalled_at is not None and second.number in old.recall_reason
    assert production.current_sheet(order.id).id == second.id
    assert second.client_requirements == "红色要正,不能偏黄"


def test_sheet_and_cards_need_a_confirmed_order(db):
    order = make_order()
    with pytest.raises(StateError) as e:
        production.issue_production_sheet(order.id)
    assert "草稿" in e.value.zh and "Draft" in e.value.en
    with pytest.raises(StateError):
        production.issue_flow_cards(order.id, batch_size=50)
    assert FlowCard.select().count() == 0


def test_carton_count_must_be_a_whole_number(db):
    order = make_confirmed()
    with pytest.raises(ValidationError) as e:
        production.issue_production_sheet(order.id, carton_count="十")
    assert e.value.field == "carton_count"


# ---------------------------------------------------------------- flow cards --
def test_cards_split_each_line_into_batches_with_route_steps(db):
    routes.ensure_default_routes()
    delivery = TODAY + dt.timedelta(days=40)
    order = make_confirmed(lines=two_lines(red=100, blue=200), delivery_date=delivery, product_category="服装")
    sheet = production.issue_production_sheet(order.id)
    cards = production.issue_flow_cards(order.id, batch_size=80)
    assert [(c.colour, c.batch_no, c.quantity) for c in cards] == [
        ("红", 1, 80), ("红", 2, 20), ("蓝", 1, 80), ("蓝", 2, 80), ("蓝", 3, 40)]
    assert all(CARD_NUMBER.match(c.number) for c in cards)
    assert len({c.number for c in cards}) == 5
    assert all(c.sheet_id == sheet.id and c.revision == 0 and c.style == "T100" for c in cards)
    steps = production.card_steps(cards[0])
    assert [s.name for s in steps] == ["裁剪", "车缝", "印花", "后整", "质检", "包装"]
    # planned dates spread back from the delivery date by the steps' days
    route = routes.route_for("服装")
    assert steps[-1].planned_date == delivery
    assert steps[-2].planned_date == delivery - dt.timedelta(days=route.steps[-1].days)
    assert steps[0].planned_date == delivery - dt.timedelta(days=route.total_days - route.steps[0].days)
    assert cards[0].planned_start == delivery - dt.timedelta(days=route.total_days)
    assert cards[0].planned_finish == delivery
    assert FlowCardStep.select().count() == 5 * 6
    assert AuditLog.select().where((AuditLog.entity == "flow_card") & (AuditLog.order_id == order.id)).count() == 5


def test_textile_orders_get_the_textile_route(db):
    order = make_confirmed(product_category="针织")
    card = production.issue_flow_cards(order.id, batch_size=500)[0]
    assert [s.name for s in production.card_steps(card)][0] == "织造"


def test_cards_only_cover_what_is_left_of_each_line(db):
    order = make_confirmed(lines=two_lines(red=100, blue=200))
    red, blue = lines_of(order)
    first = production.issue_flow_cards(order.id, batches=[(red.id, 60), (red.id, 30)])
    assert [c.batch_no for c in first] == [1, 2]
    with pytest.raises(ValidationError) as e:
        production.issue_flow_cards(order.id, batches=[(red.id, 11)])
    assert "10" in e.value.zh and "11" in e.value.en and order.number in e.value.en
    rest = production.issue_flow_cards(order.id, batch_size=1000)
    assert [(c.order_line_id, c.batch_no, c.quantity) for c in rest] == [(red.id, 3, 10), (blue.id, 1, 200)]
    with pytest.raises(StateError) as e:
        production.issue_flow_cards(order.id, batch_size=10)
    assert "没有剩余" in e.value.zh


def test_explicit_batches_are_checked(db):
    order = make_confirmed()
    other = make_confirmed()
    with pytest.raises(ValidationError) as e:
        production.issue_flow_cards(order.id, batches=[(lines_of(other)[0].id, 10)])
    assert order.number in e.value.zh
    with pytest.raises(ValidationError):
        production.issue_flow_cards(order.id, batches=[(lines_of(order)[0].id, 0)])
    with pytest.raises(ValidationError):
        production.issue_flow_cards(order.id, batch_size=-5)
    with pytest.raises(ValidationError):  # both a batch size and batches
        production.issue_flow_cards(order.id, batch_size=10, batches=[(lines_of(order)[0].id, 10)])
    assert FlowCard.select().count() == 0  # nothing half-issued


def test_scanner_input_finds_the_card(db):
    order = make_confirmed()
    card = production.issue_flow_cards(order.id, batch_size=100)[0]
    assert production.card_by_number(card.number).id == card.id
    assert production.card_by_number(f"  {card.number.lower()}\r\n").id == card.id
    fullwidth = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in card.number)
    assert production.card_by_number(fullwidth).id == card.id
    with pytest.raises(NotFound) as e:
        production.card_by_number("LC0000-99999\n")
    assert "LC0000-99999" in e.value.zh and "LC0000-99999" in e.value.en
    assert "\n" not in e.value.en
    with pytest.raises(ValidationError):
        production.card_by_number("   ")


def test_cards_go_to_the_orders_factory_or_the_one_named(db):
    own = factories.create_factory("本厂一车间", "own")
    sub = factories.create_factory("绍兴华达针织", "subcontract", capabilities="针织 印花")
    order = make_confirmed()
    factories.assign_order(order.id, own.id)
    red, blue = lines_of(order)
    a = production.issue_flow_cards(order.id, batches=[(red.id, 100)])[0]
    b = production.issue_flow_cards(order.id, batches=[(blue.id, 200)], factory_id=sub.id)[0]
    assert a.factory_id == own.id and b.factory_id == sub.id


def test_revision_recalls_the_changed_lines_cards_and_new_cards_follow_the_new_revision(db):
    order = make_confirmed()
    production.issue_production_sheet(order.id)
    old_cards = production.issue_flow_cards(order.id, batch_size=100)  # red 100; blue 100 + 100
    revised = revise_order(order.id, "客户改红色尺码", None,
                           [dict(ln, size="L") if ln["colour"] == "红" else ln for ln in two_lines()],
                           orders.get_order(order.id).version)
    assert revised.revision == 1
    # the red line changed (its cards print the size): its card is void; blue's two stay live
    assert [c.id for c in production.cards_for_order(order.id)] == [c.id for c in old_cards[1:]]
    assert FlowCard.get_by_id(old_cards[0].id).recalled_at is not None
    assert production.current_sheet(order.id) is None
    sheet = production.issue_production_sheet(order.id)
    assert sheet.revision == 1
    # the new sheet takes the kept cards
    assert {FlowCard.get_by_id(c.id).sheet_id for c in old_cards[1:]} == {sheet.id}
    new_cards = production.issue_flow_cards(order.id, batch_size=150)
    assert [(c.quantity, c.revision, c.size, c.batch_no) for c in new_cards] == [(100, 1, "L", 1)]
    with pytest.raises(StateError) as e:
        production.record_progress(old_cards[0].number, 1, 10, 10, 0, "张三")
    assert old_cards[0].number in e.value.zh and "void" in e.value.en
    production.record_progress(old_cards[1].number, 1, 10, 10, 0, "张三")  # a kept card takes progress


def test_recall_one_card(db):
    order = make_confirmed()
    card = production.issue_flow_cards(order.id, batch_size=100)[0]
    with pytest.raises(ValidationError):
        production.recall_card(card.id, " ")
    recalled = production.recall_card(card.number, "开错批次")
    assert recalled.recalled_at is not None and recalled.recall_reason == "开错批次"
    with pytest.raises(StateError):
        production.recall_card(card.id, "again")
    with pytest.raises(StateError) as e:
        production.record_progress(card.id, "裁剪", 10, 10, 0, "李四")
    assert "开错批次" in e.value.zh
    # its pieces are free to be carded again
    again = production.issue_flow_cards(order.id, batches=[(card.order_line_id, 100)])
    assert again[0].quantity == 100


def test_cancelled_order_cards_take_no_progress(db):
    order = make_confirmed()
    card = production.issue_flow_cards(order.id, batch_size=100)[0]
    cancel_order(order.id, "客户取消", orders.get_order(order.id).version)
    with pytest.raises(StateError):
        production.record_progress(card.number, 1, 5, 5, 0, "王五")


# ----------------------------------------------------------- start production --
def test_start_production_refused_while_materials_are_short(db):
    order = make_confirmed()  # 300 pieces
    materials.add_material(order.id, "全棉汗布", "0.5", 0, in_stock=100, unit="kg")
    with pytest.raises(StateError) as e:
        production.start_production(order.id, confirm_missing=True)
    assert "全棉汗布" in e.value.zh and "50" in e.value.zh and "kg" in e.value.en
    assert Order.get_by_id(order.id).status == "confirmed"


def test_start_production_with_an_override_reason_is_audited(db):
    order = make_confirmed()
    materials.add_material(order.id, "全棉汗布", "0.5", 0, in_stock=100, unit="kg")
    result = production.start_production(order.id, override_reason="  布料明天到,先裁库存  ", confirm_missing=True)
    assert not result.covered and result.shortages[0].name == "全棉汗布"
    fresh = Order.get_by_id(order.id)
    assert fresh.status == "in_production" and fresh.production_started_at is not None
    assert fresh.material_override_reason == "布料明天到,先裁库存"
    log = AuditLog.get((AuditLog.order_id == order.id) & (AuditLog.field == "material_override_reason"))
    assert log.new == "布料明天到,先裁库存"
    with pytest.raises(StateError):  # already in production
        production.start_production(order.id, confirm_missing=True)


def test_start_production_when_covered_needs_no_reason(db):
    order = make_confirmed()
    m = materials.add_material(order.id, "全棉汗布", "0.5", 0, in_stock=100, unit="kg")
    p = materials.create_purchase(m.id, "柯桥布行", 60, TODAY + dt.timedelta(days=3))
    materials.receive_purchase(p.id, 50)
    result = production.start_production(order.id, override_reason="not needed", confirm_missing=True)
    assert result.covered and result.override_reason == ""
    fresh = Order.get_by_id(order.id)
    assert fresh.status == "in_production" and fresh.material_override_reason == ""


def test_start_production_needs_a_confirmed_order(db):
    order = make_order()
    with pytest.raises(StateError) as e:
        production.start_production(order.id, "急")
    assert order.number in e.value.zh
    orders.get_order(order.id)  # still there, unchanged
    assert Order.get_by_id(order.id).status == "draft"


def test_cards_can_be_issued_in_production(db):
    order = make_confirmed()
    production.start_production(order.id, confirm_missing=True)
    assert production.issue_flow_cards(order.id, batch_size=300)


def test_after_a_revision_new_cards_leave_out_what_already_shipped(db):
    order = make_confirmed(lines=two_lines(red=100, blue=200))
    production.start_production(order.id, confirm_missing=True)
    production.issue_flow_cards(order.id, batch_size=200)
    red, blue = lines_of(order)
    from gendan_desktop.core import shipments

    shipments.create_shipment(order.id, TODAY, [(red.id, 40)], excess_reason="先出现货")
    assert orders.get_order(order.id).status == "partly_shipped"
    revise_order(order.id, "客户改蓝色尺码并加单", None,
                 [{"id": red.id}, {"id": blue.id, "size": "XL", "quantity": 250}],
                 orders.get_order(order.id).version)
    # red is untouched: its card (which the 40 left on) stays; blue's card is recalled
    cards = production.issue_flow_cards(order.id, batch_size=500)
    assert [(c.order_line_id, c.quantity) for c in cards] == [(blue.id, 250)]
    revise_order(order.id, "红色改款号", None, [{"id": red.id, "style": "T101"}, {"id": blue.id}],
                 orders.get_order(order.id).version)
    # red's card is recalled now: what shipped before (40) needs no new card
    cards = production.issue_flow_cards(order.id, batch_size=500)
    assert [(c.order_line_id, c.quantity) for c in cards] == [(red.id, 60)]
    # a shipment made under the new revision comes out of the new cards: nothing more to issue
    shipments.create_shipment(order.id, TODAY, [(red.id, 60)], excess_reason="先出现货")
    with pytest.raises(StateError):
        production.issue_flow_cards(order.id, batch_size=500)
