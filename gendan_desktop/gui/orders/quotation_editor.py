"""The quotation editor (报价单): header form (ui/quotation_form.ui) + items
edited in place with live prices (quotation_items_model).

    open_quotation_editor(owner, quotation_id=None, client_id=None) -> QuotationEditor

Nothing is written until the whole form is valid: a bad cell is found here
before the call, and any error the service raises is shown under its field or
on the cell it names. Saving goes through core.quotations.create_quotation /
update_quotation (versioned: a StaleEdit offers to reload). Status actions
(mark sent, issue PI, turn into an order) and the print preview
(quotation_actions.py) work on the saved quotation, so they ask for unsaved
edits to be saved first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.status_rules import can_confirm, can_edit, can_issue_pi, can_send
from ..kit.edit_grid import commit_open_editor
from ..kit.forms import FieldErrors, form_child, get_value, load_form, set_value, setup_optional_date
from ..kit.operations import CollectionOp
from ..kit.tab_kit import ask_unsaved, handle_failure
from .quotation_items_model import ItemCol, QuotationItemsModel, error_field, items_grid, plain

HEADER_FIELDS = ("date", "currency", "exchange_rate", "margin_pct", "valid_until", "trade_terms", "payment_terms",
                 "notes")
KINDS = {"quotation", "pi"}


def tr(text: str) -> str:
    return QCoreApplication.translate("QuotationEditor", text)


def open_quotation_editor(owner: QWidget, quotation_id: int | None = None,
                          client_id: int | None = None) -> QuotationEditor:
    """Show the editor (non-modal) for a saved quotation or a new one for
    ``client_id``; kept as ``owner.quotation_editor`` (tests reach it there)."""
    dlg = QuotationEditor(owner)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if quotation_id is not None:
        dlg.load(quotation_id)
    else:
        dlg.new_quotation(client_id)
    owner.quotation_editor = dlg  # type: ignore[attr-defined]  # its owners (ClientDetail, QuotationsPanel) declare it
    dlg.finished.connect(lambda _r: setattr(owner, "quotation_editor", None)
                         if getattr(owner, "quotation_editor", None) is dlg else None)
    dlg.show()
    return dlg


class QuotationEditor(QDialog):
    saved = Signal(int)          # quotation id, after create / update / a status action
    order_created = Signal(int)  # order id, after 转为订单
    order_wanted = Signal(int)   # order id: the user clicked the link to the order the quotation became

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quotationEditor")
        self.setWindowTitle(tr("报价单"))
        self.resize(1320, 680)  # fit_to_screen keeps it on a smaller screen
        self.quotation = None
        self.dialog = None  # the 转为订单 dialog while open
        self._dirty = False
        self._loading = False
        self._close_when_saved = False  # Save chosen when closing with unsaved changes
        self._orders: list[tuple[int, str]] = []
        self._build_header()
        item_bar = self._build_items()
        actions = self._build_actions()
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.form)
        lay.addWidget(self.items_view, 1)
        lay.addLayout(item_bar)
        lay.addWidget(self.error_label)
        lay.addLayout(actions)
        self._watch_edits()

    def _build_header(self) -> None:
        """Title, the link to the order, the header form (ui/quotation_form.ui) and its error line."""
        self.title = QLabel(self)
        self.title.setObjectName("quotationTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.open_order_button = QPushButton(self)  # 查看订单 SO…: shown once the quotation became an order
        self.open_order_button.setObjectName("openQuotationOrder")
        self.open_order_button.setAutoDefault(False)
        self.open_order_button.clicked.connect(self._open_order)
        self.open_order_button.hide()
        self.form = load_form("quotation_form.ui", self)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("quotationError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.errors = FieldErrors(self.form, self.error_label)
        from ...core.enums import CURRENCIES
        from .client_picker import ClientPicker

        self.picker = ClientPicker(self.field("client"))
        self.field("currency").addItems(CURRENCIES)
        self.field("date").setCalendarPopup(True)
        setup_optional_date(self.field("valid_until"))

    def _build_items(self) -> QHBoxLayout:
        """The items grid; returns the row of item buttons with the totals."""
        self.items = QuotationItemsModel(self)
        self.items.totals_changed.connect(self._update_totals)
        self.items.edited.connect(self._mark_dirty)
        self.items_view = items_grid(self, self.items)
        self.add_button = QPushButton(tr("添加行"), self)
        self.copy_button = QPushButton(tr("复制行"), self)
        self.remove_button = QPushButton(tr("删除行"), self)
        self.add_button.clicked.connect(self.add_item)
        self.copy_button.clicked.connect(lambda: self.add_item(copy=True))
        self.remove_button.clicked.connect(self.remove_selected_items)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("quotationTotals")
        item_bar = QHBoxLayout()
        for b in (self.add_button, self.copy_button, self.remove_button):
            b.setAutoDefault(False)
            item_bar.addWidget(b)
        item_bar.addStretch(1)
        item_bar.addWidget(self.totals_label)
        return item_bar

    def _build_actions(self) -> QHBoxLayout:
        """Save, the status actions (quotation_actions.py), the link to the order, Close."""
        from . import quotation_actions as act

        self.save_button = QPushButton(tr("保存 (Ctrl+S)"), self)
        self.save_button.setObjectName("saveQuotation")
        self.sent_button = QPushButton(tr("标记已发送"), self)
        self.pi_button = QPushButton(tr("开PI"), self)
        self.preview_button = QPushButton(tr("预览/打印"), self)
        self.order_button = QPushButton(tr("转为订单…"), self)
        self.close_button = QPushButton(tr("关闭"), self)
        self.save_button.clicked.connect(self.save)
        self.sent_button.clicked.connect(lambda: act.mark_sent(self))
        self.pi_button.clicked.connect(lambda: act.issue_pi(self))
        self.preview_button.clicked.connect(lambda: act.preview(self))
        self.order_button.clicked.connect(lambda: act.to_order(self))
        self.close_button.clicked.connect(self.close)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        for b in (self.sent_button, self.pi_button, self.preview_button, self.order_button, self.open_order_button,
                  self.close_button):
            actions.addWidget(b)
        for b in (self.save_button, self.sent_button, self.pi_button, self.preview_button, self.order_button,
                  self.close_button):
            b.setAutoDefault(False)
        return actions

    def _watch_edits(self) -> None:
        """Prices follow the rate and margin; any edit marks the quotation unsaved."""
        for name in ("exchange_rate", "margin_pct"):
            self.field(name).textChanged.connect(self._pricing_changed)
        self.field("currency").currentTextChanged.connect(self._currency_changed)
        for name in ("exchange_rate", "margin_pct", "trade_terms", "payment_terms"):
            self.field(name).textEdited.connect(self._mark_dirty)
        self.field("notes").textChanged.connect(self._mark_dirty)
        for name in ("date", "valid_until"):
            self.field(name).dateChanged.connect(self._mark_dirty)
            self.field(name).textEdited.connect(self._mark_dirty)
        self.field("client").editTextChanged.connect(self._mark_dirty)

    # ------------------------------------------------------------- helpers
    def field(self, name: str) -> Any:  # a line edit, combo, date… as ui/quotation_form.ui draws it
        return form_child(self.form, QWidget, name)

    def _open_order(self) -> None:
        if self._orders:
            self.order_wanted.emit(self._orders[-1][0])

    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self._dirty = True

    def is_dirty(self) -> bool:
        return self._dirty

    def editable(self) -> bool:
        return self.quotation is None or can_edit("quotation", self.quotation.status)

    def _pricing_changed(self, *_args) -> None:
        self.items.set_pricing(form_child(self.form, QLineEdit, "margin_pct").text(),
                               form_child(self.form, QLineEdit, "exchange_rate").text())

    def _currency_changed(self, currency: str) -> None:
        self._update_totals()
        if self._loading:
            return
        self._mark_dirty()
        # a new choice of currency brings its usual rate (设置 → 汇率), CNY is 1
        from ...core.quotations import usual_rate

        rate = usual_rate(currency)
        if rate:
            form_child(self.form, QLineEdit, "exchange_rate").setText(rate)

    def _set_editable(self, editable: bool) -> None:
        for name in ("client",) + HEADER_FIELDS:
            w = self.field(name)
            on = editable and (name != "client" or self.quotation is None)
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setReadOnly(not on)
            elif isinstance(w, QComboBox) and w.isEditable():
                line = w.lineEdit()  # an editable combo has one
                if line is not None:
                    line.setReadOnly(not on)
            else:
                w.setEnabled(on)
        self.items.set_editable(editable)
        for b in (self.add_button, self.copy_button, self.remove_button, self.save_button):
            b.setEnabled(editable)
        self.items_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                                        else QAbstractItemView.EditTrigger.NoEditTriggers)

    def _update_buttons(self) -> None:
        status = self.quotation.status if self.quotation is not None else None
        self.sent_button.setEnabled(status is not None and can_send(status))
        self.pi_button.setEnabled(status is not None and can_issue_pi(status))
        self.order_button.setEnabled(status is not None and can_confirm("quotation", status))
        self.preview_button.setEnabled(status is not None)

    def _update_title(self) -> None:
        from ...core import enums

        q = self.quotation
        if q is None:
            self.title.setText(tr("新报价单"))
            self.setWindowTitle(tr("新报价单"))
            return
        text = f"{q.number} · {enums.label('quotation_status', q.status)}"
        if q.pi_number:
            text += " · " + tr("PI 号 %1").replace("%1", q.pi_number)
        self._orders = []
        if q.status == "ordered":
            from ...core.quotations import quotation_orders

            self._orders = [(o.id, o.number) for o in quotation_orders(q.id)]
            text += " · " + tr("已转为订单 %1").replace("%1", ", ".join(n for _i, n in self._orders) or "—")
        self.open_order_button.setVisible(bool(self._orders))
        if self._orders:
            self.open_order_button.setText(tr("查看订单 %1").replace("%1", self._orders[-1][1]))
        if not self.editable():
            text += " · " + tr("只读")
        self.title.setText(text)
        self.setWindowTitle(tr("报价单 %1").replace("%1", q.number))

    def _update_totals(self) -> None:
        qty, amount, cost, ok = self.items.totals()
        text = (
            tr("合计:%1 件,%2 %3(成本 ¥%4)")
            .replace("%1", f"{qty:,}")
            .replace("%2", form_child(self.form, QComboBox, "currency").currentText())
            .replace("%3", f"{amount:,.2f}")
            .replace("%4", f"{cost:,.2f}")
        )
        if not ok:
            text += " " + tr("(有无效的数量、成本或单价)")
        self.totals_label.setText(text)

    # ------------------------------------------------------------- loading
    def new_quotation(self, client_id: int | None = None) -> None:
        from .quotation_actions import new_quotation_values

        self._loading = True
        self.quotation = None
        self.errors.clear()
        self.items.show_error_cell(None)
        self.picker.set_client(client_id)
        values = new_quotation_values(client_id)
        for name, value in values.items():
            set_value(self.field(name), value)
        self._pricing_changed()
        self.items.set_items([])
        self.items.add_item()
        self._set_editable(True)
        self._loading = False
        self._dirty = False
        self._update_title()
        self._update_buttons()
        self._update_totals()

    def load(self, quotation_id: int) -> None:
        """Show saved quotation ``quotation_id`` (a few small reads, on the GUI thread)."""
        from ...core.quotations import find_quotation, quotation_items

        q = find_quotation(quotation_id)
        if q is None:
            self.new_quotation()
            return
        self._loading = True
        self.quotation = q
        self.errors.clear()
        self.items.show_error_cell(None)
        self.picker.set_client(q.client_id)
        for name in HEADER_FIELDS:
            value = getattr(q, name)
            set_value(self.field(name), plain(value) if isinstance(value, Decimal) else value)
        self.items.set_items(quotation_items(q.id), q.margin_pct, q.exchange_rate)
        self._pricing_changed()
        self._set_editable(self.editable())
        self._loading = False
        self._dirty = False
        self._update_title()
        self._update_buttons()
        self._update_totals()

    def reload(self) -> None:
        if self.quotation is not None:
            self.load(self.quotation.id)

    # -------------------------------------------------------------- items
    def add_item(self, copy: bool = False) -> None:
        current = self.items_view.currentIndex()
        row = self.items.add_item(current.row() if copy and current.isValid() else None)
        self.items_view.setCurrentIndex(self.items.index(row, ItemCol.QUANTITY if copy else ItemCol.STYLE))

    def remove_selected_items(self) -> None:
        rows = sorted({i.row() for i in self.items_view.selectionModel().selectedIndexes()})
        if not rows and self.items_view.currentIndex().isValid():
            rows = [self.items_view.currentIndex().row()]
        self.items.remove_items(rows)

    # -------------------------------------------------------------- saving
    def header_values(self) -> dict:
        return {name: get_value(self.field(name)) for name in HEADER_FIELDS}

    def save(self) -> CollectionOp | None:
        """Check the form, then create / update off the GUI thread. Returns the op (None if refused here)."""
        from ...core.errors import GendanError, ValidationError

        if not self.editable():
            return None
        commit_open_editor(self.items_view)  # Ctrl+S while a cell is still being typed in
        self.errors.clear()
        self.items.show_error_cell(None)
        bad = self.items.check()
        if bad is None and not self.items.items_for_service():
            bad = ValidationError("报价单至少需要一行产品。", "A quotation needs at least one item.", field="items")
        if bad is not None:
            self.show_error(bad)
            return None
        try:
            values = self.header_values()
        except GendanError as exc:  # a date field holding text that is no date
            self.show_error(exc)
            return None
        items = self.items.items_for_service()
        if not values["exchange_rate"]:
            values["exchange_rate"] = None  # the service then names the missing rate
        if self.quotation is None:
            client_id = self.picker.client_id()
            if client_id is None:
                self.show_error(ValidationError("请选择客户:输入客户名称、编号或拼音首字母后从列表中选择。",
                                                "Choose the client: type its name, code or pinyin initials "
                                                "and pick it.",
                                                field="client"))
                return None

            def call():
                from ...core.quotations import create_quotation

                return create_quotation(client_id, items, **values)
        else:
            q = self.quotation
            if values["exchange_rate"] is None:
                self.show_error(ValidationError("请填写汇率(1 外币折合多少人民币)。",
                                                "Enter the exchange rate (CNY per unit of the currency).",
                                                field="exchange_rate"))
                return None

            def call():
                from ...core.quotations import update_quotation

                return update_quotation(q.id, values, q.version, items)
        return self.run_change(call)

    def run_change(self, call) -> CollectionOp:
        """Run a write of this quotation off the GUI thread; the editor shows it again once saved."""
        self.save_button.setEnabled(False)
        op = CollectionOp(self, call, kinds=KINDS).success(self._saved).failure(self.show_error)
        op.finally_(lambda: self.save_button.setEnabled(self.editable()))
        return op.run_in_background()

    def _saved(self, q) -> None:
        self.load(q.id)
        self.saved.emit(q.id)
        if self._close_when_saved:
            self._close_when_saved = False
            self.close()

    def show_error(self, exc: BaseException) -> None:
        from ...core.errors import GendanError, StaleEdit, ValidationError

        self._close_when_saved = False
        field = error_field(exc)
        if isinstance(exc, ValidationError) and field.startswith("items"):
            cell = self.items.show_error_cell(field, str(exc))
            self.errors.show(None, str(exc))
            if cell is not None:
                self.items_view.setCurrentIndex(self.items.index(*cell))
                self.items_view.setFocus()
            return
        if isinstance(exc, ValidationError) and field and self.form.findChild(QWidget, field) is not None:
            self.errors.show_exception(exc)
            return
        if isinstance(exc, GendanError) and not isinstance(exc, StaleEdit):
            self.errors.show(None, str(exc))
            return
        handle_failure(self, exc, None, self.reload)

    def showEvent(self, event) -> None:  # noqa: N802
        from ..kit.fit_screen import fit_title, fit_to_screen

        super().showEvent(event)
        fit_title(self)
        fit_to_screen(self)

    def closeEvent(self, event) -> None:  # noqa: N802
        commit_open_editor(self.items_view)
        if self._dirty and self.editable():
            answer = ask_unsaved(self, tr("报价单有未保存的修改,要先保存吗?"))
            if answer == "save":  # closes once saved; an error keeps it open to fix
                self._close_when_saved = self.save() is not None
            if answer != "discard":
                event.ignore()
                return
        super().closeEvent(event)
