"""Domain core: models and services on peewee. Nothing here imports Qt."""

import sys as _sys
from typing import Any as _Any


def _import_peewee_without_psycopg2() -> None:
    """Load peewee without psycopg2.

    peewee imports psycopg2 whenever it is installed: 12–16 ms of every start
    (measured here), paid by every SQLite user, when only team mode on
    PostgreSQL needs it. It is hidden while peewee loads; core/db.py hands it
    to peewee when a PostgreSQL URL is opened.
    """
    if "peewee" in _sys.modules or "psycopg2" in _sys.modules:
        return
    hidden = [name for name in ("psycopg2", "psycopg2cffi") if name not in _sys.modules]
    for name in hidden:
        modules: dict[str, _Any] = _sys.modules  # None is how a module is blocked
        modules[name] = None  # makes "import psycopg2" raise ImportError
    try:
        import peewee  # noqa: F401
    finally:
        for name in hidden:
            _sys.modules.pop(name, None)


_import_peewee_without_psycopg2()
