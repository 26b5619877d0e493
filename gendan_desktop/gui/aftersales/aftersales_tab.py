"""售后 tab: the complaints list and the complaint editor (cause, countermeasure,
disposition, cost, credit, remake order)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QPushButton

from ...core.enums import label
from ...core.lists import complaints as complaint_list
from ..kit.list_tab import ListTab
from ..kit.tab_kit import GREY_TEXT, ORANGE_TEXT
from ..kit.table_model import QT_TR_NOOP, ChoiceFilter, DateRangeFilter, IdListModel, fmt_date, fmt_money
from .complaint_editor import ComplaintEditor


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
    LIST = complaint_list
    SETTINGS_KEY = "complaints"
    Columns = CCol
    HEADERS = {CCol.NUMBER: QT_TR_NOOP("客诉单号"), CCol.DATE: QT_TR_NOOP("日期"), CCol.ORDER: QT_TR_NOOP("订单号"),
               CCol.CLIENT: QT_TR_NOOP("客户"), CCol.DESCRIPTION: QT_TR_NOOP("客诉内容"),
               CCol.QTY: QT_TR_NOOP("受影响数量"), CCol.DISPOSITION: QT_TR_NOOP("处理方式"),
               CCol.STATUS: QT_TR_NOOP("状态"), CCol.COST: QT_TR_NOOP("处理费用"),
               CCol.CREDIT: QT_TR_NOOP("折让金额"), CCol.REMAKE: QT_TR_NOOP("补单")}
    ALIGN_RIGHT = frozenset({CCol.QTY, CCol.COST, CCol.CREDIT})
    SORT_KEYS = {CCol.NUMBER: "number", CCol.DATE: "date", CCol.ORDER: "order", CCol.CLIENT: "client",
                 CCol.QTY: "qty", CCol.DISPOSITION: "disposition", CCol.STATUS: "status", CCol.COST: "cost",
                 CCol.CREDIT: "credit"}
    DEFAULT_SORT = (CCol.DATE, Qt.SortOrder.DescendingOrder)

    def __init__(self, parent=None):
        self.FILTERS = [
            ChoiceFilter("status", QT_TR_NOOP("状态"), enum="complaint_status"),
            ChoiceFilter("disposition", QT_TR_NOOP("处理方式"), enum="disposition"),
            DateRangeFilter("date", QT_TR_NOOP("日期"), presets=("today", "last30", "this_month", "this_year")),
        ]
        super().__init__(parent)

    def load_rows(self, ids):
        # the core's rows as they are: a cell is formatted when it is painted (display)
        return complaint_list.rows(ids)

    def display(self, row, col):
        return _CELLS[col](row)

    def foreground(self, row, col):
        if row.status == "closed":
            return GREY_TEXT
        if row.status == "open" and col == CCol.STATUS:
            return ORANGE_TEXT
        return None

    def tooltip(self, row, col):
        return row.description if col == CCol.DESCRIPTION else None


# the text of each column (CCol order) of a core ComplaintRow
_CELLS = (lambda r: r.number, lambda r: fmt_date(r.date), lambda r: r.order or "", lambda r: r.client or "",
          lambda r: r.description.replace("\n", " ")[:80], lambda r: str(r.qty_affected),
          lambda r: label("disposition", r.disposition) if r.disposition else "",
          lambda r: label("complaint_status", r.status), lambda r: fmt_money(r.cost) if r.cost else "",
          lambda r: f"{fmt_money(r.credit_amount)} {r.currency}" if r.credit_amount else "", lambda r: r.remake)


class AftersalesTab(ListTab):
    WATCH = frozenset({"complaint", "order"})

    def __init__(self, window, parent=None):
        super().__init__(window, parent)
        self.set_up_list(ComplaintListModel(), tr("筛选:客诉单号、订单号、客户或内容…"),
                         {CCol.NUMBER: 95, CCol.DATE: 85, CCol.ORDER: 100, CCol.CLIENT: 130, CCol.DESCRIPTION: 180,
                          CCol.QTY: 70, CCol.DISPOSITION: 60, CCol.STATUS: 60, CCol.COST: 80, CCol.CREDIT: 100,
                          CCol.REMAKE: 100})
        self.new_button = QPushButton(tr("新建客诉"), self)
        self.new_button.setObjectName("newComplaint")
        self.new_button.clicked.connect(self.new_record)
        self.list_side([self.new_button])
        self.editor = ComplaintEditor(self)
        self.lay_out(self.editor)
        self.pane.current_changed.connect(self._on_current)
        self.editor.saved.connect(self._after_save)
        self.editor.open_order.connect(lambda oid: self.main_window.open_requested.emit("order", oid))

    def _on_current(self, complaint_id) -> None:
        if complaint_id is not None:
            self.editor.load(complaint_id)

    def _after_save(self, complaint_id: int) -> None:
        if self.model.row_of(complaint_id) < 0:
            self.pane.refresh()
        self.pane.select_id(complaint_id)

    def refresh(self) -> None:
        self.pane.refresh()
        if self.editor.complaint is not None:  # read again once the list is painted
            self.pane.after_list(self.editor.reload)

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


def create_tab(window) -> AftersalesTab:
    return AftersalesTab(window)
