"""Schema version and numbered migrations.

``schema_version`` holds one row: the number of the last migration applied.
Each migration runs in its own transaction together with the version bump.
Migration 1 creates the baseline tables from the models; later migrations must
only add (tables, columns, indexes, data) and must tolerate a database whose
baseline was created by a newer model definition (check before adding).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from peewee import Database, SqliteDatabase

from . import followup_dates
from .client_matching import client_keys
from .errors import DatabaseError
from .models import ALL_MODELS, ClientLookAlike
from .pinyin import pinyin_key
from .search import PG_CLIENT_TEXT, create_index, create_pg_trigram_indexes

Migration = tuple[int, str, Callable[[Database], None]]


def _m0001_baseline(db: Database) -> None:
    db.create_tables(ALL_MODELS, safe=True)


def _columns(db: Database, table: str) -> set[str]:
    return {c.name for c in db.get_columns(table)}


def _m0002_search(db: Database) -> None:
    """Client.pinyin (absent from databases made before it existed) and the search index."""
    if "pinyin" not in _columns(db, "client"):
        db.execute_sql("ALTER TABLE client ADD COLUMN pinyin VARCHAR(600) NOT NULL DEFAULT ''")
    db.execute_sql("CREATE INDEX IF NOT EXISTS client_pinyin ON client (pinyin)")
    rows = db.execute_sql("SELECT id, name FROM client WHERE pinyin = '' AND name <> ''").fetchall()
    param = "?" if isinstance(db, SqliteDatabase) else "%s"
    for client_id, name in rows:
        db.execute_sql(f"UPDATE client SET pinyin = {param} WHERE id = {param}", (pinyin_key(name), client_id))
    create_index(db)


def _m0003_list_indexes(db: Database) -> None:
    """Covering indexes for the order lists (as models.ORDER_LIST_INDEXES declares;
    copied here so this migration never changes): sorting and filtering 100,000
    orders walks one index instead of reading every row."""
    indexes = (
        ("order_list_by_order_date",
         ("order_date", "id", "delivery_date", "status", "client_id", "number", "client_po")),
        ("order_list_by_delivery_date",
         ("delivery_date", "id", "status", "order_date", "client_id", "number", "client_po")),
        ("order_list_by_number",
         ("number", "id", "delivery_date", "status", "order_date", "client_id", "client_po")),
        ("order_list_by_client",
         ("client_id", "id", "delivery_date", "status", "order_date", "number", "client_po")),
    )
    for name, cols in indexes:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "order" ({", ".join(cols)})')


def _m0004_returned_copies(db: Database) -> None:
    """Recalled paper comes back copy by copy: ``returned_copies`` on production
    sheets and flow cards; a document already marked returned had all its copies back."""
    for table in ("production_sheet", "flow_card"):
        if "returned_copies" not in _columns(db, table):
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN returned_copies INTEGER NOT NULL DEFAULT 0")
        db.execute_sql(f"UPDATE {table} SET returned_copies = printed_copies "
                       "WHERE returned_at IS NOT NULL AND returned_copies < printed_copies")


def _add_column(db: Database, table: str, column: str, ddl: str) -> None:
    if column not in _columns(db, table):
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN {column} {ddl}')


def _m0005_flows(db: Database) -> None:
    """Issue 10 flows: pieces confirmed missing in a progress entry, the reason a
    shipment left with more than production had finished, and the payment a
    refund or carry-over of a cancelled order's deposit disposes of."""
    _add_column(db, "flow_card_step", "qty_lost", "INTEGER NOT NULL DEFAULT 0")
    _add_column(db, "progress_report", "qty_lost", "INTEGER NOT NULL DEFAULT 0")
    _add_column(db, "shipment", "excess_reason", "TEXT NOT NULL DEFAULT ''")
    _add_column(db, "payment", "source_payment_id", "INTEGER NULL REFERENCES payment (id) ON DELETE RESTRICT")
    db.execute_sql("CREATE INDEX IF NOT EXISTS payment_source_payment_id ON payment (source_payment_id)")


def _param(db: Database) -> str:
    return "?" if isinstance(db, SqliteDatabase) else "%s"


def _m0006_client_keys(db: Database) -> None:
    """Client match keys (core/client_matching.py) and the look-alike review list.

    Lookups by code and e-mail ignore case: expression indexes on lower().
    """
    columns = _columns(db, "client")
    for name, size in (("name_key", 300), ("base_key", 300), ("phone_key", 20)):
        if name not in columns:
            db.execute_sql(f"ALTER TABLE client ADD COLUMN {name} VARCHAR({size}) NOT NULL DEFAULT ''")
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS client_{name} ON client ({name})")
    db.execute_sql("CREATE INDEX IF NOT EXISTS client_code_lower ON client (lower(code))")
    db.execute_sql("CREATE INDEX IF NOT EXISTS client_email_lower ON client (lower(email))")
    p = _param(db)
    updates = []
    for cid, name, phone, nk, bk, pk in db.execute_sql(
            "SELECT id, name, phone, name_key, base_key, phone_key FROM client").fetchall():
        keys = client_keys(name or "", phone or "")
        if (keys["name_key"], keys["base_key"], keys["phone_key"]) != (nk, bk, pk):
            updates.append((keys["name_key"], keys["base_key"], keys["phone_key"], cid))
    if updates:
        db.cursor().executemany(f"UPDATE client SET name_key = {p}, base_key = {p}, phone_key = {p} WHERE id = {p}",
                                updates)
    db.create_tables([ClientLookAlike], safe=True)


def po_unique_where(alias: str = "") -> str:
    """The orders the unique (client, PO) index covers: a client PO is given, the
    order is not cancelled (the client may send that PO again) and not a remake
    (补单 keeps the PO of the order it remakes)."""
    a = f"{alias}." if alias else ""
    return f"{a}client_po <> '' AND {a}status <> 'cancelled' AND {a}order_type <> 'remake'"


def _m0007_unique_client_po(db: Database) -> None:
    """One live order per client and client PO (case-insensitive); an empty PO is not constrained.

    Orders that already shared a PO stay as they are: each after the first gets
    ``po_dup_id`` = its own id, which keeps it apart in the index, and a line in
    its history; ``check`` lists them (orders.legacy_po_duplicates).
    """
    if "po_dup_id" not in _columns(db, "order"):
        db.execute_sql('ALTER TABLE "order" ADD COLUMN po_dup_id INTEGER NOT NULL DEFAULT 0')
    dups = db.execute_sql(
        f'SELECT o.id, o.client_po FROM "order" o WHERE o.po_dup_id = 0 AND {po_unique_where("o")} '
        f'AND EXISTS (SELECT 1 FROM "order" e WHERE e.client_id = o.client_id '
        f"AND lower(e.client_po) = lower(o.client_po) AND e.id < o.id AND {po_unique_where('e')})").fetchall()
    p = _param(db)
    if dups:
        now = dt.datetime.now().replace(microsecond=0)
        db.cursor().executemany(f'UPDATE "order" SET po_dup_id = id WHERE id = {p}', [(oid,) for oid, _po in dups])
        db.cursor().executemany(
            f'INSERT INTO audit_log (at, "user", entity, entity_id, order_id, action, field, new) '
            f"VALUES ({p}, 'migration', 'order', {p}, {p}, 'po_duplicate', 'client_po', {p})",
            [(now, oid, oid, po) for oid, po in dups])
    db.execute_sql(f'CREATE UNIQUE INDEX IF NOT EXISTS order_client_po_unique ON "order" '
                   f"(client_id, lower(client_po), po_dup_id) WHERE {po_unique_where()}")


OWNED_TABLES = ("client", "quotation", "sample", "production_exception", "complaint")


def backfill_merchandisers(db: Database) -> None:
    """Who looks after each client and its open records, from what the data says:
    a client's merchandiser is the one of its newest order (else of its newest
    follow-up); quotations and samples take their client's, exceptions and
    complaints their order's. Only rows still without one are filled."""
    db.execute_sql(
        "UPDATE client SET merchandiser = COALESCE("
        "(SELECT o.merchandiser FROM \"order\" o WHERE o.client_id = client.id AND o.merchandiser <> '' "
        " ORDER BY o.order_date DESC, o.id DESC LIMIT 1),"
        "(SELECT f.merchandiser FROM follow_up f WHERE f.client_id = client.id AND f.merchandiser <> '' "
        " ORDER BY f.date DESC, f.id DESC LIMIT 1), '') WHERE merchandiser = ''")
    for table in ("quotation", "sample"):
        db.execute_sql(f"UPDATE {table} SET merchandiser = (SELECT c.merchandiser FROM client c "
                       f"WHERE c.id = {table}.client_id) WHERE merchandiser = ''")
    for table in ("production_exception", "complaint"):
        db.execute_sql(f"UPDATE {table} SET merchandiser = (SELECT o.merchandiser FROM \"order\" o "
                       f"WHERE o.id = {table}.order_id) WHERE merchandiser = ''")


def _m0008_week_and_handover(db: Database) -> None:
    """The workbench's snoozed items and reminders already shown (issue 13), steps
    found by their planned date (the cards due each day), and
    the merchandiser who looks after clients, quotations, samples, production
    exceptions and complaints (a hand-over moves them), filled from the data."""
    from .models import ReminderShown, WorkItemSnooze

    for table in OWNED_TABLES:
        _add_column(db, table, "merchandiser", "VARCHAR(100) NOT NULL DEFAULT ''")
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_merchandiser ON {table} (merchandiser)")
    backfill_merchandisers(db)
    db.create_tables([WorkItemSnooze, ReminderShown], safe=True)
    db.execute_sql("CREATE INDEX IF NOT EXISTS flow_card_step_planned_date ON flow_card_step (planned_date)")
def _m0009_merchandiser_in_list_indexes(db: Database) -> None:
    """The order lists' covering indexes also hold the merchandiser, so that
    "my orders" is tested inside the index walked (as models.ORDER_LIST_INDEXES
    declares; copied here so this migration never changes). An index that
    already has these columns (a database created by this version) is kept."""
    indexes = (
        ("order_list_by_order_date",
         ("order_date", "id", "delivery_date", "status", "client_id", "number", "client_po", "merchandiser")),
        ("order_list_by_delivery_date",
         ("delivery_date", "id", "status", "order_date", "client_id", "number", "client_po", "merchandiser")),
        ("order_list_by_number",
         ("number", "id", "delivery_date", "status", "order_date", "client_id", "client_po", "merchandiser")),
        ("order_list_by_client",
         ("client_id", "id", "delivery_date", "status", "order_date", "number", "client_po", "merchandiser")),
    )
    present = {i.name: tuple(i.columns) for i in db.get_indexes("order")}
    for name, cols in indexes:
        if present.get(name) != cols:
            db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
            db.execute_sql(f'CREATE INDEX "{name}" ON "order" ({", ".join(cols)})')


def _m0010_client_language(db: Database) -> None:
    """The language a client reads ("zh", "en"; "" = by the country), for the
    progress and balance texts copied for the client's chat."""
    _add_column(db, "client", "language", "VARCHAR(5) NOT NULL DEFAULT ''")


def _m0011_status_list_indexes(db: Database) -> None:
    """The orders of one status in order-date or delivery order, found by seeking
    their status instead of walking every order (as models.ORDER_LIST_INDEXES
    declares; copied here so this migration never changes): at 1,000,000 orders
    the 已审核 list takes 3 ms instead of 150, and the open production orders
    due by a date are found without reading the 800,000 delivered before it."""
    for name, cols in (("order_list_by_status_order_date", ("status", "order_date", "id")),
                       ("order_list_by_status_delivery_date", ("status", "delivery_date", "id"))):
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "order" ({", ".join(cols)})')


def _m0012_list_sort_keys(db: Database) -> None:
    """What the client and after-sales lists sort by, in indexes their first
    pages walk (as the models declare; copied here so this migration never
    changes): each client's latest and next follow-up date as columns kept by
    triggers (core/followup_dates.py), filled from the follow-ups; the
    complaint columns the after-sales list sorts by, each with the id."""
    for column in followup_dates.COLUMNS:
        _add_column(db, "client", column, "DATE NULL")
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS client_{column}_id ON client ({column}, id)")
    followup_dates.backfill(db)
    followup_dates.create_triggers(db)
    for column in ("qty_affected", "disposition", "cost", "credit_amount"):
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS complaint_list_by_{column} ON complaint ({column}, id)")


# PostgreSQL: the columns the quick filter matches from the start (search.prefix_terms)
PG_PREFIX_INDEXES = (("order", "number"), ("order", "client_po"), ("flow_card", "number"))


def _m0013_pg_list_indexes(db: Database) -> None:
    """PostgreSQL: what the quick filter's text shorter than a trigram is found
    by, and the open production orders by delivery date. Order numbers, client
    POs and flow card numbers by their start (LIKE 'x%') in
    ``varchar_pattern_ops`` indexes, which serve LIKE in any collation (the
    plain indexes only under "C"; not "C.UTF-8" nor zh_CN): 0.1 ms instead of
    reading every order. Two characters anywhere in a client's texts by a GIN
    index of their character pairs (no extension needed): 3 ms instead of
    reading every client. Also migration 2's trigram indexes once more, for a
    server that refused pg_trgm then. SQLite: nothing (FTS5 and the number
    indexes serve there)."""
    if isinstance(db, SqliteDatabase):
        return
    for table, column in PG_PREFIX_INDEXES:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{table}_{column}_prefix" ON "{table}" '
                       f"({column} varchar_pattern_ops)")
    db.execute_sql("CREATE OR REPLACE FUNCTION gendan_bigrams(t text) RETURNS text[] "
                   "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT ARRAY(SELECT DISTINCT substr(t, i, 2) "
                   "FROM generate_series(1, char_length(t) - 1) AS i) $$")
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS client_search_bigrams ON client "
                   f"USING gin (gendan_bigrams({PG_CLIENT_TEXT}))")
    # 生产跟踪 opens on the open orders by delivery date. PostgreSQL cannot merge
    # the three statuses' ranges of (status, delivery_date, id), so it walked the
    # delivery index past the delivered orders (65,000 of 100,000 for the first
    # page); this index holds only the open ones, with what the quick filter
    # tests in the walk (at 1,000,000 orders "hm": 418 ms -> 26). Its WHERE must
    # be the query's (progress.OPEN_PRODUCTION_STATUSES, copied so this
    # migration never changes).
    for key, include in (("delivery", "delivery_date, id) INCLUDE (number, client_po, client_id"),
                         ("number", "number, id")):  # by number: the oldest numbers were delivered long ago
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS order_open_production_by_{key} ON "order" ({include}) '
                       "WHERE status IN ('confirmed', 'in_production', 'partly_shipped')")
    create_pg_trigram_indexes(db)


MIGRATIONS: list[Migration] = [
    (1, "baseline tables", _m0001_baseline),
    (2, "client pinyin and search index", _m0002_search),
    (3, "order list indexes", _m0003_list_indexes),
    (4, "returned copies of recalled paper", _m0004_returned_copies),
    (5, "progress gaps, shipment excess reasons, deposit refunds", _m0005_flows),
    (6, "client match keys and look-alike review", _m0006_client_keys),
    (7, "one order per client and client PO", _m0007_unique_client_po),
    (8, "week ahead: snoozes, reminders; merchandiser of clients and open records", _m0008_week_and_handover),
    (9, "merchandiser in the order list indexes", _m0009_merchandiser_in_list_indexes),
    (10, "client language", _m0010_client_language),
    (11, "order list indexes led by the status", _m0011_status_list_indexes),
    (12, "client follow-up dates and after-sales sort indexes", _m0012_list_sort_keys),
    (13, "PostgreSQL: prefix and bigram indexes for the quick filter, open production orders",
     _m0013_pg_list_indexes),
]


def latest_version() -> int:
    return MIGRATIONS[-1][0]


def _ensure_version_table(db: Database) -> None:
    db.execute_sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    if db.execute_sql("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 0:
        db.execute_sql("INSERT INTO schema_version (version) VALUES (0)")


def schema_version(db: Database) -> int:
    if "schema_version" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def _begin(db: Database) -> Any:  # a peewee transaction
    if isinstance(db, SqliteDatabase):
        return db.atomic(lock_type="IMMEDIATE")
    return db.atomic()


def migrate(db: Database, target: int | None = None) -> list[int]:
    """Apply pending migrations up to ``target`` (default: latest). Returns those applied."""
    target = latest_version() if target is None else target
    with _begin(db):
        _ensure_version_table(db)
    current = schema_version(db)
    if current > latest_version():
        raise DatabaseError(
            f"数据库的结构版本({current})比本程序支持的({latest_version()})新,请升级跟单桌面。",
            f"The database schema ({current}) is newer than this program supports "
            f"({latest_version()}); please upgrade Gendan Desktop.",
        )
    applied = []
    for number, _name, func in MIGRATIONS:
        if current < number <= target:
            with _begin(db):
                func(db)
                db.execute_sql(f"UPDATE schema_version SET version = {int(number)}")
            applied.append(number)
    return applied
