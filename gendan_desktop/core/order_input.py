"""Checking what a user typed for an order: header fields and order lines.

Shared by core/orders.py (create, edit), core/revisions.py (改单) and
core/aftersales.py (remake orders). Every error names the line number and the
field, in Chinese and English, so the GUI can point at the cell.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

from peewee import fn

from . import enums
from .errors import ValidationError
from .fields import to_decimal
from .limits import DEPOSIT_PCT, QUANTITY, UNIT_PRICE, Bound, check_line_amount
from .models import Client, Factory, Order, OrderLine, Quotation, Sample

# Line fields a caller may give, with Chinese/English names for messages.
LINE_FIELDS = {
    "style": ("款号", "style"),
    "product": ("品名", "product"),
    "colour": ("颜色", "colour"),
    "size": ("尺码", "size"),
    "quantity": ("数量", "quantity"),
    "unit": ("单位", "unit"),
    "unit_price": ("单价", "unit price"),
    "remarks": ("备注", "remarks"),
}
LINE_ALIASES = {"color": "colour", "qty": "quantity", "price": "unit_price"}
# Keys a GUI or importer may carry along that are derived, not stored.
LINE_IGNORED = {"line_no", "amount", "order", "order_id"}
TEXT_LINE_FIELDS = ("style", "product", "colour", "size", "unit", "remarks")

HEADER_NAMES = {
    "client": ("客户", "client"),
    "channel": ("下单方式", "order channel"),
    "client_po": ("客户订单号", "client PO no."),
    "order_type": ("订单类型", "order type"),
    "currency": ("币种", "currency"),
    "order_date": ("下单日期", "order date"),
    "delivery_date": ("交期", "delivery date"),
    "quotation": ("报价单", "quotation"),
    "sample": ("样品", "sample"),
    "remake_of": ("原订单", "original order"),
    "factory": ("工厂", "factory"),
    "product_category": ("产品类别", "product category"),
    "payment_terms": ("付款条件", "payment terms"),
    "trade_terms": ("贸易条款", "trade terms"),
    "deposit_pct": ("定金比例", "deposit percentage"),
    "merchandiser": ("跟单员", "merchandiser"),
    "client_requirements": ("客户要求", "client requirements"),
    "packing": ("包装", "packing"),
    "shipping_marks": ("唛头", "shipping marks"),
    "notes": ("备注", "notes"),
    "material_override_reason": ("物料放行原因", "material override reason"),
}
HEADER_TEXT = ("client_po", "product_category", "payment_terms", "trade_terms", "merchandiser",
               "client_requirements", "packing", "shipping_marks", "notes", "material_override_reason")
# Fields only their own workflow may set (review, status, revision, numbering…).
PROTECTED = {"id", "number", "status", "version", "revision", "created_at", "updated_at",
             "review_capability", "review_material", "review_colour", "review_quantity",
             "review_date", "review_notes", "reviewed_by", "reviewed_at", "confirmed_at",
             "production_started_at", "cancelled_at", "cancel_reason"}
CURRENCY_ALIASES = {"RMB": "CNY", "人民币": "CNY", "美元": "USD", "欧元": "EUR", "英镑": "GBP",
                    "日元": "JPY", "港币": "HKD"}


def _err(zh: str, en: str, field: str) -> ValidationError:
    return ValidationError(zh, en, field=field)


@lru_cache(maxsize=256)
def _max_len(model: Any, name: str) -> int | None:
    return getattr(model._meta.fields[name], "max_length", None)


def clean_text(value: Any, model: Any, name: str, zh_name: str, en_name: str, *,
               where_zh: str = "", where_en: str = "", field: str | None = None) -> str:
    """Strip text and refuse what PostgreSQL would refuse (too long)."""
    text = "" if value is None else str(value).strip()
    limit = _max_len(model, name)
    if limit and len(text) > limit:
        raise _err(f"{where_zh}{zh_name}太长({len(text)} 个字),最多 {limit} 个字,请缩短。",
                   f"{where_en}{en_name} is too long ({len(text)} characters); at most {limit} are allowed.",
                   field or name)
    return text


def parse_date(value: Any, zh_name: str, en_name: str, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    if not text:
        raise _err(f"请填写{zh_name}。", f"Please enter the {en_name}.", field)
    raise _err(f"{zh_name}“{text}”不是有效日期,请按 2026-03-15 的格式填写。",
               f"The {en_name} “{text}” is not a valid date; use the form 2026-03-15.", field)


def parse_quantity(value: Any, where_zh: str, where_en: str, field: str) -> int:
    """A whole number of pieces within limits.QUANTITY ("1,200" and 1200.0 are fine)."""
    return QUANTITY.check_int(value, where_zh=where_zh, where_en=where_en, field=field)


def parse_money(value: Any, where_zh: str, where_en: str, zh_name: str, en_name: str,
                field: str, bound: Bound = UNIT_PRICE) -> Decimal:
    """A money amount within ``bound`` (a unit price by default), as an exact Decimal.

    ``zh_name``/``en_name`` name the value in the message ("单价", "unit price").
    """
    named = bound if (zh_name, en_name) == (bound.zh, bound.en) else _renamed(bound, zh_name, en_name)
    return named.check(value, where_zh=where_zh, where_en=where_en, field=field)


@lru_cache(maxsize=64)
def _renamed(bound: Bound, zh_name: str, en_name: str) -> Bound:
    return Bound(zh_name, en_name, bound.low, bound.high, bound.places, bound.low_open)


def parse_currency(value: Any) -> str:
    text = str(value or "").strip()
    code = CURRENCY_ALIASES.get(text.upper(), CURRENCY_ALIASES.get(text, text.upper()))
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise _err(f"币种“{text}”无效,请填写三个字母的代码,如 USD、EUR、CNY。",
                   f"The currency “{text}” is not valid; use a three-letter code such as USD, EUR or CNY.",
                   "currency")
    return code


def _fk_id(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if hasattr(value, "id"):
        return cast("int | None", value.id)
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # not a key; the lookup below reports it as not found


# ------------------------------------------------------------------ header --
def clean_header(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate header fields; returns Order field name → value (FKs as ids).

    Accepts ``client_id``-style keys as well as ``client``. Refuses fields that
    belong to another workflow (status, review, revision…) or do not exist.
    """
    out: dict[str, Any] = {}
    for key, value in changes.items():
        name = key[:-3] if key.endswith("_id") and key[:-3] in HEADER_NAMES else key
        if name in PROTECTED:
            raise _err(f"订单的“{name}”不能在这里修改,请使用对应的操作(审查、确认、改单或取消)。",
                       f"The order field “{name}” cannot be changed here; use its own action "
                       "(review, confirm, revise or cancel).", name)
        if name not in HEADER_NAMES:
            raise _err(f"订单没有“{key}”这一项。", f"Orders have no field “{key}”.", key)
        zh, en = HEADER_NAMES[name]
        if name == "client":
            out[name] = check_client(_fk_id(value))
        elif name == "channel":
            out[name] = enums.parse("order_channel", value, field=name)
        elif name == "order_type":
            out[name] = enums.parse("order_type", value, field=name)
        elif name == "currency":
            out[name] = parse_currency(value)
        elif name == "order_date" or name == "delivery_date":
            out[name] = parse_date(value, zh, en, name)
        elif name in ("quotation", "sample", "remake_of", "factory"):
            out[name] = _check_exists(name, _fk_id(value))
        elif name == "deposit_pct":
            out[name] = DEPOSIT_PCT.check(value, field=name)
        else:
            out[name] = clean_text(value, Order, name, zh, en)
    return out


_FK_MODELS = {"quotation": Quotation, "sample": Sample, "remake_of": Order, "factory": Factory}


def _check_exists(name: str, pk: int | None) -> int | None:
    if pk is None:
        return None
    model = _FK_MODELS[name]
    if not model.select().where(model.id == pk).exists():
        zh, en = HEADER_NAMES[name]
        raise _err(f"找不到{zh}(编号 {pk}),请重新选择。", f"The {en} {pk} was not found; choose it again.", name)
    return pk


def archived_client_error(name: str) -> ValidationError:
    """An archived client takes no new orders (the order form, the services and the import)."""
    return _err(f"客户“{name}”已归档,不能下新订单。请先在客户档案中恢复该客户。",
                f"Client “{name}” is archived and cannot receive new orders; restore it "
                "in the client archive first.", "client")


def check_client(pk: int | None) -> int:
    client = Client.get_or_none(Client.id == pk) if pk is not None else None
    if client is None:
        raise _err(f"找不到客户(编号 {pk}),请重新选择客户。", f"Client {pk} was not found; choose the client again.",
                   "client")
    if client.archived:
        raise archived_client_error(client.name)
    return cast("int", client.id)


def check_header_consistency(values: dict[str, Any]) -> None:
    """Rules across fields, on the merged (old + changed) header values."""
    order_date, delivery = values.get("order_date"), values.get("delivery_date")
    if order_date and delivery and delivery < order_date:
        raise _err(f"交期 {delivery} 早于下单日期 {order_date},请改正交期。",
                   f"The delivery date {delivery} is before the order date {order_date}; correct the delivery date.",
                   "delivery_date")
    client_id = values.get("client")
    sample_id = values.get("sample")
    if sample_id is not None:
        sample = Sample.get_by_id(sample_id)
        if sample.client_id != client_id:
            raise _err(f"样品 {sample.number} 属于另一个客户,不能用于这张订单。",
                       f"Sample {sample.number} belongs to another client and cannot be used for this order.",
                       "sample")
        if sample.status != "approved":
            state = enums.label("sample_status", sample.status, "zh")
            raise _err(f"样品 {sample.number} 还未批板(现在是“{state}”),客户批板后才能按它下单。",
                       f"Sample {sample.number} is not approved yet (it is "
                       f"“{enums.label('sample_status', sample.status, 'en')}”); the client must approve it first.",
                       "sample")
    quotation_id = values.get("quotation")
    if quotation_id is not None:
        quotation = Quotation.get_by_id(quotation_id)
        if quotation.client_id != client_id:
            raise _err(f"报价单 {quotation.number} 属于另一个客户,不能用于这张订单。",
                       f"Quotation {quotation.number} belongs to another client and cannot be used for this order.",
                       "quotation")


def check_po_free(client_id: int, client_po: str, order_type: str, exclude_id: int | None = None) -> None:
    """Refuse a second live order of the client with the same client PO.

    The database refuses it too (migration 7's unique index); checking first
    names the order that has the PO. An empty PO, cancelled orders and remakes
    are not constrained (migrations.po_unique_where).
    """
    po = (client_po or "").strip()
    if not po or order_type == "remake" or client_id is None:
        return
    q = (Order.select(Order.id, Order.number)
         .where((Order.client == client_id) & (fn.LOWER(Order.client_po) == po.lower()) & (Order.client_po != "")
                & (Order.status != "cancelled") & (Order.order_type != "remake")))
    if exclude_id is not None:
        q = q.where(Order.id != exclude_id)
    other = q.first()
    if other is not None:
        raise _err(f"该客户已有客户订单号为“{po}”的订单 {other.number};同一客户订单号不能重复下单。"
                   "如确是新订单,请核对客户订单号。",
                   f"This client already has order {other.number} with the client PO “{po}”; a client PO "
                   "can be ordered only once. If this is a new order, check the PO number.", "client_po")


def po_taken_error(client_po: str) -> ValidationError:
    """The same refusal when the unique index caught a PO saved meanwhile elsewhere."""
    return _err(f"该客户的客户订单号“{client_po}”刚被其他窗口或同事用于另一张订单,未保存。请核对客户订单号。",
                f"The client PO “{client_po}” was just used for another order of this client elsewhere; "
                "nothing was saved. Check the PO number.", "client_po")


# ------------------------------------------------------------------- lines --
def where(n: int) -> tuple[str, str]:
    return f"第 {n} 行的", f"Line {n}: "


def clean_line(n: int, data: dict[str, Any], base: dict[str, Any] | None = None) -> dict[str, Any]:
    """Validate line ``n`` (1-based, as the user sees it).

    ``base`` holds the stored values of a line being patched: fields missing
    from ``data`` keep them. Returns the eight stored fields.
    """
    given: dict[str, Any] = {}
    for key, value in data.items():
        name = LINE_ALIASES.get(key, key)
        if name in LINE_IGNORED or name == "id":
            continue
        if name not in LINE_FIELDS:
            raise _err(f"第 {n} 行:订单明细没有“{key}”这一项。", f"Line {n}: order lines have no field “{key}”.",
                       f"lines.{n}.{key}")
        given[name] = value
    merged = dict(base or {"unit": "pcs"})
    merged.update(given)
    wzh, wen = where(n)
    for name in ("quantity", "unit_price"):
        if name not in merged:
            zh, en = LINE_FIELDS[name]
            raise _err(f"第 {n} 行缺少{zh},请填写。", f"Line {n}: the {en} is missing.", f"lines.{n}.{name}")
    quantity = parse_quantity(merged["quantity"], wzh, wen, f"lines.{n}.quantity")
    unit_price = parse_money(merged["unit_price"], wzh, wen, "单价", "unit price", f"lines.{n}.unit_price")
    check_line_amount(quantity, unit_price, where_zh=wzh, where_en=wen, field=f"lines.{n}.unit_price")
    out: dict[str, Any] = {"quantity": quantity, "unit_price": unit_price}
    for name in TEXT_LINE_FIELDS:
        zh, en = LINE_FIELDS[name]
        out[name] = clean_text(merged.get(name, ""), OrderLine, name, zh, en, where_zh=wzh, where_en=wen,
                               field=f"lines.{n}.{name}")
    out["unit"] = out["unit"] or "pcs"
    check_style_or_product(out, where_zh=f"第 {n} 行", where_en=f"Line {n} ", field=f"lines.{n}.style")
    return out


def check_style_or_product(values: dict[str, Any], *, where_zh: str = "", where_en: str = "",
                           field: str = "style") -> None:
    """A line names its style, its product or both."""
    if not values.get("style") and not values.get("product"):
        raise _err(f"{where_zh}没有款号也没有品名,请至少填写一项。",
                   f"{where_en}has neither a style nor a product; enter at least one.", field)


def line_key(values: dict[str, Any]) -> tuple[Any, ...]:
    """What identifies a line to the user when no id is given."""
    return (values.get("style", ""), values.get("product", ""), values.get("colour", ""), values.get("size", ""))


def line_summary(values: Any) -> str:
    """One readable line for audit entries: 款号 / 颜色 / 尺码 × 数量 @ 单价."""
    get = values.get if isinstance(values, dict) else lambda k, d="": getattr(values, k, d)
    parts = [p for p in (get("style", ""), get("product", ""), get("colour", ""), get("size", "")) if p]
    price = to_decimal(get("unit_price", 0))
    return f"{' / '.join(parts)} × {get('quantity', 0)} @ {format(price.normalize(), 'f')}"
