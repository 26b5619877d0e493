"""Opening spreadsheets safely: refuse what is not a workbook before any parser sees it.

Order of checks (each failure is one Chinese/English sentence, ``FileRefused``):

1. missing / empty / too large on disk;
2. sniff the first bytes: a zip (``.xlsx``/``.ods``), an OLE compound file
   (old ``.xls``, or an *encrypted* ``.xlsx``, which Office stores as OLE with an
   ``EncryptedPackage`` stream), text (CSV, TSV, HTML or XML renamed), other;
3. for a zip: every member's declared size and compression ratio, then every
   member is actually inflated with a hard cap (declared sizes may lie), which
   also catches truncated files; worksheet XML is scanned for the largest cell
   reference (calamine allocates the whole bounding box of the cells, so one
   cell at XFD1048576 would ask for 17 billion cells); every XML member's prolog goes through
   defusedxml with DTDs forbidden (no DTD, no entity expansion: billion laughs
   and external entities are impossible), stopping at the root element so a
   large sheet costs only the inflate;
4. then python-calamine reads the cells (measured 14× faster than openpyxl
   read-only), and also reads ``.xls`` and ``.ods``.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GendanError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 600 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 200  # real sheets compress 5–40×; deflate bombs reach ~1000×
RATIO_MIN_SIZE = 2 * 1024 * 1024  # tiny members may compress absurdly well; harmless
MAX_MEMBERS = 10_000
# calamine allocates the whole bounding box of a sheet's cells at once: one cell
# at XFD1048576 in a 5 KB file asks for 17 billion cells and aborts the process.
MAX_CELLS = 5_000_000
CHUNK = 1 << 20
OUT_CHUNK = 4 << 20

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ZIP_EMPTY = b"PK\x05\x06"
_ENCRYPTED_NAMES = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

_CONVERT_ZH = "请在 Excel 或 WPS 中打开它,选择“另存为”→“Excel 工作簿(*.xlsx)”,再导入新文件。"
_CONVERT_EN = "Open it in Excel or WPS, choose Save As → Excel Workbook (*.xlsx), and import the new file."


class FileRefused(GendanError):
    """The file cannot be imported; nothing was read into the database."""


@dataclass
class Sheet:
    name: str
    rows: list[list]  # absolute: rows[0] is Excel row 1, rows[i][0] is column A
    merged: list = field(default_factory=list)


@dataclass
class Workbook:
    path: Path
    kind: str  # "xlsx", "xls", "ods"
    sheets: list[Sheet]


def _refuse(path: Path, zh: str, en: str) -> FileRefused:
    return FileRefused(f"无法导入“{path.name}”:{zh}", f"Cannot import “{path.name}”: {en}")


# ----------------------------------------------------------------- sniffing --
def sniff(path: Path) -> str:
    """``zip``, ``ole`` or raise FileRefused with the reason."""
    from ..core.db import refuse_database_file

    refuse_database_file(path)  # reading it with open() would drop the database's locks
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _refuse(path, "文件不存在,请检查路径。", "the file does not exist; check the path.") from None
    if path.is_dir():
        raise _refuse(path, "这是一个文件夹,不是文件。", "it is a folder, not a file.")
    if size == 0:
        raise _refuse(path, "文件是空的(0 字节),没有可导入的内容。", "the file is empty (0 bytes).")
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"文件太大({size // 1048576} MB,上限 {MAX_FILE_BYTES // 1048576} MB),请拆分后分批导入。",
                      f"the file is too large ({size // 1048576} MB, limit {MAX_FILE_BYTES // 1048576} MB); "
                      "split it and import the parts.")
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(ZIP_EMPTY):
        raise _refuse(path, "这是一个空的压缩包,里面没有工作表。", "it is an empty zip archive with no worksheet.")
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"PK"):
        raise _refuse(path, "文件不完整或已损坏(可能下载或复制时中断),请重新获取原文件。",
                      "the file is damaged or incomplete (interrupted download or copy?); get the original again.")
    kind = _text_kind(head)
    if kind == "html":
        raise _refuse(path, "这是网页(HTML)格式的表格,只是扩展名改成了 Excel。" + _CONVERT_ZH,
                      "it is a web page (HTML) table renamed as an Excel file. " + _CONVERT_EN)
    if kind == "xml":
        raise _refuse(path, "这是 XML 格式的表格(Excel 2003 XML),不是 .xlsx。" + _CONVERT_ZH,
                      "it is an XML spreadsheet (Excel 2003 XML), not .xlsx. " + _CONVERT_EN)
    if kind == "text":
        raise _refuse(path, "这是 CSV 或文本文件,只是扩展名改成了 Excel。" + _CONVERT_ZH,
                      "it is a CSV or text file renamed as an Excel file. " + _CONVERT_EN)
    raise _refuse(path, "这不是 Excel 文件(.xlsx/.xls)或 WPS/OpenOffice 表格(.ods)。请选择正确的文件。",
                  "it is not an Excel (.xlsx/.xls) or OpenDocument (.ods) spreadsheet; choose the right file.")


def _text_kind(head: bytes) -> str | None:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom):].decode(enc, errors="ignore")
            break
    else:
        if b"\x00" in head:
            return None
        text = None
        for enc in ("utf-8", "gb18030"):
            try:
                text = head.decode(enc)
                break
            except UnicodeDecodeError as exc:
                if exc.start > len(head) - 4:  # a character cut at the end of the sample
                    text = head[: exc.start].decode(enc)
                    break
        if text is None:
            return None
    assert text is not None  # decoded above, or returned
    low = text.lstrip().lower()
    if low.startswith(("<!doctype html", "<html", "<table", "<meta")):
        return "html"
    if low.startswith("<?xml") or low.startswith("<"):
        return "html" if "<html" in low[:2000] else "xml"
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    return "text" if bad == 0 else None


# -------------------------------------------------------------- zip guard ---
class _StopAtRoot(Exception):
    pass


class _RootTarget:
    """Target for the defused parser: stop at the first element (the prolog is done)."""

    def start(self, tag, attrib):
        raise _StopAtRoot

    def close(self):
        return None


def _check_prolog(first: bytes) -> None:
    """Parse the XML prolog with defusedxml; DTDs (hence entities) are forbidden."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(target=_RootTarget(), forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    try:
        parser.feed(first)
    except _StopAtRoot:
        return
    except DefusedXmlException:
        raise
    except Exception:
        return  # malformed XML: calamine reports it with its own message later


def check_zip(path: Path) -> None:
    """Refuse zip bombs, truncated archives and XML with DTDs before calamine reads."""
    import zipfile

    from defusedxml import DefusedXmlException

    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _refuse(path, "文件不完整或已损坏(可能下载或复制时中断),请重新获取原文件。",
                      "the file is damaged or incomplete (interrupted download or copy?); "
                      "get the original again.") from None
    bomb = _refuse(path, "文件解压后异常巨大(疑似“压缩炸弹”),为保护电脑已拒绝打开。",
                   "it expands to an abnormal size (a “zip bomb”); it was refused to protect the computer.")
    with zf, open(path, "rb") as raw:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise bomb
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_MEMBER_UNCOMPRESSED or total > MAX_TOTAL_UNCOMPRESSED:
                raise bomb
            if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise bomb
            if info.flag_bits & 0x1:
                raise _refuse(path, "文件已加密(设置了打开密码)。请在 Excel 中取消密码后另存,再导入。",
                              "it is encrypted (password protected); remove the password in Excel, save, and import "
                              "again.")
        try:
            for info in infos:
                extent = (_Extent() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename)
                          else _OdsExtent() if info.filename == "content.xml" else None)
                first = _inflate_member(raw, info, path, bomb, extent)
                if extent is not None and extent.cells > MAX_CELLS:
                    far = f"{column_letter(extent.cols - 1)}{extent.rows}"
                    raise _refuse(
                        path, f"工作表中有单元格远到 {far}(第 {extent.rows} 行),数据区域超过一次导入的上限 "
                        f"{MAX_CELLS:,} 个单元格;请删除多余的行列(常见于误输入或格式残留)或拆分后分批导入。",
                        f"a worksheet has cells as far as {far} (row {extent.rows}), more than the {MAX_CELLS:,} "
                        "cells one import may hold; delete the stray rows and columns or split the file.")
                if info.filename.endswith((".xml", ".rels", ".vml")) and first:
                    _check_prolog(first)
        except DefusedXmlException:
            raise _refuse(path, "文件中含有 XML 实体/DTD 声明(可能是恶意构造的文件),已拒绝打开。",
                          "it contains XML entity/DTD declarations (possibly a malicious file); "
                          "it was refused.") from None


class _Extent:
    """Upper bound of a worksheet's last row and column, from its cell references.

    Only references with a row of 5+ digits or a column of 2+ letters are
    captured (a 10,000-row sheet costs two regex passes and a handful of
    matches); below that the bound is 9,999 rows × 26 columns.
    """

    _ROWS = re.compile(rb'r="[A-Z]{1,3}([0-9]{5,7})"')
    _COLS = re.compile(rb'r="([A-Z]{2,3})[0-9]')

    def __init__(self):
        self.rows, self.cols = 9_999, 26
        self._carry = b""

    def feed(self, chunk: bytes) -> None:
        data = self._carry + chunk
        self._carry = data[-24:]  # a reference cut between two chunks is seen in the next
        big = self._ROWS.findall(data)
        if big:
            self.rows = max(self.rows, max(int(r) for r in big))
        wide = set(self._COLS.findall(data))
        if wide:
            self.cols = max(self.cols, max(column_number(c.decode()) for c in wide))

    @property
    def cells(self) -> int:
        return self.rows * self.cols


class _OdsExtent(_Extent):
    """OpenDocument repeats a cell or row with a count instead of writing it out;
    a count on cells that hold values makes the reader build every copy."""

    _CELL_REP = re.compile(rb'<table:table-cell\b[^>]*>')
    _ROW_REP = re.compile(rb'<table:table-row\b[^>]*number-rows-repeated="(\d+)"[^>]*>(.*?)</table:table-row>', re.S)
    _N = re.compile(rb'number-columns-repeated="(\d+)"')

    def __init__(self):
        super().__init__()
        self.rows, self.cols = 1, 1

    def feed(self, chunk: bytes) -> None:
        data = self._carry + chunk
        self._carry = data[-4096:]
        for tag in self._CELL_REP.findall(data):
            if b"value-type" in tag:
                m = self._N.search(tag)
                if m:
                    self.cols = max(self.cols, int(m.group(1)))
        for count, body in self._ROW_REP.findall(data):
            if b"value-type" in body:
                self.rows = max(self.rows, int(count))


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _inflate_member(raw, info, path: Path, bomb: FileRefused, extent: _Extent | None = None) -> bytes:
    """Inflate one member with a cap; return its first bytes (for the prolog check)."""
    truncated = _refuse(path, "文件不完整或已损坏(可能下载或复制时中断),请重新获取原文件。",
                        "the file is damaged or incomplete (interrupted download or copy?); get the original again.")
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) < 30 or header[:4] != ZIP_MAGIC:
        raise truncated
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    remaining = info.compress_size
    cap = min(info.file_size, MAX_MEMBER_UNCOMPRESSED)
    data_start = info.header_offset + 30 + name_len + extra_len
    if info.compress_type == 0:  # stored
        raw.seek(0, 2)
        if info.compress_size != info.file_size or data_start + remaining > raw.tell():
            raise truncated
        raw.seek(data_start)
        if extent is not None:
            extent.feed(raw.read(remaining))
            raw.seek(data_start)
        return raw.read(min(remaining, 65536))
    raw.seek(data_start)
    if info.compress_type != 8:
        return b""  # calamine refuses methods it cannot read
    inflater = zlib.decompressobj(-15)
    produced = 0
    first = b""
    tail = b""
    while not inflater.eof:
        if not tail and remaining > 0:
            tail = raw.read(min(CHUNK, remaining))
            if not tail:
                raise truncated
            remaining -= len(tail)
        try:
            # bounded output per call: a 1 MB chunk of a bomb would otherwise inflate to 1 GB at once
            out = inflater.decompress(tail, OUT_CHUNK)
        except zlib.error:
            raise truncated from None
        tail = inflater.unconsumed_tail
        produced += len(out)
        if extent is not None and out:
            extent.feed(out)
        if not first:
            first = out[:65536]
        if produced > cap:
            raise bomb  # more data than the member declares, or than any sheet needs
        if not out and not tail and remaining == 0:
            break  # input exhausted before the end of the stream: truncated
    if produced != info.file_size or not inflater.eof:
        raise truncated
    return first


def _is_encrypted_ole(path: Path) -> bool:
    with open(path, "rb") as fh:
        data = fh.read(min(path.stat().st_size, 4 * 1024 * 1024))
    return any(n in data for n in _ENCRYPTED_NAMES)


# ---------------------------------------------------------------- reading ---
def open_workbook(path: str | Path) -> Workbook:
    """Check and read every worksheet of ``path`` into memory (values only)."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    kind = sniff(path)
    if kind == "ole":
        if _is_encrypted_ole(path):
            raise _refuse(path, "文件已加密(设置了打开密码)。请在 Excel 中取消密码后另存,再导入。",
                          "it is encrypted (password protected); remove the password in Excel, save, and import again.")
        book_kind = "xls"
    else:
        check_zip(path)
        is_xlsx = _zip_has(path, "xl/workbook.xml") or _zip_has(path, "xl/workbook.bin")  # .xlsx/.xlsm/.xlsb
        book_kind = "ods" if not is_xlsx and _zip_has(path, "content.xml") else "xlsx"
        if book_kind == "xlsx" and not is_xlsx:
            raise _refuse(path,
                          "这是一个压缩包,但不是 Excel 工作簿(可能是 Word 文档或其他 zip 文件)。请选择 .xlsx 文件。",
                          "it is a zip archive but not an Excel workbook (a Word document or other zip?); choose an "
                          ".xlsx file.")
    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in wb.sheets_metadata:
            if str(getattr(meta, "typ", "")).endswith("ChartSheet"):
                continue
            sh = wb.get_sheet_by_name(meta.name)
            sheets.append(Sheet(meta.name, sh.to_python(skip_empty_area=False), sh.merged_cell_ranges or []))
    except FileRefused:
        raise
    except Exception as exc:
        text = f"{type(exc).__name__}: {exc}"
        if re.search(r"cell limit", text, re.I):
            raise _refuse(path, f"工作表的数据区域过大(超过一次导入的上限 {MAX_CELLS:,} 个单元格),请拆分后分批导入。",
                          f"a worksheet holds more than the {MAX_CELLS:,} cells one import may hold; split the file.") \
                from None
        if re.search(r"password|encrypt", text, re.I):
            raise _refuse(path, "文件已加密(设置了打开密码)。请在 Excel 中取消密码后另存,再导入。",
                          "it is encrypted (password protected); remove the password in Excel, "
                          "save, and import again.") from None
        if book_kind == "xls":
            raise _refuse(path, f"这是旧版 Excel 97-2003(.xls)文件,但无法读取({exc})。" + _CONVERT_ZH,
                          f"it is an old Excel 97-2003 (.xls) file that cannot be read "
                          f"({exc}). " + _CONVERT_EN) from None
        raise _refuse(path, f"文件已损坏,无法读取({exc})。请在 Excel 中打开并另存为 .xlsx 后再试。",
                      f"the file is damaged and cannot be read ({exc}); "
                      "open it in Excel, save as .xlsx and try again.") from None
    if not any(any(v not in ("", None) for v in row) for s in sheets for row in s.rows):
        raise _refuse(path, "工作簿里没有任何数据(所有工作表都是空的)。",
                      "the workbook has no data (every sheet is empty).")
    return Workbook(path, book_kind, sheets)


def _zip_has(path: Path, name: str) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        try:
            zf.getinfo(name)
            return True
        except KeyError:
            return False


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        s = chr(65 + rem) + s
    return s
