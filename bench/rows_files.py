"""Rows that write files or bulk rows: Excel export, flow cards, demo fill,
and two processes writing at once."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import sqlite3
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

from .core import Row, alternate


# ------------------------------------------------------------------ export --
def _order_line_rows(n: int):
    price = Decimal("8.75")
    for i in range(n):
        yield (f"SO2611-{i // 5:05d}", f"C{i // 5 % 300:04d}", f"Client {i // 5 % 300} Trading Co., Ltd.",
               f"PO-{i // 5}", dt.date(2026, 9, 1 + i // 5 % 28), dt.date(2026, 10, 1 + i // 5 % 28), "USD",
               i % 5 + 1, f"ST-{i % 999:03d}", "Knitted sweater 针织毛衣", ("Black", "Navy", "Grey")[i % 3],
               ("S", "M", "L", "XL")[i % 4], 100 + i % 50, price, price * (100 + i % 50))


def export_row(lines: int, runs: int) -> list[Row]:
    """``exporter.export_rows`` vs xlsxwriter constant_memory with typed calls;
    memory: the export's traced peak at ``lines`` vs at a tenth of them."""
    import xlsxwriter

    from gendan_desktop.excel.exporter import Column, export_rows

    cols = [Column("订单号"), Column("客户编号"), Column("客户"), Column("客户PO号"), Column("下单日期", "date"),
            Column("交期", "date"), Column("币种"), Column("行号", "int"), Column("款号"), Column("品名"),
            Column("颜色"), Column("尺码"), Column("数量", "int"), Column("单价", "money"), Column("金额", "money")]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)

        def raw():
            wb = xlsxwriter.Workbook(str(tmp / "raw.xlsx"), {"constant_memory": True})
            ws = wb.add_worksheet()
            df = wb.add_format({"num_format": "yyyy-mm-dd"})
            mf = wb.add_format({"num_format": "#,##0.00"})
            nf = wb.add_format({"num_format": "#,##0"})
            s, n, w = ws.write_string, ws.write_number, ws.write_datetime
            for r, a in enumerate(_order_line_rows(lines), 1):
                s(r, 0, a[0]); s(r, 1, a[1]); s(r, 2, a[2]); s(r, 3, a[3]); w(r, 4, a[4], df)  # noqa: E702
                w(r, 5, a[5], df); s(r, 6, a[6]); n(r, 7, a[7], nf); s(r, 8, a[8]); s(r, 9, a[9])  # noqa: E702
                s(r, 10, a[10]); s(r, 11, a[11]); n(r, 12, a[12], nf); n(r, 13, float(a[13]), mf)  # noqa: E702
                n(r, 14, float(a[14]), mf)
            wb.close()

        def ours(n=lines):
            export_rows(tmp / "ours.xlsx", cols, _order_line_rows(n))

        pair = alternate(ours, raw, runs)
        peaks = []
        for n in (lines // 10, lines):
            tracemalloc.start()
            ours(n)
            peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
    flat = peaks[1] < peaks[0] * 2 + 5
    row = Row(f"export {lines:,} order lines", pair.ours, pair.base, 1.2, group="files",
              note=f"baseline xlsxwriter constant_memory; traced peak {peaks[0]:.1f} MB at {lines // 10:,} lines, "
                   f"{peaks[1]:.1f} MB at {lines:,} ({'flat' if flat else 'NOT flat'})")
    if not flat:
        row.target = 0  # memory grows with the rows: the row fails whatever its speed
    return [row]


# ------------------------------------------------------------- flow cards --
def _cards(n: int):
    from gendan_desktop.printing.flow_card import CardData, StepRow

    steps = ["裁床", "车缝", "印花", "后整", "质检", "包装"]
    colours = ["藏青 Navy", "白色 White", "红色 Red", "黑色 Black"]
    sizes = ["S", "M", "L", "XL", "XXL"]
    return [CardData(
        number=f"LC2611-{i + 1:05d}", order_no=f"SO2611-{i // 20 + 1:04d}", client="宁波远航贸易有限公司",
        client_po="PO-778812", sheet_no=f"PS2611-{i // 20 + 1:04d}", revision=0, batch_no=i % 5 + 1,
        style="T-2031", product="男式圆领T恤", colour=colours[i % 4], size=sizes[i % 5], quantity=100 + i % 50,
        factory="本厂一车间", planned_start=dt.date(2026, 11, 10), planned_finish=dt.date(2026, 12, 10),
        issued=dt.date(2026, 11, 5),
        steps=[StepRow(s, name, dt.date(2026, 11, 10) + dt.timedelta(days=3 * s)) for s, name in enumerate(steps, 1)],
        company_name="宁波华美服饰有限公司 Ningbo Huamei Garment Co., Ltd.",
    ) for i in range(n)]


def cards_row(n: int, runs: int) -> list[Row]:
    from gendan_desktop.printing import barcodes
    from gendan_desktop.printing.flow_card import render_flow_cards
    from gendan_desktop.printing.fonts import register_fonts

    register_fonts()
    cards = _cards(n)
    render_flow_cards(cards[:5], "a5")  # glyph widths

    def ours():
        barcodes.qr_runs.cache_clear()  # every run encodes every QR code afresh
        barcodes._qr_ops.cache_clear()
        render_flow_cards(cards, "a5", with_qr=True)

    pair = alternate(ours, lambda: render_flow_cards(cards, "a5", with_qr=False), runs)
    return [Row(f"{n:,} flow cards, Code128 + QR", pair.ours, pair.base, 1.6, group="files",
                note="A5; baseline the same cards without QR")]


# -------------------------------------------------------------- demo fill --
def _copy_rows(src: str, dest: str) -> None:
    """Every row of ``src``'s tables into the migrated ``dest`` by executemany,
    in one transaction, then the search index filled as the demo fills it."""
    from gendan_desktop.core import search
    from gendan_desktop.core.db import close_database, open_database

    db = open_database(dest)
    conn = db.connection()
    s = sqlite3.connect(src)
    tables = [t for (t,) in s.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND name <> 'schema_version'")]
    data = {t: s.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    s.close()
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    search.drop_triggers(db)
    conn.execute("PRAGMA defer_foreign_keys = ON")
    for t, rows in data.items():
        if rows:
            conn.executemany(f'INSERT OR REPLACE INTO "{t}" VALUES ({", ".join("?" * len(rows[0]))})', rows)
    search.create_triggers(db)
    search.rebuild_index(db)
    conn.execute("COMMIT")
    _copy_rows.seconds = time.perf_counter() - t0
    close_database()


def demo_row(clients: int, orders: int, runs: int) -> list[Row]:
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.demo import fill_demo

    ours_t, base_t = [], []
    with tempfile.TemporaryDirectory() as d:
        for i in range(runs):
            a, b = str(Path(d) / f"a{i}.sqlite3"), str(Path(d) / f"b{i}.sqlite3")
            open_database(a)
            t = time.perf_counter()
            fill_demo(clients=clients, orders=orders, seed=1)
            ours_t.append(time.perf_counter() - t)
            close_database()
            _copy_rows(a, b)
            base_t.append(_copy_rows.seconds)
    import statistics

    return [Row(f"demo fill: {clients:,} clients, {orders:,} orders", statistics.median(ours_t),
                statistics.median(base_t), 2.0, group="files",
                note="baseline executemany of the same rows (+ the same search index fill)")]


# ------------------------------------------------------- writers at once --
N_TX = 300


def _writer(path: str, mode: str, start, out) -> None:
    from peewee import OperationalError

    from gendan_desktop.core.db import open_database, write_transaction
    from gendan_desktop.core.models import Counter

    db = open_database(path, quick_check=False)
    failed = 0
    start.wait()
    for _ in range(N_TX):
        try:
            with (write_transaction() if mode == "immediate" else db.atomic()):
                value = Counter.get(Counter.name == "bench").value  # read first…
                Counter.update(value=value + 1).where(Counter.name == "bench").execute()  # …then write
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            failed += 1
    out.put(failed)
    db.close()


def _race(mode: str) -> tuple[int, float]:
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.models import Counter

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "race.sqlite3")
        open_database(path)
        Counter.create(name="bench", value=0)
        close_database()
        ctx = mp.get_context("spawn")
        start, out = ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_writer, args=(path, mode, start, out)) for _ in range(2)]
        for p in procs:
            p.start()
        time.sleep(1.5)  # both open the database before the race starts
        t = time.perf_counter()
        start.set()
        failed = sum(out.get() for _ in procs)
        for p in procs:
            p.join()
        return failed, time.perf_counter() - t


def writers_row() -> list[Row]:
    """Two processes, 300 read-then-write transactions each: IMMEDIATE vs a
    plain transaction with a busy timeout (which loses transactions)."""
    failed_i, t_i = _race("immediate")
    failed_d, t_d = _race("deferred")
    row = Row(f"two writers, {2 * N_TX} read-then-write transactions", t_i, t_d, 3.0, group="files",
              note=f"BEGIN IMMEDIATE: {failed_i} failed; baseline deferred + busy timeout: {failed_d} failed")
    if failed_i:
        row.target = 0
    return [row]
