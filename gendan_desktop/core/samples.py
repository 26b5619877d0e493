"""Samples (小样/打样) and the client's approval (批板).

requested → made → sent → approved | rejected. Any other step is refused with a
StateError. Sending a sample also registers it in the dispatch register, in the
same transaction. A rejected sample can be requested again as a new sample.

The handbook's chain 小样 → 批板 → 大货: an approved sample becomes a bulk
order (``create_order_from_sample``, Order.sample links them); the sample knows
its orders (``orders_for_samples``) and the order its sample (``sample_summary``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from . import enums
from .common import audit, current_user, get_or_404, need_date, next_number, refuse_unknown_fields, save_versioned
from .db import write_transaction
from .errors import StateError, ValidationError
from .limits import QUANTITY
from .models import Client, Dispatch, Order, Quotation, Sample

# action → (states it may start from, state it leads to, zh verb, en verb)
TRANSITIONS = {
    "make": (("requested",), "made", "标记为已做好", "marked made"),
    "send": (("made",), "sent", "寄出", "sent"),
    "approve": (("sent",), "approved", "批板通过", "approved"),
    "reject": (("sent",), "rejected", "标记为未通过", "rejected"),
}
REQUEST_FIELDS = {"style", "product", "colour", "size", "quantity", "description", "due_date"}


def _step(sample_id: int, action: str, changes: dict[str, Any], expected_version: int | None) -> Sample:
    """Apply one transition; call inside a transaction."""
    s = get_or_404(Sample, sample_id, "样品", "Sample")
    allowed, new, verb_zh, verb_en = TRANSITIONS[action]
    if s.status not in allowed:
        need_zh = "或".join(f"“{enums.label('sample_status', a, 'zh')}”" for a in allowed)
        need_en = " or ".join(enums.label("sample_status", a, "en").lower() for a in allowed)
        raise StateError(
            f"样品 {s.number} 当前状态为“{enums.label('sample_status', s.status, 'zh')}”,不能{verb_zh};"
            f"只有{need_zh}的样品可以{verb_zh}。",
            f"Sample {s.number} is {enums.label('sample_status', s.status, 'en').lower()}, so it cannot be "
            f"{verb_en}; only a sample that is {need_en} can.")
    save_versioned(s, {"status": new, **changes}, expected_version, f"样品 {s.number}", f"Sample {s.number}",
                   audit_entity="sample")
    return s


def request_sample(client_id: int, *, requested_date: dt.date | None = None,
                   quotation_id: int | None = None, style: str = "", product: str = "",
                   colour: str = "", size: str = "", quantity: int = 1, description: str = "",
                   due_date: dt.date | None = None) -> Sample:
    """Record that the client asked for a sample (status 'requested')."""
    client = get_or_404(Client, client_id, "客户", "Client")
    requested_date = need_date(requested_date or dt.date.today(), "requested_date", "打样申请日期",
                                "request date")
    if not (product or "").strip() and not (style or "").strip():
        raise ValidationError("请填写样品的款号或品名。", "Enter the style or product of the sample.",
                              field="product")
    quantity = QUANTITY.check_int(quantity, where_zh="样品", where_en="Sample: ", field="quantity")
    if due_date is not None:
        due_date = need_date(due_date, "due_date", "样品交期", "sample due date")
        if due_date < requested_date:
            raise ValidationError(f"样品交期({due_date})早于申请日期({requested_date}),请改为之后的日期。",
                                  f"The due date ({due_date}) is before the request date ({requested_date}); "
                                  "pick a later date.", field="due_date")
    if quotation_id is not None:
        q = get_or_404(Quotation, quotation_id, "报价单", "Quotation")
        if q.client_id != client.id:
            raise ValidationError(f"报价单 {q.number} 属于另一位客户,不能用于“{client.name}”的样品。",
                                  f"Quotation {q.number} belongs to another client; it cannot be used for a "
                                  f"sample of “{client.name}”.", field="quotation")
    with write_transaction():
        s = Sample.create(
            number=next_number("SP", date=requested_date), client=client.id, quotation=quotation_id,
            style=(style or "").strip(), product=(product or "").strip(), colour=(colour or "").strip(),
            size=(size or "").strip(), quantity=quantity, description=description or "",
            status="requested", requested_date=requested_date, due_date=due_date,
            merchandiser=client.merchandiser or current_user(),
        )
        audit("sample", s.id, "create", new=s.number)
    return cast("Sample", s)


def mark_made(sample_id: int, date: dt.date | None = None, expected_version: int | None = None) -> Sample:
    date = need_date(date or dt.date.today(), "made_date", "做好日期", "date made")
    with write_transaction():
        return _step(sample_id, "make", {"made_date": date}, expected_version)


def send_sample(sample_id: int, courier: str, tracking_no: str = "", date: dt.date | None = None,
                expected_version: int | None = None, notes: str = "") -> Sample:
    """Mark the sample sent and register the dispatch (kind 'sample')."""
    date = need_date(date or dt.date.today(), "sent_date", "寄出日期", "date sent")
    courier = (courier or "").strip()
    if not courier:
        raise ValidationError("请填写快递公司(如 DHL、顺丰),以便跟踪样品。",
                              "Enter the courier (e.g. DHL, SF Express) so the sample can be traced.",
                              field="courier")
    tracking_no = (tracking_no or "").strip()
    with write_transaction():
        s = _step(sample_id, "send", {"sent_date": date, "courier": courier, "tracking_no": tracking_no},
                  expected_version)
        what = " ".join(p for p in (s.number, s.style, s.product, s.colour, s.size) if p)
        Dispatch.create(client=s.client_id, date=date, kind="sample", items=what, quantity=s.quantity,
                        courier=courier, tracking_no=tracking_no, sample=s.id, notes=notes or "")
    return s


def _not_before_sent(sample_id: int, date: dt.date) -> None:
    s = get_or_404(Sample, sample_id, "样品", "Sample")
    if s.sent_date is not None and date < s.sent_date:
        raise ValidationError(f"批板日期 {date} 早于样品寄出日期 {s.sent_date},请改正日期。",
                              f"The decision date {date} is before the sample was sent ({s.sent_date}); "
                              "correct the date.", field="decided_date")


def approve_sample(sample_id: int, comments: str = "", date: dt.date | None = None,
                   expected_version: int | None = None) -> Sample:
    """The client approved the sample (批板); orders may now follow it."""
    date = need_date(date or dt.date.today(), "decided_date", "批板日期", "approval date")
    with write_transaction():
        _not_before_sent(sample_id, date)
        return _step(sample_id, "approve", {"decided_date": date, "client_comments": (comments or "").strip()},
                     expected_version)


def reject_sample(sample_id: int, comments: str, date: dt.date | None = None,
                  expected_version: int | None = None) -> Sample:
    """The client rejected the sample; their comments (why) are required."""
    date = need_date(date or dt.date.today(), "decided_date", "回复日期", "decision date")
    comments = (comments or "").strip()
    if not comments:
        raise ValidationError("请填写客户不通过样品的意见,以便改进后重新打样。",
                              "Enter the client's comments on why the sample was rejected, so the next one "
                              "can be improved.", field="client_comments")
    with write_transaction():
        _not_before_sent(sample_id, date)
        return _step(sample_id, "reject", {"decided_date": date, "client_comments": comments}, expected_version)


def request_again(sample_id: int, requested_date: dt.date | None = None, **changes: Any) -> Sample:
    """A new sample after a rejection, copying the old one (changes override)."""
    old = get_or_404(Sample, sample_id, "样品", "Sample")
    if old.status != "rejected":
        raise StateError(f"样品 {old.number} 未被拒绝,无需重新打样。",
                         f"Sample {old.number} was not rejected; there is no need to request it again.")
    refuse_unknown_fields(changes, REQUEST_FIELDS, "样品", "A sample")
    base = {k: getattr(old, k) for k in REQUEST_FIELDS - {"due_date"}}
    base["description"] = changes.pop("description", None) or (
        f"{old.description}\n(重新打样,上次 {old.number} 意见:{old.client_comments})".strip())
    base.update(changes)
    return request_sample(old.client_id, requested_date=requested_date, quotation_id=old.quotation_id, **base)


def create_order_from_sample(sample_id: int, delivery_date: dt.date, quantity: Any, unit_price: Any, *,
                             client_po: str = "", channel: str = "email", order_date: dt.date | None = None,
                             **extra: Any) -> Order:
    """大货: a draft order following an approved sample, with one line of the
    sample's style, product, colour and size (``quantity`` × ``unit_price``).

    The order links the sample (and the sample's quotation, if any). Refused
    for a sample the client has not approved. ``extra`` takes other order
    header fields (currency, product_category, notes…).
    """
    from .orders import create_order

    s = get_or_404(Sample, sample_id, "样品", "Sample")
    if s.status != "approved":
        state_zh, state_en = enums.label("sample_status", s.status, "zh"), enums.label("sample_status", s.status, "en")
        raise StateError(f"样品 {s.number} 还未批板(现在是“{state_zh}”),客户批板后才能下大货订单。",
                         f"Sample {s.number} is not approved (it is “{state_en}”); bulk can be ordered only "
                         "after the client approves it.")
    line = {"style": s.style, "product": s.product or s.style, "colour": s.colour, "size": s.size,
            "quantity": quantity, "unit_price": unit_price,
            "remarks": f"按样品 {s.number} 批板生产" + (f"(批板 {s.decided_date})" if s.decided_date else "")}
    client = get_or_404(Client, s.client_id, "客户", "Client")
    extra.setdefault("currency", client.default_currency or "USD")
    with write_transaction():
        order = create_order(s.client_id, lines=[line], delivery_date=delivery_date, channel=channel,
                             client_po=client_po, order_date=order_date, sample_id=s.id,
                             quotation_id=s.quotation_id, **extra)
        audit("sample", s.id, "order", order_id=order.id, field="order", new=order.number)
    return order


# ---------------------------------------------------------------- queries --
def orders_for_samples(sample_ids: Any) -> dict[int, list[tuple[int, str]]]:
    """Sample id → [(order id, order number), …] of the orders that follow it (one query)."""
    ids = list(sample_ids)
    out: dict[int, list[tuple[int, str]]] = {}
    if not ids:
        return out
    for sid, oid, number in (Order.select(Order.sample, Order.id, Order.number)
                             .where(Order.sample.in_(ids)).order_by(Order.id).tuples()):
        out.setdefault(sid, []).append((oid, number))
    return out


def sample_summary(sample_id: int | None, lang: str | None = None, *, brief: bool = False) -> str:
    """'SP2611-0003 T100 红 · 已批板 2026-11-20' for an order ('' without a sample);
    ``brief``: 'SP2611-0003 · 已批板 2026-11-20' (a production sheet's cell)."""
    if sample_id is None:
        return ""
    s = Sample.get_or_none(Sample.id == sample_id)
    if s is None:
        return ""
    what = s.number if brief else " ".join(p for p in (s.number, s.style, s.product, s.colour, s.size) if p)
    state = enums.label("sample_status", s.status, lang)
    when = f" {s.decided_date}" if s.decided_date and s.status in ("approved", "rejected") else ""
    return f"{what} · {state}{when}"


def approved_samples_for_client(client_id: int) -> list[Sample]:
    """Samples the client approved, newest first: what an order can follow."""
    return list(Sample.select().where((Sample.client == client_id) & (Sample.status == "approved"))
                .order_by(Sample.decided_date.desc(), Sample.id.desc()))


def samples_awaiting_decision(client_id: int | None = None) -> list[Sample]:
    """Samples sent and not yet approved or rejected, oldest first (to chase)."""
    q = Sample.select().where(Sample.status == "sent")
    if client_id is not None:
        q = q.where(Sample.client == client_id)
    return list(q.order_by(Sample.sent_date, Sample.id))


def samples_for_client(client_id: int) -> list[Sample]:
    return list(Sample.select().where(Sample.client == client_id)
                .order_by(Sample.requested_date.desc(), Sample.id.desc()))
