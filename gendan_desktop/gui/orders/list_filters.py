"""Filter widgets of the lists beyond the plain "all / one value" combo.

A filter spec (gui/kit/table_model.py) with a ``make_widget(parent)`` method gives
the ListPane its own widget: a QComboBox subclass (so that the pane lays it out,
resets it and the bench drives it like the others) that announces its value
with ``sig_value_changed`` and goes back to "all" on ``reset_filter()``.

* ``MultiChoiceFilter`` / ``CheckableCombo``: several values at once, with
  presets at the top (状态: 全部未完结 = any of the open statuses). A click on a
  value (or Space on it) ticks it and keeps the list open, so several are
  picked in one go; the arrows on the closed box open the list.
* ``MineFilter`` / ``MineFilterCombo``: only the orders of the merchandiser
  whose name is set in 工具 → 设置.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
)

from ..kit.table_model import ftr

CHECKED = Qt.CheckState.Checked
UNCHECKED = Qt.CheckState.Unchecked


def tr(text: str) -> str:
    return QCoreApplication.translate("ListFilters", text)


def _labelled(label: str, text: str) -> str:
    return tr("%1:%2").replace("%1", ftr(label)).replace("%2", text)


# ------------------------------------------------------------- multi-choice --
@dataclass
class MultiChoiceFilter:
    """Any of several values. ``presets``: [(key, source label, values)] offered
    above the values; the model receives a tuple of values (None for all)."""

    key: str
    label: str
    enum: str
    presets: list[tuple[str, str, tuple[str, ...]]] = dc_field(default_factory=list)

    def options(self) -> list[tuple[str, str]]:
        from ...core.enums import ENUMS, label

        return [(v, label(self.enum, v)) for v in ENUMS[self.enum]]

    def make_widget(self, parent):
        return CheckableCombo(self, parent)


class CheckableCombo(QComboBox):
    """A combo of presets and ticked values; the box shows what is picked."""

    sig_value_changed = Signal(object)  # tuple of the ticked values, or None for all
    VALUE_ROLE = Qt.ItemDataRole.UserRole + 10  # the values a preset ticks

    def __init__(self, spec: MultiChoiceFilter, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"filter_{spec.key}")
        model = QStandardItemModel(self)
        self._all = QStandardItem(tr("全部"))
        self._all.setData((), self.VALUE_ROLE)
        model.appendRow(self._all)
        self._presets: list[QStandardItem] = []
        for _key, text, values in spec.presets:
            item = QStandardItem(ftr(text))
            item.setData(tuple(values), self.VALUE_ROLE)
            model.appendRow(item)
            self._presets.append(item)
        self._values: list[QStandardItem] = []
        for value, text in spec.options():
            item = QStandardItem(text)
            item.setData(value, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setCheckState(UNCHECKED)
            model.appendRow(item)
            self._values.append(item)
        self.setModel(model)
        self._items = model
        self.setCurrentIndex(-1)
        self.view().viewport().installEventFilter(self)
        self.view().installEventFilter(self)
        self.currentIndexChanged.connect(self._chosen)

    # ------------------------------------------------------------- state
    def value(self) -> tuple[str, ...] | None:
        ticked = tuple(i.data(Qt.ItemDataRole.UserRole) for i in self._values if i.checkState() == CHECKED)
        return ticked or None

    def set_value(self, values) -> None:
        """Tick exactly ``values`` (None or empty: all) and announce it."""
        wanted = set(values or ())
        for item in self._values:
            item.setCheckState(CHECKED if item.data(Qt.ItemDataRole.UserRole) in wanted else UNCHECKED)
        self._changed()

    def reset_filter(self) -> None:
        """Back to all, without announcing it (the pane clears the model itself)."""
        for item in self._values:
            item.setCheckState(UNCHECKED)
        self.update()

    def summary(self) -> str:
        value = self.value()
        if not value:
            return _labelled(self.spec.label, tr("全部"))
        for item in self._presets:
            if set(item.data(self.VALUE_ROLE)) == set(value):
                return _labelled(self.spec.label, item.text())
        texts = [i.text() for i in self._values if i.checkState() == CHECKED]
        if len(texts) <= 2:
            return _labelled(self.spec.label, "、".join(texts) if self.spec.label else ", ".join(texts))
        return _labelled(self.spec.label, tr("%1 项").replace("%1", str(len(texts))))

    # ------------------------------------------------------------ events
    def _chosen(self, index: int) -> None:
        if index < 0:
            return
        item = self._items.item(index)
        if item is None:
            return
        if item in self._values:
            item.setCheckState(UNCHECKED if item.checkState() == CHECKED else CHECKED)
            self._changed()
        else:
            self.set_value(item.data(self.VALUE_ROLE))
        # nothing stays "current": the same preset picked again is a new choice
        self.blockSignals(True)
        self.setCurrentIndex(-1)
        self.blockSignals(False)

    def _changed(self) -> None:
        self.setToolTip(self.summary())
        self.update()
        self.sig_value_changed.emit(self.value())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        # a click on a value, or Space on it, ticks it and leaves the list open for the next one
        item = None
        if event.type() == QEvent.Type.MouseButtonRelease and obj is self.view().viewport():
            index = self.view().indexAt(event.position().toPoint())
            item = self._items.itemFromIndex(index) if index.isValid() else None
        elif event.type() == QEvent.Type.KeyPress and obj is self.view() and event.key() == Qt.Key.Key_Space:
            index = self.view().currentIndex()
            item = self._items.itemFromIndex(index) if index.isValid() else None
        if item is not None and item in self._values:
            item.setCheckState(UNCHECKED if item.checkState() == CHECKED else CHECKED)
            self._changed()
            return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # the arrows on the closed box open the list (they would tick value after value)
        if event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_PageUp,
            Qt.Key.Key_PageDown,
            Qt.Key.Key_Home,
            Qt.Key.Key_End,
            Qt.Key.Key_Space,
        ):
            self.showPopup()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.ignore()  # scrolling over the box must not tick statuses one by one

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        opt.currentText = self.summary()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), self.fontMetrics().horizontalAdvance(self.summary()) + 40))
        return hint


# -------------------------------------------------------------------- mine --
@dataclass
class MineFilter:
    """The orders of the merchandiser named in the settings (``merchandiser_name``);
    the model receives that name."""

    key: str
    label: str

    def options(self) -> list[tuple[str, str]]:
        return []

    def make_widget(self, parent):
        return MineFilterCombo(self, parent)


class MineFilterCombo(QComboBox):
    sig_value_changed = Signal(object)  # the merchandiser's name, or None for all

    def __init__(self, spec: MineFilter, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"filter_{spec.key}")
        self.addItem(_labelled(spec.label, tr("全部")), None)
        self.addItem(_labelled(spec.label, tr("我的")), "mine")
        self.refresh_name()
        self.currentIndexChanged.connect(self._chosen)

    def refresh_name(self) -> str:
        """Show whose orders "mine" means; without a name set it cannot be picked."""
        from ...core.lists.orders import my_name

        name = my_name()
        model = self.model()  # a combo's own: a QStandardItemModel holding the two items above
        item = model.item(1) if isinstance(model, QStandardItemModel) else None
        if item is None:
            raise LookupError("the 'mine' item of the filter is gone")
        if name:
            item.setText(_labelled(self.spec.label, tr("我的(%1)").replace("%1", name)))
            item.setEnabled(True)
            item.setToolTip("")
        else:
            item.setText(_labelled(self.spec.label, tr("我的")))
            item.setEnabled(False)
            item.setToolTip(tr("请先在 工具 → 设置 中填写跟单员姓名"))
        self.setToolTip(item.toolTip())
        return name

    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        self.refresh_name()  # the name may have been set in the settings since
        super().showPopup()

    def value(self) -> str | None:
        return None if self.currentIndex() <= 0 else (self.refresh_name() or None)

    def reset_filter(self) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(0)
        self.blockSignals(False)

    def _chosen(self, _index: int) -> None:
        self.sig_value_changed.emit(self.value())
