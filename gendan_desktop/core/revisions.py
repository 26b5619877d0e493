"""Order revisions (改单): R1, R2, … with the old revision kept readable.

A confirmed order is never edited in place: the client re-orders, the
merchandiser re-issues the paper. ``revise_order`` freezes the order as it
stood (header + lines, JSON in OrderRevision), bumps the revision, applies the
changes and recalls the paper the change made wrong, all in one transaction:
every production sheet of an older revision (it lists the whole order), but
only the flow cards of the lines the revision changed for production (see
``lines_changed_for_production``). Cards of untouched lines stay live with
their recorded progress; the changed lines get new cards.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from peewee import fn

from .changes import OpChanges
from .common import audit, current_user
from .db import write_transaction
from .errors import NotFound, StateError, ValidationError
from .models import FlowCard, Order, OrderRevision
from .order_input import line_summary
from .orders import apply_order_changes, get_order, order_lines, po_guard, set_status, shipped_quantities
from .recalls import recall_changes, recall_documents
from .status_rules import can_edit, can_revise

HEADER_FIELDS = ("number", "client_id", "channel", "client_po", "order_type", "currency", "order_date",
                 "delivery_date", "status", "revision", "quotation_id", "sample_id", "remake_of_id", "factory_id",
                 "product_category", "payment_terms", "trade_terms", "deposit_pct", "merchandiser",
                 "client_requirements", "packing", "shipping_marks", "notes")
LINE_FIELDS = ("id", "line_no", "style", "product", "colour", "size", "quantity", "unit", "unit_price", "remarks")
# What a flow card prints of its line: a change to any of these voids the line's cards.
CARD_FIELDS = ("style", "product", "colour", "size", "unit")
# Not part of "what the client ordered": left out of diffs.
DIFF_SKIP = {"status", "revision", "number"}
_DATES = {"order_date", "delivery_date"}
_DECIMALS = {"deposit_pct", "unit_price"}


def revision_label(revision: int) -> str:
    """'R1', 'R2', …; the original order (0) has no label."""
    return f"R{revision}" if revision else ""


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _typed(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _DATES:
        return dt.date.fromisoformat(value)
    if name in _DECIMALS:
        return Decimal(value)
    return value


def _live_snapshot(order: Order) -> dict[str, Any]:
    return {
        "header": {f: _plain(getattr(order, f)) for f in HEADER_FIELDS},
        "lines": [{f: _plain(getattr(ln, f)) for f in LINE_FIELDS} for ln in order_lines(order.id)],
    }


def lines_changed_for_production(before: list[dict[str, Any]], after: list[Any], carded: dict[int, int]) -> set[int]:
    """Ids of the old lines whose live flow cards a revision makes wrong.

    A line is changed for production when it was deleted, when anything its
    card prints changed (style, product, colour, size, unit), or when its new
    quantity is below what its live cards already carry. A larger quantity, a
    new price or new remarks leave its cards alone (the extra pieces get cards
    of their own).
    """
    now = {ln.id: ln for ln in after}
    out: set[int] = set()
    for old in before:
        new = now.get(old["id"])
        if new is None or any(old[f] != getattr(new, f) for f in CARD_FIELDS) or new.quantity < carded.get(old["id"],
                                                                                                           0):
            out.add(old["id"])
    return out


def revise_order(order_id: int, reason: str, changes: dict[str, Any] | None, lines: list[dict[str, Any]] | None,
                 expected_version: int) -> Order:
    """Make revision R(n+1) of a confirmed / in-production / partly shipped order.

    ``changes`` are header fields (not the client), ``lines`` the whole new line
    list as for update_order (None keeps the lines). Lines with shipments cannot
    be deleted nor go below the quantity shipped. Refused without a reason or
    without any change. The production sheet is recalled; flow cards only for
    the lines changed for production. Returns the fresh order.
    """
    return revise_order_changes(order_id, reason, changes, lines, expected_version)[0]


def revise_order_changes(order_id: int, reason: str, changes: dict[str, Any] | None,
                         lines: list[dict[str, Any]] | None, expected_version: int) -> tuple[Order, OpChanges]:
    """``revise_order``, and what it changed: the order, its revision and the paper it recalled."""
    from .progress import live_cards

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写改单原因(例如:客户邮件要求改颜色)。",
                              "Please give the reason for the revision (e.g. the client's email asking "
                              "for another colour).", field="reason")
    changes = dict(changes or {})
    if {"client", "client_id"}.intersection(changes):
        raise ValidationError("改单不能更换客户;如客户不同,请取消本单并重新下单。",
                              "A revision cannot change the client; cancel this order and create a new one.",
                              field="client")
    with po_guard(changes.get("client_po", "")), write_transaction():
        order = get_order(order_id)
        if not can_revise(order.status):
            if can_edit("order", order.status):
                raise StateError(f"订单 {order.number} 还未确认,直接修改即可,不需要改单。",
                                 f"Order {order.number} is not confirmed yet; edit it directly, no revision is needed.")
            raise StateError(f"订单 {order.number} 已出货完毕、结清或取消,不能改单。",
                             f"Order {order.number} is fully shipped, settled or cancelled and cannot be revised.")
        old_rev, new_rev = order.revision, order.revision + 1
        snapshot = _live_snapshot(order)
        carded = {lid: int(n or 0) for lid,
                  n in live_cards(order).select(FlowCard.order_line, fn.SUM(FlowCard.quantity))
                  .group_by(FlowCard.order_line).tuples() if lid is not None}
        header_changed, line_notes = apply_order_changes(
            order, changes, expected_version, lines, shipped=shipped_quantities(order.id),
            forced={"revision": new_rev})
        if header_changed == ["revision"] and not line_notes:
            raise ValidationError("改单内容与当前订单完全相同,没有需要保存的修改。",
                                  "The revision changes nothing on the order; there is nothing to save.")
        OrderRevision.create(order=order.id, revision=old_rev, reason=reason,
                             snapshot=json.dumps(snapshot, ensure_ascii=False), created_by=current_user())
        audit("order", order.id, "revise", order_id=order.id, field="reason",
              old=revision_label(old_rev) or "R0", new=f"{revision_label(new_rev)}:{reason}")
        why = f"订单改为 {revision_label(new_rev)}:{reason}"
        recalled = recall_documents(order.id, why, before_revision=new_rev, kinds=("production_sheet",))
        changed = lines_changed_for_production(snapshot["lines"], order_lines(order.id), carded)
        recalled += recall_documents(order.id, why, kinds=("flow_card",), card_lines=changed)
        # payments owns the fully-shipped and settled rules
        from .payments import is_fully_shipped, refresh_settlement

        if order.status == "partly_shipped" and is_fully_shipped(order.id):
            # the client dropped what was still open: nothing is left to ship
            set_status(order.id, "shipped", reason=f"{revision_label(new_rev)} 后已全部出货")
            refresh_settlement(order.id)
    return get_order(order_id), OpChanges.of("order", [order_id]) | OpChanges.of("revision") | recall_changes(recalled)


def list_revisions(order_id: int) -> list[dict[str, Any]]:
    """The order's revisions, oldest first: revision, label, reason, made at/by.

    ``reason``/``created_at`` say why and when that revision came into being
    (the original has none). The last one is the current order.
    """
    order = get_order(order_id)
    rows = list(OrderRevision.select().where(OrderRevision.order == order_id).order_by(OrderRevision.revision))
    out = [{"revision": 0, "label": "", "reason": "", "created_at": order.created_at, "created_by": ""}]
    for row in rows:
        out.append({"revision": row.revision + 1, "label": revision_label(row.revision + 1), "reason": row.reason,
                    "created_at": row.created_at, "created_by": row.created_by})
    return out[: order.revision + 1]


revisions = list_revisions  # the name the GUI's revisions view imports


def revision_snapshot(order_id: int, revision: int) -> dict[str, Any]:
    """The order as it stood at ``revision`` (0 = original): header and lines,
    with dates and money as date/Decimal. The current revision is read live."""
    order = get_order(order_id)
    if revision == order.revision:
        data = _live_snapshot(order)
    else:
        row = OrderRevision.get_or_none((OrderRevision.order == order_id) & (OrderRevision.revision == revision))
        if row is None or revision > order.revision or revision < 0:
            raise NotFound(f"订单 {order.number} 没有 {revision_label(revision) or '原始版本'}。",
                           f"Order {order.number} has no revision {revision_label(revision) or 'R0'}.")
        data = json.loads(row.snapshot)
    made = OrderRevision.get_or_none((OrderRevision.order == order_id) & (OrderRevision.revision == revision - 1))
    return {
        "order_id": order.id, "number": order.number, "revision": revision, "label": revision_label(revision),
        "current": revision == order.revision, "reason": made.reason if made else "",
        "header": {k: _typed(k, v) for k, v in data["header"].items()},
        "lines": [{k: _typed(k, v) for k, v in ln.items()} for ln in data["lines"]],
    }


def diff_revisions(order_id: int, a: int, b: int) -> list[tuple[str, str, Any, Any]]:
    """What changed from revision ``a`` to ``b``: (where, field, old, new).

    ``where`` is "header" or "line N" (N = the line's number in ``b``, or in
    ``a`` for a removed line). Lines are matched by id, which revisions keep
    for changed lines. A whole added line is (where, "line", None, summary), a
    removed one (where, "line", summary, None).
    """
    old, new = revision_snapshot(order_id, a), revision_snapshot(order_id, b)
    out: list[tuple[str, str, Any, Any]] = []
    for field, value in new["header"].items():
        if field not in DIFF_SKIP and old["header"].get(field) != value:
            out.append(("header", field, old["header"].get(field), value))
    # A line is the same line only if it lived through every revision between:
    # SQLite may give a deleted line's id to a line added later.
    same = {ln["id"] for ln in old["lines"]} & {ln["id"] for ln in new["lines"]}
    for r in range(min(a, b) + 1, max(a, b)):
        same &= {ln["id"] for ln in revision_snapshot(order_id, r)["lines"]}
    old_lines = {ln["id"]: ln for ln in old["lines"] if ln["id"] in same}
    new_ids = same
    for ln in new["lines"]:
        where = f"line {ln['line_no']}"
        before = old_lines.get(ln["id"])
        if before is None:
            out.append((where, "line", None, line_summary(ln)))
            continue
        for field in LINE_FIELDS[1:]:
            if before[field] != ln[field]:
                out.append((where, field, before[field], ln[field]))
    for ln in old["lines"]:
        if ln["id"] not in new_ids:
            out.append((f"line {ln['line_no']}", "line", line_summary(ln), None))
    return out
