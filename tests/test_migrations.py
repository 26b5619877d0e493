"""A database made by an older Gendan Desktop opens with its data intact and upgraded."""

from __future__ import annotations

import pytest
from db_backends import BACKENDS, PG_URL, reset_postgres
from peewee import IntegrityError

from gendan_desktop.core import orders, search
from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.migrations import latest_version, migrate, schema_version
from gendan_desktop.core.models import ORDER_LIST_INDEXES, Client, Order


def _old_database(url: str) -> None:
    """A database at schema 1 as the first release made it: no client.pinyin, no search index."""
    db = open_database(url, migrate=False)
    migrate(db, target=1)
    db.execute_sql("DROP INDEX IF EXISTS client_pinyin")
    for name, _cols in ORDER_LIST_INDEXES:  # added by migration 3
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    db.execute_sql("ALTER TABLE client DROP COLUMN pinyin")
    dropped = [("flow_card_step", "qty_lost"), ("progress_report", "qty_lost"), ("shipment", "excess_reason")]
    if "sqlite" not in type(db).__name__.lower():  # SQLite cannot drop a column a foreign key names
        db.execute_sql("DROP INDEX IF EXISTS payment_source_payment_id")
        dropped.append(("payment", "source_payment_id"))
    for table, column in dropped:  # added by migration 5
        db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN {column}')
    for name in ("name_key", "base_key", "phone_key"):  # added by migration 6
        db.execute_sql(f"DROP INDEX IF EXISTS client_{name}")
        db.execute_sql(f"ALTER TABLE client DROP COLUMN {name}")
    db.execute_sql("DROP TABLE client_look_alike")
    db.execute_sql('ALTER TABLE "order" DROP COLUMN po_dup_id')  # added by migration 7
    for table in ("client", "quotation", "sample", "production_exception", "complaint"):  # migration 8
        db.execute_sql(f"DROP INDEX IF EXISTS {table}_merchandiser")
        db.execute_sql(f"ALTER TABLE {table} DROP COLUMN merchandiser")
    db.execute_sql("DROP TABLE work_item_snooze")
    db.execute_sql("DROP TABLE reminder_shown")
    db.execute_sql("ALTER TABLE client DROP COLUMN language")  # added by migration 10
    for column in ("last_followup_date", "next_followup_date"):  # added by migration 12
        db.execute_sql(f"DROP INDEX IF EXISTS client_{column}_id")
        db.execute_sql(f"ALTER TABLE client DROP COLUMN {column}")
    p = "?" if "sqlite" in type(db).__name__.lower() else "%s"
    now = "2025-03-01 09:00:00"
    db.execute_sql(
        f"INSERT INTO client (version, created_at, updated_at, code, name, name_en, country, source, grade, "
        f"address, website, phone, email, payment_terms, default_currency, notes, archived) "
        f"VALUES ({', '.join([p] * 17)})",
        (1, now, now, "C0001", "张三服装有限公司", "Zhangsan Garments", "中国", "trade_show", "key",
         "", "", "", "buyer@zhangsan.cn", "T/T", "USD", "老客户", False),
    )
    client_id = db.execute_sql("SELECT id FROM client WHERE code = 'C0001'").fetchone()[0]
    # the same file imported twice by two windows: two orders with one client PO
    for number, po in (("SO2503-0001", "PO-4711"), ("SO2503-0002", "po-4711")):
        db.execute_sql(
            f'INSERT INTO "order" (version, created_at, updated_at, number, client_id, channel, client_po, '
            f"order_type, currency, order_date, delivery_date, status, revision, product_category, payment_terms, "
            f"trade_terms, deposit_pct, merchandiser, review_capability, review_material, review_colour, "
            f"review_quantity, review_date, review_notes, reviewed_by, material_override_reason, cancel_reason, "
            f"client_requirements, packing, shipping_marks, notes) VALUES ({', '.join([p] * 31)})",
            (1, now, now, number, client_id, "email", po, "normal", "USD", "2025-03-01", "2025-04-15",
             "confirmed", 0, "garment", "", "FOB", 30_000_000, "李娜", True, True, True, True, True, "", "", "", "",
             "", "", "", ""),
        )
    assert schema_version(db) == 1
    close_database()


@pytest.mark.parametrize("backend", BACKENDS)
def test_old_database_is_upgraded_with_its_data(backend, tmp_path, capsys):
    if backend == "postgres":
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = str(tmp_path / "old.sqlite3")
    _old_database(url)

    db = open_database(url)
    try:
        assert schema_version(db) == latest_version()
        client = Client.get(Client.code == "C0001")
        assert (client.name, client.code, client.email, client.grade) == ("张三服装有限公司", "C0001",
                                                                          "buyer@zhangsan.cn", "key")
        assert client.pinyin.startswith("zsfzyxgs zhangsan")  # backfilled
        assert (client.name_key, client.base_key) == ("张三服装有限公司", "张三服装")  # backfilled
        # the order lists' covering indexes, with the columns a fresh database gets
        indexes = {i.name: tuple(i.columns) for i in db.get_indexes("order")}
        for name, cols in ORDER_LIST_INDEXES:
            assert indexes.get(name) == cols
        order = Order.get(Order.number == "SO2503-0001")
        assert (order.number, order.client_po, order.status, str(order.deposit_pct)) == ("SO2503-0001", "PO-4711",
                                                                                         "confirmed", "30.000000")
        # migration 5's columns, with their defaults on old rows
        for table, column in (("flow_card_step", "qty_lost"), ("progress_report", "qty_lost"),
                              ("shipment", "excess_reason"), ("payment", "source_payment_id")):
            assert column in {c.name for c in db.get_columns(table)}
        # migration 8: the client is looked after by the merchandiser of its newest order
        assert client.merchandiser == "李娜"
        assert {"work_item_snooze", "reminder_shown"} <= set(db.get_tables())
        # the two orders sharing a PO are kept; the second is marked and listed, new twins are refused
        assert orders.legacy_po_duplicates() == [("SO2503-0002", "SO2503-0001", "po-4711")]
        with pytest.raises(ValidationError, match="SO2503-0001"):
            orders.create_order(client.id, lines=[{"style": "A", "quantity": 1, "unit_price": 1}],
                                delivery_date="2025-05-01", client_po="Po-4711", order_date="2025-03-02")
        with pytest.raises(IntegrityError), db.atomic():  # the schema itself refuses it
            Order.create(number="X-1", client=client.id, client_po="PO-4711", order_date="2025-03-02",
                             delivery_date="2025-05-01")
        # the new search index knows the old rows
        assert ("client", client.id) in [(k, i) for k, i, _ in search.search("张三服装")]
        assert ("client", client.id) in [(k, i) for k, i, _ in search.search("zs")]
        assert ("order", order.id) in [(k, i) for k, i, _ in search.search("PO-4711")]
        # and keeps up with new ones
        Client.create(code="C0002", name="李四纺织", pinyin="ls lisifangzhi")
        assert [lbl for k, _, lbl in search.search("李四纺") if k == "client"] == ["李四纺织 (C0002)"]
    finally:
        close_database()

    # opening again applies nothing more
    db = open_database(url)
    try:
        assert migrate(db) == []
    finally:
        close_database()
    # ``check`` lists the two orders that shared a PO before the upgrade
    from gendan_desktop.cli import main

    assert main(["check", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "client_po_duplicates: 1" in out and "SO2503-0002" in out and "SO2503-0001" in out


def test_newer_schema_is_refused(tmp_path):
    url = str(tmp_path / "future.sqlite3")
    db = open_database(url)
    db.execute_sql(f"UPDATE schema_version SET version = {latest_version() + 1}")
    close_database()
    from gendan_desktop.core.errors import DatabaseError

    with pytest.raises(DatabaseError, match="升级"):
        open_database(url)
    close_database()
