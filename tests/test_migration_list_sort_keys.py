"""Migration 12: a database at schema 11 gets each client's follow-up dates,
filled from its follow-ups and kept from then on, and the after-sales sort
indexes; its data is unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from db_backends import BACKENDS, PG_URL, reset_postgres

from gendan_desktop.core import followups
from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.migrations import migrate, schema_version
from gendan_desktop.core.models import COMPLAINT_LIST_INDEXES, Client, FollowUp

D = dt.date


def _schema_11(url: str) -> dict[str, int]:
    """A database as version 11 made it (no follow-up date columns, triggers or
    sort indexes), with clients and follow-ups; returns the clients' ids by code."""
    db = open_database(url, migrate=False)
    migrate(db, target=11)
    for column in ("last_followup_date", "next_followup_date"):  # the model has them now
        db.execute_sql(f"DROP INDEX IF EXISTS client_{column}_id")
        db.execute_sql(f"ALTER TABLE client DROP COLUMN {column}")
    for name, _cols in COMPLAINT_LIST_INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    ids = {}
    for code in ("C1", "C2", "C3"):
        db.execute_sql(f"INSERT INTO client (version, created_at, updated_at, code, name, name_en, pinyin, country, "
                       f"source, grade, address, website, phone, email, payment_terms, default_currency, notes, "
                       f"archived) VALUES (1, '2025-03-01 09:00:00', '2025-03-01 09:00:00', '{code}', '客户{code}', "
                       f"'', '', '', 'other', 'ordinary', '', '', '', '', '', 'USD', '', false)")
        ids[code] = db.execute_sql(f"SELECT id FROM client WHERE code = '{code}'").fetchone()[0]
    # C1: two follow-ups, the older reminder done; C2: a reminder only done; C3: none
    for client, date, next_date, done in (("C1", "2025-03-01", "2025-03-09", True),
                                          ("C1", "2025-03-08", "2025-03-20", False),
                                          ("C1", "2025-02-01", "2025-03-15", False),
                                          ("C2", "2025-01-05", "2025-01-10", True)):
        db.execute_sql(f"INSERT INTO follow_up (client_id, date, channel, content, next_date, next_done, "
                       f"merchandiser, created_at) VALUES ({ids[client]}, '{date}', 'email', '跟进', "
                       f"'{next_date}', {'true' if done else 'false'}, '', '2025-03-01 09:00:00')")
    assert schema_version(db) == 11
    close_database()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_follow_up_dates_are_added_filled_and_kept(backend, tmp_path):
    if backend == "postgres":
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = str(tmp_path / "v11.sqlite3")
    ids = _schema_11(url)

    db = open_database(url)
    try:
        assert schema_version(db) >= 12
        dates = {c.code: (c.last_followup_date, c.next_followup_date) for c in Client.select()}
        assert dates == {"C1": (D(2025, 3, 8), D(2025, 3, 15)), "C2": (D(2025, 1, 5), None), "C3": (None, None)}
        assert [c.name for c in Client.select().order_by(Client.code)] == ["客户C1", "客户C2", "客户C3"]
        assert FollowUp.select().count() == 4
        indexes = {i.name: tuple(i.columns) for i in db.get_indexes("complaint")}
        for name, cols in COMPLAINT_LIST_INDEXES:
            assert indexes.get(name) == cols
        # and from now on the triggers keep them
        followups.log_followup(ids["C3"], D(2025, 4, 1), "phone", "首次联系", next_date=D(2025, 4, 8))
        assert Client.get(Client.code == "C3").next_followup_date == D(2025, 4, 8)
    finally:
        close_database()
