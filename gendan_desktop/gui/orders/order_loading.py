"""What the order editor shows of an order, read in one go off the GUI thread
(the editor's ``load`` runs ``read_order`` as a background op)."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple


class LoadedOrder(NamedTuple):
    order: Any  # core.models.Order
    lines: list[Any]  # core.orders.order_lines
    client_label: str | None  # as the client field shows it
    samples: list[tuple[int, str]]  # the sample field's choices: (id, summary)


def sample_choices(client_id: int | None, current: int | None) -> list[tuple[int, str]]:
    """The client's approved samples (and ``current``, whatever its state) with their summaries."""
    from ...core.samples import approved_samples_for_client, sample_summary

    ids = [s.id for s in approved_samples_for_client(client_id)] if client_id else []
    if current is not None and current not in ids:
        ids.insert(0, current)
    return [(sid, sample_summary(sid)) for sid in ids]


def read_order(order_id: int) -> LoadedOrder | None:
    """The order, its lines, its client's label and sample choices; None when it is gone."""
    from ...core import pickers
    from ...core.errors import NotFound
    from ...core.orders import get_order, order_lines

    try:
        order = get_order(order_id)
    except NotFound:
        return None
    found = pickers.client_by_id(order.client_id)
    return LoadedOrder(order, order_lines(order.id), found[1] if found else None,
                       sample_choices(order.client_id, order.sample_id))


def new_order_defaults(client_id: int | None) -> dict:
    """The header of a new order: the client's currency and payment terms when one is chosen."""
    defaults = {"client_po": "", "order_type": "normal", "order_date": dt.date.today(), "delivery_date": None,
                "channel": "email", "currency": "USD", "trade_terms": "FOB", "deposit_pct": 30,
                "payment_terms": "", "product_category": "", "merchandiser": "", "client_requirements": "",
                "packing": "", "shipping_marks": "", "notes": ""}
    if client_id:
        from ...core.lists.client_tables import client

        c = client(client_id)
        if c is not None:
            defaults.update(currency=c.default_currency or "USD", payment_terms=c.payment_terms)
    return defaults
