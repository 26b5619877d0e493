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


# --------------------------------------------------- numbers, empty files --
def _orders_file(path, qty, price):
    return write_rows(path, [["客户", "客户PO", "下单日期", "交期", "款号", "数量", "单价"],
                             ["C0001", "PO-BIG", "2026-09-01", "2026-10-16", "S1", qty, price],
                             ["C0001", "PO-BIG", "2026-09-01", "2026-10-16", "S2", qty, price]])


@pytest.mark.parametrize("qty, price, column, words", [
    (1_000_000, 500_000_000, "单价", "0 至 10,000,000"),  # imported on main; export orders then failed
    (10 ** 20, 2, "数量", "1 至 10,000,000"),  # an OverflowError traceback on main
    (10, "0.0000001", "单价", "最多 4 位小数"),  # silently stored as 0 on main
    (1_000_000, 50_000, "单价", "超过上限 10,000,000,000"),  # each within range, the amount is not
])
def test_numbers_out_of_range_are_refused_with_row_column_and_range(dbfile, tmp_path, capsys, qty, price,
                                                                      column, words):
    open_database(dbfile)
    from gendan_desktop.core.clients import create_client

    create_client(name="Acme", code="C0001")
    close_database()
    assert main(["import", "orders", str(_orders_file(tmp_path / "big.xlsx", qty, price)), "--db", dbfile]) == 1
    err = capsys.readouterr().err
    assert "第 2 行“" in err and column in err and words in err and "Traceback" not in err
    assert _count(dbfile, Order) == 0
    assert main(["export", "orders", str(tmp_path / "o.xlsx"), "--db", dbfile]) == 0


def test_a_file_with_a_header_and_no_data_rows_is_an_error(dbfile, tmp_path, capsys):
    empty = write_rows(tmp_path / "empty.xlsx", [["客户名称", "邮箱", "国家"]])
    assert main(["import", "clients", str(empty), "--db", dbfile]) == 1
    assert "没有数据行" in capsys.readouterr().err
    assert main(["import", "clients", str(empty), "--db", dbfile, "--dry-run", "--lang", "en"]) == 1
    assert "no data rows" in capsys.readouterr().err


def test_a_statement_that_cannot_be_written_uses_no_number(dbfile, tmp_path, capsys):
    from gendan_desktop.core.models import AuditLog

    open_database(dbfile)
    from gendan_desktop.core.clients import create_client

    create_client(name="Acme", code="C0001")
    close_database()
    blocked = tmp_path / "st.xlsx"
    blocked.mkdir()  # FILE is a folder: the workbook cannot be written there
    assert main(["statement", "C0001", "--from", "2026-01-01", "--to", "2026-12-31", str(blocked),
                 "--db", dbfile]) == 1
    assert "无法写入" in capsys.readouterr().err
    open_database(dbfile)
    try:
        assert AuditLog.select().where(AuditLog.entity == "statement").count() == 0
    finally:
        close_database()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []  # no temporary file left
    good = tmp_path / "ok.xlsx"
    assert main(["statement", "C0001", "--from", "2026-01-01", "--to", "2026-12-31", str(good),
                 "--db", dbfile]) == 0
    book = openpyxl.load_workbook(good)
    number = f"ST{dt.date.today():%y%m}-0001"  # the first number: the failed run used none
    assert any(number in str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value)
