"""The order's sample (批板样品): chosen among the client's approved samples, and
shown as a link-like button that opens it on the client's 样品 page (小样 → 批板 → 大货)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QPushButton


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderEditor", text)


class SampleField(QObject):
    sig_open_sample = Signal(int)  # sample id: the user clicked the link

    def __init__(self, combo: QComboBox, link: QPushButton):
        super().__init__(combo)
        self.combo, self.link = combo, link
        self.shown: int | None = None
        link.setObjectName("orderSampleLink")
        link.setFlat(True)
        link.setCursor(Qt.CursorShape.PointingHandCursor)
        link.setStyleSheet("text-align: left; color: #1565c0; text-decoration: underline;")
        link.clicked.connect(lambda: self.shown is not None and self.sig_open_sample.emit(self.shown))
        link.hide()

    def fill(self, client_id: int | None, current: int | None,
             choices: list[tuple[int, str]] | None = None) -> None:
        """The client's approved samples (and ``current``, whatever its state), ``current`` chosen;
        ``choices`` when already read (order_loading.sample_choices), else read here."""
        from .order_loading import sample_choices

        if choices is None:
            choices = sample_choices(client_id, current)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(tr("(不按样品)"), None)
        for sid, summary in choices:
            self.combo.addItem(summary, sid)
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0) if current is not None else 0)
        self.combo.blockSignals(False)
        self._show_link(current, dict(choices).get(current) if current is not None else "")

    def _show_link(self, sample_id: int | None, text: str | None) -> None:
        self.shown = sample_id if text else None
        self.link.setVisible(bool(text))
        if text:
            self.link.setText(tr("按样品生产:%1").replace("%1", text))

    def value(self) -> int | None:
        return self.combo.currentData()
