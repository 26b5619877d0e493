"""Application start-up: QApplication, translators, database, main window.

``run()`` is what ``gendan-desktop`` without a command calls. Tests and the
screenshot script use ``create_application`` + ``open_database_or_ask`` +
``MainWindow`` directly.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from .kit.uistate import APPLICATION, ORGANIZATION, ui_language
from .opening import (  # noqa: F401 - start-up's steps, also used by tests and scripts from here
    begin_window_session,
    end_window_session,
    open_database_or_ask,
    reopen_database,
    start_auto_backup,
    start_integrity_check,
    warn_if_network_share,
)
from .translators import install_translators, qt_translations_dir  # noqa: F401

# Windows' own CJK UI font; Qt's default (Segoe UI + fallback) sets Chinese unevenly.
UI_FONT_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei")


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def preferred_ui_family(families) -> str | None:
    """The first of UI_FONT_FAMILIES installed here, or None (keep Qt's default)."""
    installed = set(families)
    return next((f for f in UI_FONT_FAMILIES if f in installed), None)


def apply_ui_font(app: QApplication) -> str | None:
    """Use Microsoft YaHei for the window where it is installed; returns the family."""
    family = preferred_ui_family(QFontDatabase.families())
    if family and app.font().family() != family:
        font = app.font()
        font.setFamily(family)
        app.setFont(font)
    return family


def create_application(lang: str | None = None, argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings) and translators installed."""
    existing = QApplication.instance()
    if existing is None:
        QApplication.setOrganizationName(ORGANIZATION)
        QApplication.setApplicationName(APPLICATION)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    elif isinstance(existing, QApplication):
        app = existing
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
    else:
        raise RuntimeError("a QCoreApplication without widgets is already running")
    app.setApplicationDisplayName("")
    install_translators(lang or ui_language())
    apply_ui_font(app)
    from .kit.operations import GuiThreadGarbageCollector

    if app.findChild(GuiThreadGarbageCollector) is None:  # one per application, its child
        GuiThreadGarbageCollector(app)
    return app


def missing_display(lang: str = "zh") -> str | None:
    """Why no window can open here, in one sentence (``lang`` zh or en); None when it can.

    Without this, Qt aborts the process with several lines about the "xcb"
    platform plugin when a Linux session has no display (an SSH login, a
    service, a cron job). No QApplication exists yet, so both languages are here."""
    if sys.platform in ("win32", "darwin"):
        return None
    platform = (os.environ.get("QT_QPA_PLATFORM") or "").split(":")[0]
    if platform and platform not in ("xcb", "wayland", "wayland-egl"):
        return None  # offscreen, vnc, eglfs … need no X server
    if platform.startswith("wayland") or (not platform and os.environ.get("WAYLAND_DISPLAY")):
        return None
    display = os.environ.get("DISPLAY", "")
    if not display:
        zh = ("无法打开窗口:没有图形显示(环境变量 DISPLAY 未设置);请在桌面中启动,"
              "或使用命令行子命令(gendan-desktop --help)。")
        en = ("Cannot open the window: there is no graphical display (DISPLAY is not set); start it from a "
              "desktop, or use the command-line subcommands (gendan-desktop --help).")
    elif not _x_server_answers(display):
        zh = f"无法打开窗口:连接不到图形显示 {display};请检查 X 服务器是否在运行。"
        en = f"Cannot open the window: the graphical display {display} does not answer; check that the X server runs."
    else:
        return None
    return en if lang == "en" else zh


def _x_server_answers(display: str) -> bool:
    """Whether the local X server of ``display`` (":N" or "unix:N") accepts a connection."""
    import re
    import socket

    m = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if m is None:
        return True  # host:N over TCP, ssh forwarding …: let Qt try
    n = m.group(1)
    for address in ("\0/tmp/.X11-unix/X" + n, "/tmp/.X11-unix/X" + n):  # abstract socket first (Linux)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(2)
        try:
            s.connect(address)
            return True
        except OSError:
            continue
        finally:
            s.close()
    return False


def _after_first_paint(window) -> None:
    """What start-up does once the window is on the screen (the first turn of the
    event loop): none of it is needed for the first paint."""
    from ..core.first_start import needs_first_start
    from .reminders import start_reminders

    begin_window_session()
    backup = None if os.environ.get("GENDAN_NO_AUTO_BACKUP") else (lambda: start_auto_backup(window))
    start_integrity_check(window, then=backup)  # at most once a day, then the daily backup
    window.prebuild_tabs_later()
    warn_if_network_share(window)
    if needs_first_start():  # a new database: the assistant (company, currencies, routes, how to start)
        from .workbench.first_start import maybe_first_start  # its forms load only then

        maybe_first_start(window)
    start_reminders(window)  # follow-ups due and late steps in the tray, once per item per day


def run(db_url: str | None = None, lang: str | None = None) -> int:
    """Open the window on the database; a second start for the same database
    brings the first one's window to the front instead (single_instance.py)."""
    from ..applog import log
    from ..core.db import default_db_url, describe
    from ..core.errors import current_language
    from .crash_dialog import install_crash_reporting
    from .single_instance import SingleInstance

    started = time.perf_counter()
    problem = missing_display(lang or current_language())
    if problem:  # one sentence, not Qt's abort about the "xcb" plugin
        print(problem, file=sys.stderr)
        return 1
    app = create_application(lang)
    install_crash_reporting(app)
    url = db_url or default_db_url()
    guard = SingleInstance(url, app)
    if not guard.claim():
        if guard.other_pid is None:
            QMessageBox.warning(None, tr("跟单桌面"), tr(
                "这个数据库已经在另一个跟单桌面窗口中打开,但那个窗口没有响应。"
                "请稍等片刻再试;如果一直这样,请在任务管理器中结束它。"))
            return 1
        return 0  # the first window came to the front; open nothing else
    db = open_database_or_ask(url, defer_check=True)
    if db is None:
        return 1
    from .main_window import MainWindow

    window = MainWindow(db.gendan_url)
    guard.set_window(window)
    window.show()
    QTimer.singleShot(0, lambda: log.info("Main window shown on %s, %.0f ms after start-up began",
                                          describe(window.db_url), (time.perf_counter() - started) * 1000))
    QTimer.singleShot(0, lambda: _after_first_paint(window))
    try:
        return app.exec()
    finally:
        end_window_session()
        guard.release()
