"""A date field that takes typing the way people type dates.

QDateEdit edits a date section by section: typed digits land in whatever
section the cursor is in (a PO typed into 下单日期 silently became a date),
an empty date is a fake minimum value, Tab walks its sections instead of
leaving, and its calendar opens in January 2000. ``DateEdit`` is a line edit:

* it accepts ``2026-12-01``, ``2026/12/1``, ``20261201``, ``12-01``, ``1201``
  (this year), ``15`` (this month), ``+7`` / ``-3`` (days from today) and
  ``今天`` / ``today``; the text becomes ``yyyy-MM-dd`` when the field is left;
* empty stays empty (``value()`` is None); Ctrl+A, Backspace clears it;
* Tab leaves it, like any other field;
* Alt+Down, F4 or the calendar button open a calendar on the field's date,
  or on today when it is empty;
* text that is not a date stays as typed, framed red, and ``value()`` raises a
  ValidationError that names the field, so nothing is saved with it.

``load_form`` puts one in place of every QDateEdit of a Designer form (same
object name), so forms keep being drawn with the standard widget. It keeps the
few QDateEdit methods the code uses (``date``, ``setDate``, ``dateChanged``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

INVALID_STYLE = "border: 1px solid #c62828;"


def tr(text: str) -> str:
    return QCoreApplication.translate("DateEdit", text)


_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_MONTH_DAY = re.compile(r"(\d{1,2})[-/.月](\d{1,2})日?")
_OFFSET = re.compile(r"([+-])\s*(\d{1,4})")
_TODAY = {"今天", "今日", "today", "t"}


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date ``text`` stands for; None for empty text. Raises ValueError if it is no date."""
    t = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not t:
        return None
    today = today or dt.date.today()
    if t in _TODAY:
        return today
    m = _OFFSET.fullmatch(t)
    if m:
        days = int(m.group(2))
        return today + dt.timedelta(days=days if m.group(1) == "+" else -days)
    m = _ISO.fullmatch(t)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    elif t.isdigit() and len(t) == 8:  # 20261201
        y, mo, d = int(t[:4]), int(t[4:6]), int(t[6:])
    elif t.isdigit() and len(t) == 6:  # 261201
        y, mo, d = 2000 + int(t[:2]), int(t[2:4]), int(t[4:])
    elif t.isdigit() and len(t) == 4:  # 1201: this year
        y, mo, d = today.year, int(t[:2]), int(t[2:])
    elif t.isdigit() and len(t) <= 2:  # 15: this month
        y, mo, d = today.year, today.month, int(t)
    else:
        m = _MONTH_DAY.fullmatch(t)
        if not m:
            raise ValueError(text)
        y, mo, d = today.year, int(m.group(1)), int(m.group(2))
    if not 1900 <= y <= 2200:
        raise ValueError(text)
    return dt.date(y, mo, d)  # ValueError for 2026-02-30


def _calendar_icon() -> QIcon:
    """A small calendar drawn here: no icon theme is there on Windows."""
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    grey = QColor("#555555")
    p.setPen(grey)
    p.drawRect(QRect(1, 2, 13, 12))
    p.fillRect(QRect(1, 2, 14, 4), grey)
    for x in (4, 7, 10):
        for y in (8, 11):
            p.fillRect(QRect(x, y, 2, 2), grey)
    p.end()
    return QIcon(pix)


class _CalendarPopup(QFrame):
    picked = Signal(object)  # dt.date

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("datePopupCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(1, 1, 1, 1)
        lay.addWidget(self.calendar)

    def _pick(self, qdate: QDate) -> None:
        self.picked.emit(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.close()

    def open_on(self, day: dt.date, below: QWidget) -> None:
        q = QDate(day.year, day.month, day.day)
        self.calendar.setSelectedDate(q)
        self.calendar.setCurrentPage(day.year, day.month)
        self.adjustSize()
        pos = below.mapToGlobal(QPoint(0, below.height()))
        screen = below.screen().availableGeometry() if below.screen() else None
        if screen is not None:  # keep it on the screen (a field near the bottom opens it above)
            if pos.y() + self.height() > screen.bottom():
                pos.setY(below.mapToGlobal(QPoint(0, 0)).y() - self.height())
            pos.setX(max(screen.left(), min(pos.x(), screen.right() - self.width())))
        self.move(pos)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)


class DateEdit(QLineEdit):
    """See the module docstring."""

    dateChanged = Signal(object)  # noqa: N815 - QDateEdit's name; the new value (dt.date or None)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value: dt.date | None = None
        self._invalid = False
        self.setPlaceholderText(tr("年-月-日"))
        self.setToolTip(tr("输入日期,如 2026-12-01、12-01、1201、+7(7 天后);留空即不填。Alt+↓ 打开日历。"))
        self.setClearButtonEnabled(True)
        self.calendar_action = QAction(_calendar_icon(), tr("日历"), self)
        self.calendar_action.setObjectName("calendarButton")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._popup: _CalendarPopup | None = None
        self.editingFinished.connect(self.normalize)
        self.textEdited.connect(self._edited)

    def _text_room(self) -> int:
        """Room for a whole date beside the clear and calendar buttons."""
        return self.fontMetrics().horizontalAdvance("2026-12-31") + 2 * 22 + 16

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), self._text_room()))
        return hint

    def minimumSizeHint(self):  # noqa: N802 - a squeezed field still shows the whole date
        hint = super().minimumSizeHint()
        hint.setWidth(max(hint.width(), self._text_room()))
        return hint

    # ------------------------------------------------------------- value
    def value(self) -> dt.date | None:
        """The date typed (None when empty). Raises ValidationError naming the field if it is no date."""
        try:
            return parse_date(self.text())
        except ValueError:
            from ...core.errors import ValidationError

            self._mark(True)
            shown = self.text().strip()
            raise ValidationError(
                f"“{shown}”不是日期:请输入如 2026-12-01、12-01、1201 或 +7,或留空。",
                f"“{shown}” is not a date: type e.g. 2026-12-01, 12-01, 1201 or +7, or leave it empty.",
                field=self.objectName() or None) from None

    def set_value(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")
        self._mark(False)
        self._changed(value)

    def is_valid(self) -> bool:
        try:
            parse_date(self.text())
        except ValueError:
            return False
        return True

    def normalize(self) -> None:
        """Show what was typed as yyyy-MM-dd (when the field is left or Enter is pressed)."""
        try:
            value = parse_date(self.text())
        except ValueError:
            self._mark(True)
            return
        text = value.isoformat() if value else ""
        if text != self.text():
            self.setText(text)
        self._mark(False)
        self._changed(value)

    def _edited(self, _text: str) -> None:
        if self._invalid:
            self._mark(False)

    def _changed(self, value: dt.date | None) -> None:
        if value != self._value:
            self._value = value
            self.dateChanged.emit(value)

    def _mark(self, invalid: bool) -> None:
        if invalid != self._invalid:
            self._invalid = invalid
            self.setStyleSheet(INVALID_STYLE if invalid else "")

    # --------------------------------------------------- QDateEdit's API
    def date(self) -> QDate:
        """As QDateEdit.date(): a null QDate when empty or not a date."""
        try:
            d = parse_date(self.text())
        except ValueError:
            d = None
        return QDate(d.year, d.month, d.day) if d else QDate()

    def setDate(self, qdate) -> None:  # noqa: N802 - QDateEdit's name
        if isinstance(qdate, QDate):
            qdate = dt.date(qdate.year(), qdate.month(), qdate.day()) if qdate.isValid() else None
        self.set_value(qdate)

    def setCalendarPopup(self, _on: bool) -> None:  # noqa: N802 - kept for QDateEdit callers: always has one
        pass

    def setDisplayFormat(self, _fmt: str) -> None:  # noqa: N802 - always yyyy-MM-dd
        pass

    # ----------------------------------------------------------- calendar
    def open_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        try:
            day = parse_date(self.text()) or dt.date.today()
        except ValueError:
            day = dt.date.today()
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        self._popup.open_on(day, self)

    def calendar(self) -> QCalendarWidget | None:
        return self._popup.calendar if self._popup is not None and self._popup.isVisible() else None

    def _picked(self, day: dt.date) -> None:
        self.set_value(day)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.editingFinished.emit()

    def changeEvent(self, event) -> None:  # noqa: N802 - a read-only date offers no clearing, no calendar
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ReadOnlyChange, QEvent.Type.EnabledChange):
            editable = not self.isReadOnly() and self.isEnabled()
            self.setClearButtonEnabled(editable)
            self.calendar_action.setVisible(editable)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ) or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)
