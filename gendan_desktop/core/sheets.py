"""Issuing production sheets (生产单), and what all issued paper shares: the order
check before issuing, and the numbers of sheets and flow cards.

A production sheet states what production must make and the client's
requirements, for one order revision. Flow cards: core/flow_cards.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from .common import audit, bump_counter, format_number, get_or_404, next_number, number_counter
from .db import write_transaction
from .errors import StateError, ValidationError
from .models import (
    FlowCard,
    Order,
    ProductionSheet,
)
from .progress import (
    live_cards,
    lock_row,
    not_recalled,
)

SHEET_PREFIX = "PS"
CARD_PREFIX = "LC"
CARD_NUMBER_WIDTH = 5
# partly shipped: a revision after a first shipment recalls the paper, and the rest needs new paper
ISSUABLE_STATUSES = ("confirmed", "in_production", "partly_shipped")
MAX_CARDS_PER_ISSUE = 5000  # a typo in the batch size must not print a forest


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _order_for_issue(order_id: int, what_zh: str, what_en: str) -> Order:
    order = lock_row(Order, order_id, "订单", "Order")
    if order.status not in ISSUABLE_STATUSES:
        from .enums import label

        raise StateError(
            f"订单 {order.number} 当前状态为“{label('order_status', order.status, 'zh')}”,不能下发{what_zh}。"
            "订单需先审查并确认(或已在生产中)。",
            f"Order {order.number} is “{label('order_status', order.status, 'en')}”; {what_en} can only be "
            "issued for a confirmed order (or one in production).")
    return order


def _reserve_numbers(prefix: str, count: int, width: int, day: dt.date | None = None) -> list[str]:
    """``count`` consecutive numbers like common.next_number, with one counter update."""
    name = number_counter(prefix, day or dt.date.today())
    end = bump_counter(name, count)
    return [format_number(name, v, width) for v in range(end - count + 1, end + 1)]


# ------------------------------------------------------- production sheet --
def current_sheet(order_id: int) -> ProductionSheet | None:
    """The live production sheet of the order's current revision, if any."""
    order = get_or_404(Order, order_id, "订单", "Order")
    return (cast("ProductionSheet | None", ProductionSheet.select()
            .where((ProductionSheet.order == order.id) & (ProductionSheet.revision == order.revision)
                   & not_recalled(ProductionSheet))
            .order_by(ProductionSheet.id.desc()).first()))


def issue_production_sheet(order_id: int, client_requirements: str | None = None, packing: str | None = None,
                           carton_count: Any = 0, shipping_marks: str | None = None, remarks: str | None = None, *,
                           reissue: bool = False) -> ProductionSheet:
    """Issue the production sheet of the order's current revision.

    Texts left as None are taken from the order. If a live sheet already
    exists for this revision it is refused, unless ``reissue`` is given: then
    the old sheet is recalled and the new one replaces it.
    """
    try:
        cartons = int(str(carton_count if carton_count not in (None, "") else 0).strip())
    except ValueError:
        cartons = -1
    if cartons < 0:
        raise ValidationError(f"箱数“{carton_count}”无效,请填写 0 或正整数。",
                              f"The carton count “{carton_count}” is not valid; enter 0 or a whole number.",
                              field="carton_count")
    with write_transaction():
        order = _order_for_issue(order_id, "生产单", "a production sheet")
        old = current_sheet(order.id)
        if old is not None and not reissue:
            raise StateError(
                f"订单 {order.number} R{order.revision} 已有生产单 {old.number},不能重复下发。如需重开,"
                f"请选择“重新下发”,旧单将被收回。",
                f"Order {order.number} R{order.revision} already has production sheet {old.number}; choose "
                "re-issue to replace it (the old sheet is then recalled).")
        sheet = ProductionSheet.create(
            number=next_number(SHEET_PREFIX),
            order=order.id,
            revision=order.revision,
            client_requirements=(order.client_requirements if client_requirements is None
                                 else client_requirements).strip(),
            packing=(order.packing if packing is None else packing).strip(),
            carton_count=cartons,
            shipping_marks=(order.shipping_marks if shipping_marks is None else shipping_marks).strip(),
            remarks=(order.notes if remarks is None else remarks).strip(),  # the order's 备注
        )
        audit("production_sheet", sheet.id, "issue", order_id=order.id, field="number", new=sheet.number)
        if old is not None:
            ProductionSheet.update(recalled_at=_now(), recall_reason=f"重新下发 {sheet.number} / re-issued",
                                   version=ProductionSheet.version + 1).where(ProductionSheet.id == old.id).execute()
            audit("production_sheet", old.id, "recall", order_id=order.id, field="recalled_at",
                  new=f"re-issued as {sheet.number}")
        # the live cards now go with this sheet (cards a revision kept came with an older one)
        FlowCard.update(sheet=sheet.id).where(FlowCard.id.in_(live_cards(order).select(FlowCard.id))).execute()
        return cast("ProductionSheet", sheet)
