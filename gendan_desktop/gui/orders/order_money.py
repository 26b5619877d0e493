"""Shipments (出货) and payments (收款) of one order, in the order detail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..kit.forms import fill_enum_combo
from ..kit.list_view import fit_headers
from ..kit.tab_kit import (
    ORANGE_TEXT,
    FormDialog,
    RecordTableModel,
    make_table,
    open_dialog,
    reason_dialog,
    selected_row,
)
from ..kit.table_model import QT_TR_NOOP

SHIPMENT_COLUMNS = [("number", QT_TR_NOOP("出货单号")), ("date", QT_TR_NOOP("出货日期")),
                    ("quantity", QT_TR_NOOP("数量")), ("amount", QT_TR_NOOP("金额")),
                    ("booking_no", QT_TR_NOOP("订舱号")), ("container_no", QT_TR_NOOP("柜号")),
                    ("customs_no", QT_TR_NOOP("报关单号")), ("bl_no", QT_TR_NOOP("提单号")),
                    ("vessel", QT_TR_NOOP("船名航次")), ("port_of_discharge", QT_TR_NOOP("目的港"))]
REMAINING_COLUMNS = [("line_no", QT_TR_NOOP("行")), ("style", QT_TR_NOOP("款号")), ("colour", QT_TR_NOOP("颜色")),
                     ("size", QT_TR_NOOP("尺码")), ("ordered", QT_TR_NOOP("订单数")),
                     ("shipped", QT_TR_NOOP("已出")), ("remaining", QT_TR_NOOP("未出"))]
PAYMENT_COLUMNS = [("date", QT_TR_NOOP("收款日期")), ("kind", QT_TR_NOOP("款项")), ("amount", QT_TR_NOOP("金额")),
                   ("currency", QT_TR_NOOP("币种")), ("reference", QT_TR_NOOP("水单号")),
                   ("notes", QT_TR_NOOP("备注"))]
DOC_FIELDS = ("booking_no", "container_no", "customs_no", "bl_no", "vessel", "port_of_loading",
              "port_of_discharge", "notes")


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderMoney", text)


class ShipmentsPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.order = None
        self.dialog = None
        self.shipments = RecordTableModel(SHIPMENT_COLUMNS, self)
        self.remaining = RecordTableModel(REMAINING_COLUMNS, self)
        self.shipments_view = make_table(self.shipments, self)
        self.shipments_view.setObjectName("shipmentsTable")
        self.new_button = QPushButton(tr("新建出货…"), self)
        self.new_button.setObjectName("newShipment")
        self.docs_button = QPushButton(tr("填写单证…"), self)
        self.new_button.clicked.connect(self.new_shipment)
        self.docs_button.clicked.connect(self.edit_documents)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.docs_button)
        bar.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.shipments_view)
        box = QWidget(split)
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(QLabel(tr("各行出货情况"), box))
        v.addWidget(make_table(self.remaining, box))
        split.addWidget(box)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(split, 1)

    def load(self, order_id: int | None) -> None:
        from ...core.lists.order_tables import shipments
        from ...core.orders import find_order
        from ...core.shipments import shipment_total, shipped_quantities

        self.order = find_order(order_id)
        rows, remaining = [], []
        if self.order is not None:
            for s, qty in shipments(self.order.id):
                rows.append({"id": s.id, "number": s.number, "date": s.date, "quantity": qty,
                             "amount": shipment_total(s.id), "version": s.version,
                             **{f: getattr(s, f) for f in DOC_FIELDS}})
            for ln in shipped_quantities(self.order.id):
                remaining.append({"id": ln.order_line_id, "line_no": ln.line_no, "style": ln.style or ln.product,
                                  "colour": ln.colour, "size": ln.size, "ordered": ln.ordered,
                                  "shipped": ln.shipped, "remaining": ln.remaining})
        self.shipments.set_rows(rows)
        self.remaining.set_rows(remaining)
        shippable = self.order is not None and self.order.status in ("confirmed", "in_production", "partly_shipped")
        self.new_button.setEnabled(shippable)
        self.docs_button.setEnabled(bool(rows))

    def reload(self) -> None:
        self.load(self.order.id if self.order else None)

    def new_shipment(self):
        if self.order is None:
            return None
        order_id = self.order.id
        from ...core.shipments import finished_unshipped

        lines = [r for r in self.remaining.rows() if r["remaining"] > 0]
        ready = finished_unshipped(self.order)
        table = QTableWidget(len(lines), 6)
        table.setObjectName("shipmentQuantities")
        table.setTabKeyNavigation(False)  # Tab goes on to the fields below; arrows and F2 edit the quantities
        table.setHorizontalHeaderLabels([tr("行"), tr("款号"), tr("颜色/尺码"), tr("未出"), tr("已完工未出"),
                                         tr("本次出货")])
        table.verticalHeader().hide()
        for i, r in enumerate(lines):
            done = ready.get(r["id"], 0)
            for j, text in enumerate((str(r["line_no"]), r["style"], f"{r['colour']} {r['size']}".strip(),
                                      f"{r['remaining']:,}", f"{done:,}")):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if j == 4 and done < r["remaining"]:
                    item.setForeground(ORANGE_TEXT)
                if j in (0, 3, 4):  # line number and quantities: numbers sit right
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(i, j, item)
            # what production finished is what normally goes; more needs a reason
            ship = QTableWidgetItem(str(min(done, r["remaining"])))
            ship.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, 5, ship)
        # as wide as the texts and titles ("已完工未出" in English was "ished, not shipp"), so the
        # column typed into stays in sight in the dialog's width
        table.resizeColumnsToContents()
        fit_headers(table)
        table.horizontalHeader().setStretchLastSection(True)

        def make(dlg: FormDialog):
            values = {f: dlg.value(f) for f in DOC_FIELDS}
            date, excess = dlg.value("date"), dlg.value("excess_reason")
            qtys = [(r["id"], (table.item(i, 5).text() or "0").strip()) for i, r in enumerate(lines)]

            def call():
                from ...core.shipments import create_shipment

                return create_shipment(order_id, date, qtys, excess_reason=excess, **values)
            return call
        dlg = FormDialog(self, "shipment_form.ui", tr("新建出货"), make, {"shipment", "order"})
        dlg.set("date", dt.date.today())
        dlg.layout().insertWidget(1, table)
        dlg.resize(640, 420)
        return open_dialog(self, dlg, lambda _s: self.reload())

    def edit_documents(self):
        row = selected_row(self.shipments_view) or (self.shipments.rows()[-1] if self.shipments.rows() else None)
        if row is None:
            return None

        def make(dlg: FormDialog):
            changes = {f: dlg.value(f) for f in DOC_FIELDS}

            def call():
                from ...core.shipments import update_shipment_documents

                return update_shipment_documents(row["id"], changes, row["version"])
            return call
        dlg = FormDialog(self, "shipment_form.ui", tr("出货单证 %1").replace("%1", row["number"]), make, {"shipment"})
        dlg.set("date", row["date"])
        dlg.field("date").setEnabled(False)
        for name in ("excess_reason", "excess_reason_label"):
            dlg.field(name).hide()
        for f in DOC_FIELDS:
            dlg.set(f, row[f])
        return open_dialog(self, dlg, lambda _s: self.reload())


class PaymentsPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.order = None
        self.dialog = None
        self.payments = RecordTableModel(PAYMENT_COLUMNS, self)
        self.view = make_table(self.payments, self)
        self.view.setObjectName("paymentsTable")
        self.summary = QLabel(self)
        self.summary.setObjectName("paymentSummary")
        self.new_button = QPushButton(tr("登记收款…"), self)
        self.new_button.setObjectName("newPayment")
        self.void_button = QPushButton(tr("作废收款…"), self)
        self.refund_button = QPushButton(tr("退还定金…"), self)
        self.refund_button.setObjectName("refundPayment")
        self.carry_button = QPushButton(tr("转到其他订单…"), self)
        self.carry_button.setObjectName("carryPayment")
        for b in (self.refund_button, self.carry_button):
            b.setToolTip(tr("订单已取消:把选中的收款退还客户,或转到客户的另一张订单"))
        self.new_button.clicked.connect(self.new_payment)
        self.void_button.clicked.connect(self.void_payment)
        self.refund_button.clicked.connect(lambda: self.dispose(carry=False))
        self.carry_button.clicked.connect(lambda: self.dispose(carry=True))
        bar = QHBoxLayout()
        for b in (self.new_button, self.void_button, self.refund_button, self.carry_button):
            bar.addWidget(b)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)

    def load(self, order_id: int | None) -> None:
        from ...core.enums import label
        from ...core.orders import find_order
        from ...core.payments import list_payments
        from ...core.receivables import order_amounts, ordered_amount

        self.order = find_order(order_id)
        rows = []
        if self.order is not None:
            for p in list_payments(order_id=self.order.id):
                rows.append({"id": p.id, "date": p.date, "kind": label("payment_kind", p.kind), "amount": p.amount,
                             "currency": p.currency, "reference": p.reference, "notes": p.notes,
                             "version": p.version, "kind_value": p.kind})
            a = order_amounts(self.order.id)
            cur = self.order.currency
            self.summary.setText(
                tr("订单金额 %1;已出货 %2;折让 %3;已收 %4;应收余额 %5(%6)")
                .replace("%1", f"{ordered_amount(self.order.id):,.2f}").replace("%2", f"{a['shipped']:,.2f}")
                .replace("%3", f"{a['credits']:,.2f}").replace("%4", f"{a['paid']:,.2f}")
                .replace("%5", f"{a['balance']:,.2f}").replace("%6", cur))
        else:
            self.summary.clear()
        self.payments.set_rows(rows)
        self.new_button.setEnabled(self.order is not None and self.order.status != "cancelled")
        self.void_button.setEnabled(bool(rows))
        cancelled = self.order is not None and self.order.status == "cancelled"
        for b in (self.refund_button, self.carry_button):
            b.setEnabled(cancelled and any(r["amount"] > 0 for r in rows))
        if cancelled and rows:
            self.summary.setText(self.summary.text() + "\n" + tr("订单已取消:请选中收款,退还客户或转到其他订单。"))

    def reload(self) -> None:
        self.load(self.order.id if self.order else None)

    def new_payment(self):
        if self.order is None:
            return None
        order = self.order

        def make(dlg: FormDialog):
            amount = Decimal(str(dlg.value("amount"))).quantize(Decimal("0.01"))
            values = {k: dlg.value(k) for k in ("kind", "currency", "date", "reference", "notes")}

            def call():
                from ...core.payments import record_payment

                return record_payment(order.client_id, amount, order_id=order.id, **values)
            return call
        dlg = FormDialog(self, "payment_form.ui", tr("登记收款:%1").replace("%1", order.number), make,
                         {"payment", "order", "receivable"})
        fill_enum_combo(dlg.field("kind"), "payment_kind")
        from ...core.enums import DISPOSAL_PAYMENT_KINDS

        for kind in DISPOSAL_PAYMENT_KINDS:  # written from the payment they dispose of, never typed in
            dlg.field("kind").removeItem(dlg.field("kind").findData(kind))
        from ...core.enums import CURRENCIES

        dlg.field("currency").addItems(CURRENCIES)
        dlg.set("currency", order.currency)
        dlg.set("kind", "deposit" if not self.payments.rows() else "balance")
        dlg.set("date", dt.date.today())
        return open_dialog(self, dlg, lambda _p: self.reload())

    def dispose(self, carry: bool):
        """退还定金… / 转到其他订单…: the selected payment of a cancelled order (the first one by default)."""
        from .deposit_dialog import open_deposit_dialog

        row = selected_row(self.view) or next((r for r in self.payments.rows() if r["amount"] > 0), None)
        if row is None or self.order is None:
            return None
        return open_deposit_dialog(self, row, carry, lambda _p: self.reload())

    def void_payment(self):
        row = selected_row(self.view)
        if row is None:
            return None

        def call(reason: str):
            from ...core.payments import void_payment

            return lambda: void_payment(row["id"], reason, row["version"])
        dlg = reason_dialog(self, tr("作废收款"), tr("作废 %1 的收款 %2 %3?请填写原因:")
                            .replace("%1", str(row["date"])).replace("%2", row["currency"])
                            .replace("%3", f"{row['amount']:,.2f}"), call, {"payment", "order", "receivable"},
                            placeholder=tr("例如:重复登记,银行水单号相同"))
        return open_dialog(self, dlg, lambda _r: self.reload())
