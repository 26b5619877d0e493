"""Shared fixtures.

``db`` gives a freshly migrated database bound to the models. Core tests run on
a temporary SQLite file, and also on PostgreSQL when GENDAN_TEST_PG holds a
server URL (CI starts a local server and sets it).
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL = os.environ.get("GENDAN_TEST_PG", "")
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL else [])


def _reset_postgres(url: str) -> None:
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
    conn.close()


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    """A new, migrated database (SQLite file, or PostgreSQL in CI)."""
    from gendan_desktop.core import common
    from gendan_desktop.core.db import close_database, open_database

    if request.param == "postgres":
        _reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = str(tmp_path / "test.sqlite3")
    database = open_database(url)
    common.set_current_user("tester")
    yield database
    close_database()
    common.set_current_user(None)


@pytest.fixture
def sqlite_db(tmp_path):
    """A migrated SQLite database only (for SQLite-specific behaviour)."""
    from gendan_desktop.core import common
    from gendan_desktop.core.db import close_database, open_database

    database = open_database(str(tmp_path / "test.sqlite3"))
    common.set_current_user("tester")
    yield database
    close_database()
    common.set_current_user(None)
