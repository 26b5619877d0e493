"""Application start-up: QApplication, translators, database, main window.

``run()`` is what ``gendan-desktop`` without a command calls. Tests and the
screenshot script use ``create_application`` + ``open_database_or_ask`` +
``MainWindow`` directly.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from .uistate import APPLICATION, ORGANIZATION, ui_language

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
        from .operations import GuiThreadGarbageCollector

        app._gendan_gc = GuiThreadGarbageCollector(app)
    return app


def _schema_is_current(path: str) -> bool:
    """Peek read-only at the schema version: a database that needs no migration
    can be opened before its full check finishes (nothing writes to it)."""
    import sqlite3

    from ..core.migrations import latest_version

    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version FROM schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(row) and int(row[0]) == latest_version()


def open_database_or_ask(db_url: str | None, parent=None, *, defer_check: bool = False,
                         first_error: Exception | None = None):
    """Open the database; on DatabaseError say why and offer to restore a backup,
    choose another file, or quit. Returns the database, or None to quit.

    ``defer_check``: an existing, current SQLite file is opened after its header
    check only, and ``db.gendan_check_pending`` is set: the caller runs
    ``start_integrity_check`` once its window shows (quick_check reads the whole
    file, which is most of the start-up time on a big database)."""
    from ..core.db import default_db_url, is_postgres_url, open_database, sqlite_path
    from ..core.errors import DatabaseError

    url = db_url or default_db_url()
    error = first_error
    while True:
        if error is None:
            try:
                path = sqlite_path(url)
                deferred = (defer_check and not is_postgres_url(url) and path != ":memory:"
                            and Path(path).is_file() and _schema_is_current(path))
                db = open_database(url, quick_check=not deferred)
                db.gendan_check_pending = deferred
                return db
            except DatabaseError as exc:
                error = exc
        box = QMessageBox(QMessageBox.Critical, tr("无法打开数据库"), str(error), QMessageBox.NoButton, parent)
        restore = box.addButton(tr("从备份恢复…"), QMessageBox.AcceptRole)
        other = box.addButton(tr("打开其他数据库…"), QMessageBox.ActionRole)
        box.addButton(tr("退出"), QMessageBox.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        error = None
        if clicked is restore:
            _restore_interactively(url, parent)
        elif clicked is other:
            path, _ = QFileDialog.getOpenFileName(parent, tr("打开数据库"), str(Path(url).parent),
                                                  tr("跟单桌面数据库 (*.sqlite3 *.db);;所有文件 (*)"))
            if path:
                url = path
        else:
            return None


def start_integrity_check(window) -> None:
    """The deferred quick_check; a damaged file is closed at once and the user is
    offered a backup, as at start-up."""
    from ..core.db import check_sqlite_file, close_database, sqlite_path
    from .operations import QueryOp

    path = sqlite_path(window.db_url)

    def damaged(exc):
        close_database()
        db = open_database_or_ask(window.db_url, window, first_error=exc)
        if db is None:
            window.close()
            QApplication.quit()
            return
        window.db_url = db.gendan_url
        window.build_ui()

    QueryOp(window, lambda: check_sqlite_file(path)).failure(damaged).run_in_background()


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
    """Back up in a worker when the last automatic backup is over a day old."""
    from .operations import QueryOp

    def job():
        from ..core.backup import auto_backup

        return auto_backup()

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


def run(db_url: str | None = None, lang: str | None = None) -> int:
    """Open the window on the database; a second start for the same database
    brings the first one's window to the front instead (single_instance.py)."""
    from ..applog import log
    from ..core.db import default_db_url, describe
    from .crash_dialog import install_crash_reporting
    from .single_instance import SingleInstance

    started = time.perf_counter()
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
    if getattr(db, "gendan_check_pending", False):
        start_integrity_check(window)
    window.prebuild_tabs_later()
    if not os.environ.get("GENDAN_NO_AUTO_BACKUP"):
        start_auto_backup(window)
    warn_if_network_share(window)
    try:
        return app.exec()
    finally:
        guard.release()
