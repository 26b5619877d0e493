"""退还定金 / 转到其他订单: what happens to money received against a cancelled order.

The refund or the carry-over is written by core.payments (refund_payment,
carry_payment) and then shows on the order's payments, the client's balance
and the statement.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel

from ..kit.tab_kit import FormDialog, open_dialog


def tr(text: str) -> str:
    return QCoreApplication.translate("DepositDialog", text)


def open_deposit_dialog(owner, row: dict, carry: bool, on_done) -> FormDialog | None:
    """``row`` is a payments-panel row (id, date, kind, amount, currency) of a cancelled order."""
    from ...core.errors import GendanError
    from ...core.payments import carry_targets, disposable_amount
    from ..kit.operations import show_error

    try:
        left = disposable_amount(row["id"])
    except GendanError as exc:
        show_error(owner, exc)
        return None
    payment_id = row["id"]

    def make(dlg: FormDialog):
        amount = Decimal(str(dlg.value("amount"))).quantize(Decimal("0.01"))
        date, reference, target = dlg.value("date"), dlg.value("reference"), dlg.field("order", QComboBox).currentData()

        def call():
            from ...core import payments

            if carry:
                return payments.carry_payment(payment_id, target, date, amount=amount)
            return payments.refund_payment(payment_id, date, amount=amount, reference=reference)
        return call
    title = tr("转到其他订单") if carry else tr("退还定金")
    dlg = FormDialog(owner, "deposit_form.ui", title, make, {"payment", "order", "receivable"},
                     ok_text=tr("转入该订单") if carry else tr("登记退款"))
    dlg.field("payment_info", QLabel).setText(
        tr("%1 收到的%2 %3 %4,可退还或转出 %5。").replace("%1", str(row["date"])).replace("%2", row["kind"])
        .replace("%3", row["currency"]).replace("%4", f"{row['amount']:,.2f}").replace("%5", f"{left:,.2f}"))
    combo = dlg.field("order", QComboBox)
    for o in carry_targets(payment_id) if carry else []:
        combo.addItem(f"{o.number} {o.client_po}".strip(), o.id)
    for name in ("order", "order_label"):
        dlg.field(name).setVisible(carry)
    for name in ("reference", "reference_label"):
        dlg.field(name).setVisible(not carry)
    dlg.field("amount", QDoubleSpinBox).setMaximum(float(left))
    dlg.set("amount", float(left))
    dlg.set("date", dt.date.today())
    return open_dialog(owner, dlg, on_done)
