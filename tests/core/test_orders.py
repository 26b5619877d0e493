"""Orders: creation with validation, editing, review, confirmation, status flow."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from builders import TODAY, make_client, make_confirmed, make_order, review_all, two_lines
from order_helpers import issue_sheet, make_sample

from gendan_desktop.core import enums, orders, recalls
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import AuditLog, Order, OrderLine
from gendan_desktop.core.status_rules import ORDER_TRANSITIONS


def audit_rows(order_id, **match):
    q = AuditLog.select().where(AuditLog.order_id == order_id)
    for k, v in match.items():
        q = q.where(getattr(AuditLog, k) == v)
    return list(q.order_by(AuditLog.id))


# ---------------------------------------------------------------- create --
def test_create_order_stores_header_lines_and_number(db):
    client = make_client()
    order = orders.create_order(client.id, lines=two_lines(), delivery_date="2027-03-01", channel="传真",
                                client_po="PO-778", currency="rmb", order_date=dt.date(2026, 11, 20),
                                packing="每件入胶袋", deposit_pct="30")
    assert re.fullmatch(r"SO\d{4}-\d{4}", order.number)
    assert (order.status, order.revision, order.channel, order.currency) == ("draft", 0, "fax", "CNY")
    assert order.delivery_date == dt.date(2027, 3, 1) and order.packing == "每件入胶袋"
    assert order.merchandiser == "tester"
    lines = orders.order_lines(order.id)
    assert [(ln.line_no, ln.colour, ln.quantity, ln.unit_price) for ln in lines] == [
        (1, "红", 100, Decimal("3.5")), (2, "蓝", 200, Decimal("3.6"))]
    assert orders.order_totals(order.id) == {"quantity": 300, "amount": Decimal("1070"), "currency": "CNY",
                                             "lines": 2}
    assert len(audit_rows(order.id, action="create")) == 3  # the order and its two lines


def test_order_numbers_run_on(db):
    a, b = make_order(), make_order()
    assert int(b.number[-4:]) == int(a.number[-4:]) + 1


@pytest.mark.parametrize("line_no, field, value, words", [
    (2, "quantity", 0, "1 至 10,000,000 之间的整数"),
    (2, "quantity", "1.5", "必须是整数"),
    (1, "quantity", "abc", "不是数字"),
    (2, "unit_price", "-1", "0 至 10,000,000 之间"),
    (1, "unit_price", "三块", "不是数字"),
    (1, "quantity", 10_000_001, "超出允许范围"),
    (1, "unit_price", "0.00001", "最多 4 位"),
])
def test_bad_line_is_refused_naming_line_and_field(db, line_no, field, value, words):
    lines = two_lines()
    lines[line_no - 1][field] = value
    client = make_client()
    with pytest.raises(ValidationError) as exc:
        orders.create_order(client.id, lines=lines, delivery_date=TODAY)
    assert exc.value.field == f"lines.{line_no}.{field}"
    assert f"第 {line_no} 行" in exc.value.zh and words in exc.value.zh
    assert f"Line {line_no}" in exc.value.en
    assert Order.select().count() == 0 and OrderLine.select().count() == 0


def test_quantity_given_as_text_with_thousands_separator_is_accepted(db):
    lines = [{"style": "A1", "quantity": "1,200", "unit_price": "0"}]
    order = make_order(lines=lines)
    assert orders.order_totals(order.id)["quantity"] == 1200


def test_line_needs_style_or_product_and_fits_the_column(db):
    with pytest.raises(ValidationError, match="第 1 行没有款号也没有品名"):
        make_order(lines=[{"colour": "红", "quantity": 1, "unit_price": 1}])
    with pytest.raises(ValidationError, match="第 1 行的款号太长"):
        make_order(lines=[{"style": "X" * 81, "quantity": 1, "unit_price": 1}])
    with pytest.raises(ValidationError, match="订单至少要有一行明细"):
        make_order(lines=[])
    with pytest.raises(ValidationError, match="没有“colr”"):
        make_order(lines=[{"style": "A", "colr": "红", "quantity": 1, "unit_price": 1}])


def test_delivery_before_order_date_is_refused(db):
    with pytest.raises(ValidationError) as exc:
        make_order(order_date=dt.date(2026, 5, 10), delivery_date=dt.date(2026, 5, 9))
    assert exc.value.field == "delivery_date" and "早于下单日期" in exc.value.zh
    with pytest.raises(ValidationError, match="不是有效日期"):
        make_order(delivery_date="2026-13-40")


def test_client_must_exist_and_not_be_archived(db):
    with pytest.raises(ValidationError, match="找不到客户"):
        orders.create_order(9999, lines=two_lines(), delivery_date=TODAY)
    archived = make_client(archived=True)
    with pytest.raises(ValidationError, match="已归档"):
        orders.create_order(archived.id, lines=two_lines(), delivery_date=TODAY)


def test_sample_must_be_approved_and_of_the_same_client(db):
    client, other = make_client(), make_client()
    with pytest.raises(ValidationError, match="还未批板"):
        make_order(client, sample_id=make_sample(client, status="sent").id)
    with pytest.raises(ValidationError, match="属于另一个客户"):
        make_order(client, sample_id=make_sample(other).id)
    sample = make_sample(client)
    assert make_order(client, sample_id=sample.id).sample_id == sample.id


def test_workflow_fields_cannot_be_set_at_creation(db):
    with pytest.raises(ValidationError, match="不能在这里修改"):
        make_order(status="confirmed")
    with pytest.raises(ValidationError, match="没有“colour”这一项"):
        make_order(colour="红")
    with pytest.raises(ValidationError, match="不是有效的值"):
        make_order(channel="pigeon")


# ------------------------------------------------------------------ edit --
def test_update_order_changes_header_and_audits_old_and_new(db):
    order = make_order(client_po="PO-1")
    updated = orders.update_order(order.id, {"client_po": "PO-2", "notes": "加急"}, order.version)
    assert (updated.client_po, updated.notes, updated.version) == ("PO-2", "加急", order.version + 1)
    row = audit_rows(order.id, field="client_po")[0]
    assert (row.entity, row.action, row.old, row.new, row.user) == ("order", "update", "PO-1", "PO-2", "tester")


def test_line_edits_keep_ids_of_kept_lines(db):
    order = make_order()
    red, blue = orders.order_lines(order.id)
    new_lines = [
        {"id": blue.id, "quantity": 250},                       # patched by id
        {"style": "T200", "product": "背心", "colour": "白", "size": "S", "quantity": 10, "unit_price": 2},
    ]
    updated = orders.update_order(order.id, {}, order.version, lines=new_lines)
    lines = orders.order_lines(order.id)
    assert [(ln.id == blue.id, ln.line_no, ln.style, ln.quantity) for ln in lines] == [
        (True, 1, "T100", 250), (False, 2, "T200", 10)]
    assert not OrderLine.select().where(OrderLine.id == red.id).exists()
    assert updated.version == order.version + 1  # line-only edits bump the order's version too
    changes = {(r.action, r.entity_id, r.field, r.old, r.new) for r in audit_rows(order.id, entity="order_line")}
    assert ("update", blue.id, "quantity", "200", "250") in changes
    assert ("update", blue.id, "line_no", "2", "1") in changes
    assert any(a == "delete" and eid == red.id and "红" in old for a, eid, _f, old, _n in changes)


def test_lines_without_ids_are_matched_by_style_colour_size(db):
    order = make_order()
    before = {ln.colour: ln.id for ln in orders.order_lines(order.id)}
    lines = two_lines()
    lines[0]["unit_price"] = "3.55"
    orders.update_order(order.id, {}, order.version, lines=lines)
    after = {ln.colour: (ln.id, ln.unit_price) for ln in orders.order_lines(order.id)}
    assert after == {"红": (before["红"], Decimal("3.55")), "蓝": (before["蓝"], Decimal("3.6"))}
    assert len(audit_rows(order.id, entity="order_line", action="update")) == 1


def test_saving_nothing_new_does_not_bump_the_version(db):
    order = make_order(client_po="PO-1")
    again = orders.update_order(order.id, {"client_po": "PO-1"}, order.version, lines=two_lines())
    assert again.version == order.version


def test_update_keeps_dates_consistent(db):
    order = make_order(order_date=dt.date(2026, 6, 1), delivery_date=dt.date(2026, 7, 1))
    with pytest.raises(ValidationError, match="早于下单日期"):
        orders.update_order(order.id, {"delivery_date": "2026-05-30"}, order.version)
    assert orders.get_order(order.id).delivery_date == dt.date(2026, 7, 1)


def test_confirmed_order_is_not_edited_in_place(db):
    order = make_confirmed()
    with pytest.raises(StateError, match="改单"):
        orders.update_order(order.id, {"notes": "x"}, order.version)


# ---------------------------------------------------------------- review --
def test_partial_review_stays_draft_and_confirm_names_the_unchecked_items(db):
    order = make_order()
    order = orders.set_review(order.id, True, False, True, True, False, "面料待确认", order.version)
    assert order.status == "draft" and order.review_notes == "面料待确认" and order.reviewed_by == "tester"
    with pytest.raises(StateError) as exc:
        orders.confirm_order(order.id, expected_version=order.version)
    assert "物料" in exc.value.zh and "交期" in exc.value.zh and "颜色" not in exc.value.zh
    assert "Material" in exc.value.en
    assert orders.get_order(order.id).status == "draft"


def test_full_review_then_confirm(db):
    order = review_all(make_order())
    assert order.status == "reviewed"
    confirmed = orders.confirm_order(order.id, expected_version=order.version)
    assert confirmed.status == "confirmed" and confirmed.confirmed_at is not None
    statuses = [(r.old, r.new) for r in audit_rows(order.id, field="status")]
    assert statuses == [("draft", "reviewed"), ("reviewed", "confirmed")]


def test_unticking_a_review_item_returns_the_order_to_draft(db):
    order = review_all(make_order())
    order = orders.set_review(order.id, True, True, True, False, True, "", order.version)
    assert order.status == "draft"


def test_editing_what_was_reviewed_voids_the_review(db):
    order = review_all(make_order())
    order = orders.update_order(order.id, {"notes": "只是备注"}, order.version)
    assert order.status == "reviewed"  # notes are not what the review judged
    lines = two_lines()
    lines[0]["quantity"] = 5000
    order = orders.update_order(order.id, {}, order.version, lines=lines)
    assert order.status == "draft"
    assert not any(getattr(order, f) for f in orders.REVIEW_FIELDS)
    with pytest.raises(StateError, match="未通过"):
        orders.confirm_order(order.id, expected_version=order.version)


def test_review_is_closed_after_confirmation(db):
    order = make_confirmed()
    with pytest.raises(StateError):
        orders.set_review(order.id, False, True, True, True, True, "", order.version)


# ---------------------------------------------------------------- status --
def test_status_table_covers_every_status_and_cancel_only_before_shipping(db):
    assert set(ORDER_TRANSITIONS) == set(enums.ORDER_STATUSES)
    for old, targets in ORDER_TRANSITIONS.items():
        assert set(targets) <= set(enums.ORDER_STATUSES)
        shipped_or_done = old in ("partly_shipped", "shipped", "settled", "cancelled")
        assert ("cancelled" in targets) != shipped_or_done


def test_set_status_enforces_the_table_and_audits(db):
    order = make_confirmed()
    with pytest.raises(StateError) as exc:
        orders.set_status(order, "shipped")
    assert "已确认" in exc.value.zh and "已出货" in exc.value.zh
    version = order.version
    assert orders.set_status(order, "in_production", reason="物料齐套") is True
    assert order.status == "in_production" and order.version == version + 1
    fresh = orders.get_order(order.id)
    assert fresh.production_started_at is not None and fresh.version == version + 1
    assert orders.set_status(order, "in_production") is False  # same status: nothing happens
    assert orders.set_status(order.id, "shipped") is True
    assert orders.set_status(order.id, "settled") is True
    reasons = [r.new for r in audit_rows(order.id, field="status_reason")]
    assert "物料齐套" in reasons
    with pytest.raises(StateError):
        orders.set_status(order.id, "cancelled")


def test_set_status_with_a_stale_version_is_refused(db):
    order = make_confirmed()
    with pytest.raises(StaleEdit):
        orders.set_status(order.id, "in_production", expected_version=order.version - 1)
    assert orders.get_order(order.id).status == "confirmed"


# --------------------------------------------------------------- queries --
def test_order_totals_are_exact_decimals(db):
    lines = [{"style": "A", "quantity": 3, "unit_price": "0.1"}, {"style": "B", "quantity": 7, "unit_price": "0.3333"}]
    totals = orders.order_totals(make_order(lines=lines).id)
    assert totals["amount"] == Decimal("2.6331") and isinstance(totals["amount"], Decimal)
    assert totals["quantity"] == 10


def test_order_history_is_newest_first_and_includes_documents(db):
    order = make_confirmed()
    sheet = issue_sheet(order)
    recalls.cancel_order(order.id, "客户取消", order.version)
    history = orders.order_history(order.id)
    assert [h.id for h in history] == sorted((h.id for h in history), reverse=True)
    assert history[0].entity == "production_sheet" and history[0].entity_id == sheet.id
    assert history[-1].action == "create" and history[-1].new == order.number
    other = make_order()
    assert all(h.order_id == order.id for h in history) and orders.order_history(other.id)
