"""定金: deposits a client still owes on confirmed orders.

An order's deposit is ``deposit_pct`` % of its ordered amount (Σ lines'
quantity × unit price, rounded to the cent, half up), in the order's currency.
It falls due when the order is confirmed (``confirmed_at``; the order date for
orders confirmed before that was recorded): production should not start before
it is in. What the client has paid against the order (payments that name it,
of any kind, with refunds and transfers) counts towards it; money paid on
account without naming the order does not, as nothing says which order it is for.

Only orders confirmed or in production are read: once goods ship, the deposit
is part of the money applied to the shipments oldest first
(core/receivables.overdue_receivables), so it is not asked for twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .compiled_sql import as_date
from .db import current_database
from .fields import MONEY_PLACES

DEPOSIT_STATUSES = ("confirmed", "in_production")
_MONEY_SCALE = Decimal(10_000)  # MoneyField keeps 1/10000 units
_RATE_SCALE = Decimal(1_000_000)  # RateField keeps 1/1000000


@dataclass(frozen=True)
class DepositDue:
    order_id: int
    order_number: str
    client_id: int
    client_name: str
    merchandiser: str  # the order's
    currency: str
    pct: Decimal
    deposit: Decimal  # what the deposit is
    received: Decimal  # paid against the order so far
    due_date: dt.date  # the day the order was confirmed

    @property
    def outstanding(self) -> Decimal:
        return self.deposit - self.received


def deposits_due(until: dt.date, since: dt.date | None = None, limit: int | None = None) -> list[DepositDue]:
    """Deposits not (fully) received on orders confirmed by ``until`` (and from ``since``): the oldest due first.

    One query over the orders confirmed or in production with a deposit
    percentage; the amounts are summed per order by its own index (lines,
    payments). ``limit`` reads only the first ones (the workbench shows a few).
    The test in SQL is a coarse one in floating point (half a cent of slack);
    the exact amounts are worked out here in Decimal.
    """
    db = current_database()
    p = db.param
    marks = ", ".join([p] * len(DEPOSIT_STATUSES))
    due = "COALESCE(o.confirmed_at, o.order_date)"
    sql = f"""
SELECT * FROM (
  SELECT o.id, o.number, o.client_id, c.name, o.merchandiser, o.currency, o.deposit_pct, {due} AS due,
         COALESCE((SELECT SUM(l.quantity * l.unit_price) FROM order_line l WHERE l.order_id = o.id), 0) AS ordered,
         COALESCE((SELECT SUM(pm.amount) FROM payment pm WHERE pm.order_id = o.id), 0) AS paid
  FROM "order" o JOIN client c ON c.id = o.client_id
  WHERE o.status IN ({marks}) AND o.deposit_pct > 0 AND {due} < {p}{f" AND {due} >= {p}" if since else ""}
) x
WHERE x.ordered * (x.deposit_pct / 100000000.0) - x.paid > 50
ORDER BY x.due, x.id"""
    params: list[Any] = [*DEPOSIT_STATUSES, (until + dt.timedelta(days=1)).isoformat()]
    if since:
        params.append(since.isoformat())
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    out = []
    for oid, number, cid, name, who, cur, pct_raw, day, ordered, paid in db.execute_sql(sql, params).fetchall():
        pct = Decimal(int(pct_raw)) / _RATE_SCALE
        ordered_amount = Decimal(int(ordered)) / _MONEY_SCALE
        deposit = (ordered_amount * pct / 100).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)
        received = Decimal(int(paid)) / _MONEY_SCALE
        if deposit - received <= 0:
            continue
        out.append(DepositDue(oid, number, cid, name, who or "", cur or "", pct, deposit,
                              received.quantize(MONEY_PLACES), as_date(day)))
    return out
