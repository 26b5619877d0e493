"""The order editor: header form (ui/order_form.ui) + lines edited in place.

Modes: ``new`` (create_order), ``edit`` (a draft or reviewed order:
update_order), ``view`` (confirmed and later: read-only) and ``revise``
(改单: the same form unlocked, saved through core.revisions.revise_order with
a reason). Nothing is written until the service accepts the whole form; an
error is shown under its field, or on the line cell it names.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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
from ..kit.operations import QueryOp, show_error
from ..kit.tab_kit import handle_failure, run_change
from .client_picker import ClientPicker
from .order_lines_model import LineCol, OrderLinesModel
from .order_loading import LoadedOrder, new_order_defaults, read_order

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
    # load() reads in the background: the order id shown (None: a new order) once the form is filled
    sig_loaded = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order = None
        self.mode = "new"  # new / edit / view / revise, and "loading" while load() reads
        self._loaded: dict = {}
        self._loaded_lines: list[dict] = []  # the lines as read, to tell what the user changed
        self._load_seq = 0  # the latest load(): an older read coming back late is dropped
        body = QWidget(self)  # everything but the Save / Print row, which stays in sight
        body.setObjectName("orderBody")
        self._build_header(body)
        self._build_lines()
        actions = self._build_actions()
        from .line_entry import LineEntry

        self.entry = LineEntry(self.lines, self.lines_view, self)  # the lines as a list, or one style as colour × size
        self.grid = self.entry.grid
        self.entry.sig_list_shown.connect(self._entry_changed)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.sample.link, self.form):
            inner.addWidget(w)
        inner.addWidget(self.entry, 1)
        inner.addLayout(self._line_bar)
        inner.addWidget(self.error_label)
        lay = QVBoxLayout(self)
        lay.addWidget(scrolled(body, self), 1)  # on a small screen the form scrolls
        lay.addWidget(actions)
        self.dialog = None
        self.new_order()

    def _build_header(self, body: QWidget) -> None:
        """Title, the header form (ui/order_form.ui), its error line and the client and sample fields."""
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
        self.field("order_date").setCalendarPopup(True)

    def _build_lines(self) -> None:
        """The lines grid, and the row of line buttons with the totals (``_line_bar``)."""
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
        self._line_bar = QHBoxLayout()
        for b in (self.add_line_button, self.copy_line_button, self.remove_line_button):
            self._line_bar.addWidget(b)
        self._line_bar.addStretch(1)
        self._line_bar.addWidget(self.totals_label)

    def _build_actions(self) -> QWidget:
        """The Save / revise / discard / print row."""
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
        return flow_bar(self, [self.save_button, self.revise_button, self.discard_button,
                               self.print_sheet_button, self.print_cards_button], right_from=3, name="orderActions")

    # ------------------------------------------------------------- helpers
    def field(self, name: str) -> Any:
        """The form's input ``name`` (a line edit, combo, date… as ui/*.ui draws it)."""
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
        self._load_seq += 1  # a load still reading is not shown over the new order
        self.order = None
        self.mode = "new"
        self.errors.clear()
        self.picker.set_client(client_id)
        defaults = new_order_defaults(client_id)
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
        """Show order ``order_id``: read in a worker (order_loading.read_order), the form
        filled on the GUI thread, then ``sig_loaded``. Read-only while the read runs."""
        self._load_seq += 1
        seq = self._load_seq
        if order_id is None:
            self.new_order()
            self.sig_loaded.emit(None)
            return
        self.mode = "loading"  # nothing can be typed that the read would overwrite
        self._set_form_editable(False)
        self._update_buttons()
        QueryOp(self, lambda: read_order(order_id), success=lambda loaded: self._show_loaded(seq, loaded)) \
            .failure(lambda exc: self._load_failed(seq, exc)).run_in_background()

    def _show_loaded(self, seq: int, loaded: LoadedOrder | None) -> None:
        if seq != self._load_seq:  # another load() came after this one
            return
        if loaded is None:  # deleted meanwhile
            self.new_order()
            self.sig_loaded.emit(None)
            return
        order = self.order = loaded.order
        self.errors.clear()
        self.picker.combo.set_current(order.client_id, loaded.client_label)
        self._loaded = {"client": order.client_id, "sample": order.sample_id}
        self.sample.fill(order.client_id, order.sample_id, loaded.samples)
        from ..kit.record_text import route_label

        for name in HEADER_FIELDS:
            value = getattr(order, name)
            if name == "product_category":
                value = route_label(value)  # "garment" as 服装 / Garment (the same route when saved)
            set_value(self.field(name), float(value) if name == "deposit_pct" else value)
            self._loaded[name] = _norm(name, value)
        self.lines.set_lines(loaded.lines)
        self._loaded_lines = self.lines.lines_for_service()
        self.entry.show_wanted()
        self.mode = "edit" if can_edit("order", order.status) else "view"
        self._set_form_editable(self.mode == "edit")
        self._update_title()
        self._update_buttons()
        self.sig_loaded.emit(order.id)

    def _load_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._load_seq:
            self.mode = "view"  # what shows is not the order asked for: nothing to save
            self._update_buttons()
        show_error(self, exc)  # a failed read is said once (db_trouble)

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
        if self.mode not in ("new", "edit", "revise"):
            return False
        if self.order is None:
            return bool(self.lines.lines_for_service())
        from ...core.errors import GendanError

        try:
            values = self.header_values()
        except GendanError:  # a date field holding text that is no date: that is a change
            return True
        if any(_norm(k, v) != self._loaded.get(k) for k, v in values.items()):
            return True
        return self._loaded_lines != self.lines.lines_for_service()

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
            run_change(self, call, KINDS, self.saved_order, errors=None).failure(self.show_error)
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
            run_change(self, call, KINDS, self.saved_order).failure(self.show_error)
            return True
        # revise: the reason is asked in a dialog; the call happens there
        from .revision_reason import ask_revision_reason

        ask_revision_reason(self, changes, lines)
        return True

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

    def saved_order(self, order) -> None:
        """Show the order as saved, and say so (``saved``)."""
        self.load(order.id)
        self.saved.emit(order.id)

    # ------------------------------------------------------------ printing
    def print_documents(self, what: str):
        if self.order is None:
            return None
        from ..kit.printing_actions import print_order_documents

        return print_order_documents(self, self.order.id, what)

