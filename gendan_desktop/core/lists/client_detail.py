"""Everything the detail side of 客户档案 shows for one client, read in one go.

The window reads it in a worker (gui/clients/client_detail.py) and fills its
pages on the GUI thread: a client with years of orders, quotations and
follow-ups must not freeze the window while the list cursor moves over it.
Each page is one query (quotations' orders too), so the cost follows the
client's own records, never the size of the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..models import Client, Contact, Dispatch, FollowUp, Order, Quotation, Sample, Visit


@dataclass(frozen=True)
class ClientDetailData:
    client: Client
    summary: Any  # core.clients.ClientSummary
    contacts: list[Contact]
    contact_names: dict[int, str]
    followups: list[FollowUp]
    visits: list[Visit]
    dispatches: list[Dispatch]
    samples: list[Sample]
    sample_orders: dict[int, list[tuple[int, str]]]  # sample id → [(order id, number)]
    quotations: list[Quotation]
    quotation_orders: dict[int, list[str]]  # quotation id → numbers of the orders made from it
    orders: list[tuple[int, str, str, dt.date | None, dt.date | None, str, str]]
    balance: Any  # ClientBalance


@dataclass(frozen=True)
class ClientBalance:
    """The 余额 page: receivables per currency and their total in the home currency."""

    home: str
    rows: list[Any]  # core.receivables.Receivable
    converted: Any  # core.exchange_rates.HomeTotal


def read_client_detail(client_id: int | None) -> ClientDetailData | None:
    """The client's detail, or None (no id, or deleted since it was listed)."""
    from ..clients import get_client_summary
    from ..followups import dispatches_for_client, followups_for_client, visits_for_client
    from ..samples import orders_for_samples, samples_for_client
    from .client_tables import client, contacts, quotations

    found = client(client_id)
    if found is None:
        return None
    cid = found.id
    people = contacts(cid)
    samples = samples_for_client(cid)
    quotes = quotations(cid)
    return ClientDetailData(
        client=found, summary=get_client_summary(cid), contacts=people,
        contact_names={int(c.id): c.name for c in people}, followups=followups_for_client(cid),
        visits=visits_for_client(cid), dispatches=dispatches_for_client(cid), samples=samples,
        sample_orders=orders_for_samples([s.id for s in samples]), quotations=quotes,
        quotation_orders=_quotation_orders([q.id for q in quotes if q.status == "ordered"]),
        orders=client_orders(cid), balance=read_balance(cid))


def client_orders(client_id: int) -> list[tuple[int, str, str, dt.date | None, dt.date | None, str, str]]:
    """(id, number, client PO, order date, delivery date, status, currency), newest first."""
    return list(Order.select(Order.id, Order.number, Order.client_po, Order.order_date, Order.delivery_date,
                             Order.status, Order.currency)
                .where(Order.client == client_id).order_by(Order.order_date.desc(), Order.id.desc()).tuples())


def _quotation_orders(quotation_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if quotation_ids:
        for qid, number in (Order.select(Order.quotation, Order.number).where(Order.quotation.in_(quotation_ids))
                            .order_by(Order.id).tuples()):
            out.setdefault(qid, []).append(number)
    return out


def read_balance(client_id: int | None) -> ClientBalance:
    from ..exchange_rates import get_rates, home_currency, in_home
    from ..receivables import receivables

    rows = receivables(client_id) if client_id else []
    converted = in_home({r.currency: r.balance for r in rows} if rows else {}, get_rates())
    return ClientBalance(home=home_currency(), rows=rows, converted=converted)

