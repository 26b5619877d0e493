"""Global search and the list quick filter, on SQLite (FTS5 trigram) and PostgreSQL (ILIKE)."""

from __future__ import annotations

import datetime as dt

from gendan_desktop.core import search
from gendan_desktop.core.models import Client, FlowCard, Order
from gendan_desktop.core.pinyin import pinyin_key


def _client(code, name, email=""):
    return Client.create(code=code, name=name, pinyin=pinyin_key(name), email=email)


def _order(number, client, po=""):
    today = dt.date(2026, 11, 2)
    return Order.create(number=number, client=client, client_po=po, order_date=today, delivery_date=today)


def _found(text, kind=None):
    return [(k, i) for k, i, _ in search.search(text) if kind in (None, k)]


def test_search_finds_clients_orders_and_cards(db):
    zhang = _client("C0001", "张三服装有限公司", "buyer@zhangsan.cn")
    nordic = _client("C0002", "Nordic Apparel AB", "anna@nordic.se")
    _client("C0003", "李四纺织")
    order = _order("SO2611-0001", zhang, po="PO-778899")
    other = _order("SO2611-0002", nordic)
    card = FlowCard.create(number="LC2611-0042", order=order, quantity=100)

    assert _found("张三") == [("client", zhang.id)]           # two characters
    assert _found("三服装") == [("client", zhang.id)]          # inside the name
    assert _found("zs", "client") == [("client", zhang.id)]   # pinyin initials
    assert _found("zhangsan") == [("client", zhang.id)]       # full pinyin
    assert _found("nordic.se") == [("client", nordic.id)]     # e-mail
    assert _found("NORDIC APP") == [("client", nordic.id)]    # case does not matter
    assert _found("C0002") == [("client", nordic.id)]
    assert _found("778899") == [("order", order.id)]          # inside the client PO
    assert _found("2611-0002") == [("order", other.id)]       # inside the order number
    assert _found("SO") == [("order", order.id), ("order", other.id)]  # short text: a prefix
    assert _found("0042") == [("flow_card", card.id)]
    labels = dict(((k, i), lbl) for k, i, lbl in search.search("zhangsan"))
    assert labels[("client", zhang.id)] == "张三服装有限公司 (C0001)"
    assert search.search("LC2611-0042")[0][2] == "LC2611-0042 · SO2611-0001"
    assert search.search("") == [] and search.search("   ") == []


def test_wildcards_are_plain_text(db):
    a = _client("C0001", "100% Cotton Ltd")
    _client("C0002", "Cotton House")
    assert _found("0% C") == [("client", a.id)]
    assert _found("%") == [("client", a.id)]
    assert _found("_") == []


def test_index_follows_inserts_updates_and_deletes(db):
    c = _client("C0001", "宁波锦华服饰")
    assert _found("锦华服") == [("client", c.id)]
    Client.update(name="宁波恒达服饰", pinyin=pinyin_key("宁波恒达服饰")).where(Client.id == c.id).execute()
    assert _found("锦华服") == []
    assert _found("恒达服") == [("client", c.id)]
    o = _order("SO2611-0009", c, po="ABC-123")
    Order.update(client_po="XYZ-987").where(Order.id == o.id).execute()
    assert _found("ABC-123") == [] and _found("XYZ-987") == [("order", o.id)]
    Order.delete().where(Order.id == o.id).execute()
    assert _found("XYZ-987") == []


def test_matching_ids_filters_a_list_query(db):
    c = _client("C0001", "Pacific Outfitters LLC")
    orders = [_order(f"SO2611-{n:04d}", c, po=f"PAC-{n}") for n in range(1, 13)]
    q = Order.select(Order.id).where(Order.id.in_(search.matching_ids("order", "PAC-1"))).order_by(Order.id)
    assert [o.id for o in q] == [orders[0].id, orders[9].id, orders[10].id, orders[11].id]
    assert search.matching_ids("order", "  ") is None
    clients = Client.select().where(Client.id.in_(search.matching_ids("client", "pac")))
    assert [x.id for x in clients] == [c.id]


def test_limit_is_respected(db):
    for n in range(30):
        _client(f"C{n:04d}", f"锦华{n}号")
    assert len(search.search("锦华", limit=10)) == 10


def test_without_fts5_search_still_answers(sqlite_db):
    # an SQLite built without FTS5 / trigram: the migration leaves no index and LIKE does the work
    search.drop_triggers(sqlite_db)
    for kind in search.KINDS:
        sqlite_db.execute_sql(f"DROP TABLE {kind}_fts")
    sqlite_db._gendan_has_fts = None  # as a fresh connection would find it
    c = _client("C0001", "宁波锦华服饰", "info@jinhua.cn")
    o = _order("SO2611-0001", c, po="PO-5566")
    assert _found("锦华服") == [("client", c.id)]
    assert _found("jinhua.cn") == [("client", c.id)]
    assert _found("5566") == [("order", o.id)]
    assert search.index_problems() == []
