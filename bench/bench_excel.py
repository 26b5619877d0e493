"""Excel speed targets (issue 4). Run: ``cd /work/main && python bench/bench_excel.py``.

1. Export of 100,000 order lines × 15 columns through ``exporter.export_rows``
   vs the fastest raw writer: xlsxwriter constant-memory with typed calls
   (write_string / write_number / write_datetime) and the same formats.
   Target ≤ 1.2×.
2. Dry-run import of 10,000 order lines (read + header + mapping + every row
   validated + duplicate checks against a database holding the clients) vs
   python-calamine's bare read of the same file. Target ≤ 3×.

The machine is shared, so each side runs alternately ``ROUNDS`` times and
the best time of each is compared; times are CPU time of this process
(``time.process_time``), which other processes on the machine disturb far
less than wall-clock time (both sides run in this one process, single-threaded). Prints the ratios; exits 1 if a target is
missed (``--no-fail`` to only print).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
EXPORT_ROWS = 100_000
IMPORT_ROWS = 10_000


def order_line_rows(n: int):
    price = Decimal("8.75")
    return [(f"SO2611-{i // 5:05d}", f"C{i // 5 % 300:04d}", f"Client {i // 5 % 300} Trading Co., Ltd.",
             f"PO-{i // 5}", dt.date(2026, 9, 1 + i // 5 % 28), dt.date(2026, 10, 1 + i // 5 % 28), "USD", i % 5 + 1, f"ST-{i % 999:03d}",
             "Knitted sweater 针织毛衣", ("Black", "Navy", "Grey")[i % 3], ("S", "M", "L", "XL")[i % 4],
             100 + i % 50, price, price * (100 + i % 50)) for i in range(n)]


def bench_export(tmp: Path) -> float:
    import xlsxwriter

    from gendan_desktop.excel.exporter import Column, export_rows

    rows = order_line_rows(EXPORT_ROWS)
    cols = [Column("订单号"), Column("客户编号"), Column("客户"), Column("客户PO号"), Column("下单日期", "date"),
            Column("交期", "date"), Column("币种"), Column("行号", "int"), Column("款号"), Column("品名"),
            Column("颜色"), Column("尺码"), Column("数量", "int"), Column("单价", "money"), Column("金额", "money")]

    def raw():
        wb = xlsxwriter.Workbook(str(tmp / "raw.xlsx"), {"constant_memory": True})
        ws = wb.add_worksheet()
        df = wb.add_format({"num_format": "yyyy-mm-dd"})
        mf = wb.add_format({"num_format": "#,##0.00"})
        nf = wb.add_format({"num_format": "#,##0"})
        s, n, d = ws.write_string, ws.write_number, ws.write_datetime
        for r, a in enumerate(rows, 1):
            s(r, 0, a[0]); s(r, 1, a[1]); s(r, 2, a[2]); s(r, 3, a[3]); d(r, 4, a[4], df); d(r, 5, a[5], df)
            s(r, 6, a[6]); n(r, 7, a[7], nf); s(r, 8, a[8]); s(r, 9, a[9]); s(r, 10, a[10]); s(r, 11, a[11])
            n(r, 12, a[12], nf); n(r, 13, float(a[13]), mf); n(r, 14, float(a[14]), mf)
        wb.close()

    def ours():
        export_rows(tmp / "ours.xlsx", cols, rows)

    t_raw, t_ours = _alternate(raw, ours)
    print(f"export {EXPORT_ROWS:,} order lines: raw xlsxwriter {t_raw:.2f} s, export_rows {t_ours:.2f} s, "
          f"ratio {t_ours / t_raw:.2f}× (target ≤ 1.20×)")
    return t_ours / t_raw


def bench_import(tmp: Path) -> float:
    from python_calamine import CalamineWorkbook

    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.db import write_transaction
    from gendan_desktop.excel import importer
    from gendan_desktop.excel.exporter import Column, export_rows

    src = tmp / "orders10k.xlsx"
    cols = [Column("Order No."), Column("Customer"), Column("PO No."), Column("Order Date", "date"),
            Column("Delivery Date"), Column("Currency"), Column("Line", "int"), Column("Style"),
            Column("Description"), Column("Color"), Column("Size"), Column("Qty", "int"),
            Column("Unit Price", "money"), Column("Amount", "money"), Column("Remarks")]
    rows = [(a[0], a[2], a[3], a[4], a[5].strftime("%Y/%m/%d"), a[6], a[7], a[8], a[9], a[10], a[11], a[12],
             a[13], a[14], "") for a in order_line_rows(IMPORT_ROWS)]
    export_rows(src, cols, rows)
    open_database(str(tmp / "bench.sqlite3"))
    with write_transaction():
        for i in range(300):
            create_client(name=f"Client {i} Trading Co., Ltd.")

    def bare():
        wb = CalamineWorkbook.from_path(str(src))
        wb.get_sheet_by_index(0).to_python()

    def ours():
        plan = importer.prepare(src, "orders")
        result = importer.run(plan, dry_run=True)
        assert result.ok and result.created == IMPORT_ROWS // 5, (result.summary(), [e.zh for e in result.errors[:3]])

    t_bare, t_ours = _alternate(bare, ours)
    close_database()
    print(f"dry-run import {IMPORT_ROWS:,} order lines: calamine bare read {t_bare:.3f} s, "
          f"prepare+validate {t_ours:.3f} s, ratio {t_ours / t_bare:.2f}× (target ≤ 3.00×)")
    return t_ours / t_bare


def _alternate(a, b) -> tuple[float, float]:
    ta, tb = [], []
    for _ in range(ROUNDS):
        for f, acc in ((a, ta), (b, tb)):
            t = time.process_time()
            f()
            acc.append(time.process_time() - t)
    return min(ta), min(tb)


def main() -> int:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        which = next((a for a in sys.argv[1:] if a in ("export", "import")), "both")
        r_exp = bench_export(tmp) if which in ("both", "export") else 0
        r_imp = bench_import(tmp) if which in ("both", "import") else 0
    ok = r_exp <= 1.2 and r_imp <= 3.0
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok or "--no-fail" in sys.argv else 1


if __name__ == "__main__":
    raise SystemExit(main())
