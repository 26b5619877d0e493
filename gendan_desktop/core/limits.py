"""The bounds of every number a merchandiser types, in one place.

Core services, the Excel import and the GUI editors all check numbers here, so
a value refused in one is refused in all, with the same sentence naming the
allowed range.

Why these bounds make every sum safe. Money is stored as integers of 1/10000
(core/fields.py) in 64-bit columns (largest 9.22 × 10^18):

* one order line: quantity ≤ 10^7 and unit price ≤ 10^7, and their product
  (the line amount) ≤ 10^10, so ``quantity × unit_price`` in SQL is at most
  10^14 scaled units;
* one order: at most ``MAX_ORDER_LINES`` = 5,000 lines, so any sum over an
  order's lines is at most 5 × 10^17;
* payments, credits and costs: each ≤ 10^10 (≤ 10^14 scaled), and a client's
  total of each kind per currency is capped at ``CLIENT_TOTAL`` = 10^14
  (10^18 scaled) when it is written, so the receivable sums per client and
  currency (shipped, credited, paid, and the overdue query's running sums of
  shipped and of credited + paid) stay below 2 × 10^18;
* sums across clients are done in Python (exact integers and Decimals).

PostgreSQL sums BIGINT into NUMERIC and cannot overflow; SQLite raises
"integer overflow", which these bounds rule out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import ValidationError


def _fmt(d: Decimal) -> str:
    """10000000 → ``10,000,000``; 0.0001 → ``0.0001``."""
    return f"{d:,f}" if d != d.to_integral_value() else f"{int(d):,}"


@dataclass(frozen=True)
class Bound:
    """An allowed range with at most ``places`` decimals.

    ``zh``/``en`` name the value in a sentence ("数量", "quantity").
    """

    zh: str
    en: str
    low: Decimal
    high: Decimal
    places: int = 0
    low_open: bool = False  # True: the value must be above ``low``

    def range_zh(self) -> str:
        if self.low_open:
            text = f"大于 {_fmt(self.low)}、不超过 {_fmt(self.high)} 的"
        else:
            text = f"{_fmt(self.low)} 至 {_fmt(self.high)} 之间的"
        return f"{text}整数" if self.places == 0 else f"{text}数(最多 {self.places} 位小数)"

    def range_en(self) -> str:
        if self.low_open:
            text = f"above {_fmt(self.low)} and at most {_fmt(self.high)}"
        else:
            text = f"from {_fmt(self.low)} to {_fmt(self.high)}"
        if self.places == 0:
            return f"a whole number {text}"
        return f"{text} with at most {self.places} decimal places"

    def problem(self, value: Any) -> tuple[str, str] | None:
        """Why ``value`` is not allowed (zh, en, without "where"), or None if it is."""
        return self._problem(as_decimal(value), value)

    def _problem(self, d: Decimal | None, value: Any) -> tuple[str, str] | None:
        if d is None:
            return (f"{self.zh}“{_show(value)}”不是数字,应为 {self.range_zh()}。",
                    f"the {self.en} “{_show(value)}” is not a number; it must be {self.range_en()}.")
        below = d <= self.low if self.low_open else d < self.low
        if below or d > self.high:
            return (f"{self.zh} {_show(value)} 超出允许范围,应为 {self.range_zh()}。",
                    f"the {self.en} {_show(value)} is out of range; it must be {self.range_en()}.")
        if d != d.quantize(Decimal(1).scaleb(-self.places)):
            if self.places == 0:
                return (f"{self.zh} {_show(value)} 必须是整数,应为 {self.range_zh()}。",
                        f"the {self.en} {_show(value)} is not a whole number; it must be {self.range_en()}.")
            return (f"{self.zh} {_show(value)} 的小数位太多,最多 {self.places} 位(允许范围:{self.range_zh()})。",
                    f"the {self.en} {_show(value)} has too many decimal places; at most {self.places} are "
                    f"allowed ({self.range_en()}).")
        return None

    def check(self, value: Any, *, where_zh: str = "", where_en: str = "", field: str | None = None) -> Decimal:
        """``value`` as an exact Decimal, or ValidationError naming the range.

        ``where_zh``/``where_en`` put the record first: "第 3 行的" / "Line 3: ".
        """
        d = as_decimal(value)  # converted once: the Excel import checks every cell here
        bad = self._problem(d, value)
        if bad is None:
            assert d is not None  # a value that is no number is a problem
            return d
        zh, en = bad
        en = en[0].upper() + en[1:] if not where_en else en
        raise ValidationError(f"{where_zh}{zh}", f"{where_en}{en}", field=field)

    def check_int(self, value: Any, *, where_zh: str = "", where_en: str = "", field: str | None = None) -> int:
        kw = {"where_zh": where_zh, "where_en": where_en}
        return int(self.check(value, field=field, **kw))


def _show(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value).strip() if value is not None else ""


def as_decimal(value: Any) -> Decimal | None:
    """A finite Decimal from user input ("1,200.50", 12, 1.5), or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal):
            d = value
        elif isinstance(value, float):
            d = Decimal(repr(value))
        elif isinstance(value, int):
            d = Decimal(value)
        else:
            text = str(value).replace(",", "").replace(",", "").strip()
            if not text:
                return None
            d = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


D = Decimal
QUANTITY = Bound("数量", "quantity", D(1), D(10_000_000))
QUANTITY_OR_ZERO = Bound("数量", "quantity", D(0), D(10_000_000))
UNIT_PRICE = Bound("单价", "unit price", D(0), D(10_000_000), places=4)
LINE_AMOUNT = Bound("金额(数量 × 单价)", "amount (quantity × unit price)", D(0), D(10_000_000_000), places=4)
AMOUNT = Bound("金额", "amount", D(0), D(10_000_000_000), places=2, low_open=True)
AMOUNT_OR_ZERO = Bound("金额", "amount", D(0), D(10_000_000_000), places=2)
DEPOSIT_PCT = Bound("定金比例(%)", "deposit percentage", D(0), D(100), places=2)
PERCENT = Bound("百分比", "percentage", D(0), D(1000), places=4)
EXCHANGE_RATE = Bound("汇率", "exchange rate", D(0), D(100_000), places=6, low_open=True)
MATERIAL_QTY = Bound("数量", "quantity", D(0), D(1_000_000_000), places=4)
COPIES = Bound("份数", "number of copies", D(1), D(1000))
STEP_DAYS = Bound("计划天数", "planned days", D(0), D(365))
DEMO_CLIENTS = Bound("演示客户数", "number of demo clients", D(0), D(100_000))
DEMO_ORDERS = Bound("演示订单数", "number of demo orders", D(0), D(1_000_000))

MAX_ORDER_LINES = 5_000
CLIENT_TOTAL = D(10) ** 14  # per client, currency and kind (shipped / credited / paid)


def check_line_amount(quantity: int, unit_price: Decimal, *, where_zh: str = "", where_en: str = "",
                      field: str | None = None) -> None:
    """Refuse a line whose quantity × unit price exceeds ``LINE_AMOUNT``."""
    amount = Decimal(int(quantity)) * unit_price
    if amount > LINE_AMOUNT.high:
        raise ValidationError(
            f"{where_zh}金额(数量 {quantity:,} × 单价 {_fmt(unit_price)} = {_fmt(amount)})超过上限 "
            f"{_fmt(LINE_AMOUNT.high)},请检查数量和单价。",
            f"{where_en}the amount (quantity {quantity:,} × unit price {_fmt(unit_price)} = {_fmt(amount)}) "
            f"exceeds the limit of {_fmt(LINE_AMOUNT.high)}; check the quantity and unit price.", field=field)


def check_line_count(n: int) -> None:
    if n > MAX_ORDER_LINES:
        raise ValidationError(f"一张订单最多 {MAX_ORDER_LINES:,} 行明细(现在是 {n:,} 行),请分成几张订单。",
                              f"An order can have at most {MAX_ORDER_LINES:,} lines ({n:,} given); split it "
                              "into several orders.", field="lines")


def check_client_total(current: Decimal, adding: Decimal, what_zh: str, what_en: str, client: str,
                       currency: str, field: str = "amount") -> None:
    """Refuse a write that would take a client's total of one kind past ``CLIENT_TOTAL``."""
    if current + adding > CLIENT_TOTAL:
        raise ValidationError(
            f"客户“{client}”的{what_zh}合计({currency})将超过上限 {_fmt(CLIENT_TOTAL)},请检查金额。",
            f"The total {what_en} of client “{client}” in {currency} would exceed the limit of "
            f"{_fmt(CLIENT_TOTAL)}; check the amount.", field=field)
