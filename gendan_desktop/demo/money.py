"""Demo shipments and payments (deposits, balances, late payers) of an order.

Part of the demo filler (demo/fill.py); see demo/__init__.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..core.models import (
    OrderLine,
    Payment,
    Shipment,
    ShipmentLine,
)
from .bulk import iso

money = OrderLine.unit_price.db_value
CENT = Decimal("0.01")


def _shipments(ctx, oid, od, dd, status, lines) -> Decimal:
    rng, b = ctx.rng, ctx.bulk
    if status not in ("partly_shipped", "shipped", "settled"):
        return Decimal(0)
    if status == "partly_shipped":
        parts = [Decimal("0.5")]
    else:
        parts = [Decimal(1)] if rng.random() < 0.8 else [Decimal("0.6"), Decimal("0.4")]
    value = Decimal(0)
    shipped = [0] * len(lines)
    for p_no, part in enumerate(parts):
        d = min(dd - dt.timedelta(days=5 * (len(parts) - 1 - p_no) + rng.randint(0, 5)), ctx.today)
        d = max(d, od + dt.timedelta(days=10))
        sid = b.add(Shipment, number=ctx.number("SH", d), order=oid, date=iso(d),
                    booking_no=f"BK{rng.randint(10 ** 7, 10 ** 8 - 1)}",
                    container_no=f"MSKU{rng.randint(10 ** 6, 10 ** 7 - 1)}",
                    customs_no=f"{rng.randint(10 ** 17, 10 ** 18 - 1)}",
                    bl_no=f"NGB{rng.randint(10 ** 6, 10 ** 7 - 1)}",
                    vessel=rng.choice(["MAERSK ESSEN", "COSCO SHIPPING ARIES", "MSC GULSUN", "EVER GIVEN"]),
                    port_of_loading="Ningbo", port_of_discharge=rng.choice(["Los Angeles", "Hamburg", "Felixstowe",
                                                                            "Dubai", "Tokyo"]),
                    created_at=ctx.stamp(d), updated_at=ctx.stamp(d))
        for i, ln in enumerate(lines):
            last = p_no == len(parts) - 1 and status != "partly_shipped"
            qty = ln["quantity"] - shipped[i] if last else int(ln["quantity"] * part)
            if qty <= 0:
                continue
            shipped[i] += qty
            value += qty * ln["unit_price"]
            b.add(ShipmentLine, shipment=sid, order_line=ln["id"], quantity=qty, unit_price=money(ln["unit_price"]))
    return value


def _payments(ctx, oid, client, od, status, total, shipped_value, credit, currency, order_type) -> None:
    rng, b = ctx.rng, ctx.bulk
    if status in ("draft", "reviewed", "cancelled"):
        return
    deposit = (total * Decimal("0.3")).quantize(CENT)
    paid = Decimal(0)
    if not (status == "confirmed" and rng.random() < 0.4):  # some deposits still awaited
        d = min(od + dt.timedelta(days=rng.randint(3, 10)), ctx.today)
        b.add(Payment, client=client["id"], order=oid, kind="deposit", amount=money(deposit), currency=currency,
              date=iso(d), reference=f"TT{rng.randint(10 ** 8, 10 ** 9 - 1)}", created_at=ctx.stamp(d),
              updated_at=ctx.stamp(d))
        paid = deposit
    if status == "settled":
        balance = shipped_value - credit - paid
        if balance > 0:
            d = min(od + dt.timedelta(days=rng.randint(60, 110)), ctx.today)
            b.add(Payment, client=client["id"], order=oid, kind="balance", amount=money(balance), currency=currency,
                  date=iso(d), reference=f"TT{rng.randint(10 ** 8, 10 ** 9 - 1)}", created_at=ctx.stamp(d),
              updated_at=ctx.stamp(d))
    elif status == "shipped" and rng.random() < 0.3:
        part = ((shipped_value - credit - paid) / 2).quantize(CENT)
        if part > 0:
            d = ctx.day(-rng.randint(0, 20))
            b.add(Payment, client=client["id"], order=oid, kind="balance", amount=money(part), currency=currency,
                  date=iso(d), reference=f"TT{rng.randint(10 ** 8, 10 ** 9 - 1)}", notes="部分尾款",
                  created_at=ctx.stamp(d), updated_at=ctx.stamp(d))
