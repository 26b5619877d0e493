"""A one-line label that keeps its height and never widens the window.

A text too long for the room ends in "…" and shows whole in its tooltip. Used
where a label sits above buttons: a word-wrapping label that grows by a line
when a longer text arrives moves the buttons under the pointer (a click meant
for one sub-tab hit 开始生产).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QStyle, QStyleOptionComboBox, QStylePainter


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._full = ""
        self.set_full_text(text)

    # (QLabel.setText / QLabel.text are called explicitly below: these two are overridden)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text or ""
        self._elide()

    def text(self) -> str:
        """The whole text (``shown_text()`` is what fits)."""
        return self._full

    def shown_text(self) -> str:
        return QLabel.text(self)

    def is_elided(self) -> bool:
        return self.shown_text() != self._full

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        hint.setWidth(0)
        return hint

    def sizeHint(self):  # noqa: N802
        hint = super().sizeHint()
        hint.setHeight(self.fontMetrics().height() + self.contentsMargins().top() + self.contentsMargins().bottom())
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # noqa: N802 - a new font or style changes what fits
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = (
            self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width) if width > 0 else self._full
        )
        if shown != QLabel.text(self):
            QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")


class ElidedCombo(QComboBox):
    """A drop-down whose chosen text, when too long for the field, ends in "…"
    (QComboBox cuts it off mid-character: "LC2512-00047 ST-815(") and shows
    whole in the tooltip; the open list shows every item whole."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.currentTextChanged.connect(self.setToolTip)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        opt.currentText = self.fontMetrics().elidedText(
            opt.currentText, Qt.TextElideMode.ElideRight, max(field.width() - 4, 0)
        )
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def showPopup(self) -> None:  # noqa: N802 - the list as wide as its longest item
        view = self.view()
        widest = max((self.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count())),
                     default=0)
        view.setMinimumWidth(min(widest + 40, 700))
        super().showPopup()
