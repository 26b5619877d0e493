"""Small building blocks shared by the orders, production and after-sales tabs.

* ``RecordTableModel``: a read-only table over a short list of dicts (the
  shipments of one order, its audit lines, the materials …). Long lists use
  ``table_model.IdListModel`` instead.
* ``FormDialog``: a Designer form (``ui/*.ui``) in a dialog whose OK runs a
  service call off the GUI thread; a ValidationError is shown under its field
  and the dialog stays open, so nothing is saved until the form is valid.
* ``run_change``: the same for a button that writes directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar, overload

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .fit_screen import fit_title, fit_to_screen, grow_to_contents
from .forms import ChildT, FieldErrors, ask_reload_after_stale, get_value, load_form, set_value, setup_optional_date
from .list_view import ListTable, fit_headers
from .operations import CollectionOp, show_error
from .table_model import ID_ROLE, header_text

GREEN = QColor("#e3f4e1")
YELLOW = QColor("#fff5cc")
RED = QColor("#fbe0de")
RED_TEXT = QColor("#c62828")
ORANGE_TEXT = QColor("#b26a00")
GREEN_TEXT = QColor("#2e7d32")
GREY_TEXT = QColor("#888888")
RISK_TEXT = {"late": RED_TEXT, "at_risk": ORANGE_TEXT, "on_track": GREEN_TEXT}


def tr(text: str) -> str:
    return QCoreApplication.translate("tab_kit", text)


def fmt_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def _sort_value(value: Any):
    if isinstance(value, str):
        text = value.replace(",", "").strip()
        try:  # quantities and money already formatted as text
            return (0, Decimal(text), "")
        except ArithmeticError:
            return (1, Decimal(0), value.casefold())
    return (0, value, "")


class RecordTableModel(QAbstractTableModel):
    """Rows are dicts; ``columns`` are (key, header source text) pairs.

    Optional per-row keys: ``id`` (ID_ROLE), ``_fg``/``_bg`` (QColor for the
    whole row), ``_tip`` (tooltip), ``_cell_bg`` ({key: QColor}).
    """

    def __init__(self, columns: Sequence[tuple[str, str]], parent=None, *, right: Iterable[str] = ()):
        super().__init__(parent)
        self.columns = list(columns)
        self.right = frozenset(right)  # keys of columns holding numbers formatted as text
        self._rows: list[dict] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)  # -1: as the service gave them

    def set_rows(self, rows: Iterable[dict]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(list(rows))
        self.endResetModel()

    def _sorted(self, rows: list[dict]) -> list[dict]:
        col, order = self._sort
        if not 0 <= col < len(self.columns):
            return rows
        key = self.columns[col][0]
        # by the value itself (a date, a Decimal), not its text; blanks last either way
        filled = [r for r in rows if r.get(key) not in (None, "")]
        blank = [r for r in rows if r.get(key) in (None, "")]
        try:
            filled.sort(key=lambda r: _sort_value(r.get(key)), reverse=order == Qt.SortOrder.DescendingOrder)
        except TypeError:  # mixed kinds in one column: by their text
            filled.sort(key=lambda r: fmt_value(r.get(key)), reverse=order == Qt.SortOrder.DescendingOrder)
        return filled + blank

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        if 0 <= column < len(self.columns):
            self.layoutAboutToBeChanged.emit()
            self._rows = self._sorted(self._rows)
            self.layoutChanged.emit()

    def rows(self) -> list[dict]:
        return self._rows

    def row(self, i: int) -> dict | None:
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def id_at(self, i: int):
        r = self.row(i)
        return r.get("id") if r else None

    def row_of(self, id_) -> int:
        for i, r in enumerate(self._rows):
            if r.get("id") == id_:
                return i
        return -1

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return header_text(self.columns[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(self.columns)):
            return None
        row = self._rows[r]
        key = self.columns[c][0]
        value = row.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt_value(value)
        if role == ID_ROLE:
            return row.get("id")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = key in self.right or (isinstance(value, (int, Decimal)) and not isinstance(value, bool))
            return int(
                (Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return row.get("_fg")
        if role == Qt.ItemDataRole.BackgroundRole:
            return (row.get("_cell_bg") or {}).get(key, row.get("_bg"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.get("_tip")
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def make_table(model, parent=None, *, multi: bool = False) -> ListTable:
    """A table in the look of the main lists, for a RecordTableModel."""
    view = ListTable(parent)
    view.setModel(model)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setDefaultSectionSize(100)
    view.horizontalHeader().setMaximumSectionSize(360)  # a long text must not push the rest away
    fit_headers(view)  # an empty table shows its titles apart, each whole
    if isinstance(model, RecordTableModel):
        # first shown as the service orders them
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # a click on a header sorts by that column
    return view


def selected_row(view) -> dict | None:
    idx = view.currentIndex()
    return view.model().row(idx.row()) if idx.isValid() else None


def selected_rows(view) -> list[dict]:
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    return [view.model().row(r) for r in rows if view.model().row(r) is not None]


def handle_failure(parent: QWidget, exc: BaseException, errors: FieldErrors | None = None,
                   reload: Callable[[], None] | None = None) -> None:
    """StaleEdit → say so and offer to reload; ValidationError → next to its field."""
    from ...core.errors import GendanError, StaleEdit, ValidationError

    if isinstance(exc, StaleEdit):
        if ask_reload_after_stale(parent, exc) and reload is not None:
            reload()
        return
    if isinstance(exc, ValidationError) and errors is not None:
        errors.show_exception(exc)
        return
    if isinstance(exc, GendanError) and errors is not None and errors.fallback is not None:
        errors.show(None, str(exc))
        return
    show_error(parent, exc)


def run_change(
    parent: QWidget,
    fn: Callable[[], Any],
    kinds: Iterable[str],
    success: Callable[[Any], None] | None = None,
    *,
    errors: FieldErrors | None = None,
    reload: Callable[[], None] | None = None,
    progress: str | None = None,
) -> CollectionOp:
    """Run a write off the GUI thread; errors go next to the field (or a box)."""
    if errors is not None:
        errors.clear()
    op = CollectionOp(parent, fn, kinds=kinds)
    if success is not None:
        op.success(success)
    op.failure(lambda exc: handle_failure(parent, exc, errors, reload))
    if progress:
        op.with_progress(progress, cancellable=False)
    return op.run_in_background()


class FormDialog(QDialog):
    """A ``ui/<name>`` form with OK/Cancel. ``make_call(values)`` returns the
    zero-argument service call to run (or raises ValidationError for a check
    done here); on success the dialog closes and ``done(result)`` is emitted."""

    done_ok = Signal(object)

    def __init__(self, parent: QWidget, ui_name: str, title: str, make_call: Callable[[FormDialog], Callable[[], Any]],
                 kinds: Iterable[str] = (), *, ok_text: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(ui_name.replace(".ui", "_dialog"))
        self.make_call = make_call
        self.kinds = frozenset(kinds)
        self.form = load_form(ui_name, self)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("dialog_error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.errors = FieldErrors(self.form, self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text:
            self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form)
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)
        self.errors.after_show = lambda: grow_to_contents(self)  # an error must not squash the form
        self.running = False
        # what a failed call does (a caller may wrap it: order_editor's revision reason)
        self.on_failed: Callable[[BaseException], None] = self._failed

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        fit_title(self, floor=400)  # the whole title, not "登记收…-0001"; room for a message
        fit_to_screen(self)

    @overload
    def field(self, name: str) -> QWidget: ...
    @overload
    def field(self, name: str, kind: type[ChildT]) -> ChildT: ...

    def field(self, name: str, kind: type[Any] = QWidget) -> Any:
        """The form's widget ``name`` (typed as ``kind``); KeyError when it has none."""
        w = self.form.findChild(kind, name)
        if w is None:
            raise KeyError(name)
        return w

    def set(self, name: str, value: Any) -> None:
        set_value(self.field(name), value)

    def optional_date(self, name: str) -> None:
        setup_optional_date(self.field(name))

    def value(self, name: str) -> Any:
        return get_value(self.field(name))

    def submit(self) -> None:
        from ...core.errors import GendanError

        if self.running:
            return
        self.errors.clear()
        try:
            call = self.make_call(self)
        except GendanError as exc:
            self.errors.show_exception(exc)
            return
        self.running = True
        self.ok_button.setEnabled(False)
        op = CollectionOp(self, call, kinds=self.kinds).success(self._ok).failure(self.on_failed)
        op.finally_(self._finished)
        op.run_in_background()

    def _finished(self) -> None:
        self.running = False
        self.ok_button.setEnabled(True)

    def _ok(self, result) -> None:
        self.accept()
        self.done_ok.emit(result)

    def _failed(self, exc) -> None:
        from ...core.errors import GendanError, StaleEdit

        if isinstance(exc, StaleEdit):
            handle_failure(self, exc)
            self.reject()
        elif isinstance(exc, GendanError):
            self.errors.show_exception(exc)
        else:
            show_error(self, exc)


DialogT = TypeVar("DialogT", bound=FormDialog)


def ask_unsaved(parent: QWidget, question: str) -> str:
    """Unsaved changes: "save", "discard" or "cancel" (Escape). Save is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("未保存的修改"),
        question,
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
        QMessageBox.StandardButton(answer), "cancel"
    )


def open_dialog(owner, dlg: DialogT, on_done: Callable[[Any], None] | None = None) -> DialogT:
    """Show ``dlg`` window-modal without blocking (tests reach it as ``owner.dialog``)."""
    if on_done is not None:
        dlg.done_ok.connect(on_done)
    owner.dialog = dlg
    dlg.finished.connect(lambda _r: setattr(owner, "dialog", None) if getattr(owner, "dialog", None) is dlg else None)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg


def reason_dialog(parent: QWidget, title: str, prompt: str, call: Callable[[str], Callable[[], Any]],
                  kinds: Iterable[str], ok_text: str | None = None, *, label: str | None = None,
                  placeholder: str | None = None) -> FormDialog:
    """A dialog asking for a text (the reason of a revision, cancellation, override …);
    empty is refused here. ``label`` names what is asked when it is not a reason
    (上报给谁, 处理结果), ``placeholder`` gives an example that fits the question."""
    from ...core.errors import ValidationError

    def make(dlg: FormDialog):
        reason = dlg.value("reason")
        if not reason:
            what = (label or tr("原因")).rstrip(" *")
            raise ValidationError(f"请填写{what}。", f"Please fill in: {what}.", field="reason")
        return call(reason)

    dlg = FormDialog(parent, "reason_form.ui", title, make, kinds, ok_text=ok_text)
    dlg.field("prompt", QLabel).setText(prompt)
    if label:
        dlg.field("reason_label", QLabel).setText(label if label.endswith("*") else f"{label} *")
    dlg.field("reason", QPlainTextEdit).setPlaceholderText(placeholder or "")
    dlg.field("reason").setFocus()
    return dlg


def tidy_list_pane(pane, widths: dict[int, int] | None = None, combo_chars: int = 7) -> None:
    """Give the columns sensible first-run widths (a layout the user saved in
    QSettings wins). The filter combos show their whole text on their own
    row (list_view.ListPane); ``combo_chars`` is kept for callers."""
    from .uistate import ui_settings

    pane.filter_edit.setMinimumWidth(150)
    if widths and ui_settings().value(pane._settings_key) is None:
        for col, width in widths.items():
            pane.table.setColumnWidth(int(col), width)
        fit_headers(pane.table)  # never narrower than the column's title
