"""File ▸ 立即备份 / 从备份恢复: core.backup run off the GUI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .kit.operations import QueryOp


def tr(text: str) -> str:
    return QCoreApplication.translate("backup", text)


def backup_now(window) -> None:
    from ..core.backup import backup_name, default_backup_folder
    from ..core.db import sqlite_path
    from ..core.errors import GendanError

    try:
        folder = default_backup_folder()
    except GendanError as exc:  # PostgreSQL / in-memory: say why
        QMessageBox.information(window, tr("备份"), str(exc))
        return
    suggested = folder / backup_name(sqlite_path(window.db_url), dt.datetime.now())
    path, _ = QFileDialog.getSaveFileName(window, tr("备份数据库到"), str(suggested),
                                          tr("跟单桌面备份 (*.sqlite3)"))
    if not path:
        return

    def job(progress):
        from ..core.backup import backup_database

        # the backup API copies in steps: each one moves the bar, and Cancel
        # (progress.update raises Cancelled) stops the copy and leaves no file
        return backup_database(path, progress=lambda done, total: progress.update(done, total))

    QueryOp(window, job, success=lambda p: window.statusBar().showMessage(
        tr("已备份到 %1").replace("%1", str(p)), 8000)).with_progress(tr("正在备份…")).run_in_background()


def restore_from_backup(window) -> None:
    from ..core.backup import restore_database
    from ..core.db import close_database, open_database
    from ..core.errors import GendanError
    from .opening import begin_window_session

    url = window.db_url
    path, _ = QFileDialog.getOpenFileName(window, tr("选择备份文件"), str(Path(url).parent),
                                          tr("跟单桌面备份 (*.sqlite3);;所有文件 (*)"))
    if not path:
        return
    answer = QMessageBox.question(
        window, tr("从备份恢复"),
        tr("用“%1”替换当前数据库?当前数据会先另存一份。").replace("%1", path))
    if answer != QMessageBox.StandardButton.Yes:
        return
    close_database()
    try:
        safety = restore_database(path, url)
    except GendanError as exc:
        QMessageBox.warning(window, tr("恢复失败"), str(exc))
        open_database(url)
        return
    open_database(url)
    begin_window_session()  # the restored file holds no marker of this window
    from .kit.operations import changes

    changes().announce({"*"})
    for tab in window.tabs_by_key.values():
        tab.stale = True
    window.refresh_current()
    msg = tr("已从“%1”恢复。").replace("%1", path)
    if safety:
        msg += "\n" + tr("原来的文件已保存为“%1”。").replace("%1", str(safety))
    QMessageBox.information(window, tr("恢复完成"), msg)
