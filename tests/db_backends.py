"""Which databases the tests run on: SQLite always, PostgreSQL when GENDAN_TEST_PG is set.

Shared by tests/conftest.py (the ``db`` fixture) and the tests that open
databases themselves (test_migrations.py).
"""

from __future__ import annotations

import os

import pytest

PG_URL = os.environ.get("GENDAN_TEST_PG", "")
# Always both: without GENDAN_TEST_PG the PostgreSQL items are collected, then
# set aside by conftest.py, which says how many in the header and the summary.
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
PG_HINT = "run tests/with_postgres.sh to include them (it starts a throwaway local server)"


def reset_postgres(url: str) -> None:
    """Empty the test server's database: drop and re-create the public schema."""
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
    conn.close()
