"""Application start-up: QApplication, translators, database, main window.

``run()`` is what ``gendan-desktop`` without a command calls. Tests and the
screenshot script use ``create_application`` + ``open_database_or_ask`` +
``MainWindow`` directly.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from .kit.uistate import APPLICATION, ORGANIZATION, ui_language

_TRANSLATORS: list[QTranslator] = []
# Windows' own CJK UI font; Qt's default (Segoe UI + fallback) sets Chinese unevenly.
UI_FONT_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei")


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def qt_translations_dir() -> str:
    path = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    if path and Path(path, "qtbase_zh_CN.qm").exists():
        return path
    import PySide6

    return str(Path(PySide6.__file__).parent / "Qt" / "translations")


def install_translators(lang: str) -> str:
    """Install our strings (source language is Chinese; English from gendan_en.qm)
    and Qt's own dialogs in the same language. Returns the language applied."""
    from .. import resources_path
    from ..core.errors import set_language

    app = QCoreApplication.instance()
    for t in _TRANSLATORS:
        app.removeTranslator(t)
    _TRANSLATORS.clear()
    lang = "en" if lang.startswith("en") else "zh"
    if lang == "en":
        ours = QTranslator(app)
        if ours.load(str(resources_path("translations", "gendan_en.qm"))):
            _TRANSLATORS.append(ours)
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
    else:
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_translations_dir()):
            _TRANSLATORS.append(qt)
        QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    for t in _TRANSLATORS:
        app.installTranslator(t)
    set_language(lang)  # core error sentences follow the UI
    return lang


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
    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName(ORGANIZATION)
        QApplication.setApplicationName(APPLICATION)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    else:
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("")
    install_translators(lang or ui_language())
    apply_ui_font(app)
    if not hasattr(app, "_gendan_gc"):
        from .kit.operations import GuiThreadGarbageCollector

        app._gendan_gc = GuiThreadGarbageCollector(app)
    return app


def _is_default_database(url: str) -> bool:
    """The window's own database in the data folder: the one file it may create unasked."""
    from ..core.db import DB_FILENAME, data_dir, is_postgres_url, sqlite_path

    if is_postgres_url(url):
        return False
    return Path(sqlite_path(url)).resolve() == (data_dir() / DB_FILENAME).resolve()


def open_database_or_ask(db_url: str | None, parent=None, *, defer_check: bool = False,
                         first_error: Exception | None = None, quick_check: bool | None = None):
    """Open the database; on DatabaseError say why and offer to restore a backup,
    choose another file, or quit (and, for a file that does not exist, to make
    a new database there). Returns the database, or None to quit.

    Opening checks only what is cheap (core/db.py: open_database), plus
    ``quick_check`` after an unclean shutdown. ``defer_check``: the caller runs
    ``start_integrity_check`` once its window shows; ``db.gendan_check_pending``
    says whether the daily check is due. After a refusal the next attempt runs
    the full check."""
    from ..core.db import default_db_url, is_postgres_url, open_database
    from ..core.errors import DatabaseError
    from ..core.sqlite_file import MissingDatabase

    url = db_url or default_db_url()
    error = first_error
    create = _is_default_database(url)
    while True:
        if error is None:
            try:
                db = open_database(url, create=create, quick_check=quick_check)
                db.gendan_check_pending = defer_check and not is_postgres_url(url) and _check_due()
                return db
            except DatabaseError as exc:
                error = exc
        quick_check = True  # whatever happens next (restore, other file), check it fully
        box = QMessageBox(QMessageBox.Critical, tr("无法打开数据库"), str(error), QMessageBox.NoButton, parent)
        new = box.addButton(tr("新建数据库"), QMessageBox.AcceptRole) if isinstance(error, MissingDatabase) else None
        restore = box.addButton(tr("从备份恢复…"), QMessageBox.AcceptRole)
        other = box.addButton(tr("打开其他数据库…"), QMessageBox.ActionRole)
        box.addButton(tr("退出"), QMessageBox.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        error = None
        if new is not None and clicked is new:
            create = True
        elif clicked is restore:
            _restore_interactively(url, parent)
        elif clicked is other:
            path, _ = QFileDialog.getOpenFileName(parent, tr("打开数据库"), str(Path(url).parent),
                                                  tr("跟单桌面数据库 (*.sqlite3 *.db);;所有文件 (*)"))
            if path:
                url, create = path, False
        else:
            return None


def _check_due() -> bool:
    from ..core.sessions import integrity_check_due

    try:
        return integrity_check_due()
    except Exception:  # noqa: BLE001 - an unreadable setting: check rather than not
        return True


def reopen_database(window, error: Exception | None = None, *, quick_check: bool | None = True) -> bool:
    """Close the database and open it again (checked), asking as at start-up
    when it is refused; the window is rebuilt on what was opened. False when
    the user chose to quit (the window is closed)."""
    from ..core.db import close_database

    window.clear_tabs()  # a list painted meanwhile would open the file again (and block a restore)
    close_database()
    # A failed read's cursor, kept alive by its exception's traceback cycle, keeps
    # its statement and with it the closed connection's lock: collect it now.
    gc.collect()
    db = open_database_or_ask(window.db_url, window, first_error=error, quick_check=quick_check)
    if db is None:
        window.close()
        QApplication.quit()
        return False
    begin_window_session()
    window.db_url = db.gendan_url
    window.build_ui()
    return True


def start_integrity_check(window, *, force: bool = False, then=None) -> None:
    """The background quick_check, when due (at most once a day) or ``force``d.
    A damaged file is closed at once and the user is offered a backup, as at
    start-up; ``then`` runs after a check that passed (or was not due)."""
    from ..core.db import is_postgres_url, sqlite_path
    from ..core.sessions import daily_integrity_check
    from .kit.operations import QueryOp

    if is_postgres_url(window.db_url):
        if then:
            then()
        return
    path = sqlite_path(window.db_url)
    op = QueryOp(window, lambda: daily_integrity_check(path, force=force))
    if then:
        op.success(lambda _ran: then())
    op.failure(lambda exc: reopen_database(window, exc)).run_in_background()


def begin_window_session() -> None:
    """Mark the database as open by this window (see core/sessions.py)."""
    from ..core.sessions import begin_session

    try:
        begin_session()
    except Exception:  # noqa: BLE001 - read-only media: no marker, nothing to clean up either
        pass


def end_window_session() -> None:
    from ..core.db import close_database
    from ..core.sessions import end_session

    try:
        end_session()
    except Exception:  # noqa: BLE001 - closing must go on (the marker then reads as a crash)
        pass
    close_database()


def _restore_interactively(url: str, parent) -> bool:
    from ..core.backup import restore_database
    from ..core.db import sqlite_path
    from ..core.errors import GendanError

    start = Path(sqlite_path(url)).parent / "backups"
    path, _ = QFileDialog.getOpenFileName(parent, tr("选择备份文件"), str(start if start.is_dir() else start.parent),
                                          tr("跟单桌面备份 (*.sqlite3);;所有文件 (*)"))
    if not path:
        return False
    try:
        safety = restore_database(path, url)
    except GendanError as exc:
        QMessageBox.warning(parent, tr("恢复失败"), str(exc))
        return False
    msg = tr("已从“%1”恢复。").replace("%1", path)
    if safety:
        msg += "\n" + tr("原来的文件已保存为“%1”。").replace("%1", str(safety))
    QMessageBox.information(parent, tr("恢复完成"), msg)
    return True


def start_auto_backup(window) -> None:
    """Back up in a worker when the last automatic backup is over a day old
    (quick_check first, unless the background check just ran)."""
    from .kit.operations import QueryOp

    def job():
        import datetime as dt

        from ..core.backup import auto_backup
        from ..core.sessions import integrity_check_due

        return auto_backup(check=integrity_check_due(every=dt.timedelta(hours=1)))

    def done(path):
        if path:
            window.statusBar().showMessage(tr("已自动备份到 %1").replace("%1", str(path)), 8000)

    def failed(exc):
        window.statusBar().showMessage(tr("自动备份失败:%1").replace("%1", str(exc)), 15000)

    QueryOp(window, job, success=done).failure(failed).run_in_background()


def warn_if_network_share(window) -> str | None:
    """A SQLite file on a network share: say that WAL is not safe there. Returns
    how the file is on the network ("UNC", "Z:", "cifs" …) or None."""
    from ..applog import log
    from ..core.db import is_postgres_url, sqlite_path
    from ..core.network_share import network_location

    if not window.db_url or is_postgres_url(window.db_url):
        return None
    path = sqlite_path(window.db_url)
    where = network_location(path)
    if where is None:
        return None
    log.warning("The database %s is on a network share (%s)", path, where)
    box = QMessageBox(QMessageBox.Warning, tr("数据库在网络共享上"), tr(
        "数据库文件“%1”在网络共享(%2)上。SQLite 的 WAL 模式在网络共享上不安全:"
        "两台电脑同时打开它可能损坏数据。\n\n多人共用一个数据库,请改用团队模式(PostgreSQL 服务器);"
        "一个人使用,请把数据库放在本机磁盘上。").replace("%1", path).replace("%2", where),
        QMessageBox.Ok, window)
    box.setObjectName("networkShareWarning")
    box.open()
    return where


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
    begin_window_session()
    backup = None if os.environ.get("GENDAN_NO_AUTO_BACKUP") else (lambda: start_auto_backup(window))
    start_integrity_check(window, then=backup)  # at most once a day, then the daily backup
    window.prebuild_tabs_later()
    warn_if_network_share(window)
    from .first_start import maybe_first_start
    from .reminders import start_reminders

    maybe_first_start(window)  # a new database: the assistant (company, currencies, routes, how to start)
    start_reminders(window)  # follow-ups due and late steps in the tray, once per item per day
    try:
        return app.exec()
    finally:
        end_window_session()
        guard.release()
