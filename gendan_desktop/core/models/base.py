"""The database proxy, the base models, settings, counters and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import (
    AutoField,
    CharField,
    DatabaseProxy,
    DateTimeField,
    IntegerField,
    Model,
    TextField,
)

database_proxy = DatabaseProxy()

# peewee 3 ships no type information: to mypy its expressions and queries are Any.
# These names say which one a function takes or returns.
Expr = Any
Query = Any


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = database_proxy
        legacy_table_names = False


class VersionedModel(BaseModel):
    """A record edited in forms: carries a version and timestamps."""

    version = IntegerField(default=1)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)


# ---------------------------------------------------------------- settings --
class Setting(BaseModel):
    """Key/value settings kept in the database (company profile, numbering…)."""

    key = CharField(max_length=100, unique=True)
    value = TextField(default="")


class Counter(BaseModel):
    """Per-prefix running numbers for document numbers (orders, cards, …)."""

    name = CharField(max_length=50, unique=True)
    value = IntegerField(default=0)


# ------------------------------------------------------------------ audit ---
class AuditLog(BaseModel):
    """Every change to orders and production documents: when, what, old → new."""

    at = DateTimeField(default=_now, index=True)
    user = CharField(max_length=100, default="")
    entity = CharField(max_length=40)
    entity_id = IntegerField()
    order_id = IntegerField(null=True, index=True)  # no FK: history outlives rows
    action = CharField(max_length=40)
    field = CharField(max_length=60, default="")
    old = TextField(null=True)
    new = TextField(null=True)
