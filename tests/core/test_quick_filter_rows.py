"""The quick filter of the order and production lists finds the same orders on
SQLite and PostgreSQL, whichever shape the query takes (few matches found by
their indexes and sorted; many tested while the sort index is walked).

What it finds (core.search): the order number or client PO from its start below
three characters (as typed or upper case), anywhere from three; the client's
name, English name, code, pinyin or e-mail anywhere; in 生产跟踪 also the orders
of a flow card whose number matches as the order number does; a prefix of every
order number filters nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from builders import make_stored_order as make_order

from gendan_desktop.core.clients import create_client
from gendan_desktop.core.lists import order_text, orders, production
from gendan_desktop.core.lists.spec import Filters, Sort
from gendan_desktop.core.models import Client, FlowCard, Order

DAY = dt.date(2026, 3, 2)
TEXTS = ("SO", "so", "hm", "HM", "FC", "fc", "PO", "xhm", "XHM-7", "0002", "华美", "moda", "Moda", "C0", "T0",
         "FC-", "%", "_", "50%", "A_", "a_b")


@pytest.fixture
def made(db):
    """Orders of three clients with POs and flow card numbers that match some
    texts only from their start and others only inside."""
    huamei = create_client(name="华美服饰")  # pinyin "hmfs …": "hm" finds it anywhere
    baltic = create_client(name="Baltic Moda", name_en="Baltic Moda AB")
    plain = create_client(name="Nordic Wear")
    out = []
    for i, (client, po) in enumerate(((huamei, ""), (baltic, "XHM-7"), (plain, "HM-100"), (plain, "po-9"),
                                      (baltic, "FC-55"), (plain, "50% off"), (plain, "A_B"))):
        out.append(make_order(client, order_date=DAY + dt.timedelta(days=i % 3), client_po=po or f"PX-{i}",
                              finished=False))
    FlowCard.create(number="FC-0001", order=out[2], quantity=10)
    FlowCard.create(number="LC-FC77", order=out[3], quantity=10)
    return out


def _expected(text: str, cards: bool) -> set[int]:
    """The orders ``text`` finds, by the rules above, computed in Python."""
    short = len(text) < 3

    def number_like(value: str) -> bool:
        return value.startswith((text, text.upper())) if short else text.lower() in value.lower()

    found = set()
    for o in Order.select():
        c = Client.get_by_id(o.client_id)
        if (number_like(o.number) or number_like(o.client_po)
                or any(text.lower() in (v or "").lower() for v in (c.name, c.name_en, c.code, c.pinyin, c.email))):
            found.add(o.id)
    if cards:
        found |= {f.order_id for f in FlowCard.select() if number_like(f.number)}
    if all(o.number.startswith(text) or o.number.startswith(text.upper()) for o in Order.select()):
        return {o.id for o in Order.select()}  # a prefix of every number: unfiltered
    return found


def _in_display_order(ids: set[int], key: str, descending: bool) -> list[int]:
    rows = {o.id: o for o in Order.select().where(Order.id.in_(list(ids)))} if ids else {}
    return sorted(ids, key=lambda i: (getattr(rows[i], key), i), reverse=descending)


@pytest.mark.parametrize("many", [2000, 1], ids=["few: found and sorted", "many: tested in the walk"])
def test_order_list_text_finds_the_same_orders_on_both_databases(made, monkeypatch, many):
    monkeypatch.setattr(order_text, "MANY", many)
    for text in TEXTS:
        expected = _expected(text, cards=False)
        got = orders.find_ids(orders.OrderFilters(text=text), orders.Sort("order_date", descending=True))
        assert got == _in_display_order(expected, "order_date", True), text
        first = orders.first_page(orders.OrderFilters(text=text), orders.Sort("number", descending=False), 3)
        assert first.ids == _in_display_order(expected, "number", False)[:3], text


@pytest.mark.parametrize("many", [2000, 1], ids=["few: found and sorted", "many: tested in the walk"])
def test_production_text_also_finds_orders_by_their_flow_cards(made, monkeypatch, many):
    monkeypatch.setattr(order_text, "MANY", many)
    by_delivery = Sort("delivery_date")
    for text in TEXTS:
        expected = _expected(text, cards=True)
        assert production.find_ids(Filters(text=text), by_delivery) == _in_display_order(
            expected, "delivery_date", False), text
    # a card number found only inside ("LC-FC77") from three characters on
    assert made[3].id in production.find_ids(Filters(text="FC7"), by_delivery)
    assert made[3].id not in production.find_ids(Filters(text="FC"), by_delivery)
    # the PO "FC-55" (delivered first) and the card "FC-0001"
    assert production.find_ids(Filters(text="FC"), by_delivery) == [made[4].id, made[2].id]


def test_short_text_matches_numbers_from_their_start(made):
    """Two characters: "hm" finds the 华美 orders (pinyin) and the PO that starts
    "HM", not the PO "XHM-7" that holds it inside; "xhm" does."""
    hm = set(orders.find_ids(orders.OrderFilters(text="hm")))
    assert made[2].id in hm and made[1].id not in hm and made[0].id in hm
    assert made[1].id in orders.find_ids(orders.OrderFilters(text="xhm"))
    every = orders.find_ids(orders.OrderFilters(text="SO"))
    assert set(every) == {o.id for o in made}
