"""Core queries on the big data set against their own SQL replayed raw:
the workbench (every section), a statement, receivables, the production
queries behind a visible list page, global search, and a backup of the file.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import tempfile
from pathlib import Path

from .core import RawConnection, Row, alternate, sql_of


def _replayed(name: str, fn, raw: RawConnection, db, runs: int, target: float = 2.0, limit=None,
              group: str = "queries", note: str = "") -> Row:
    statements = sql_of(db, fn)
    pair = alternate(fn, lambda: raw.run(statements), runs)
    return Row(name, pair.ours, pair.base, target, limit=limit, group=group,
               note=(note + "; " if note else "") + f"baseline: its {len(statements)} queries in raw SQL")


def core_rows(url: str, runs: int, quick: bool = False) -> list[Row]:
    from peewee import fn

    from gendan_desktop.core import progress, progress_queries, receivables, risk, search, statements, workbench
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.models import Client, FlowCard, Order, Shipment

    db = open_database(url, quick_check=False)
    raw = RawConnection(url)
    today = dt.date.today()
    rows = []
    try:
        rows.append(_replayed("workbench, all sections", lambda: workbench.gather(today), raw, db, runs,
                              note=f"{len(workbench.display_order())} sections, ranked"))
        year = (today - dt.timedelta(days=365), today)
        busiest = (Order.select(Order.client).join(Shipment, on=(Shipment.order == Order.id))
                   .where(Shipment.date.between(*year)).group_by(Order.client)
                   .order_by(fn.COUNT(Shipment.id).desc()).limit(1).scalar())
        cid = busiest or Client.select(Client.id).limit(1).scalar()
        rows.append(_replayed("statement: one client, one year", lambda: statements.statement(cid, *year),
                              raw, db, runs, note="the client with most shipments"))
        if quick:
            return rows
        rows.append(_replayed("receivables by client (all)", receivables.receivables_by_client, raw, db, runs))
        rng = random.Random(1)
        ids = [i for (i,) in Order.select(Order.id).order_by(Order.id.desc()).limit(5000).tuples()]
        visible = rng.sample(ids, min(60, len(ids)))
        rows.append(_replayed("delivery risk of 60 visible orders", lambda: risk.risk_for_orders(visible, today),
                              raw, db, runs, limit=0.05))
        busy = (Order.select(Order.id).join(FlowCard, on=(FlowCard.order == Order.id))
                .where(Order.status == "in_production").order_by(Order.id.desc()).limit(1).scalar())
        if busy:
            rows.append(_replayed("progress grid of one order", lambda: (progress_queries.progress_grid(busy, today),
                                                                         progress_queries.order_progress(busy)),
                                  raw, db, runs, limit=0.05))
            number = FlowCard.select(FlowCard.number).where(FlowCard.order == busy).limit(1).scalar()
            rows.append(_replayed("scan a flow card number", lambda: progress.card_by_number(f" {number.lower()}\n"),
                                  raw, db, runs, limit=0.05))
        name = Client.select(Client.name).order_by(Client.id).offset(300).limit(1).scalar() or "华美"
        for text in (name[2:5], "SO"):
            rows.append(_replayed(f"global search “{text}”", lambda t=text: search.search(t), raw, db, runs,
                                  limit=0.05))
    finally:
        raw.close()
        close_database()
    return rows


def backup_row(path: str, runs: int) -> list[Row]:
    """Our backup (steps with progress) vs one sqlite3 ``backup()`` call."""
    from gendan_desktop.core import backup
    from gendan_desktop.core.db import close_database, open_database

    open_database(path, quick_check=False)
    steps = []
    with tempfile.TemporaryDirectory() as tmp:
        n = iter(range(1000))

        def ours():
            backup.backup_database(Path(tmp) / f"ours{next(n)}.sqlite3", progress=lambda d, t: steps.append(d))

        def raw():
            dest = sqlite3.connect(str(Path(tmp) / f"raw{next(n)}.sqlite3"))
            src = sqlite3.connect(path)
            src.backup(dest)
            src.close()
            dest.close()

        def clean():
            for f in Path(tmp).glob("*.sqlite3"):
                f.unlink()

        pair = alternate(ours, lambda: (raw(), clean()), runs, before=clean, warm=False)
        clean()
    close_database()
    size = Path(path).stat().st_size / 2**20
    return [Row(f"backup of the {size:.0f} MB file, with progress", pair.ours, pair.base, 1.2, group="files",
                note=f"{len(steps) // max(runs, 1)} progress steps per backup; baseline one sqlite3 backup() call")]
