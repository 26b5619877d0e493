"""A main-window tab that is a list beside a detail (客户档案, 订单, 生产跟踪, 售后).

The tab declares what is its own: the list model, the quick filter's hint and the
columns' widths (``set_up_list``), the buttons above the list (``list_side``, before
the detail is built: Tab follows the order widgets are made in) and the detail
widget (``lay_out``). This base builds the same frame for all of them: the list pane,
the buttons over it, a splitter with the detail on the right, the tab's margins;
and ``refresh`` reloads the list (F5, and when the tab is shown after a change).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QSplitter, QVBoxLayout, QWidget

from .layouts import button_row
from .list_view import ListPane
from .tab_base import BaseTab
from .tab_kit import tidy_list_pane
from .table_model import IdListModel
from .uistate import ui_settings


class ListTab(BaseTab):
    """``self.model`` and ``self.pane`` once ``set_up_list`` ran; ``self.splitter`` once ``lay_out`` ran."""

    def set_up_list(self, model: IdListModel, placeholder: str, widths: dict[int, int] | None = None,
                    combo_chars: int = 7) -> ListPane:
        """The list pane over ``model``; ``widths`` (column → pixels) tidy it for a 1366-pixel screen."""
        self.model = model
        self.pane = ListPane(model, self, placeholder=placeholder)
        self._list_side: QWidget = self.pane
        if widths is not None:
            tidy_list_pane(self.pane, widths, combo_chars=combo_chars)
        return self.pane

    def list_side(self, buttons: Sequence[QWidget]) -> QWidget:
        """The list with ``buttons`` in a row above it."""
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(button_row(buttons))
        lv.addWidget(self.pane)
        self._list_side = left
        return left

    def lay_out(self, detail: QWidget, *, stretch: tuple[int, int] = (3, 2), sizes: tuple[int, int] | None = None,
                name: str = "", top: QLayout | None = None, state_key: str = "") -> QSplitter:
        """The list (with its buttons) and ``detail`` side by side in a splitter; ``top`` a
        row above both; ``state_key`` keeps the splitter where the user left it."""
        split = QSplitter(Qt.Orientation.Horizontal, self)
        if name:
            split.setObjectName(name)
        split.addWidget(self._list_side)
        split.addWidget(detail)
        split.setStretchFactor(0, stretch[0])
        split.setStretchFactor(1, stretch[1])
        if sizes is not None:
            split.setSizes(list(sizes))
        if state_key:
            state = ui_settings().value(state_key)
            if state is not None:
                split.restoreState(state)
            split.splitterMoved.connect(lambda *_: ui_settings().setValue(state_key, split.saveState()))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        if top is not None:
            lay.addLayout(top)
        lay.addWidget(split)
        self.splitter = split
        return split

    def refresh(self) -> None:
        self.pane.refresh()
