"""The toolbar's global search (Ctrl+K): clients, orders, PO numbers, flow cards.

Uses core.search.search(text, limit) → [(kind, id, label)] when present; until
then a small fallback over the same fields.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

KIND_LABELS = {
    "client": "客户", "order": "订单", "flow_card": "流程卡", "production_sheet": "生产单",
    "quotation": "报价单", "sample": "样品", "complaint": "客诉", "shipment": "出货",
    "contact": "联系人",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("GlobalSearch", text)


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("kinds", KIND_LABELS.get(kind, kind))


def run_search(text: str, limit: int = 20) -> list[tuple[str, int, str]]:
    from ..core.search import search

    text = text.strip()
    if not text:
        return []
    return [(k, int(i), str(lbl)) for k, i, lbl in search(text, limit)]


class GlobalSearchBox(QLineEdit):
    """Type, pick a result with the arrows, Enter opens it (Enter alone opens the first)."""

    open_requested = Signal(str, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("globalSearch")
        self.setClearButtonEnabled(True)
        self.retranslate()
        self.setMinimumWidth(300)
        self.results: list[tuple[str, int, str]] = []
        self._pending: tuple[str, int] | None = None
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(15)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._on_activated_text)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.update_results)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._open_first)

    def retranslate(self) -> None:
        self.setPlaceholderText(tr("搜索客户、订单号、PO号、流程卡号… (Ctrl+K)"))

    def update_results(self) -> None:
        self._timer.stop()
        self.results = run_search(self.text(), 20)
        lines = [f"{kind_label(k)}  {label}" for k, _i, label in self.results]
        self._model.setStringList(lines)
        if lines:
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _on_activated_text(self, text: str) -> None:
        # a mouse click on a result; Enter on the popup also reaches _open_first,
        # which opens the same row and cancels this pending one
        lines = self._model.stringList()
        if text in lines:
            self._pending = self.results[lines.index(text)][:2]
            QTimer.singleShot(0, self._flush)

    def _flush(self) -> None:
        if self._pending is not None:
            kind, id_ = self._pending
            self._pending = None
            self._open(kind, id_)

    def _open_first(self) -> None:
        """Enter: open the highlighted result, else the first one."""
        if self._timer.isActive() or not self.results:
            self.update_results()
        if not self.results:
            return
        idx = self._completer.popup().currentIndex()
        row = idx.row() if idx.isValid() and idx.row() < len(self.results) else 0
        self._pending = None
        kind, id_, _ = self.results[row]
        self._open(kind, id_)

    def _open(self, kind: str, id_: int) -> None:
        self._completer.popup().hide()
        self.open_requested.emit(kind, id_)
