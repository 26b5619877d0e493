"""Allowed values of the string enumerations, with Chinese and English labels.

The GUI shows ``label(kind, value)``; the database stores the English value.
"""

from __future__ import annotations

from .errors import ValidationError, current_language

CLIENT_SOURCES = {
    "trade_show": ("展会", "Trade show"),
    "alibaba": ("阿里巴巴", "Alibaba"),
    "amazon": ("亚马逊", "Amazon"),
    "google": ("谷歌", "Google"),
    "linkedin": ("领英", "LinkedIn"),
    "referral": ("客户介绍", "Referral"),
    "visit": ("上门拜访", "Visit"),
    "website": ("公司网站", "Website"),
    "other": ("其他", "Other"),
}
CLIENT_GRADES = {"key": ("大客户", "Key"), "ordinary": ("普通客户", "Ordinary")}
FOLLOWUP_CHANNELS = {
    "email": ("邮件", "Email"),
    "phone": ("电话", "Phone"),
    "fax": ("传真", "Fax"),
    "wechat": ("微信", "WeChat"),
    "visit": ("拜访", "Visit"),
    "other": ("其他", "Other"),
}
DISPATCH_KINDS = {"catalogue": ("目录", "Catalogue"), "sample": ("样品", "Sample"), "other": ("其他", "Other")}
QUOTATION_STATUSES = {
    "draft": ("草稿", "Draft"),
    "sent": ("已发送", "Sent"),
    "pi": ("已开PI", "PI issued"),
    "ordered": ("已下单", "Ordered"),
    "rejected": ("未成交", "Rejected"),
}
COST_KINDS = {
    "material": ("材料", "Material"),
    "processing": ("加工", "Processing"),
    "accessories": ("辅料", "Accessories"),
    "packing": ("包装", "Packing"),
    "freight": ("运费", "Freight"),
    "other": ("其他", "Other"),
}
SAMPLE_STATUSES = {
    "requested": ("待打样", "Requested"),
    "made": ("已做好", "Made"),
    "sent": ("已寄出", "Sent"),
    "approved": ("已批板", "Approved"),
    "rejected": ("未通过", "Rejected"),
}
ORDER_CHANNELS = {
    "fax": ("传真", "Fax"),
    "mail": ("邮寄", "Mail"),
    "verbal": ("口头", "Verbal"),
    "email": ("邮件", "Email"),
    "online": ("网上", "Online"),
}
ORDER_TYPES = {
    "normal": ("普通订单", "Normal"),
    "processing": ("加工单", "Processing"),
    "sample": ("样品单", "Sample"),
    "remake": ("补单", "Remake"),
}
ORDER_STATUSES = {
    "draft": ("草稿", "Draft"),
    "reviewed": ("已审查", "Reviewed"),
    "confirmed": ("已确认", "Confirmed"),
    "in_production": ("生产中", "In production"),
    "partly_shipped": ("部分出货", "Partly shipped"),
    "shipped": ("已出货", "Shipped"),
    "settled": ("已结清", "Settled"),
    "cancelled": ("已取消", "Cancelled"),
}
REVIEW_ITEMS = {
    "review_capability": ("生产能力", "Capability"),
    "review_material": ("物料", "Material"),
    "review_colour": ("颜色", "Colour"),
    "review_quantity": ("数量", "Quantity"),
    "review_date": ("交期", "Delivery date"),
}
FACTORY_KINDS = {"own": ("本厂", "Own"), "subcontract": ("外协厂", "Subcontract"), "backup": ("备选工厂", "Backup")}
EXCEPTION_KINDS = {
    "material": ("物料", "Material"),
    "quality": ("质量", "Quality"),
    "equipment": ("设备", "Equipment"),
    "capacity": ("产能", "Capacity"),
    "delay": ("延误", "Delay"),
    "other": ("其他", "Other"),
}
SEVERITIES = {"low": ("低", "Low"), "medium": ("中", "Medium"), "high": ("高", "High"),
              "critical": ("紧急", "Critical")}
EXCEPTION_STATUSES = {"open": ("待处理", "Open"), "escalated": ("已上报", "Escalated"),
                      "resolved": ("已解决", "Resolved")}
PAYMENT_KINDS = {"deposit": ("定金", "Deposit"), "balance": ("尾款", "Balance"), "other": ("其他", "Other"),
                 "refund": ("退款", "Refund"), "transfer": ("转订单", "Carried over")}
# kinds only core/payments.py writes (refund_payment, carry_payment), never typed in
DISPOSAL_PAYMENT_KINDS = ("refund", "transfer")
DISPOSITIONS = {
    "rework": ("返修", "Rework"),
    "remake": ("补单", "Remake"),
    "discount": ("折扣", "Discount"),
    "return": ("退货", "Return"),
}
COMPLAINT_STATUSES = {"open": ("待处理", "Open"), "processing": ("处理中", "Processing"),
                      "closed": ("已结案", "Closed")}
RISK_LEVELS = {"on_track": ("正常", "On track"), "at_risk": ("有风险", "At risk"), "late": ("已延误", "Late")}
CURRENCIES = ["USD", "EUR", "CNY", "GBP", "JPY", "HKD"]
# what a client reads (texts copied for the client's chat); "" = by the country
CLIENT_LANGUAGES = {"": ("按国家", "By country"), "zh": ("中文", "Chinese"), "en": ("英文", "English")}

ENUMS = {
    "source": CLIENT_SOURCES,
    "client_language": CLIENT_LANGUAGES,
    "grade": CLIENT_GRADES,
    "channel": FOLLOWUP_CHANNELS,
    "dispatch_kind": DISPATCH_KINDS,
    "quotation_status": QUOTATION_STATUSES,
    "cost_kind": COST_KINDS,
    "sample_status": SAMPLE_STATUSES,
    "order_channel": ORDER_CHANNELS,
    "order_type": ORDER_TYPES,
    "order_status": ORDER_STATUSES,
    "review_item": REVIEW_ITEMS,
    "factory_kind": FACTORY_KINDS,
    "exception_kind": EXCEPTION_KINDS,
    "severity": SEVERITIES,
    "exception_status": EXCEPTION_STATUSES,
    "payment_kind": PAYMENT_KINDS,
    "disposition": DISPOSITIONS,
    "complaint_status": COMPLAINT_STATUSES,
    "risk": RISK_LEVELS,
}


def label(kind: str, value: str, lang: str | None = None) -> str:
    """The user-facing label of ``value`` in enumeration ``kind``."""
    pair = ENUMS[kind].get(value)
    if pair is None:
        return value or ""
    return pair[1] if (lang or current_language()) == "en" else pair[0]


# Words merchandisers write in their own spreadsheets for the same values.
ALIASES = {
    "source": {
        "广交会": "trade_show", "交易会": "trade_show", "展会客户": "trade_show", "exhibition": "trade_show",
        "fair": "trade_show", "canton fair": "trade_show", "阿里": "alibaba", "1688": "alibaba",
        "介绍": "referral", "转介绍": "referral", "老客户介绍": "referral", "拜访": "visit",
        "来访": "visit", "官网": "website", "网站": "website", "谷歌推广": "google",
    },
    "grade": {"普通": "ordinary", "一般": "ordinary", "大": "key", "重要": "key", "重点": "key",
              "vip": "key", "a": "key", "b": "ordinary", "normal": "ordinary"},
    "channel": {"电邮": "email", "e-mail": "email", "mail": "email", "电话沟通": "phone",
                "tel": "phone", "微信沟通": "wechat", "来访": "visit"},
    "order_channel": {"电传": "fax", "电邮": "email", "e-mail": "email", "口头下单": "verbal",
                      "网络": "online", "网单": "online"},
    "order_type": {"加工": "processing", "op": "normal", "样品": "sample", "重做": "remake"},
}


def parse(kind: str, text: str, field: str | None = None) -> str:
    """Accept a stored value, a Chinese/English label or a common alias.

    Raises ValidationError naming the allowed labels otherwise.
    """
    t = (text or "").strip()
    table = ENUMS[kind]
    if t in table:
        return t
    alias = ALIASES.get(kind, {}).get(t.lower())
    if alias:
        return alias
    low = t.lower()
    for value, (zh, en) in table.items():
        if t == zh or low == en.lower() or low == value.replace("_", " "):
            return value
    allowed_zh = "、".join(zh for zh, _ in table.values())
    allowed_en = ", ".join(en for _, en in table.values())
    raise ValidationError(
        f"“{t}”不是有效的值,可选:{allowed_zh}。",
        f"“{t}” is not a valid value; choose one of: {allowed_en}.",
        field=field or kind,
    )
