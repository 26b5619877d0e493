"""Production exceptions (生产异常): what endangers the client's requirement or date.

open → escalated (to the boss, as the source document insists) → resolved.
Every step is audited against the order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from peewee import Case

from . import enums
from .common import audit, current_user, get_or_404, need_text, parse_date
from .db import write_transaction
from .errors import StateError, ValidationError
from .models import Expr, FlowCard, Order, ProductionException

SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def _get(exception_id: int) -> ProductionException:
    return get_or_404(ProductionException, exception_id, "生产异常", "Production exception")


def _unresolved(exception_id: int, refusal_zh: str, refusal_en: str) -> ProductionException:
    """The exception, or StateError with the refusal ({id}, {resolved_at} filled in) once it is resolved."""
    exc = _get(exception_id)
    if exc.status == "resolved":
        raise StateError(refusal_zh.format(id=exc.id, resolved_at=exc.resolved_at),
                         refusal_en.format(id=exc.id, resolved_at=exc.resolved_at))
    return exc


def _advance(exc: ProductionException, action: str, field: str, old: Any, new: str,
             **values: Any) -> ProductionException:
    """Write one step (escalate, resolve) as a new version, so an open editor of the old one is refused,
    audit it against the order (``field``: ``old`` → ``new``) and return the exception as it is now."""
    ProductionException.update(version=ProductionException.version + 1,
                               updated_at=dt.datetime.now().replace(microsecond=0), **values).where(
        ProductionException.id == exc.id).execute()
    audit("exception", exc.id, action, order_id=exc.order_id, field=field, old=old, new=new)
    return _get(exc.id)


def report_exception(order_id: int, kind: str, severity: str, description: str, card_id: int | None = None, *,
                     reported_by: str | None = None, date: Any = None) -> ProductionException:
    """Record an exception against an order (and optionally the flow card / batch it hit)."""
    kind = enums.parse("exception_kind", kind, field="kind")
    severity = enums.parse("severity", severity or "medium", field="severity")
    description = need_text(description, "description", "请描述异常情况:发生了什么,影响哪些货、多少数量。",
                            "Describe the exception: what happened, which goods and how many are affected.")
    with write_transaction():
        order = get_or_404(Order, order_id, "订单", "Order")
        if card_id is not None:
            card = get_or_404(FlowCard, int(card_id), "流程卡", "Flow card")
            if card.order_id != order.id:
                raise ValidationError(f"流程卡 {card.number} 不属于订单 {order.number}。",
                                      f"Flow card {card.number} does not belong to order {order.number}.",
                                      field="card")
        exc = ProductionException.create(
            order=order.id, card=card_id, kind=kind, severity=severity, description=description,
            reported_at=parse_date(date),
            reported_by=(reported_by if reported_by is not None else current_user()).strip(),
            merchandiser=order.merchandiser or current_user(),
        )
        audit("exception", exc.id, "report", order_id=order.id, field="description",
              new=f"[{kind}/{severity}] {description}")
        return cast("ProductionException", exc)


def escalate(exception_id: int, to_whom: str, date: Any = None) -> ProductionException:
    """Pass the exception up (厂长, 老板 …); it stays open until resolved."""
    to_whom = need_text(to_whom, "escalated_to", "请填写上报给谁(如厂长、老板)。",
                        "Enter whom the exception is escalated to (e.g. the factory manager).")
    with write_transaction():
        exc = _unresolved(exception_id, "生产异常 {id} 已解决,不需要再上报。",
                          "Production exception {id} is already resolved; it needs no escalation.")
        day = parse_date(date)
        return _advance(exc, "escalate", "escalated_to", exc.escalated_to or None, f"{to_whom} ({day})",
                        escalated_to=to_whom, escalated_at=day, status="escalated")


def resolve(exception_id: int, resolution: str, date: Any = None) -> ProductionException:
    resolution = need_text(resolution, "resolution", "请填写处理结果:采取了什么措施、结果如何。",
                           "Enter the resolution: what was done and with what result.")
    with write_transaction():
        exc = _unresolved(exception_id, "生产异常 {id} 已于 {resolved_at} 解决。",
                          "Production exception {id} was already resolved on {resolved_at}.")
        day = parse_date(date)
        return _advance(exc, "resolve", "status", exc.status, f"resolved: {resolution}",
                        resolution=resolution, resolved_at=day, status="resolved")


def _rank() -> Expr:
    return Case(ProductionException.severity, [(k, v) for k, v in SEVERITY_RANK.items()], 9)


def open_exceptions(order_id: int | None = None, limit: int | None = None) -> list[ProductionException]:
    """Exceptions not yet resolved: the most severe first, then the oldest (``limit`` of them)."""
    q = ProductionException.select().where(ProductionException.status != "resolved")
    if order_id is not None:
        q = q.where(ProductionException.order == order_id)
    q = q.order_by(_rank(), ProductionException.reported_at, ProductionException.id)
    return list(q if limit is None else q.limit(int(limit)))


def exceptions_for_order(order_id: int) -> list[ProductionException]:
    return list(ProductionException.select().where(ProductionException.order == order_id)
                .order_by(ProductionException.reported_at.desc(), ProductionException.id.desc()))


def open_exception_counts(order_ids: Iterable[int]) -> dict[int, int]:
    """Open exceptions per order, for list columns (one query)."""
    from peewee import fn

    ids = list(order_ids)
    if not ids:
        return {}
    from .compiled_sql import IdList, fetch

    E = ProductionException
    rows = fetch("exceptions.open_counts", lambda a: E.select(E.order, fn.COUNT(E.id))
                 .where(E.order.in_(a) & (E.status != "resolved")).group_by(E.order), IdList(ids))
    return {int(oid): int(n) for oid, n in rows}
