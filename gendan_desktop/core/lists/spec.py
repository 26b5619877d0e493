"""What every list's ``find_ids`` takes: the filters chosen and the sort.

A list module names its own filter keys and sort keys (its ``FILTER_KEYS`` and
``SORTS``); the window maps its combo boxes and columns onto them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from peewee import Ordering

from ..models import Expr, Query

DateRange = tuple[dt.date | None, dt.date | None]  # (from, to); None bound = open


@dataclass(frozen=True)
class Filters:
    """The quick-filter text and the chosen filter values (key → value; absent: all)."""

    text: str = ""
    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None or value == "" else value


@dataclass(frozen=True)
class Sort:
    key: str | None = None  # one of the list's SORTS; None: by id
    descending: bool = False


def date_range(query: Query, column: Expr, value: DateRange) -> Query:
    lo, hi = value
    if lo is not None:
        query = query.where(column >= lo)
    return query.where(column <= hi) if hi is not None else query


def ordered(query: Query, id_field: Expr, fields: Sequence[Expr], sort: Sort) -> Query:
    """``query`` ordered by ``fields`` in the sort's direction, then by id (a stable order).

    ``Ordering`` wraps any node, also a correlated subquery, which has no ``.asc()``.
    """
    direction = "DESC" if sort.descending else "ASC"
    by_id = id_field.desc() if sort.descending else id_field
    return query.order_by(*[Ordering(f, direction) for f in fields], by_id)


NO_FILTERS = Filters()
BY_ID = Sort()
