"""The sort keys migration 12 keeps for the client and after-sales lists.

A client's 上次跟进 / 下次跟进 are columns kept by triggers on the follow-ups
(core/followup_dates.py): after every write that changes a follow-up they equal
the aggregates the list computed before, and the list's order is the one those
aggregates gave (NULLs where the database puts them). The first pages of these
sorts, and of the after-sales sorts on complaint columns, walk an index.
"""

from __future__ import annotations

import datetime as dt

import pytest
from peewee import fn
from query_count import selects

from gendan_desktop.core import client_merge, clients, followups
from gendan_desktop.core.connection import current_database
from gendan_desktop.core.lists import clients as client_list
from gendan_desktop.core.lists import complaints as complaint_list
from gendan_desktop.core.lists import paging
from gendan_desktop.core.lists.spec import Filters, Sort, ordered
from gendan_desktop.core.models import Client, FollowUp

D = dt.date


def _aggregates() -> dict[int, tuple[dt.date | None, dt.date | None]]:
    """Every client's (latest follow-up date, earliest open reminder) from the follow-ups themselves."""
    out: dict[int, tuple[dt.date | None, dt.date | None]] = {int(c): (None, None) for (c,) in
                                                                Client.select(Client.id).tuples()}
    for f in FollowUp.select():
        last, nxt = out[f.client_id]
        last = f.date if last is None or f.date > last else last
        if f.next_date is not None and not f.next_done:
            nxt = f.next_date if nxt is None or f.next_date < nxt else nxt
        out[f.client_id] = (last, nxt)
    return out


def _stored() -> dict[int, tuple[dt.date | None, dt.date | None]]:
    return {int(c): (last, nxt) for c, last, nxt in
            Client.select(Client.id, Client.last_followup_date, Client.next_followup_date).tuples()}


def _assert_kept() -> None:
    assert _stored() == _aggregates()


@pytest.fixture
def three(db):
    a = clients.create_client(name="甲服装", code="A1")
    b = clients.create_client(name="乙服装", code="B1")
    c = clients.create_client(name="丙服装", code="C1")  # never followed up: NULL dates
    return a.id, b.id, c.id


def test_every_follow_up_write_keeps_the_client_dates(three):
    a, b, c = three
    _assert_kept()
    first = followups.log_followup(a, D(2026, 3, 1), "email", "报价", next_date=D(2026, 3, 10))
    assert _stored()[a] == (D(2026, 3, 1), D(2026, 3, 10))
    followups.log_followup(b, D(2026, 2, 1), "phone", "样品", next_date=D(2026, 4, 1))
    # a newer follow-up closes the earlier reminder in the same transaction: next moves to its own
    followups.log_followup(a, D(2026, 3, 5), "visit", "来访", next_date=D(2026, 3, 20))
    assert _stored()[a] == (D(2026, 3, 5), D(2026, 3, 20))
    _assert_kept()
    # a follow-up dated earlier leaves the latest date as it was
    followups.log_followup(a, D(2026, 1, 1), "email", "补记")
    assert _stored()[a] == (D(2026, 3, 5), D(2026, 3, 20))
    latest = FollowUp.get((FollowUp.client == a) & (FollowUp.date == D(2026, 3, 5)))
    followups.complete_reminder(latest.id)
    assert _stored()[a] == (D(2026, 3, 5), None)
    _assert_kept()
    # edited and deleted by any means (a script, a future form): the triggers still keep them
    FollowUp.update(date=D(2026, 6, 1), next_done=False).where(FollowUp.id == first.id).execute()
    assert _stored()[a] == (D(2026, 6, 1), D(2026, 3, 10))
    FollowUp.update(client=c).where(FollowUp.id == first.id).execute()  # moved to another client
    _assert_kept()
    FollowUp.delete().where(FollowUp.id == first.id).execute()
    assert _stored()[c] == (None, None)
    _assert_kept()


def test_merging_clients_moves_their_follow_up_dates(three):
    a, b, _c = three
    followups.log_followup(a, D(2026, 3, 1), "email", "报价", next_date=D(2026, 3, 30))
    followups.log_followup(b, D(2026, 4, 1), "email", "样品", next_date=D(2026, 4, 9))
    va, vb = Client.get_by_id(a).version, Client.get_by_id(b).version
    client_merge.merge_clients(a, b, survivor_version=va, merged_version=vb)
    # the survivor's latest contact is now the merged client's; its two reminders both stay open
    assert _stored()[a] == (D(2026, 4, 1), D(2026, 3, 30))
    _assert_kept()


def test_deleting_a_client_with_follow_ups(three):
    a, _b, _c = three
    followups.log_followup(a, D(2026, 3, 1), "email", "报价", next_date=D(2026, 3, 30))
    Client.delete().where(Client.id == a).execute()  # the follow-ups go with it (ON DELETE CASCADE)
    assert a not in _stored()
    _assert_kept()


def test_a_client_edit_keeps_its_version_for_follow_ups(three):
    """Logging a follow-up changes nothing a client form edits: an open form still saves."""
    a, _b, _c = three
    version = Client.get_by_id(a).version
    followups.log_followup(a, D(2026, 3, 1), "email", "报价", next_date=D(2026, 3, 30))
    clients.update_client(a, {"notes": "老客户"}, version)
    assert _stored()[a] == (D(2026, 3, 1), D(2026, 3, 30))


def _old_order(key: str, descending: bool) -> list[int]:
    """The list's order as it was computed before migration 12: aggregates per client, then the id."""
    last = FollowUp.select(fn.MAX(FollowUp.date)).where(FollowUp.client == Client.id)
    nxt = (FollowUp.select(fn.MIN(FollowUp.next_date))
           .where((FollowUp.client == Client.id) & (FollowUp.next_done == False)  # noqa: E712
                  & FollowUp.next_date.is_null(False)))
    query = Client.select(Client.id).where(Client.archived == False)  # noqa: E712
    field = last if key == "last_followup" else nxt
    return [i for (i,) in ordered(query, Client.id, [field], Sort(key, descending)).tuples()]


def test_the_list_order_is_the_one_the_aggregates_gave(db):
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=40, orders=120, seed=7)
    # ties and NULLs: clients without follow-ups, clients sharing a date
    FollowUp.delete().where(FollowUp.client.in_(Client.select(Client.id).order_by(Client.id).limit(8))).execute()
    FollowUp.update(date=D(2026, 5, 5)).where(FollowUp.client.in_(
        Client.select(Client.id).order_by(Client.id.desc()).limit(9))).execute()
    _assert_kept()
    for key in ("last_followup", "next_followup"):
        for descending in (False, True):
            want = _old_order(key, descending)
            assert client_list.find_ids(Filters(), Sort(key, descending)) == want, (key, descending)
            assert client_list.first_page(Filters(), Sort(key, descending), 10).ids == want[:10]
    rows = client_list.rows(_stored())
    assert {i: (r.last_followup, r.next_followup) for i, r in rows.items()} == _aggregates()


def _plan(module, sort: Sort) -> str:
    query = module.build_query(Filters(), sort)
    page_query = query.select(*[node for node, _ in paging.orderings(query)]).limit(paging.PAGE)
    sql, params = page_query.sql()
    return " ".join(str(r[-1]) for r in current_database().execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize(("module", "key"), [
    (client_list, "last_followup"), (client_list, "next_followup"),
    (complaint_list, "qty"), (complaint_list, "disposition"), (complaint_list, "cost"), (complaint_list, "credit"),
])
def test_the_first_page_walks_an_index(sqlite_db, module, key):
    """No sort of every client or complaint for the first page, either way."""
    for descending in (False, True):
        plan = _plan(module, Sort(key, descending))
        assert "TEMP B-TREE" not in plan.upper(), plan
        assert "INDEX" in plan.upper(), plan


def _old_search(text: str, sort: Sort) -> list[int]:
    """The client list's search as it was: the search index's ids, or the country."""
    from gendan_desktop.core.search import matching_ids

    query = Client.select(Client.id).where((Client.archived == False)  # noqa: E712
                                           & (Client.id.in_(matching_ids("client", text))
                                              | Client.country.contains(text)))
    return [i for (i,) in ordered(query, Client.id, client_list._sort_fields(sort.key), sort).tuples()]


@pytest.mark.parametrize("dense", [1, 1000], ids=["every-text-dense", "rare-texts-as-id-sets"])
def test_the_search_finds_what_it_found_before(db, monkeypatch, dense):
    """Short text tested row by row, rare text as a set of ids, common text
    while walking: the same clients in the same order as before, whatever the
    sort; countries match too."""
    from gendan_desktop.core import search
    from gendan_desktop.demo import fill_demo

    monkeypatch.setattr(search, "DENSE_MATCHES", dense)
    fill_demo(clients=60, orders=30, seed=3)
    Client.update(country="Moldova").where(Client.id.in_(Client.select(Client.id).limit(3))).execute()
    Client.update(name_en="50%_off Ltd").where(Client.id.in_(Client.select(Client.id).order_by(
        Client.id.desc()).limit(2))).execute()
    texts = ["z", "zs", "华美", "有限", "Mold", "mold", "ldova", "Co.", "C00", "50%", "%_", "0%_o", "no such text"]
    for text in texts:
        for sort in (Sort("code"), Sort("name", True), Sort("country"), Sort("last_followup", True)):
            want = _old_search(text, sort)
            assert client_list.find_ids(Filters(text=text), sort) == want, (text, sort)
            assert client_list.first_page(Filters(text=text), sort, 5).ids == want[:5], (text, sort)
    assert client_list.find_ids(Filters(text="Mold"), Sort("code"))  # the country alone


def test_a_search_reads_only_its_matches_or_walks_the_sort(sqlite_db):
    """A rare text is looked up (trigram index, country index), never tested on
    every client; a short one is tested while walking the sort order, which
    stops after the page (before: every client was read for either)."""
    clients.create_client(name="宁波远航服装", code="A1", country="Moldova")

    def plan(text: str) -> str:
        query = client_list.build_query(Filters(text=text), Sort("code"))
        sql, params = query.limit(paging.PAGE).sql()
        return " | ".join(str(r[-1]) for r in current_database().execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))

    rare = plan("远航服")
    assert "MULTI-INDEX OR" in rare and "SCAN t1" not in rare, rare
    short = plan("远航")
    assert short == "SCAN t1 USING INDEX client_code", short


@pytest.mark.parametrize("key", ["client", "order"])
def test_the_first_after_sales_page_by_client_or_order_walks_their_index(sqlite_db, key):
    """Unfiltered, the page walks the clients (orders) in order and stops; the
    complaints are never all sorted (only those of one client, for the id)."""
    for descending in (False, True):
        query = complaint_list.page_query(Filters(), Sort(key, descending))
        sql, params = query.select(*[n for n, _ in paging.orderings(query)]).limit(paging.PAGE).sql()
        plan = " | ".join(str(r[-1]) for r in current_database().execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        assert plan.startswith("SCAN t1 USING COVERING INDEX client_pinyin" if key == "client"
                               else "SCAN t1 USING COVERING INDEX order_number"), plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
        _page, n = selects(sqlite_db, lambda d=descending: complaint_list.first_page(Filters(), Sort(key, d), 5))
        assert n == 1  # the page alone, not the walk read whole first


def test_the_filters_find_what_they_found_before(db):
    """下次跟进 up to a date is read from the kept column (any open reminder by then
    ⇔ the earliest is); a range from a date still asks every reminder; grade and
    source are tested while walking the sort: the same clients as before."""
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=50, orders=30, seed=5)
    c = Client.select(Client.id).order_by(Client.id).first().id
    # an overdue reminder and one next week: found by "next 7 days", though its earliest is overdue
    followups.log_followup(c, D(2026, 1, 1), "email", "报价", next_date=D(2026, 1, 5))
    FollowUp.create(client=c, date=D(2025, 12, 1), channel="email", content="旧", next_date=D(2026, 1, 2))

    def old(lo, hi) -> list[int]:
        sub = FollowUp.select(FollowUp.client).where(
            (FollowUp.next_done == False) & FollowUp.next_date.is_null(False))  # noqa: E712
        sub = sub.where(FollowUp.next_date >= lo) if lo is not None else sub
        sub = sub.where(FollowUp.next_date <= hi) if hi is not None else sub
        query = Client.select(Client.id).where((Client.archived == False) & Client.id.in_(sub))  # noqa: E712
        return [i for (i,) in query.order_by(Client.code, Client.id).tuples()]

    ranges = [(None, D(2026, 1, 3)), (None, D(2026, 1, 1)), (D(2026, 1, 4), D(2026, 1, 10)), (D(2026, 1, 2), None),
              (None, None), (None, D(2030, 1, 1)), (D(2020, 1, 1), D(2020, 1, 1))]
    for lo, hi in ranges:
        got = client_list.find_ids(Filters(values={"next_followup": (lo, hi)}), Sort("code"))
        assert got == old(lo, hi), (lo, hi)
    assert c in client_list.find_ids(Filters(values={"next_followup": (D(2026, 1, 4), D(2026, 1, 10))}))
    for key, value in (("grade", "key"), ("source", "website"), ("source", "no such source")):
        want = [i for (i,) in Client.select(Client.id).where(
            (Client.archived == False) & (getattr(Client, key) == value))  # noqa: E712
            .order_by(Client.country, Client.id).tuples()]
        assert client_list.find_ids(Filters(values={key: value}), Sort("country")) == want
