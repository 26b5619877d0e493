"""``gendan-desktop import / export / statement / template`` end to end."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from excel_helpers import SAMPLES, write_rows

from gendan_desktop.cli import main
from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.models import Client, Order


@pytest.fixture
def dbfile(tmp_path):
    """An existing, empty database (commands other than demo never make one)."""
    path = str(tmp_path / "cli.sqlite3")
    open_database(path)
    close_database()
    yield path
    close_database()


def _count(dbfile, model):
    open_database(dbfile)
    try:
        return model.select().count()
    finally:
        close_database()


def test_import_clients_then_orders(dbfile, capsys):
    assert main(["import", "clients", str(SAMPLES / "clients_cn.xlsx"), "--db", dbfile, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "读取 12 行" in out and "新建客户 12" in out
    assert main(["import", "orders", str(SAMPLES / "orders_en.xlsx"), "--db", dbfile, "--dry-run"]) == 0
    assert _count(dbfile, Order) == 0
    assert main(["import", "orders", str(SAMPLES / "orders_en.xlsx"), "--db", dbfile]) == 0
    assert "新建订单 8" in capsys.readouterr().out and _count(dbfile, Order) == 8
    # again: duplicates skipped by default, nothing written, still a success
    assert main(["import", "orders", str(SAMPLES / "orders_en.xlsx"), "--db", dbfile]) == 0
    assert "重复跳过 29 行" in capsys.readouterr().out and _count(dbfile, Order) == 8


def test_import_with_errors_exits_1_and_writes_nothing(dbfile, tmp_path, capsys):
    p = write_rows(tmp_path / "bad.xlsx", [["客户名称", "邮箱"], ["Good", "g@x.example"], ["Bad", "nope"]])
    report = tmp_path / "report.xlsx"
    assert main(["import", "clients", str(p), "--db", dbfile, "--error-report", str(report)]) == 1
    captured = capsys.readouterr()
    assert "未写入任何数据" in captured.out and "第 3 行“B 邮箱”列" in captured.err
    assert _count(dbfile, Client) == 0
    assert openpyxl.load_workbook(report).active.cell(2, 1).value == 3
    assert main(["import", "clients", str(p), "--db", dbfile, "--skip-invalid"]) == 0
    assert _count(dbfile, Client) == 1


def test_import_of_a_hostile_file_is_one_sentence_on_stderr(dbfile, tmp_path, capsys):
    p = tmp_path / "x.xlsx"
    p.write_text("a,b\n1,2\n")
    assert main(["import", "clients", str(p), "--db", dbfile, "--lang", "en"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "CSV" in err and "Save As" in err


def test_on_duplicate_update(dbfile, tmp_path):
    main(["import", "clients", str(SAMPLES / "clients_cn.xlsx"), "--db", dbfile])
    p = write_rows(tmp_path / "u.xlsx", [["Company", "Country"], ["NORDIC APPAREL AB", "Norway"]])
    assert main(["import", "clients", str(p), "--db", dbfile, "--on-duplicate", "update"]) == 0
    open_database(dbfile)
    assert Client.get(Client.name == "Nordic Apparel AB").country == "Norway"
    close_database()


def test_export_statement_and_template(dbfile, tmp_path, capsys):
    main(["import", "clients", str(SAMPLES / "clients_cn.xlsx"), "--db", dbfile])
    main(["import", "orders", str(SAMPLES / "orders_en.xlsx"), "--db", dbfile])
    capsys.readouterr()
    for kind in ("clients", "orders", "order-lines", "followups", "production", "complaints"):
        out = tmp_path / f"{kind}.xlsx"
        assert main(["export", kind, str(out), "--db", dbfile]) == 0
        assert out.exists()
    assert "已导出 29 行" in capsys.readouterr().out.split("\n")[2]
    st = tmp_path / "st.xlsx"
    code = "Nordic Apparel AB"
    assert main(["statement", code, "--from", "2026-01-01", "--to", str(dt.date(2026, 12, 31)), str(st),
                 "--db", dbfile]) == 0
    out = capsys.readouterr().out
    assert "期末应收 0.00" in out and st.exists()
    assert main(["statement", "No Such Client", "--from", "2026-01-01", "--to", "2026-12-31", str(st),
                 "--db", dbfile]) == 1
    assert "找不到客户" in capsys.readouterr().err
    assert main(["export", "clients", str(tmp_path / "missing" / "dir" / "c.xlsx"), "--db", dbfile]) == 1
    assert main(["template", "orders", str(tmp_path / "t.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]["B1"].value == "客户*"
