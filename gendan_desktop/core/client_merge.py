"""Merging two clients that turned out to be one company (合并客户).

Everything that points at the merged client moves to the one that stays:
orders (and with them their shipments, complaints and paper), contacts,
follow-ups, visits, dispatches, quotations, samples, payments, tags and the
look-alike review entries. Tables are found from the models' foreign keys, so
a table added later moves too. Then the merged client is deleted. One
transaction, audited on the client and on every order that moved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from peewee import fn

from .client_matching import client_keys
from .common import audit, get_or_404, require_version
from .db import write_transaction
from .errors import StaleEdit, ValidationError
from .models import Client, ClientLookAlike, ClientTag, Contact, Order
from .pinyin import pinyin_key

# Fields of the merged client that fill the survivor's where the survivor has none.
FILL_BLANKS = ("name_en", "country", "address", "website", "phone", "email", "payment_terms")


@dataclass
class MergeResult:
    survivor_id: int
    merged_code: str
    merged_name: str
    moved: dict[str, int] = field(default_factory=dict)  # table → rows moved
    filled: list[str] = field(default_factory=list)  # survivor fields filled in from the merged client


def merge_preview(client_id: int) -> dict[str, int]:
    """What would move if ``client_id`` were merged away: table → rows pointing at it."""
    return {model._meta.table_name: n for fk, model in _references()
            if model is not ClientLookAlike and (n := model.select().where(fk == client_id).count())}


def merge_candidates(client_ids: list[int]) -> list[dict[str, Any]]:
    """What the merge dialog shows of each client, with the version to pass back."""
    from .clients import pending_look_alikes

    out = []
    for cid in client_ids:
        c = get_or_404(Client, cid, "客户", "Client")
        out.append({"id": c.id, "code": c.code, "name": c.name, "country": c.country, "email": c.email,
                    "phone": c.phone, "version": c.version, "moves": merge_preview(c.id),
                    "look_alike_of": {b.id if a.id == c.id else a.id for a, b in pending_look_alikes(c.id)}})
    return out


def _references() -> list[tuple[Any, Any]]:  # (peewee foreign key, model)
    """(foreign key field, model) of every column that points at a client."""
    return [(fk, model) for fk, model in Client._meta.backrefs.items()]


def _check(survivor: Client, merged: Client, survivor_version: int, merged_version: int) -> None:
    if survivor.id == merged.id:
        raise ValidationError("请选择两位不同的客户进行合并。", "Choose two different clients to merge.",
                              field="client")
    for c, v in ((survivor, survivor_version), (merged, merged_version)):
        if c.version != require_version(v):
            raise StaleEdit(f"客户“{c.name}”", f"Client “{c.name}”", v, c.version)
    # one live order per client PO (migration 7): two orders with one PO cannot end up under one client
    mine = Order.alias()
    clash = (Order.select(Order.number, mine.number, Order.client_po)
             .join(mine, on=((fn.LOWER(mine.client_po) == fn.LOWER(Order.client_po)) & (mine.client == survivor.id)
                             & (mine.client_po != "") & (mine.status != "cancelled")
                             & (mine.order_type != "remake") & (mine.po_dup_id == Order.po_dup_id)))
             .where((Order.client == merged.id) & (Order.client_po != "") & (Order.status != "cancelled")
                    & (Order.order_type != "remake")).tuples().first())
    if clash is not None:
        theirs, ours, po = clash
        raise ValidationError(
            f"两位客户都有客户订单号为“{po}”的订单({ours} 与 {theirs}),合并后会重复。"
            f"请先修改其中一张的客户订单号或取消重复的订单。",
            f"Both clients have an order with the client PO “{po}” ({ours} and {theirs}); merged they would "
            "repeat it. Change the PO of one of them or cancel the duplicate order first.", field="client_po")


def merge_clients(survivor_id: int, merged_id: int, *, survivor_version: int, merged_version: int) -> MergeResult:
    """Merge client ``merged_id`` into ``survivor_id`` (both at the versions the user saw)."""
    with write_transaction():
        survivor = get_or_404(Client, survivor_id, "客户", "Client")
        merged = get_or_404(Client, merged_id, "客户", "Client")
        _check(survivor, merged, survivor_version, merged_version)
        result = MergeResult(survivor.id, merged.code, merged.name)
        moved_orders = [oid for (oid,) in Order.select(Order.id).where(Order.client == merged.id).tuples()]
        _move_special(survivor, merged, result)
        for fk, model in _references():
            if model in (ClientTag, Contact, ClientLookAlike):
                continue
            values = {fk: survivor.id}
            if "version" in model._meta.fields:  # an open editor of a moved record must reload
                values[model._meta.fields["version"]] = model._meta.fields["version"] + 1
            n = model.update(values).where(fk == merged.id).execute()
            if n:
                result.moved[model._meta.table_name] = result.moved.get(model._meta.table_name, 0) + n
        result.filled = _fill_blanks(survivor, merged)
        for oid in moved_orders:
            audit("order", oid, "update", order_id=oid, field="client", old=f"{merged.code} {merged.name}",
                  new=f"{survivor.code} {survivor.name}")
        summary = ", ".join(f"{t} {n}" for t, n in sorted(result.moved.items()))
        audit("client", survivor.id, "merge", field="merged", old=f"{merged.code} {merged.name}", new=summary)
        merged.delete_instance()
    return result


def _move_special(survivor: Client, merged: Client, result: MergeResult) -> None:
    """Tags (one of each), contacts (one primary), look-alike entries (no pair with itself)."""
    have = {t for (t,) in ClientTag.select(ClientTag.tag).where(ClientTag.client == survivor.id).tuples()}
    n = (ClientTag.update(client=survivor.id)
         .where((ClientTag.client == merged.id) & ClientTag.tag.not_in(have or {""})).execute())
    if n:
        result.moved["client_tag"] = n
    if Contact.select().where((Contact.client == survivor.id) & Contact.is_primary).exists():
        Contact.update(is_primary=False).where(Contact.client == merged.id).execute()
    n = Contact.update(client=survivor.id, version=Contact.version + 1).where(Contact.client == merged.id).execute()
    if n:
        result.moved["contact"] = n
    now = dt.datetime.now().replace(microsecond=0)
    pairs = ClientLookAlike.select().where((ClientLookAlike.client == merged.id) | (ClientLookAlike.other == merged.id))
    for pair in pairs:
        other = pair.other_id if pair.client_id == merged.id else pair.client_id
        if other == survivor.id or pair.resolved_at is not None:
            continue  # the pair is settled by this merge; the row goes with the merged client
        if not ClientLookAlike.select().where(
                ((ClientLookAlike.client == survivor.id) & (ClientLookAlike.other == other))
                | ((ClientLookAlike.client == other) & (ClientLookAlike.other == survivor.id))).exists():
            ClientLookAlike.create(client=survivor.id, other=other, created_at=pair.created_at)
    (ClientLookAlike.update(resolved_at=now, resolution="merged")
     .where(ClientLookAlike.resolved_at.is_null()
            & (((ClientLookAlike.client == survivor.id) & (ClientLookAlike.other == merged.id))
               | ((ClientLookAlike.client == merged.id) & (ClientLookAlike.other == survivor.id)))).execute())


def _fill_blanks(survivor: Client, merged: Client) -> list[str]:
    """Give the survivor what only the merged client knew; notes are appended."""
    values: dict[str, Any] = {}
    for name in FILL_BLANKS:
        if not getattr(survivor, name) and getattr(merged, name):
            values[name] = getattr(merged, name)
    if merged.first_contact_date and (survivor.first_contact_date is None
                                      or merged.first_contact_date < survivor.first_contact_date):
        values["first_contact_date"] = merged.first_contact_date
    if merged.notes.strip():
        values["notes"] = (survivor.notes + "\n" if survivor.notes.strip() else "") + \
            f"[合并自 {merged.code} {merged.name}] {merged.notes.strip()}"
    filled = list(values)
    for k, v in values.items():
        audit("client", survivor.id, "update", field=k, old=getattr(survivor, k), new=v)
    values.update(client_keys(survivor.name, values.get("phone", survivor.phone)))
    values.update(pinyin=pinyin_key(survivor.name), version=Client.version + 1,
                  updated_at=dt.datetime.now().replace(microsecond=0))
    Client.update(**values).where(Client.id == survivor.id).execute()
    return filled
