"""Queries whose SQL is built by peewee once per shape and replayed with new values.

Building a SELECT through peewee costs far more than running it on a few
dozen rows: for the 60 visible rows of a list, core.risk spent 60 % of its
time in ``Query.sql()``. A query here is a function of its values; it is
built once with stand-in values (sentinels), its text kept with the places
of those values among its parameters, and later calls put the real values in
those places. An id list is padded (repeating its last id, which ``IN``
ignores) to a power of two, so a list of any length reuses one of a few texts.

A value whose stand-in does not reach the parameters unchanged (a field that
converts it) makes that query be built every time: never a wrong text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from peewee import DateField, DateTimeField, Field, ForeignKeyField, IntegerField, Model, Query, _StringField

from .connection import current_database

M = TypeVar("M", bound=Model)

# (arg, start, items): an IdList whose stand-ins are parameters start… in order
# (start >= 0, items its size), or the (position, item) of each stand-in (start -1)
Fill = tuple[int, int, Any]
_CACHE: dict[tuple[Any, ...], tuple[str, list[Any], list[Fill]] | None] = {}
_LIMIT = 256
_MISSING: Any = object()
_BASE = -7_300_000_000_000  # far from every id, quantity and amount


class IdList(list[int]):
    """An argument that is a list of ids (``IN (…)``), padded to a power of two."""


def _bucket(n: int) -> int:
    size = 8
    while size < n:
        size *= 2
    return size


def _sentinel(arg: int, item: int, value: Any) -> Any:
    n = arg * 4096 + item
    if isinstance(value, dt.datetime):
        return dt.datetime(1, 1, 1) + dt.timedelta(seconds=n + 1)
    if isinstance(value, dt.date):
        return dt.date(1, 1, 1) + dt.timedelta(days=n + 1)
    if isinstance(value, str):
        return f"\x00slot {n}\x00"
    if isinstance(value, int) and not isinstance(value, bool):
        return _BASE - n
    raise TypeError(f"no stand-in for a {type(value).__name__}")


def _key(value: Any) -> tuple[type, Any]:
    return type(value), value


def sql(name: str, build: Callable[..., Query], *args: Any) -> tuple[str, list[Any]]:
    """(SQL, parameters) of ``build(*args)``, built once per database kind and shape.

    ``args`` are ints, strings, dates or ``IdList``s; ``name`` names the query
    (one ``build`` per name)."""
    return _sql(current_database(), name, build, args)


def _sql(db: Any, name: str, build: Callable[..., Query], args: tuple[Any, ...]) -> tuple[str, list[Any]]:
    # one pass over the arguments: this runs for every lookup of a scanned card
    shape: list[Any] = []
    for a in args:
        if isinstance(a, IdList):
            if not a:
                return cast("tuple[str, list[Any]]", build(*args).sql())
            shape.append(_bucket(len(a)))
        else:
            shape.append(type(a).__name__)
    key = (type(db), name, tuple(shape))
    entry = _CACHE.get(key, _MISSING)  # one lookup: another thread may clear the cache
    if entry is _MISSING:
        if len(_CACHE) >= _LIMIT:
            _CACHE.clear()
        entry = _CACHE[key] = _compile(build, args, key[2])
    if entry is None:
        return cast("tuple[str, list[Any]]", build(*args).sql())
    text, template, fills = entry
    params = list(template)
    for arg, start, items in fills:
        value = args[arg]
        if isinstance(value, IdList):  # padded with its last id: one slice, no loop per id
            if start >= 0:
                params[start:start + len(items)] = value + [value[-1]] * (len(items) - len(value))
                continue
            for pos, item in items:
                params[pos] = value[min(item, len(value) - 1)]
        else:
            for pos, _item in items:
                params[pos] = value
    return text, params


def _compile(build: Callable[..., Query], args: tuple[Any, ...],
             shape: tuple[Any, ...]) -> tuple[str, list[Any], list[Fill]] | None:
    stand_ins: list[Any] = []
    where: dict[tuple[type, Any], tuple[int, int]] = {}
    for i, (a, size) in enumerate(zip(args, shape)):
        if isinstance(a, IdList):
            items = [_sentinel(i, j, 0) for j in range(size)]
            where.update({_key(s): (i, j) for j, s in enumerate(items)})
            stand_ins.append(IdList(items))
        else:
            s = _sentinel(i, 0, a)
            where[_key(s)] = (i, 0)
            stand_ins.append(s)
    try:
        text, params = build(*stand_ins).sql()
    except (TypeError, ValueError):  # a field refused a stand-in: build every time
        return None
    places = []
    for pos, p in enumerate(params):
        try:
            hit = where.get(_key(p))
        except TypeError:  # unhashable parameter
            hit = None
        if hit is not None:
            places.append((pos, *hit))
    if {(a, i) for _pos, a, i in places} != set(where.values()):
        return None  # a stand-in was converted on its way: build every time
    return text, list(params), _fills(places, args, shape)


def _fills(places: list[tuple[int, int, int]], args: tuple[Any, ...], shape: tuple[Any, ...]) -> list[Fill]:
    """How each argument reaches the parameters (see ``Fill``)."""
    out: list[Fill] = []
    for i, a in enumerate(args):
        mine = [(pos, item) for pos, arg, item in places if arg == i]
        start = mine[0][0] if mine else -1
        if isinstance(a, IdList) and mine == [(start + j, j) for j in range(shape[i])]:
            out.append((i, start, range(shape[i])))
        else:
            out.append((i, -1, mine))
    return out


def fetch(name: str, build: Callable[..., Query], *args: Any) -> list[tuple[Any, ...]]:
    """The raw result rows of ``build(*args)`` (values as the driver gives them:
    convert with the field's ``python_value`` where the type matters)."""
    db = current_database()
    text, params = _sql(db, name, build, args)
    return cast("list[tuple[Any, ...]]", db.execute_sql(text, params).fetchall())


def as_date(value: Any) -> dt.date:
    """A date from a date or timestamp column selected as text (or as the driver's date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?)?")
_CONVERTERS: dict[int, Callable[[Any], Any]] = {}
_FIELDS: dict[int, list[tuple[str, tuple[type, ...], Callable[[Any], Any]]]] = {}


def converter(field: Field) -> Callable[[Any], Any]:
    """``field.python_value``, faster for SQLite's date and time text.

    peewee parses it with strptime, trying its formats in turn (most of the
    cost of reading a card); the text SQLite holds (``YYYY-MM-DD``, with
    `` HH:MM:SS`` and ``.ffffff``) gives the same value through fromisoformat.
    Anything else still goes through the field."""
    found = _CONVERTERS.get(id(field))
    if found is None:
        found = _CONVERTERS[id(field)] = _converter(field)
    return found


def _converter(field: Field) -> Callable[[Any], Any]:
    slow = field.python_value
    kind = type(field)
    if isinstance(field, DateTimeField) and kind.python_value is DateTimeField.python_value \
            and field.formats == DateTimeField.formats:
        make: Callable[[str], Any] = dt.datetime.fromisoformat
    elif isinstance(field, DateField) and kind.python_value is DateField.python_value \
            and field.formats == DateField.formats:
        def make(text: str) -> Any:
            return dt.datetime.fromisoformat(text).date()
    else:
        return cast("Callable[[Any], Any]", slow)

    def convert(value: Any) -> Any:
        if type(value) is str and _ISO.fullmatch(value):
            try:
                return make(value)
            except ValueError:  # a month 13: the field's own answer (the text as it is)
                pass
        return slow(value)
    return convert


def _kept_as_is(field: Field) -> tuple[type, ...]:
    """The types of value that ``field.python_value`` returns unchanged (an int
    of an integer field, a str of a text field, None of both): no call for them."""
    while isinstance(field, ForeignKeyField):
        field = field.rel_field
    kind = type(field)
    if kind.python_value is not Field.python_value:
        return ()
    if isinstance(field, IntegerField) and kind.adapt is IntegerField.adapt:
        return (int, type(None))
    if isinstance(field, _StringField) and kind.adapt is _StringField.adapt:
        return (str, type(None))
    return ()


def instances(model: type[M], rows: Iterable[tuple[Any, ...]]) -> list[M]:
    """Model objects from raw rows of ``model.select()`` (every field, in the
    model's order), as peewee's cursor builds them: each value through its
    field's ``python_value`` (see converter, _kept_as_is) into ``__data__``, no
    field dirty, no related object cached. (``Model.__init__`` would set them
    one by one through the fields' descriptors to the same end, at twice the cost.)"""
    fields = _FIELDS.get(id(model))
    if fields is None:
        fields = _FIELDS[id(model)] = [(f.name, _kept_as_is(f), converter(f)) for f in model._meta.sorted_fields]
    out = []
    new = model.__new__
    for row in rows:
        obj = new(model)  # type: ignore[call-overload]
        obj.__data__ = {name: v if type(v) in kept else convert(v) for (name, kept, convert), v in zip(fields, row)}
        obj._dirty = set()
        obj.__rel__ = {}
        out.append(obj)
    return out
