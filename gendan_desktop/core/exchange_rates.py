"""Exchange rates to the home currency (本位币), kept in the settings.

``get_rates()`` is {currency: Decimal units of home currency per 1 unit}, the
home currency itself at 1. The settings keep what the Settings dialog always
kept: ``currencies`` (the list offered, comma-separated), one
``exchange_rate_<CUR>`` per currency with a rate, and ``home_currency``
(default CNY, the currency quotation costs are in); ``default_currency`` is
what new clients start in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .common import get_setting, set_setting
from .db import write_transaction
from .errors import ValidationError
from .models import Setting

DEFAULT_HOME = "CNY"


def home_currency() -> str:
    return (get_setting("home_currency", DEFAULT_HOME) or DEFAULT_HOME).strip().upper()


def currency_code(value: str) -> str:
    cur = (value or "").strip().upper()
    if len(cur) != 3 or not cur.isalpha():
        raise ValidationError(f"币种“{value}”无效:请用三个字母的代码,如 USD。",
                              f"The currency “{value}” is not valid; use its three-letter code, such as USD.",
                              field="currencies")
    return cur


def default_currency() -> str:
    """The currency new clients (and so their quotations and orders) start in."""
    return (get_setting("default_currency", "") or "USD").strip().upper()


def check_rate(cur: str, value: object) -> Decimal:
    try:
        rate = Decimal(str(value).strip())
        if not rate.is_finite() or rate <= 0 or rate > 100_000:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{cur} 的汇率“{value}”无效:请填写大于 0 的数字。",
                              f"The exchange rate “{value}” of {cur} is not valid; enter a number above 0.",
                              field="currencies") from None
    return rate


def get_rates() -> dict[str, Decimal]:
    """{currency: home-currency units per 1 unit}; currencies without a rate are left out."""
    home = home_currency()
    out = {home: Decimal(1)}
    rows = Setting.select(Setting.key, Setting.value).where(Setting.key.startswith("exchange_rate_"))
    for key, value in rows.tuples():
        cur = key[len("exchange_rate_"):].upper()
        if cur == home or not value.strip():
            continue
        try:
            out[cur] = check_rate(cur, value)
        except ValidationError:
            continue  # a rate typed wrong long ago: treated as unknown, never as 0
    return out


def set_rates(rates: Mapping[str, object], home: str | None = None) -> dict[str, Decimal]:
    """Store the rates (and the home currency) in one transaction; checks all first.

    A currency given with an empty rate stays listed without a rate. Returns get_rates().
    """
    home = currency_code(home) if home else home_currency()
    clean: dict[str, Decimal | None] = {}
    for cur, value in rates.items():
        code = currency_code(cur)
        clean[code] = None if value in (None, "") or code == home else check_rate(code, value)
    listed = [c.strip().upper() for c in get_setting("currencies", "").split(",") if c.strip()]
    with write_transaction():
        set_setting("home_currency", home)
        for cur, rate in clean.items():
            set_setting(f"exchange_rate_{cur}", "" if rate is None else format(rate.normalize(), "f"))
        for cur in [home, *clean]:
            if cur not in listed:
                listed.append(cur)
        set_setting("currencies", ",".join(listed))
    return get_rates()


def to_home(amount: Decimal | int | str | None, currency: str,
            rates: Mapping[str, Decimal] | None = None) -> Decimal | None:
    """``amount`` of ``currency`` in the home currency, or None when its rate is unknown."""
    rates = get_rates() if rates is None else rates
    rate = rates.get((currency or "").upper())
    if rate is None or amount is None:
        return None
    return Decimal(amount) * rate


def rate(from_cur: str, to_cur: str, rates: Mapping[str, Decimal] | None = None) -> Decimal | None:
    """Units of ``to_cur`` per unit of ``from_cur`` through the home currency, or None without both rates."""
    rates = get_rates() if rates is None else rates
    a, b = rates.get(from_cur.upper()), rates.get(to_cur.upper())
    if a is None or b is None:
        return None
    return a / b


@dataclass
class HomeTotal:
    """Amounts per currency and what they make in the home currency."""

    home: str
    amounts: dict[str, Decimal]
    converted: dict[str, Decimal] = field(default_factory=dict)  # currencies with a rate, to the cent
    missing: list[str] = field(default_factory=list)  # currencies without one (not in ``total``)

    @property
    def total(self) -> Decimal:
        return sum(self.converted.values(), Decimal("0.00"))

    @property
    def complete(self) -> bool:
        return not self.missing


def in_home(amounts: Mapping[str, Decimal], rates: Mapping[str, Decimal] | None = None) -> HomeTotal:
    """``amounts`` ({currency: amount}) in the home currency at the rates set, each
    rounded to the cent; a currency without a rate is listed as missing, never guessed."""
    rates = get_rates() if rates is None else rates
    out = HomeTotal(home_currency(), dict(amounts))
    for cur, amount in amounts.items():
        converted = to_home(amount, cur, rates)
        if converted is None:
            out.missing.append(cur)
        else:
            out.converted[cur] = converted.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return out
