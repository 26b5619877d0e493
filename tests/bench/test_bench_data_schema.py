"""The bench brings a cached data set of an older schema to this code's schema
once, before any row runs, and says so; one of a newer schema is refused and
left as it is. (Migrations once ran inside the first timed row that opened it.)"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, where bench/ lives

from bench import data  # noqa: E402


def _data_set(folder: Path, version: int) -> Path:
    """A cached "tiny" data set whose schema says ``version``."""
    from gendan_desktop.core.db import close_database, open_database

    path = folder / "tiny.sqlite3"
    open_database(str(path))
    close_database()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = ?", (version,))
    conn.commit()
    conn.close()
    return path


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version FROM schema_version").fetchone()[0]
    finally:
        conn.close()


def test_an_older_data_set_is_migrated_once_before_the_rows(tmp_path, monkeypatch, capsys):
    from gendan_desktop.core.migrations import latest_version

    monkeypatch.setenv("GENDAN_BENCH_DATA", str(tmp_path))
    path = _data_set(tmp_path, latest_version() - 1)  # the last migration only adds indexes if missing
    assert data.sqlite_dataset("tiny") == str(path)
    assert _version(path) == latest_version()
    assert f"from schema {latest_version() - 1} to {latest_version()}" in capsys.readouterr().err
    data.sqlite_dataset("tiny")  # found current: nothing to do, nothing said
    assert "migrating" not in capsys.readouterr().err


def test_a_data_set_of_a_newer_schema_is_refused_and_kept(tmp_path, monkeypatch):
    from gendan_desktop.core.migrations import latest_version

    monkeypatch.setenv("GENDAN_BENCH_DATA", str(tmp_path))
    path = _data_set(tmp_path, latest_version() + 1)
    before = path.read_bytes()
    with pytest.raises(SystemExit, match="newer than this code's"):
        data.sqlite_dataset("tiny")
    assert path.read_bytes() == before
