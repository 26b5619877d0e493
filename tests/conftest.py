"""Shared fixtures.

``db`` gives a freshly migrated database bound to the models. Core tests run on
a temporary SQLite file, and also on PostgreSQL when GENDAN_TEST_PG holds a
server URL (CI starts a local server and sets it).
"""

from __future__ import annotations

import os

import pytest
from db_backends import BACKENDS, PG_URL, reset_postgres

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    """A new, migrated database (SQLite file, or PostgreSQL in CI)."""
    from gendan_desktop.core import common
    from gendan_desktop.core.db import close_database, open_database

    if request.param == "postgres":
        reset_postgres(PG_URL)
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
