"""One complaint (客诉): what the client reported, about which order and batch,
cause and countermeasure, and how it is settled (disposition, cost, credit),
closing it, and a remake order (补单) made from it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..kit.fit_screen import scrolled
from ..kit.forms import FieldErrors, fill_enum_combo, form_child, get_value, load_form, set_value, setup_optional_date
from ..kit.tab_kit import FormDialog, open_dialog, run_change

TEXT_FIELDS = ("date", "description", "qty_affected", "cause", "countermeasure")
KINDS = {"complaint", "order"}


def tr(text: str) -> str:
    return QCoreApplication.translate("ComplaintEditor", text)


class ComplaintEditor(QWidget):
    saved = Signal(int)  # complaint id
    open_order = Signal(int)  # order id (the complaint's, or its remake)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.complaint = None
        self.order = None
        self.dialog = None
        body = QWidget(self)  # the fields scroll; the buttons below stay in sight
        body.setObjectName("complaintBody")
        self._build_forms(body)
        bar = self._build_buttons()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.form, self.order_info, self.disposition_box, self.message):
            inner.addWidget(w)
        inner.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(scrolled(body, self), 1)
        lay.addLayout(bar)
        self.new_complaint()

    def _build_forms(self, body: QWidget) -> None:
        """The complaint form (ui/complaint_form.ui), the order it is about, the disposition form."""
        self.title = QLabel(body)
        self.title.setStyleSheet("font-weight: bold;")
        self.form = load_form("complaint_form.ui", body)
        card = self.field("card")  # a card's text is long: the combo keeps its width, the list shows it all
        card.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        card.setMinimumContentsLength(14)
        self.order_info = QLabel(body)
        self.order_info.setObjectName("complaintOrderInfo")
        self.order_info.setWordWrap(True)  # a long client name must not widen the editor
        self.disposition_box = QGroupBox(tr("处理方式"), body)
        self.disposition_form = load_form("disposition_form.ui", self.disposition_box)
        QVBoxLayout(self.disposition_box).addWidget(self.disposition_form)
        self.message = QLabel(body)
        self.message.setWordWrap(True)
        self.message.hide()
        self.errors = FieldErrors(self.form, self.message)
        self.disposition_errors = FieldErrors(self.disposition_form, self.message)
        fill_enum_combo(self.dfield("disposition"), "disposition", blank=True)
        setup_optional_date(self.dfield("credit_date"))
        self.field("date").setCalendarPopup(True)
        from ...core import pickers

        order_box = self.field("order")
        order_box.search_fn = pickers.order_choices
        order_box.lookup_fn = pickers.order_by_id
        order_box.lineEdit().setPlaceholderText(tr("订单号、客户 PO 或客户名称…"))
        order_box.picked.connect(self._order_typed)

    def _build_buttons(self) -> QHBoxLayout:
        """Save, disposition, close, remake; the links to the remake and the order."""
        self.save_button = QPushButton(tr("保存客诉"), self)
        self.save_button.setObjectName("saveComplaint")
        self.disposition_button = QPushButton(tr("保存处理方式"), self)
        self.disposition_button.setObjectName("saveDisposition")
        self.close_button = QPushButton(tr("结案"), self)
        self.close_button.setObjectName("closeComplaint")
        self.remake_button = QPushButton(tr("生成补单…"), self)
        self.remake_button.setObjectName("makeRemake")
        self.order_button = QPushButton(tr("打开订单"), self)
        self.remake_link = QPushButton(self)
        self.remake_link.setFlat(True)
        self.remake_link.setObjectName("remakeLink")
        self.save_button.clicked.connect(self.save)
        self.disposition_button.clicked.connect(self.save_disposition)
        self.close_button.clicked.connect(self.close_complaint)
        self.remake_button.clicked.connect(self.make_remake)
        self.order_button.clicked.connect(lambda: self.open_order.emit(self.order.id) if self.order else None)
        self.remake_link.clicked.connect(self._open_remake)
        bar = QHBoxLayout()
        for b in (self.save_button, self.disposition_button, self.close_button, self.remake_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.remake_link)
        bar.addWidget(self.order_button)
        return bar

    def field(self, name: str):
        return form_child(self.form, QWidget, name)

    def dfield(self, name: str):
        return form_child(self.disposition_form, QWidget, name)

    # ------------------------------------------------------------ loading
    def _set_order(self, order) -> None:
        from ...core import enums
        from ...core.flow_cards import cards_for_order
        from ...core.orders import client_name

        self.order = order
        combo = self.field("card")
        current = combo.currentData()
        combo.clear()
        combo.addItem(tr("(不指定批次)"), None)
        if order is None:
            self.order_info.setText("")
            return
        for c in cards_for_order(order.id, include_recalled=True):
            void = tr("(已作废)") if c.recalled_at else ""
            combo.addItem(f"{c.number} {c.style} {c.colour} {c.size} ×{c.quantity}{void}".strip(), c.id)
        i = combo.findData(current)
        combo.setCurrentIndex(max(i, 0))
        self.order_info.setText(tr("订单 %1:%2,%3,交期 %4").replace("%1", order.number)
                                .replace("%2", client_name(order.client_id))
                                .replace("%3", enums.label("order_status", order.status))
                                .replace("%4", order.delivery_date.isoformat()))

    def _order_typed(self, _picked=None) -> None:
        """The order chosen in (or typed into) the 订单号 field."""
        from ...core.orders import find_order
        from ...core.pickers import order_by_number

        if self.complaint is not None:
            return
        box = self.field("order")
        text = box.currentText().strip()
        order_id = box.current_id() or (order_by_number(text) if text else None)
        order = find_order(order_id)
        self._set_order(order)
        if text and order is None:
            self.errors.show(
                "order", tr("找不到订单“%1”,请输入订单号、客户 PO 或客户名称后从列表中选择。").replace("%1", text)
            )
        else:
            self.errors.clear()

    def new_complaint(self, order_id: int | None = None) -> None:
        from ...core.orders import find_order

        self.complaint = None
        self.errors.clear()
        order = find_order(order_id)
        self.field("order").set_current(order.id if order else None)
        self.field("order").lineEdit().setReadOnly(False)
        self._set_order(order)
        set_value(self.field("date"), dt.date.today())
        for name in ("description", "cause", "countermeasure"):
            set_value(self.field(name), "")
        set_value(self.field("qty_affected"), 0)
        set_value(self.dfield("disposition"), "")
        for name in ("cost", "credit_amount"):
            set_value(self.dfield(name), 0)
        set_value(self.dfield("credit_date"), None)
        self.dfield("client_insists").setChecked(False)
        self._update_state()

    def load(self, complaint_id: int | None) -> None:
        from ...core.aftersales import get_complaint
        from ...core.errors import NotFound
        from ...core.orders import get_order

        if complaint_id is None:
            self.new_complaint()
            return
        try:
            c = get_complaint(complaint_id)
        except NotFound:
            self.new_complaint()
            return
        self.complaint = c
        self.errors.clear()
        order = get_order(c.order_id)
        self.field("order").set_current(order.id)
        self.field("order").lineEdit().setReadOnly(True)
        self._set_order(order)
        self.field("card").setCurrentIndex(max(self.field("card").findData(c.card_id), 0))
        for name in TEXT_FIELDS:
            set_value(self.field(name), getattr(c, name))
        set_value(self.dfield("disposition"), c.disposition)
        set_value(self.dfield("cost"), float(c.cost))
        set_value(self.dfield("credit_amount"), float(c.credit_amount))
        set_value(self.dfield("credit_date"), c.credit_date)
        self._update_state()

    def reload(self) -> None:
        self.load(self.complaint.id if self.complaint else None)

    def _update_state(self) -> None:
        from ...core import enums
        from ...core.orders import find_order

        c = self.complaint
        open_ = c is None or c.status != "closed"
        if c is None:
            self.title.setText(tr("新客诉"))
        else:
            self.title.setText(
                f"{c.number} · "
                + enums.label("complaint_status", c.status)
                + (" · " + tr("结案于 %1").replace("%1", c.closed_at.isoformat()) if c.closed_at else "")
            )
        self.form.setEnabled(open_)
        self.disposition_box.setEnabled(c is not None and open_)
        self.save_button.setEnabled(open_)
        self.disposition_button.setEnabled(c is not None and open_)
        self.close_button.setEnabled(c is not None and open_)
        remake = find_order(c.remake_order_id) if c is not None else None
        self.remake_button.setEnabled(c is not None and open_ and (remake is None or remake.status == "cancelled"))
        self.remake_link.setVisible(remake is not None)
        self.remake_link.setText(tr("补单 %1").replace("%1", remake.number) if remake else "")
        self._remake_id = remake.id if remake else None
        self.order_button.setEnabled(self.order is not None)
        self.dfield("credit_amount").setSuffix(" " + (self.order.currency if self.order else ""))

    def _open_remake(self) -> None:
        if self._remake_id:
            self.open_order.emit(self._remake_id)

    # ------------------------------------------------------------- saving
    def _done(self, complaint) -> None:
        self.load(complaint.id)
        self.saved.emit(complaint.id)

    def save(self) -> bool:
        from ...core.errors import ValidationError

        self.errors.clear()
        try:
            values = {name: get_value(self.field(name)) for name in TEXT_FIELDS}
        except ValidationError as exc:  # a date that is no date
            self.errors.show_exception(exc)
            return True
        card = self.field("card").currentData()
        if self.complaint is None:
            if self.order is None:
                self._order_typed()
                if self.order is None:
                    self.errors.show_exception(ValidationError("请填写客诉所属的订单号。",
                                                               "Enter the order number the complaint is about.",
                                                               field="order"))
                    return True
            order_id = self.order.id

            def call():
                from ...core.aftersales import file_complaint

                return file_complaint(order_id, values["date"], values["description"], values["qty_affected"], card,
                                      cause=values["cause"], countermeasure=values["countermeasure"])
            run_change(self, call, KINDS, self._done, errors=self.errors)
            return True
        c = self.complaint
        changes = {k: v for k, v in values.items() if v != getattr(c, k)}
        if card != c.card_id:
            changes["card"] = card

        def update():
            from ...core.aftersales import update_complaint

            return update_complaint(c.id, changes, c.version)
        run_change(self, update, KINDS, self._done, errors=self.errors, reload=self.reload)
        return True

    def save_disposition(self):
        from ...core.errors import GendanError

        c = self.complaint
        if c is None:
            return None
        disposition = get_value(self.dfield("disposition"))
        cost = Decimal(str(get_value(self.dfield("cost")))).quantize(Decimal("0.01"))
        credit = Decimal(str(get_value(self.dfield("credit_amount")))).quantize(Decimal("0.01"))
        try:
            credit_date = get_value(self.dfield("credit_date"))
        except GendanError as exc:
            self.disposition_errors.show_exception(exc)
            return None
        insists = get_value(self.dfield("client_insists"))
        cause, counter = get_value(self.field("cause")), get_value(self.field("countermeasure"))
        if not disposition:
            from ...core.errors import ValidationError

            self.disposition_errors.show_exception(ValidationError(
                "请选择处理方式(返修、补单、折扣或退货)。", "Choose the disposition.", field="disposition"))
            return None

        def call():
            from ...core.aftersales import set_disposition

            return set_disposition(c.id, disposition, cost, credit, credit_date=credit_date, cause=cause,
                                   countermeasure=counter, client_insists=insists, expected_version=c.version)
        return run_change(self, call, KINDS | {"receivable"}, self._done, errors=self.disposition_errors,
                          reload=self.reload)

    def close_complaint(self):
        c = self.complaint
        if c is None:
            return None

        def call():
            from ...core.aftersales import close_complaint

            return close_complaint(c.id, expected_version=c.version)
        return run_change(self, call, KINDS, self._done, errors=self.errors, reload=self.reload)

    def make_remake(self):
        c = self.complaint
        if c is None:
            return None

        def make(dlg: FormDialog):
            delivery = dlg.value("delivery_date")

            def call():
                from ...core.aftersales import create_remake_order

                return create_remake_order(c.id, delivery_date=delivery)
            return call
        dlg = FormDialog(self, "remake_form.ui", tr("生成补单"), make, KINDS, ok_text=tr("生成补单"))
        dlg.field("remake_info").setText(
            tr("为客诉 %1 生成补单:同一客户,补做受影响的 %2 件(单价为 0),补单为草稿,需审查确认后下发生产。")
            .replace("%1", c.number).replace("%2", str(c.qty_affected)))
        dlg.set("delivery_date", dt.date.today() + dt.timedelta(days=20))

        def done(order):
            self.reload()
            self.saved.emit(c.id)
        return open_dialog(self, dlg, done)

