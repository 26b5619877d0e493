"""The sample page's steps of the chain 小样 → 批板 → 大货 (client detail, 样品):
the client's decision with its date, and an approved sample turned into a bulk
order. Each runs one core.samples service through the detail's dialog helper."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ...core.lists import client_tables
from .client_form import _currencies
from .detail_tables import table_id


def tr(text: str) -> str:
    return QCoreApplication.translate("ClientDetail", text)


def sample_decision(detail, approve: bool):
    from ...core.samples import approve_sample, reject_sample

    sid = detail._selected_sample()
    if sid is None:
        return None

    def prepare(d):
        d.field("prompt").setText(tr("客户对样品的意见(批板通过时可留空):") if approve
                                  else tr("客户为什么不接受这个样品?"))
        d.field("decided_date_label").setText(tr("批板日期 *") if approve else tr("回复日期 *"))
        d.set("decided_date", dt.date.today())
        d.field("reason").setPlaceholderText(tr("例如:颜色 OK,按此样生产") if approve
                                             else tr("例如:颜色偏深,请按潘通色卡重新打样"))
        d.field("reason").setFocus()

    def make(d):
        comments, day = d.value("reason"), d.value("decided_date")
        version = detail.sample_versions.get(sid)  # the version the list showed
        decide = approve_sample if approve else reject_sample
        return lambda: decide(sid, comments, date=day, expected_version=version)

    return detail._dialog("sample_decision_form.ui", tr("批板通过") if approve else tr("样品未通过"), make,
                        {"sample"}, prepare)

def sample_to_order(detail):
    """转为大货订单…: an approved sample becomes a draft bulk order (小样 → 批板 → 大货)."""
    from ...core.samples import create_order_from_sample

    sid = detail._selected_sample()
    if sid is None:
        return None
    s = detail._sample_status.get(sid)
    if s is None or s.status != "approved":
        QMessageBox.information(detail, tr("样品"), tr("只有已批板的样品才能转为大货订单。"))
        return None
    client = client_tables.client(detail.client_id)

    def prepare(d):
        d.field("sample_info").setText(tr("按样品 %1(%2)生成大货订单(草稿),订单会关联此样品。")
                                       .replace("%1", s.number).replace("%2", " ".join(
                                           p for p in (s.style, s.product, s.colour, s.size) if p)))
        d.field("currency").addItems(_currencies())
        d.set("currency", client.default_currency or "USD")
        d.set("delivery_date", dt.date.today() + dt.timedelta(days=45))

    def make(d):
        from decimal import Decimal

        v = {f: d.value(f) for f in ("quantity", "delivery_date", "client_po", "currency")}
        price = Decimal(str(d.value("unit_price"))).normalize()
        return lambda: create_order_from_sample(sid, v["delivery_date"], v["quantity"], price,
                                                client_po=v["client_po"], currency=v["currency"])

    dlg = detail._dialog("sample_order_form.ui", tr("样品转大货订单"), make, {"sample", "order"}, prepare)
    if dlg is not None:
        dlg.done_ok.connect(lambda order: detail.main_window.open_requested.emit("order", order.id))
    return dlg

def open_sample_order(detail) -> None:
    sid = table_id(detail.samples)
    made = getattr(detail, "_sample_orders", {}).get(sid)
    if made:
        detail.main_window.open_requested.emit("order", made[-1][0])
