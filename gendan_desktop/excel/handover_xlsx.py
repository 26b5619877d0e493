"""工作交接报告 as an Excel workbook: an overview sheet (one row per client) and
one sheet per part (contacts, follow-ups, open orders, money owed, complaints),
each row naming its client, so the successor can filter and sort.

Written like every export here (exporter.py): typed cells, text never taken
for a formula, to a temporary file renamed over the target.
"""

from __future__ import annotations

from pathlib import Path

from .exporter import DATE_FORMAT, INT_FORMAT, MONEY_FORMAT, check_target, close_workbook, new_workbook
from .statement_xlsx import _publish, _temp_beside

SHEETS = {
    "overview": ("交接总览", [("客户编号", 12), ("客户名称", 30), ("国家", 10), ("电话", 16), ("邮箱", 26),
                             ("联系人", 8), ("未完成订单", 10), ("延误/有风险", 11), ("未结客诉", 9), ("应收", 30)]),
    "contacts": ("联系人", [("客户编号", 12), ("客户名称", 30), ("姓名", 14), ("职务", 12), ("电话", 16),
                          ("手机", 16), ("邮箱", 26), ("微信", 14)]),
    "followups": ("最近跟进", [("客户编号", 12), ("客户名称", 30), ("日期", 11), ("方式", 8), ("内容", 60),
                             ("跟单员", 10), ("下次跟进", 11)]),
    "orders": ("未完成订单", [("客户编号", 12), ("客户名称", 30), ("订单号", 14), ("客户PO", 12), ("交期", 11),
                           ("状态", 10), ("数量", 10), ("已完成", 10), ("已出货", 10), ("币种", 6), ("金额", 14),
                           ("交期风险", 10), ("风险说明", 60)]),
    "money": ("应收", [("客户编号", 12), ("客户名称", 30), ("币种", 6), ("应收余额", 14), ("其中逾期", 14)]),
    "complaints": ("未结客诉", [("客户编号", 12), ("客户名称", 30), ("客诉编号", 14), ("日期", 11), ("订单号", 14),
                              ("状态", 10), ("内容", 60)]),
}


class _Writer:
    def __init__(self, wb):
        self.wb = wb
        self.head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.date = wb.add_format({"num_format": DATE_FORMAT})
        self.int = wb.add_format({"num_format": INT_FORMAT})
        self.money = wb.add_format({"num_format": MONEY_FORMAT})
        self.quoted = wb.add_format({"quote_prefix": True})

    def sheet(self, key: str, title_row: str | None = None):
        name, columns = SHEETS[key]
        ws = self.wb.add_worksheet(name)
        row = 0
        if title_row:
            ws.write_string(0, 0, title_row, self.wb.add_format({"bold": True, "font_size": 13}))
            row = 2
        for c, (title, width) in enumerate(columns):
            ws.set_column(c, c, width)
            ws.write_string(row, c, title, self.head)
        ws.freeze_panes(row + 1, 2)
        ws.autofilter(row, 0, row, len(columns) - 1)
        return ws, row + 1

    def row(self, ws, r: int, values: list) -> None:
        import datetime as dt
        from decimal import Decimal

        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), self.date)
            elif isinstance(v, Decimal):
                ws.write_number(r, c, float(v), self.money)
            elif isinstance(v, int):
                ws.write_number(r, c, v, self.int)
            else:
                s = str(v)
                ws.write_string(r, c, s, self.quoted if s[:1] in ("=", "+", "-", "@", "\t", "\r") else None)


def _owed_text(c) -> str:
    return ";".join(f"{cur} {v:,.2f}" + (f"(逾期 {c.overdue[cur]:,.2f})" if c.overdue.get(cur) else "")
                    for cur, v in sorted(c.owed.items()))


def _fill(w: _Writer, report) -> None:
    title = f"工作交接报告:{report.leaver} → {report.successor},{report.made_on.isoformat()}"
    ws, r = w.sheet("overview", title)
    for c in report.clients:
        risky = sum(1 for o in c.orders if o.risk_level in ("late", "at_risk"))
        w.row(ws, r, [c.code, c.name, c.country, c.phone, c.email, len(c.contacts), len(c.orders), risky,
                      len(c.complaints), _owed_text(c)])
        r += 1
    parts = {
        "contacts": lambda c: [[p["name"], p["title"], p["phone"], p["mobile"], p["email"], p["wechat"]]
                               for p in c.contacts],
        "followups": lambda c: [[f["date"], f["channel"], f["content"], f["merchandiser"], f["next_date"]]
                                for f in c.followups],
        "orders": lambda c: [[o.number, o.client_po, o.delivery_date, o.status, o.quantity, o.good, o.shipped,
                              o.currency, o.amount, o.risk, o.risk_reason] for o in c.orders],
        "money": lambda c: [[cur, v, c.overdue.get(cur)] for cur, v in sorted(c.owed.items())],
        "complaints": lambda c: [[x["number"], x["date"], x["order"], x["status"], x["description"]]
                                 for x in c.complaints],
    }
    for key, rows_of in parts.items():
        ws, r = w.sheet(key)
        for c in report.clients:
            for values in rows_of(c):
                w.row(ws, r, [c.code, c.name, *values])
                r += 1


def write_handover_xlsx(path: str | Path, report) -> Path:
    """Write the report; a file that cannot be written leaves nothing behind."""
    path = Path(path)
    check_target(path)
    tmp = _temp_beside(path)
    try:
        wb = new_workbook(tmp)
        _fill(_Writer(wb), report)
        close_workbook(wb, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _publish([(tmp, path)])
    return path


def export_handover(path: str | Path, client_ids, leaver: str = "", successor: str = "", *,
                    lang: str | None = None) -> Path:
    """The hand-over report of these clients as an Excel file."""
    from ..core.errors import current_language
    from ..core.handover_report import handover_report

    report = handover_report(client_ids, leaver, successor, lang=lang or current_language())
    return write_handover_xlsx(path, report)
