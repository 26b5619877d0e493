"""Finding the header row of a real spreadsheet and guessing what each column is.

People put a title (merged cells) above the header, write the same column in
Chinese or English with many variants (公司名称 / 客户名称 / Company Name …), add
columns we do not know and leave blank rows. The header is the row among the
first ``SCAN_ROWS`` that names the most known fields.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SCAN_ROWS = 30


@dataclass(frozen=True)
class FieldSpec:
    name: str  # identifier used by the importer
    zh: str  # label shown in the mapping dialog and error messages
    en: str
    required: bool = False
    synonyms: tuple[str, ...] = ()


def _f(name, zh, en, synonyms, required=False):
    return FieldSpec(name, zh, en, required, tuple(synonyms))


CLIENT_FIELDS: list[FieldSpec] = [
    _f("code", "客户编号", "Client code", ["客户编号", "客户代码", "客户编码", "编号", "代码", "客户号",
                                         "code", "client code", "customer code", "customer no", "client no",
                                         "customer id", "client id", "account no"]),
    _f("name", "客户名称", "Client name", ["客户名称", "公司名称", "客户", "公司", "单位名称", "客户全称", "公司全称",
                                         "企业名称", "名称", "客户名", "company", "company name", "customer",
                                         "customer name", "client", "client name", "name", "buyer", "account name",
                                         "organization", "organisation"], required=True),
    _f("name_en", "英文名称", "English name", ["英文名称", "英文名", "英文公司名", "english name", "name en",
                                              "name english", "company name en"]),
    _f("contact", "联系人", "Contact", ["联系人", "联系人姓名", "姓名", "对接人", "contact", "contact person",
                                      "contact name", "attn", "attention", "person"]),
    _f("contact_title", "职位", "Title", ["职位", "职务", "title", "position", "job title"]),
    _f("phone", "电话", "Phone", ["电话", "座机", "电话号码", "联系电话", "办公电话", "tel", "telephone", "phone",
                                  "phone no", "phone number", "office phone"]),
    _f("mobile", "手机", "Mobile", ["手机", "手机号", "手机号码", "移动电话", "mobile", "mobile phone", "cell",
                                   "cellphone", "cell phone", "whatsapp"]),
    _f("email", "邮箱", "E-mail", ["邮箱", "电子邮箱", "电子邮件", "邮件", "email", "e-mail", "mail",
                                  "email address", "e-mail address"]),
    _f("wechat", "微信", "WeChat", ["微信", "微信号", "wechat", "wechat id", "weixin"]),
    _f("fax", "传真", "Fax", ["传真", "fax", "fax no"]),
    _f("country", "国家", "Country", ["国家", "国家地区", "国家/地区", "地区", "国别", "country", "region",
                                     "country/region", "nation"]),
    _f("source", "客户来源", "Source", ["客户来源", "来源", "渠道", "获客渠道", "source", "lead source",
                                       "client source", "customer source", "channel"]),
    _f("grade", "客户等级", "Grade", ["客户等级", "等级", "级别", "客户级别", "客户类型", "grade", "level",
                                     "class", "customer grade", "client grade", "rating"]),
    _f("address", "地址", "Address", ["地址", "公司地址", "详细地址", "联系地址", "address", "company address"]),
    _f("website", "网站", "Website", ["网站", "网址", "公司网站", "官网", "website", "web", "web site", "url",
                                     "homepage"]),
    _f("payment_terms", "付款方式", "Payment terms", ["付款方式", "付款条件", "结算方式", "payment terms",
                                                    "payment", "terms", "payment term"]),
    _f("default_currency", "币种", "Currency", ["币种", "货币", "币别", "结算币种", "currency", "curr", "ccy"]),
    _f("first_contact_date", "首次联系日期", "First contact", ["首次联系日期", "首次联系", "首次接触日期",
                                                              "建档日期", "first contact", "first contact date",
                                                              "since", "created"]),
    _f("tags", "标签", "Tags", ["标签", "tags", "tag", "标记"]),
    _f("notes", "备注", "Notes", ["备注", "说明", "备注说明", "notes", "note", "remarks", "remark", "comment",
                                  "comments", "memo"]),
]

ORDER_FIELDS: list[FieldSpec] = [
    _f("order_no", "订单号", "Order no.", ["订单号", "订单编号", "订单号码", "单号", "合同号", "销售订单号",
                                         "order no", "order number", "order", "order id", "so no", "so",
                                         "sales order", "sales order no", "contract no"]),
    _f("client", "客户", "Client", ["客户", "客户名称", "客户编号", "公司名称", "公司", "客户代码", "customer",
                                   "customer name", "client", "client name", "company", "company name",
                                   "buyer", "customer code", "client code"], required=True),
    _f("client_po", "客户PO号", "Client PO", ["客户po号", "客户po", "po号", "po", "po no", "po number",
                                            "客户订单号", "采购单号", "customer po", "client po", "buyer po",
                                            "purchase order", "purchase order no", "p/o no", "p/o"]),
    _f("order_date", "下单日期", "Order date", ["下单日期", "订单日期", "下单时间", "接单日期", "日期", "order date",
                                               "po date", "date", "order time"]),
    _f("delivery_date", "交期", "Delivery date", ["交期", "交货期", "交货日期", "交货时间", "出货日期", "出货期",
                                                 "货期", "船期", "delivery date", "delivery", "ship date",
                                                 "shipment date", "etd", "due date", "delivery time", "ex-factory date",
                                                 "ex factory date"], required=True),
    _f("style", "款号", "Style", ["款号", "款式", "款式号", "型号", "货号", "款号/货号", "style", "style no",
                                  "style number", "item no", "item number", "art no", "article no", "model",
                                  "sku"]),
    _f("product", "品名", "Product", ["品名", "产品", "产品名称", "商品名称", "名称", "描述", "产品描述", "货物描述",
                                    "description", "product", "product name", "item", "item name", "goods",
                                    "goods description"]),
    _f("colour", "颜色", "Colour", ["颜色", "色号", "颜色/色号", "colour", "color", "colours", "colors"]),
    _f("size", "尺码", "Size", ["尺码", "尺寸", "规格", "码数", "size", "sizes", "spec", "specification"]),
    _f("quantity", "数量", "Quantity", ["数量", "订单数量", "订货数量", "件数", "qty", "quantity", "pcs",
                                     "order qty", "quantity pcs", "q'ty"], required=True),
    _f("unit", "单位", "Unit", ["单位", "unit", "uom"]),
    _f("unit_price", "单价", "Unit price", ["单价", "价格", "单价(元)", "unit price", "price", "fob price",
                                          "price/pc", "unit cost", "fob"], required=True),
    _f("currency", "币种", "Currency", ["币种", "货币", "币别", "currency", "curr", "ccy"]),
    _f("channel", "下单方式", "Order channel", ["下单方式", "下单渠道", "order channel", "channel"]),
    _f("order_type", "订单类型", "Order type", ["订单类型", "类型", "order type", "type"]),
    _f("payment_terms", "付款方式", "Payment terms", ["付款方式", "付款条件", "payment terms", "payment"]),
    _f("trade_terms", "贸易条款", "Trade terms", ["贸易条款", "价格条款", "成交方式", "trade terms", "incoterm",
                                               "incoterms", "terms"]),
    _f("merchandiser", "跟单员", "Merchandiser", ["跟单员", "跟单", "业务员", "merchandiser", "sales", "salesman"]),
    _f("remarks", "备注", "Remarks", ["备注", "说明", "remarks", "remark", "notes", "note", "comment", "comments"]),
    _f("amount", "金额", "Amount", ["金额", "总金额", "总价", "amount", "total", "total amount", "value"]),
]

FIELDS = {"clients": CLIENT_FIELDS, "orders": ORDER_FIELDS}


def field_specs(kind: str) -> list[FieldSpec]:
    return FIELDS[kind]


_PAREN = re.compile(r"[\(（\[【<《].*?[\)）\]】>》]")
_PUNCT = re.compile(r"[\s\.:：;；,，、_\-—'\"“”‘’*＊#№]+")


@lru_cache(maxsize=4096)
def normalise_header(text: str) -> str:
    """``" Unit Price (USD)* "`` → ``"unitprice"``; full-width folded, case-free."""
    s = unicodedata.normalize("NFKC", str(text)).casefold().strip()
    s = _PAREN.sub("", s) or s
    s = s.replace("/", "")
    return _PUNCT.sub("", s)


@lru_cache(maxsize=8)
def _synonym_table(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for spec in FIELDS[kind]:
        for syn in (spec.name, spec.zh, spec.en, *spec.synonyms):
            table.setdefault(normalise_header(syn), spec.name)
    return table


def match_header(kind: str, text) -> str | None:
    """The field a header cell names, or None."""
    if text is None or text == "" or isinstance(text, (int, float)) and not isinstance(text, bool):
        return None
    key = normalise_header(text)
    if not key:
        return None
    table = _synonym_table(kind)
    hit = table.get(key)
    if hit:
        return hit
    # "数量(件)" is caught by the parenthesis rule; "Unit Price USD" or "交货日期2026" by prefix
    for syn, name in _prefixes(kind).get(key[0], ()):
        if key.startswith(syn) and len(key) - len(syn) <= 4:
            return name
    return None


@lru_cache(maxsize=8)
def _prefixes(kind: str) -> dict[str, list[tuple[str, str]]]:
    """The synonyms of three characters or more by their first character, in the
    table's order (the data rows scanned for the header try a few, not all)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for syn, name in _synonym_table(kind).items():
        if len(syn) >= 3:
            out.setdefault(syn[0], []).append((syn, name))
    return out


def guess_mapping(kind: str, header: list) -> dict[int, str]:
    """Column index → field for one header row; the first column naming a field wins."""
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for i, cell in enumerate(header):
        name = match_header(kind, cell)
        if name and name not in used:
            mapping[i] = name
            used.add(name)
    return mapping


def find_header(kind: str, rows: list[list]) -> tuple[int, dict[int, str]]:
    """(row index, mapping) of the row among the first SCAN_ROWS that names the most fields.

    Returns (-1, {}) when no row names a required field.
    """
    best: tuple[int, dict[int, str]] = (-1, {})
    required = {s.name for s in FIELDS[kind] if s.required}
    for i, row in enumerate(rows[:SCAN_ROWS]):
        mapping = guess_mapping(kind, row)
        if not (required & set(mapping.values())):
            continue
        if len(mapping) > len(best[1]):
            best = (i, mapping)
    return best
