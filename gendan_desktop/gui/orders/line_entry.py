"""明细行 / 颜色×尺码: the order editor's two ways of entering lines, as two tabs.

The list of lines (OrderLinesModel in the editor's grid) or one style typed as
colour × size (size_grid_editor.py), both over the same lines. The way the
user chose last is remembered (QSettings) and shown again for an order whose
lines fit a grid; other orders open on the list.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ...core.size_grid import fits_grid
from ..kit.uistate import ui_settings
from .size_grid_editor import SizeGridEditor


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderEditor", text)  # the order editor's strings


class LineEntry(QTabWidget):
    """The list of lines and the size grid of one style, as tabs."""

    sig_list_shown = Signal(bool)  # True: the list is the current tab (its line buttons apply); False: the grid
    KEY = "order_editor/entry"  # QSettings: the way of entering lines the user chose last

    def __init__(self, lines, lines_view: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName("lineEntry")
        self.setDocumentMode(True)
        self.lines, self.lines_view = lines, lines_view
        self.grid = SizeGridEditor(lines, self)
        self.addTab(lines_view, tr("明细行"))
        self.addTab(self.grid, tr("颜色×尺码"))
        self.setTabToolTip(1, self.grid.hint)
        self._switching = False
        self.currentChanged.connect(self._changed)

    def on_list(self) -> bool:
        return self.currentWidget() is self.lines_view

    def show_wanted(self) -> None:
        """The grid when the user last chose it and the order's lines fit one, else the list."""
        grid = ui_settings().value(self.KEY) == "grid" and fits_grid(self.lines.line_dicts())
        self._switching = True  # shown for this order, not chosen by the user
        try:
            self.setCurrentWidget(self.grid if grid else self.lines_view)
        finally:
            self._switching = False

    def _changed(self, _index: int) -> None:
        if not self._switching:
            ui_settings().setValue(self.KEY, "lines" if self.on_list() else "grid")
        if not self.on_list():
            self.grid.refresh()
        self.sig_list_shown.emit(self.on_list())
