"""Regenerate the binary fixtures of this folder (not run by the tests).

Writing an old .xls and an Office-encrypted .xlsx needs libraries the app does
not depend on, so the files are kept here ready-made:

    pip install --target /tmp/fixturegen xlwt msoffcrypto-tool
    PYTHONPATH=/tmp/fixturegen python tests/excel/data/make_fixtures.py

- clients_old.xls: an Excel 97-2003 client list (title row, Chinese headers,
  phone numbers as numbers, a real date) — must be read, not refused.
- clients_encrypted.xlsx: a client list saved with the open password "1234"
  (standard Office agile encryption: an OLE file with EncryptedPackage).

Not made here, kept as they were given to the project (a copy of the
workspace's shared/samples, which does not exist beside a fresh clone):

- clients_cn.xlsx: a client list with a merged title row above Chinese headers,
  phone numbers stored as numbers, grade and source columns. 12 clients.
- orders_en.xlsx: order lines with English headers, one row per line, several
  lines per order, order dates partly as text. 8 orders, each client present in
  clients_cn.xlsx.
"""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

HERE = Path(__file__).parent

book = xlwt.Workbook(encoding="utf-8")
ws = book.add_sheet("客户")
ws.write_merge(0, 0, 0, 4, "老系统导出的客户表")
for c, h in enumerate(["客户名称", "联系人", "电话", "邮箱", "首次联系日期"]):
    ws.write(2, c, h)
date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
rows = [("杭州老友贸易有限公司", "王经理", 13800138000, "wang@laoyou.example", dt.date(2025, 3, 8)),
        ("Old Harbour Trading Ltd", "Tom", 4420712345, "tom@oldharbour.example", dt.date(2024, 11, 2))]
for r, row in enumerate(rows, 3):
    for c, v in enumerate(row):
        ws.write(r, c, v, date_style) if isinstance(v, dt.date) else ws.write(r, c, v)
book.save(str(HERE / "clients_old.xls"))

wb = openpyxl.Workbook()
wb.active.append(["客户名称", "邮箱"])
wb.active.append(["Secret Client Ltd", "s@secret.example"])
plain = io.BytesIO()
wb.save(plain)
plain.seek(0)
office = OOXMLFile(plain)
with open(HERE / "clients_encrypted.xlsx", "wb") as out:
    office.encrypt("1234", out)
