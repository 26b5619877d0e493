"""Follow-ups (跟进记录) with reminders, factory visits and the dispatch register.

A follow-up's ``next_date`` is a reminder (回访提醒). It stays pending until the
merchandiser completes it or logs a newer follow-up for the same client, which
closes every earlier pending reminder of that client in the same transaction.
Reminders of archived clients are left out of the due/overdue lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from . import enums
from .common import current_user, get_or_404, need_date, need_text
from .db import write_transaction
from .errors import ValidationError
from .models import Client, Contact, Dispatch, FollowUp, Query, Sample, Visit


def _need_text(value: Any, field: str, zh: str, en: str) -> str:
    return need_text(value, field, f"{zh}不能为空,请填写。", f"The {en} is empty; fill it in.")


# -------------------------------------------------------------- follow-ups --
def log_followup(client_id: int, date: dt.date, channel: str, content: str,
                 next_date: dt.date | None = None, contact_id: int | None = None,
                 merchandiser: str | None = None) -> FollowUp:
    """Record one contact with a client and, optionally, the next promised date.

    Pending reminders of this client from follow-ups dated on or before ``date``
    are closed: the merchandiser has been back in touch.
    """
    client = get_or_404(Client, client_id, "客户", "Client")
    date = need_date(date, "date", "跟进日期", "follow-up date")
    channel = enums.parse("channel", channel, field="channel")
    content = _need_text(content, "content", "跟进内容", "follow-up content")
    next_date = None if next_date is None else need_date(next_date, "next_date", "下次跟进日期",
                                                          "next follow-up date")
    if next_date is not None and next_date < date:
        raise ValidationError(
            f"下次跟进日期({next_date})早于本次跟进日期({date}),请改为之后的日期。",
            f"The next follow-up date ({next_date}) is before this follow-up ({date}); pick a later date.",
            field="next_date")
    if contact_id is not None:
        contact = get_or_404(Contact, contact_id, "联系人", "Contact")
        if contact.client_id != client.id:
            raise ValidationError(
                f"联系人“{contact.name}”不属于客户“{client.name}”,请选择该客户的联系人。",
                f"Contact “{contact.name}” does not belong to client “{client.name}”; pick one of its contacts.",
                field="contact")
    with write_transaction():
        (FollowUp.update(next_done=True)
         .where((FollowUp.client == client.id) & (FollowUp.next_done == False)  # noqa: E712
                & (FollowUp.date <= date))
         .execute())
        return cast("FollowUp", FollowUp.create(
            client=client.id, contact=contact_id, date=date, channel=channel, content=content,
            next_date=next_date, next_done=False,
            merchandiser=current_user() if merchandiser is None else merchandiser,
        ))


def _pending() -> Query:
    return (FollowUp.select(FollowUp, Client).join(Client)
            .where((FollowUp.next_done == False) & FollowUp.next_date.is_null(False)  # noqa: E712
                   & (Client.archived == False)))  # noqa: E712


def followups_due(today: dt.date, limit: int | None = None) -> list[FollowUp]:
    """Reminders falling due today (今日待跟进), by client code; ``limit`` keeps the first ones."""
    q = _pending().where(FollowUp.next_date == today).order_by(Client.code, FollowUp.id)
    return list(q.limit(int(limit)) if limit is not None else q)


def followups_overdue(today: dt.date, limit: int | None = None) -> list[FollowUp]:
    """Reminders whose date has passed and that are still open, oldest first; ``limit`` keeps the first ones."""
    q = _pending().where(FollowUp.next_date < today).order_by(FollowUp.next_date, Client.code)
    return list(q.limit(int(limit)) if limit is not None else q)


def pending_reminders(client_id: int) -> list[FollowUp]:
    return list(FollowUp.select().where(
        (FollowUp.client == client_id) & (FollowUp.next_done == False)  # noqa: E712
        & FollowUp.next_date.is_null(False)).order_by(FollowUp.next_date))


def complete_reminder(followup_id: int) -> FollowUp:
    """Mark a reminder done without logging a new follow-up (idempotent)."""
    fu = get_or_404(FollowUp, followup_id, "跟进记录", "Follow-up")
    if fu.next_date is None:
        raise ValidationError("这条跟进记录没有设置下次跟进日期,无需完成提醒。",
                              "This follow-up has no next date, so there is no reminder to complete.",
                              field="next_date")
    with write_transaction():
        FollowUp.update(next_done=True).where(FollowUp.id == fu.id).execute()
    fu.next_done = True
    return fu


def followups_for_client(client_id: int) -> list[FollowUp]:
    """A client's follow-up history, newest first."""
    return list(FollowUp.select().where(FollowUp.client == client_id)
                .order_by(FollowUp.date.desc(), FollowUp.id.desc()))


# ------------------------------------------------------------------ visits --
def log_visit(client_id: int, date: dt.date, visitors: str = "", purpose: str = "",
              hosted_by: str = "", notes: str = "") -> Visit:
    """Record a client's visit to the factory (来访接待)."""
    client = get_or_404(Client, client_id, "客户", "Client")
    date = need_date(date, "date", "来访日期", "visit date")
    with write_transaction():
        return cast("Visit", Visit.create(client=client.id, date=date, visitors=(visitors or "").strip(),
                            purpose=(purpose or "").strip(), hosted_by=(hosted_by or "").strip(),
                            notes=notes or ""))


def visits_for_client(client_id: int) -> list[Visit]:
    return list(Visit.select().where(Visit.client == client_id).order_by(Visit.date.desc(), Visit.id.desc()))


# --------------------------------------------------------------- dispatch --
def log_dispatch(client_id: int, date: dt.date, kind: str, items: str, courier: str = "",
                 tracking_no: str = "", quantity: int = 1, sample_id: int | None = None,
                 notes: str = "") -> Dispatch:
    """Register catalogues or samples sent to a client (目录/样品寄送登记)."""
    client = get_or_404(Client, client_id, "客户", "Client")
    date = need_date(date, "date", "寄送日期", "dispatch date")
    kind = enums.parse("dispatch_kind", kind, field="kind")
    items = _need_text(items, "items", "寄送物品", "items sent")
    if not isinstance(quantity, int) or quantity < 1:
        raise ValidationError("寄送数量必须是大于 0 的整数。", "The quantity sent must be a whole number above 0.",
                              field="quantity")
    if sample_id is not None:
        sample = get_or_404(Sample, sample_id, "样品", "Sample")
        if sample.client_id != client.id:
            raise ValidationError(
                f"样品 {sample.number} 属于另一位客户,不能登记寄给“{client.name}”。",
                f"Sample {sample.number} belongs to another client; it cannot be registered as sent to "
                f"“{client.name}”.", field="sample")
    with write_transaction():
        return cast("Dispatch", Dispatch.create(client=client.id, date=date, kind=kind, items=items, quantity=quantity,
                               courier=(courier or "").strip(), tracking_no=(tracking_no or "").strip(),
                               sample=sample_id, notes=notes or ""))


def dispatches_for_client(client_id: int) -> list[Dispatch]:
    return list(Dispatch.select().where(Dispatch.client == client_id)
                .order_by(Dispatch.date.desc(), Dispatch.id.desc()))
