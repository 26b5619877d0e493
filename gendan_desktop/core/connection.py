"""The open database and its transactions: what every service needs, and nothing else.

``current_database``, ``is_sqlite``, ``write_transaction`` and ``serialize``
live here, below core/db.py (which checks, opens and migrates a database):
the migrations, the search index and the session markers run inside a
transaction while a database is being opened, so they need these without
needing the opener (which needs them in turn). core/db.py re-exports them, so
``from .db import write_transaction`` keeps working.

On SQLite every write transaction begins ``IMMEDIATE``: measured here, a busy
timeout alone let half of 600 read-then-write transactions between two
processes fail with "database is locked"; IMMEDIATE lost none.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import Database, SqliteDatabase

from .errors import DatabaseError
from .models import database_proxy


def current_database() -> Database:
    if database_proxy.obj is None:
        raise DatabaseError("数据库尚未打开。", "No database is open.")
    return database_proxy.obj


def is_sqlite(db: Database | None = None) -> bool:
    return isinstance(db or current_database(), SqliteDatabase)


def is_database_failure(exc: BaseException) -> bool:
    """A failure of the database itself (not a rule of ours, not a constraint)."""
    import sqlite3

    import peewee

    if isinstance(exc, (sqlite3.IntegrityError, peewee.IntegrityError)):
        return False
    return isinstance(exc, (sqlite3.DatabaseError, peewee.DatabaseError, peewee.InterfaceError))


def close_database() -> None:
    """Close this thread's connection (peewee keeps one per thread)."""
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


@contextmanager
def write_transaction() -> Iterator[Database]:
    """One write transaction; on SQLite it begins IMMEDIATE (see module doc).

    Nested calls become savepoints of the outer transaction.
    """
    db = current_database()
    if isinstance(db, SqliteDatabase) and db.transaction_depth() == 0:
        ctx = db.atomic(lock_type="IMMEDIATE")
    else:
        ctx = db.atomic()
    with ctx:
        yield db


def serialize(name: str) -> None:
    """Inside a write transaction: wait until no other transaction holds ``name``.

    On SQLite a write transaction begins IMMEDIATE, so writers already take
    turns; PostgreSQL takes a transaction-scoped advisory lock (released at
    commit or rollback). Two imports of one file at the same instant thus
    run one after the other, and the second sees what the first wrote.
    """
    db = current_database()
    if not isinstance(db, SqliteDatabase):
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (zlib.crc32(name.encode()),))
