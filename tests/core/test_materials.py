"""Material requirements, shortages and purchase follow-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import TODAY, make_confirmed, two_lines

from gendan_desktop.core import materials, orders
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import AuditLog, MaterialRequirement, PurchaseFollowUp
from gendan_desktop.core.recalls import cancel_order


def test_requirement_figures(db):
    order = make_confirmed(lines=two_lines(red=400, blue=600))  # 1000 pieces
    fabric = materials.add_material(order.id, "全棉汗布 180g", "1.35", "5", in_stock="200.5", unit="m")
    materials.add_material(order.id, "纽扣", 4, 2, in_stock=5000, unit="pcs", supplied_by_client=True)
    p1 = materials.create_purchase(fabric.id, "柯桥布行", 800, TODAY + dt.timedelta(days=5))
    p2 = materials.create_purchase(fabric.id, "绍兴纺织", "500", TODAY + dt.timedelta(days=9))
    materials.receive_purchase(p1.id, "300.25")
    figs = {f.name: f for f in materials.material_figures(order.id)}
    f = figs["全棉汗布 180g"]
    assert f.order_qty == 1000
    assert f.required == Decimal("1417.5")  # 1000 × 1.35 × 1.05
    assert f.received == Decimal("300.25")
    assert f.on_order == Decimal("499.75") + Decimal(500)  # still owed by both suppliers
    assert f.shortage == Decimal("1417.5") - Decimal("200.5") - Decimal("300.25")
    assert f.shortage_text == "916.75"
    b = figs["纽扣"]
    assert b.required == Decimal("4080") and b.shortage == 0 and b.supplied_by_client
    covered, short = materials.materials_covered(order.id)
    assert not covered and [s.name for s in short] == ["全棉汗布 180g"]
    materials.receive_purchase(p1.id, "499.75")
    materials.receive_purchase(p2.id, 500)
    covered, short = materials.materials_covered(order.id)
    assert covered and short == []
    assert materials.material_figures(order.id)[0].on_order == 0


def test_required_rounds_up_never_down(db):
    assert materials.required_quantity(3, "0.33333", "0") == Decimal("1.0000")
    assert materials.required_quantity(1, "0.00001", "0") == Decimal("0.0001")


def test_an_order_without_materials_is_covered(db):
    order = make_confirmed()
    assert materials.materials_covered(order.id) == (True, [])


@pytest.mark.parametrize("kwargs, field", [
    ({"name": " ", "consumption_per_piece": 1}, "name"),
    ({"name": "布", "consumption_per_piece": "-1"}, "consumption_per_piece"),
    ({"name": "布", "consumption_per_piece": "abc"}, "consumption_per_piece"),
    ({"name": "布", "consumption_per_piece": 1, "loss_rate_pct": 100}, "loss_rate_pct"),
    ({"name": "布", "consumption_per_piece": 1, "in_stock": -3}, "in_stock"),
])
def test_material_input_is_checked(db, kwargs, field):
    order = make_confirmed()
    with pytest.raises(ValidationError) as e:
        materials.add_material(order.id, **kwargs)
    assert e.value.field == field
    assert MaterialRequirement.select().count() == 0


def test_update_material_is_versioned_and_audited(db):
    order = make_confirmed()
    m = materials.add_material(order.id, "罗纹", "0.1", 3)
    m2 = materials.update_material(m.id, {"in_stock": "25", "loss_rate_pct": 4}, m.version)
    assert m2.in_stock == Decimal(25) and m2.version == m.version + 1
    with pytest.raises(StaleEdit):
        materials.update_material(m.id, {"in_stock": 30}, m.version)
    with pytest.raises(ValidationError):
        materials.update_material(m.id, {"colour": "红"}, m2.version)
    fields = {a.field for a in AuditLog.select().where(
        (AuditLog.entity == "material") & (AuditLog.order_id == order.id))}
    assert {"name", "in_stock", "loss_rate_pct"} <= fields


def test_delete_material_only_without_purchases(db):
    order = make_confirmed()
    m = materials.add_material(order.id, "罗纹", "0.1", 3)
    materials.create_purchase(m.id, "布行", 10, TODAY)
    with pytest.raises(StateError):
        materials.delete_material(m.id)
    m2 = materials.add_material(order.id, "吊牌", 1, 0, unit="pcs")
    materials.delete_material(m2.id)
    assert [x.name for x in materials.material_figures(order.id)] == ["罗纹"]


def test_receiving_more_than_ordered_needs_consent(db):
    order = make_confirmed()
    m = materials.add_material(order.id, "全棉汗布", "1.2", 3)
    p = materials.create_purchase(m.id, "柯桥布行", 100, TODAY + dt.timedelta(days=3))
    materials.receive_purchase(p.id, 60, "2026-11-20")
    with pytest.raises(ValidationError) as e:
        materials.receive_purchase(p.id, 41)
    assert "柯桥布行" in e.value.zh and "60" in e.value.en and "41" in e.value.en
    p = materials.receive_purchase(p.id, 43, dt.date(2026, 11, 21), allow_excess=True)
    assert p.received_qty == Decimal(103) and p.received_date == dt.date(2026, 11, 21)
    receipts = AuditLog.select().where(
        (AuditLog.entity == "purchase") & (AuditLog.action == "receive")).count()
    assert receipts == 2
    with pytest.raises(ValidationError):
        materials.receive_purchase(p.id, 0)


def test_purchase_input_is_checked(db):
    order = make_confirmed()
    m = materials.add_material(order.id, "全棉汗布", "1.2", 3)
    with pytest.raises(ValidationError):
        materials.create_purchase(m.id, "", 10, TODAY)
    with pytest.raises(ValidationError):
        materials.create_purchase(m.id, "布行", 0, TODAY)
    with pytest.raises(ValidationError) as e:
        materials.create_purchase(m.id, "布行", 10, TODAY - dt.timedelta(days=1), ordered_date=TODAY)
    assert e.value.field == "due_date"
    with pytest.raises(ValidationError):
        materials.create_purchase(m.id, "布行", 10, "下周")


def test_overdue_purchases(db):
    order = make_confirmed()
    other = make_confirmed()
    m = materials.add_material(order.id, "全棉汗布", "1.2", 3)
    late = materials.create_purchase(m.id, "柯桥布行", 100, "2026-11-10", ordered_date="2026-11-01")
    done = materials.create_purchase(m.id, "绍兴纺织", 50, "2026-11-10", ordered_date="2026-11-01")
    materials.create_purchase(m.id, "嘉兴", 50, "2026-11-30", ordered_date="2026-11-01")  # not due yet
    materials.receive_purchase(done.id, 50)
    materials.receive_purchase(late.id, 30)
    m2 = materials.add_material(other.id, "拉链", 1, 0, unit="pcs")
    materials.create_purchase(m2.id, "YKK", 300, "2026-11-05", ordered_date="2026-11-01")
    overdue = materials.overdue_purchases(dt.date(2026, 11, 15))
    assert [(o.supplier, o.days_overdue) for o in overdue] == [("YKK", 10), ("柯桥布行", 5)]
    assert overdue[1].outstanding == Decimal(70) and overdue[1].order_number == order.number
    cancel_order(other.id, "客户取消", orders.get_order(other.id).version)
    assert [o.supplier for o in materials.overdue_purchases(dt.date(2026, 11, 15))] == ["柯桥布行"]
    updated = materials.update_purchase(late.id, {"due_date": "2026-11-20"},
                                        PurchaseFollowUp.get_by_id(late.id).version)
    assert updated.due_date == dt.date(2026, 11, 20)
    assert materials.overdue_purchases(dt.date(2026, 11, 15)) == []
    assert len(materials.purchases_for_order(order.id)) == 3


def test_cancelled_order_takes_no_new_materials(db):
    order = make_confirmed()
    cancel_order(order.id, "客户取消", order.version)
    assert orders.get_order(order.id).status == "cancelled"
    with pytest.raises(StateError):
        materials.add_material(order.id, "布", 1)
