"""The hand-over report as PDF and Excel: what the successor reads, per client."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from gendan_desktop.core import handover  # noqa: E402
from gendan_desktop.core.company import CompanyProfile, save_profile  # noqa: E402
from gendan_desktop.core.errors import GendanError  # noqa: E402
from gendan_desktop.excel.handover_xlsx import export_handover  # noqa: E402
from gendan_desktop.printing.handover_pdf import handover_pdf  # noqa: E402

from .conftest import needs_poppler, page_count, pdf_text  # noqa: E402

pytestmark = needs_poppler
TODAY = dt.date.today()


@pytest.fixture
def book(db):
    from test_handover import _book  # tests/core: one of everything open, and closed work

    save_profile(CompanyProfile(name="宁波锦华服饰有限公司", merchandiser="李娜"))
    a = _book("柏林时装", "李娜")
    b = _book("Nordic Apparel AB", "李娜")
    handover.hand_over("李娜", "王磊", [a["client"].id, b["client"].id])
    return a, b


def test_pdf_lists_each_client_with_its_open_work(book, tmp_path):
    a, b = book
    path = tmp_path / "handover.pdf"
    path.write_bytes(handover_pdf([a["client"].id, b["client"].id], "李娜", "王磊"))
    txt = pdf_text(path)
    for expected in ["工 作 交 接 报 告", "HAND-OVER REPORT", "李娜", "王磊", "宁波锦华服饰有限公司",
                     a["client"].code, "柏林时装", "Nordic Apparel AB", "Anna", "+49 30 1234", "确认颜色",
                     a["order"].number, "已确认", a["complaint"].number, "色差", "未结客诉", "应收"]:
        assert expected in txt, expected
    assert txt.count(a["done"].number) == 1  # named by its complaint only: settled orders are not open work
    assert page_count(path) >= 1


def test_long_report_runs_over_pages_with_its_headings(db, tmp_path):
    from test_handover import _book

    ids = [_book(f"客户{n:02d}", "李娜")["client"].id for n in range(12)]
    path = tmp_path / "long.pdf"
    path.write_bytes(handover_pdf(ids, "李娜", "王磊"))
    n = page_count(path)
    assert n >= 3
    from .conftest import run

    last = run("pdftotext", "-f", str(n), "-l", str(n), str(path), "-")
    assert "续 cont." in last and f"第{n}页/共 {n}页" in last.replace(" ", "").replace("共", "共 ")


def test_xlsx_has_one_sheet_per_part(book, tmp_path):
    from python_calamine import CalamineWorkbook

    a, b = book
    path = export_handover(tmp_path / "交接.xlsx", [a["client"].id, b["client"].id], "李娜", "王磊")
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == ["交接总览", "联系人", "最近跟进", "未完成订单", "应收", "未结客诉"]
    overview = wb.get_sheet_by_name("交接总览").to_python()
    assert "李娜 → 王磊" in overview[0][0]
    assert overview[2][:2] == ["客户编号", "客户名称"]
    assert [r[1] for r in overview[3:]] == ["柏林时装", "Nordic Apparel AB"]
    assert overview[3][6] == 1  # one open order each, a real number
    orders = wb.get_sheet_by_name("未完成订单").to_python()
    row = next(r for r in orders if r[2] == a["order"].number)
    assert row[5] == "已确认" and isinstance(row[4], (dt.date, dt.datetime)) and row[6] == 300
    follow = wb.get_sheet_by_name("最近跟进").to_python()
    assert any(r[4] == "确认颜色" for r in follow)
    assert not list(tmp_path.glob(".~*"))  # no temporary file left


def test_xlsx_into_a_missing_folder_says_so_and_writes_nothing(book, tmp_path):
    a, _b = book
    with pytest.raises(GendanError, match="无法写入"):
        export_handover(tmp_path / "nope" / "x.xlsx", [a["client"].id], "李娜", "王磊")
    assert not list(tmp_path.rglob("*.xlsx"))
