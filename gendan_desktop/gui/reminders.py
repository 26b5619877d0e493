"""Tray reminders while the window runs: follow-ups due and late steps (core/reminders.py).

At start and then on a timer, a worker asks the core what this merchandiser
has not been reminded of today, remembers it as shown, and the tray icon
raises one notification for all of it (QSystemTrayIcon.showMessage); a click
on it brings the window up on the workbench. Where the desktop has no tray,
the status bar says it instead. Settings → 备份与语言 turns it off.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QStyle, QSystemTrayIcon

from .kit.operations import QueryOp

INTERVAL_MS = 30 * 60 * 1000  # every half hour: a late step of the morning shows by noon
FIRST_AFTER_MS = 3000  # at start, once the window and its first loads are up


def tr(text: str) -> str:
    return QCoreApplication.translate("Reminders", text)


class TrayReminders(QObject):
    sig_checked = Signal(int)  # sig: a check ended; how many items it reminded of (0: none, or turned off)
    sig_notified = Signal(str, str, list)  # sig: a notification was raised: title, text, the items' keys

    def __init__(self, window, interval_ms: int = INTERVAL_MS):
        super().__init__(window)
        self.window = window
        self.running = False
        self.tray = QSystemTrayIcon(self)
        self.tray.setObjectName("reminderTray")
        icon = window.windowIcon()
        self.tray.setIcon(
            icon if not icon.isNull() else window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        )
        self.tray.setToolTip(tr("跟单桌面"))
        self.tray.messageClicked.connect(self._show_workbench)
        self.tray.activated.connect(lambda _reason: self._show_workbench())
        self.timer = QTimer(self)
        self.timer.setObjectName("reminderTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self, first_after_ms: int = FIRST_AFTER_MS) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()
        QTimer.singleShot(first_after_ms, self.check)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.tray.hide()

    def check(self) -> None:
        """Ask the core in a worker; one check at a time."""
        if self.running:
            return
        self.running = True
        today = dt.date.today()

        def job():
            from ..core.reminders import due_reminders, mark_shown, reminder_message, reminders_enabled

            if not reminders_enabled():
                return None
            items = due_reminders(today)
            if not items:
                return None
            mark_shown([i.key for i in items], today)
            return reminder_message(items), [i.key for i in items]

        op = QueryOp(self.window, job, success=self._notify)
        op.failure(lambda _exc: self.sig_checked.emit(0))  # a reminder must never raise a box over the work
        op.finally_(self._done).run_in_background()

    def _done(self) -> None:
        self.running = False

    def _notify(self, result) -> None:
        if result is None:
            self.sig_checked.emit(0)
            return
        (title, text), keys = result
        if self.tray.isVisible() and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 20_000)
        else:
            self.window.statusBar().showMessage(f"{title}  {text.splitlines()[0] if text else ''}", 20_000)
        self.sig_notified.emit(title, text, keys)
        self.sig_checked.emit(len(keys))

    def _show_workbench(self) -> None:
        w = self.window
        w.showNormal() if w.isMinimized() else w.show()
        w.raise_()
        w.activateWindow()
        w.show_tab("workbench")


def start_reminders(window) -> TrayReminders:
    window.reminders = TrayReminders(window)
    window.reminders.start()
    return window.reminders
