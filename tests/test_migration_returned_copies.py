"""Migration 4: recalled paper is returned copy by copy; old returns count as all copies back."""

from __future__ import annotations

import pytest
from db_backends import BACKENDS, PG_URL, reset_postgres

from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.migrations import migrate, schema_version
from gendan_desktop.core.models import Client, FlowCard, Order, ProductionSheet


@pytest.mark.parametrize("backend", BACKENDS)
def test_returned_copies_are_added_and_backfilled(backend, tmp_path):
    import datetime as dt

    if backend == "postgres":
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = str(tmp_path / "v3.sqlite3")
    db = open_database(url, migrate=False)
    migrate(db, target=3)
    client = Client.create(code="C1", name="宁波远航")
    order = Order.create(number="SO1", client=client, order_date=dt.date(2025, 3, 1),
                         delivery_date=dt.date(2025, 4, 1), status="cancelled")
    recalled = dt.datetime(2025, 3, 5)
    back = ProductionSheet.create(number="PS1", order=order, printed_copies=3, recalled_at=recalled,
                                  returned_at=dt.datetime(2025, 3, 6))
    out = ProductionSheet.create(number="PS2", order=order, printed_copies=2, recalled_at=recalled)
    card = FlowCard.create(number="FC1", order=order, quantity=10, printed_copies=1, recalled_at=recalled,
                           returned_at=dt.datetime(2025, 3, 6))
    for table in ("production_sheet", "flow_card"):  # as version 3 made them
        db.execute_sql(f"ALTER TABLE {table} DROP COLUMN returned_copies")
    close_database()

    db = open_database(url)
    try:
        assert schema_version(db) >= 4
        assert ProductionSheet.get_by_id(back.id).returned_copies == 3
        assert ProductionSheet.get_by_id(out.id).returned_copies == 0
        assert FlowCard.get_by_id(card.id).returned_copies == 1
        from gendan_desktop.core.recalls import outstanding_recalls

        assert [(r["number"], r["outstanding"]) for r in outstanding_recalls()] == [("PS2", 2)]
    finally:
        close_database()
