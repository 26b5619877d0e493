"""订单审查 and the status actions of an order: review checklist, confirm, cancel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.status_rules import can_cancel, can_confirm, can_edit
from ..kit.forms import FieldErrors, form_child, load_form
from ..kit.tab_kit import open_dialog, reason_dialog, run_change

REVIEW_FIELDS = ("review_capability", "review_material", "review_colour", "review_quantity", "review_date")
KINDS = {"order"}


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderReview", text)


class ReviewPanel(QWidget):
    changed = Signal(int)  # order id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order = None
        self.dialog = None
        self.form = load_form("review_form.ui", self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("orderStatusInfo")
        self.status_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.errors = FieldErrors(self.form, self.error_label)
        self.save_review_button = QPushButton(tr("保存审查结果"), self)
        self.save_review_button.setObjectName("saveReview")
        self.confirm_button = QPushButton(tr("确认订单"), self)
        self.confirm_button.setObjectName("confirmOrder")
        self.cancel_button = QPushButton(tr("取消订单…"), self)
        self.cancel_button.setObjectName("cancelOrder")
        self.save_review_button.clicked.connect(self.save_review)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.ask_cancel)
        bar = QHBoxLayout()
        for b in (self.save_review_button, self.confirm_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status_label)
        lay.addWidget(self.form)
        lay.addWidget(self.error_label)
        lay.addLayout(bar)
        lay.addStretch(1)
        self.load(None)

    def box(self, name: str):
        return form_child(self.form, QWidget, name)

    def load(self, order_id: int | None) -> None:
        from ...core import enums
        from ...core.orders import get_order

        self.errors.clear()
        self.order = get_order(order_id) if order_id else None
        o = self.order
        editable = o is not None and can_edit("order", o.status)
        for name in REVIEW_FIELDS:
            self.box(name).setChecked(bool(o is not None and getattr(o, name)))
            self.box(name).setEnabled(editable)
        notes = self.box("review_notes")
        notes.setPlainText(o.review_notes if o else "")
        notes.setReadOnly(not editable)
        self.save_review_button.setEnabled(editable)
        self.confirm_button.setEnabled(o is not None and can_confirm("order", o.status))
        self.cancel_button.setEnabled(o is not None and can_cancel("order", o.status))
        info = self.box("reviewed_info")
        if o is None:
            self.status_label.setText(tr("先保存订单,再做订单审查。"))
            info.setText("")
            return
        parts = [tr("状态:%1").replace("%1", enums.label("order_status", o.status))]
        if o.confirmed_at:
            parts.append(tr("确认于 %1").replace("%1", f"{o.confirmed_at:%Y-%m-%d %H:%M}"))
        if o.production_started_at:
            parts.append(tr("开始生产于 %1").replace("%1", f"{o.production_started_at:%Y-%m-%d}"))
        if o.status == "cancelled":
            parts.append(tr("取消原因:%1").replace("%1", o.cancel_reason))
        self.status_label.setText(";".join(parts))
        info.setText(tr("审查人:%1,%2").replace("%1", o.reviewed_by or "—")
                     .replace("%2", f"{o.reviewed_at:%Y-%m-%d %H:%M}" if o.reviewed_at else "—"))

    def reload(self) -> None:
        self.load(self.order.id if self.order else None)

    def _done(self, order) -> None:
        self.load(order.id)
        self.changed.emit(order.id)

    def save_review(self) -> None:
        if self.order is None:
            return
        o = self.order
        flags = [self.box(n).isChecked() for n in REVIEW_FIELDS]
        notes = self.box("review_notes").toPlainText()

        def call():
            from ...core.orders import set_review

            return set_review(o.id, *flags, notes=notes, expected_version=o.version)
        run_change(self, call, KINDS, self._done, errors=self.errors, reload=self.reload)

    def confirm(self) -> None:
        if self.order is None:
            return
        o = self.order

        def call():
            from ...core.orders import confirm_order

            return confirm_order(o.id, expected_version=o.version)
        run_change(self, call, KINDS, self._done, errors=self.errors, reload=self.reload)

    def ask_cancel(self):
        if self.order is None:
            return None
        o = self.order

        def call(reason: str):
            from ...core.recalls import cancel_order_changes

            return lambda: cancel_order_changes(o.id, reason, o.version)
        dlg = reason_dialog(self, tr("取消订单"),
                            tr("取消订单 %1?已下发的生产单和流程卡将被收回作废;已登记的生产进度保留可查。"
                               "请填写取消原因:").replace("%1", o.number),
                            call, (), ok_text=tr("取消订单"),
                            placeholder=tr("例如:客户邮件通知取消本季订单"))
        return open_dialog(self, dlg, self._done)
