"""The quick filter's indexes for short text (PostgreSQL): an upgraded database
gets them and the server uses them; SQLite's schema is left as it was."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pytest
from db_backends import BACKENDS, PG_URL, reset_postgres

from gendan_desktop.core import search
from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.lists import production
from gendan_desktop.core.lists.spec import Filters, Sort
from gendan_desktop.core.migrations import MIGRATIONS, migrate, schema_version
from gendan_desktop.core.models import Client, FlowCard, Order

# found by its name, so the migration may be renumbered when branches land
NUMBER = next(n for n, name, _f in MIGRATIONS if "prefix and bigram indexes" in name)
PG_INDEXES = {"order_number_prefix", "order_client_po_prefix", "flow_card_number_prefix", "client_search_bigrams",
              "order_open_production_by_delivery", "order_open_production_by_number"}


def _indexes(db) -> set[str]:
    return {i.name for table in ("order", "flow_card", "client") for i in db.get_indexes(table)}


def _plan(db, sql: str, params: list, off=("seqscan", "indexscan", "indexonlyscan")) -> str:
    """The server's plan with the scans ``off`` priced out (by default all but
    bitmap scans: no scan of a whole table or index, whatever their tiny size
    here): which index serves the condition."""
    with db.atomic():
        for scan in off:
            db.execute_sql(f"SET LOCAL enable_{scan} = off")
        return "\n".join(r[0] for r in db.execute_sql(f"EXPLAIN {sql}", params).fetchall())


@pytest.fixture(params=BACKENDS)
def upgraded(request, tmp_path):
    """A database one migration short of this one, with a client, an order and a
    card, then upgraded: (database, indexes before, indexes after)."""
    if request.param == "postgres":
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = str(tmp_path / "old.sqlite3")
    db = open_database(url, migrate=False)
    migrate(db, target=NUMBER - 1)
    before = _indexes(db)
    client = Client.create(code="C0001", name="华美服饰", pinyin="hmfs huameifushi")
    day = dt.date(2026, 3, 2)
    order = Order.create(number="SO2603-0001", client=client, client_po="HM-77", order_date=day, delivery_date=day)
    FlowCard.create(number="LC2603-0001", order=order, quantity=10)
    migrate(db)
    yield db, before, _indexes(db)
    close_database()


def test_postgresql_gets_indexes_that_serve_short_text_and_sqlite_nothing(upgraded):
    db, before, after = upgraded
    assert schema_version(db) >= NUMBER
    order = Order.get()
    if "sqlite" in type(db).__name__.lower():
        assert after == before
        assert {(k, i) for k, i, _ in search.search("hm")} == {("client", order.client_id), ("order", order.id)}
        return
    assert after - before == PG_INDEXES
    # the server uses them for what search sends (in this database's collation)
    for kind, index in (("order", "order_number_prefix"), ("flow_card", "flow_card_number_prefix"),
                        ("client", "client_search_bigrams")):
        sql, params = search._sql_for(kind, "hm", db)
        assert index in _plan(db, sql, params), kind
    # 生产跟踪's first page: the open orders in delivery order, read from their own index
    for key in ("delivery", "number"):
        sql, params = production.build_query(Filters(values=MappingProxyType({"status": "open"})),
                                             Sort("delivery_date" if key == "delivery" else key)).limit(120).sql()
        assert f"order_open_production_by_{key}" in _plan(db, sql, params, off=("seqscan", "bitmapscan", "sort"))
    # and they hold the rows written before the upgrade
    found = {(k, i) for k, i, _ in search.search("hm")} | {(k, i) for k, i, _ in search.search("LC")}
    assert found == {("client", order.client_id), ("order", order.id), ("flow_card", FlowCard.get().id)}
