"""Quotations (报价单), proforma invoices (PI) and the step to an order.

Each item carries six cost lines in CNY per piece. Its unit price, in the
quotation's currency, is

    unit_price = total_cost × (1 + margin_pct / 100) ÷ exchange_rate

rounded to 2 places (ROUND_HALF_UP), where ``exchange_rate`` is CNY per unit of
the currency. The merchandiser may type another unit price; such an override is
kept when margin or rate change later (an item whose stored price differs from
the formula's is treated as overridden).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from . import enums
from .common import (
    audit,
    current_user,
    get_or_404,
    need_date,
    next_number,
    refuse_unknown_fields,
    save_versioned,
    three_letter_currency,
)
from .db import write_transaction
from .errors import StaleEdit, StateError, ValidationError
from .fields import to_decimal
from .limits import EXCHANGE_RATE, PERCENT, QUANTITY_OR_ZERO, UNIT_PRICE, Bound, check_line_amount
from .models import Client, Order, Quotation, QuotationItem
from .status_rules import QUOTATION_OPEN, QUOTATION_PI_ALLOWED, QUOTATION_SENDABLE, can_edit

COST_FIELDS = ("cost_material", "cost_processing", "cost_accessories", "cost_packing",
               "cost_freight", "cost_other")
ITEM_FIELDS = {"style", "product", "description", "quantity", "unit", "unit_price", *COST_FIELDS}
HEADER_FIELDS = {"date", "currency", "exchange_rate", "margin_pct", "valid_until", "payment_terms",
                 "trade_terms", "notes"}
PRICE_PLACES = Decimal("0.01")


# ------------------------------------------------------------------ price --
def compute_unit_price(total_cost_cny: Any, margin_pct: Any, exchange_rate: Any) -> Decimal:
    """Unit price in the quotation currency (see module doc)."""
    cost = to_decimal(total_cost_cny)
    rate = to_decimal(exchange_rate)
    if rate <= 0:
        raise ValidationError("汇率必须大于 0。", "The exchange rate must be above 0.", field="exchange_rate")
    price = cost * (1 + to_decimal(margin_pct) / 100) / rate
    return price.quantize(PRICE_PLACES, rounding=ROUND_HALF_UP)


def total_cost(item: Any) -> Decimal:
    """Sum of the six cost lines (CNY per piece) of an item or item dict."""
    get = item.get if isinstance(item, dict) else lambda k, d=0: getattr(item, k, d)
    return sum((to_decimal(get(k, 0)) for k in COST_FIELDS), Decimal(0))


# -------------------------------------------------------------- validation --
def _num(value: Any, field: str, zh: str, en: str, bound: Bound = UNIT_PRICE) -> Decimal:
    """A number within ``bound`` (core/limits.py), named ``zh``/``en`` in the message."""
    return Bound(zh, en, bound.low, bound.high, bound.places, bound.low_open).check(value, field=field)


def _clean_header(values: dict[str, Any]) -> dict[str, Any]:
    refuse_unknown_fields(values, HEADER_FIELDS, "报价单", "A quotation")
    out = dict(values)
    if "currency" in out:
        out["currency"] = three_letter_currency(out["currency"], "currency")
    if "exchange_rate" in out:
        out["exchange_rate"] = _num(out["exchange_rate"], "exchange_rate", "汇率(1 外币折合人民币)",
                                    "exchange rate (CNY per unit)", EXCHANGE_RATE)
    if "margin_pct" in out:
        out["margin_pct"] = _num(out["margin_pct"], "margin_pct", "利润率(%)", "margin (%)", PERCENT)
    for key, zh, en in (("date", "报价日期", "quotation date"), ("valid_until", "报价有效期", "valid-until date")):
        if out.get(key) is not None:
            out[key] = need_date(out[key], key, zh, en)
    for key in ("payment_terms", "trade_terms", "notes"):
        if key in out:
            out[key] = (out[key] or "").strip()
    return out


def _check_validity(date: dt.date, valid_until: dt.date | None) -> None:
    if valid_until is not None and valid_until < date:
        raise ValidationError(f"报价有效期({valid_until})早于报价日期({date}),请改为之后的日期。",
                              f"The price is valid until {valid_until}, before the quotation date {date}; "
                              "pick a later date.", field="valid_until")


def _clean_items(items: Iterable[dict[str, Any]], margin_pct: Any, exchange_rate: Any) -> list[dict[str, Any]]:
    out = []
    for n, raw in enumerate(items or (), start=1):
        refuse_unknown_fields(raw, ITEM_FIELDS, f"第 {n} 行报价明细", f"Quotation item {n}")
        product = (raw.get("product") or "").strip()
        if not product:
            raise ValidationError(f"第 {n} 行报价明细缺少品名,请填写产品名称。",
                                  f"Quotation item {n} has no product; enter the product name.", field="product")
        qty = QUANTITY_OR_ZERO.check_int(raw.get("quantity", 0) or 0, where_zh=f"第 {n} 行的",
                                         where_en=f"Item {n}: ", field="quantity")
        item: dict[str, Any] = {"line_no": n, "product": product, "quantity": qty,
                "style": (raw.get("style") or "").strip(), "description": raw.get("description") or "",
                "unit": (raw.get("unit") or "pcs").strip()}
        for k in COST_FIELDS:
            kind = enums.label("cost_kind", k[5:], "zh")
            value = raw.get(k)  # a cost left blank (or not given) is none: 0
            item[k] = _num(0 if value in (None, "") else value, k, f"第 {n} 行{kind}成本", f"{k[5:]} cost of item {n}")
        if raw.get("unit_price") not in (None, ""):
            price = _num(raw["unit_price"], "unit_price", f"第 {n} 行单价", f"unit price of item {n}")
        else:
            price = _num(compute_unit_price(total_cost(item), margin_pct, exchange_rate), "unit_price",
                         f"第 {n} 行按成本算出的单价", f"unit price of item {n} computed from its costs")
        item["unit_price"] = price
        check_line_amount(qty, price, where_zh=f"第 {n} 行的", where_en=f"Item {n}: ", field="unit_price")
        out.append(item)
    if not out:
        raise ValidationError("报价单至少需要一行产品。", "A quotation needs at least one item.", field="items")
    return out


def usual_rate(currency: str) -> str:
    """CNY per unit of ``currency`` at the rates set (设置 → 币种与汇率), as text; "" without one."""
    from .exchange_rates import rate

    if currency.upper() == "CNY":
        return "1"
    r = rate(currency, "CNY")
    return "" if r is None else format(r.quantize(Decimal("0.000001")).normalize(), "f")


def _default_rate(currency: str) -> Decimal:
    if currency == "CNY":
        return Decimal(1)
    text = usual_rate(currency)
    if not text:
        raise ValidationError(f"请填写 {currency} 的汇率(1 {currency} 折合多少人民币)。",
                              f"Enter the exchange rate of {currency} (CNY per 1 {currency}).",
                              field="exchange_rate")
    return to_decimal(text)


def _label(q: Quotation) -> tuple[str, str]:
    return f"报价单 {q.number}", f"Quotation {q.number}"


# ---------------------------------------------------------------- writing --
def create_quotation(client_id: int, items: Iterable[dict[str, Any]], *, currency: str | None = None,
                     exchange_rate: Any = None, margin_pct: Any = 20, valid_until: dt.date | None = None,
                     date: dt.date | None = None, payment_terms: str | None = None,
                     trade_terms: str = "FOB", notes: str = "") -> Quotation:
    """Create a quotation and its items; unit prices follow the formula unless given."""
    client = get_or_404(Client, client_id, "客户", "Client")
    currency = currency or client.default_currency or "USD"
    head = _clean_header({
        "date": date or dt.date.today(), "currency": currency,
        "exchange_rate": exchange_rate if exchange_rate is not None else _default_rate(currency.upper()),
        "margin_pct": margin_pct, "valid_until": valid_until,
        "payment_terms": client.payment_terms if payment_terms is None else payment_terms,
        "trade_terms": trade_terms, "notes": notes,
    })
    _check_validity(head["date"], head["valid_until"])
    rows = _clean_items(items, head["margin_pct"], head["exchange_rate"])
    with write_transaction():
        q = Quotation.create(number=next_number("QT", date=head["date"]), client=client.id, status="draft",
                             merchandiser=client.merchandiser or current_user(), **head)
        for row in rows:
            QuotationItem.create(quotation=q.id, **row)
        audit("quotation", q.id, "create", new=q.number)
    return cast("Quotation", q)


def _recompute(q: Quotation, old_margin: Any, old_rate: Any) -> None:
    """Reprice items that followed the formula; keep typed-in overrides."""
    for it in QuotationItem.select().where(QuotationItem.quotation == q.id):
        cost = total_cost(it)
        if it.unit_price == compute_unit_price(cost, old_margin, old_rate):
            new = compute_unit_price(cost, q.margin_pct, q.exchange_rate)
            if new != it.unit_price:
                QuotationItem.update(unit_price=new).where(QuotationItem.id == it.id).execute()


def _bump_version(q: Quotation, expected: int, zh: str, en: str) -> None:
    n = (Quotation.update(version=Quotation.version + 1, updated_at=dt.datetime.now().replace(microsecond=0))
         .where((Quotation.id == q.id) & (Quotation.version == expected)).execute())
    if n != 1:
        raise StaleEdit(zh, en, expected, Quotation.get_by_id(q.id).version)
    q.version = expected + 1


def update_quotation(quotation_id: int, changes: dict[str, Any], expected_version: int,
                     items: Iterable[dict[str, Any]] | None = None) -> Quotation:
    """Save header ``changes`` and, if given, replace the items — one versioned edit."""
    q = get_or_404(Quotation, quotation_id, "报价单", "Quotation")
    zh, en = _label(q)
    if not can_edit("quotation", q.status):
        raise StateError(f"{zh}状态为“{enums.label('quotation_status', q.status, 'zh')}”,不能再修改。",
                         f"{en} is {enums.label('quotation_status', q.status, 'en').lower()}; it can no longer "
                         "be changed.")
    head = _clean_header(changes)
    old_margin, old_rate = q.margin_pct, q.exchange_rate
    margin = head.get("margin_pct", q.margin_pct)
    rate = head.get("exchange_rate", q.exchange_rate)
    _check_validity(head.get("date", q.date), head.get("valid_until", q.valid_until))
    rows = _clean_items(items, margin, rate) if items is not None else None
    with write_transaction():
        changed = save_versioned(q, head, expected_version, zh, en, audit_entity="quotation")
        if rows is not None:
            QuotationItem.delete().where(QuotationItem.quotation == q.id).execute()
            for row in rows:
                QuotationItem.create(quotation=q.id, **row)
            audit("quotation", q.id, "items", new=str(len(rows)))
            if not changed:  # items alone still make a new version
                _bump_version(q, expected_version, zh, en)
        elif {"margin_pct", "exchange_rate"} & set(changed):
            _recompute(q, old_margin, old_rate)
    return q


def _set_status(q: Quotation, allowed: tuple[str, ...], new: str, action_zh: str, action_en: str,
                extra: dict[str, Any] | None = None) -> Quotation:
    zh, en = _label(q)
    if q.status not in allowed:
        raise StateError(
            f"{zh}当前状态为“{enums.label('quotation_status', q.status, 'zh')}”,不能{action_zh}。",
            f"{en} is {enums.label('quotation_status', q.status, 'en').lower()}; it cannot be {action_en}.")
    save_versioned(q, {"status": new, **(extra or {})}, q.version, zh, en, audit_entity="quotation")
    return q


def mark_sent(quotation_id: int) -> Quotation:
    q = get_or_404(Quotation, quotation_id, "报价单", "Quotation")
    with write_transaction():
        return _set_status(q, QUOTATION_SENDABLE, "sent", "标记为已发送", "marked sent")


def mark_rejected(quotation_id: int) -> Quotation:
    """The client did not take the offer (未成交)."""
    q = get_or_404(Quotation, quotation_id, "报价单", "Quotation")
    with write_transaction():
        return _set_status(q, QUOTATION_OPEN, "rejected", "标记为未成交", "marked rejected")


def issue_pi(quotation_id: int, pi_date: dt.date | None = None) -> Quotation:
    """Turn the quotation into a proforma invoice: PI number, PI date, status 'pi'."""
    q = get_or_404(Quotation, quotation_id, "报价单", "Quotation")
    pi_date = pi_date or dt.date.today()
    if q.valid_until is not None and q.valid_until < pi_date and q.status in ("draft", "sent"):
        raise StateError(
            f"报价单 {q.number} 的价格已于 {q.valid_until} 过期,请先延长有效期或重新报价,再开 PI。",
            f"The prices of quotation {q.number} expired on {q.valid_until}; extend the validity or "
            "re-quote before issuing a PI.")
    with write_transaction():
        extra = {"pi_number": next_number("PI", date=pi_date), "pi_date": pi_date}
        return _set_status(q, QUOTATION_PI_ALLOWED, "pi", "开 PI", "issued as a PI", extra)


def create_order_from_quotation(quotation_id: int, delivery_date: dt.date, client_po: str = "",
                                channel: str = "email", *, order_date: dt.date | None = None,
                                lines: list[dict[str, Any]] | None = None, sample_id: int | None = None,
                                **extra: Any) -> Order:
    """Create an order from the quotation's items (quantity > 0) and mark it 'ordered'.

    Each item's description goes onto its order line's remarks. ``lines``
    replaces the item-derived lines when the client splits colours or sizes.
    Both writes happen in one transaction; a quotation already ordered is
    refused with the order it became.
    """
    from .orders import create_order  # orders imports nothing from here; late import keeps it so

    q = get_or_404(Quotation, quotation_id, "报价单", "Quotation")
    if lines is None:
        lines = [{"style": it.style, "product": it.product, "colour": "", "size": "",
                  "quantity": it.quantity, "unit": it.unit or "pcs", "unit_price": it.unit_price,
                  "remarks": (it.description or "").strip()}
                 for it in q.items.order_by(QuotationItem.line_no) if it.quantity > 0]
    if not lines:
        raise ValidationError(f"报价单 {q.number} 的产品数量都是 0,请先填写下单数量。",
                              f"Every item of quotation {q.number} has quantity 0; enter the order quantities first.",
                              field="quantity")
    with write_transaction():
        q = get_or_404(Quotation, quotation_id, "报价单", "Quotation")  # the status as it is now
        if q.status == "ordered":
            made = ", ".join(o.number for o in quotation_orders(q.id))
            raise StateError(f"报价单 {q.number} 已转为订单 {made},不能重复下单。",
                             f"Quotation {q.number} already became order {made}; it cannot be ordered twice.")
        _set_status(q, QUOTATION_OPEN, "ordered", "转为订单", "turned into an order")
        order = create_order(q.client_id, lines=lines, delivery_date=delivery_date, channel=channel,
                             client_po=client_po, currency=q.currency, order_date=order_date,
                             quotation_id=q.id, sample_id=sample_id,
                             **{"payment_terms": q.payment_terms, "trade_terms": q.trade_terms, **extra})
    return order


# ---------------------------------------------------------------- queries --
def quotation_orders(quotation_id: int) -> list[Any]:
    """The orders made from the quotation, oldest first."""
    return list(Order.select(Order.id, Order.number, Order.status).where(Order.quotation == quotation_id)
                .order_by(Order.id))


def quotations_expiring(today: dt.date, within_days: int = 7) -> list[Quotation]:
    """Draft or sent quotations whose prices expire between today and today + within_days."""
    end = today + dt.timedelta(days=within_days)
    return list(Quotation.select(Quotation, Client).join(Client)
                .where(Quotation.status.in_(("draft", "sent")) & Quotation.valid_until.between(today, end))
                .order_by(Quotation.valid_until, Quotation.number))


def find_quotation(quotation_id: int | None) -> Quotation | None:
    """The quotation, or None (no id, or deleted since it was listed)."""
    if not quotation_id:
        return None
    found: Quotation | None = Quotation.get_or_none(Quotation.id == quotation_id)
    return found


def quotation_items(quotation_id: int) -> list[QuotationItem]:
    return list(QuotationItem.select().where(QuotationItem.quotation == quotation_id)
                .order_by(QuotationItem.line_no))


def quotation_total(quotation_id: int) -> Decimal:
    """Sum of quantity × unit price, in the quotation currency, rounded to cents."""
    total = sum((it.unit_price * it.quantity for it in quotation_items(quotation_id)), Decimal(0))
    return total.quantize(PRICE_PLACES, rounding=ROUND_HALF_UP)
