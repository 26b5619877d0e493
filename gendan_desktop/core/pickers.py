"""What the typeable client / order pickers of the window offer.

``client_choices("zs")`` → ``[(id, "张三贸易 (C0012)"), …]``: clients whose
name, code, English name or pinyin (initials or full) match, by pinyin. With
no text, the clients with the most orders, also by pinyin (a list to scroll
in alphabetical order, not in order of activity). ``order_choices`` does the
same for orders: number, client PO, or the client's name / pinyin.
"""

from __future__ import annotations

from peewee import fn

from .models import Client, Order
from .search import matching_id_list


def client_label(code: str, name: str) -> str:
    return f"{name} ({code})" if code else name


def order_label(number: str, client: str, po: str = "") -> str:
    return f"{number} · {client}" + (f" · PO {po}" if po else "")


def client_choices(text: str = "", limit: int = 30, *, with_orders: bool = False) -> list[tuple[int, str]]:
    """(id, label) of live clients matching ``text``, sorted by pinyin. With no
    text: the clients with the most orders (topped up with others unless
    ``with_orders``, for a filter of the order lists)."""
    text = (text or "").strip()
    live = Client.archived == False  # noqa: E712
    if text:
        ids = matching_id_list("client", text, limit=limit * 4)
        if not ids:
            return []
        cond = live & Client.id.in_(ids)
        if with_orders:
            cond &= fn.EXISTS(Order.select(Order.id).where(Order.client == Client.id))
    else:
        busiest = [cid for (cid,) in Order.select(Order.client).group_by(Order.client)
                   .order_by(fn.COUNT(Order.id).desc()).limit(limit).tuples()]
        cond = live & Client.id.in_(busiest or [0])
        if not with_orders and len(busiest) < limit:
            cond = live if not busiest else (cond | (live & Client.id.not_in(busiest)))
    q = (Client.select(Client.id, Client.code, Client.name, Client.pinyin).where(cond)
         .order_by(Client.pinyin, Client.id).limit(limit * 4 if text else limit))
    rows = list(q.tuples())
    if text:  # "gz": 广州… (initials) before 常州… (whose full pinyin chan-gz-hou holds it)
        t = text.lower()
        rows.sort(key=lambda r: (not (r[3] or "").startswith(t), not r[2].lower().startswith(t),
                                 not r[1].lower().startswith(t), r[3] or "", r[0]))
    return [(cid, client_label(code, name)) for cid, code, name, _p in rows[:limit]]


def client_by_id(client_id: int) -> tuple[int, str] | None:
    row = Client.select(Client.id, Client.code, Client.name).where(Client.id == client_id).tuples().first()
    return (row[0], client_label(row[1], row[2])) if row else None


def order_choices(text: str, limit: int = 30) -> list[tuple[int, str]]:
    """(id, label) of orders whose number or PO matches ``text``, or whose client
    does (name, code, pinyin); exact and prefix number matches first, then newest."""
    text = (text or "").strip()
    if not text:
        return []
    ids = set(matching_id_list("order", text, limit=limit * 4))
    clients = matching_id_list("client", text, limit=50)
    q = (Order.select(Order.id, Order.number, Client.name, Order.client_po)
         .join(Client, on=(Order.client == Client.id)))
    up = text.upper()
    prefix = (Order.number >= up) & (Order.number < up + "\U0010ffff")
    cond = prefix
    if ids:
        cond |= Order.id.in_(list(ids))
    if clients:
        cond |= Order.client.in_(clients)
    rows = list(q.where(cond).order_by(Order.order_date.desc(), Order.id.desc()).limit(limit * 4).tuples())
    rows.sort(key=lambda r: (r[1] != up, not r[1].startswith(up)))  # stable: newest first within each group
    return [(oid, order_label(number, name, po)) for oid, number, name, po in rows[:limit]]


def order_by_id(order_id: int) -> tuple[int, str] | None:
    row = (Order.select(Order.id, Order.number, Client.name, Order.client_po)
           .join(Client, on=(Order.client == Client.id)).where(Order.id == order_id).tuples().first())
    return (row[0], order_label(row[1], row[2], row[3])) if row else None


def order_by_number(number: str) -> int | None:
    """The order whose number is ``number`` (any case), or None."""
    row = Order.select(Order.id).where(Order.number == (number or "").strip().upper()).tuples().first()
    return row[0] if row else None
