"""A row of buttons that wraps onto a second row when the room is too narrow.

In English six action buttons in one row made the production tab wider than a
1366-pixel screen, and the window grew past it. ``FlowLayout`` lays its
widgets out left to right and starts a new row when the next one does not
fit (Qt's flow-layout example); ``stretch_after(i)`` pushes the rest of a
row to the right edge, as ``addStretch`` does in a box layout.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle


class FlowLayout(QLayout):
    def __init__(self, parent=None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._right_from: int | None = None  # items from this index on sit at the right end of the row
        self.setContentsMargins(0, 0, 0, 0)

    def right_align_from(self, index: int) -> None:
        """Items from ``index`` on go to the right end of the last row they share with the others."""
        self._right_from = index

    # --------------------------------------------------------- QLayout API
    def addItem(self, item) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(i.sizeHint().width() for i in self._items) + self._gap * max(len(self._items) - 1, 0)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # ------------------------------------------------------------- layout
    def _spacing(self) -> int:
        if self._gap >= 0:
            return self._gap
        parent = self.parentWidget()
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if parent else 6

    def _place(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._spacing()
        rows: list[list] = [[]]
        x = 0
        parent = self.parentWidget()
        for item in self._items:
            widget = item.widget()
            if widget is not None and parent is not None and not widget.isVisibleTo(parent):
                continue
            w = item.sizeHint().width()
            if rows[-1] and x + w > area.width():
                rows.append([])
                x = 0
            rows[-1].append(item)
            x += w + gap
        y = area.y()
        for row in rows:
            height = max((i.sizeHint().height() for i in row), default=0)
            if apply:
                self._apply_row(row, area, y, height, gap)
            y += height + gap
        return y - gap - area.y() + m.top() + m.bottom() if rows[0] else m.top() + m.bottom()

    def _apply_row(self, row: list, area: QRect, y: int, height: int, gap: int) -> None:
        split = len(row)
        if self._right_from is not None:
            split = next((k for k, i in enumerate(row) if self._items.index(i) >= self._right_from), len(row))
        x = area.x()
        for item in row[:split]:
            size = item.sizeHint()
            item.setGeometry(QRect(QPoint(x, y), QSize(size.width(), height)))
            x += size.width() + gap
        right = area.right() + 1
        for item in reversed(row[split:]):
            size = item.sizeHint()
            right -= size.width()
            item.setGeometry(QRect(QPoint(right, y), QSize(size.width(), height)))
            right -= gap


def flow_widget_policy(widget) -> None:
    """The widget holding a FlowLayout grows in height as its rows need."""
    policy = widget.sizePolicy()
    policy.setHeightForWidth(True)
    policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
    widget.setSizePolicy(policy)


def flow_bar(parent, widgets, right_from: int | None = None, name: str = ""):
    """A widget laying ``widgets`` out in a FlowLayout (those from ``right_from``
    on at the right end); it takes the height its rows need."""
    from PySide6.QtWidgets import QWidget

    bar = QWidget(parent)
    if name:
        bar.setObjectName(name)
    lay = FlowLayout(bar)
    for w in widgets:
        lay.addWidget(w)
    if right_from is not None:
        lay.right_align_from(right_from)
    flow_widget_policy(bar)
    return bar
