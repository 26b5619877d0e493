"""Demo data of a Chinese garment and textile factory, in every state.

``fill_demo(clients, orders, seed)`` fills an empty database: clients (Chinese
and foreign, every source, key and ordinary, contacts, tags), follow-ups with
reminders due today and overdue, visits, dispatches, quotations and PIs (some
about to expire), samples in each state, orders in every status and type,
revisions with recalled paper (some not yet returned), cancellations,
production sheets, flow cards with progress, materials and late purchases,
production exceptions, factories, shipments, payments, complaints with
credits and a remake. The same seed on the same day gives the same data; dates
are relative to today so the workbench always has something to show.

Rows are written under the ORM (demo/bulk.py): 10,000 clients and
100,000 orders (some 2.6 million rows) took 29 s here, 11 s of it in SQLite.
The search index is filled once at the end instead of by its triggers row by
row.
"""

from __future__ import annotations

from .fill import fill_demo

__all__ = ["fill_demo"]
