"""Rows a user waits for as a whole process: start-up, peak memory, a CLI
command's fixed cost, and imports (dry run).

Each child is a fresh interpreter, timed from spawning it (wall clock) to the
moment it reports, the bare baseline's child alternating with ours.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .core import Row, alternate
from .data import ROOT, size_label

TABS = ["工作台", "客户档案", "订单", "生产跟踪", "售后"]

PEAK = r"""
def peak_kb():
    # VmHWM: this process's own peak. ru_maxrss is not: it keeps the peak of
    # the process that spawned the interpreter (the bench, big data loaded).
    try:
        with open("/proc/self/status") as f:
            return next(int(ln.split()[1]) for ln in f if ln.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

BARE = PEAK + r"""
import sys, os, time, resource
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget
app = QApplication(sys.argv[:1])
w = QMainWindow()
tabs = QTabWidget()
for t in {tabs!r}:
    tabs.addTab(QWidget(), t)
w.setCentralWidget(tabs)
w.menuBar().addMenu("文件")
w.statusBar().showMessage("ready")
w.resize(1280, 800)
w.show()
app.processEvents()
w.repaint()
print("ready", time.time(), peak_kb(), flush=True)
os._exit(0)
"""

OURS = PEAK + r"""
import sys, os, time, resource
os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"
from gendan_desktop.gui.app import create_application, open_database_or_ask
from gendan_desktop.gui.main_window import MainWindow
app = create_application("zh")
db = open_database_or_ask({db!r}, defer_check=True)
w = MainWindow(db.gendan_url)
w.resize(1280, 800)
w.show()
app.processEvents()
w.repaint()
print("ready", time.time(), peak_kb(),
      "openpyxl" in sys.modules, "reportlab" in sys.modules, flush=True)
if {visit!r}:
    # every tab, then 20 orders opened one after the other, as a user browses
    from gendan_desktop.gui.kit import operations
    from gendan_desktop.core.models import Order

    def idle():
        t = time.time() + 120
        while operations.busy() and time.time() < t:
            app.processEvents()
            time.sleep(0.005)

    idle()
    for spec in w.specs:
        w.show_tab(spec.key)
        idle()
    ids = [i for (i,) in Order.select(Order.id).order_by(Order.id.desc()).limit(20).tuples()]
    for oid in ids:
        w.open_record("order", oid)
        idle()
    print("visited", time.time(), peak_kb(), len(ids), flush=True)
os._exit(0)
"""


def _env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GENDAN_NO_AUTO_BACKUP="1",
               XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="gendan-bench-qs-"))
    # an installed app has its .pyc files (pip compiles them at install time)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _child(code: str, env: dict, tag: str = "ready") -> tuple[float, list[str]]:
    """Seconds from spawning the interpreter to its ``tag`` line, and that line's fields."""
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith(tag)).split()
    return float(line[1]) - t0, line


def startup(db: str, runs: int) -> list[Row]:
    env = _env()
    bare_code = BARE.format(tabs=TABS)
    ours_code = OURS.format(db=db, visit=False)
    fields: list[str] = []

    def ours():
        nonlocal fields
        _t, fields = _child(ours_code, env)
        times_o.append(_t)

    times_o: list[float] = []
    times_b: list[float] = []
    alternate(ours, lambda: times_b.append(_child(bare_code, env)[0]), runs)
    o, b = statistics.median(times_o[1:]), statistics.median(times_b[1:])
    lazy = f"openpyxl imported={fields[3]}, reportlab imported={fields[4]}"
    return [Row("start to a usable window", o, b, 2.0, note=f"bare PySide6 window with the same tabs; {lazy}")]


def peak_memory(db: str) -> list[Row]:
    """Peak RSS after every tab and 20 orders, against the bare window's (each a fresh
    interpreter: its own peak, see PEAK)."""
    env = _env()
    base = [int(_child(BARE.format(tabs=TABS), env)[1][2]) for _ in range(3)]
    _t, fields = _child(OURS.format(db=db, visit=True), env, tag="visited")
    ours_mb = int(fields[2]) / 1024
    base_mb = statistics.median(base) / 1024
    return [Row("peak memory: every tab visited, 20 orders opened", ours_mb, base_mb, 150, unit="MB", delta=True,
                note=f"peak RSS (VmHWM of the child) vs the bare window's; {fields[3]} orders opened in the editor")]


# ----------------------------------------------------------- CLI commands --
def _cli(args: list[str]) -> float:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "gendan_desktop", *args], capture_output=True, text=True,
                         cwd=ROOT, env=_env(), check=False)
    if out.returncode not in (0,):
        raise RuntimeError(f"{' '.join(args)}: exit {out.returncode}: {out.stderr[-1500:]}")
    return time.perf_counter() - t


def _order_with_sheet(url: str) -> str:
    """The number of an order with a production sheet (the most recent one)."""
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.models import Order, ProductionSheet

    open_database(url, quick_check=False)
    number = (Order.select(Order.number).join(ProductionSheet, on=(ProductionSheet.order == Order.id))
              .order_by(Order.id.desc()).limit(1).scalar())
    close_database()
    return number


def cli_fixed_cost(big: str, small: str, runs: int, size: str = "big") -> list[Row]:
    """``print production-sheet`` of one order: big database vs a near-empty one."""
    with tempfile.TemporaryDirectory() as tmp:
        nb, ns = _order_with_sheet(big), _order_with_sheet(small)
        pdf = str(Path(tmp) / "sheet.pdf")
        pair = alternate(lambda: _cli(["print", "production-sheet", nb, pdf, "--no-record", "--db", big]),
                         lambda: _cli(["print", "production-sheet", ns, pdf, "--no-record", "--db", small]), runs)
    return [Row(f"CLI fixed cost: print production-sheet, {size_label(size)}", pair.ours, pair.base, 1.2,
                note="whole process; baseline the same command on the tiny data set (300 orders)")]


def _write_orders_file(path: Path, lines: int, clients: list[str], start: int) -> None:
    import datetime as dt

    from gendan_desktop.excel.exporter import Column, export_rows

    cols = [Column("Order No."), Column("Customer"), Column("PO No."), Column("Order Date", "date"),
            Column("Delivery Date", "date"), Column("Currency"), Column("Style"), Column("Description"),
            Column("Color"), Column("Size"), Column("Qty", "int"), Column("Unit Price")]
    rows = []
    for i in range(lines):
        n = i // 5
        rows.append((f"BENCH-{start + n:07d}", clients[n % len(clients)], f"BPO-{start + n}",
                     dt.date(2026, 9, 1 + n % 28), dt.date(2026, 12, 1 + n % 28), "USD", f"ST-{i % 999:03d}",
                     "Knitted sweater 针织毛衣", ("Black", "Navy", "Grey")[i % 3], ("S", "M", "L", "XL", "XXL")[i % 5],
                     100 + i % 50, "8.75"))
    export_rows(path, cols, rows)


def _client_names(url: str, n: int) -> list[str]:
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.models import Client

    open_database(url, quick_check=False)
    names = [c for (c,) in Client.select(Client.name).where(Client.archived == False)  # noqa: E712 - a peewee expression
             .order_by(Client.id).limit(n).tuples()]
    close_database()
    return names


def import_rows(big: str, empty: str, runs: int, lines_big: int = 10_000, db_label: str = "SQLite",
                size: str = "big") -> list[Row]:
    """Import 10 rows big vs empty; import 10,000 lines vs calamine's bare read."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        small_file = Path(tmp) / "orders10.xlsx"
        _write_orders_file(small_file, 10, ["宁波基准测试贸易有限公司"], 9_000_000)
        args = ["import", "orders", str(small_file), "--dry-run", "--create-missing-clients", "--db"]
        pair = alternate(lambda: _cli([*args, big]), lambda: _cli([*args, empty]), runs)
        rows.append(Row(f"import 10 rows (dry run), {size_label(size)}, {db_label}", pair.ours, pair.base, 1.2,
                        note="whole process; baseline the same file on an empty DB"))
        if lines_big:
            names = _client_names(big, 300)
            big_file = Path(tmp) / "orders10k.xlsx"
            _write_orders_file(big_file, lines_big, names, 8_000_000)
            bare = ("import sys; from python_calamine import CalamineWorkbook; "
                    "CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()")

            def calamine():
                subprocess.run([sys.executable, "-c", bare, str(big_file)], check=True, cwd=ROOT)

            pair = alternate(lambda: _cli(["import", "orders", str(big_file), "--dry-run", "--db", big]), calamine,
                             runs)
            rows.append(Row(f"import {lines_big:,} lines (dry run), {size_label(size)}, {db_label}", pair.ours,
                            pair.base, 3.0,
                            note="whole process; baseline interpreter start + python-calamine bare read"))
    return rows


# ---------------------------------------------------------- frozen bundle --
def _new_database(path: Path) -> Path:
    """The window opens an existing --db file (a missing one makes it ask first)."""
    from gendan_desktop.core.db import close_database, open_database

    open_database(str(path))
    close_database()
    return path


def bundle_start(runs: int) -> list[Row]:
    """The frozen bundle's window shown vs the installed package's (needs
    ``python installer/build_bundle.py`` first; skipped without a bundle)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_bundle", ROOT / "installer" / "build_bundle.py")
    bb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bb)
    bundle = bb.DIST / bb.BUNDLE
    if not bundle.exists():
        return [Row("frozen bundle: window shown", None, None, 1.5,
                    skipped="no bundle built (python installer/build_bundle.py)")]
    with tempfile.TemporaryDirectory(prefix="gendan-bench ") as tmp:
        env = bb.isolated_env(Path(tmp) / "home")
        log = bb.log_file(bundle, env)
        n = iter(range(1000))
        pair = alternate(
            lambda: bb.wait_for_window([bb.program(bundle, bb.GUI_EXE), "--db",
                                        _new_database(Path(tmp) / f"f{next(n)}.sqlite3")], env, log),
            lambda: bb.wait_for_window([sys.executable, "-m", "gendan_desktop", "--db",
                                        _new_database(Path(tmp) / f"u{next(n)}.sqlite3")], env, log), runs)
    size, count = bb.bundle_size(bundle)
    return [Row("frozen bundle: window shown", pair.ours, pair.base, 1.5,
                note=f"baseline the installed package; bundle {size / 2**20:.0f} MB in {count} files")]
