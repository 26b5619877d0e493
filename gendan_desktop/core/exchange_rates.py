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
from decimal import Decimal, InvalidOperation

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
