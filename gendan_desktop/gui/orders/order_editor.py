"""The order editor: header form (ui/order_form.ui) + lines edited in place.

Modes: ``new`` (create_order), ``edit`` (a draft or reviewed order:
update_order), ``view`` (confirmed and later: read-only) and ``revise``
(改单: the same form unlocked, saved through core.revisions.revise_order with
a reason). Nothing is written until the service accepts the whole form; an
error is shown under its field, or on the line cell it names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.status_rules import can_edit, can_revise
from ..kit.edit_grid import EditGrid, commit_open_editor
from ..kit.elided_label import ElidedLabel
from ..kit.fit_screen import scrolled
from ..kit.flow_layout import flow_bar
from ..kit.forms import FieldErrors, fill_enum_combo, form_child, get_value, load_form, set_value, setup_optional_date
from ..kit.list_view import fit_headers
from ..kit.tab_kit import FormDialog, handle_failure, open_dialog, reason_dialog, run_change
from .client_picker import ClientPicker
from .order_lines_model import LineCol, OrderLinesModel

HEADER_FIELDS = ("client_po", "order_type", "order_date", "delivery_date", "channel", "currency", "trade_terms",
                 "deposit_pct", "payment_terms", "product_category", "merchandiser", "client_requirements",
                 "packing", "shipping_marks", "notes")
KINDS = {"order", "revision"}


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderEditor", text)


def _norm(name: str, value):
    """Comparable form of a header value (spin boxes give floats, the DB Decimals)."""
    if name == "deposit_pct":
        return Decimal(str(round(float(value or 0), 1))).normalize()
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip()
    return value


class OrderEditor(QWidget):
    saved = Signal(int)  # order id, after create / update / revision
    sample_wanted = Signal(int)  # sample id: the link to the sample the order follows was clicked
    save_failed = Signal()  # a save was refused (the reason is shown in the editor)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order = None
        self.mode = "new"
        self._loaded: dict = {}
        body = QWidget(self)  # everything but the Save / Print row, which stays in sight
        body.setObjectName("orderBody")
        self.title = ElidedLabel("", body)
        self.title.setObjectName("orderTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.form = load_form("order_form.ui", body)
        self.error_label = QLabel(body)
        self.error_label.setObjectName("orderError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.errors = FieldErrors(self.form, self.error_label)
        self.picker = ClientPicker(self.field("client"))
        from .order_sample import SampleField

        self.sample = SampleField(self.field("sample"), QPushButton(body))
        self.sample.sig_open_sample.connect(self.sample_wanted.emit)
        self.picker.combo.picked.connect(lambda _id: self.sample.fill(self.picker.client_id(), None))
        fill_enum_combo(self.field("order_type"), "order_type")
        fill_enum_combo(self.field("channel"), "order_channel")
        from ...core.enums import CURRENCIES

        self.field("currency").addItems(CURRENCIES)
        setup_optional_date(self.field("delivery_date"))
        for name in ("order_date",):
            self.field(name).setCalendarPopup(True)

        self.lines = OrderLinesModel(self)
        self.lines.totals_changed.connect(self._update_totals)
        self.lines_view = EditGrid(self, add_row=self.lines.add_line)
        self.lines_view.setObjectName("orderLines")
        self.lines_view.setModel(self.lines)
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.lines_view.verticalHeader().hide()
        self.lines_view.horizontalHeader().setStretchLastSection(True)
        for col, width in ((LineCol.LINE_NO, 32), (LineCol.STYLE, 80), (LineCol.PRODUCT, 110), (LineCol.COLOUR, 90),
                           (LineCol.SIZE, 70), (LineCol.QUANTITY, 65), (LineCol.UNIT, 42), (LineCol.UNIT_PRICE, 65),
                           (LineCol.AMOUNT, 90)):
            self.lines_view.setColumnWidth(col, width)
        fit_headers(self.lines_view)

        self.add_line_button = QPushButton(tr("添加行"), self)
        self.copy_line_button = QPushButton(tr("复制行"), self)
        self.remove_line_button = QPushButton(tr("删除行"), self)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("orderTotals")
        self.add_line_button.clicked.connect(self.add_line)
        self.copy_line_button.clicked.connect(lambda: self.add_line(copy=True))
        self.remove_line_button.clicked.connect(self.remove_selected_lines)
        line_bar = QHBoxLayout()
        for b in (self.add_line_button, self.copy_line_button, self.remove_line_button):
            line_bar.addWidget(b)
        line_bar.addStretch(1)
        line_bar.addWidget(self.totals_label)

        self.save_button = QPushButton(tr("保存 (Ctrl+S)"), self)
        self.save_button.setObjectName("saveOrder")
        self.revise_button = QPushButton(tr("改单…"), self)
        self.revise_button.setObjectName("reviseOrder")
        self.revise_button.setToolTip(tr("已确认的订单要修改时,生成新版本(R1、R2…),旧的生产单和流程卡将被收回"))
        self.discard_button = QPushButton(tr("放弃修改"), self)
        self.save_button.clicked.connect(self.save)
        self.revise_button.clicked.connect(self.start_revision)
        self.discard_button.clicked.connect(self.reload)
        self.print_sheet_button = QPushButton(tr("打印生产单…"), self)
        self.print_cards_button = QPushButton(tr("打印流程卡…"), self)
        self.print_sheet_button.clicked.connect(lambda: self.print_documents("sheet"))
        self.print_cards_button.clicked.connect(lambda: self.print_documents("cards"))
        actions = flow_bar(self, [self.save_button, self.revise_button, self.discard_button,
                                  self.print_sheet_button, self.print_cards_button], right_from=3, name="orderActions")

        from .line_entry import LineEntry

        self.entry = LineEntry(self.lines, self.lines_view, self)  # the lines as a list, or one style as colour × size
        self.grid = self.entry.grid
        self.entry.sig_list_shown.connect(self._entry_changed)

        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.title)
        inner.addWidget(self.sample.link)
        inner.addWidget(self.form)
        inner.addWidget(self.entry, 1)
        inner.addLayout(line_bar)
        inner.addWidget(self.error_label)
        lay = QVBoxLayout(self)
        lay.addWidget(scrolled(body, self), 1)  # on a small screen the form scrolls
        lay.addWidget(actions)
        self.dialog = None
        self.new_order()

    # ------------------------------------------------------------- helpers
    def field(self, name: str) -> QWidget:
        return form_child(self.form, QWidget, name)

    def _set_form_editable(self, editable: bool, client: bool = True) -> None:
        for name in ("client", "sample") + HEADER_FIELDS:
            w = self.field(name)
            on = editable and (client or name != "client")
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setReadOnly(not on)
            elif isinstance(w, QComboBox) and w.isEditable():
                line = w.lineEdit()  # an editable combo has one
                if line is not None:
                    line.setReadOnly(not on)
                w.setEnabled(on or name == "client")
            else:
                w.setEnabled(on)
        self.lines.set_editable(editable)
        self.grid.set_editable(editable)
        for b in (self.add_line_button, self.copy_line_button, self.remove_line_button):
            b.setEnabled(editable and self.entry.on_list())
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                                        else QAbstractItemView.EditTrigger.NoEditTriggers)

    def _update_buttons(self) -> None:
        status = self.order.status if self.order is not None else "draft"
        editing = self.mode in ("new", "edit", "revise")
        self.save_button.setEnabled(editing)
        self.save_button.setText(tr("保存改单…") if self.mode == "revise" else tr("保存 (Ctrl+S)"))
        self.revise_button.setEnabled(self.mode == "view" and can_revise(status))
        self.discard_button.setEnabled(self.order is not None and self.mode in ("edit", "revise"))
        has = self.order is not None
        self.print_sheet_button.setEnabled(has)
        self.print_cards_button.setEnabled(has)

    def _update_title(self) -> None:
        from ...core import enums
        from ...core.revisions import revision_label

        if self.order is None:
            self.title.setText(tr("新订单"))
            return
        o = self.order
        text = f"{o.number} {revision_label(o.revision)}".strip() + " · " + enums.label("order_status", o.status)
        if self.mode == "revise":
            text += " · " + tr("改单中:修改后点“保存改单”并填写原因")
        self.title.setText(text)

    def _update_totals(self) -> None:
        qty, amount, ok = self.lines.totals()
        currency = form_child(self.form, QComboBox, "currency").currentText()
        text = tr("合计:%1 件,%2 %3").replace("%1", f"{qty:,}").replace("%2", currency).replace("%3", f"{amount:,.2f}")
        if not ok:
            text += " " + tr("(有无效的数量或单价)")
        self.totals_label.setText(text)

    # ------------------------------------------------------------- loading
    def new_order(self, client_id: int | None = None) -> None:
        self.order = None
        self.mode = "new"
        self.errors.clear()
        self.picker.set_client(client_id)
        defaults = {"client_po": "", "order_type": "normal", "order_date": dt.date.today(), "delivery_date": None,
                    "channel": "email", "currency": "USD", "trade_terms": "FOB", "deposit_pct": 30,
                    "payment_terms": "", "product_category": "", "merchandiser": "", "client_requirements": "",
                    "packing": "", "shipping_marks": "", "notes": ""}
        if client_id:
            from ...core.lists.client_tables import client

            c = client(client_id)
            if c is not None:
                defaults.update(currency=c.default_currency or "USD", payment_terms=c.payment_terms)
        for name, value in defaults.items():
            set_value(self.field(name), value)
        self._loaded = {}
        self.sample.fill(client_id, None)
        self.lines.set_lines([])
        self.lines.add_line()
        self._set_form_editable(True)
        self._update_title()
        self._update_buttons()

    def load(self, order_id: int | None) -> None:
        """Show order ``order_id`` (a few small reads, on the GUI thread)."""
        from ...core.errors import NotFound
        from ...core.orders import get_order, order_lines

        if order_id is None:
            self.new_order()
            return
        try:
            order = get_order(order_id)
        except NotFound:
            self.new_order()
            return
        self.order = order
        self.errors.clear()
        self.picker.set_client(order.client_id)
        self._loaded = {"client": order.client_id, "sample": order.sample_id}
        self.sample.fill(order.client_id, order.sample_id)
        from ..kit.record_text import route_label

        for name in HEADER_FIELDS:
            value = getattr(order, name)
            if name == "product_category":
                value = route_label(value)  # "garment" as 服装 / Garment (the same route when saved)
            set_value(self.field(name), float(value) if name == "deposit_pct" else value)
            self._loaded[name] = _norm(name, value)
        self.lines.set_lines(order_lines(order.id))
        self.entry.show_wanted()
        self.mode = "edit" if can_edit("order", order.status) else "view"
        self._set_form_editable(self.mode == "edit")
        self._update_title()
        self._update_buttons()

    def reload(self) -> None:
        self.load(self.order.id if self.order is not None else None)

    def start_revision(self) -> None:
        if self.order is None or not can_revise(self.order.status):
            return
        self.mode = "revise"
        self._set_form_editable(True, client=False)
        self._update_title()
        self._update_buttons()
        self.field("delivery_date").setFocus()

    # -------------------------------------------------------------- lines
    def _entry_changed(self, on_list: bool) -> None:
        for b in (self.add_line_button, self.copy_line_button, self.remove_line_button):
            b.setEnabled(on_list and self.lines.is_editable())

    def add_line(self, copy: bool = False) -> None:
        current = self.lines_view.currentIndex()
        row = self.lines.add_line(current.row() if copy and current.isValid() else None)
        # a copy (same size and quantity, right below): change its colour next
        idx = self.lines.index(row, LineCol.COLOUR if copy else LineCol.STYLE)
        self.lines_view.setCurrentIndex(idx)  # AllEditTriggers: the cell opens for typing

    def remove_selected_lines(self) -> None:
        rows = [i.row() for i in self.lines_view.selectionModel().selectedRows()]
        if not rows and self.lines_view.currentIndex().isValid():
            rows = [self.lines_view.currentIndex().row()]
        self.lines.remove_lines(rows)

    # -------------------------------------------------------------- saving
    def header_values(self) -> dict:
        values = {name: get_value(self.field(name)) for name in HEADER_FIELDS}
        values["deposit_pct"] = _norm("deposit_pct", values["deposit_pct"])
        values["sample"] = self.sample.value()
        return values

    def is_dirty(self) -> bool:
        if self.mode == "view":
            return False
        if self.order is None:
            return bool(self.lines.lines_for_service())
        from ...core.errors import GendanError
        from ...core.orders import order_lines
        from .order_lines_model import OrderLinesModel as _M

        try:
            values = self.header_values()
        except GendanError:  # a date field holding text that is no date: that is a change
            return True
        if any(_norm(k, v) != self._loaded.get(k) for k, v in values.items()):
            return True
        ref = _M()
        ref.set_lines(order_lines(self.order.id))
        return ref.lines_for_service() != self.lines.lines_for_service()

    def save(self) -> bool:
        from ...core.errors import GendanError, ValidationError

        if self.mode not in ("new", "edit", "revise"):
            return False
        commit_open_editor(self.lines_view)  # Ctrl+S while a cell is still being typed in
        self.errors.clear()
        self.lines.show_error_cell(None)
        try:
            values = self.header_values()
        except GendanError as exc:
            self.show_error(exc)
            return True
        lines = self.lines.lines_for_service()
        if self.mode == "new":
            client_id = self.picker.client_id()
            if client_id is None:
                self.show_error(
                    ValidationError(
                        "请选择客户:输入客户名称、编号或拼音首字母后从列表中选择。",
                        "Choose the client: type its name, code or pinyin initials and pick it.",
                        field="client",
                    )
                )
                return True
            if not lines:
                self.show_error(ValidationError("订单至少要有一行明细(款号、颜色、尺码、数量、单价)。",
                                                "An order needs at least one line.", field="lines"))
                return True
            values = {k: v for k, v in values.items() if v not in ("", None) or k == "delivery_date"}

            def call():
                from ...core.orders import create_order

                return create_order(client_id, lines=lines, **values)
            run_change(self, call, KINDS, self._saved, errors=None).failure(self.show_error)
            return True
        order = self.order
        changes = {k: v for k, v in values.items() if _norm(k, v) != self._loaded.get(k)}
        if self.mode == "edit":
            client_id = self.picker.client_id()
            if client_id is None:
                self.show_error(ValidationError("请选择客户。", "Choose the client.", field="client"))
                return True
            if client_id != self._loaded.get("client"):
                changes["client"] = client_id

            def call():
                from ...core.orders import update_order

                return update_order(order.id, changes, order.version, lines)
            run_change(self, call, KINDS, self._saved).failure(self.show_error)
            return True
        # revise: the reason is asked in a dialog; the call happens there
        self.ask_revision_reason(changes, lines)
        return True

    def ask_revision_reason(self, changes: dict, lines: list[dict]) -> FormDialog:
        order = self.order

        def call(reason: str):
            from ...core.revisions import revise_order_changes

            return lambda: revise_order_changes(order.id, reason, changes, lines, order.version)
        dlg = reason_dialog(self, tr("改单原因"),
                            tr("订单 %1 将生成新版本:生产单收回后需重新下发;只有改动的明细行的流程卡会被收回,"
                               "其余流程卡和已登记的进度保留。请填写改单原因:")
                            .replace("%1", order.number), call, (),
                            ok_text=tr("保存改单"), placeholder=tr("例如:客户邮件要求改颜色"))
        base_failed = dlg.on_failed

        def failed(exc):
            from ...core.errors import ValidationError

            if isinstance(exc, ValidationError) and exc.field != "reason":
                dlg.reject()
                self.show_error(exc)
            else:
                base_failed(exc)
        dlg.on_failed = failed
        return open_dialog(self, dlg, self._saved)

    def show_error(self, exc: BaseException) -> None:
        from ...core.errors import GendanError, ValidationError

        self.save_failed.emit()
        field = getattr(exc, "field", None) or ""
        if isinstance(exc, ValidationError) and field.startswith("lines"):
            self.entry.setCurrentWidget(self.lines_view)  # the line named is marked there
            cell = self.lines.show_error_cell(field)
            self.errors.show(None, str(exc))
            if cell is not None:
                self.lines_view.setCurrentIndex(self.lines.index(*cell))
                self.lines_view.setFocus()
            return
        if isinstance(exc, ValidationError) and self.form.findChild(QWidget, field) is not None:
            self.errors.show_exception(exc)
            return
        if isinstance(exc, GendanError) and type(exc).__name__ != "StaleEdit":
            self.errors.show(None, str(exc))
            return
        handle_failure(self, exc, None, self.reload)

    def _saved(self, order) -> None:
        self.load(order.id)
        self.saved.emit(order.id)

    # ------------------------------------------------------------ printing
    def print_documents(self, what: str):
        if self.order is None:
            return None
        return print_order_documents(self, self.order.id, what)


def print_order_documents(parent: QWidget, order_id: int, what: str, card_ids: list[int] | None = None):
    """Open the print preview (gui/kit/printing_actions.py) of the production sheet
    or the flow cards; returns the preview dialog (sheet) or the rendering op (cards)."""
    from ..kit import printing_actions

    if what == "sheet":
        return printing_actions.preview_production_sheet(parent, order_id)
    return printing_actions.preview_flow_cards(parent, order_id, card_ids)

