"""Texts for the client's chat (WeChat, e-mail): an order's progress and a client's balance.

Merchandisers tell clients how far an order is in a short message. Built here
from what the database says, in the client's language (``client_language``:
the language set on the client, else Chinese for Chinese-speaking countries
and English for the rest), ready to paste:

* ``progress_update(order_id)``: order and PO numbers, pieces finished (good
  out of the last process step) per style and colour with what has shipped,
  the finish projected by core.risk from the actual rate, and the next step;
* ``balance_summary(client_id)``: per currency shipped, credited, received,
  the balance due and what of it is overdue (core.receivables).

Nothing is invented: without progress there is no projected date, and the
text says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from peewee import fn

from .common import get_or_404
from .models import Client, FlowCard, FlowCardStep, Order, OrderLine

if TYPE_CHECKING:
    from .receivables import OverdueShipment
    from .risk import Risk

# countries (as typed in the client archive) whose clients read Chinese
CHINESE_COUNTRIES = ("中国", "china", "prc", "香港", "hong kong", "hongkong", "澳门", "macau", "macao", "台湾",
                     "taiwan", "新加坡", "singapore")


def client_language(client: Client) -> str:
    """"zh" or "en": the language set on the client, else by its country
    (a client without a country whose name is Chinese reads Chinese)."""
    language = str(client.language or "")
    if language in ("zh", "en"):
        return language
    country = (client.country or "").strip().lower()
    if country:
        return "zh" if any(c in country for c in CHINESE_COUNTRIES) else "en"
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in client.name or "") else "en"


def _unit(unit: str, lang: str) -> str:
    unit = (unit or "pcs").strip()
    if lang == "zh":
        return {"pcs": "件", "pc": "件", "m": "米", "kg": "公斤", "set": "套", "sets": "套"}.get(unit.lower(), unit)
    return unit


def _n(value: int) -> str:
    return f"{value:,}"


# ------------------------------------------------------------- progress ---
@dataclass(frozen=True)
class StyleColour:
    style: str
    colour: str
    unit: str
    ordered: int
    finished: int
    shipped: int


def _by_style_colour(order: Order) -> list[StyleColour]:
    from .orders import shipped_quantities
    from .progress_queries import finished_by_line

    finished, shipped = finished_by_line(order), shipped_quantities(order.id)
    groups: dict[tuple[str, str], list[Any]] = {}
    for ln in OrderLine.select().where(OrderLine.order == order.id).order_by(OrderLine.line_no, OrderLine.id):
        g = groups.setdefault((ln.style, ln.colour), [ln.unit, 0, 0, 0])
        g[1] += ln.quantity
        g[2] += min(finished.get(ln.id, 0), ln.quantity)
        g[3] += shipped.get(ln.id, 0)
    return [StyleColour(s, c, u, o, f, sh) for (s, c), (u, o, f, sh) in groups.items()]


def next_step(order: Order, ordered: int, finished: int, shipped: int, today: dt.date) -> tuple[str, str]:
    """What comes next for the order, (zh, en), as a client would read it."""
    from .progress import not_recalled
    from .routes import step_label

    if order.status == "cancelled":
        return "订单已取消", "the order is cancelled"
    if order.status in ("draft", "reviewed"):
        return "订单确认", "order confirmation"
    if ordered and shipped >= ordered:
        return "已全部出货", "everything has shipped"
    if ordered and finished >= ordered:
        return "安排出货", "shipment"
    live = FlowCard.select(FlowCard.id).where((FlowCard.order == order.id) & not_recalled())
    step = (FlowCardStep.select(FlowCardStep.name, FlowCardStep.seq, fn.MAX(FlowCardStep.planned_date))
            .where(FlowCardStep.card.in_(live) & FlowCardStep.finished_at.is_null())
            .group_by(FlowCardStep.name, FlowCardStep.seq).order_by(FlowCardStep.seq).tuples().first())
    if step is None:
        return "安排生产", "production scheduling"
    name, _seq, planned = step
    planned = planned if planned is None or isinstance(planned, dt.date) else dt.date.fromisoformat(str(planned)[:10])
    if planned is None or planned < today:  # a date already past tells the client nothing
        return step_label(name, "zh"), step_label(name, "en")
    return (f"{step_label(name, 'zh')}(计划 {planned} 前完成)",
            f"{step_label(name, 'en')} (planned by {planned})")


# The messages in each language: one way of building them, the words differ.
PROGRESS = {
    "zh": {"head": "【生产进度】订单 {number}", "po": " · 客户订单号 {po}", "as_of": "截至 {today}:",
           "line": "· {label}:完成 {finished} / {ordered} {unit}", "line_shipped": ",已出货 {shipped} {unit}",
           "total": "合计:完成 {finished} / {ordered}{unit}({pct}%),已出货 {shipped}{unit}",
           "finish": "预计完工:{finish}", "next": "下一步:{step}"},
    "en": {"head": "Production update: order {number}", "po": ", your PO {po}", "as_of": "As of {today}:",
           "line": "- {label}: {finished} of {ordered} {unit} finished", "line_shipped": ", {shipped} shipped",
           "total": "Total: {finished} of {ordered}{unit} finished ({pct}%), {shipped} shipped",
           "finish": "Expected finish: {finish}", "next": "Next step: {step}"},
}
FINISH = {
    "zh": {"shipped": "已全部出货(交期 {delivery})", "finished": "已全部完工(交期 {delivery})",
           "unknown": "尚无完工产品,暂不能预计(交期 {delivery})", "projected": "{projected}(交期 {delivery})"},
    "en": {"shipped": "everything has shipped (delivery date {delivery})",
           "finished": "all pieces are finished (delivery date {delivery})",
           "unknown": "not projected yet, no pieces finished so far (delivery date {delivery})",
           "projected": "{projected} (delivery date {delivery})"},
}


def progress_update(order_id: int, lang: str | None = None, today: dt.date | None = None) -> str:
    """The progress message of one order (see the module doc)."""
    from .risk import delivery_risk

    today = today or dt.date.today()
    order = get_or_404(Order, order_id, "订单", "Order")
    client = Client.get_by_id(order.client_id)
    lang = lang or client_language(client)
    words = PROGRESS["en" if lang == "en" else "zh"]
    groups = _by_style_colour(order)
    ordered = sum(g.ordered for g in groups)
    finished = sum(g.finished for g in groups)
    shipped = sum(g.shipped for g in groups)
    units = {g.unit for g in groups}
    unit = " " + _unit(units.pop(), lang) if len(units) == 1 else ""  # none when the lines differ
    step = next_step(order, ordered, finished, shipped, today)
    pct = finished * 100 // ordered if ordered else 0
    out = [words["head"].format(number=order.number) + (words["po"].format(po=order.client_po) if order.client_po
                                                         else ""), words["as_of"].format(today=today)]
    for g in groups:
        u = _unit(g.unit, lang)
        line = words["line"].format(label=" ".join(p for p in (g.style, g.colour) if p) or order.number,
                                    finished=_n(g.finished), ordered=_n(g.ordered), unit=u)
        out.append(line + (words["line_shipped"].format(shipped=_n(g.shipped), unit=u) if g.shipped else ""))
    finish = _finish(lang, delivery_risk(order.id, today), ordered, finished, shipped, order.delivery_date)
    out += [words["total"].format(finished=_n(finished), ordered=_n(ordered), unit=unit, pct=pct, shipped=_n(shipped)),
            words["finish"].format(finish=finish), words["next"].format(step=step[1 if lang == "en" else 0])]
    return "\n".join(out)


def progress_texts(order_id: int, today: dt.date | None = None) -> tuple[str, dict[str, str]]:
    """(the client's language, {"zh": message, "en": message}) of one order."""
    order = get_or_404(Order, order_id, "订单", "Order")
    lang = client_language(Client.get_by_id(order.client_id))
    return lang, {code: progress_update(order_id, code, today) for code in ("zh", "en")}


def _finish(lang: str, risk: Risk, ordered: int, finished: int, shipped: int, delivery: dt.date) -> str:
    words = FINISH["en" if lang == "en" else "zh"]
    if ordered and shipped >= ordered:
        return words["shipped"].format(delivery=delivery)
    if ordered and finished >= ordered:
        return words["finished"].format(delivery=delivery)
    if risk.projected_finish is None:
        return words["unknown"].format(delivery=delivery)
    return words["projected"].format(projected=risk.projected_finish, delivery=delivery)


# -------------------------------------------------------------- balance ---
BALANCE = {
    "zh": {"head": "【对账摘要】{name} 截至 {today}", "none": "目前没有出货、折让或收款记录。",
           "shipped": "{currency}:已出货 {shipped}", "credits": ",折让 {credits}",
           "paid": ",已收款 {paid},未付余额 {balance}",
           "overdue": "  其中已逾期 {amount}(最早一笔:{date} 出货单 {shipment},订单 {order})"},
    "en": {"head": "Account summary for {name} as of {today}", "none": "No shipments, credits or payments on record.",
           "shipped": "{currency}: shipped {shipped}", "credits": ", credits {credits}",
           "paid": ", received {paid}, balance due {balance}",
           "overdue": "  of which overdue: {amount} (oldest: shipment {shipment} of {date}, order {order})"},
}


def balance_summary(client_id: int, lang: str | None = None, today: dt.date | None = None,
                    terms_days: int = 30) -> str:
    """The client's account per currency as of ``today``, with what is overdue
    (shipments more than ``terms_days`` old still unpaid, oldest first)."""
    from .receivables import ZERO, overdue_receivables, receivables

    today = today or dt.date.today()
    client = get_or_404(Client, client_id, "客户", "Client")
    lang = lang or client_language(client)
    rows = receivables(client_id, until=today)
    overdue: dict[str, list[OverdueShipment]] = {}
    for o in overdue_receivables(today, terms_days, client_id=client_id):
        overdue.setdefault(o.currency, []).append(o)
    words = BALANCE["en" if lang == "en" else "zh"]
    out = [words["head"].format(name=client.name_en or client.name if lang == "en" else client.name, today=today)]
    if not rows:
        out.append(words["none"])
    for r in rows:
        line = words["shipped"].format(currency=r.currency, shipped=_money(r.shipped))
        line += words["credits"].format(credits=_money(r.credits)) if r.credits != ZERO else ""
        out.append(line + words["paid"].format(paid=_money(r.paid), balance=_money(r.balance)))
        late = overdue.get(r.currency)
        if late:
            out.append(words["overdue"].format(amount=_money(sum((o.unpaid for o in late), ZERO)),
                                               shipment=late[0].shipment_no, date=late[0].date,
                                               order=late[0].order_no))
    return "\n".join(out)


def _money(d: Decimal) -> str:
    return f"{d:,.2f}"
