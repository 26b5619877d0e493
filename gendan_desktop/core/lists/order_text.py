"""The quick filter of the order lists (订单, 生产跟踪): order number or client
PO, or the client's name, code or pinyin (and, in 生产跟踪, a flow card number)."""

from __future__ import annotations

from peewee import OP, SQL, Expression

from ..compiled_sql import fetch
from ..connection import current_database, is_sqlite
from ..models import Client, Expr, FlowCard, Order, Query
from ..search import like_escape, matching_ids
from . import scan_only

BEYOND = "\U0010ffff"  # after every character: [v, v + BEYOND) holds the texts that start with v
MANY = 2000  # orders matching: from here they are tested in the index walked, not found and sorted


def order_text_condition(text: str, cards: bool = False) -> tuple[Expr | None, bool]:
    """The condition for ``text``: order number or client PO (from the start;
    anywhere once three characters are typed), or the client's name, code or
    pinyin (core.search); with ``cards``, also the orders of the flow cards
    whose number matches. Returns (condition, few): condition None when every
    order matches; ``few`` when the list should be sorted after finding the
    matches by their indexes.

    On SQLite, when many orders match, the number and PO are tested as prefix
    ranges inside the covering list index being walked, so a text that matches
    nearly every order never becomes a 100,000-id list to sort.
    """
    t = text.strip()
    if not is_sqlite():
        return _pg_condition(t, cards)
    variants = list(dict.fromkeys((t, t.upper())))
    # A prefix of every order number (all start "SO") filters nothing: two
    # index seeks find no number outside its range, and the list stays unfiltered.
    for v in variants:
        if not fetch("orders.text.outside", _outside, v, v + BEYOND):
            return None, False
    # Few matches: let SQLite find them by their indexes and sort them (a few
    # ms). Many: test each order inside the covering index walked in sort order.
    walk = _matches_many(t, variants)
    cond = None
    for column in (Order.number, Order.client_po):
        col = scan_only(column) if walk else column
        for v in variants:
            term = (col >= v) & (col < v + BEYOND)
            cond = term if cond is None else (cond | term)
    if len(t) >= 3:  # any part of the number or PO (FTS trigram; shorter text: prefix only, as core.search)
        cond = cond | Order.id.in_(matching_ids("order", t))
    client = scan_only(Order.client) if walk else Order.client
    cond = cond | client.in_(matching_ids("client", t))
    return (cond | Order.id.in_(_card_orders(t))) if cards else cond, not walk


def _card_orders(text: str) -> Expr:
    return FlowCard.select(FlowCard.order).where(FlowCard.id.in_(matching_ids("flow_card", text)))


def _matches_many(text: str, variants: list[str]) -> bool:
    """Whether the number/PO prefix or the client names match many orders
    (bounded look-ups of well under a millisecond, plus one client search)."""
    for name, column in (("number", Order.number), ("client_po", Order.client_po)):
        for v in variants:
            if fetch("orders.text.many." + name, lambda lo, hi, skip, c=column: Order.select(SQL("1")).where(
                    (c >= lo) & (c < hi)).limit(1).offset(skip), v, v + BEYOND, MANY):
                return True
    return bool(Client.select(SQL("1")).where(Client.id.in_(matching_ids("client", text)))
                .limit(1).offset(MANY // 5).scalar())


# ------------------------------------------------------------ PostgreSQL --
def _pg_condition(text: str, cards: bool) -> tuple[Expr | None, bool]:
    """PostgreSQL: the same matches (core.search: a number or PO shorter than a
    trigram from its start), in the shape its planner runs best. Few matches:
    one ``id IN (… UNION ALL …)`` of the sources, each found by its index
    (pattern, trigram, client), which the planner joins and sorts. Many: each
    order tested as the sort index is walked, ending at the page's last row
    (a hashed union would first read every match: 1,000,000 for "SO")."""
    variants = list(dict.fromkeys((text, text.upper())))
    own = _pg_number_or_po(text, variants)
    every, walk = _pg_probe(text, variants, own)
    if every:
        return None, False
    clients = Order.client.in_(matching_ids("client", text))
    if walk:
        cond = own | clients
        return (cond | Order.id.in_(_card_orders(text))) if cards else cond, False
    sources = Order.select(Order.id).where(own) + Order.select(Order.id).where(clients)
    if cards:
        sources = sources + _card_orders(text)
    return Order.id.in_(sources), True


def _pg_probe(text: str, variants: list[str], own: Expr) -> tuple[bool, bool]:
    """(every order number starts with the text, many orders match), in one round trip.

    Every: for a variant, no number sorts before it nor after its range
    ("SO"): the list stays unfiltered, as on SQLite. Two seeks each in the
    pattern index (byte order: ~<~, ~>=~); one subquery with both terms OR-ed
    would walk the whole index instead. Many: bounded look-ups, as on SQLite.
    """
    probes = [Order.select(SQL("1")).where(Expression(Order.number, op, bound)).limit(1)
              for v in variants for op, bound in (("~<~", v), ("~>=~", v + BEYOND))]
    probes += [Order.select(SQL("1")).where(own).limit(1).offset(MANY),
               Client.select(SQL("1")).where(Client.id.in_(matching_ids("client", text))).limit(1).offset(MANY // 5)]
    parts = [q.sql() for q in probes]
    sql = "SELECT " + ", ".join(f"EXISTS({part_sql})" for part_sql, _p in parts)
    found = current_database().execute_sql(sql, [p for _s, params in parts for p in params]).fetchone()
    every = any(not (found[2 * i] or found[2 * i + 1]) for i in range(len(variants)))
    return every, bool(found[-2] or found[-1])


def _pg_number_or_po(text: str, variants: list[str]) -> Expr:
    """Number or PO: from the start below three characters (pattern indexes),
    anywhere from three (ILIKE, pg_trgm's GIN indexes)."""
    terms = []
    for column in (Order.number, Order.client_po):
        if len(text) < 3:
            terms += [Expression(column, OP.LIKE, like_escape(v) + "%") for v in variants]
        else:
            terms.append(Expression(column, OP.ILIKE, f"%{like_escape(text)}%"))
    cond = terms[0]
    for term in terms[1:]:
        cond = cond | term
    return cond


def _outside(lo: str, hi: str) -> Query:
    """One order whose number is not in [lo, hi)."""
    return Order.select(SQL("1")).where((Order.number < lo) | (Order.number >= hi)).limit(1)
