"""The names of ``gendan-desktop export …``'s lists and their sheet titles, apart
from the lists' queries (excel/named_exports.py) so that building the command
line does not load the writer and the queries of every list."""

from __future__ import annotations

NAMES = ("clients", "orders", "order-lines", "followups", "production", "complaints")
SHEET_NAMES = {"clients": "客户", "orders": "订单", "order-lines": "订单明细", "followups": "跟进记录",
               "production": "生产进度", "complaints": "售后客诉"}
