"""Production exceptions (report, escalate, resolve) and factories (own, subcontract, backup)."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import make_confirmed, make_order

from gendan_desktop.core import factories, production
from gendan_desktop.core import production_exceptions as pe
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import AuditLog, Order


def test_exception_lifecycle_is_audited_on_the_order(db):
    order = make_confirmed()
    card = production.issue_flow_cards(order.id, batch_size=300)[0]
    exc = pe.report_exception(order.id, "质量", "high", "车缝跳针 30 件", card_id=card.id, date="2026-11-20")
    assert (exc.kind, exc.severity, exc.status, exc.card_id) == ("quality", "high", "open", card.id)
    assert exc.reported_by == "tester" and exc.reported_at == dt.date(2026, 11, 20)
    exc = pe.escalate(exc.id, "厂长", date="2026-11-21")
    assert (exc.status, exc.escalated_to, exc.escalated_at) == ("escalated", "厂长", dt.date(2026, 11, 21))
    assert [e.id for e in pe.open_exceptions()] == [exc.id]
    exc = pe.resolve(exc.id, "返修 30 件,加派 2 人")
    assert exc.status == "resolved" and exc.resolved_at is not None
    assert pe.open_exceptions() == []
    with pytest.raises(StateError):
        pe.resolve(exc.id, "again")
    with pytest.raises(StateError):
        pe.escalate(exc.id, "老板")
    actions = [a.action for a in AuditLog.select().where(
        (AuditLog.entity == "exception") & (AuditLog.order_id == order.id))
               .order_by(AuditLog.id)]
    assert actions == ["report", "escalate", "resolve"]


def test_open_exceptions_most_severe_first(db):
    order = make_confirmed()
    low = pe.report_exception(order.id, "other", "low", "包装袋印错字", date="2026-11-01")
    crit = pe.report_exception(order.id, "equipment", "critical", "印花机坏", date="2026-11-10")
    med = pe.report_exception(order.id, "delay", "medium", "外协厂延误", date="2026-11-02")
    high = pe.report_exception(order.id, "material", "高", "布料色差", date="2026-11-05")
    assert [e.id for e in pe.open_exceptions()] == [crit.id, high.id, med.id, low.id]
    assert pe.open_exception_counts([order.id]) == {order.id: 4}
    assert len(pe.exceptions_for_order(order.id)) == 4


def test_exception_input_is_checked(db):
    order = make_confirmed()
    other = make_confirmed()
    card = production.issue_flow_cards(other.id, batch_size=300)[0]
    with pytest.raises(ValidationError):
        pe.report_exception(order.id, "地震", "high", "x")
    with pytest.raises(ValidationError):
        pe.report_exception(order.id, "quality", "huge", "x")
    with pytest.raises(ValidationError):
        pe.report_exception(order.id, "quality", "high", "  ")
    with pytest.raises(ValidationError) as e:
        pe.report_exception(order.id, "quality", "high", "色差", card_id=card.id)
    assert card.number in e.value.zh and order.number in e.value.en
    exc = pe.report_exception(order.id, "quality", "high", "色差")
    with pytest.raises(ValidationError):
        pe.escalate(exc.id, "")
    with pytest.raises(ValidationError):
        pe.resolve(exc.id, "")


# --------------------------------------------------------------- factories --
def test_backup_factories_for_a_capability(db):
    factories.create_factory("本厂", "own", capabilities="裁剪 车缝 印花")
    a = factories.create_factory("义乌针织二厂", "backup", capabilities="针织、印花", capacity_per_day=500)
    b = factories.create_factory("绍兴华达", "subcontract", capabilities="印花,绣花", capacity_per_day=2000)
    c = factories.create_factory("湖州备选", "backup", capabilities="Printing, sewing", capacity_per_day=800)
    factories.create_factory("停用厂", "backup", capabilities="印花", active=False)
    assert [f.id for f in factories.backup_factories_for("印花")] == [a.id, b.id]
    assert [f.id for f in factories.backup_factories_for("printing")] == [c.id]
    assert [f.id for f in factories.backup_factories_for("")] == [c.id, a.id, b.id]
    assert [f.id for f in factories.backup_factories_for("印花", exclude_id=a.id)] == [b.id]
    assert factories.backup_factories_for("激光切割") == []


def test_factory_validation_and_versioned_update(db):
    f = factories.create_factory("嘉兴制衣", "外协厂", capacity_per_day="300")
    assert f.kind == "subcontract" and f.capacity_per_day == 300
    with pytest.raises(ValidationError):
        factories.create_factory("嘉兴制衣 ", "backup")  # same name
    with pytest.raises(ValidationError):
        factories.create_factory("X", "partner")
    with pytest.raises(ValidationError):
        factories.create_factory("Y", "own", capacity_per_day=-1)
    f2 = factories.update_factory(f.id, {"phone": "0573-1234567"}, f.version)
    with pytest.raises(StaleEdit):
        factories.update_factory(f.id, {"phone": "x"}, f.version)
    assert f2.phone == "0573-1234567"
    assert [x.name for x in factories.list_factories("subcontract")] == ["嘉兴制衣"]


def test_assign_order_and_card_to_a_factory(db):
    own = factories.create_factory("本厂", "own")
    backup = factories.create_factory("备选厂", "backup", capabilities="车缝")
    dead = factories.create_factory("已停用", "backup", active=False)
    order = make_confirmed()
    o = factories.assign_order(order.id, own.id)
    assert o.factory_id == own.id
    card = production.issue_flow_cards(order.id, batch_size=300)[0]
    assert card.factory_id == own.id
    moved = factories.assign_card(card.id, backup.id)
    assert moved.factory_id == backup.id
    with pytest.raises(StateError):
        factories.assign_card(card.id, dead.id)
    logs = AuditLog.select().where(
        (AuditLog.order_id == order.id) & (AuditLog.field == "factory"))
    assert {a.entity for a in logs} == {"order", "flow_card"}


def test_assigning_a_draft_order_goes_through_the_order_editor(db):
    f = factories.create_factory("本厂", "own")
    order = make_order()
    o = factories.assign_order(order.id, f.id)
    assert o.factory_id == f.id and Order.get_by_id(order.id).version == order.version + 1
