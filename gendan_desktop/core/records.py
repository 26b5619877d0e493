"""Where a record is shown: the order, client or flow card a record of any kind belongs to.

The window opens a record by (kind, id) (a search result, a workbench line, a
link in a history): ``locate`` says which order, client, flow card or quotation
to select first, so every tab asks one function instead of looking records up
itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import (
    Contact,
    Dispatch,
    FlowCard,
    FlowCardStep,
    FollowUp,
    MaterialRequirement,
    Order,
    OrderRevision,
    Payment,
    ProductionException,
    ProductionSheet,
    PurchaseFollowUp,
    Quotation,
    Sample,
    Shipment,
    Visit,
)


@dataclass(frozen=True)
class Home:
    """What a record belongs to (None where it does not apply or was not found)."""

    order_id: int | None = None
    client_id: int | None = None
    card_id: int | None = None


# kind → (model, the field naming the order or client it belongs to)
_OWNED_BY_ORDER: dict[str, Any] = {
    "shipment": Shipment, "payment": Payment, "revision": OrderRevision, "production_sheet": ProductionSheet,
    "exception": ProductionException, "material": MaterialRequirement, "flow_card": FlowCard,
}
_OWNED_BY_CLIENT: dict[str, Any] = {
    "followup": FollowUp, "contact": Contact, "visit": Visit, "dispatch": Dispatch, "sample": Sample,
}


def locate(kind: str, id_: int) -> Home | None:
    """The order / client / flow card that record ``(kind, id_)`` belongs to;
    None when the record does not exist (deleted since it was listed)."""
    if kind == "order":
        return Home(order_id=id_) if Order.get_or_none(Order.id == id_) is not None else None
    if kind == "client":
        return Home(client_id=id_)
    if kind == "flow_card_step":
        step = FlowCardStep.get_or_none(FlowCardStep.id == id_)
        return locate("flow_card", int(step.card_id)) if step is not None else None
    if kind in ("quotation", "pi"):
        return _quotation(id_)
    if kind == "purchase":
        p = PurchaseFollowUp.get_or_none(PurchaseFollowUp.id == id_)
        return locate("material", int(p.material_id)) if p is not None else None
    if kind in _OWNED_BY_ORDER:
        record = _OWNED_BY_ORDER[kind].get_or_none(_OWNED_BY_ORDER[kind].id == id_)
        if record is None:
            return None
        return Home(order_id=int(record.order_id), card_id=id_ if kind == "flow_card" else None)
    if kind in _OWNED_BY_CLIENT:
        record = _OWNED_BY_CLIENT[kind].get_or_none(_OWNED_BY_CLIENT[kind].id == id_)
        return Home(client_id=int(record.client_id)) if record is not None else None
    return None


def _quotation(id_: int) -> Home | None:
    q = Quotation.get_or_none(Quotation.id == id_)
    if q is None:
        return None
    order = Order.select(Order.id).where(Order.quotation == q.id).first()
    return Home(order_id=int(order.id) if order is not None else None, client_id=int(q.client_id))
