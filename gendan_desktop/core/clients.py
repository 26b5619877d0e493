"""Client archive (客户档案): clients, tags, contacts, derived facts, duplicates.

Current vs potential and new vs returning are never stored: they are derived
from orders and dates in ``get_client_summary`` so they cannot go stale.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from peewee import fn

from . import client_matching, enums
from .client_matching import ClientKeys, client_keys
from .common import (
    audit,
    bump_counter,
    get_or_404,
    need_date,
    refuse_unknown_fields,
    save_versioned,
    three_letter_currency,
)
from .compiled_sql import as_date
from .db import write_transaction
from .errors import NotFound, ValidationError
from .models import Client, ClientLookAlike, ClientTag, Contact, FollowUp, Order
from .order_input import clean_text
from .pinyin import pinyin_key

# Fields a merchandiser may set on a client (code and name handled apart).
CLIENT_FIELDS = {
    "name", "code", "name_en", "country", "source", "grade", "first_contact_date",
    "address", "website", "phone", "email", "payment_terms", "default_currency",
    "notes", "archived", "merchandiser", "language",
}
CONTACT_FIELDS = {"name", "title", "email", "phone", "mobile", "wechat", "fax", "is_primary", "notes"}

CODE_COUNTER = "client_code"
RETURNING_AFTER_DAYS = 365

_EMAIL_RE = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]{2,}$")


# ------------------------------------------------------------- validation --
def check_email(value: str, who_zh: str = "", who_en: str = "", field_name: str = "email") -> str:
    """Strip and check one e-mail address; empty is allowed."""
    v = (value or "").strip()
    if v and not _EMAIL_RE.match(v):
        raise ValidationError(
            f"{who_zh}的邮箱“{v}”格式不正确,请填写如 name@example.com 的地址。",
            f"The e-mail “{v}” of {who_en or 'the record'} is not valid; enter an address like name@example.com.",
            field=field_name,
        )
    return v


def _clean_client(values: dict[str, Any], label_zh: str, label_en: str) -> dict[str, Any]:
    refuse_unknown_fields(values, CLIENT_FIELDS, "客户", "A client")
    out = dict(values)
    for k, v in out.items():
        if isinstance(v, str):
            out[k] = v.strip()
    if "name" in out and not out["name"]:
        raise ValidationError("客户名称不能为空,请填写公司名称。",
                              "The client name is empty; enter the company name.", field="name")
    if "merchandiser" in out:
        out["merchandiser"] = _clean_merchandiser(out["merchandiser"])
    if "source" in out:
        out["source"] = enums.parse("source", out["source"] or "other", field="source")
    if "grade" in out:
        out["grade"] = enums.parse("grade", out["grade"] or "ordinary", field="grade")
    if "email" in out:
        out["email"] = check_email(out["email"], f"客户{label_zh}", f"client {label_en}")
    if "default_currency" in out:
        out["default_currency"] = three_letter_currency(out["default_currency"], "default_currency", "USD")
    if "language" in out:
        out["language"] = enums.parse("client_language", out["language"] or "", field="language")
    if out.get("first_contact_date") is not None:
        out["first_contact_date"] = need_date(out["first_contact_date"], "first_contact_date", "首次联系日期",
                                              "first contact date")
    return out


def _clean_merchandiser(value: Any) -> str:
    """The merchandiser who looks after the client ("" = nobody named): one space between
    words, as "mine" and the hand-over compare the name as typed, at most the column's length."""
    if value is not None and not isinstance(value, str):
        raise ValidationError("跟单员请填写姓名。", "Enter the merchandiser's name.", field="merchandiser")
    name = " ".join((value or "").split())
    return clean_text(name, Client, "merchandiser", "跟单员姓名", "The merchandiser's name", field="merchandiser")


def _check_code_free(code: str, exclude_id: int | None = None) -> None:
    q = Client.select(Client.id, Client.name).where(fn.LOWER(Client.code) == code.lower())
    if exclude_id is not None:
        q = q.where(Client.id != exclude_id)
    other = q.first()
    if other is not None:
        raise ValidationError(
            f"客户编号“{code}”已被客户“{other.name}”使用,请换一个编号或留空自动生成。",
            f"The client code “{code}” is already used by “{other.name}”; choose another or leave it empty.",
            field="code",
        )


def next_client_code() -> str:
    """The next free code ``C0001``, ``C0002``…; skips codes typed in by hand."""
    with write_transaction():
        while True:
            code = f"C{bump_counter(CODE_COUNTER):04d}"
            if not Client.select().where(fn.LOWER(Client.code) == code.lower()).exists():
                return code


def _clean_tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for t in tags or ():
        t = (t or "").strip()
        if t and len(t) <= 50:
            seen.setdefault(t, None)
        elif t:
            raise ValidationError(f"标签“{t[:20]}…”太长(最多 50 个字)。",
                                  f"The tag “{t[:20]}…” is too long (50 characters at most).", field="tags")
    return list(seen)


def _clean_contact(values: dict[str, Any], client_label: str) -> dict[str, Any]:
    refuse_unknown_fields(values, CONTACT_FIELDS, "联系人", "A contact")
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    if "name" in out and not out["name"]:
        raise ValidationError(f"客户“{client_label}”的联系人姓名不能为空。",
                              f"A contact of client “{client_label}” has no name; enter the name.", field="name")
    if "email" in out:
        out["email"] = check_email(out["email"], f"联系人“{out.get('name', '')}”", f"contact “{out.get('name', '')}”")
    if "is_primary" in out:
        out["is_primary"] = bool(out["is_primary"])
    return out


# ---------------------------------------------------------------- clients --
def create_client(*, tags: Iterable[str] = (), contacts: Iterable[dict[str, Any]] = (), **fields: Any) -> Client:
    """Create a client with its tags and contacts in one transaction.

    ``code`` is generated (C0001…) when not given. The first contact becomes the
    primary one unless another is marked ``is_primary``.
    """
    from .common import current_user
    from .exchange_rates import default_currency

    fields.setdefault("name", "")
    if not fields.get("default_currency"):
        fields["default_currency"] = default_currency()  # the one set at first start
    fields.setdefault("merchandiser", current_user())
    values = _clean_client(fields, fields.get("name", ""), fields.get("name", ""))
    tag_list = _clean_tags(tags)
    contact_list = [_clean_contact(dict(c), values["name"]) for c in contacts or ()]
    for c in contact_list:
        if not c.get("name"):
            raise ValidationError(f"客户“{values['name']}”的联系人姓名不能为空。",
                                  f"A contact of client “{values['name']}” has no name; enter the name.", field="name")
    primaries = [c for c in contact_list if c.get("is_primary")]
    if len(primaries) > 1:
        raise ValidationError(f"客户“{values['name']}”只能有一位主要联系人,请只勾选一位。",
                              f"Client “{values['name']}” can have only one primary contact; mark just one.",
                              field="is_primary")
    if contact_list and not primaries:
        contact_list[0]["is_primary"] = True
    with write_transaction():
        code = values.pop("code", "") or ""
        if code:
            _check_code_free(code)
        else:
            code = next_client_code()
        client = Client.create(code=code, pinyin=pinyin_key(values["name"]),
                               **client_keys(values["name"], values.get("phone", "")), **values)
        for t in tag_list:
            ClientTag.create(client=client, tag=t)
        for c in contact_list:
            Contact.create(client=client, **c)
        audit("client", client.id, "create", new=client.code)
        _record_look_alikes(client)
    return cast("Client", client)


def update_client(client_id: int, changes: dict[str, Any], expected_version: int,
                  tags: Iterable[str] | None = None) -> Client:
    """Save ``changes`` (and ``tags``, when given, in the same transaction) if
    nobody changed the client meanwhile (else StaleEdit)."""
    client = get_or_404(Client, client_id, "客户", "Client")
    values = _clean_client(changes, client.name, client.name)
    tag_list = None if tags is None else _clean_tags(tags)  # a bad tag refuses the whole save
    with write_transaction():
        if tag_list is not None:
            _replace_tags(client.id, tag_list)
        if "code" in values:
            if not values["code"]:
                raise ValidationError("客户编号不能为空。", "The client code cannot be empty.", field="code")
            _check_code_free(values["code"], exclude_id=client.id)
        if "name" in values:
            values["pinyin"] = pinyin_key(values["name"])
        changed = save_versioned(client, values, expected_version, f"客户“{client.name}”", f"Client “{client.name}”",
                                 audit_entity="client")
        if {"name", "phone"} & set(changed):
            keys = client_keys(client.name, client.phone)
            Client.update(**keys).where(Client.id == client.id).execute()
            for k, v in keys.items():
                setattr(client, k, v)
        if {"name", "email", "phone"} & set(changed):
            _record_look_alikes(client)
    return client


def archive_client(client_id: int, expected_version: int, archived: bool = True) -> Client:
    """Hide a client from daily lists (or bring it back); history is kept."""
    return update_client(client_id, {"archived": archived}, expected_version)


def set_tags(client_id: int, tags: Iterable[str]) -> list[str]:
    """Replace the client's tags; returns them cleaned and in order."""
    client = get_or_404(Client, client_id, "客户", "Client")
    tag_list = _clean_tags(tags)
    with write_transaction():
        _replace_tags(client.id, tag_list)
    return tag_list


def _replace_tags(client_id: int, tag_list: list[str]) -> None:
    ClientTag.delete().where(ClientTag.client == client_id).execute()
    for t in tag_list:
        ClientTag.create(client=client_id, tag=t)


def get_tags(client_id: int) -> list[str]:
    return [t.tag for t in ClientTag.select().where(ClientTag.client == client_id).order_by(ClientTag.id)]


# --------------------------------------------------------------- contacts --
def add_contact(client_id: int, **fields: Any) -> Contact:
    """Add a contact; the client's first contact (or one marked is_primary) is primary."""
    client = get_or_404(Client, client_id, "客户", "Client")
    fields.setdefault("name", "")
    values = _clean_contact(fields, client.name)
    with write_transaction():
        has_primary = Contact.select().where((Contact.client == client.id) & Contact.is_primary).exists()
        if values.get("is_primary"):
            Contact.update(is_primary=False).where(Contact.client == client.id).execute()
        elif not has_primary:
            values["is_primary"] = True
        return cast("Contact", Contact.create(client=client.id, **values))


def update_contact(contact_id: int, changes: dict[str, Any], expected_version: int) -> Contact:
    """Save a contact; marking it primary unmarks the client's other contacts."""
    contact = get_or_404(Contact, contact_id, "联系人", "Contact")
    client = contact.client
    values = _clean_contact(changes, client.name)
    if values.get("is_primary") is False and contact.is_primary:
        raise ValidationError(
            f"“{contact.name}”是客户“{client.name}”的主要联系人;请把另一位联系人设为主要联系人。",
            f"“{contact.name}” is the primary contact of “{client.name}”; mark another contact as primary instead.",
            field="is_primary")
    with write_transaction():
        save_versioned(contact, values, expected_version, f"联系人“{contact.name}”", f"Contact “{contact.name}”")
        if values.get("is_primary"):
            Contact.update(is_primary=False).where(
                (Contact.client == client.id) & (Contact.id != contact.id)).execute()
    return contact


def delete_contact(contact_id: int) -> None:
    """Delete a contact; if it was primary, the earliest remaining one takes over."""
    contact = get_or_404(Contact, contact_id, "联系人", "Contact")
    with write_transaction():
        FollowUp.update(contact=None).where(FollowUp.contact == contact.id).execute()
        contact.delete_instance()
        if contact.is_primary:
            nxt = Contact.select().where(Contact.client == contact.client_id).order_by(Contact.id).first()
            if nxt is not None:
                Contact.update(is_primary=True).where(Contact.id == nxt.id).execute()


def primary_contact(client_id: int) -> Contact | None:
    return cast("Contact | None", Contact.select().where((Contact.client == client_id) & Contact.is_primary).first())


# ---------------------------------------------------------- derived facts --
@dataclass
class ClientSummary:
    """Facts derived from orders and follow-ups (see ``get_client_summary``)."""

    client_id: int
    code: str
    name: str
    is_current: bool
    is_returning: bool
    order_count: int
    first_order_date: dt.date | None
    last_order_date: dt.date | None
    relationship_since: dt.date | None
    last_followup_date: dt.date | None
    next_followup_date: dt.date | None
    tags: list[str] = field(default_factory=list)

    @property
    def is_potential(self) -> bool:
        return not self.is_current

    @property
    def is_new(self) -> bool:
        return not self.is_returning


def get_client_summary(client_id: int, today: dt.date | None = None) -> ClientSummary:
    """Derived facts of a client.

    - current (现实客户): has at least one order that is neither draft nor
      cancelled; otherwise potential (潜在客户).
    - order_count: orders that are not cancelled (drafts included).
    - returning (老客户): more than one non-cancelled order, OR the relationship
      began more than 365 days before ``today`` — the relationship begins at the
      earlier of ``first_contact_date`` and the first non-cancelled order date.
      Otherwise new (新客户).
    - next_followup_date: the earliest reminder still pending.
    """
    today = today or dt.date.today()
    client = get_or_404(Client, client_id, "客户", "Client")
    live = Order.select().where((Order.client == client.id) & (Order.status != "cancelled"))
    order_count = live.count()
    is_current = live.where(Order.status != "draft").exists()
    first_order, last_order = (Order.select(fn.MIN(Order.order_date), fn.MAX(Order.order_date))
                               .where((Order.client == client.id) & (Order.status != "cancelled"))
                               .scalar(as_tuple=True))
    starts = [d for d in (client.first_contact_date, _as_date(first_order)) if d is not None]
    since = min(starts) if starts else None
    is_returning = order_count > 1 or (since is not None and (today - since).days > RETURNING_AFTER_DAYS)
    last_fu = FollowUp.select(fn.MAX(FollowUp.date)).where(FollowUp.client == client.id).scalar()
    next_fu = (FollowUp.select(fn.MIN(FollowUp.next_date))
               .where((FollowUp.client == client.id) & (FollowUp.next_done == False)  # noqa: E712
                      & FollowUp.next_date.is_null(False)).scalar())
    return ClientSummary(
        client_id=client.id, code=client.code, name=client.name, is_current=is_current,
        is_returning=is_returning, order_count=order_count, first_order_date=_as_date(first_order),
        last_order_date=_as_date(last_order), relationship_since=since,
        last_followup_date=_as_date(last_fu), next_followup_date=_as_date(next_fu),
        tags=get_tags(client.id),
    )


def _as_date(value: Any) -> dt.date | None:
    """Aggregates come back as strings on SQLite and dates on PostgreSQL."""
    return None if value is None else as_date(value)


# ------------------------------------------------------------- duplicates --
def find_duplicates(name: str = "", email: str = "", phone: str = "", *,
                    exclude_id: int | None = None) -> list[Client]:
    """Clients that are surely the same company (core/client_matching.py)."""
    keys = ClientKeys(names=[name], emails=[email], phones=[phone])
    return _clients([i for i in keys.sure_duplicates(name, email, phone) if i != exclude_id])


def find_look_alikes(name: str, email: str = "", phone: str = "", *,
                     exclude_id: int | None = None) -> list[Client]:
    """Clients whose name only looks alike (same name without legal form)."""
    keys = ClientKeys(names=[name], emails=[email], phones=[phone])
    return _clients([i for i in keys.look_alikes(name, email, phone) if i != exclude_id])


def _clients(ids: list[int]) -> list[Client]:
    return list(Client.select().where(Client.id.in_(ids)).order_by(Client.id)) if ids else []


def _record_look_alikes(client: Client) -> None:
    """List ``client`` for review beside each client it only looks like.

    One indexed query (same base_key); the sure duplicates among those are left out.
    """
    if not client.base_key:
        return
    email = client_matching.email_key(client.email)
    for other in Client.select().where((Client.base_key == client.base_key) & (Client.id != client.id)):
        if (other.name_key == client.name_key or (email and client_matching.email_key(other.email) == email)
                or (client.phone_key and other.phone_key == client.phone_key)):
            continue  # the same company, not a look-alike
        if not ClientLookAlike.select().where(
                ((ClientLookAlike.client == client.id) & (ClientLookAlike.other == other.id))
                | ((ClientLookAlike.client == other.id) & (ClientLookAlike.other == client.id))).exists():
            ClientLookAlike.create(client=client.id, other=other.id)
            audit("client", client.id, "look_alike", field="other", new=f"{other.code} {other.name}")


def pending_look_alikes(client_id: int | None = None) -> list[tuple[Client, Client]]:
    """Pairs (newer client, the one it looks like) still waiting for review."""
    q = ClientLookAlike.select().where(ClientLookAlike.resolved_at.is_null())
    if client_id is not None:
        q = q.where((ClientLookAlike.client == client_id) | (ClientLookAlike.other == client_id))
    return [(p.client, p.other) for p in q.order_by(ClientLookAlike.id)]


def look_alike_client_ids() -> list[int]:
    """Clients in a look-alike pair still waiting for review (the archive's filter)."""
    ids: set[int] = set()
    for a, b in (ClientLookAlike.select(ClientLookAlike.client, ClientLookAlike.other)
                 .where(ClientLookAlike.resolved_at.is_null()).tuples()):
        ids.update((a, b))
    return sorted(ids)


def mark_distinct(client_id: int, other_id: int) -> int:
    """The two look-alike clients are different companies: take them off the review list."""
    with write_transaction():
        n = (ClientLookAlike.update(resolved_at=dt.datetime.now().replace(microsecond=0), resolution="distinct")
             .where(ClientLookAlike.resolved_at.is_null()
                    & (((ClientLookAlike.client == client_id) & (ClientLookAlike.other == other_id))
                       | ((ClientLookAlike.client == other_id) & (ClientLookAlike.other == client_id))))
             .execute())
        if n:
            audit("client", client_id, "distinct", field="other", new=str(other_id))
    return cast("int", n)


def client_by_code_or_name(text: str) -> Client:
    """Find one client by exact code, else exact name, else a sure duplicate of
    the name (same name and legal form). A client that only looks alike is
    never taken: the error names the candidates."""
    t = (text or "").strip()
    if not t:
        raise ValidationError("请填写客户编号或名称。", "Enter a client code or name.", field="client")
    keys = ClientKeys(codes=[t], names=[t])
    ids, similar = keys.by_reference(t)
    if len(ids) == 1:
        return cast("Client", Client.get_by_id(ids[0]))
    if ids:
        listing = keys.labels(ids)
        raise ValidationError(f"“{t}”对应多位客户({listing}),请改用客户编号。",
                              f"“{t}” matches several clients ({listing}); use the client code instead.",
                              field="client")
    if similar:
        listing = keys.labels(similar)
        raise NotFound(f"没有名为“{t}”的客户;名称相似的有:{listing}。它们可能是不同的公司,请改用客户编号。",
                       f"No client is named “{t}”; similar names: {listing}. They may be different "
                       "companies; use the client code.", field="client")
    raise NotFound(f"找不到客户“{t}”:没有这个编号或名称的客户。请检查拼写,或先在客户档案中新建该客户。",
                   f"No client “{t}”: no client has this code or name. Check the spelling, "
                   "or create the client in the client archive first.", field="client")
