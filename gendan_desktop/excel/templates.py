"""Blank import templates for clients and orders, saved from the GUI or the CLI.

Sheet 1 holds only the header row (required columns marked ``*`` and red) so
whatever the user types below it imports as data; drop-down lists offer the
allowed values of source, grade, currency, channel and order type. Sheet 2
(说明) explains each column.
"""

from __future__ import annotations

from pathlib import Path

from ..core import enums
from .exporter import check_target, close_workbook, display_width, new_workbook
from .header import field_specs

VALIDATION_ROWS = 2000
_ENUM_OF = {"source": "source", "grade": "grade", "channel": "order_channel", "order_type": "order_type"}
_HINTS = {
    "name": ("必填。公司全称;与已有客户同名(忽略大小写、空格、Co., Ltd. 等后缀)或同邮箱的视为重复。",
             "Required. Same normalised name or e-mail as an existing client counts as a duplicate."),
    "code": ("可留空,留空时自动生成 C0001 这样的编号。", "May be empty: a code like C0001 is generated."),
    "email": ("如 name@example.com。", "Like name@example.com."),
    "first_contact_date": ("日期,如 2026-10-16、2026/10/16 或 2026.10.16。", "A date such as 2026-10-16."),
    "tags": ("多个标签用逗号或顿号分隔。", "Separate several tags with commas."),
    "order_no": ("同一订单号的各行合并为一张订单(每行一条明细);留空时按客户PO号合并。",
                 "Rows with the same order number form one order (one row per line)."),
    "client": ("必填。客户编号或客户名称,须是已有客户。", "Required. Code or name of an existing client."),
    "order_date": ("日期,留空为今天。", "A date; empty means today."),
    "delivery_date": ("必填。日期,如 2026-10-16。", "Required. A date such as 2026-10-16."),
    "quantity": ("必填。大于 0 的整数。", "Required. A whole number greater than 0."),
    "unit_price": ("必填。不小于 0 的数字。", "Required. A number of at least 0."),
    "style": ("款号和品名至少填一项。", "Enter a style, a product, or both."),
    "currency": ("三位字母代码,如 USD、EUR、CNY;留空用客户的默认币种。",
                 "Three-letter code; empty means the client's default currency."),
    "amount": ("仅供参考,导入时不使用(金额 = 数量 × 单价)。", "For reference only; not imported."),
}


def save_template(kind: str, path: str | Path, lang: str = "zh") -> Path:
    """Write the blank import template for ``kind`` ("clients" or "orders") to ``path``."""
    path = Path(path)
    check_target(path)
    specs = [s for s in field_specs(kind) if s.name != "amount"]
    wb = new_workbook(path)
    en = lang == "en"
    ws = wb.add_worksheet("Clients" if kind == "clients" and en else "Orders" if en else
                          "客户" if kind == "clients" else "订单")
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    required = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "font_color": "#C00000"})
    text = wb.add_format({"num_format": "@"})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    for c, s in enumerate(specs):
        title = (s.en if en else s.zh) + ("*" if s.required else "")
        ws.write_string(0, c, title, required if s.required else bold)
        fmt = date if s.name.endswith("_date") else text if s.name in ("phone", "mobile", "fax", "code") else None
        ws.set_column(c, c, max(display_width(title) + 4, 12), fmt)
        values = _allowed(s.name, en)
        if values:
            ws.data_validation(1, c, VALIDATION_ROWS, c, {"validate": "list", "source": values,
                                                          "error_type": "warning"})
    ws.freeze_panes(1, 0)
    info = wb.add_worksheet("Notes" if en else "说明")
    head = ("Column", "Required", "How to fill it") if en else ("列名", "必填", "填写说明")
    for c, h in enumerate(head):
        info.write_string(0, c, h, bold)
    for r, s in enumerate(specs, 1):
        hint = _HINTS.get(s.name, ("", ""))[1 if en else 0]
        values = _allowed(s.name, en)
        if values:
            hint = (hint + " " if hint else "") + ("Allowed: " if en else "可选:") + ("、".join(values))
        info.write_string(r, 0, s.en if en else s.zh)
        info.write_string(r, 1, ("yes" if en else "是") if s.required else "")
        info.write_string(r, 2, hint)
    info.set_column(0, 0, 16)
    info.set_column(1, 1, 8)
    info.set_column(2, 2, 90)
    close_workbook(wb, path)
    return path


def _allowed(name: str, en: bool) -> list[str]:
    if name in ("currency", "default_currency"):
        return list(enums.CURRENCIES)
    kind = _ENUM_OF.get(name)
    if not kind:
        return []
    return [pair[1 if en else 0] for pair in enums.ENUMS[kind].values()]
