"""What a main-window tab is, and how a tab module plugs itself in.

A tab module (e.g. ``gendan_desktop/gui/orders/orders_tab.py``) exposes::

    def create_tab(window: MainWindow) -> BaseTab

and is listed once in ``main_window.TAB_SPECS``. The window creates the widget the
first time the tab is shown, so start-up stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


@dataclass
class TabSpec:
    key: str  # "workbench", "clients", "orders", "production", "aftersales"
    title: str  # Chinese source text, translated in the context "tabs"
    module: str  # dotted module with create_tab(window)
    kinds: frozenset = field(default_factory=frozenset)  # record kinds it opens
    order: int = 100


class BaseTab(QWidget):
    """A tab of the main window. Override what applies; the defaults do nothing.

    ``WATCH``: record kinds whose change (announced by a CollectionOp) make the
    tab reload; a hidden tab only marks itself stale and reloads when shown.
    """

    WATCH: frozenset = frozenset()

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.main_window = window
        self.stale = True

    # reload everything from the database (F5, after a change, when shown stale)
    def refresh(self) -> None:
        pass

    # show record ``id_`` of ``kind`` (a kind listed in this tab's TabSpec.kinds)
    def open_record(self, kind: str, id_: int) -> None:
        pass

    # Ctrl+N; return False when the tab has nothing to create
    def new_record(self) -> bool:
        return False

    # Ctrl+S; return False when there is nothing to save
    def save(self) -> bool:
        return False

    # Del: a whole sentence naming what would be deleted, or None if nothing is
    # selected / deletable. The window asks for confirmation with it, then calls
    # delete_selected().
    def deletion_prompt(self) -> str | None:
        return None

    def delete_selected(self) -> None:
        pass

    def watches(self, kinds: frozenset) -> bool:
        return bool(self.WATCH & kinds)


class PlaceholderTab(BaseTab):
    """Shown for a tab whose module is not written yet."""

    def __init__(self, window, title: str):
        super().__init__(window)
        lay = QVBoxLayout(self)
        label = QLabel(QCoreApplication.translate("tabs", "“%1”尚未开放。").replace("%1", title), self)
        label.setObjectName("placeholder")
        lay.addWidget(label)
        lay.addStretch(1)
