"""Builders of spreadsheets as people really keep them, and of hostile files."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

DATA = Path(__file__).parent / "data"
# The project's sample spreadsheets, carried here so that a fresh clone tests alone
# (see data/make_fixtures.py for what each file is).
SAMPLES = DATA


def messy_clients(path: Path) -> Path:
    """Two title rows (merged), Chinese/English header variants, blank rows,
    extra columns, phones as numbers, dates as real dates and as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["2026 广交会客户名片整理"])
    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["整理人:小王", None, None, "日期:2026/10/20"])
    ws.merge_cells("A2:C2")
    ws.append([])
    ws.append(["序号", "Company Name", "联系人", "手机号码", "E-mail", "国家/地区", "客户来源", "等级", "首次联系",
               "展位号", "标签"])
    ws.append([1, "Nordic Apparel AB", "Anna", 46701234567, "anna@nordic.example", "瑞典", "广交会", "大客户",
               dt.datetime(2026, 10, 16), "11.2 C05", "针织, 大货"])
    ws.append([])
    ws.append([2, "Sunrise Textiles Ltd.", "Raj", "+91 98200 12345", "raj@sunrise.example", "India", "展会", "普通",
               "2026-10-16", "A12", ""])
    ws.append([3, "  Blue Ocean Fashion Inc. ", "Li Na", 13800138000, "", "美国", "Alibaba", "", "2026/10/17",
               None, "梭织"])
    ws.append([None, None, None, None, None, None, None, None, None, None, None])
    ws.append([4, "Atlas Trading GmbH", "Jonas", 491701234567, "JONAS@ATLAS.EXAMPLE", "德国", "google", "key",
               "2026.10.18", "B3", None])
    wb.save(path)
    return path


def messy_orders(path: Path, *, formula_qty: bool = False) -> Path:
    """Order lines under a title, the order number merged down over each order's
    lines, Chinese headers, dates in three text forms and as real dates, a total row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["十月订单汇总"])
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(["订单号", "客户名称", "客户PO", "下单日期", "交货期", "款号", "品名", "颜色", "尺码", "数量(件)",
               "单价(USD)", "金额", "跟单员备注"])
    rows = [
        ("A-001", "Nordic Apparel AB", "PO-88", dt.date(2026, 9, 1), "2026-10-16", "ST-1", "针织衫", "Black", "S", 100,
         8.75),
        (None, None, None, None, None, "ST-1", "针织衫", "Navy", "M", 200, 8.75),
        (None, None, None, None, None, "ST-2", "开衫", "Grey", "L", 300, 9.5),
        ("A-002", "SUNRISE TEXTILES LTD", "PO-89", "2026/09/02", "2026/10/16", "ST-3", "T恤", "White", "XL", 1200,
         3.2),
        ("A-002", "SUNRISE TEXTILES LTD", "PO-89", "2026.09.02", "2026.10.16", "ST-3", "T恤", "Black", "XL", 800,
         3.2),
    ]
    for r in rows:
        amount = r[9] * r[10]
        ws.append(list(r) + [amount, ""])
    ws.merge_cells("A4:A6")
    ws.merge_cells("B4:B6")
    ws.merge_cells("C4:C6")
    ws.merge_cells("D4:D6")
    ws.merge_cells("E4:E6")
    ws.append(["合计", None, None, None, None, None, None, None, None, 2600, None, None, None])
    ws.append([])
    ws.append(["制表:小王", None, "审核:李经理"])
    if formula_qty:
        ws["J5"] = "=100+100"  # openpyxl saves formulas without a cached result
    wb.save(path)
    return path


def write_rows(path: Path, rows: list[list], title: str = "Sheet1") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


# ---------------------------------------------------------------- hostile --
def billion_laughs(path: Path) -> Path:
    """A valid-looking xlsx whose sharedStrings.xml declares nested entities."""
    good = io.BytesIO()
    write_rows(good, [["客户名称", "邮箱"], ["&lol9;", "a@b.example"]])
    lol = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                    for i in range(1, 10)]
    evil = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [' + "".join(lol) + ']>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            '<si><t>&lol9;</t></si></sst>')
    _replace_member(good, path, "xl/sharedStrings.xml", evil.encode())
    return path


def external_entity(path: Path) -> Path:
    good = io.BytesIO()
    write_rows(good, [["客户名称", "邮箱"], ["x", "a@b.example"]])
    evil = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>')
    _replace_member(good, path, "xl/sharedStrings.xml", evil.encode())
    return path


def _replace_member(src, dest: Path, name: str, data: bytes) -> None:
    src.seek(0)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        for n in names:
            zout.writestr(n, data if n == name else zin.read(n))
        if name not in names:
            zout.writestr(name, data)


def zip_bomb(path: Path, size_mb: int = 60) -> Path:
    """An xlsx whose sheet inflates to ``size_mb`` MB of zeros (ratio ≈ 1000:1)."""
    good = io.BytesIO()
    write_rows(good, [["客户名称"], ["x"]])
    good.seek(0)
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for n in zin.namelist():
            if n == "xl/worksheets/sheet1.xml":
                with zout.open(n, "w", force_zip64=False) as fh:
                    block = b"\0" * (1 << 20)
                    for _ in range(size_mb):
                        fh.write(block)
            else:
                zout.writestr(n, zin.read(n))
    return path


def lying_zip_bomb(path: Path, real_mb: int = 40) -> Path:
    """A bomb whose headers declare a small, harmless size: only inflating tells."""
    zip_bomb(path, real_mb)
    data = bytearray(path.read_bytes())
    small = 4096
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    # local header: uncompressed size at offset 22; central directory entry: at 24
    struct.pack_into("<I", data, info.header_offset + 22, small)
    pos = bytes(data).find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + name_len]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, pos + 24, small)
        pos = bytes(data).find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    return path


def minimal_ods(path: Path, rows: list[list[str]], extra_rows_xml: str = "") -> Path:
    """An OpenDocument spreadsheet written by hand (what WPS/LibreOffice save)."""
    cells = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in row)
        + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="客户">{cells}{extra_rows_xml}</table:table>'
        '</office:spreadsheet></office:body></office:document-content>')
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:'
        'media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path



def ods_repeat_bomb(path: Path) -> Path:
    """A few hundred bytes asking for a million rows × 16,000 copies of one cell."""
    return minimal_ods(path, [["客户名称"]], extra_rows_xml=(
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p>'
        '</table:table-cell></table:table-row>'))


def ods_with_trailing_empty_area(path: Path) -> Path:
    """What LibreOffice writes: empty rows and cells repeated to the sheet's end."""
    return minimal_ods(path, [["客户名称", "邮箱"], ["Acme", "a@acme.example"]], extra_rows_xml=(
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'))
