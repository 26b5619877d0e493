"""The audit history of an order, and the client's quotations / PIs reachable from it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...core.status_rules import can_confirm, can_issue_pi
from ..kit.tab_kit import YELLOW, RecordTableModel, make_table, run_change, selected_row
from ..kit.table_model import QT_TR_NOOP
from .quotation_order import open_order_from_quotation_dialog

HISTORY_COLUMNS = [("at", QT_TR_NOOP("时间")), ("user", QT_TR_NOOP("操作人")), ("entity", QT_TR_NOOP("对象")),
                   ("action", QT_TR_NOOP("操作")), ("field", QT_TR_NOOP("项目")), ("old", QT_TR_NOOP("原来")),
                   ("new", QT_TR_NOOP("改为"))]
QUOTATION_COLUMNS = [("number", QT_TR_NOOP("报价单号")), ("date", QT_TR_NOOP("日期")),
                     ("status", QT_TR_NOOP("状态")), ("orders", QT_TR_NOOP("订单")), ("pi_number", QT_TR_NOOP("PI 号")),
                     ("valid_until", QT_TR_NOOP("价格有效期")), ("currency", QT_TR_NOOP("币种")),
                     ("total", QT_TR_NOOP("金额"))]
ITEM_COLUMNS = [("line_no", QT_TR_NOOP("行")), ("style", QT_TR_NOOP("款号")), ("product", QT_TR_NOOP("品名")),
                ("quantity", QT_TR_NOOP("数量")), ("unit_price", QT_TR_NOOP("单价"))]


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderRecords", text)


def history_rows(order_id: int) -> list[dict]:
    """操作记录 in the UI language: field names, statuses and the core's
    sentences translated (record_text.py); what the user typed as typed."""
    from ...core.orders import order_history
    from ..kit.record_text import history_row

    return [history_row(a) for a in order_history(order_id)]


class HistoryPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = RecordTableModel(HISTORY_COLUMNS, self)
        self.view = make_table(self.model, self)
        self.view.setObjectName("historyTable")
        lay = QVBoxLayout(self)
        lay.addWidget(self.view)

    def load(self, order_id: int | None) -> None:
        self.model.set_rows(history_rows(order_id) if order_id else [])
        self.view.resizeColumnsToContents()  # whole times and words (a long value stops at 360 px)


class QuotationsPanel(QWidget):
    """The client's quotations: items, issue a PI, turn one into an order."""

    order_created = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.client_id: int | None = None
        self.order_quotation: int | None = None
        self.dialog = None
        self.model = RecordTableModel(QUOTATION_COLUMNS, self)
        self.items = RecordTableModel(ITEM_COLUMNS, self)
        self.view = make_table(self.model, self)
        self.view.setObjectName("quotationsTable")
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_items(cur.row()))
        self.info = QLabel(self)
        self.pi_button = QPushButton(tr("开 PI"), self)
        self.order_button = QPushButton(tr("转为订单…"), self)
        self.pi_button.clicked.connect(self.issue_pi)
        self.order_button.clicked.connect(self.to_order)
        self.quotation_editor = None  # the open QuotationEditor (gui/orders/quotation_editor.py)
        self.new_button = QPushButton(tr("新报价单…"), self)
        self.new_button.setObjectName("newQuotation")
        self.new_button.clicked.connect(self.new_quotation)
        # a double-click or Enter (activated covers both; doubleClicked as well opened it twice)
        self.view.activated.connect(lambda idx: self.edit_quotation(self.model.id_at(idx.row())))
        bar = QHBoxLayout()
        bar.addWidget(self.info, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.pi_button)
        bar.addWidget(self.order_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(make_table(self.items, split))
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self._update_buttons()

    def load(self, client_id: int | None, order_quotation: int | None = None) -> None:
        from ...core.enums import label
        from ...core.lists.client_tables import quotations
        from ...core.quotations import quotation_orders, quotation_total

        self.client_id, self.order_quotation = client_id, order_quotation
        rows = []
        if client_id:
            for q in quotations(client_id):
                rows.append({"id": q.id, "number": q.number, "date": q.date,
                             "status": label("quotation_status", q.status), "status_value": q.status,
                             "orders": ", ".join(o.number for o in quotation_orders(q.id))
                             if q.status == "ordered" else "",
                             "pi_number": q.pi_number, "valid_until": q.valid_until, "currency": q.currency,
                             "total": quotation_total(q.id), "_bg": YELLOW if q.id == order_quotation else None})
        self.model.set_rows(rows)
        self.info.setText(tr("本订单来自报价单(黄色)。") if order_quotation else tr("客户的报价单与 PI"))
        self.items.set_rows([])
        self._update_buttons()

    def select_quotation(self, quotation_id: int) -> None:
        row = self.model.row_of(quotation_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _show_items(self, row: int) -> None:
        from ...core.quotations import quotation_items

        qid = self.model.id_at(row)
        self.items.set_rows([{"id": it.id, "line_no": it.line_no, "style": it.style, "product": it.product,
                              "quantity": it.quantity, "unit_price": it.unit_price}
                             for it in quotation_items(qid)] if qid else [])
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = selected_row(self.view)
        status = row["status_value"] if row else None
        self.pi_button.setEnabled(status is not None and can_issue_pi(status))
        self.order_button.setEnabled(status is not None and can_confirm("quotation", status))

    def issue_pi(self) -> None:
        row = selected_row(self.view)
        if row is None:
            return

        def call():
            from ...core.quotations import issue_pi

            return issue_pi(row["id"])
        run_change(self, call, {"quotation", "pi"}, lambda _q: self.load(self.client_id, self.order_quotation))

    def new_quotation(self):
        """新报价单…: the quotation editor for this panel's client."""
        return self._open_editor(None)

    def edit_quotation(self, quotation_id: int | None):
        return self._open_editor(quotation_id) if quotation_id else None

    def _open_editor(self, quotation_id: int | None):
        from .quotation_editor import open_quotation_editor

        editor = open_quotation_editor(self, quotation_id, self.client_id)
        editor.saved.connect(lambda _qid: self.load(self.client_id, self.order_quotation))
        editor.order_created.connect(self.order_created.emit)
        editor.order_wanted.connect(self.order_created.emit)  # the tab shows that order
        return editor

    def to_order(self):
        row = selected_row(self.view)
        if row is None:
            return None
        def done(order) -> None:
            self.load(self.client_id, self.order_quotation)  # the quotation is 已下单 now
            self.select_quotation(row["id"])
            self.order_created.emit(order.id)
        return open_order_from_quotation_dialog(self, row["id"], row["number"], done)
