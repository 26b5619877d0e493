"""The order import's database work follows the file, not the database or its square."""

from __future__ import annotations

from excel_helpers import write_rows

from gendan_desktop.core import clients as client_service
from gendan_desktop.core.orders import create_order
from gendan_desktop.excel import importer

HEADER = ["客户名称", "客户PO号", "下单日期", "交期", "款号", "数量", "单价"]


def _vm_steps(db, fn) -> int:
    """SQLite virtual-machine instructions run by ``fn`` (in thousands): the
    database's work, counted instead of timed."""
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn = db.connection()
    conn.set_progress_handler(tick, 1000)
    try:
        fn()
    finally:
        conn.set_progress_handler(None, 1000)
    return steps


def _orders_file(path, clients: list[str]):
    """One order per client, each with its own client PO (none in the database yet)."""
    rows = [HEADER] + [[name, f"PO-{i:04d}", "2026-09-01", "2026-11-01", "ST-1", 100, 2.5]
                       for i, name in enumerate(clients)]
    return write_rows(path, rows)


def test_duplicate_lookup_grows_with_the_file_not_its_square(sqlite_db, tmp_path):
    # 200 clients with an order each in the database; files naming 50 and 200 of them, one new PO each
    clients = [client_service.create_client(name=f"规模测试服装{i:03d}有限公司") for i in range(200)]
    names = [c.name for c in clients]
    for c in clients:  # each client has an order of its own, with another PO
        create_order(c.id, lines=[{"style": "OLD", "quantity": 1, "unit_price": 1}], client_po="OLD-1",
                     order_date="2026-08-01", delivery_date="2026-10-01")
    work = {}
    for n in (50, 200):
        plan = importer.prepare(_orders_file(tmp_path / f"o{n}.xlsx", names[:n]), "orders")
        result = None

        def dry_run(plan=plan):
            nonlocal result
            result = importer.run(plan, dry_run=True)

        work[n] = _vm_steps(sqlite_db, dry_run)
        assert result is not None and (result.created, result.errors) == (n, [])
    # four times the orders: about four times the work (the PO look-up probed
    # every client of a query with every PO of it: sixteen times)
    assert work[200] < 6 * work[50], work


def test_an_order_with_a_po_already_in_the_database_is_found_whatever_its_case(db, tmp_path):
    a = client_service.create_client(name="华美服装有限公司")
    b = client_service.create_client(name="Zeta Trading Ltd")
    create_order(a.id, lines=[{"style": "OLD", "quantity": 1, "unit_price": 1}], client_po="PO-7",
                 order_date="2026-08-01", delivery_date="2026-10-01")
    path = write_rows(tmp_path / "dup.xlsx", [HEADER,
                                              [a.name, "po-7", "2026-09-01", "2026-11-01", "ST-1", 100, 2.5],
                                              [b.name, "PO-7", "2026-09-01", "2026-11-01", "ST-1", 100, 2.5]])
    result = importer.run(importer.prepare(path, "orders"), dry_run=True)
    # the first client's PO-7 exists (skipped); the other client's PO-7 is a new order
    assert (result.skipped, result.created, result.errors) == (1, 1, [])
    result = importer.run(importer.prepare(path, "orders"), dry_run=True, on_duplicate="create")
    assert [(e.row, e.field) for e in result.errors] == [(2, "client_po")]


def test_a_command_line_dry_run_loads_no_writer_and_no_other_feature(tmp_path):
    """``import orders --dry-run`` starts as fast as it can: it loads neither the
    xlsx writers, the PDF library, Qt, nor the export lists and order services."""
    import subprocess
    import sys

    from gendan_desktop.core.db import close_database, open_database

    db = str(tmp_path / "cli.sqlite3")
    open_database(db)
    client_service.create_client(name="华美服装有限公司")
    close_database()
    path = _orders_file(tmp_path / "cli.xlsx", ["华美服装有限公司"])
    code = ("import sys\nfrom gendan_desktop.cli import main\n"
            f"assert main(['import', 'orders', {str(path)!r}, '--dry-run', '--db', {db!r}]) == 0\n"
            "print(' '.join(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(out.splitlines()[-1].split())
    unwanted = {"xlsxwriter", "openpyxl", "reportlab", "PySide6", "gendan_desktop.excel.named_exports",
                "gendan_desktop.excel.import_clients", "gendan_desktop.core.receivables",
                "gendan_desktop.core.orders"}
    assert loaded & unwanted == set()
    assert "gendan_desktop.excel.import_orders" in loaded
