"""``gendan-desktop selftest``: does this installation work?

Each check uses the real parts the program needs at run time (a SQLite file in
WAL mode, the shipped CJK font inside a PDF, xlsx written and read back, every
Qt Designer form, the translations, the main window), in a temporary folder
whose name has Chinese characters and a space. It is what the frozen bundle
runs in CI and what the installed program runs on Windows, so a missing hidden
import or data file fails there. One line per check; exit 1 names the first
failure. The user's own database and settings are not touched.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .core.errors import current_language


@dataclass
class Context:
    folder: Path
    db_url: str = ""
    app: object = None
    notes: list = field(default_factory=list)


def _lang(zh: str, en: str) -> str:
    return en if current_language() == "en" else zh


# ------------------------------------------------------------------ checks --
def check_database(ctx: Context) -> str:
    """A new SQLite file: WAL, foreign keys, a record written and read back."""
    import sqlite3

    from .core import common
    from .core.clients import create_client
    from .core.db import current_database, open_database
    from .core.models import Client

    open_database(ctx.db_url)
    ctx.db_url = current_database().gendan_url
    common.set_current_user("selftest")
    client = create_client(name="自检客户 Selftest", country="中国")
    again = Client.get_by_id(client.id)
    if (again.name, again.country) != ("自检客户 Selftest", "中国"):
        raise AssertionError(f"read back {again.name!r}/{again.country!r}")
    db = current_database()
    journal = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
    keys = db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
    if journal != "wal" or keys != 1:
        raise AssertionError(f"journal_mode={journal}, foreign_keys={keys}")
    return f"SQLite {sqlite3.sqlite_version}, WAL, {again.code} {again.name}"


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(name, embedded) of every font a PDF written by reportlab uses."""
    objects = {int(m.group(1)): m.group(2)
               for m in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*(?:stream|endobj)", data, re.DOTALL)}
    fonts = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Font\b(?!Descriptor)", body) or b"/Subtype /Type0" in body:
            continue
        name = re.search(rb"/BaseFont\s*/([^\s/<>\[\]]+)", body)
        descriptor = re.search(rb"/FontDescriptor\s+(\d+)\s+0\s+R", body)
        embedded = descriptor is not None and re.search(rb"/FontFile[23]?\s+\d+\s+0\s+R",
                                                        objects.get(int(descriptor.group(1)), b"")) is not None
        fonts.append(((name.group(1) if name else b"?").decode("latin-1"), embedded))
    return fonts


def check_pdf(ctx: Context) -> str:
    """Chinese text and a QR code on a page; every font embedded (the shipped one)."""
    from reportlab.lib.pagesizes import A5

    from .printing.barcodes import draw_qr
    from .printing.layout import new_canvas, text

    canvas, buf = new_canvas(A5, "跟单桌面自检")
    text(canvas, 40, 540, "跟单桌面自检:生产单 流程卡 出货 对账单", 12)
    text(canvas, 40, 520, "Gendan Desktop selftest 0123456789", 10)
    draw_qr(canvas, "GD-SELFTEST-0001", 40, 380, 120)
    canvas.showPage()
    canvas.save()
    data = buf.getvalue()
    path = ctx.folder / "自检 文档.pdf"
    path.write_bytes(data)
    if not path.read_bytes().startswith(b"%PDF-"):
        raise AssertionError("not a PDF")
    fonts = pdf_fonts(data)
    missing = [name for name, embedded in fonts if not embedded]
    if not fonts or missing:
        raise AssertionError(f"fonts not embedded: {missing or 'no font at all'}")
    if not any("WenQuanYi" in name for name, _ in fonts):
        raise AssertionError(f"the shipped font is not used: {[n for n, _ in fonts]}")
    return _lang(f"{len(data) // 1024} KB,嵌入字体 {', '.join(sorted({n for n, _ in fonts}))},含二维码",
                 f"{len(data) // 1024} KB, embedded {', '.join(sorted({n for n, _ in fonts}))}, with a QR code")


def check_xlsx(ctx: Context) -> str:
    """A workbook written the way exports are, and read back the way imports are."""
    from .excel.exporter import Column, export_rows
    from .excel.reader import open_workbook

    rows = [["自检客户 甲", 1200, dt.date(2026, 3, 8)], ["Selftest B", 35, dt.date(2026, 12, 31)]]
    path = export_rows(ctx.folder / "自检 表格.xlsx",
                       [Column("客户"), Column("数量", "int"), Column("交货日期", "date")], rows)
    book = open_workbook(path)
    got = [row[:3] for row in book.sheets[0].rows[1:3]]
    want = [[name, qty, day] for name, qty, day in rows]
    normalised = [[r[0], int(r[1]), r[2].date() if isinstance(r[2], dt.datetime) else r[2]] for r in got]
    if normalised != want:
        raise AssertionError(f"read back {got!r}")
    return _lang(f"写入并读回 {len(rows)} 行({path.stat().st_size // 1024} KB)",
                 f"{len(rows)} rows written and read back ({path.stat().st_size // 1024} KB)")


def _application(ctx: Context):
    """The QApplication, offscreen unless one exists; settings in the temp folder."""
    from PySide6.QtWidgets import QApplication

    from .gui.kit import uistate

    if ctx.app is None:
        uistate.use_settings_file(ctx.folder / "settings.ini")
        if QApplication.instance() is None:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .gui.app import create_application

        ctx.app = create_application(current_language())  # keeps the --lang of the command
    return ctx.app


def check_modules(ctx: Context) -> str:
    """Every module of the program imports (a bundle missing a library fails here)."""
    import importlib
    import pkgutil

    import gendan_desktop

    package, package_path = gendan_desktop.__name__, gendan_desktop.__path__

    _application(ctx)
    skip = (f"{package}.__main__", f"{package}.resources", f"{package}.ui")  # __main__ would run the CLI
    names = [m.name for m in pkgutil.walk_packages(package_path, package + ".") if not m.name.startswith(skip)]
    for name in names:
        importlib.import_module(name)
    if len(names) < 20:
        raise AssertionError(f"only {len(names)} modules found: {names}")
    return _lang(f"{len(names)} 个模块", f"{len(names)} modules")


def check_forms(ctx: Context) -> str:
    """Every Qt Designer form loads."""
    from . import ui_path
    from .gui.kit.forms import load_form

    _application(ctx)
    names = sorted(p.name for p in ui_path("x.ui").parent.glob("*.ui"))
    if not names:
        raise AssertionError(f"no forms in {ui_path('x.ui').parent}")
    for name in names:
        try:
            load_form(name).deleteLater()
        except RuntimeError as exc:
            raise RuntimeError(f"{name}: {exc}") from exc
    return _lang(f"{len(names)} 个表单", f"{len(names)} forms")


def check_translations(ctx: Context) -> str:
    """Our English and Qt's own Chinese load and translate."""
    from PySide6.QtCore import QTranslator

    from . import resources_path
    from .gui.app import qt_translations_dir

    _application(ctx)
    ours = QTranslator()
    if not ours.load(str(resources_path("translations", "gendan_en.qm"))):
        raise AssertionError("gendan_en.qm does not load")
    english = ours.translate("MainWindow", "跟单桌面")
    if not english or english == "跟单桌面":
        raise AssertionError("gendan_en.qm has no English for the window title")
    qt = QTranslator()
    if not qt.load("qtbase_zh_CN", qt_translations_dir()):
        raise AssertionError(f"qtbase_zh_CN.qm not found in {qt_translations_dir()}")
    return _lang(f"英文(“跟单桌面” → “{english}”)与 Qt 中文", f"English (“跟单桌面” → “{english}”) and Qt's Chinese")


def check_window(ctx: Context) -> str:
    """The main window on the selftest database, shown (offscreen) and closed."""
    from PySide6.QtCore import QCoreApplication

    from .gui.kit import operations
    from .gui.main_window import TAB_SPECS, MainWindow

    app = _application(ctx)
    window = MainWindow(ctx.db_url)
    window.show()
    deadline = time.monotonic() + 15
    while (not window.isVisible() or operations.busy()) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    tabs = window.tab_widget.count()
    shown = window.isVisible()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, 0)
    app.processEvents()
    if not shown or tabs != len(TAB_SPECS):
        raise AssertionError(f"visible={shown}, {tabs} tabs of {len(TAB_SPECS)}")
    size = f"{window.width()}×{window.height()}"
    return _lang(f"{tabs} 个页面,{size}", f"{tabs} tabs, {size}")


CHECKS: list[tuple[str, Callable[[Context], str]]] = [
    ("database", check_database),
    ("pdf", check_pdf),
    ("xlsx", check_xlsx),
    ("modules", check_modules),
    ("forms", check_forms),
    ("translations", check_translations),
    ("window", check_window),
]


def run_selftest(write: Callable[[str], None] = print) -> int:
    """Run every check, one line each; 0 if all passed, else 1 (naming the first failure)."""
    from .applog import log
    from .core.db import close_database

    folder = Path(tempfile.mkdtemp(prefix="gendan-自检 "))
    ctx = Context(folder, str(folder / "自检 数据库.sqlite3"))
    failed: list[tuple[str, str]] = []
    started = time.perf_counter()
    try:
        for name, check in CHECKS:
            t0 = time.perf_counter()
            try:
                detail, ok = check(ctx), True
            except Exception as exc:  # noqa: BLE001 - a failed check is a result, not a crash
                detail, ok = f"{type(exc).__name__}: {exc}", False
                failed.append((name, detail))
                log.error("selftest %s failed", name, exc_info=exc)
            line = f"{'OK  ' if ok else 'FAIL'} {name:<13} {detail} ({(time.perf_counter() - t0) * 1000:.0f} ms)"
            log.info("selftest: %s", line)
            write(line)
    finally:
        close_database()
        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    if failed:
        name, why = failed[0]
        summary = _lang(f"自检失败:{name}({why})", f"selftest failed: {name} ({why})")
    else:
        n = len(CHECKS)
        summary = _lang(f"自检通过:{n} 项,{seconds:.1f} 秒", f"selftest passed: {n} checks in {seconds:.1f} s")
    log.info("%s", summary)
    write(summary)
    return 1 if failed else 0
