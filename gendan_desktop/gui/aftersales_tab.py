"""售后 tab: the complaints list and the complaint editor (cause, countermeasure,
disposition, cost, credit, remake order)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from .complaint_editor import ComplaintEditor
from .list_view import ListPane
from .tab_base import BaseTab
from .tab_kit import GREY_TEXT, ORANGE_TEXT, tidy_list_pane
from .table_model import QT_TR_NOOP, ChoiceFilter, DateRangeFilter, IdListModel, fmt_date, fmt_money


def tr(text: str) -> str:
    return QCoreApplication.translate("AftersalesTab", text)


class CCol(IntEnum):
    NUMBER = 0
    DATE = 1
    ORDER = 2
    CLIENT = 3
    DESCRIPTION = 4
    QTY = 5
    DISPOSITION = 6
    STATUS = 7
    COST = 8
    CREDIT = 9
    REMAKE = 10


class ComplaintListModel(IdListModel):
    SETTINGS_KEY = "complaints"
    Columns = CCol
    HEADERS = {CCol.NUMBER: QT_TR_NOOP("客诉单号"), CCol.DATE: QT_TR_NOOP("日期"), CCol.ORDER: QT_TR_NOOP("订单号"),
               CCol.CLIENT: QT_TR_NOOP("客户"), CCol.DESCRIPTION: QT_TR_NOOP("客诉内容"),
               CCol.QTY: QT_TR_NOOP("受影响数量"), CCol.DISPOSITION: QT_TR_NOOP("处理方式"),
               CCol.STATUS: QT_TR_NOOP("状态"), CCol.COST: QT_TR_NOOP("处理费用"),
               CCol.CREDIT: QT_TR_NOOP("折让金额"), CCol.REMAKE: QT_TR_NOOP("补单")}
    ALIGN_RIGHT = frozenset({CCol.QTY, CCol.COST, CCol.CREDIT})
    DEFAULT_SORT = (CCol.DATE, Qt.DescendingOrder)

    def __init__(self, parent=None):
        from ..core.models import Complaint

        self.FILTERS = [ChoiceFilter("status", QT_TR_NOOP("状态"), Complaint.status, enum="complaint_status"),
                        ChoiceFilter("disposition", QT_TR_NOOP("处理方式"), Complaint.disposition, enum="disposition"),
                        DateRangeFilter("date", QT_TR_NOOP("日期"), Complaint.date,
                                        presets=("today", "last30", "this_month", "this_year"))]
        super().__init__(parent)

    def base_query(self):
        from ..core.models import Client, Complaint, Order

        return (Complaint.select(Complaint.id).join(Order, on=(Complaint.order == Order.id))
                .join(Client, on=(Order.client == Client.id)))

    def sort_key(self, col):
        from ..core.models import Client, Complaint, Order

        # The order number as a correlated subquery: with a plain Order.number
        # SQLite walks 100,000 orders by number to sort 1,300 complaints (176 ms).
        order_number = Order.alias("sorted_order")
        by_order = order_number.select(order_number.number).where(order_number.id == Complaint.order)
        return {CCol.NUMBER: Complaint.number, CCol.DATE: Complaint.date, CCol.ORDER: by_order,
                CCol.CLIENT: Client.pinyin, CCol.QTY: Complaint.qty_affected, CCol.DISPOSITION: Complaint.disposition,
                CCol.STATUS: Complaint.status, CCol.COST: Complaint.cost, CCol.CREDIT: Complaint.credit_amount}.get(col)

    def text_condition(self, text):
        from ..core.models import Complaint, Order
        from ..core.search import matching_ids

        t = text.strip()
        return (Complaint.number.contains(t) | Order.number.contains(t) | Complaint.description.contains(t)
                | Order.client.in_(matching_ids("client", t)))

    def load_rows(self, ids):
        from peewee import JOIN

        from ..core import enums
        from ..core.models import Client, Complaint, Order

        remake = Order.alias("remake")
        q = (Complaint.select(Complaint.id, Complaint.number, Complaint.date, Order.number, Client.name,
                              Complaint.description, Complaint.qty_affected, Complaint.disposition, Complaint.status,
                              Complaint.cost, Complaint.credit_amount, Complaint.currency, remake.number)
             .join(Order, on=(Complaint.order == Order.id)).join(Client, on=(Order.client == Client.id))
             .switch(Complaint).join(remake, join_type=JOIN.LEFT_OUTER, on=(Complaint.remake_order == remake.id))
             .where(Complaint.id.in_(ids)))
        out = {}
        for (cid, number, date, onum, client, desc, qty, disp, status, cost, credit, cur, rnum) in q.tuples():
            out[cid] = (number, fmt_date(date), onum, client, (desc or "").replace("\n", " ")[:80], str(qty or 0),
                        enums.label("disposition", disp) if disp else "", enums.label("complaint_status", status),
                        fmt_money(cost) if cost else "", f"{fmt_money(credit)} {cur}" if credit else "", rnum or "",
                        status, desc)
        return out

    def foreground(self, row, col):
        if row[11] == "closed":
            return GREY_TEXT
        if row[11] == "open" and col == CCol.STATUS:
            return ORANGE_TEXT
        return None

    def tooltip(self, row, col):
        return row[12] if col == CCol.DESCRIPTION else None


class AftersalesTab(BaseTab):
    WATCH = frozenset({"complaint", "order"})

    def __init__(self, window, parent=None):
        super().__init__(window, parent)
        self.model = ComplaintListModel()
        self.pane = ListPane(self.model, self, placeholder=tr("筛选:客诉单号、订单号、客户或内容…"))
        tidy_list_pane(self.pane, {CCol.NUMBER: 95, CCol.DATE: 85, CCol.ORDER: 100, CCol.CLIENT: 130,
                                   CCol.DESCRIPTION: 180, CCol.QTY: 70, CCol.DISPOSITION: 60, CCol.STATUS: 60,
                                   CCol.COST: 80, CCol.CREDIT: 100, CCol.REMAKE: 100})
        self.new_button = QPushButton(tr("新建客诉"), self)
        self.new_button.setObjectName("newComplaint")
        self.new_button.clicked.connect(self.new_record)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addStretch(1)
        lv.addLayout(top)
        lv.addWidget(self.pane)
        self.editor = ComplaintEditor(self)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self.pane.current_changed.connect(self._on_current)
        self.editor.saved.connect(self._after_save)
        self.editor.open_order.connect(lambda oid: self.window.open_requested.emit("order", oid))

    def _on_current(self, complaint_id) -> None:
        if complaint_id is not None:
            self.editor.load(complaint_id)

    def _after_save(self, complaint_id: int) -> None:
        if self.model.row_of(complaint_id) < 0:
            self.pane.refresh()
        self.pane.select_id(complaint_id)

    def refresh(self) -> None:
        self.pane.refresh()
        if self.editor.complaint is not None:
            self.editor.reload()

    def open_record(self, kind: str, id_: int) -> None:
        if kind == "complaint":
            self.pane.select_id(id_)
            self.editor.load(id_)

    def new_record(self) -> bool:
        self.pane.table.setCurrentIndex(QModelIndex())  # nothing to restore over the new complaint
        self.pane.table.clearSelection()
        self.editor.new_complaint()
        self.editor.field("order").setFocus()
        return True

    def new_for_order(self, order_id: int) -> None:
        self.pane.table.setCurrentIndex(QModelIndex())
        self.pane.table.clearSelection()
        self.editor.new_complaint(order_id)

    def save(self) -> bool:
        return self.editor.save()

    def filter_widget(self):
        return self.pane.filter_edit


def create_tab(window) -> AftersalesTab:
    return AftersalesTab(window)
