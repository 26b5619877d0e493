"""报价单转订单: the dialog that makes a draft order from a quotation (used by the
quotation editor and the order's 报价单 page, so neither imports the other for it)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel

from ..kit.forms import fill_enum_combo
from ..kit.tab_kit import FormDialog, open_dialog


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderRecords", text)


def open_order_from_quotation_dialog(owner, quotation_id: int, number: str, on_done):
    """The 报价单转订单 dialog (delivery date, client PO, channel) → core
    create_order_from_quotation; ``on_done(order)`` after it is created.
    Kept as ``owner.dialog`` while open."""
    def make(dlg: FormDialog):
        delivery, po, channel = dlg.value("delivery_date"), dlg.value("client_po"), dlg.value("channel")

        def call():
            from ...core.quotations import create_order_from_quotation

            return create_order_from_quotation(quotation_id, delivery, po, channel)
        return call
    dlg = FormDialog(owner, "quotation_order_form.ui", tr("报价单转订单"), make, {"order", "quotation"})
    dlg.field("quotation_info", QLabel).setText(tr("按报价单 %1 的产品和价格生成新订单(草稿)。").replace("%1", number))
    fill_enum_combo(dlg.field("channel", QComboBox), "order_channel")
    dlg.set("channel", "email")
    dlg.set("delivery_date", dt.date.today() + dt.timedelta(days=45))
    return open_dialog(owner, dlg, on_done)
