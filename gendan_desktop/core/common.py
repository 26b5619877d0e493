"""Small pieces every service uses: document numbers, versions, audit, settings."""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, TypeVar, cast

from peewee import ForeignKeyField, Model

from .connection import current_database, write_transaction
from .errors import NotFound, StaleEdit, ValidationError
from .models import AuditLog, Expr, Query, Setting

_USER: list[str | None] = [None]
M = TypeVar("M", bound=Model)
T = TypeVar("T")


def current_user() -> str:
    """The merchandiser's name (settings) for audit lines, else the OS login."""
    if _USER[0] is None:
        name = get_setting("merchandiser_name", "")
        if not name:
            try:
                name = getpass.getuser()
            except Exception:  # no login name on some service accounts
                name = ""
        _USER[0] = name
        return name
    return _USER[0]


def set_current_user(name: str | None) -> None:
    _USER[0] = name


# ---------------------------------------------------------------- settings --
def get_setting(key: str, default: str = "") -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else default


def set_setting(key: str, value: str) -> None:
    with write_transaction():
        n = Setting.update(value=value).where(Setting.key == key).execute()
        if not n:
            Setting.create(key=key, value=value)
    if key == "merchandiser_name":
        _USER[0] = None


# ------------------------------------------------------------------ fields --
def refuse_unknown_fields(values: Iterable[str], allowed: Iterable[str], what_zh: str, what_en: str) -> None:
    """Refuse keys of ``values`` outside ``allowed`` (a caller's typo must not pass silently).

    ``what_en`` is the English subject of the sentence: "A factory", "Quotation item 3".
    """
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError(f"{what_zh}没有这些字段:{'、'.join(unknown)}。",
                              f"{what_en} has no field(s): {', '.join(unknown)}.", field=unknown[0])


# ------------------------------------------------------------------- dates --
def parse_date(value: Any, what_zh: str = "日期", what_en: str = "date", field: str = "date", *,
               default_today: bool = True, where_zh: str = "", where_en: str = "") -> dt.date:
    """A date typed as 2026-11-26 (or a date/datetime): today when empty, unless
    ``default_today`` is False, in which case an empty value is refused.

    ``where_zh``/``where_en`` name the record (a flow card step…) in the error.
    """
    if value is None or value == "":
        if default_today:
            return dt.date.today()
        raise ValidationError(f"请填写{what_zh}。", f"Enter the {what_en}.", field=field)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        zh_where = f"{where_zh}的" if where_zh else ""
        en_where = f" for {where_en}" if where_en else ""
        raise ValidationError(f"{zh_where}{what_zh}“{value}”无效,请按 2026-11-26 的格式填写。",
                              f"The {what_en} “{value}”{en_where} is not valid; use the form 2026-11-26.",
                              field=field) from None


def need_date(value: Any, field: str, what_zh: str, what_en: str) -> dt.date:
    """``value`` as a date (a datetime gives its day); text and anything else
    are refused: the caller hands over a date, it never parses one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise ValidationError(f"{what_zh}必须是日期。", f"The {what_en} must be a date.", field=field)
    return value


# ------------------------------------------------------------------- texts --
def need_text(value: Any, field: str, message_zh: str, message_en: str) -> str:
    """``value`` without surrounding spaces; empty is refused with the message (what to fill in)."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(message_zh, message_en, field=field)
    return cast(str, text)


def three_letter_currency(value: Any, field: str, default: str = "") -> str:
    """A currency code of three letters (upper-cased; ``default`` when empty), or ValidationError."""
    cur = (value or default).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", cur):
        raise ValidationError(f"币种“{cur}”无效,请填写三位字母代码,如 USD。",
                              f"The currency “{cur}” is not valid; use a three-letter code like USD.", field=field)
    return cast(str, cur)


# ----------------------------------------------------------------- numbers --
def number_counter(prefix: str, d: dt.date) -> str:
    """The counter (and number stem) of ``prefix`` in the month of ``d``: ``SO2611``."""
    return f"{prefix}{d:%y%m}"


def format_number(counter: str, value: int, width: int = 4) -> str:
    """``SO2611`` and 1 → ``SO2611-0001``: the one format of document numbers."""
    return f"{counter}-{value:0{width}d}"


def bump_counter(name: str, by: int = 1) -> int:
    """Add ``by`` to the counter ``name`` (created at 0 if new) and return its new value.

    One statement, ``INSERT … ON CONFLICT DO UPDATE … RETURNING``: two users
    taking the first number of a month at the same instant on PostgreSQL
    otherwise both found no row and both inserted it (IntegrityError on
    counter.name). SQLite ≥ 3.35 runs the same statement.
    """
    db = current_database()
    p = db.param
    with write_transaction():
        row = db.execute_sql(
            f'INSERT INTO "counter" (name, value) VALUES ({p}, {p}) '
            f'ON CONFLICT (name) DO UPDATE SET value = "counter".value + {p} RETURNING value',
            (name, int(by), int(by))).fetchone()
    return int(row[0])


def next_number(prefix: str, *, width: int = 4, date: dt.date | None = None) -> str:
    """Next document number like ``SO2611-0001``: prefix, YYMM, running number.

    The counter is per prefix and month; it runs inside the caller's transaction.
    """
    name = number_counter(prefix, date or dt.date.today())
    return format_number(name, bump_counter(name), width)


# -------------------------------------------------------------- versioning --
def get_or_404(model: type[M], pk: int, what_zh: str, what_en: str) -> M:
    obj: M | None = model.get_or_none(model.id == pk)
    if obj is None:
        raise not_found(pk, what_zh, what_en)
    return obj


def not_found(pk: int, what_zh: str, what_en: str) -> NotFound:
    """What get_or_404 raises (for lookups that read plain rows)."""
    return NotFound(f"找不到{what_zh}(编号 {pk}),可能已被删除。",
                    f"{what_en} {pk} was not found; it may have been deleted.")


def _fmt(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Model):
        return str(value.id)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def audit(entity: str, entity_id: int, action: str, *, order_id: int | None = None,
          field: str = "", old: Any = None, new: Any = None) -> None:
    AuditLog.create(
        user=current_user(), entity=entity, entity_id=entity_id, order_id=order_id,
        action=action, field=field, old=_fmt(old), new=_fmt(new),
    )


def require_version(expected_version: Any) -> int:
    """The version the user edited: every update service needs it.

    A save without one overwrote whatever another window or process had
    saved meanwhile (629 of 3,000 saves lost in a two-process test), so a
    missing version is a programming error, never "take the current one".
    """
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        raise TypeError(f"expected_version is required (the version the user edited), got {expected_version!r}")
    return expected_version


def save_versioned(obj: Model, changes: dict[str, Any], expected_version: int | None,
                   what_zh: str, what_en: str, *, audit_entity: str | None = None,
                   order_id: int | None = None) -> list[str]:
    """Apply ``changes`` to ``obj`` if it is still at ``expected_version``.

    The UPDATE carries ``WHERE version = expected`` so two windows (or two people
    on PostgreSQL) can never silently overwrite each other: the loser gets
    StaleEdit. Changed fields are audited when ``audit_entity`` is given.
    Returns the names of the fields that changed. Call inside a transaction.
    """
    expected = require_version(expected_version)
    model = type(obj)
    fresh = model.get_or_none(model.id == obj.id)
    if fresh is None:
        raise NotFound(f"{what_zh}已被删除。", f"{what_en} was deleted.")
    changed = {}
    for name, value in changes.items():
        old = getattr(fresh, name + "_id" if isinstance(model._meta.fields[name], ForeignKeyField) else name)
        new = value.id if isinstance(value, Model) else value
        if _fmt(old) != _fmt(new):
            changed[name] = (old, new)
    if fresh.version != expected:
        raise StaleEdit(what_zh, what_en, expected, fresh.version)
    if not changed:
        return []
    values = {model._meta.fields[k]: v for k, v in changes.items() if k in changed}
    values[model.version] = model.version + 1
    if "updated_at" in model._meta.fields:
        values[model._meta.fields["updated_at"]] = dt.datetime.now().replace(microsecond=0)
    n = model.update(values).where((model.id == obj.id) & (model.version == expected)).execute()
    if n != 1:
        actual = model.get_by_id(obj.id).version
        raise StaleEdit(what_zh, what_en, expected, actual)
    for k, (old, new) in changed.items():
        setattr(obj, k, changes[k])
        if audit_entity:
            audit(audit_entity, obj.id, "update", order_id=order_id, field=k, old=old, new=new)
    obj.version = expected + 1
    return list(changed)


def where_given(query: Query, *filters: tuple[Any, Expr]) -> Query:
    """``query`` narrowed by each (value, condition) whose value is given (not None):
    the optional filters of a list (client, order, period) in one line each."""
    for value, condition in filters:
        if value is not None:
            query = query.where(condition)
    return query


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
