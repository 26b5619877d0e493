"""Opening the database from the window: ask when it is refused (restore a
backup, another file, a new one), reopen after a failed read, the daily check,
the daily backup, the window's session marker and the network-share warning.

Below both app.py (start-up) and main_window.py (which reopens), so neither
imports the other for these.
"""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def _is_default_database(url: str) -> bool:
    """The window's own database in the data folder: the one file it may create unasked."""
    from ..core.db import DB_FILENAME, data_dir, is_postgres_url, sqlite_path

    if is_postgres_url(url):
        return False
    return Path(sqlite_path(url)).resolve() == (data_dir() / DB_FILENAME).resolve()


def open_database_or_ask(db_url: str | None, parent=None, *, defer_check: bool = False,
                         first_error: BaseException | None = None, quick_check: bool | None = None):
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
        box = QMessageBox(
            QMessageBox.Icon.Critical, tr("无法打开数据库"), str(error), QMessageBox.StandardButton.NoButton, parent
        )
        new = (
            box.addButton(tr("新建数据库"), QMessageBox.ButtonRole.AcceptRole)
            if isinstance(error, MissingDatabase)
            else None
        )
        restore = box.addButton(tr("从备份恢复…"), QMessageBox.ButtonRole.AcceptRole)
        other = box.addButton(tr("打开其他数据库…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(tr("退出"), QMessageBox.ButtonRole.RejectRole)
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


def reopen_database(window, error: BaseException | None = None, *, quick_check: bool | None = True) -> bool:
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


def switch_database(window, url: str) -> None:
    """Close the window's database (ending its session) and open ``url`` (made if new) in its place."""
    from ..core.db import open_database

    window.clear_tabs()
    end_window_session()
    gc.collect()
    db = open_database(url, create=True)
    begin_window_session()
    window.db_url = db.gendan_url
    window.build_ui()


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

    with contextlib.suppress(Exception):  # read-only media: no marker, nothing to clean up either
        begin_session()


def end_window_session() -> None:
    from ..core.db import close_database
    from ..core.sessions import end_session

    with contextlib.suppress(Exception):  # closing must go on (the marker then reads as a crash)
        end_session()
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
    box = QMessageBox(QMessageBox.Icon.Warning, tr("数据库在网络共享上"), tr(
        "数据库文件“%1”在网络共享(%2)上。SQLite 的 WAL 模式在网络共享上不安全:"
        "两台电脑同时打开它可能损坏数据。\n\n多人共用一个数据库,请改用团队模式(PostgreSQL 服务器);"
        "一个人使用,请把数据库放在本机磁盘上。").replace("%1", path).replace("%2", where),
        QMessageBox.StandardButton.Ok, window)
    box.setObjectName("networkShareWarning")
    box.open()
    return where

