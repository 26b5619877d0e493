"""Small reads about clients: the client itself, its contacts and quotations in the
order the detail pages show them, and the clients a picker offers. The whole
detail is read in one go by core.lists.client_detail; its orders there.
"""

from __future__ import annotations

from ..models import Client, Contact, Quotation


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


def quotations(client_id: int) -> list[Quotation]:
    """Newest first (the later one first on the same day)."""
    return list(Quotation.select().where(Quotation.client == client_id)
                .order_by(Quotation.date.desc(), Quotation.id.desc()))
