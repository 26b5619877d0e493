"""The named lists of ``gendan-desktop export …``: clients, orders, order lines,
follow-ups, production (flow cards with progress) and complaints.

Each is one query read as tuples and streamed to the writer, so 100,000 rows
never sit in memory as model objects. Headers are the words the importer
recognises, so an exported client or order-line list imports back as is.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from peewee import JOIN, fn

from ..core import enums
from ..core.models import (
    Client,
    ClientTag,
    Complaint,
    Contact,
    Factory,
    FlowCard,
    FlowCardStep,
    FollowUp,
    Order,
    OrderLine,
)
from ..core.receivables import line_amount
from .export_names import NAMES as NAMES  # the names export_named takes
from .export_names import SHEET_NAMES
from .exporter import Column, export_rows


def _labels(kind: str) -> dict[str, str]:
    return {v: zh for v, (zh, _en) in enums.ENUMS[kind].items()}


def clients_list():
    cols = [Column("客户编号"), Column("客户名称"), Column("英文名称"), Column("国家"), Column("客户来源"),
            Column("客户等级"), Column("联系人"), Column("电话"), Column("手机"), Column("邮箱"), Column("地址"),
            Column("网站"), Column("付款方式"), Column("币种"), Column("首次联系日期", "date"), Column("标签"),
            Column("已归档", "bool"), Column("备注")]
    src, grade = _labels("source"), _labels("grade")
    contacts = {cid: (name, mobile) for cid, name, mobile in Contact.select(
        Contact.client, Contact.name, Contact.mobile).where(Contact.is_primary).tuples()}
    tags: dict[int, list[str]] = {}
    for cid, tag in ClientTag.select(ClientTag.client, ClientTag.tag).order_by(ClientTag.id).tuples():
        tags.setdefault(cid, []).append(tag)
    q = Client.select(Client.id, Client.code, Client.name, Client.name_en, Client.country, Client.source,
                      Client.grade, Client.phone, Client.email, Client.address, Client.website,
                      Client.payment_terms, Client.default_currency, Client.first_contact_date, Client.archived,
                      Client.notes).order_by(Client.code).tuples()

    def rows():
        for (cid, code, name, name_en, country, source, gr, phone, email, address, web, terms, cur, first,
             archived, notes) in q.iterator():
            cname, mobile = contacts.get(cid, ("", ""))
            yield (code, name, name_en, country, src.get(source, source), grade.get(gr, gr), cname, phone, mobile,
                   email, address, web, terms, cur, first, ",".join(tags.get(cid, ())), archived, notes)
    return cols, rows()


def orders_list():
    cols = [Column("订单号"), Column("客户编号"), Column("客户名称"), Column("客户PO号"), Column("下单日期", "date"),
            Column("交期", "date"), Column("状态"), Column("订单类型"), Column("下单方式"), Column("币种"),
            Column("总数量", "int"), Column("总金额", "money"), Column("贸易条款"), Column("付款方式"),
            Column("跟单员"), Column("版本", "int"), Column("备注")]
    status, otype, chan = _labels("order_status"), _labels("order_type"), _labels("order_channel")
    qty = fn.SUM(OrderLine.quantity)
    raw_amount = fn.SUM(OrderLine.quantity * OrderLine.unit_price)
    totals = {oid: (int(q or 0), OrderLine.unit_price.from_sum(a).quantize(Decimal('0.01'))) for oid, q,
              a in OrderLine.select(
        OrderLine.order, qty, raw_amount).group_by(OrderLine.order).tuples()}
    q = (Order.select(Order.id, Order.number, Client.code, Client.name, Order.client_po, Order.order_date,
                      Order.delivery_date, Order.status, Order.order_type, Order.channel, Order.currency,
                      Order.trade_terms, Order.payment_terms, Order.merchandiser, Order.revision, Order.notes)
         .join(Client).order_by(Order.number).tuples())

    def rows():
        for (oid, number, code, name, po, od, dd, st, ot, ch, cur, tt, pt, merch, rev, notes) in q.iterator():
            tq, ta = totals.get(oid, (0, 0))
            yield (number, code, name, po, od, dd, status.get(st, st), otype.get(ot, ot), chan.get(ch, ch), cur,
                   tq, ta, tt, pt, merch, rev, notes)
    return cols, rows()


def order_lines_list():
    cols = [Column("订单号"), Column("客户编号"), Column("客户名称"), Column("客户PO号"), Column("下单日期", "date"),
            Column("交期", "date"), Column("币种"), Column("状态"), Column("行号", "int"), Column("款号"),
            Column("品名"), Column("颜色"), Column("尺码"), Column("数量", "int"), Column("单位"),
            Column("单价", "money"), Column("金额", "money"), Column("备注")]
    status = _labels("order_status")
    q = (OrderLine.select(Order.number, Client.code, Client.name, Order.client_po, Order.order_date,
                          Order.delivery_date, Order.currency, Order.status, OrderLine.line_no, OrderLine.style,
                          OrderLine.product, OrderLine.colour, OrderLine.size, OrderLine.quantity, OrderLine.unit,
                          OrderLine.unit_price, OrderLine.remarks)
         .join(Order).join(Client).order_by(Order.number, OrderLine.line_no, OrderLine.id).tuples())

    def rows():
        for t in q.iterator():
            (number, code, name, po, od, dd, cur, st, n, style, product, colour, size, qty, unit, price, rem) = t
            yield (number, code, name, po, od, dd, cur, status.get(st, st), n, style, product, colour, size, qty,
                   unit, price, line_amount(qty, price) if price is not None else None, rem)
    return cols, rows()


def followups_list():
    cols = [Column("日期", "date"), Column("客户编号"), Column("客户名称"), Column("联系人"), Column("方式"),
            Column("内容", width=60), Column("下次跟进日期", "date"), Column("已完成", "bool"), Column("跟单员")]
    chan = _labels("channel")
    q = (FollowUp.select(FollowUp.date, Client.code, Client.name, Contact.name, FollowUp.channel, FollowUp.content,
                         FollowUp.next_date, FollowUp.next_done, FollowUp.merchandiser)
         .join(Client).switch(FollowUp).join(Contact, JOIN.LEFT_OUTER)
         .order_by(FollowUp.date.desc(), FollowUp.id.desc()).tuples())

    def rows():
        for d, code, name, contact, ch, content, nxt, done, merch in q.iterator():
            yield (d, code, name, contact or "", chan.get(ch, ch), content, nxt, bool(done) if nxt else None, merch)
    return cols, rows()


def production_list():
    cols = [Column("流程卡号"), Column("订单号"), Column("客户名称"), Column("交期", "date"), Column("批次", "int"),
            Column("款号"), Column("颜色"), Column("尺码"), Column("数量", "int"), Column("工厂"),
            Column("计划开工", "date"), Column("计划完工", "date"), Column("工序数", "int"),
            Column("已完成工序", "int"), Column("当前工序"), Column("末道良品数", "int"), Column("状态")]
    steps: dict[int, list] = {}
    for card_id, _seq, name, good, finished in (FlowCardStep.select(
            FlowCardStep.card, FlowCardStep.seq, FlowCardStep.name, FlowCardStep.qty_good, FlowCardStep.finished_at)
            .order_by(FlowCardStep.card, FlowCardStep.seq).tuples()):
        steps.setdefault(card_id, []).append((name, good, finished))
    q = (FlowCard.select(FlowCard.id, FlowCard.number, Order.number, Client.name, Order.delivery_date,
                         FlowCard.batch_no, FlowCard.style, FlowCard.colour, FlowCard.size, FlowCard.quantity,
                         Factory.name, FlowCard.planned_start, FlowCard.planned_finish, FlowCard.recalled_at,
                         Order.status)
         .join(Order).join(Client).switch(FlowCard).join(Factory, JOIN.LEFT_OUTER)
         .order_by(Order.number, FlowCard.batch_no, FlowCard.id).tuples())

    def rows():
        for (cid, number, onum, cname, dd, batch, style, colour, size, qty, factory, ps, pf, recalled,
             _ostatus) in q.iterator():
            st = steps.get(cid, [])
            done = sum(1 for s in st if s[2])
            current = next((s[0] for s in st if not s[2]), "")
            last_good = st[-1][1] if st else None
            state = "已撤回" if recalled else ("已完成" if st and done == len(st) else "生产中" if done or any(
                s[1] for s in st) else "未开工")
            yield (number, onum, cname, dd, batch, style, colour, size, qty, factory or "", ps, pf, len(st), done,
                   current, last_good, state)
    return cols, rows()


def complaints_list():
    cols = [Column("编号"), Column("日期", "date"), Column("订单号"), Column("客户名称"), Column("问题描述", width=50),
            Column("影响数量", "int"), Column("原因分析", width=40), Column("对策", width=40), Column("处理方式"),
            Column("我方成本(CNY)", "money"), Column("扣款金额", "money"), Column("币种"), Column("扣款日期", "date"),
            Column("状态"), Column("结案日期", "date")]
    disp, status = _labels("disposition"), _labels("complaint_status")
    q = (Complaint.select(Complaint.number, Complaint.date, Order.number, Client.name, Complaint.description,
                          Complaint.qty_affected, Complaint.cause, Complaint.countermeasure, Complaint.disposition,
                          Complaint.cost, Complaint.credit_amount, Complaint.currency, Complaint.credit_date,
                          Complaint.status, Complaint.closed_at)
         .join(Order, on=(Complaint.order == Order.id)).join(Client)
         .order_by(Complaint.date.desc(), Complaint.id.desc()).tuples())

    def rows():
        for t in q.iterator():
            t = list(t)
            t[8] = disp.get(t[8], t[8])
            t[13] = status.get(t[13], t[13])
            yield t
    return cols, rows()


LISTS = {"clients": clients_list, "orders": orders_list, "order-lines": order_lines_list,
         "followups": followups_list, "production": production_list, "complaints": complaints_list}


class _Counter:
    def __init__(self, it):
        self.it, self.n = it, 0

    def __iter__(self):
        for row in self.it:
            self.n += 1
            yield row


def export_named(name: str, path: str | Path) -> tuple[Path, int]:
    """Export the named list (see NAMES) to ``path``; returns (path, rows written)."""
    if name not in LISTS:
        raise ValueError(name)
    cols, rows = LISTS[name]()
    counted = _Counter(rows)
    out = export_rows(path, cols, counted, sheet_name=SHEET_NAMES[name])
    return out, counted.n
