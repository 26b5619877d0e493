"""Wrong and hostile files: one clear sentence, nothing written, no hang, no memory blowup."""

from __future__ import annotations

import shutil
import tracemalloc

import pytest
from excel_helpers import (
    DATA,
    SAMPLES,
    billion_laughs,
    external_entity,
    lying_zip_bomb,
    minimal_ods,
    ods_repeat_bomb,
    ods_with_trailing_empty_area,
    write_rows,
    zip_bomb,
)

from gendan_desktop.core.models import Client, Order
from gendan_desktop.excel import importer
from gendan_desktop.excel.reader import FileRefused


def _refused(path, kind="clients") -> str:
    before = (Client.select().count(), Order.select().count())
    with pytest.raises(FileRefused) as info:
        importer.run(importer.prepare(path, kind))
    assert (Client.select().count(), Order.select().count()) == before
    msg = info.value.zh
    assert "\n" not in msg and msg.endswith("。") and path.name in msg
    assert info.value.en and info.value.en != msg
    return msg


def _refused_with_peak_memory(path, kind="clients") -> tuple[str, int]:
    """``_refused`` and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        msg = _refused(path, kind)
        return msg, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_csv_renamed_as_xlsx_is_refused_with_how_to_convert(db, tmp_path):
    p = tmp_path / "客户.xlsx"
    p.write_text("客户名称,邮箱\n华美服装,a@b.example\n", encoding="utf-8")
    msg = _refused(p)
    assert "CSV" in msg and "另存为" in msg


def test_gbk_text_renamed_as_xls_is_refused(db, tmp_path):
    p = tmp_path / "clients.xls"
    p.write_bytes("客户名称\t邮箱\n华美服装\ta@b.example\n".encode("gbk"))
    assert "CSV" in _refused(p)


def test_html_table_saved_as_xls_is_refused(db, tmp_path):
    p = tmp_path / "export.xls"
    p.write_text("<html><body><table><tr><td>客户名称</td></tr></table></body></html>", encoding="utf-8")
    assert "网页" in _refused(p)


def test_empty_file_is_refused(db, tmp_path):
    p = tmp_path / "empty.xlsx"
    p.write_bytes(b"")
    assert "空" in _refused(p)


def test_truncated_xlsx_is_refused(db, tmp_path):
    good = (SAMPLES / "clients_cn.xlsx").read_bytes()
    p = tmp_path / "cut.xlsx"
    p.write_bytes(good[: len(good) // 2])
    assert "不完整" in _refused(p)


def test_truncated_member_data_is_refused(db, tmp_path):
    """The central directory survives but a member's data is cut short."""
    import zipfile

    good = bytearray((SAMPLES / "clients_cn.xlsx").read_bytes())
    p = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(SAMPLES / "clients_cn.xlsx") as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    good[start + 10:start + info.compress_size] = b"\0" * (info.compress_size - 10)
    p.write_bytes(bytes(good))
    msg = _refused(p)
    assert "损坏" in msg or "不完整" in msg


def test_encrypted_xlsx_is_refused(db, tmp_path):
    p = tmp_path / "secret.xlsx"
    shutil.copy(DATA / "clients_encrypted.xlsx", p)
    assert "加密" in _refused(p)


def test_workbook_without_recognisable_columns_is_refused(db, tmp_path):
    p = write_rows(tmp_path / "random.xlsx", [["a", "b", "c"], [1, 2, 3], ["x", "y", "z"]])
    msg = _refused(p)
    assert "列标题" in msg and "客户名称" in msg


def test_workbook_with_only_blank_sheets_is_refused(db, tmp_path):
    p = write_rows(tmp_path / "blank.xlsx", [])
    assert "没有任何数据" in _refused(p)


def test_word_document_renamed_is_refused(db, tmp_path):
    import zipfile

    p = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("word/document.xml", "<?xml version='1.0'?><w:document xmlns:w='x'/>")
        zf.writestr("[Content_Types].xml", "<?xml version='1.0'?><Types/>")
    assert "不是 Excel 工作簿" in _refused(p)


def test_billion_laughs_is_refused_before_expansion(db, tmp_path):
    p = billion_laughs(tmp_path / "laughs.xlsx")
    msg, peak = _refused_with_peak_memory(p)
    assert "实体" in msg
    assert peak < 50 * 1024 * 1024  # 10^9 "lol"s would be gigabytes


def test_external_entity_is_refused(db, tmp_path):
    assert "实体" in _refused(external_entity(tmp_path / "xxe.xlsx"))


def test_zip_bomb_is_refused_from_its_headers(db, tmp_path):
    p = zip_bomb(tmp_path / "bomb.xlsx", size_mb=60)
    assert p.stat().st_size < 1024 * 1024
    msg, peak = _refused_with_peak_memory(p)
    assert "压缩炸弹" in msg
    assert peak < 30 * 1024 * 1024


def test_zip_bomb_with_lying_sizes_is_stopped_while_inflating(db, tmp_path):
    p = lying_zip_bomb(tmp_path / "liar.xlsx", real_mb=40)
    msg, peak = _refused_with_peak_memory(p)
    assert "压缩炸弹" in msg
    assert peak < 30 * 1024 * 1024


def test_old_xls_is_read(db, tmp_path):
    plan = importer.prepare(DATA / "clients_old.xls", "clients")
    assert plan.book_kind == "xls" and plan.header_row == 2
    result = importer.run(plan)
    assert result.ok and result.created == 2
    c = Client.get(Client.name == "杭州老友贸易有限公司")
    assert c.phone == "13800138000" and c.email == "wang@laoyou.example"
    assert str(c.first_contact_date) == "2025-03-08"


def test_unreadable_xls_says_how_to_convert(db, tmp_path):
    raw = (DATA / "clients_old.xls").read_bytes()
    p = tmp_path / "broken.xls"
    p.write_bytes(raw[:512] + b"\xff" * (len(raw) - 512))
    msg = _refused(p)
    assert "另存为" in msg and ".xlsx" in msg


def test_ods_is_read(db, tmp_path):
    p = minimal_ods(tmp_path / "clients.ods", [["客户名称", "邮箱", "国家"], ["苏州锦绣丝绸", "a@jx.example", "中国"]])
    plan = importer.prepare(p, "clients")
    assert plan.book_kind == "ods"
    assert importer.run(plan).created == 1
    assert Client.get(Client.name == "苏州锦绣丝绸").country == "中国"


@pytest.mark.parametrize("far", ["XFD1048576", "A1048576", "ZZZ1"])
def test_one_stray_cell_far_away_is_refused_not_allocated(db, tmp_path, far):
    """calamine allocates the cells' whole bounding box: 17 billion cells for XFD1048576."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["客户名称", "邮箱"])
    wb.active.append(["Acme", "a@acme.example"])
    wb.active[far] = "x"
    p = tmp_path / "stray.xlsx"
    wb.save(p)
    assert p.stat().st_size < 10_000
    msg = _refused(p)
    letters, row = far.rstrip("0123456789"), far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert "拆分" in msg and (row in msg if row != "1" else letters in msg)


def test_wide_but_reasonable_sheet_is_read(db, tmp_path):
    row = ["客户名称"] + [f"备用{i}" for i in range(60)]  # columns up to BI
    p = write_rows(tmp_path / "wide.xlsx", [row, ["Acme"] + ["x"] * 60])
    assert importer.run(importer.prepare(p, "clients")).created == 1


def test_ods_with_a_cell_repeated_millions_of_times_is_refused(db, tmp_path):
    assert "拆分" in _refused(ods_repeat_bomb(tmp_path / "rep.ods"))


def test_ods_with_libreoffice_trailing_empty_area_is_read(db, tmp_path):
    plan = importer.prepare(ods_with_trailing_empty_area(tmp_path / "lo.ods"), "clients")
    assert importer.run(plan).created == 1
