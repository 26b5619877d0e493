"""订单 tab: the order list (status, delivery date, risk colour) and the order detail.

The list is an IdListModel (sorted ids from SQL, rows loaded by id for the
visible range; risk computed by core.risk.risk_for_orders for each chunk of
100 rows). The detail is a set of sub-tabs: the editor, review and status
actions, revisions side by side, shipments, payments, quotations/PI and the
audit history; a sub-tab is read when it is shown.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from .list_view import ListPane
from .order_editor import OrderEditor
from .order_money import PaymentsPanel, ShipmentsPanel
from .order_records import HistoryPanel, QuotationsPanel
from .order_review import ReviewPanel
from .revisions_view import RevisionsView
from .tab_base import BaseTab
from .edit_grid import commit_open_editor
from .tab_kit import GREY_TEXT, RISK_TEXT, ask_unsaved, tidy_list_pane
from .table_model import QT_TR_NOOP, ChoiceFilter, DateRangeFilter, IdListModel, fmt_date, fmt_money, scan_only


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
    QUANTITY = 7
    AMOUNT = 8
    CURRENCY = 9
    REVISION = 10


class ClientFilter(ChoiceFilter):
    """The client of the order lists: typed (name, code, pinyin initials), the
    drop-down lists the clients with the most orders in pinyin order (a list
    of 10,000 names would help nobody)."""

    LIMIT = 200

    def options(self):
        return []

    def search(self, text):
        from ..core.pickers import client_choices

        return client_choices(text, with_orders=True)

    def browse(self):
        from ..core.pickers import client_choices

        return client_choices(limit=self.LIMIT, with_orders=True)

    def lookup(self, client_id):
        from ..core.pickers import client_by_id

        return client_by_id(client_id)


def order_text_condition(text: str):
    """The quick filter of the order lists: order number or client PO (from the
    start; anywhere once three characters are typed), or the client's name,
    code or pinyin (core.search). Returns (condition, few): condition None when
    every order matches; ``few`` when the list should be sorted after finding the
    matches by their indexes (see OrderListModel.sort_key).

    On SQLite, when many orders match, the number and PO are tested as prefix
    ranges inside the covering list index being walked, so a text that matches
    nearly every order never becomes a 100,000-id list to sort.
    """
    from ..core.db import is_sqlite
    from ..core.models import Order
    from ..core.search import matching_ids

    t = text.strip()
    if not is_sqlite():
        return Order.id.in_(matching_ids("order", t)) | Order.client.in_(matching_ids("client", t)), False
    variants = list(dict.fromkeys((t, t.upper())))
    # A prefix of every order number (all start "SO") filters nothing: two
    # index seeks find no number outside its range, and the list stays unfiltered.
    for v in variants:
        if not Order.select(Order.id).where((Order.number < v) | (Order.number >= v + "\U0010ffff")).exists():
            return None, False
    # Few matches: let SQLite find them by their indexes and sort them (a few
    # ms). Many: test each order inside the covering index walked in sort order.
    walk = _matches_many(t, variants)
    f = scan_only if walk else (lambda field: field)
    cond = None
    for column in (Order.number, Order.client_po):
        for v in variants:
            term = (f(column) >= v) & (f(column) < v + "\U0010ffff")
            cond = term if cond is None else (cond | term)
    if len(t) >= 3:  # any part of the number or PO (FTS trigram; shorter text: prefix only, as core.search)
        cond = cond | Order.id.in_(matching_ids("order", t))
    return cond | f(Order.client).in_(matching_ids("client", t)), not walk


def _matches_many(text: str, variants: list[str], many: int = 2000) -> bool:
    """Whether the number/PO prefix or the client names match many orders
    (bounded look-ups of well under a millisecond, plus one client search)."""
    from peewee import SQL

    from ..core.models import Client, Order
    from ..core.search import matching_ids

    for column in (Order.number, Order.client_po):
        for v in variants:
            q = Order.select(SQL("1")).where((column >= v) & (column < v + "\U0010ffff"))
            if q.limit(1).offset(many).scalar():
                return True
    return bool(Client.select(SQL("1")).where(Client.id.in_(matching_ids("client", text)))
                .limit(1).offset(many // 5).scalar())


class OrderListModel(IdListModel):
    KIND = "order"
    SETTINGS_KEY = "orders"
    Columns = Col
    HEADERS = {
        Col.NUMBER: QT_TR_NOOP("订单号"), Col.CLIENT: QT_TR_NOOP("客户"), Col.CLIENT_PO: QT_TR_NOOP("客户订单号"),
        Col.ORDER_DATE: QT_TR_NOOP("下单日期"), Col.DELIVERY: QT_TR_NOOP("交期"), Col.STATUS: QT_TR_NOOP("状态"),
        Col.RISK: QT_TR_NOOP("交期风险"), Col.QUANTITY: QT_TR_NOOP("数量"), Col.AMOUNT: QT_TR_NOOP("金额"),
        Col.CURRENCY: QT_TR_NOOP("币种"), Col.REVISION: QT_TR_NOOP("版本"),
    }
    ALIGN_RIGHT = frozenset({Col.QUANTITY, Col.AMOUNT})
    DEFAULT_SORT = (Col.ORDER_DATE, Qt.DescendingOrder)

    def __init__(self, parent=None):
        from ..core.models import Order

        self.FILTERS = [
            ChoiceFilter("status", QT_TR_NOOP("状态"), Order.status, enum="order_status"),
            DateRangeFilter("delivery", QT_TR_NOOP("交期"), Order.delivery_date),
            DateRangeFilter("order_date", QT_TR_NOOP("下单日期"), Order.order_date,
                            presets=("today", "last30", "this_month", "this_year")),
            ClientFilter("client", QT_TR_NOOP("客户"), Order.client),
        ]
        super().__init__(parent)
        self._text_filters = False
        self._few_matches = False
        self._risk_pending: dict[int, list] = {}
        self._risk_timer = QTimer(self, singleShot=True, interval=0)
        self._risk_timer.timeout.connect(self._fill_risk)

    def base_query(self):
        from ..core.models import Client, Order

        # Join the clients only to sort by them: with the join SQLite walks
        # 100,000 orders through the client table (280 ms instead of 45 ms).
        if self._sort_col == Col.CLIENT:
            return Order.select(Order.id).join(Client, on=(Order.client == Client.id))
        return Order.select(Order.id)

    def sort_key(self, col):
        from ..core.models import Client, Order

        # PO and status have no covering list index: when filtered, let SQLite
        # find the rows by the filter's index and sort them (walking the PO or
        # status index would read every order's row to test the filter).
        text = bool(self.quick_text.strip())
        filtered = bool(self.filters) or (text and self._text_filters)
        if text and self._few_matches:  # found by their indexes, then sorted
            key = self._sort_key(col, Client, Order)
            if isinstance(key, list):
                return [scan_only(k) for k in key]
            return scan_only(key) if key is not None else None
        return self._sort_key(col, Client, Order, filtered)

    @staticmethod
    def _sort_key(col, Client, Order, filtered=False):  # noqa: N803 - the models
        # by client: pinyin, then the client, then the order — SQLite walks the
        # pinyin index and each client's orders in id order, with no sort step
        return {Col.NUMBER: Order.number, Col.CLIENT: [Client.pinyin, Client.id],
                Col.CLIENT_PO: scan_only(Order.client_po) if filtered else Order.client_po,
                Col.ORDER_DATE: Order.order_date, Col.DELIVERY: Order.delivery_date,
                Col.STATUS: scan_only(Order.status) if filtered else Order.status,
                }.get(col)  # currency and revision have no index: sorting 100k rows by them took 70 ms

    def search_subquery(self, text):
        return None  # text_condition also matches the client's name and pinyin

    def in_sort_index(self) -> bool:
        """Whether the sort column has a covering list index (models.ORDER_LIST_INDEXES)."""
        return self._sort_col in (Col.NUMBER, Col.CLIENT, Col.ORDER_DATE, Col.DELIVERY)

    def apply_filter(self, query, spec, value):
        from ..core.models import Order

        if spec is not None and spec.key == "status" and self.in_sort_index():
            return query.where(scan_only(Order.status) == value)
        if isinstance(spec, DateRangeFilter) and self._sort_col == Col.CLIENT:
            # by client, a date range found through its own index costs one client
            # lookup per order (70 ms for the overdue ones); test it in the index walked
            lo, hi = value
            field = scan_only(spec.field)
            if lo is not None:
                query = query.where(field >= lo)
            return query.where(field <= hi) if hi is not None else query
        return super().apply_filter(query, spec, value)

    def text_condition(self, text):
        cond, self._few_matches = order_text_condition(text)
        self._text_filters = cond is not None  # read by sort_key, called after this
        return cond

    def load_rows(self, ids):
        """Two queries for the rows; the delivery risk (five more queries) is
        filled in right after the rows are painted, so sorting and filtering
        answer sooner (see _fill_risk)."""
        out = self._query_rows(ids)
        self._risk_pending.update(out)
        self._risk_timer.start()
        return out

    def export_rows(self, ids):
        """For 导出当前列表 (runs in a worker: no timer, no shared state): the
        rows with their delivery risk filled in at once."""
        from ..core.risk import risk_for_orders

        out = self._query_rows(ids)
        self._apply_risk(out, risk_for_orders(list(out)))
        return out

    def _query_rows(self, ids):
        from peewee import fn

        from ..core import enums
        from ..core.models import Client, Order, OrderLine
        from ..core.revisions import revision_label

        sums = {oid: (q, a) for oid, q, a in
                OrderLine.select(OrderLine.order, fn.SUM(OrderLine.quantity),
                                 fn.SUM(OrderLine.quantity * OrderLine.unit_price))
                .where(OrderLine.order.in_(ids)).group_by(OrderLine.order).tuples()}
        out = {}
        for oid, number, client, po, odate, delivery, status, currency, rev in (
                Order.select(Order.id, Order.number, Client.name, Order.client_po, Order.order_date,
                             Order.delivery_date, Order.status, Order.currency, Order.revision)
                .join(Client, on=(Order.client == Client.id)).where(Order.id.in_(ids)).tuples()):
            qty, amount = sums.get(oid, (0, None))
            out[oid] = [number, client, po, fmt_date(odate), fmt_date(delivery),
                        enums.label("order_status", status), "",
                        f"{int(qty or 0):,}", fmt_money(OrderLine.unit_price.from_sum(amount)) if amount else "",
                        currency, revision_label(rev), "", status, ""]
        return out

    @staticmethod
    def _apply_risk(rows, risks) -> None:
        from ..core import enums

        for oid, row in rows.items():
            risk = risks.get(oid)
            level = risk.level if risk is not None and row[12] not in ("cancelled", "shipped", "settled") else ""
            row[6] = enums.label("risk", level) if level else ""
            row[11] = level
            row[13] = risk.reason() if risk else ""

    def _fill_risk(self) -> None:
        from ..core.risk import risk_for_orders

        pending, self._risk_pending = self._risk_pending, {}
        if not pending:
            return
        self._apply_risk(pending, risk_for_orders(list(pending)))
        if self.rowCount():
            last = self.rowCount() - 1
            self.dataChanged.emit(self.index(0, Col.DELIVERY), self.index(last, Col.RISK))

    def foreground(self, row, col):
        if row[12] == "cancelled":
            return GREY_TEXT
        if col in (Col.RISK, Col.DELIVERY) and row[11] in ("late", "at_risk"):
            return RISK_TEXT[row[11]]
        if col == Col.RISK and row[11]:
            return RISK_TEXT[row[11]]
        return None

    def tooltip(self, row, col):
        if col in (Col.RISK, Col.DELIVERY):
            return row[13] or None
        return None


class OrdersTab(BaseTab):
    WATCH = frozenset({"order", "shipment", "payment", "revision", "quotation", "pi", "complaint",
                       "production_sheet", "flow_card", "client"})
    DETAIL = ("editor", "review", "revisions", "shipments", "payments", "quotations", "history")

    def __init__(self, window, parent=None):
        super().__init__(window, parent)
        self.model = OrderListModel()
        self.pane = ListPane(self.model, self, placeholder=tr("筛选:订单号、客户订单号、客户名称或拼音首字母…"))
        tidy_list_pane(self.pane, {Col.NUMBER: 105, Col.CLIENT: 150, Col.CLIENT_PO: 95, Col.ORDER_DATE: 85,
                                   Col.DELIVERY: 85, Col.STATUS: 70, Col.RISK: 65, Col.QUANTITY: 70,
                                   Col.AMOUNT: 95, Col.CURRENCY: 45, Col.REVISION: 40})
        self.new_button = QPushButton(tr("新建订单"), self)
        self.new_button.setObjectName("newOrder")
        self.new_button.clicked.connect(self.new_record)
        self.complaint_button = QPushButton(tr("登记客诉…"), self)
        self.complaint_button.setToolTip(tr("为当前订单登记客户投诉(售后)"))
        self.complaint_button.clicked.connect(self.file_complaint)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.complaint_button)
        top.addStretch(1)
        lv.addLayout(top)
        lv.addWidget(self.pane)

        self.editor = OrderEditor(self)
        self.review = ReviewPanel(self)
        self.revisions = RevisionsView(self)
        self.shipments = ShipmentsPanel(self)
        self.payments = PaymentsPanel(self)
        self.quotations = QuotationsPanel(self)
        self.history = HistoryPanel(self)
        self.detail = QTabWidget(self)
        self.detail.setObjectName("orderDetail")
        for widget, title in ((self.editor, tr("订单")), (self.review, tr("审查与状态")),
                              (self.revisions, tr("改单版本")), (self.shipments, tr("出货")),
                              (self.payments, tr("收款")), (self.quotations, tr("报价/PI")),
                              (self.history, tr("操作记录"))):
            self.detail.addTab(widget, title)
        self.detail.currentChanged.connect(lambda _i: self._load_detail_page())

        split = QSplitter(Qt.Horizontal, self)
        split.setObjectName("ordersSplitter")
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 4)
        split.setSizes([640, 760])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)

        self.order_id: int | None = None
        self._after_saving: tuple[str, int | None] | None = None  # what the unsaved-changes prompt's Save was for
        self._loaded_pages: set[int] = set()
        self.pane.current_changed.connect(self._on_current)
        self.editor.saved.connect(self._after_save)
        self.editor.sample_wanted.connect(lambda sid: self.window.open_requested.emit("sample", sid))
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
            from ..core.models import Order

            order = Order.get_or_none(Order.id == oid) if oid else None
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
            self.window.close()

    def show_page(self, widget: QWidget) -> None:
        self.detail.setCurrentWidget(widget)

    def file_complaint(self) -> None:
        """Open a new complaint about the current order in the 售后 tab."""
        if self.order_id is None:
            return
        tab = self.window.show_tab("aftersales")
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
        from ..core.models import Order, OrderRevision, Payment, Quotation, Shipment

        if kind in ("quotation", "pi"):
            q = Quotation.get_or_none(Quotation.id == id_)
            if q is None:
                return
            order = Order.select().where(Order.quotation == q.id).first()
            if order is not None:
                self.pane.select_id(order.id)
            self.show_page(self.quotations)
            self.quotations.load(q.client_id, order.quotation_id if order else None)
            self._loaded_pages.add(self.detail.indexOf(self.quotations))
            self.quotations.select_quotation(q.id)
            return
        page, order_id = self.editor, id_
        if kind == "shipment":
            s = Shipment.get_or_none(Shipment.id == id_)
            page, order_id = self.shipments, s.order_id if s else None
        elif kind == "payment":
            p = Payment.get_or_none(Payment.id == id_)
            page, order_id = self.payments, p.order_id if p else None
        elif kind == "revision":
            r = OrderRevision.get_or_none(OrderRevision.id == id_)
            page, order_id = self.revisions, r.order_id if r else id_
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

    def filter_widget(self):
        return self.pane.filter_edit

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
