"""``fill_demo``: the demo filler's entry point (see demo/__init__.py)."""

from __future__ import annotations

import datetime as dt

from ..core import followup_dates, search
from ..core.connection import current_database, is_sqlite, write_transaction
from ..core.errors import StateError
from ..core.limits import DEMO_CLIENTS, DEMO_ORDERS
from ..core.migrations import backfill_merchandisers
from ..core.models import (
    Client,
    Counter,
    Order,
)
from .context import DemoContext
from .orders import fill_orders
from .sales import _fill_clients, _fill_quotations, _fill_reference, _fill_samples


# -------------------------------------------------------------- the filler ---
def fill_demo(clients: int = 200, orders: int = 1000, seed: int = 1,
              today: dt.date | None = None) -> dict[str, int]:
    """Fill the open (empty) database with demo data; returns rows written per table."""

    clients = int(DEMO_CLIENTS.check(clients, field="clients"))
    orders = int(DEMO_ORDERS.check(orders, field="orders"))
    db = current_database()
    if Client.select().exists() or Order.select().exists():
        raise StateError(
            "演示数据只能写入空数据库,这个数据库已有客户或订单。请用 --db 指定一个新文件。",
            "Demo data goes only into an empty database, and this one already has clients or orders. "
            "Give a new file with --db.",
        )
    if orders and not clients:
        clients = 1
    ctx = DemoContext(seed, today)
    if is_sqlite(db):
        # a big page cache keeps the indexes of a 100k-order fill in memory
        old_cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
        db.execute_sql("PRAGMA cache_size = -400000")
    try:
        counts = _fill(db, ctx, clients, orders)
    finally:
        if is_sqlite(db):
            db.execute_sql(f"PRAGMA cache_size = {int(old_cache)}")
    return counts


def _fill(db, ctx: DemoContext, clients: int, orders: int) -> dict[str, int]:
    with write_transaction():
        followup_dates.drop_triggers(db)  # both filled once at the end: far faster than row by row
        if is_sqlite(db):
            search.drop_triggers(db)
        _fill_reference(ctx)
        if clients:
            _fill_clients(ctx, clients)
            quotes = _fill_quotations(ctx)
            samples = _fill_samples(ctx)
            fill_orders(ctx, orders, quotes, samples)
        counts = ctx.bulk.flush_all()
        if not is_sqlite(db):
            # PostgreSQL plans by table statistics, which a bulk load leaves empty
            # (until autovacuum samples the tables, after the commit). Blind, it ran
            # the backfill below by walking all 1,000,000 orders' date index for
            # each of 100,000 clients, for hours; ANALYZE here samples this
            # transaction's rows, and the statistics stay for the first lists.
            db.execute_sql("ANALYZE")
        backfill_merchandisers(db)  # who looks after each client, as an upgraded database has it
        followup_dates.backfill(db)
        followup_dates.create_triggers(db)
        param = "?" if is_sqlite(db) else "%s"
        for complaint_id, order_id in ctx.remake_links:
            db.execute_sql(f"UPDATE complaint SET remake_order_id = {param} WHERE id = {param}",
                           (order_id, complaint_id))
        if clients:
            ctx.counters["client_code"] = clients
        # next_number() and next_client_code() continue after the demo's numbers
        for name, value in sorted(ctx.counters.items()):
            n = Counter.update(value=value).where(
                (Counter.name == name) & (Counter.value < value)).execute()
            if not n and not Counter.select().where(Counter.name == name).exists():
                Counter.create(name=name, value=value)
        if is_sqlite(db):
            search.create_triggers(db)
            search.rebuild_index(db)
    return counts
