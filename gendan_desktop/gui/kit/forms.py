"""Qt Designer forms (``ui/*.ui``) loaded at run time, and errors next to fields.

    form = load_form("client_form.ui", parent)      # a QWidget with named children
    form_child(form, QLineEdit, "name")             # the child, typed; missing: LookupError

Widgets in a form are named after the service's field names (``name``,
``country``, ``next_date`` …), so a core ``ValidationError(field="name")`` is
shown next to the widget called ``name`` (``FieldErrors.show``).
QUiLoader translates the form's strings in the context of the form's class
name (the ``<class>`` element), which lupdate reads from the .ui file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QFile, QIODevice, QObject, Qt
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ... import ui_path

ERROR_STYLE = "color: #c62828;"
INVALID_STYLE = "border: 1px solid #c62828;"
NO_DATE = QDate(2000, 1, 1)  # QDateEdit minimum shown as blank ("special value text")
ChildT = TypeVar("ChildT", bound=QObject)


def tr(text: str) -> str:
    return QCoreApplication.translate("forms", text)


class _FormLoader(QUiLoader):
    """Builds our typeable DateEdit wherever a form has a QDateEdit (date_edit.py),
    and the SearchCombo / ElidedCombo a form promotes a QComboBox to."""

    def createWidget(self, class_name, parent=None, name=""):  # noqa: N802 - Qt's name
        if class_name in ("QDateEdit", "SearchCombo", "ElidedCombo"):
            from .date_edit import DateEdit
            from .elided_label import ElidedCombo
            from .search_combo import SearchCombo

            w = {"QDateEdit": DateEdit, "SearchCombo": SearchCombo, "ElidedCombo": ElidedCombo}[class_name](parent)
            w.setObjectName(name)
            return w
        return super().createWidget(class_name, parent, name)


def _new_loader() -> _FormLoader:
    """A loader made without Qt Designer's plugins.

    QUiLoader() loads every plugin in <Qt plugins>/designer (PySide's, QtQuick's,
    QtWebEngine's): 70 ms and +30 MB resident at the first form, for widgets no
    form of ours uses. It looks for them under the application's library paths,
    so those are empty while it is made. (One loader for every form made a later
    test's dialog never show in a full run: each form keeps its own loader.)"""
    paths = QCoreApplication.libraryPaths()
    QCoreApplication.setLibraryPaths([])
    try:
        return _FormLoader()
    finally:
        QCoreApplication.setLibraryPaths(paths)


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Load ``ui/<name>`` with QUiLoader; raises RuntimeError if it cannot.

    Date fields become ``DateEdit`` and Tab follows the reading order
    (tab_order.py)."""
    from .tab_order import set_reading_order

    loader = _new_loader()
    f = QFile(str(ui_path(name)))
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError(f"cannot open form {name}: {f.errorString()}")
    try:
        widget = loader.load(f, parent)
    finally:
        f.close()
    if widget is None:
        raise RuntimeError(f"cannot load form {name}: {loader.errorString()}")
    for text in widget.findChildren(QPlainTextEdit) + widget.findChildren(QTextEdit):
        text.setTabChangesFocus(True)  # Tab moves on (a tab character in a remark is never wanted)
    for table in widget.findChildren(QAbstractItemView):
        table.setTabKeyNavigation(False)  # Tab leaves a table instead of cycling through its cells
    set_reading_order(widget)
    return widget


def form_in_dialog(dialog: QDialog, name: str) -> QWidget:
    """Load ``ui/<name>`` (a form drawn as a dialog) to fill ``dialog``, which
    takes the form's title and size."""
    form = load_form(name, dialog)
    form.setWindowFlags(Qt.WindowType.Widget)
    dialog.setWindowTitle(form.windowTitle())
    lay = QVBoxLayout(dialog)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(form)
    dialog.resize(form.size())
    return form


def form_child(form: QObject, kind: type[ChildT], name: str) -> ChildT:
    """The child ``name`` of a loaded form. A form without it is a programming
    error (a renamed widget in ui/*.ui): say which, rather than fail later on None."""
    child = form.findChild(kind, name)
    if child is None:
        raise LookupError(f"{form.objectName() or type(form).__name__} has no {kind.__name__} named {name!r}")
    return child


def cell_text(table: QTableWidget, row: int, col: int) -> str:
    """The text of a cell of a QTableWidget ("" for a cell never filled)."""
    item = table.item(row, col)
    return item.text() if item is not None else ""


# ----------------------------------------------------------- value access --
def setup_optional_date(edit: QWidget) -> None:
    """A date edit that can be empty: the minimum date shows as blank.
    (A form's DateEdit can always be empty: nothing to do.)"""
    from .date_edit import DateEdit

    if isinstance(edit, DateEdit):
        return
    if not isinstance(edit, QDateEdit):
        raise TypeError(f"not a date edit: {type(edit).__name__}")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(" ")
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")


def get_value(w: QWidget) -> Any:
    """The value of an input; a DateEdit holding no date raises ValidationError (its field)."""
    from .date_edit import DateEdit

    if isinstance(w, DateEdit):
        return w.value()
    if isinstance(w, QLineEdit):
        return w.text().strip()
    if isinstance(w, (QPlainTextEdit,)):
        return w.toPlainText().strip()
    if isinstance(w, QTextEdit):
        return w.toPlainText().strip()
    if isinstance(w, QComboBox):
        data = w.currentData()
        return data if data is not None else w.currentText().strip()
    if isinstance(w, QDateEdit):
        d = w.date()
        if w.specialValueText() and d == w.minimumDate():
            return None
        return dt.date(d.year(), d.month(), d.day())
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if isinstance(w, (QSpinBox, QDoubleSpinBox)):
        return w.value()
    raise TypeError(f"no value for {type(w).__name__}")


def set_value(w: QWidget, value: Any) -> None:
    from .date_edit import DateEdit

    if isinstance(w, DateEdit):
        w.set_value(value)
    elif isinstance(w, QLineEdit):
        w.setText("" if value is None else str(value))
        w.setCursorPosition(0)  # a text longer than the field shows its start, not its end
    elif isinstance(w, (QPlainTextEdit, QTextEdit)):
        w.setPlainText("" if value is None else str(value))
    elif isinstance(w, QComboBox):
        i = w.findData(value)
        if i < 0:
            i = w.findText("" if value is None else str(value))
        if i >= 0:
            w.setCurrentIndex(i)
        elif w.isEditable():
            w.setEditText("" if value is None else str(value))
    elif isinstance(w, QDateEdit):
        if value is None:
            w.setDate(w.minimumDate())
        else:
            w.setDate(QDate(value.year, value.month, value.day))
    elif isinstance(w, QCheckBox):
        w.setChecked(bool(value))
    elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
        w.setValue(value or 0)


def fill_enum_combo(combo: QComboBox, kind: str, *, blank: bool = False) -> None:
    """Items = core.enums labels (current language), data = stored values."""
    from ...core.enums import ENUMS, label

    combo.clear()
    if blank:
        combo.addItem("", "")
    for value in ENUMS[kind]:
        combo.addItem(label(kind, value), value)


# ------------------------------------------------------------ field errors --
class FieldErrors:
    """Shows one error under the field it concerns, in red, and focuses it."""

    def __init__(self, form: QWidget, fallback: QLabel | None = None):
        self.form = form
        self.fallback = fallback
        self._labels: dict[str, QLabel] = {}
        self._styled: list[QWidget] = []
        self._fallback_field: str | None = None
        self.after_show: Callable[[], None] | None = None  # called after a message is shown (a dialog grows to show it)

    def clear(self) -> None:
        for label in self._labels.values():
            label.hide()
        for w in self._styled:
            w.setStyleSheet("")
        self._styled.clear()
        if self.fallback is not None:
            self.fallback.clear()
            self.fallback.hide()
        self._fallback_field = None

    def show(self, field: str | None, message: str) -> None:
        """Put ``message`` next to the widget named ``field`` (else the fallback label)."""
        self.clear()
        w = self.form.findChild(QWidget, field) if field else None
        if w is None or not field:
            if self.fallback is not None:
                self.fallback.setText(message)
                self.fallback.setStyleSheet(ERROR_STYLE)
                self.fallback.show()
                self._shown()
            else:
                QMessageBox.warning(self.form, tr("请检查输入"), message)
            return
        w.setStyleSheet(INVALID_STYLE)
        self._styled.append(w)
        label = self._labels.get(field)
        if label is None:
            label = QLabel(w.parentWidget())
            label.setObjectName(f"{field}_error")
            label.setWordWrap(True)
            label.setStyleSheet(ERROR_STYLE)
            self._labels[field] = label
            if not _place_under(w, label):
                label.deleteLater()
                self._labels.pop(field, None)
                w.setFocus()
                if self.fallback is not None:
                    self.fallback.setText(message)
                    self.fallback.setStyleSheet(ERROR_STYLE)
                    self.fallback.show()
                    self._fallback_field = field
                    self._shown()
                return
        label.setText(message)
        label.show()
        w.setFocus()
        self._shown()

    def _shown(self) -> None:
        if self.after_show is not None:
            self.after_show()

    def error_text(self, field: str) -> str:
        label = self._labels.get(field)
        if label is not None and not label.isHidden():
            return label.text()
        if self.fallback is not None and self._fallback_field == field:
            return self.fallback.text()
        return ""

    def show_exception(self, exc: Exception) -> None:
        self.show(getattr(exc, "field", None), str(exc))


def _place_under(w: QWidget, label: QLabel) -> bool:
    """Put ``label`` right under ``w`` in its form or box layout."""
    layout = _form_layout_of(w)
    if layout is not None:
        row = _form_row(layout, w)
        if row >= 0:
            layout.insertRow(row + 1, "", label)
            return True
    parent = w.parentWidget()
    for box in ([parent.layout()] if parent and parent.layout() else []) + (
        parent.findChildren(QBoxLayout) if parent else []
    ):
        if isinstance(box, QBoxLayout):
            i = box.indexOf(w)
            if i >= 0:
                box.insertWidget(i + 1, label)
                return True
    return False


def _form_row(layout: QFormLayout, w: QWidget) -> int:
    """The row of ``w`` in ``layout`` (-1: not in it)."""
    position: tuple[int, QFormLayout.ItemRole] = layout.getWidgetPosition(w)  # type: ignore[assignment]  # PySide6 stub says object
    return position[0]


def _form_layout_of(w: QWidget) -> QFormLayout | None:
    parent = w.parentWidget()
    if parent is None:
        return None
    for layout in parent.findChildren(QFormLayout):
        if _form_row(layout, w) >= 0:
            return layout
    lay = parent.layout()
    return lay if isinstance(lay, QFormLayout) else None


def ask_reload_after_stale(parent: QWidget, exc: Exception) -> bool:
    """Saving over a newer version: say so, offer to reload. True = reload."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, tr("记录已被修改"), str(exc), QMessageBox.StandardButton.NoButton, parent
    )
    reload_btn = box.addButton(tr("重新载入"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("继续编辑"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is reload_btn
