"""订单 tab: the order list (status, delivery date, risk colour) and the order detail.

The list is an IdListModel over core.lists.orders (``build_query``: the sorted
ids; ``rows``: the visible ones, with their delivery risk, good pieces at the
last step and pieces shipped, in one query). Filters: several statuses at once (or all open ones), the
merchandiser's own orders, a client typed or picked, delivery and order dates.

The detail is a set of sub-tabs: the editor, review and status actions,
revisions side by side, shipments, payments, quotations/PI and the audit
history; a sub-tab is read when it is shown.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QPushButton,
    QTabWidget,
    QWidget,
)

from ...core.lists import orders as order_list
from ..kit.edit_grid import commit_open_editor
from ..kit.list_tab import ListTab
from ..kit.tab_kit import GREY_TEXT, RISK_TEXT, ask_unsaved
from ..kit.table_model import (
    QT_TR_NOOP,
    ChoiceFilter,
    DateRangeFilter,
    IdListModel,
    fmt_date,
    fmt_money,
)
from .client_updates import ClientUpdatePanel
from .list_filters import MineFilter, MultiChoiceFilter
from .order_editor import OrderEditor
from .order_money import PaymentsPanel, ShipmentsPanel
from .order_records import HistoryPanel, QuotationsPanel
from .order_review import ReviewPanel
from .revisions_view import RevisionsView


def tr(text: str) -> str:
    return QCoreApplication.translate("OrdersTab", text)


class Col(IntEnum):
    NUMBER = 0
    CLIENT = 1
    CLIENT_PO = 2
    ORDER_DATE = 3
    DELIVERY = 4
    STATUS = 5
    RISK = 6
    PROGRESS = 7
    QUANTITY = 8
    AMOUNT = 9
    CURRENCY = 10
    REVISION = 11


class ClientFilter(ChoiceFilter):
    """The client of the order lists: typed (name, code, pinyin initials), the
    drop-down lists the clients with the most orders in pinyin order (a list
    of 10,000 names would help nobody)."""

    LIMIT = 200

    def options(self):
        return []

    def search(self, text):
        from ...core.pickers import client_choices

        return client_choices(text, with_orders=True)

    def browse(self):
        from ...core.pickers import client_choices

        return client_choices(limit=self.LIMIT, with_orders=True)

    def lookup(self, client_id):
        from ...core.pickers import client_by_id

        return client_by_id(client_id)


# core.lists.orders sort keys of the sortable columns
SORT_KEYS = {Col.NUMBER: "number", Col.CLIENT: "client", Col.CLIENT_PO: "client_po", Col.ORDER_DATE: "order_date",
             Col.DELIVERY: "delivery_date", Col.STATUS: "status"}
# what a row holds after its columns
_LEVEL, _STATUS, _REASON, _PROGRESS = len(Col), len(Col) + 1, len(Col) + 2, len(Col) + 3


class OrderListModel(IdListModel):
    """The ids and rows come from core.lists.orders; this model only formats them."""

    LIST = order_list
    KIND = "order"
    SETTINGS_KEY = "orders"
    Columns = Col
    HEADERS = {
        Col.NUMBER: QT_TR_NOOP("订单号"), Col.CLIENT: QT_TR_NOOP("客户"), Col.CLIENT_PO: QT_TR_NOOP("客户订单号"),
        Col.ORDER_DATE: QT_TR_NOOP("下单日期"), Col.DELIVERY: QT_TR_NOOP("交期"), Col.STATUS: QT_TR_NOOP("状态"),
        Col.RISK: QT_TR_NOOP("交期风险"), Col.PROGRESS: QT_TR_NOOP("进度"), Col.QUANTITY: QT_TR_NOOP("数量"),
        Col.AMOUNT: QT_TR_NOOP("金额"), Col.CURRENCY: QT_TR_NOOP("币种"), Col.REVISION: QT_TR_NOOP("版本"),
    }
    SORT_KEYS = SORT_KEYS
    ALIGN_RIGHT = frozenset({Col.QUANTITY, Col.AMOUNT})
    DEFAULT_SORT = (Col.ORDER_DATE, Qt.SortOrder.DescendingOrder)

    def __init__(self, parent=None):
        self.FILTERS = [
            MultiChoiceFilter("status", QT_TR_NOOP("状态"), "order_status",
                              presets=[("open", QT_TR_NOOP("全部未完结"), order_list.OPEN_STATUSES)]),
            MineFilter("merchandiser", QT_TR_NOOP("跟单员")),
            ClientFilter("client", QT_TR_NOOP("客户")),  # typed: gui/kit/search_combo.py
            DateRangeFilter("delivery", QT_TR_NOOP("交期")),
            DateRangeFilter("order_date", QT_TR_NOOP("下单日期"),
                            presets=("today", "last30", "this_month", "this_year")),
        ]
        super().__init__(parent)

    def list_filters(self):
        """The list's filters and quick filter as core.lists.orders wants them."""
        f = self.filters
        statuses = f.get("status") or ()
        return order_list.OrderFilters(text=self.quick_text.strip(),
                                       statuses=(statuses,) if isinstance(statuses, str) else tuple(statuses),
                                       client_id=f.get("client"), merchandiser=f.get("merchandiser") or None,
                                       delivery=f.get("delivery"), order_date=f.get("order_date"))

    def list_sort(self):
        return order_list.Sort(self.sort_key(self._sort_col), self._sort_order == Qt.SortOrder.DescendingOrder)

    def load_rows(self, ids):
        """One query for the rows with their delivery risk and progress (core.lists.orders.rows)."""
        from ...core import enums
        from ...core.errors import current_language
        from ...core.revisions import revision_label

        en = current_language() == "en"
        out = {}
        for oid, r in order_list.rows(ids).items():
            p = r.progress
            level = order_list.shown_risk(r.status, p.level)
            out[oid] = [r.number, r.client, r.client_po, fmt_date(r.order_date), fmt_date(r.delivery_date),
                        enums.label("order_status", r.status), enums.label("risk", level) if level else "",
                        _progress_text(p), f"{r.quantity:,}", fmt_money(r.amount) if r.amount else "", r.currency,
                        revision_label(r.revision), level, r.status, p.reason_en if en else p.reason_zh, p]
        return out

    def display(self, row, col):
        return row[col]

    def foreground(self, row, col):
        if row[_STATUS] == "cancelled":
            return GREY_TEXT
        if col in (Col.RISK, Col.DELIVERY) and row[_LEVEL] in ("late", "at_risk"):
            return RISK_TEXT[row[_LEVEL]]
        if col == Col.RISK and row[_LEVEL]:
            return RISK_TEXT[row[_LEVEL]]
        return None

    def tooltip(self, row, col):
        if col in (Col.RISK, Col.DELIVERY):
            return row[_REASON] or None
        if col == Col.PROGRESS and row[_PROGRESS].ordered:
            p = row[_PROGRESS]  # formatted when asked: a tooltip is asked for one cell at a time
            return (tr("最后一道工序良品 %1 / %2 件;已出货 %3 件").replace("%1", f"{p.good:,}")
                    .replace("%2", f"{p.ordered:,}").replace("%3", f"{p.shipped:,}"))
        return None


def _progress_text(p: order_list.RowProgress) -> str:
    if not p.ordered:
        return ""
    if p.shipped:
        return tr("%1% · 已出 %2%").replace("%1", str(p.good_pct)).replace("%2", str(p.shipped_pct))
    return f"{p.good_pct}%"


class OrdersTab(ListTab):
    WATCH = frozenset({"order", "shipment", "payment", "revision", "quotation", "pi", "complaint",
                       "production_sheet", "flow_card", "client"})
    DETAIL = ("editor", "review", "revisions", "shipments", "payments", "quotations", "history", "client_update")

    def __init__(self, window, parent=None):
        super().__init__(window, parent)
        self.set_up_list(OrderListModel(), tr("筛选:订单号、客户订单号、客户名称或拼音首字母…"),
                         {Col.NUMBER: 105, Col.CLIENT: 150, Col.CLIENT_PO: 95, Col.ORDER_DATE: 85, Col.DELIVERY: 85,
                          Col.STATUS: 70, Col.RISK: 65, Col.PROGRESS: 90, Col.QUANTITY: 70, Col.AMOUNT: 95,
                          Col.CURRENCY: 45, Col.REVISION: 40})
        self.new_button = QPushButton(tr("新建订单"), self)
        self.new_button.setObjectName("newOrder")
        self.new_button.clicked.connect(self.new_record)
        self.complaint_button = QPushButton(tr("登记客诉…"), self)
        self.complaint_button.setToolTip(tr("为当前订单登记客户投诉(售后)"))
        self.complaint_button.clicked.connect(self.file_complaint)
        self.list_side([self.new_button, self.complaint_button])

        self.editor = OrderEditor(self)
        self.review = ReviewPanel(self)
        self.revisions = RevisionsView(self)
        self.shipments = ShipmentsPanel(self)
        self.payments = PaymentsPanel(self)
        self.quotations = QuotationsPanel(self)
        self.history = HistoryPanel(self)
        self.client_update = ClientUpdatePanel(self)
        self.detail = QTabWidget(self)
        self.detail.setObjectName("orderDetail")
        for widget, title in ((self.editor, tr("订单")), (self.review, tr("审查与状态")),
                              (self.revisions, tr("改单版本")), (self.shipments, tr("出货")),
                              (self.payments, tr("收款")), (self.quotations, tr("报价/PI")),
                              (self.history, tr("操作记录")), (self.client_update, tr("发给客户"))):
            self.detail.addTab(widget, title)
        self.detail.currentChanged.connect(lambda _i: self._load_detail_page())

        self.lay_out(self.detail, stretch=(3, 4), sizes=(640, 760), name="ordersSplitter")

        self.order_id: int | None = None
        self._after_saving: tuple[str, int | None] | None = None  # what the unsaved-changes prompt's Save was for
        self._loaded_pages: set[int] = set()
        self.pane.current_changed.connect(self._on_current)
        self.editor.saved.connect(self._after_save)
        self.editor.sample_wanted.connect(lambda sid: self.main_window.open_requested.emit("sample", sid))
        self.editor.save_failed.connect(lambda: setattr(self, "_after_saving", None))
        self.review.changed.connect(self._after_save)
        self.quotations.order_created.connect(self._after_save)

    # ------------------------------------------------------------ detail
    def _on_current(self, order_id) -> None:
        if order_id == self.order_id:
            return
        commit_open_editor(self.editor.lines_view)
        if self.editor.mode in ("edit", "new", "revise") and self.editor.is_dirty():
            answer = ask_unsaved(self, tr("订单有未保存的修改,要先保存吗?"))
            if answer != "discard":
                self._keep_current_row()
                if answer == "save":
                    self._after_saving = ("show", order_id)
                    self.editor.save()
                return
        self.show_order(order_id)

    def _keep_current_row(self) -> None:
        """Put the list back on the order being edited (a prompt was answered Cancel or Save)."""
        self.pane.blockSignals(True)
        if self.order_id is not None:
            self.pane.select_id(self.order_id)
        else:
            self.pane.table.setCurrentIndex(QModelIndex())
            self.pane.table.clearSelection()
        self.pane.blockSignals(False)

    def show_order(self, order_id: int | None) -> None:
        self.order_id = order_id
        self._loaded_pages.clear()
        self.editor.load(order_id)
        self._loaded_pages.add(0)
        self._load_detail_page()

    def _load_detail_page(self) -> None:
        i = self.detail.currentIndex()
        if i in self._loaded_pages:
            return
        self._loaded_pages.add(i)
        oid = self.order_id
        page = self.detail.widget(i)
        if page is self.editor:
            self.editor.load(oid)
        elif page is self.quotations:
            from ...core.orders import find_order

            order = find_order(oid)
            self.quotations.load(order.client_id if order else None, order.quotation_id if order else None)
        else:
            page.load(oid)

    def _after_save(self, order_id: int) -> None:
        if self.model.row_of(order_id) < 0:
            self.pane.refresh()
        self.pane.select_id(order_id)
        if self.order_id != order_id:
            self.show_order(order_id)
        then, self._after_saving = self._after_saving, None
        if then is not None and then[0] == "show":  # saved from the prompt: go where the user clicked
            if then[1] is None or not self.pane.select_id(then[1]):
                self.show_order(then[1])
        elif then is not None and then[0] == "close":
            self.main_window.close()

    def show_page(self, widget: QWidget) -> None:
        self.detail.setCurrentWidget(widget)

    def file_complaint(self) -> None:
        """Open a new complaint about the current order in the 售后 tab."""
        if self.order_id is None:
            return
        tab = self.main_window.show_tab("aftersales")
        tab.new_for_order(self.order_id)

    # ------------------------------------------------------- BaseTab API
    def refresh(self) -> None:
        self.pane.refresh()
        keep_editor = self.editor.mode in ("new", "revise") or (self.editor.mode == "edit" and self.editor.is_dirty())
        current = self.pane.current_id()
        if current is not None and current != self.order_id and not keep_editor:
            self.order_id = current
        self._loaded_pages.clear()
        if keep_editor:
            self._loaded_pages.add(self.detail.indexOf(self.editor))
        else:
            self.editor.load(self.order_id)
            self._loaded_pages.add(0)
        self._load_detail_page()

    def open_record(self, kind: str, id_: int) -> None:
        from ...core.records import locate

        home = locate(kind, id_)
        if kind in ("quotation", "pi"):
            if home is None:
                return
            if home.order_id is not None:
                self.pane.select_id(home.order_id)
            self.show_page(self.quotations)
            self.quotations.load(home.client_id, id_ if home.order_id is not None else None)
            self._loaded_pages.add(self.detail.indexOf(self.quotations))
            self.quotations.select_quotation(id_)
            return
        page = {"shipment": self.shipments, "payment": self.payments, "revision": self.revisions}.get(kind, self.editor)
        # an order, or a revision whose row is gone: the id is taken as the order's (as always)
        order_id = home.order_id if home is not None else (id_ if kind in ("order", "revision") else None)
        if kind not in ("shipment", "payment", "revision"):
            order_id = id_
        if order_id is None:
            return
        self.pane.select_id(order_id)
        if self.order_id != order_id:
            self.show_order(order_id)
        self.show_page(page)

    def new_record(self) -> bool:
        self.order_id = None
        self.pane.table.setCurrentIndex(QModelIndex())  # no list row stands for the new order
        self.pane.table.clearSelection()
        self._loaded_pages.clear()
        self.editor.new_order()
        self.show_page(self.editor)
        self._loaded_pages.add(self.detail.indexOf(self.editor))
        self.editor.field("client").setFocus()
        return True

    def save(self) -> bool:
        if self.detail.currentWidget() is self.review and self.review.save_review_button.isEnabled():
            self.review.save_review()
            return True
        if self.editor.mode in ("new", "edit", "revise"):
            self.show_page(self.editor)
            return self.editor.save()
        return False

    def can_close(self) -> bool:
        commit_open_editor(self.editor.lines_view)
        if self.editor.mode in ("edit", "new", "revise") and self.editor.is_dirty():
            answer = ask_unsaved(self, tr("订单有未保存的修改,退出前要先保存吗?"))
            if answer == "save":
                self.show_page(self.editor)
                self._after_saving = ("close", None)  # the window closes once it is saved
                self.editor.save()
            return answer == "discard"
        return True


def create_tab(window) -> OrdersTab:
    return OrdersTab(window)
