"""Stored texts shown in the window's language.

The core writes its audit lines and recall reasons once, in a mix of keys
(``status``, ``in_production``), English templates ("137.5 kg from 绍兴布行,
due 2026-12-01") and Chinese ones ("订单改为 R1:…"), and the records already in
people's databases are written so. Here they become sentences in the UI
language: 操作记录 in Chinese shows 状态 已确认 → 生产中, and an English UI shows
"Order revised to R1: …" for a recall reason. Text the user typed stays as
typed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from .table_model import QT_TR_NOOP, header_text

# what the audit lines name (操作记录)
ENTITY_NAMES = {"order": QT_TR_NOOP("订单"), "order_line": QT_TR_NOOP("订单明细"),
                "production_sheet": QT_TR_NOOP("生产单"), "flow_card": QT_TR_NOOP("流程卡"),
                "progress_report": QT_TR_NOOP("进度"), "complaint": QT_TR_NOOP("客诉"),
                "shipment": QT_TR_NOOP("出货"), "payment": QT_TR_NOOP("收款"), "material": QT_TR_NOOP("物料"),
                "purchase": QT_TR_NOOP("采购"), "exception": QT_TR_NOOP("生产异常")}
ACTION_NAMES = {"create": QT_TR_NOOP("新建"), "update": QT_TR_NOOP("修改"), "status": QT_TR_NOOP("状态"),
                "revise": QT_TR_NOOP("改单"), "recall": QT_TR_NOOP("收回"), "returned": QT_TR_NOOP("已交回"),
                "issue": QT_TR_NOOP("下发"), "delete": QT_TR_NOOP("删除"), "report": QT_TR_NOOP("报告"),
                "escalate": QT_TR_NOOP("上报"), "resolve": QT_TR_NOOP("解决"), "receive": QT_TR_NOOP("到货"),
                "void": QT_TR_NOOP("作废"), "remake": QT_TR_NOOP("补单"),
                "material_override": QT_TR_NOOP("物料放行")}


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordText", text)


def _lang() -> str:
    from ...core.errors import current_language

    return current_language()


# ------------------------------------------------------------ audit lines --
FIELD_NAMES = {
    "status": QT_TR_NOOP("状态"), "status_reason": QT_TR_NOOP("状态原因"), "number": QT_TR_NOOP("单据编号"),
    "client": QT_TR_NOOP("客户"), "client_po": QT_TR_NOOP("客户订单号"), "order_type": QT_TR_NOOP("订单类型"),
    "order_date": QT_TR_NOOP("下单日期"), "delivery_date": QT_TR_NOOP("交期"), "channel": QT_TR_NOOP("下单方式"),
    "currency": QT_TR_NOOP("币种"), "trade_terms": QT_TR_NOOP("贸易条款"), "deposit_pct": QT_TR_NOOP("定金比例 %"),
    "payment_terms": QT_TR_NOOP("付款条件"), "product_category": QT_TR_NOOP("产品类别"),
    "merchandiser": QT_TR_NOOP("跟单员"), "client_requirements": QT_TR_NOOP("客户要求"),
    "packing": QT_TR_NOOP("包装要求"), "shipping_marks": QT_TR_NOOP("唛头"), "notes": QT_TR_NOOP("备注"),
    "style": QT_TR_NOOP("款号"), "product": QT_TR_NOOP("品名"), "colour": QT_TR_NOOP("颜色"),
    "size": QT_TR_NOOP("尺码"), "quantity": QT_TR_NOOP("数量"), "unit": QT_TR_NOOP("单位"),
    "unit_price": QT_TR_NOOP("单价"), "remarks": QT_TR_NOOP("备注"), "reason": QT_TR_NOOP("原因"),
    "recall_reason": QT_TR_NOOP("收回原因"), "recalled_at": QT_TR_NOOP("收回"), "returned_at": QT_TR_NOOP("交回"),
    "material_override_reason": QT_TR_NOOP("物料放行原因"), "name": QT_TR_NOOP("名称"),
    "received_qty": QT_TR_NOOP("已到数量"), "description": QT_TR_NOOP("情况"),
    "escalated_to": QT_TR_NOOP("上报给"), "remake_order": QT_TR_NOOP("补单"),
    "credit_amount": QT_TR_NOOP("折让金额"), "factory": QT_TR_NOOP("工厂"), "cancel_reason": QT_TR_NOOP("取消原因"),
    "review_notes": QT_TR_NOOP("审查备注"), "revision": QT_TR_NOOP("版本"),
}
ENUM_FIELDS = {  # (entity, field) → core.enums kind of its values
    ("order", "status"): "order_status", ("order", "order_type"): "order_type",
    ("order", "channel"): "order_channel", ("exception", "status"): "exception_status",
    ("complaint", "status"): "complaint_status", ("complaint", "disposition"): "disposition",
}
_LINE = re.compile(r"line (\d+)$")
_PROGRESS_FIELD = re.compile(r"(?P<card>[^/]+)/(?P<seq>\d+)\.(?P<step>.+)$")
_PROGRESS = re.compile(r"in (?P<qin>-?\d+), good (?P<good>-?\d+), defect (?P<defect>-?\d+), "
                       r"operator (?P<op>.*), date (?P<date>\S+)$")
_PURCHASE = re.compile(r"(?P<what>.+) from (?P<supplier>.*), due (?P<due>\S+)$")
_RECEIVED = re.compile(r"(?P<total>\S+) \(\+(?P<qty>\S+) on (?P<day>\S+)\)$")
_MATERIAL = re.compile(r"(?P<name>.+) (?P<per>\S+) (?P<unit>\S+)/pc, loss (?P<loss>\S+)%$")
_PAYMENT = re.compile(
    r"(?P<kind>[a-z_]+) (?P<amount>-?[\d.]+) (?P<cur>[A-Z]{3}) (?P<date>\d{4}-\d{2}-\d{2})(?P<ref> .*)?$"
)
_BILINGUAL = re.compile(r"(?P<zh>.*[\u3000-\u9fff].*?) / (?P<en>[^\u3000-\u9fff]+)$")


def field_name(field: str) -> str:
    if not field:
        return ""
    if field in FIELD_NAMES:
        return header_text(FIELD_NAMES[field])  # QT_TR_NOOP strings live in the "columns" context
    from ...core import enums

    if field in getattr(enums, "REVIEW_ITEMS", ()):
        return enums.label("review_item", field)
    m = _LINE.match(field)
    if m:
        return tr("第 %1 行").replace("%1", m.group(1))
    m = _PROGRESS_FIELD.match(field)
    if m:
        from ...core.routes import step_label

        return f"{m.group('card')} · {m.group('seq')}. {step_label(m.group('step'))}"
    return field


def value_text(entity: str, field: str, value) -> str:
    """One old / new value of an audit line, as the user reads it."""
    if value in (None, ""):
        return ""
    text = str(value)
    kind = ENUM_FIELDS.get((entity, field))
    if kind is not None:
        from ...core.enums import label

        return label(kind, text)
    if text in ("True", "False"):
        return tr("是") if text == "True" else tr("否")
    return stored_text(text)


def stored_text(text: str) -> str:
    """A sentence the core stored, in the UI language (free text as it is)."""
    if not text:
        return ""
    lang = _lang()
    m = _BILINGUAL.match(text)
    if m:  # "已收齐货款 / fully paid"
        return m.group("en").strip() if lang == "en" else m.group("zh").strip()
    m = _PROGRESS.match(text)
    if m:
        return (tr("投入 %1,良品 %2,次品 %3,操作员 %4,日期 %5").replace("%1", m["qin"]).replace("%2", m["good"])
                .replace("%3", m["defect"]).replace("%4", m["op"] or "—").replace("%5", m["date"]))
    m = _RECEIVED.match(text)
    if m:
        return tr("累计 %1(本次 +%2,%3)").replace("%1", m["total"]).replace("%2", m["qty"]).replace("%3", m["day"])
    m = _PURCHASE.match(text)
    if m:
        return (tr("%1,供应商 %2,到料 %3").replace("%1", m["what"]).replace("%2", m["supplier"])
                .replace("%3", m["due"]))
    m = _MATERIAL.match(text)
    if m:
        return (tr("%1 每件 %2 %3,损耗 %4%").replace("%1", m["name"]).replace("%2", m["per"])
                .replace("%3", m["unit"]).replace("%4", m["loss"]))
    m = _PAYMENT.match(text)
    if m:
        from ...core.enums import ENUMS, label

        if m["kind"] in ENUMS.get("payment_kind", ()):
            return f"{label('payment_kind', m['kind'])} {m['amount']} {m['cur']} {m['date']}{m['ref'] or ''}"
    return recall_reason_text(text)


def history_row(a) -> dict:
    """An AuditLog line as a row of 操作记录."""
    old, new = value_text(a.entity, a.field, a.old), value_text(a.entity, a.field, a.new)
    return {"id": a.id, "at": a.at, "user": a.user,
            "entity": header_text(ENTITY_NAMES[a.entity]) if a.entity in ENTITY_NAMES else a.entity,
            "action": header_text(ACTION_NAMES[a.action]) if a.action in ACTION_NAMES else a.action,
            "field": field_name(a.field), "old": old, "new": new,
            "_tip": f"{old} → {new}" if old or new else None}


# ---------------------------------------------------------- recall reasons --
_REVISED = re.compile(r"订单改为 (?P<rev>R\d+)(?:[::](?P<why>.*))?$", re.S)
_CANCELLED = re.compile(r"订单已?取消(?:[::](?P<why>.*))?$", re.S)
_REISSUED = re.compile(r"重新下发 (?P<number>\S+) / re-issued$")


def recall_reason_text(text: str) -> str:
    """Why a document was recalled, in the UI language (the user's own words kept)."""
    if not text:
        return ""
    m = _REVISED.match(text)
    if m:
        why = (m["why"] or "").strip()
        if not why:
            return tr("订单改为 %1").replace("%1", m["rev"])
        return tr("订单改为 %1:%2").replace("%1", m["rev"]).replace("%2", why)
    m = _CANCELLED.match(text)
    if m:
        why = (m["why"] or "").strip()
        return tr("订单已取消:%1").replace("%1", why) if why else tr("订单已取消")
    m = _REISSUED.match(text)
    if m:
        return tr("重新下发 %1").replace("%1", m["number"])
    return text


# ------------------------------------------------------------------ routes --
ROUTE_NAMES = {"garment": QT_TR_NOOP("服装"), "textile": QT_TR_NOOP("针织/纺织")}


def route_label(category: str) -> str:
    """A process route's category as shown: the built-in ones translated,
    the ones the user named as named."""
    return header_text(ROUTE_NAMES[category]) if category in ROUTE_NAMES else category


# ---------------------------------------------------------- material shortages --
def shortages_text(short) -> str:
    """Short materials (core.materials figures) as one phrase in the UI language:
    "全棉汗布 缺 988.8 m、拉链 缺 200 条" / "全棉汗布 short by 988.8 m, …"."""
    return tr("、").join(tr("%1 缺 %2 %3").replace("%1", f.name).replace("%2", f.shortage_text).replace("%3", f.unit)
                        for f in short)
