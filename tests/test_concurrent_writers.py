"""Two processes writing one database at the same instant, on SQLite and PostgreSQL.

Real processes (spawned, as on Windows) meet at a barrier and then run the
same action: import one order file, take the first number of a month, create
a client, save one record. The counts these tests assert are the ones issue 8
asks for (20 trials of an import race: 0 duplicates).
"""

from __future__ import annotations

import multiprocessing as mp

import pytest
from db_backends import BACKENDS, PG_URL, reset_postgres
from openpyxl import Workbook

TRIALS = 20
ORDERS_PER_FILE = 10
SAVES = 150  # per process


def _url(backend: str, tmp_path) -> str:
    if backend == "postgres":
        reset_postgres(PG_URL)
        return PG_URL
    return str(tmp_path / "shared.sqlite3")


def _order_file(path, trial: int) -> str:
    """ORDERS_PER_FILE orders of two clients, three lines each, POs unique to the trial."""
    wb = Workbook()
    ws = wb.active
    ws.append(["客户", "客户PO", "下单日期", "交期", "款号", "颜色", "数量", "单价"])
    for i in range(ORDERS_PER_FILE):
        for colour in ("Black", "Navy", "Grey"):
            ws.append(["C0001" if i % 2 else "C0002", f"T{trial:02d}-PO-{i}", "2026-09-01", "2026-10-16",
                       f"ST-{i}", colour, 100, 2.5])
    wb.save(path)
    return str(path)


def _run_workers(target, args_by_worker, commands):
    """Start two spawned workers, feed each command to both, collect both results per command."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    inbox = [ctx.Queue() for _ in range(2)]
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args_by_worker, barrier, inbox[i], out)) for i in range(2)]
    for p in procs:
        p.start()
    results = []
    try:
        for cmd in commands:
            for q in inbox:
                q.put(cmd)
            results.append(sorted((out.get(timeout=120) for _ in procs), key=repr))
    finally:
        for q in inbox:
            q.put(None)
        for p in procs:
            p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0, 0]
    return results


# ------------------------------------------------------------------ imports --
def _import_worker(url, barrier, inbox, out) -> None:
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.excel import importer

    while (path := inbox.get()) is not None:
        open_database(url, migrate=False)
        plan = importer.prepare(path, "orders")
        barrier.wait()
        try:
            r = importer.run(plan)
            out.put((r.created, r.skipped, [e.en for e in r.errors]))
        except Exception as exc:  # reported and asserted on, never swallowed
            out.put((0, 0, [repr(exc)]))
        finally:
            close_database()


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_processes_importing_one_file_at_once_create_each_order_once(backend, tmp_path):
    from gendan_desktop.core import clients
    from gendan_desktop.core.db import close_database, current_database, open_database

    url = _url(backend, tmp_path)
    open_database(url)
    clients.create_client(name="Nordic Apparel AB", code="C0001")
    clients.create_client(name="Sunrise Textiles Ltd.", code="C0002")
    close_database()
    files = [_order_file(tmp_path / f"orders_{t}.xlsx", t) for t in range(TRIALS)]

    results = _run_workers(_import_worker, (url,), files)

    open_database(url)
    try:
        db = current_database()
        duplicates = db.execute_sql(
            'SELECT COUNT(*) FROM (SELECT client_id, lower(client_po) FROM "order" '
            "GROUP BY client_id, lower(client_po) HAVING COUNT(*) > 1) d").fetchone()[0]
        orders, lines = (db.execute_sql('SELECT COUNT(*) FROM "order"').fetchone()[0],
                         db.execute_sql("SELECT COUNT(*) FROM order_line").fetchone()[0])
    finally:
        close_database()
    print(f"\n{backend}: {TRIALS} trials of two processes importing one file at once: "
          f"{duplicates} duplicate orders, {orders} orders")
    assert duplicates == 0
    assert (orders, lines) == (TRIALS * ORDERS_PER_FILE, TRIALS * ORDERS_PER_FILE * 3)
    for both in results:  # one process created every order, the other found them all
        assert both == [(0, 3 * ORDERS_PER_FILE, []), (ORDERS_PER_FILE, 0, [])]


# ---------------------------------------------------------------- numbering --
def _number_worker(url, barrier, inbox, out) -> None:
    import datetime as dt

    from gendan_desktop.core import clients, common
    from gendan_desktop.core.db import close_database, open_database

    open_database(url, migrate=False)
    common.set_current_user("worker")
    while (trial := inbox.get()) is not None:
        barrier.wait()
        try:
            number = common.next_number("ST", date=dt.date(2030 + trial // 12, trial % 12 + 1, 1))
            client = clients.create_client(name=f"Trial {trial} client {number}")
            out.put((number, client.code, ""))
        except Exception as exc:  # reported and asserted on
            out.put(("", "", repr(exc)))
    close_database()


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_users_taking_the_first_number_of_a_month_and_a_client_code(backend, tmp_path):
    from gendan_desktop.core.db import close_database, current_database, open_database

    url = _url(backend, tmp_path)
    open_database(url)
    close_database()

    def fresh_client_counter(trial):
        # the first client code ever, each trial: drop the counter before both processes start
        open_database(url, migrate=False)
        current_database().execute_sql("DELETE FROM counter WHERE name = 'client_code'")
        close_database()
        return trial

    results = _run_workers(_number_worker, (url,), (fresh_client_counter(t) for t in range(TRIALS)))
    errors = [e for both in results for (_n, _c, e) in both if e]
    assert errors == []
    for t, both in enumerate(results):
        stem = f"ST{(2030 + t // 12) % 100:02d}{t % 12 + 1:02d}"
        assert sorted(n for n, _c, _e in both) == [f"{stem}-0001", f"{stem}-0002"]
        assert len({c for _n, c, _e in both}) == 2  # two clients, two codes


# --------------------------------------------------------- versioned saves --
def _save_worker(url, barrier, inbox, out) -> None:
    """Read, edit, save the client's notes SAVES times; reload on a conflict.

    With ``versioned`` False the save passes no version, as callers did before
    the version was mandatory: such a save must be refused, never written.
    """
    from gendan_desktop.core import clients, common
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.errors import StaleEdit
    from gendan_desktop.core.models import Client

    open_database(url, migrate=False)
    common.set_current_user("worker")
    while (cmd := inbox.get()) is not None:
        tag, versioned = cmd
        barrier.wait()
        conflicts, refused, errors = 0, 0, []
        for i in range(SAVES):
            while True:
                c = Client.get(Client.code == "C0001")
                try:
                    clients.update_client(c.id, {"notes": f"{c.notes}{tag}{i};"}, c.version if versioned else None)
                    break
                except StaleEdit:
                    conflicts += 1
                except TypeError as exc:
                    refused += "expected_version" in str(exc)
                    break
                except Exception as exc:  # reported and asserted on
                    errors.append(repr(exc))
                    break
        out.put((tag, conflicts, refused, errors))
    close_database()


def _saved_notes(url) -> list[str]:
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.models import Client

    open_database(url, migrate=False)
    try:
        return [s for s in Client.get(Client.code == "C0001").notes.split(";") if s]
    finally:
        close_database()


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_processes_saving_one_client_lose_no_save(backend, tmp_path):
    from gendan_desktop.core import clients
    from gendan_desktop.core.db import close_database, open_database

    url = _url(backend, tmp_path)
    open_database(url)
    clients.create_client(name="Nordic Apparel AB", code="C0001")
    close_database()

    ctx = mp.get_context("spawn")
    barrier, inbox, out = ctx.Barrier(2), [ctx.Queue(), ctx.Queue()], ctx.Queue()
    procs = [ctx.Process(target=_save_worker, args=(url, barrier, inbox[i], out)) for i in range(2)]
    for p in procs:
        p.start()
    try:
        for i, q in enumerate(inbox):  # both save with the version they read
            q.put(("AB"[i], True))
        versioned = sorted(out.get(timeout=300) for _ in procs)
        saved = _saved_notes(url)
        for i, q in enumerate(inbox):  # both save without a version
            q.put(("ab"[i], False))
        unversioned = sorted(out.get(timeout=300) for _ in procs)
        after = _saved_notes(url)
    finally:
        for q in inbox:
            q.put(None)
        for p in procs:
            p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert [r[3] for r in versioned + unversioned] == [[], [], [], []]
    lost = 2 * SAVES - len(saved)
    refused = sum(r[2] for r in unversioned)
    overwritten = len(saved) + (2 * SAVES - refused) - len(after)
    print(f"\n{backend}: {2 * SAVES} saves from two processes, {lost} lost, "
          f"{sum(r[1] for r in versioned)} conflicts detected and reloaded; without a version: "
          f"{refused} of {2 * SAVES} refused, {overwritten} lost by overwriting")
    assert lost == 0 and sorted(saved) == sorted(f"{t}{i}" for t in "AB" for i in range(SAVES))
    # a save without a version is refused, not written over the other process's save
    assert [r[2] for r in unversioned] == [SAVES, SAVES] and after == saved
