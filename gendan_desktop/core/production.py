"""Production (生产): the start of production, and one import for callers of its parts.

Production sheets are issued in core/sheets.py, flow cards in
core/flow_cards.py, progress is entered and read in core/progress.py; their
services are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .common import audit, get_or_404
from .db import write_transaction
from .errors import StateError
from .flow_cards import (  # noqa: F401  (re-exported: one import for callers)
    PlannedCard,
    _shipped_before_cards,
    cards_for_order,
    issue_flow_cards,
    lines_to_card,
    plan_cards,
    planned_dates,
    recall_card,
    remaining_by_line,
    split_card,
    split_into_batches,
)
from .models import (
    Order,
)
from .progress import (  # noqa: F401  (re-exported: one import for callers)
    card_by_number,
    card_steps,
    check_card_live,
    delete_progress,
    get_card,
    live_cards,
    lock_row,
    not_recalled,
    record_progress,
)
from .progress_queries import (  # noqa: F401  (re-exported: one import for callers)
    GridCell,
    GridRow,
    LateStep,
    OrderProgress,
    ProgressGrid,
    late_steps,
    order_progress,
    progress_grid,
)
from .sheets import (  # noqa: F401  (re-exported: one import for callers)
    CARD_NUMBER_WIDTH,
    CARD_PREFIX,
    ISSUABLE_STATUSES,
    MAX_CARDS_PER_ISSUE,
    SHEET_PREFIX,
    _now,
    current_sheet,
    issue_production_sheet,
)


# ------------------------------------------------------ start production --
@dataclass(frozen=True)
class StartResult:
    order_id: int
    covered: bool
    override_reason: str
    shortages: list[Any]
    missing: tuple[str, ...] = ()  # what was missing and confirmed (Chinese)


def missing_for_start(order_id: int) -> list[tuple[str, str]]:
    """What the floor should have before production starts and does not: (Chinese, English).

    A production sheet of the current revision, flow cards, and the materials
    on record (without them the shortage check has nothing to check).
    """
    from .models import MaterialRequirement

    order = get_or_404(Order, order_id, "订单", "Order")
    out = []
    if current_sheet(order.id) is None:
        out.append(("尚未下发生产单", "no production sheet has been issued"))
    if not live_cards(order).exists():
        out.append(("尚未下发流程卡", "no flow cards have been issued"))
    if not MaterialRequirement.select().where(MaterialRequirement.order == order.id).exists():
        out.append(("尚未登记物料,无法核对备料", "no materials are on record, so nothing checks the material"))
    return out


def start_production(order_id: int, override_reason: str | None = None, *,
                     confirm_missing: bool = False) -> StartResult:
    """Move a confirmed order into production.

    Refused while the production sheet, flow cards or materials are missing
    (missing_for_start; StateError on field ``confirm_missing`` listing them)
    unless ``confirm_missing``: then the start goes ahead and what was missing
    is audited. Allowed when the materials are covered, or, if they are not,
    when the merchandiser gives a reason (kept in Order.material_override_reason
    and audited). Otherwise refused with the shortages listed.
    """
    from . import orders  # written by the orders engineer; imported late to avoid a cycle
    from .enums import label
    from .materials import materials_covered

    reason = (override_reason or "").strip()
    with write_transaction():
        order = lock_row(Order, order_id, "订单", "Order")
        if order.status != "confirmed":
            raise StateError(
                f"订单 {order.number} 当前状态为“{label('order_status', order.status, 'zh')}”,"
                "只有已确认的订单才能开始生产。",
                f"Order {order.number} is “{label('order_status', order.status, 'en')}”; only a confirmed "
                "order can go into production.")
        missing = missing_for_start(order.id)
        if missing and not confirm_missing:
            raise StateError(
                f"订单 {order.number} 还不能直接开始生产:{'、'.join(zh for zh, _ in missing)}。"
                "请先补齐,或确认后仍开始生产。",
                f"Order {order.number} is not ready to go into production: {'; '.join(en for _, en in missing)}. "
                "Complete them first, or confirm to start anyway.", field="confirm_missing")
        covered, shortages = materials_covered(order.id)
        if not covered and not reason:
            zh = "、".join(f"{s.name} 缺 {s.shortage_text} {s.unit}" for s in shortages)
            en = "; ".join(f"{s.name} short by {s.shortage_text} {s.unit}" for s in shortages)
            raise StateError(
                f"订单 {order.number} 物料不足,不能开始生产:{zh}。请先补足物料,或填写原因强制开始。",
                f"Order {order.number} cannot go into production, materials are short: {en}. "
                "Cover them first, or give a reason to start anyway.", field="override_reason")
        if not covered:
            Order.update(material_override_reason=reason).where(Order.id == order.id).execute()
            audit("order", order.id, "material_override", order_id=order.id, field="material_override_reason",
                  old=order.material_override_reason or None, new=reason)
            order.material_override_reason = reason
        if missing:
            audit("order", order.id, "start_incomplete", order_id=order.id, field="production_started_at",
                  new="; ".join(en for _, en in missing))
        orders.set_status(order, "in_production")  # audits the status, sets production_started_at
        return StartResult(order.id, covered, reason if not covered else "", shortages,
                           tuple(zh for zh, _ in missing))
