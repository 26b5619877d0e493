"""Each client's latest and next follow-up date, kept on the client row.

The client list sorts by 上次跟进 (the latest follow-up's date) and 下次跟进 (the
earliest reminder still open). As aggregates over the follow-ups, every first
page of such a sort computed them for all 100,000 clients and sorted the lot
(250–500 ms at 1M orders); as indexed columns of the client the first page walks
an index and stops after its rows.

Database triggers on ``follow_up`` keep the two columns right in the statement
(so the transaction) of every write that changes a follow-up, its date, its
reminder or its client: a service, a merge, a cascade from deleting a client,
a script. Bulk loads drop them, write, then ``backfill`` and re-create them.
The client's ``version`` is left alone: a follow-up changes nothing a client
form shows or edits.
"""

from __future__ import annotations

from peewee import Database

from .connection import is_sqlite

COLUMNS = ("last_followup_date", "next_followup_date")

# the values of the client row ``client``, as the list computed them before (migration 12)
_LAST = "(SELECT MAX(f.date) FROM follow_up f WHERE f.client_id = client.id)"
_NEXT = ("(SELECT MIN(f.next_date) FROM follow_up f WHERE f.client_id = client.id "
         "AND NOT f.next_done AND f.next_date IS NOT NULL)")
_SET = f"UPDATE client SET last_followup_date = {_LAST}, next_followup_date = {_NEXT}"
# what a follow-up's dates depend on: an UPDATE of other columns fires nothing
_WATCHED = "client_id, date, next_date, next_done"
_SQLITE_TRIGGERS = {
    "follow_up_dates_ai": f"AFTER INSERT ON follow_up BEGIN {_SET} WHERE id = new.client_id; END",
    "follow_up_dates_ad": f"AFTER DELETE ON follow_up BEGIN {_SET} WHERE id = old.client_id; END",
    "follow_up_dates_au": (f"AFTER UPDATE OF {_WATCHED} ON follow_up BEGIN "
                           f"{_SET} WHERE id IN (old.client_id, new.client_id); END"),
}
_PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION follow_up_dates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    {_SET} WHERE id = OLD.client_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.client_id IS DISTINCT FROM OLD.client_id) THEN
    {_SET} WHERE id = NEW.client_id;
  END IF;
  RETURN NULL;
END $$"""


def create_triggers(db: Database) -> None:
    """The triggers that keep the columns current (idempotent)."""
    if is_sqlite(db):
        for name, body in _SQLITE_TRIGGERS.items():
            db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        return
    db.execute_sql(_PG_FUNCTION)
    db.execute_sql("DROP TRIGGER IF EXISTS follow_up_dates ON follow_up")
    db.execute_sql(f"CREATE TRIGGER follow_up_dates AFTER INSERT OR DELETE OR UPDATE OF {_WATCHED} "
                   "ON follow_up FOR EACH ROW EXECUTE FUNCTION follow_up_dates()")


def drop_triggers(db: Database) -> None:
    """Before a bulk load (then ``backfill`` and ``create_triggers``)."""
    if is_sqlite(db):
        for name in _SQLITE_TRIGGERS:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    else:
        db.execute_sql("DROP TRIGGER IF EXISTS follow_up_dates ON follow_up")


def backfill(db: Database) -> None:
    """Set both columns of every client from its follow-ups (one statement)."""
    db.execute_sql(_SET)

