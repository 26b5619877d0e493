"""Windows that fit the screen, forms that scroll instead of growing.

At 1366×768 (a common office laptop) the main window opened at 1280×800, so
the order form's Save row and the status bar were below the screen's edge;
and a form whose fields could not shrink made the window grow past the
screen. ``fit_to_screen`` sizes a window to what the screen has free;
``scrolled(inner)`` puts a form in a scroll area, so that on a small screen
it scrolls rather than pushing its window (or the list beside it) away.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def available(widget: QWidget | None = None) -> QRect:
    """The free area (without task bars) of the screen ``widget`` is on."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(window: QWidget) -> QSize:
    """What the title bar and borders add (a guess before the window is shown)."""
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame.height() > inner.height():
        return QSize(frame.width() - inner.width(), frame.height() - inner.height())
    return QSize(16, 40)


def fit_to_screen(window: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Resize ``window`` to ``width`` × ``height`` (default: its size) or less,
    so that it and its frame lie on the screen's free area, and move it there."""
    area = available(window)
    margins = frame_margins(window)
    w = min(width or window.width(), area.width() - margins.width())
    h = min(height or window.height(), area.height() - margins.height())
    window.resize(max(w, 200), max(h, 150))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - window.width() - margins.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - window.height() - margins.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.x()), max(y, area.y()))


def scrolled(inner: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``inner`` in a frameless scroll area that fills the room and scrolls when it is
    smaller than ``inner``'s minimum size."""
    area = QScrollArea(parent)
    area.setObjectName(f"{inner.objectName() or 'form'}Scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(inner)
    return area


def title_width(window: QWidget) -> int:
    """About what the window manager needs to show ``window``'s title whole:
    the text in a bold title font, plus the icon and the title-bar buttons."""
    from PySide6.QtGui import QFont, QFontMetrics

    font = QFont(window.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(window.windowTitle()) + 150


def fit_title(window: QWidget, floor: int = 0) -> None:
    """Make ``window`` at least wide enough for its whole title (within the screen):
    a narrow dialog showed "登记收…-0001". ``floor``: a width it never goes below."""
    wanted = min(max(title_width(window), floor), available(window).width() - 40)
    if window.minimumWidth() < wanted:
        window.setMinimumWidth(wanted)
    if window.width() < wanted:
        window.resize(wanted, window.height())


def grow_to_contents(window: QWidget) -> None:
    """After a message appeared inside ``window`` (a wrapped error under a field),
    make it tall enough to show everything, within the screen."""
    lay = window.layout()
    if lay is None:
        return
    lay.activate()
    need = lay.totalHeightForWidth(window.width()) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
    need = max(need, lay.totalMinimumSize().height())
    if need > window.height():
        fit_to_screen(window, window.width(), need)
