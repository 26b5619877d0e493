"""Shared fixtures.

``db`` gives a freshly migrated database bound to the models. Core tests run on
a temporary SQLite file, and also on PostgreSQL when GENDAN_TEST_PG holds a
server URL (CI starts a local server and sets it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from db_backends import BACKENDS, PG_HINT, PG_URL, reset_postgres

# Qt runs offscreen on a screen of 1366×768, the laptop the window must fit
# (the offscreen platform's default screen is 800×600). Qt splits the platform
# argument at ":", so a Windows path with a drive letter cannot be given.
_SCREEN = Path(__file__).resolve().parent / "gui" / "screen_1366x768.json"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if ":" in str(_SCREEN) else f"offscreen:configfile={_SCREEN}")


# ------------------------------------------- PostgreSQL: say what is left out ---
def pytest_report_header(config):
    if PG_URL:
        from gendan_desktop.core.db import describe

        return f"PostgreSQL: {describe(PG_URL)} (GENDAN_TEST_PG)"
    return f"PostgreSQL: not configured (GENDAN_TEST_PG is not set), its tests are not collected; {PG_HINT}"


def pytest_collection_modifyitems(config, items):
    if PG_URL:
        return
    left_out = [item for item in items if item.get_closest_marker("postgres")]
    if left_out:
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        config.hook.pytest_deselected(items=left_out)
    config.stash[_PG_LEFT_OUT] = len(left_out)


_PG_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not PG_URL:
        n = config.stash.get(_PG_LEFT_OUT, 0)
        tests = "test" if n == 1 else "tests"
        terminalreporter.write_line(f"PostgreSQL: not configured, {n} {tests} not collected; {PG_HINT}", yellow=True)


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
