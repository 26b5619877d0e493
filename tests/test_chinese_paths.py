"""Paths with Chinese characters and spaces work everywhere a merchandiser's
Windows folders have them (桌面\\跟单 资料, 张三的文档 …): the database, its
backups (by hand, automatic, before a restore), exports, printed PDFs and
imports. The frozen bundle runs the same commands (installer/build_bundle.py)."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from gendan_desktop.cli import main


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "张三的 文档" / "跟单 资料 2026"
    path.mkdir(parents=True)
    return path


def cli(*args) -> int:
    return main([str(a) for a in args])


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{db.as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()


def order_with_cards(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db.as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute('SELECT o.number FROM "order" o JOIN production_sheet s ON s.order_id = o.id '
                            "WHERE EXISTS (SELECT 1 FROM flow_card f WHERE f.order_id = o.id) LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def test_database_backup_export_print_import_restore_under_chinese_folders(folder, capsys):
    db = folder / "工厂 数据库.sqlite3"
    assert cli("--db", db, "demo", "--clients", "8", "--orders", "15", "--seed", "5") == 0
    assert cli("--db", db, "check") == 0
    clients = count(db, "client")

    backup = folder / "备份 文件夹" / "手工 备份 1.sqlite3"
    backup.parent.mkdir()
    assert cli("--db", db, "backup", backup) == 0
    assert count(backup, "client") == clients

    for kind in ("clients", "orders", "production"):
        target = folder / f"导出 {kind}.xlsx"
        assert cli("--db", db, "export", kind, target) == 0
        assert target.read_bytes()[:2] == b"PK"

    order_no = order_with_cards(db)
    sheet, cards = folder / "打印 生产单.pdf", folder / "打印 流程卡.pdf"
    assert cli("--db", db, "print", "production-sheet", order_no, sheet) == 0
    assert cli("--db", db, "print", "flow-cards", order_no, cards) == 0
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
    assert order_no in text and "生产单" in text

    other = folder / "另一个 库.sqlite3"
    assert cli("--db", other, "demo", "--clients", "0", "--orders", "0") == 0  # import needs a database
    assert cli("--db", other, "import", "clients", folder / "导出 clients.xlsx") == 0
    assert count(other, "client") == clients

    capsys.readouterr()
    assert cli("--db", db, "restore", backup) == 0
    out = capsys.readouterr().out
    kept = list(folder.rglob("*before-restore*.sqlite3"))
    assert kept and str(kept[0]) in out  # the safety copy, by the database, named in the message
    assert cli("--db", db, "check") == 0


def test_automatic_backup_beside_a_database_in_a_chinese_folder(folder):
    from gendan_desktop.core.backup import auto_backup
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.common import set_current_user
    from gendan_desktop.core.db import close_database, open_database

    open_database(str(folder / "工厂 数据库.sqlite3"))
    try:
        set_current_user("测试")
        create_client(name="路径 测试 客户")
        made = auto_backup()
    finally:
        close_database()
        set_current_user(None)
    assert made is not None and made.is_relative_to(folder) and made.is_file()
    assert count(made, "client") == 1
