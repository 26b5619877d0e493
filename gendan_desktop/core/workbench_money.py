"""The workbench's money: overdue receivables and the payments expected in the
coming days, from shipments reaching their terms (core/receivables.py) and
deposits of confirmed orders not yet received (core/deposits.py).

A deposit falls due the day its order is confirmed: one confirmed today is a
payment expected today; one confirmed earlier and still not in is overdue
money, listed with the overdue receivables, where a merchandiser chases it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from .deposits import DepositDue, deposits_due
from .receivables import OverdueShipment
from .work_items import CANDIDATES, Items, WorkItem, capped, soon_points, t

if TYPE_CHECKING:
    from .workbench import Ctx


def receivables(ctx: Ctx) -> Items:
    """Overdue shipments per client and currency (one call settles them all), and
    deposits owed since before today, one item per order."""
    groups: dict[tuple[int, str], list[OverdueShipment]] = defaultdict(list)
    for r in ctx.unpaid():
        if r.due_date < ctx.today:
            groups[(r.client_id, r.currency)].append(r)
    owners = ctx.owners(k[0] for k in groups)
    out = []
    for (cid, cur), rows in groups.items():
        unpaid = sum((r.unpaid for r in rows), Decimal(0))
        days = max(r.days_overdue for r in rows)
        text = " · ".join([rows[0].client_name, f"{cur} {unpaid:,.2f}",
                           t(f"{len(rows)} 笔逾期,最久 {days} 天", f"{len(rows)} overdue, the oldest {days} days")])
        out.append(WorkItem(f"receivable:{cid}:{cur}", "receivable", cid, text, min(r.due_date for r in rows),
                            "late", 10 + min(days, 60) / 2, ctx.home(unpaid, cur), owner=owners.get(cid, "")))
    deposits = deposits_due(ctx.today - dt.timedelta(days=1), limit=CANDIDATES + 1)
    out.extend(deposit_item(ctx, d) for d in deposits[:CANDIDATES])
    return capped(out, len(deposits) > CANDIDATES)


def deposit_item(ctx: Ctx, d: DepositDue) -> WorkItem:
    """A deposit still owed on a confirmed order (it opens the order)."""
    days = (ctx.today - d.due_date).days
    owed = t(f"定金 {d.currency} {d.outstanding:,.2f} 未收({d.pct:f}%)",
             f"deposit {d.currency} {d.outstanding:,.2f} not received ({d.pct:f}%)")
    when = (t(f"确认后 {days} 天", f"{days} days since confirmed") if days > 0
            else t("今天确认,今天应收", "confirmed today, due today"))
    urgency = 10 + min(days, 60) / 2 if days > 0 else soon_points(-days, 8)
    return WorkItem(f"deposit:{d.order_id}", "order", d.order_id,
                    " · ".join([d.order_number, d.client_name, owed, when]), d.due_date,
                    "late" if days > 3 else "soon", urgency, ctx.home(d.outstanding, d.currency),
                    owner=d.merchandiser)


def payments_expected(ctx: Ctx) -> dict[dt.date, list[WorkItem]]:
    """{day: payments falling due on it}: shipments whose terms run out, per client,
    currency and day, with money still owed; deposits of orders confirmed that day."""
    groups: dict[tuple[int, str, dt.date], list[OverdueShipment]] = defaultdict(list)
    for r in ctx.unpaid():
        if r.due_date >= ctx.today:
            groups[(r.client_id, r.currency, r.due_date)].append(r)
    owners = ctx.owners(k[0] for k in groups)
    out: dict[dt.date, list[WorkItem]] = defaultdict(list)
    for (cid, cur, day), rows in groups.items():
        unpaid = sum((r.unpaid for r in rows), Decimal(0))
        text = " · ".join([rows[0].client_name, f"{cur} {unpaid:,.2f}",
                           t(f"{len(rows)} 笔出货款到期", f"{len(rows)} shipment(s) fall due")])
        out[day].append(WorkItem(f"payment:{cid}:{cur}:{day.isoformat()}", "receivable", cid, text, day, None,
                                 soon_points((day - ctx.today).days, 8), ctx.home(unpaid, cur),
                                 owner=owners.get(cid, "")))
    for d in deposits_due(ctx.end, since=ctx.today, limit=CANDIDATES):
        out[d.due_date].append(deposit_item(ctx, d))
    return out
