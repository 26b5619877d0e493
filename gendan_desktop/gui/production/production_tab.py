"""生产跟踪 tab: orders in production on the left; for the chosen order its
delivery risk, the actions (issue sheet / cards, start production, print) and
sub-tabs for progress (grid + scan box), documents, materials and purchases,
exceptions; plus the recalled documents still to collect, for all orders."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.lists import production as production_list
from ..kit.elided_label import ElidedLabel
from ..kit.flow_layout import FlowLayout, flow_widget_policy
from ..kit.list_tab import ListTab
from ..kit.record_text import shortages_text
from ..kit.tab_kit import GREY_TEXT, RISK_TEXT, open_dialog, reason_dialog, run_change
from ..kit.table_model import QT_TR_NOOP, ChoiceFilter, DateRangeFilter, IdListModel, fmt_date
from .production_panels import DocumentsPanel, ExceptionsPanel, MaterialsPanel
from .progress_panel import ProgressPanel
from .recalls_panel import RecallsPanel


def tr(text: str) -> str:
    return QCoreApplication.translate("ProductionTab", text)


class PCol(IntEnum):
    NUMBER = 0
    CLIENT = 1
    DELIVERY = 2
    STATUS = 3
    RISK = 4
    PROGRESS = 5
    EXCEPTIONS = 6


class StatusScopeFilter(ChoiceFilter):
    def options(self):
        from ...core.enums import ENUMS, label

        return [("open", tr("待生产/生产中"))] + [(v, label("order_status", v)) for v in ENUMS["order_status"]]


class ProductionOrderModel(IdListModel):
    LIST = production_list
    KIND = "order"
    SETTINGS_KEY = "production_orders"
    Columns = PCol
    HEADERS = {PCol.NUMBER: QT_TR_NOOP("订单号"), PCol.CLIENT: QT_TR_NOOP("客户"), PCol.DELIVERY: QT_TR_NOOP("交期"),
               PCol.STATUS: QT_TR_NOOP("状态"), PCol.RISK: QT_TR_NOOP("交期风险"),
               PCol.PROGRESS: QT_TR_NOOP("完工"), PCol.EXCEPTIONS: QT_TR_NOOP("未结异常")}
    ALIGN_RIGHT = frozenset({PCol.PROGRESS, PCol.EXCEPTIONS})
    SORT_KEYS = {PCol.NUMBER: "number", PCol.CLIENT: "client", PCol.DELIVERY: "delivery_date", PCol.STATUS: "status"}
    DEFAULT_SORT = (PCol.DELIVERY, Qt.SortOrder.AscendingOrder)

    def __init__(self, parent=None):
        self.FILTERS = [StatusScopeFilter("status", QT_TR_NOOP("状态")),
                        DateRangeFilter("delivery", QT_TR_NOOP("交期"))]
        super().__init__(parent)
        self.filters["status"] = "open"

    def load_rows(self, ids):
        from ...core import enums

        return {oid: (r.number, r.client, fmt_date(r.delivery_date), enums.label("order_status", r.status),
                      enums.label("risk", r.risk) if r.risk else "", f"{r.good_pct}%", str(r.open_exceptions or ""),
                      r.risk, r.status, r.risk_reason)
                for oid, r in production_list.rows(ids).items()}

    def foreground(self, row, col):
        if row[8] == "cancelled":
            return GREY_TEXT
        if col in (PCol.RISK, PCol.DELIVERY) and row[7]:
            return RISK_TEXT[row[7]] if (col == PCol.RISK or row[7] != "on_track") else None
        return None

    def tooltip(self, row, col):
        return row[9] or None if col in (PCol.RISK, PCol.DELIVERY, PCol.PROGRESS) else None


class OrderHeader(QWidget):
    """Three lines about the chosen order (number and client; delivery risk;
    progress) at a fixed height: the buttons below never move when another
    order, with a longer text, is chosen. A line too long ends in "…"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines = [ElidedLabel("", self) for _ in range(3)]
        font = self.lines[0].font()
        font.setBold(True)
        self.lines[0].setFont(font)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        for label in self.lines:
            lay.addWidget(label)
        self.setFixedHeight(sum(label.sizeHint().height() for label in self.lines) + 2 * lay.spacing())

    def set_lines(self, first: str, second: str = "", colour: str = "", third: str = "") -> None:
        for label, text in zip(self.lines, (first, second, third)):
            label.setText(text)
        self.lines[1].setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")

    def text(self) -> str:
        return "\n".join(label.text() for label in self.lines if label.text())


class ProductionTab(ListTab):
    WATCH = frozenset({"order", "production_sheet", "flow_card", "flow_card_step", "exception", "recall",
                       "material", "purchase", "revision"})

    def __init__(self, window, parent=None):
        super().__init__(window, parent)
        self.dialog = None
        self.order_id: int | None = None
        self.set_up_list(ProductionOrderModel(), tr("筛选:订单号、流程卡号、客户…"),
                         {PCol.NUMBER: 100, PCol.CLIENT: 130, PCol.DELIVERY: 80, PCol.STATUS: 65, PCol.RISK: 60,
                          PCol.PROGRESS: 50, PCol.EXCEPTIONS: 60}, combo_chars=5)
        self.pane.set_filter_value("status", "open")

        self.header = OrderHeader(self)
        self.header.setObjectName("productionHeader")
        self._build_actions()
        self._build_detail()
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.header)
        rv.addWidget(self.actions_bar)
        rv.addWidget(self.detail, 1)
        self.lay_out(right, stretch=(2, 5), sizes=(480, 920), name="productionSplitter")
        self._loaded: set[int] = set()
        self._shown = 0  # detail loads so far (refresh: whether the list's reload already showed one)
        self.pane.current_changed.connect(self.show_order)
        self.show_order(None)

    def _build_actions(self) -> None:
        """The issue / start / print buttons (``actions_bar``)."""
        self.sheet_button = QPushButton(tr("下发生产单"), self)
        self.sheet_button.setObjectName("issueSheet")
        self.cards_button = QPushButton(tr("下发流程卡…"), self)
        self.cards_button.setObjectName("issueCards")
        self.start_button = QPushButton(tr("开始生产…"), self)
        self.start_button.setObjectName("startProduction")
        self.print_sheet_button = QPushButton(tr("打印生产单"), self)
        self.print_cards_button = QPushButton(tr("打印全部流程卡"), self)
        self.print_selected_button = QPushButton(tr("打印所选流程卡"), self)
        self.sheet_button.clicked.connect(self.issue_sheet)
        self.cards_button.clicked.connect(self.issue_cards)
        self.start_button.clicked.connect(self.start_production)
        self.print_sheet_button.clicked.connect(lambda: self._print("sheet"))
        self.print_cards_button.clicked.connect(lambda: self._print("cards"))
        self.print_selected_button.clicked.connect(lambda: self._print("selected"))
        # one row when there is room, two in a narrow window or in English
        # (six buttons in a row made the window wider than the screen)
        self.actions_bar = QWidget(self)
        actions = FlowLayout(self.actions_bar)
        for b in (self.sheet_button, self.cards_button, self.start_button, self.print_sheet_button,
                  self.print_cards_button, self.print_selected_button):
            actions.addWidget(b)
        actions.right_align_from(3)
        flow_widget_policy(self.actions_bar)

    def _build_detail(self) -> None:
        """The order's pages: progress, documents, materials, exceptions, recalls."""
        self.progress = ProgressPanel(self)
        self.documents = DocumentsPanel(self)
        self.materials = MaterialsPanel(self)
        self.exceptions = ExceptionsPanel(self)
        self.recalls = RecallsPanel(self)
        self.detail = QTabWidget(self)
        self.detail.setObjectName("productionDetail")
        # the pages in tab order: each loads the order shown when first opened
        self._pages: list[Any] = [self.progress, self.documents, self.materials, self.exceptions, self.recalls]
        for w, title in ((self.progress, tr("生产进度")), (self.documents, tr("生产单与流程卡")),
                         (self.materials, tr("物料与采购")), (self.exceptions, tr("生产异常")),
                         (self.recalls, tr("待收回单据"))):
            self.detail.addTab(w, title)
        self.detail.currentChanged.connect(lambda _i: self._load_page())
        self.progress.order_wanted.connect(self.open_order)
        self.recalls.order_wanted.connect(self.open_order)

    # ------------------------------------------------------------- detail
    def show_order(self, order_id) -> None:
        self.order_id = order_id
        self._shown += 1
        self._loaded.clear()
        self._update_header()
        self._load_page()

    def _load_page(self) -> None:
        i = self.detail.currentIndex()
        if i in self._loaded:
            return
        self._loaded.add(i)
        self._pages[i].load(self.order_id)

    def show_page(self, widget: QWidget) -> None:
        self.detail.setCurrentWidget(widget)
        self._load_page()

    def open_order(self, order_id: int) -> None:
        """Show ``order_id`` (from a scanned card or a recalled document), whatever the filters."""
        if not self.pane.select_id(order_id):
            self.pane.set_filter_value("status", None)
            self.pane.select_id(order_id)
        if self.order_id != order_id:
            self.show_order(order_id)

    def _update_header(self) -> None:
        from ...core import enums
        from ...core.orders import client_name, find_order
        from ...core.progress_queries import order_progress
        from ...core.revisions import revision_label
        from ...core.risk import delivery_risk
        from ...core.sheets import current_sheet

        order = find_order(self.order_id)
        status = order.status if order else None
        for b in (self.sheet_button, self.cards_button):
            b.setEnabled(status in ("confirmed", "in_production"))
        self.start_button.setEnabled(status == "confirmed")
        for b in (self.print_sheet_button, self.print_cards_button, self.print_selected_button):
            b.setEnabled(order is not None)
        if order is None:
            self.header.set_lines(tr("在左边选择订单,或在“生产进度”页扫描流程卡。"))
            return
        risk = delivery_risk(order.id)
        prog = order_progress(order.id)
        sheet = current_sheet(order.id)
        colour = RISK_TEXT[risk.level].name() if status not in ("cancelled", "shipped", "settled") else "#555"
        self.header.set_lines(
            f"{order.number} {revision_label(order.revision)} · {client_name(order.client_id)} · "
            + tr("交期 %1").replace("%1", order.delivery_date.isoformat()) + " · "
            + enums.label("order_status", order.status),
            f"{enums.label('risk', risk.level)} — {risk.reason()}", colour,
            (tr("取消前已开流程卡 %1 件,已投产 %2 件,完工 %3 件").replace("%1", f"{prog.carded:,}")
             .replace("%2", f"{prog.started:,}").replace("%3", f"{prog.good:,}") if status == "cancelled" else
             tr("订单 %1 件,已开流程卡 %2 件,完工 %3 件(%4%)").replace("%1", f"{prog.ordered:,}")
             .replace("%2", f"{prog.carded:,}").replace("%3", f"{prog.good:,}").replace("%4", str(prog.percent))
             + (" · " + tr("生产单 %1").replace("%1", sheet.number) if sheet else " · " + tr("尚未下发生产单"))))

    # ------------------------------------------------------------ actions
    def _changed(self, _result=None) -> None:
        self._update_header()
        self._loaded.clear()
        self._load_page()

    def issue_sheet(self, reissue: bool = False):
        if self.order_id is None:
            return None
        from ...core.sheets import current_sheet

        order_id = self.order_id
        if not reissue and current_sheet(order_id) is not None:
            answer = QMessageBox.question(
                self,
                tr("重新下发生产单"),
                tr("本版本已有生产单。重新下发将收回旧单,继续吗?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            reissue = True

        def call():
            from ...core.production import issue_production_sheet

            return issue_production_sheet(order_id, reissue=reissue)
        return run_change(self, call, {"production_sheet", "recall"}, self._changed)

    def issue_cards(self):
        if self.order_id is None:
            return None
        from .issue_cards_dialog import open_issue_cards_dialog

        return open_issue_cards_dialog(self, self.order_id, self._changed)

    def start_production(self):
        """开始生产…: asks first when the sheet, cards or materials are missing, then
        for a reason when materials are short."""
        if self.order_id is None:
            return None
        from ...core.materials import materials_covered
        from ...core.production import missing_for_start

        order_id = self.order_id
        missing = missing_for_start(order_id)
        if missing:
            from ...core.errors import current_language

            en = current_language() == "en"
            listed = "\n".join("• " + (e if en else z) for z, e in missing)
            answer = QMessageBox.question(
                self, tr("开始生产"), tr("这张订单还缺:\n%1\n\n仍要开始生产吗?").replace("%1", listed),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        confirm = bool(missing)
        covered, short = materials_covered(order_id)
        if covered:
            def call():
                from ...core.production import start_production

                return start_production(order_id, confirm_missing=confirm)
            return run_change(self, call, {"order"}, self._changed)
        shortage = shortages_text(short)

        def call_with(reason: str):
            from ...core.production import start_production

            return lambda: start_production(order_id, reason, confirm_missing=confirm)
        dlg = reason_dialog(self, tr("物料不足,强制开始生产"),
                            tr("物料不足:%1。如仍要开始生产,请填写原因(将记录在订单上):").replace("%1", shortage),
                            call_with, {"order"}, ok_text=tr("开始生产"),
                            placeholder=tr("例如:客户同意先用库存布开裁"))
        return open_dialog(self, dlg, self._changed)

    def _print(self, what: str):
        if self.order_id is None:
            return None
        from ..kit.printing_actions import print_order_documents  # QtPdf: loaded when first printing

        if what in ("sheet", "cards"):
            return print_order_documents(self, self.order_id, what)
        ids = self.documents.selected_card_ids() if self.detail.indexOf(self.documents) in self._loaded else []
        if not ids:
            self.show_page(self.documents)
            QMessageBox.information(self, tr("打印所选流程卡"), tr("请在“生产单与流程卡”页选择要打印的流程卡。"))
            return None
        return print_order_documents(self, self.order_id, "cards", ids)

    # ------------------------------------------------------- BaseTab API
    def refresh(self) -> None:
        shown = self._shown
        self.pane.refresh()
        if self._shown == shown:  # the reload made no row current anew (which showed its order): read it again
            self._changed()

    def open_record(self, kind: str, id_: int) -> None:
        from ...core.records import locate

        if kind == "recall":
            self.show_page(self.recalls)
            return
        home = locate(kind, id_)
        if home is None or home.order_id is None:
            return
        self.open_order(home.order_id)
        if home.card_id is not None:
            from ...core.progress import get_card

            self.show_page(self.progress)
            self.progress.set_card(get_card(home.card_id))
            return
        self.show_page({"production_sheet": self.documents, "exception": self.exceptions, "material": self.materials,
                        "purchase": self.materials}.get(kind, self.progress))


def create_tab(window) -> ProductionTab:
    return ProductionTab(window)

