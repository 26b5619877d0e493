"""工作交接: when a merchandiser leaves, their clients and open work go to a successor.

The handbook warns that a merchandiser who leaves without a complete archive
takes clients and business along. ``hand_over(leaver, successor, client_ids)``
moves, for the chosen clients, everything still open that the leaver looks
after (or that nobody was named for): the client itself, open orders,
pending follow-up reminders, samples not yet decided, quotations not yet
ordered or rejected, unresolved production exceptions and open complaints.
One transaction; every changed row gets an audit line (field
``merchandiser``, old → new). Closed records keep who handled them.
The report of the hand-over is core/handover_report.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from peewee import Model, fn

from .common import current_user
from .db import write_transaction
from .errors import NotFound, ValidationError
from .models import (
    AuditLog,
    Client,
    Complaint,
    Expr,
    FollowUp,
    Order,
    ProductionException,
    Query,
    Quotation,
    Sample,
)
from .work_items import OPEN_ORDER_STATUSES

# kind → (model, audit entity, condition of "still open")
OPEN_WORK: dict[str, tuple[Any, str, Callable[[], Expr]]] = {
    "orders": (Order, "order", lambda: Order.status.in_(OPEN_ORDER_STATUSES)),
    "followups": (FollowUp, "followup", lambda: (FollowUp.next_done == False)  # noqa: E712
                  & FollowUp.next_date.is_null(False)),
    "samples": (Sample, "sample", lambda: Sample.status.in_(("requested", "made", "sent"))),
    "quotations": (Quotation, "quotation", lambda: Quotation.status.in_(("draft", "sent", "pi"))),
    "exceptions": (ProductionException, "exception", lambda: ProductionException.status != "resolved"),
    "complaints": (Complaint, "complaint", lambda: Complaint.status != "closed"),
}
KINDS = ("clients", *OPEN_WORK)


@dataclass
class HandOverResult:
    leaver: str
    successor: str
    client_ids: list[int]
    moved: dict[str, int] = field(default_factory=dict)  # kind → rows moved
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


def _via_order(model: type[Model]) -> bool:
    return model in (ProductionException, Complaint)  # their client is their order's


def _for_clients(model: Any, client_ids: list[int]) -> Expr:
    if _via_order(model):
        return model.order.in_(Order.select(Order.id).where(Order.client.in_(client_ids)))
    return model.client.in_(client_ids)


def _by_client(kind: str, cond: Expr) -> Query:
    """SELECT client id, COUNT(*) … GROUP BY client id, over the open rows of ``kind`` matching ``cond``."""
    model, _entity, is_open = OPEN_WORK[kind]
    if _via_order(model):
        return (model.select(Order.client, fn.COUNT(model.id)).join(Order, on=(model.order == Order.id))
                .where(is_open() & cond).group_by(Order.client))
    return model.select(model.client, fn.COUNT(model.id)).where(is_open() & cond).group_by(model.client)


def _open_rows(kind: str, client_ids: list[int], owners: tuple[str, ...]) -> Query:
    model, _entity, is_open = OPEN_WORK[kind]
    return model.select().where(is_open() & model.merchandiser.in_(owners) & _for_clients(model, client_ids))


def merchandiser_names() -> list[str]:
    """Everyone named as a merchandiser on a client or on open work, and the settings' name."""
    names = {n for (n,) in Client.select(Client.merchandiser).distinct().tuples()}
    for model, _entity, is_open in OPEN_WORK.values():
        names |= {n for (n,) in model.select(model.merchandiser).where(is_open()).distinct().tuples()}
    names.add(current_user())
    return sorted(n for n in names if n and n.strip())


def clients_of(merchandiser: str) -> list[dict[str, Any]]:
    """The clients a merchandiser looks after or has open work with, and how much of it would move."""
    who = (merchandiser or "").strip()
    ids = {i for (i,) in Client.select(Client.id).where(Client.merchandiser == who).tuples()}
    for kind, (model, _entity, _is_open) in OPEN_WORK.items():
        ids |= {cid for cid, _n in _by_client(kind, model.merchandiser == who).tuples() if cid is not None}
    if not ids:
        return []
    rows = {c.id: {"id": c.id, "code": c.code, "name": c.name, "merchandiser": c.merchandiser,
                   **{k: 0 for k in OPEN_WORK}} for c in Client.select().where(Client.id.in_(list(ids)))}
    for kind, (model, _entity, _is_open) in OPEN_WORK.items():
        cond = model.merchandiser.in_((who, "")) & _for_clients(model, list(ids))
        for cid, n in _by_client(kind, cond).tuples():
            if cid in rows:
                rows[cid][kind] = n
    return sorted(rows.values(), key=lambda r: (r["code"], r["id"]))


def _check(leaver: str, successor: str, client_ids: Iterable[int]) -> tuple[str, str, list[int]]:
    leaver, successor = (leaver or "").strip(), (successor or "").strip()
    ids = sorted({int(i) for i in client_ids})
    if not leaver:
        raise ValidationError("请选择要交接工作的跟单员。", "Choose the merchandiser whose work is handed over.",
                              field="leaver")
    if not successor:
        raise ValidationError("请填写接手的跟单员。", "Enter the merchandiser who takes over.", field="successor")
    if successor == leaver:
        raise ValidationError(f"接手人不能是“{leaver}”本人,请选择另一位跟单员。",
                              f"The successor cannot be {leaver}; choose another merchandiser.", field="successor")
    if len(successor) > 100:
        raise ValidationError("接手人的名字太长了(最多 100 个字)。", "The successor's name is too long (at most 100).",
                              field="successor")
    if not ids:
        raise ValidationError("请至少选择一位要交接的客户。", "Choose at least one client to hand over.",
                              field="clients")
    found = {i for (i,) in Client.select(Client.id).where(Client.id.in_(ids)).tuples()}
    if len(found) != len(ids):
        missing = sorted(set(ids) - found)
        raise NotFound(f"找不到客户(编号 {missing}),可能已被删除或合并,请刷新后再选。",
                       f"Clients {missing} were not found; they may have been deleted or merged. Refresh and "
                       "choose again.")
    return leaver, successor, ids


def hand_over(leaver: str, successor: str, client_ids: Iterable[int]) -> HandOverResult:
    """Move the chosen clients and their open work from ``leaver`` to ``successor`` (see module doc)."""
    leaver, successor, ids = _check(leaver, successor, client_ids)
    result = HandOverResult(leaver, successor, ids)
    user, now = current_user(), result.at
    owners = (leaver, "")
    with write_transaction():
        audits: list[dict[str, Any]] = []
        clients = list(Client.select(Client.id, Client.merchandiser)
                       .where(Client.id.in_(ids) & Client.merchandiser.in_(owners)))
        Client.update(merchandiser=successor, version=Client.version + 1, updated_at=now).where(
            Client.id.in_([c.id for c in clients])).execute()
        audits += [_audit_row(user, now, "client", c.id, None, c.merchandiser, successor) for c in clients]
        result.moved["clients"] = len(clients)
        for kind, (model, entity, _is_open) in OPEN_WORK.items():
            rows = list(_open_rows(kind, ids, owners))
            values = {model.merchandiser: successor}
            if "version" in model._meta.fields:  # a form open on it sees it changed
                values[model.version] = model.version + 1
            model.update(values).where(model.id.in_([r.id for r in rows])).execute()
            audits += [_audit_row(user, now, entity, r.id, _order_id(r), r.merchandiser, successor) for r in rows]
            result.moved[kind] = len(rows)
        audits.append(_audit_row(user, now, "handover", 0, None, leaver, successor,
                                 action="handover", field_name="clients", new_text=",".join(map(str, ids))))
        for chunk in (audits[i:i + 200] for i in range(0, len(audits), 200)):
            AuditLog.insert_many(chunk).execute()
    return result


def _order_id(row: Model) -> int | None:
    if isinstance(row, Order):
        return int(row.id)
    oid = getattr(row, "order_id", None)
    return None if oid is None else int(oid)


def _audit_row(user: str, at: dt.datetime, entity: str, entity_id: int, order_id: int | None, old: str, new: str,
               *, action: str = "handover", field_name: str = "merchandiser",
               new_text: str | None = None) -> dict[str, Any]:
    return {"at": at, "user": user, "entity": entity, "entity_id": entity_id, "order_id": order_id,
            "action": action, "field": field_name, "old": old, "new": new_text if new_text is not None else new}
