"""``python -m bench --db postgresql://…`` never empties a database holding other
orders: the server is shared, and such a database is someone's data set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from db_backends import PG_URL, reset_postgres

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, where bench/ lives

from bench import data  # noqa: E402


@pytest.mark.postgres
def test_a_database_holding_another_data_set_is_refused_and_kept():
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.core.models import Order
    from gendan_desktop.demo import fill_demo

    reset_postgres(PG_URL)
    open_database(PG_URL)
    try:
        fill_demo(clients=5, orders=12)
        held = Order.select().count()
    finally:
        close_database()
    assert held >= 12
    with pytest.raises(SystemExit, match=f"holds {held:,} orders, not the big data set"):
        data.pg_dataset(PG_URL, "big")
    assert data.pg_order_count(PG_URL) == held  # left as it was
