"""What a database holds, as the automatic backup sees it: any user data at all,
and the same data as an earlier backup?

The automatic backup (core/backup.auto_backup) makes no backup of a database
that holds nothing a user entered (a new, empty one), and drops the previous
backup when the new one holds the same data, so a database left alone keeps one
backup instead of a new file every day.

The demo file made by "open demo data" (demo/database.py) is not backed up either.

What is not user data: the schema version, the full-text indexes (built from
the tables, and laid out differently after the same rows come and go), and the
settings that record the file's own life rather than the user's work (the open
windows' session markers, the time of the last integrity check). Everything
else counts: a single setting saved in the first-start assistant is data.

Both questions are answered in SQL by SQLite. The data is compared table by
table with EXCEPT both ways, on the two backup files (never on the live file),
after the cheap tests (same tables, same row counts) have passed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .sessions import INTEGRITY_KEY
from .sqlite_file import SESSION_PREFIX, readonly_uri

NOT_DATA = ("schema_version",)
DEMO_KEY = "demo_database"  # "1" in the demo file (demo/database.py): made-up data, never backed up
_SETTINGS_OF_THE_FILE = ("key NOT LIKE ? AND key <> ?", (SESSION_PREFIX + "%", INTEGRITY_KEY))

Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def user_tables(rows: Rows, schema: str = "main") -> dict[str, str]:
    """{table: its CREATE statement} of the tables that hold user data."""
    listed = rows(f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = 'table'", ())
    virtual = [name for name, sql in listed if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    return {name: sql for name, sql in listed
            if not name.startswith("sqlite_") and name not in NOT_DATA and name not in virtual
            and not any(name.startswith(v + "_") for v in virtual)}


def _rows_of(table: str, schema: str = "main") -> tuple[str, tuple[Any, ...]]:
    """The SELECT of a table's user rows (the settings less those of the file)."""
    if table == "setting":
        return f'SELECT * FROM {schema}."setting" WHERE {_SETTINGS_OF_THE_FILE[0]}', _SETTINGS_OF_THE_FILE[1]
    return f'SELECT * FROM {schema}."{table}"', ()


def holds_user_data(rows: Rows) -> bool:
    """Does any table hold a row a user entered? (one short query per table)"""
    for table in user_tables(rows):
        sql, params = _rows_of(table)
        if rows(f"SELECT 1 FROM ({sql}) x LIMIT 1", params):
            return True
    return False


def is_demo(rows: Rows) -> bool:
    """Is this the demo file (core/first_start.is_demo_database)?"""
    return rows("SELECT value FROM setting WHERE key = ?", (DEMO_KEY,)) == [("1",)]


def live_rows() -> Rows:
    """``rows`` over the open database (the window's own connection)."""
    from .connection import current_database

    db = current_database()
    return lambda sql, params: list(db.execute_sql(sql, tuple(params)).fetchall())


def same_data(a: Path, b: Path) -> bool:
    """Do the two database files (backups, not the live file) hold the same user data?"""
    conn = sqlite3.connect(readonly_uri(a), uri=True)
    try:
        conn.execute("ATTACH DATABASE ? AS other", (readonly_uri(b),))

        def rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
            return conn.execute(sql, tuple(params)).fetchall()

        tables = user_tables(rows)
        if tables != user_tables(rows, "other"):
            return False
        for table in tables:
            mine, params = _rows_of(table)
            theirs, _ = _rows_of(table, "other")
            if rows(f"SELECT COUNT(*) FROM ({mine}) x", params) != rows(f"SELECT COUNT(*) FROM ({theirs}) x", params):
                return False
        for table in tables:
            mine, params = _rows_of(table)
            theirs, _ = _rows_of(table, "other")
            for first, second in ((mine, theirs), (theirs, mine)):
                if rows(f"SELECT 1 FROM ({first} EXCEPT {second}) x LIMIT 1", [*params, *params]):
                    return False
        return True
    finally:
        conn.close()
