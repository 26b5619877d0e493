"""The tables of one client's detail (客户档案 right side): the client itself, its
contacts, quotations and orders, in the order the pages show them.

Follow-ups, visits, dispatches, samples and balances come from their own services
(core.followups, core.samples, core.receivables).
"""

from __future__ import annotations

from ..models import Client, Contact, Order, Quotation


def client(client_id: int | None) -> Client | None:
    """The client, or None (no id, or deleted since it was listed)."""
    if not client_id:
        return None
    found: Client | None = Client.get_or_none(Client.id == client_id)
    return found


def active_clients() -> list[tuple[int, str, str, str]]:
    """(id, code, name, pinyin) of every client not archived, in pinyin order (pickers of clients)."""
    return [(int(i), c, n, p or "") for i, c, n, p in
            Client.select(Client.id, Client.code, Client.name, Client.pinyin)
            .where(Client.archived == False).order_by(Client.pinyin, Client.id).tuples()]  # noqa: E712


def contacts(client_id: int | None) -> list[Contact]:
    """The primary contact first, then in the order they were added."""
    return list(Contact.select().where(Contact.client == client_id).order_by(Contact.is_primary.desc(), Contact.id))


def contact_names(client_id: int | None) -> dict[int, str]:
    return {int(i): str(n) for i, n in
            Contact.select(Contact.id, Contact.name).where(Contact.client == client_id).tuples()}


def quotations(client_id: int) -> list[Quotation]:
    """Newest first (the later one first on the same day)."""
    return list(Quotation.select().where(Quotation.client == client_id)
                .order_by(Quotation.date.desc(), Quotation.id.desc()))


def orders(client_id: int) -> list[Order]:
    """Newest first."""
    return list(Order.select().where(Order.client == client_id).order_by(Order.order_date.desc(), Order.id.desc()))
