"""Global search (Ctrl+K) and the quick filter of the lists.

Finds clients by name, English name, code, pinyin and e-mail, orders by number
and client PO, flow cards by number.

On SQLite one FTS5 table per kind, tokenize='trigram', holds those texts with
``rowid`` = the record's id. SQL triggers keep it current (services write with
plain peewee, so no Python hook would see every write). Trigrams need three
characters; shorter text falls back to LIKE, which on the 10k clients is quick
and on orders and flow cards uses the number's index as a prefix range.
On PostgreSQL it is ILIKE, helped by pg_trgm GIN indexes where the server
allows the extension (else ILIKE reads every row: right, only slower); order
and card numbers shorter than three characters match from the start there too
(LIKE 'x%', migration 13's pattern indexes), as trigrams cannot find them,
and two characters of a client are found in a bigram index (migration 13).
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from peewee import SQL, Database, NodeList

from .connection import current_database, is_sqlite
from .models import Client, Expr, Query

KINDS = ("client", "order", "flow_card")

# kind -> (model table, FTS table, indexed columns)
_INDEXED = {
    "client": ("client", "client_fts", ("name", "name_en", "code", "pinyin", "email")),
    "order": ("order", "order_fts", ("number", "client_po")),
    "flow_card": ("flow_card", "flow_card_fts", ("number",)),
}


def _q(name: str) -> str:
    return f'"{name}"'


# ------------------------------------------------------------ the index ---
def create_index(db: Database) -> None:
    """SQLite: create the FTS tables and their triggers, then fill them.

    PostgreSQL: trigram GIN indexes (pg_trgm) so ILIKE '%…%' does not scan
    250k flow cards per keystroke; skipped when the extension cannot be
    created (then ILIKE still works, only slower).
    """
    if not is_sqlite(db):
        create_pg_trigram_indexes(db)
        return
    try:
        for kind in KINDS:
            _table, fts, cols = _INDEXED[kind]
            db.execute_sql(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
                f"{', '.join(cols)}, tokenize='trigram')"
            )
    except Exception:
        # An SQLite built without FTS5, or older than 3.34 (no trigram): search
        # runs on LIKE alone, slower but right.
        for kind in KINDS:
            db.execute_sql(f"DROP TABLE IF EXISTS {_INDEXED[kind][1]}")
        db._gendan_has_fts = False
        return
    db._gendan_has_fts = True
    create_triggers(db)
    rebuild_index(db)


def create_pg_trigram_indexes(db: Database) -> None:
    """pg_trgm and its GIN indexes, where the server lets this user create the
    extension (trusted since PostgreSQL 13: a database owner may); else nothing."""
    try:
        with db.atomic():  # a savepoint: a refusal must not abort the migration
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no permission or not installed on the server
        return
    for kind in KINDS:
        table, _fts, cols = _INDEXED[kind]
        for c in cols:
            db.execute_sql(f'CREATE INDEX IF NOT EXISTS {table}_{c}_trgm ON {_q(table)} USING gin ({c} gin_trgm_ops)')


def create_triggers(db: Database) -> None:
    if not _has_fts(db):
        return
    for kind in KINDS:
        table, fts, cols = _INDEXED[kind]
        col_list = ", ".join(cols)
        new_vals = ", ".join(f"COALESCE(new.{c}, '')" for c in cols)
        changed = " OR ".join(f"new.{c} IS NOT old.{c}" for c in cols)
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {_q(table)} BEGIN "
            f"INSERT INTO {fts}(rowid, {col_list}) VALUES (new.id, {new_vals}); END"
        )
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {_q(table)} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.id; END"
        )
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {_q(table)} "
            f"WHEN new.id IS NOT old.id OR {changed} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.id; "
            f"INSERT INTO {fts}(rowid, {col_list}) VALUES (new.id, {new_vals}); END"
        )


def drop_triggers(db: Database) -> None:
    for kind in KINDS:
        fts = _INDEXED[kind][1]
        for suffix in ("ai", "ad", "au"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")


def rebuild_index(db: Database | None = None) -> None:
    """Refill the index from the tables (after a bulk load with triggers off)."""
    db = db or current_database()
    if not is_sqlite(db) or not _has_fts(db):
        return
    for kind in KINDS:
        table, fts, cols = _INDEXED[kind]
        col_list = ", ".join(cols)
        db.execute_sql(f"DELETE FROM {fts}")
        db.execute_sql(
            f"INSERT INTO {fts}(rowid, {col_list}) SELECT id, "
            + ", ".join(f"COALESCE({c}, '')" for c in cols)
            + f" FROM {_q(table)}"
        )


def index_problems(db: Database | None = None) -> list[str]:
    """Kinds whose index row count differs from the table's (for ``check``)."""
    db = db or current_database()
    if not is_sqlite(db) or not _has_fts(db):
        return []
    problems = []
    for kind in KINDS:
        table, fts, _cols = _INDEXED[kind]
        try:
            n_fts = db.execute_sql(f"SELECT COUNT(*) FROM {fts}").fetchone()[0]
        except Exception as exc:  # table missing or damaged
            problems.append(f"{fts}: {exc}")
            continue
        n = db.execute_sql(f"SELECT COUNT(*) FROM {_q(table)}").fetchone()[0]
        if n != n_fts:
            problems.append(f"{fts} has {n_fts} rows for {n} in {table}")
    return problems


# --------------------------------------------------------------- queries ---
def like_escape(text: str) -> str:
    """``text`` as literal text in a LIKE pattern (backslash escapes, the default on both databases)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_fts(db: Database) -> bool:
    cached = getattr(db, "_gendan_has_fts", None)
    if cached is None:
        cached = db.execute_sql(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'flow_card_fts'").fetchone()[0] == 1
        db._gendan_has_fts = cached
    return bool(cached)


def _sql_for(kind: str, text: str, db: Database) -> tuple[str, list[Any]]:
    """SQL selecting the ids of ``kind`` that match ``text`` (non-empty, stripped)."""
    if kind not in _INDEXED:
        raise ValueError(f"unknown search kind {kind!r}")
    table, fts, cols = _INDEXED[kind]
    if is_sqlite(db):
        if len(text) >= 3 and _has_fts(db):
            return f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", [_fts_phrase(text)]
        if kind == "client" or len(text) >= 3:
            # 10k rows: a scan of short text is a few ms; LIKE is case-blind for ASCII.
            pattern = f"%{like_escape(text)}%"
            where = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in cols)
            return f"SELECT id FROM {_q(table)} WHERE {where}", [pattern] * len(cols)
        # Numbers and POs: a prefix range walks the column's index (as typed and upper case).
        parts, params = [], []
        for c in cols:
            for t in dict.fromkeys((text, text.upper())):
                parts.append(f"SELECT id FROM {_q(table)} WHERE {c} >= ? AND {c} < ?")
                params += [t, t + "\U0010ffff"]
        return " UNION ".join(parts), params
    return _pg_sql_for(kind, text, table, cols)


# The one text a client's short search looks in (PostgreSQL): migration 13's
# bigram index is built on exactly this expression, which the query repeats so
# the planner finds it (a change needs a new index). chr(31) between the fields:
# no pair of characters typed spans two fields.
PG_CLIENT_TEXT = ("lower(coalesce(name, '') || chr(31) || coalesce(name_en, '') || chr(31) || coalesce(code, '') "
                  "|| chr(31) || coalesce(pinyin, '') || chr(31) || coalesce(email, ''))")


def _pg_sql_for(kind: str, text: str, table: str, cols: tuple[str, ...]) -> tuple[str, list[Any]]:
    """PostgreSQL: trigrams need three characters; '%x%' of a shorter text reads
    every row (600 ms at 100,000 orders). Order and card numbers then match
    from their start, as on SQLite (pattern indexes of migration 13); clients
    anywhere, their two characters found in the bigram index of migration 13."""
    if kind != "client" and len(text) < 3:
        variants = list(dict.fromkeys((text, text.upper())))
        where = " OR ".join(f"{c} LIKE %s" for c in cols for _v in variants)
        return f"SELECT id FROM {_q(table)} WHERE {where}", [f"{like_escape(v)}%" for _c in cols for v in variants]
    pattern = f"%{like_escape(text)}%"
    where = " OR ".join(f"{c} ILIKE %s" for c in cols)
    params: list[Any] = [pattern] * len(cols)
    if kind == "client" and len(text) == 2 == len(text.lower()):
        where = f"gendan_bigrams({PG_CLIENT_TEXT}) @> ARRAY[lower(%s)] AND ({where})"
        params.insert(0, text)
    return f"SELECT id FROM {_q(table)} WHERE {where}", params


def matching_ids(kind: str, text: str) -> Query:
    """A SQL subquery of the ids of ``kind`` matching ``text``, for list models.

    Use as ``Order.select().where(Order.id.in_(matching_ids("order", text)))``.
    Returns None for empty text (no filter).
    """
    text = (text or "").strip()
    if not text:
        return None
    db = current_database()
    sql, params = _sql_for(kind, text, db)
    return NodeList((SQL("("), SQL(sql, params), SQL(")")))


# The client list's quick filter: with more matches than this, walking the
# list's sort order finds a page of them sooner than sorting them all (about
# 4,500 rows walked at 1,000 matches among 100,000 clients, measured at 1M orders).
DENSE_MATCHES = 1000
# distinct countries, each found by seeking the next one in the country index
_COUNTRIES_LIKE = ("WITH RECURSIVE k(c) AS (SELECT (SELECT MIN(country) FROM client) UNION ALL "
                   "SELECT (SELECT MIN(country) FROM client WHERE country > k.c) FROM k WHERE k.c IS NOT NULL) "
                   "SELECT c FROM k WHERE c LIKE ? ESCAPE '\\'")


def client_list_match(text: str) -> Expr:
    """The client list's quick filter on ``Client``: name, English name, code,
    pinyin, e-mail (as ``matching_ids``) or the country contains ``text``.

    The list's first page walks its sort order until it has a page of rows. On
    SQLite a rare text is found as a set of ids (the trigram index, and the
    clients of the few countries that contain it) and only those are sorted; a
    common one, or text too short for trigrams, is tested row by row during
    the walk, which stops after the page. Either way the rows of
    "id IN matches OR country LIKE text".
    """
    db = current_database()
    if not is_sqlite(db):
        return Client.id.in_(matching_ids("client", text)) | Client.country.contains(text)
    if len(text) < 3 or not _has_fts(db):
        return reduce(operator.or_, [getattr(Client, c).contains(text) for c in (*_INDEXED["client"][2], "country")])
    sql, params = _sql_for("client", text, db)
    pattern = f"%{like_escape(text)}%"
    found = db.execute_sql(
        f"SELECT (SELECT COUNT(*) FROM ({sql} LIMIT {DENSE_MATCHES})) + (SELECT COUNT(*) FROM "
        f"(SELECT 1 FROM client WHERE country IN ({_COUNTRIES_LIKE}) LIMIT {DENSE_MATCHES}))",
        [*params, pattern]).fetchone()[0]
    if found >= DENSE_MATCHES:
        return Client.id.in_(matching_ids("client", text)) | Client.country.contains(text)
    countries = NodeList((SQL("("), SQL(_COUNTRIES_LIKE, [pattern]), SQL(")")))
    return Client.id.in_(matching_ids("client", text)) | Client.country.in_(countries)


def matching_id_list(kind: str, text: str, limit: int | None = None) -> list[int]:
    """The ids themselves (for callers that want a plain list)."""
    text = (text or "").strip()
    if not text:
        return []
    db = current_database()
    sql, params = _sql_for(kind, text, db)
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in db.execute_sql(sql, params).fetchall()]


def _client_label(r: tuple[Any, ...]) -> str:
    return f"{r[2]} ({r[1]})"


def _order_label(r: tuple[Any, ...]) -> str:
    return f"{r[1]} · {r[3]}" + (f" · PO {r[2]}" if r[2] else "")


def _card_label(r: tuple[Any, ...]) -> str:
    return f"{r[1]} · {r[2]}"


def _labels(kind: str, ids: list[int], db: Database) -> dict[int, str]:
    if not ids:
        return {}
    marks = ", ".join(["%s" if not is_sqlite(db) else "?"] * len(ids))
    if kind == "client":
        sql = f'SELECT id, code, name FROM "client" WHERE id IN ({marks})'
        fmt = _client_label
    elif kind == "order":
        sql = (f'SELECT o.id, o.number, o.client_po, c.name FROM "order" o '
               f'JOIN "client" c ON c.id = o.client_id WHERE o.id IN ({marks})')
        fmt = _order_label
    else:
        sql = (f'SELECT f.id, f.number, o.number FROM "flow_card" f '
               f'JOIN "order" o ON o.id = f.order_id WHERE f.id IN ({marks})')
        fmt = _card_label
    return {r[0]: fmt(r) for r in db.execute_sql(sql, ids).fetchall()}


def search(text: str, limit: int = 50) -> list[tuple[str, int, str]]:
    """Global search: ``[(kind, id, label), …]``, clients first, then orders, then cards.

    Exact number matches come first within their kind.
    """
    text = (text or "").strip()
    if not text:
        return []
    db = current_database()
    results: list[tuple[str, int, str]] = []
    for kind in KINDS:
        room = limit - len(results)
        if room <= 0:
            break
        ids = matching_id_list(kind, text, limit=room)
        labels = _labels(kind, ids, db)
        rows = [(kind, i, labels[i]) for i in sorted(ids) if i in labels]
        rows.sort(key=lambda r: not r[2].upper().startswith(text.upper()))
        results.extend(rows)
    return results[:limit]
