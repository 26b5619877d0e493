"""The quick filter of the order lists (订单, 生产跟踪): order number or client
PO, or the client's name, code or pinyin."""

from __future__ import annotations

from peewee import SQL

from ..connection import is_sqlite
from ..models import Client, Expr, Order
from ..search import matching_ids
from . import scan_only


def order_text_condition(text: str) -> tuple[Expr | None, bool]:
    """The condition for ``text``: order number or client PO (from the start;
    anywhere once three characters are typed), or the client's name, code or
    pinyin (core.search). Returns (condition, few): condition None when every
    order matches; ``few`` when the list should be sorted after finding the
    matches by their indexes.

    On SQLite, when many orders match, the number and PO are tested as prefix
    ranges inside the covering list index being walked, so a text that matches
    nearly every order never becomes a 100,000-id list to sort.
    """
    t = text.strip()
    if not is_sqlite():
        return Order.id.in_(matching_ids("order", t)) | Order.client.in_(matching_ids("client", t)), False
    variants = list(dict.fromkeys((t, t.upper())))
    # A prefix of every order number (all start "SO") filters nothing: two
    # index seeks find no number outside its range, and the list stays unfiltered.
    for v in variants:
        if not Order.select(Order.id).where((Order.number < v) | (Order.number >= v + "\U0010ffff")).exists():
            return None, False
    # Few matches: let SQLite find them by their indexes and sort them (a few
    # ms). Many: test each order inside the covering index walked in sort order.
    walk = _matches_many(t, variants)
    cond = None
    for column in (Order.number, Order.client_po):
        col = scan_only(column) if walk else column
        for v in variants:
            term = (col >= v) & (col < v + "\U0010ffff")
            cond = term if cond is None else (cond | term)
    if len(t) >= 3:  # any part of the number or PO (FTS trigram; shorter text: prefix only, as core.search)
        cond = cond | Order.id.in_(matching_ids("order", t))
    client = scan_only(Order.client) if walk else Order.client
    return cond | client.in_(matching_ids("client", t)), not walk


def _matches_many(text: str, variants: list[str], many: int = 2000) -> bool:
    """Whether the number/PO prefix or the client names match many orders
    (bounded look-ups of well under a millisecond, plus one client search)."""
    for column in (Order.number, Order.client_po):
        for v in variants:
            q = Order.select(SQL("1")).where((column >= v) & (column < v + "\U0010ffff"))
            if q.limit(1).offset(many).scalar():
                return True
    return bool(Client.select(SQL("1")).where(Client.id.in_(matching_ids("client", text)))
                .limit(1).offset(many // 5).scalar())
