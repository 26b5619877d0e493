"""Screenshots of every tab, editor and dialog, in Chinese and English, at 1366×768.

    python docs/make_screenshots.py                 # both languages into docs/screenshots/
    python docs/make_screenshots.py --lang en --db demo.sqlite3 --out /tmp/shots

Fills a temporary database with ``python -m gendan_desktop demo`` (unless
``--db``), starts the app on a 1366×768 screen — under the running X server
when DISPLAY is set, else its own Xvfb (with openbox when installed), else
the offscreen platform set to 1366×768 — maximises the window, then opens
each tab with a record chosen, each sub-page, each editor and each dialog,
waits for their background loads and saves ``docs/screenshots/NN_name.png`` (``NN_name_en.png`` in English).
This is a script, not a test: it opens dialogs by calling the code the
buttons call.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)


def start_display(tmp: Path) -> list[subprocess.Popen]:
    """The processes started for a screen (none under a running X server)."""
    if os.environ.get("DISPLAY"):
        return []
    if not shutil.which("Xvfb"):
        config = tmp / "screen.json"
        config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": SIZE[0],
                                                   "height": SIZE[1], "logicalDpi": 96, "logicalBaseDpi": 96,
                                                   "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        return []
    read, write = os.pipe()  # Xvfb takes a free display and writes its number here once it listens
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as answer:
        os.environ["DISPLAY"] = ":" + answer.readline().strip()
    os.environ.pop("QT_QPA_PLATFORM", None)
    started = [proc]
    if shutil.which("openbox"):  # a window manager maximises the window as a desktop does (else 1280×728)
        started.append(subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    return started


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="existing database (default: fresh demo data)")
    ap.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--clients", default="200")
    ap.add_argument("--orders", default="1000")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gendan-shots-"))
    db = args.db
    if not db:
        db = str(tmp / "demo.sqlite3")
        subprocess.run([sys.executable, "-m", "gendan_desktop", "demo", "--db", db, "--clients", args.clients,
                        "--orders", args.orders], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    display = start_display(tmp)
    os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"
    try:
        for lang in (["zh", "en"] if args.lang == "both" else [args.lang]):
            # one process per language: fresh QSettings (default layout), one translator
            env = {**os.environ, "XDG_CONFIG_HOME": str(tmp / f"config-{lang}")}
            run = subprocess.run([sys.executable, __file__, "--shoot", db, lang, args.out], env=env, cwd=ROOT)
            if run.returncode:
                return run.returncode
        return 0
    finally:
        for proc in reversed(display):
            proc.terminate()
            proc.wait()


# ------------------------------------------------------------------ shooting --
class Shooter:
    def __init__(self, db: str, lang: str, out: Path):
        sys.path.insert(0, str(ROOT))
        from gendan_desktop.gui.app import create_application, open_database_or_ask
        from gendan_desktop.gui.main_window import MainWindow

        self.app = create_application(lang)
        database = open_database_or_ask(db)
        self.window = MainWindow(database.gendan_url)
        self.suffix = "" if lang == "zh" else "_en"
        self.out = out
        self.out.mkdir(parents=True, exist_ok=True)
        self.n = 0
        self.window.showMaximized()
        self.idle()

    def idle(self, seconds: float = 30.0) -> None:
        from gendan_desktop.gui.kit import operations

        end = time.time() + seconds
        while time.time() < end:
            self.app.processEvents()
            if not operations.busy():
                for _ in range(10):
                    self.app.processEvents()
                    time.sleep(0.01)
                return
            time.sleep(0.02)

    def save(self, widget, name: str) -> None:
        self.idle()
        self.n += 1
        path = self.out / f"{self.n:02d}_{name}{self.suffix}.png"
        widget.grab().save(str(path))
        print(path)

    def dialog(self, dlg, name: str, before=None) -> None:
        if dlg is None:
            print("no dialog for", name, file=sys.stderr)
            return
        if hasattr(dlg, "result") and not hasattr(dlg, "isVisible"):  # an op holding a dialog
            self.idle(60)
            dlg = getattr(dlg, "dialog", None)
        if before is not None:
            before(dlg)
        dlg.show()
        dlg.raise_()
        self.save(dlg, name)
        dlg.close()
        self.idle()

    def tab(self, key: str):
        tab = self.window.show_tab(key)
        self.idle()
        return tab


def first_id(model, keep=lambda row: True):
    for r in range(model.rowCount()):
        row = model.row_data(r)
        if row is not None and keep(row):
            return model.id_at(r)
    return model.id_at(0)


def shoot(db: str, lang: str, out: str) -> int:
    s = Shooter(db, lang, Path(out))
    w = s.window
    # only this script's own numbered pictures: make_screenshots_week.py writes week_*.png beside them
    for old in s.out.glob(f"[0-9]*{s.suffix}.png"):
        if (s.suffix and old.stem.endswith("_en")) or (not s.suffix and not old.stem.endswith("_en")):
            old.unlink()
    s.save(w, "workbench")

    # 客户档案: a client with a history, every page of its detail
    from peewee import JOIN

    from gendan_desktop.core.models import Client, Complaint, FlowCard, Order, Quotation, Sample

    clients = s.tab("clients")
    busy = (Client.select().join(Quotation, on=(Quotation.client == Client.id)).where(Client.archived == False)  # noqa: E712
            .group_by(Client.id).first())
    clients.open_record("client", busy.id)
    s.idle()
    detail = clients.detail
    for page in detail.PAGES:
        detail.show_page(page, focus=False)
        s.save(w, f"clients_{page}")
    from gendan_desktop.gui.clients.clients_tab import NewClientDialog

    s.dialog(NewClientDialog(w), "dialog_new_client")
    for name, opener in (("contact", detail.add_contact), ("visit", detail.add_visit),
                         ("dispatch", detail.add_dispatch), ("sample_request", detail.request_sample)):
        s.dialog(opener(), f"dialog_{name}")
    sample = Sample.select().where(Sample.client == busy.id).first()
    if sample is not None:
        detail.show_page("samples", focus=False)
        detail.samples.selectRow(0)
        s.dialog(detail.send_sample(), "dialog_sample_send", lambda d: d.submit())  # with its error showing
        detail.samples.selectRow(0)
        s.dialog(detail.approve_sample(), "dialog_sample_approve")
    q = Quotation.select().where(Quotation.client == busy.id).first()
    editor = detail.edit_quotation(q.id)
    s.save(editor, "quotation_editor")
    editor.close()
    editor = detail.edit_quotation(None)
    s.save(editor, "quotation_new")
    editor.close()
    s.idle()

    # 订单: an order in production (documents, progress, payments, history)
    orders = s.tab("orders")
    busy_order = (Order.select().join(FlowCard, on=(FlowCard.order == Order.id))
                  .where(Order.status == "in_production").order_by(Order.id.desc()).first())
    orders.open_record("order", busy_order.id)
    s.idle()
    for page in (orders.editor, orders.review, orders.revisions, orders.shipments, orders.payments,
                 orders.quotations, orders.history):
        orders.show_page(page)
        s.save(w, f"orders_{orders.DETAIL[orders.detail.indexOf(page)]}")
    orders.show_page(orders.editor)
    orders.editor.start_revision()
    s.save(w, "orders_revise")
    s.dialog(orders.editor.ask_revision_reason({}, []), "dialog_revision_reason")
    orders.editor.reload()
    s.dialog(orders.shipments.new_shipment(), "dialog_shipment")
    orders.show_page(orders.payments)
    s.dialog(orders.payments.new_payment(), "dialog_payment")
    draft = Order.select().where(Order.status == "draft").first()
    if draft is not None:
        orders.open_record("order", draft.id)
        orders.show_page(orders.review)
        s.dialog(orders.review.ask_cancel(), "dialog_cancel_order")
    orders.new_record()
    s.save(w, "orders_new")
    from gendan_desktop.gui.orders.quotation_order import open_order_from_quotation_dialog

    s.dialog(open_order_from_quotation_dialog(orders, q.id, q.number, lambda _o: None), "dialog_quotation_to_order")

    # 生产跟踪: the same order, every page, its dialogs and print previews
    prod = s.tab("production")
    prod.open_order(busy_order.id)
    s.idle()
    card = FlowCard.select().where(FlowCard.order == busy_order.id).first()
    prod.show_page(prod.progress)
    prod.progress.set_card(card)
    s.save(w, "production_progress")
    for page in (prod.documents, prod.materials, prod.exceptions, prod.recalls):
        prod.show_page(page)
        s.save(w, f"production_{type(page).__name__.replace('Panel', '').lower()}")
    uncarded = (Order.select().join(FlowCard, JOIN.LEFT_OUTER, on=(FlowCard.order == Order.id))
                .where((Order.status == "confirmed") & FlowCard.id.is_null()).first())
    if uncarded is not None:  # lines to put on cards: the dialog's table filled
        prod.open_order(uncarded.id)
        s.idle()
    s.dialog(prod.issue_cards(), "dialog_issue_cards")
    prod.open_order(busy_order.id)
    s.idle()
    s.dialog(prod.exceptions.report(), "dialog_exception")
    prod.show_page(prod.materials)
    if prod.materials.materials.rowCount():
        prod.materials.materials_view.selectRow(0)
        s.dialog(prod.materials.new_purchase(), "dialog_purchase")
    if prod.materials.purchases.rowCount():
        prod.materials.purchases_view.selectRow(0)
        s.dialog(prod.materials.receive(), "dialog_receive")
    s.dialog(prod.print_sheet_button.click() or _last_preview(), "preview_production_sheet")
    op = prod._print("cards")
    s.idle(120)
    s.dialog(getattr(op, "dialog", None), "preview_flow_cards")

    # 售后
    after = s.tab("aftersales")
    complaint = Complaint.select().order_by(Complaint.id.desc()).first()
    after.open_record("complaint", complaint.id)
    s.save(w, "aftersales")
    after.new_record()
    s.save(w, "aftersales_new")
    after.open_record("complaint", complaint.id)
    s.dialog(after.editor.make_remake(), "dialog_remake")

    # the window's own dialogs
    from gendan_desktop.gui.excel_actions import open_statement_dialog
    from gendan_desktop.gui.settings_dialog import SettingsDialog

    settings = SettingsDialog(w)
    pages = settings.form.findChild(__import__("PySide6.QtWidgets", fromlist=["QTabWidget"]).QTabWidget, "pages")
    for i in range(pages.count()):
        pages.setCurrentIndex(i)
        settings.show()
        s.save(settings, f"settings_{i + 1}")
    settings.close()
    statement = open_statement_dialog(w)
    s.save(statement, "statement")
    statement.close()
    from PySide6.QtCore import QItemSelectionModel

    from gendan_desktop.gui.import_dialog import ImportDialog

    plan = _import_plan(busy)
    if plan is not None:
        s.dialog(ImportDialog(w, plan), "dialog_import")
    clients = s.tab("clients")
    table = clients.pane.table
    table.selectRow(0)
    table.selectionModel().select(table.model().index(1, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    s.dialog(clients.merge_selected(), "dialog_merge_clients")
    s.idle()

    # 订单 typed as a merchandiser gets it: 4 colours × 6 sizes pasted into 颜色×尺码 (nothing saved);
    # the busy order's 发给客户 page
    orders = s.tab("orders")
    _size_grid(s, orders)
    s.save(w, "orders_size_grid")
    orders.editor.new_order()
    orders.open_record("order", busy_order.id)
    orders.show_page(orders.client_update)
    s.save(w, "orders_client_update")
    w.close()
    return 0


SIZE_GRID = ("颜色/尺码\tXS\tS\tM\tL\tXL\tXXL\t合计\n"
             "白色 White\t120\t300\t450\t450\t300\t120\t1740\n"
             "黑色 Black\t100\t260\t400\t400\t260\t100\t1520\n"
             "藏青 Navy\t80\t200\t300\t300\t200\t80\t1160\n"
             "酒红 Burgundy\t60\t150\t220\t220\t150\t60\t860\n")


def _size_grid(s, orders) -> None:
    """A new order for the busiest client, its lines pasted as from Excel into the grid."""
    from gendan_desktop.core.pickers import client_choices

    orders.new_record()
    ed = orders.editor
    busiest = client_choices(limit=5)
    if busiest:
        ed.picker.set_client(busiest[0][0])
    ed.entry.setCurrentWidget(ed.grid)
    grid = ed.grid
    grid.style_box.setEditText("T-2024")
    grid.show_style("T-2024")
    grid.product.setText("圆领T恤 Crew-neck tee")
    grid.price.setText("3.85")
    grid.model.paste(SIZE_GRID, grid.model.index(1, 1))
    s.idle()


def _last_preview():
    from PySide6.QtWidgets import QApplication

    from gendan_desktop.gui.kit.printing_actions import PdfPreviewDialog

    found = [x for x in QApplication.topLevelWidgets() if isinstance(x, PdfPreviewDialog) and x.isVisible()]
    return found[-1] if found else None


def _import_plan(client):
    """A small client file with one bad row, read as the import dialog reads it."""
    try:
        import openpyxl

        from gendan_desktop.excel import importer
    except ImportError:
        return None
    path = Path(tempfile.mkdtemp()) / "clients.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户名称", "国家", "等级", "邮箱", "首次联系"])
    ws.append([client.name + " 2", "中国", "大客户", "a@example.com", dt.date.today()])
    ws.append(["Bella Moda", "Italy", "普通", "not-an-email", "2026-13-45"])
    wb.save(path)
    return importer.prepare(path, "clients")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--shoot":
        raise SystemExit(shoot(sys.argv[2], sys.argv[3], sys.argv[4]))
    raise SystemExit(main())
