"""Clients (客户) and what hangs on them: look-alikes, tags, contacts, follow-ups, visits."""

from __future__ import annotations

from peewee import (
    SQL,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    TextField,
)

from .base import BaseModel, VersionedModel, _now


class Client(VersionedModel):
    code = CharField(max_length=40, unique=True)
    name = CharField(max_length=200, index=True)
    name_en = CharField(max_length=200, default="")
    # initials + full pinyin of the name (core/pinyin.py); set by core/clients.py
    pinyin = CharField(max_length=600, default="", index=True)
    country = CharField(max_length=80, default="", index=True)
    source = CharField(max_length=30, default="other", index=True)  # enums.CLIENT_SOURCES
    grade = CharField(max_length=20, default="ordinary", index=True)  # key / ordinary
    first_contact_date = DateField(null=True)  # new vs returning is derived from it
    address = TextField(default="")
    website = CharField(max_length=200, default="")
    phone = CharField(max_length=80, default="")
    email = CharField(max_length=200, default="", index=True)
    payment_terms = CharField(max_length=200, default="")
    default_currency = CharField(max_length=3, default="USD")
    notes = TextField(default="")
    archived = BooleanField(default=False)
    # who looks after it (跟单员); a hand-over moves it (core/handover.py)
    merchandiser = CharField(max_length=100, default="", index=True, constraints=[SQL("DEFAULT ''")])
    # what the client reads: "zh" / "en", or "" = by the country (core/client_updates.py)
    language = CharField(max_length=5, default="", constraints=[SQL("DEFAULT ''")])
    # Match keys (core/client_matching.py), kept by core/clients.py: the name
    # with its legal form spelt one way, the name without it, the phone's digits.
    # A default in the schema too: rows written by other means still get ''.
    name_key = CharField(max_length=300, default="", index=True, constraints=[SQL("DEFAULT ''")])
    base_key = CharField(max_length=300, default="", index=True, constraints=[SQL("DEFAULT ''")])
    phone_key = CharField(max_length=20, default="", index=True, constraints=[SQL("DEFAULT ''")])
    # The latest follow-up's date and the earliest open reminder's, for the
    # list's sorts: kept by triggers on follow_up (core/followup_dates.py).
    last_followup_date = DateField(null=True)
    next_followup_date = DateField(null=True)

    class Meta:
        # (date, id): the list's "ORDER BY date, id" walks it on SQLite and PostgreSQL
        indexes = ((("last_followup_date", "id"), False), (("next_followup_date", "id"), False))


class ClientLookAlike(BaseModel):
    """A client whose name looks like another's but is not sure to be the same
    company (another legal form, country, e-mail or phone): listed for review
    until the two are merged or marked as different companies."""

    client = ForeignKeyField(Client, backref="look_alikes", on_delete="CASCADE")  # the newer one
    other = ForeignKeyField(Client, backref="look_alike_of", on_delete="CASCADE")
    created_at = DateTimeField(default=_now)
    resolved_at = DateTimeField(null=True, index=True)
    resolution = CharField(max_length=20, default="")  # merged / distinct

    class Meta:
        indexes = ((("client", "other"), True),)


class ClientTag(BaseModel):
    client = ForeignKeyField(Client, backref="tags", on_delete="CASCADE")
    tag = CharField(max_length=50, index=True)

    class Meta:
        indexes = ((("client", "tag"), True),)


class Contact(VersionedModel):
    client = ForeignKeyField(Client, backref="contacts", on_delete="CASCADE")
    name = CharField(max_length=100)
    title = CharField(max_length=100, default="")
    email = CharField(max_length=200, default="")
    phone = CharField(max_length=80, default="")
    mobile = CharField(max_length=80, default="")
    wechat = CharField(max_length=80, default="")
    fax = CharField(max_length=80, default="")
    is_primary = BooleanField(default=False)
    notes = TextField(default="")


class FollowUp(BaseModel):
    """One contact with a client; ``next_date`` is the promised next contact.

    A pending reminder is one whose ``next_done`` is false; logging a newer
    follow-up for the client closes the earlier reminders.
    """

    client = ForeignKeyField(Client, backref="followups", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    date = DateField(index=True)
    channel = CharField(max_length=20)  # enums.FOLLOWUP_CHANNELS
    content = TextField()
    next_date = DateField(null=True, index=True)
    next_done = BooleanField(default=False)
    merchandiser = CharField(max_length=100, default="")
    created_at = DateTimeField(default=_now)


class Visit(BaseModel):
    """来访接待: a client visiting the factory."""

    client = ForeignKeyField(Client, backref="visits", on_delete="CASCADE")
    date = DateField()
    visitors = CharField(max_length=200, default="")
    purpose = TextField(default="")
    hosted_by = CharField(max_length=100, default="")
    notes = TextField(default="")
