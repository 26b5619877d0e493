"""工作交接报告 as PDF: per client its contacts, last follow-ups, open orders
with status and risk, money owed and open complaints (core/handover_report.py).

Laid out with platypus like the statement (flow.py): each client starts with a
heading that keeps with its first table, tables repeat their heading row over
page breaks, long texts wrap inside their cells.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .company import Company
from .flow import grid, heading, para, render, widths
from .fonts import register_fonts
from .layout import fmt_date, fmt_int, fmt_money
from .page import ColumnSpec, a4_portrait, continuation_title, footer, heading_cells, row_cells, title_block

PAGE = a4_portrait(12 * mm, bottom=16 * mm, later_header=9 * mm)
WIDTH = PAGE.width
NONE = "无 None"


def _table(title: str, columns: list[ColumnSpec], rows: list[list[str]]) -> Flowable:
    """A captioned table; its caption repeats with the heading over a page break.
    Text wraps; figures (right-aligned) shrink to fit their column instead."""
    col_w = widths(WIDTH, [w for _, w, _ in columns])
    head = heading_cells(columns, col_w, 7.5)
    texts = [i for i, (_, _, align) in enumerate(columns) if align != "right"]
    body: list[list[Any]] = [row_cells(r, columns, col_w, 7.5, wrap=texts) for r in rows]
    body = body or [[para(NONE, 7.5)] + [""] * (len(columns) - 1)]
    spans = [] if rows else [(1, 0, len(columns) - 1)]
    return grid([head, *body], col_w, caption=para(title, 8.5, bold=True), spans=spans, min_row_height=5.5 * mm)


def _client(c) -> list[Flowable]:
    names = c.name + (f" / {c.name_en}" if c.name_en and c.name_en != c.name else "")
    info = " · ".join(v for v in (c.country, c.phone, c.email, c.payment_terms and f"付款 Terms: {c.payment_terms}")
                      if v)
    owed = "   ".join(f"{cur} {fmt_money(v)}" + (f"(逾期 overdue {fmt_money(c.overdue[cur])})" if c.overdue.get(cur)
                                                  else "(预收 paid in advance)" if v < 0 else "")
                       for cur, v in sorted(c.owed.items()))
    out: list[Flowable] = [heading(f"{c.code}  {names}", 11), para(info, 8), para(c.address, 8),
                           para(f"应收 Money owed:{owed or NONE}", 8.5, bold=True), Spacer(1, 2 * mm)]
    out.append(_table("联系人 Contacts", [("姓名 Name", 14, "left"), ("职务 Title", 12, "left"),
                                          ("电话 Phone", 18, "left"), ("邮箱 E-mail", 24, "left"),
                                          ("微信 WeChat", 12, "left")],
                      [[p["name"], p["title"], " / ".join(x for x in (p["phone"], p["mobile"]) if x), p["email"],
                        p["wechat"]] for p in c.contacts]))
    out.append(Spacer(1, 2 * mm))
    out.append(_table("最近跟进 Last follow-ups", [("日期 Date", 11, "center"), ("方式 Via", 8, "center"),
                                                  ("内容 What was said", 50, "left"), ("跟单员", 10, "left"),
                                                  ("下次 Next", 11, "center")],
                      [[fmt_date(f["date"]), f["channel"], f["content"], f["merchandiser"], fmt_date(f["next_date"])]
                       for f in c.followups]))
    out.append(Spacer(1, 2 * mm))
    out.append(_table("未完成订单 Open orders", [
        ("订单 Order", 13, "left"), ("客户PO", 10, "left"), ("交期 Delivery", 10, "center"),
        ("状态 Status", 9, "center"),
        ("数量/完成/出货\nQty/done/shipped", 16, "right"), ("金额 Amount", 12, "right"), ("风险 Risk", 30, "left")],
        [[o.number, o.client_po, fmt_date(o.delivery_date), o.status,
          f"{fmt_int(o.quantity)} / {fmt_int(o.good)} / {fmt_int(o.shipped)}", f"{o.currency} {fmt_money(o.amount)}",
          f"{o.risk}:{o.risk_reason}" if o.risk_level != "on_track" else o.risk] for o in c.orders]))
    out.append(Spacer(1, 2 * mm))
    out.append(_table("未结客诉 Open complaints", [("编号 No.", 14, "left"), ("日期 Date", 11, "center"),
                                                   ("订单 Order", 14, "left"), ("状态 Status", 10, "center"),
                                                   ("内容 Description", 51, "left")],
                      [[x["number"], fmt_date(x["date"]), x["order"], x["status"], x["description"]]
                       for x in c.complaints]))
    out.append(Spacer(1, 7 * mm))
    return out


def _title(report, company: Company) -> list[Flowable]:
    pairs = [("交出人 From", report.leaver), ("接手人 To", report.successor),
             ("日期 Date", fmt_date(report.made_on)), ("客户数 Clients", str(len(report.clients)))]
    return [*title_block(company, "工 作 交 接 报 告  HAND-OVER REPORT", pairs, WIDTH), Spacer(1, 5 * mm)]


def render_handover(report, company: Company | None = None) -> bytes:
    register_fonts()
    company = company or Company.from_settings()
    story = _title(report, company)
    for c in report.clients:
        story += _client(c)

    def end(c, _data, page):
        footer(c, PAGE, f"交接 {report.leaver} → {report.successor}  {fmt_date(report.made_on)}", page)

    def later(c, _data):
        continuation_title(c, PAGE, f"工作交接报告 {report.leaver} → {report.successor}(续 cont.)")

    return render(story, PAGE, title=f"工作交接报告 {report.leaver} → {report.successor}", author=company.name,
                  footer=end, later_header=later)


__all__ = ["handover_pdf", "render_handover"]


def handover_pdf(client_ids, leaver: str = "", successor: str = "", *, lang: str | None = None) -> bytes:
    """The hand-over report of these clients as PDF."""
    from ..core.errors import current_language
    from ..core.handover_report import handover_report

    return render_handover(handover_report(client_ids, leaver, successor, lang=lang or current_language()))
