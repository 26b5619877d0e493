"""Exact decimal fields stored as scaled integers.

SQLite has no exact decimal type: a DECIMAL column has numeric affinity and
``SUM`` returns a float. Money is stored as an integer count of 1/10000 units so
that sums in SQL stay exact on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from peewee import BigIntegerField

MONEY_PLACES = Decimal("0.01")


def to_decimal(value: Any) -> Decimal:
    """Convert user or database input to Decimal without passing through float."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value).replace(",", "").strip())


def round_money(value: Any) -> Decimal:
    return to_decimal(value).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)


class ScaledDecimalField(BigIntegerField):
    """A Decimal kept as ``round(value * 10**scale)`` in a BIGINT column."""

    def __init__(self, scale: int = 4, **kwargs: Any) -> None:
        self.scale = scale
        self._factor = Decimal(10) ** scale
        self._quantum = Decimal(1).scaleb(-scale)
        super().__init__(**kwargs)

    def db_value(self, value: Any) -> int | None:
        if value is None:
            return None
        return int((to_decimal(value) * self._factor).to_integral_value(rounding=ROUND_HALF_UP))

    def python_value(self, value: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / self._factor).quantize(self._quantum)

    def from_sum(self, value: Any) -> Decimal:
        """Turn the result of ``fn.SUM(field)`` back into a Decimal."""
        return (Decimal(int(value or 0)) / self._factor).quantize(self._quantum)


class MoneyField(ScaledDecimalField):
    """Money amount (4 decimal places kept so unit prices like 1.2345 survive)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("default", 0)
        super().__init__(scale=4, **kwargs)


class RateField(ScaledDecimalField):
    """Exchange rates and percentages, 6 decimal places."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(scale=6, **kwargs)
