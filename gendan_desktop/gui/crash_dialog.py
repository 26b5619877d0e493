"""One friendly dialog for an exception nobody caught, and Qt's messages in the log.

``install_crash_reporting(app)`` is called once at start-up: uncaught
exceptions of any thread (applog's hooks) reach ``CrashReporter.report``,
which hands them to the GUI thread; the first opens a ``CrashDialog`` (what
happened, where the log is, "复制详情" copies everything a developer needs),
later ones while it is open are added to it instead of opening more windows.
The dialog is built in code, not from a .ui form: it must still work when the
thing that broke is loading files.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .. import applog

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_REPORTER: list[CrashReporter] = []
MAX_DETAILS = 20


def tr(text: str) -> str:
    return QCoreApplication.translate("CrashDialog", text)


class CrashDialog(QDialog):
    """What went wrong, where the log is, and a button that copies the details."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(tr("跟单桌面 - 出错了"))
        self.summaries, self.details = [summary], details
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        log_file = applog.log_file()
        message = QLabel(
            tr("跟单桌面遇到了一个意外的错误,刚才的操作可能没有完成;已经保存的数据不受影响。")
            + "\n" + (tr("详情已写入日志文件:%1").replace("%1", str(log_file)) if log_file else "")
            + "\n" + tr("如果问题反复出现,请点“复制详情”,把内容发给技术支持。"), self)
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("crashSummary")
        self.summary_label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("crashDetails")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.copy_button = QPushButton(tr("复制详情"), self)
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.clicked.connect(self.copy_details)
        self.copied = QLabel("", self)
        close = QPushButton(tr("关闭"), self)
        close.setObjectName("closeCrash")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(message, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.text, 1)
        lay.addLayout(buttons)
        self.resize(640, 420)
        self._refresh()

    def add(self, summary: str, details: str) -> None:
        """Another error while this one is shown: one dialog, all the details
        (the first MAX_DETAILS of them: an error repeating in every repaint
        must not grow the text without end; the log has every one)."""
        self.summaries.append(summary)
        if len(self.summaries) <= MAX_DETAILS:
            self.details += "\n" + "-" * 60 + "\n" + details
        self._refresh()

    def _refresh(self) -> None:
        text = self.summaries[0]
        if len(self.summaries) > 1:
            text += "\n" + tr("之后又发生了 %1 个错误(见详情)。").replace("%1", str(len(self.summaries) - 1))
        self.summary_label.setText(text)
        self.text.setPlainText(self.details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copied.setText(tr("已复制到剪贴板。"))


class CrashReporter(QObject):
    """Receives uncaught exceptions from any thread; shows them on the GUI thread."""

    sig_reported = Signal(str, str)  # (summary, details): queued to the GUI thread

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.sig_reported.connect(self.show_report, Qt.ConnectionType.QueuedConnection)

    def report(self, summary: str, details: str) -> None:
        """Thread-safe: the dialog opens when the GUI thread next runs its events."""
        self.sig_reported.emit(summary, details)

    def show_report(self, summary: str, details: str) -> CrashDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(summary, details)
        else:
            self.dialog = CrashDialog(summary, details, QApplication.activeWindow())
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(self._forget)
            self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _forget(self, *_args) -> None:
        self.dialog = None


def _qt_message(msg_type, context, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    applog.log.getChild("qt").log(_QT_LEVELS.get(msg_type, logging.WARNING), "%s%s", message, where)


def install_crash_reporting(app: QApplication, *, qt_messages: bool = True) -> CrashReporter:
    """Uncaught exceptions → log + one dialog; Qt's own messages → log (a
    windowed Windows build has no console for them)."""
    if not _REPORTER or not shiboken6.isValid(_REPORTER[0]):
        _REPORTER[:] = [CrashReporter(app)]
    applog.install_exception_hooks(_REPORTER[0].report)
    if qt_messages:
        qInstallMessageHandler(_qt_message)
    return _REPORTER[0]


def crash_reporter() -> CrashReporter | None:
    return _REPORTER[0] if _REPORTER else None


def show_fatal(summary: str, details: str) -> None:
    """An error that stops the start-up: the same dialog, waited for."""
    app = QApplication.instance() or QApplication([])  # noqa: F841 - kept alive while the dialog runs
    CrashDialog(summary, details).exec()
