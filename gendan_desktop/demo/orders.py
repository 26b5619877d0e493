"""Demo orders and everything downstream: production, materials, shipments, money, after-sales.

Part of the demo filler (demo/fill.py); see demo/__init__.py.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from ..core.models import (
    AuditLog,
    Complaint,
    FlowCard,
    FlowCardStep,
    MaterialRequirement,
    Order,
    OrderLine,
    OrderRevision,
    ProductionException,
    ProductionSheet,
    ProgressReport,
    PurchaseFollowUp,
    Shipment,
    ShipmentLine,
)
from ..core.sheets import CARD_NUMBER_WIDTH, CARD_PREFIX, SHEET_PREFIX
from .bulk import iso
from .context import (
    COLOURS,
    GIVEN,
    MERCHANDISERS,
    PRODUCTS,
    ROUTES,
    SIZES,
    SURNAMES,
    DemoContext,
)
from .money import _payments, _shipments

money = OrderLine.unit_price.db_value
rate = Order.deposit_pct.db_value
CENT = Decimal("0.01")

STATUSES = ["draft", "reviewed", "confirmed", "in_production", "partly_shipped", "shipped", "settled", "cancelled"]
STATUS_WEIGHTS = [3, 3, 5, 12, 5, 12, 55, 5]
# days back of the order date per status: (min, max)
AGE = {"draft": (0, 7), "reviewed": (2, 12), "confirmed": (5, 25), "in_production": (15, 70),
       "partly_shipped": (40, 100), "shipped": (60, 200), "settled": (120, 730), "cancelled": (10, 400)}
PRODUCING = {"in_production", "partly_shipped", "shipped", "settled"}
CHANNELS = ["email", "email", "email", "fax", "mail", "verbal", "online"]
MATERIALS = [("32支精梳棉汗布", "180g/m² 幅宽 180cm", "m", "1.2"), ("涤棉罗纹", "1x1 220g", "m", "0.15"),
             ("YKK 拉链", "5# 尼龙 60cm", "pcs", "1"), ("树脂纽扣", "18L 四眼", "pcs", "6"),
             ("吊牌/洗水唛", "客供设计", "set", "1"), ("纸箱", "五层 60x40x40", "pcs", "0.02"),
             ("40支纯棉纱", "精梳 紧赛纺", "kg", "0.25")]
SUPPLIERS = ["绍兴华纺面料有限公司", "义乌拉链城三号店", "广州辅料市场 明辉纽扣", "宁波纸箱厂", "江阴棉纺厂"]
EXCEPTIONS = [("material", "面料到货延迟 5 天,影响开裁"), ("quality", "车缝跳线,返工 120 件"),
              ("equipment", "印花机故障停机一天"), ("capacity", "订单集中,车缝线产能不足"),
              ("delay", "外协厂交货延误"), ("other", "客户临时要求改唛头")]
COMPLAINTS = [("rework", "部分成品线头多,客户要求返修", "后整检验不到位", "增加剪线工序和终检抽检比例"),
              ("remake", "色差严重,整批不能接受", "染色批次不同", "同一订单使用同缸面料,出货前对色"),
              ("discount", "尺寸偏差 2cm,客户接受让步", "纸样放码错误", "复核纸样,首件确认"),
              ("return", "包装破损受潮,退回 200 件", "纸箱强度不足", "改用五层纸箱并加防潮袋")]
HEADER_FIELDS = ("number", "client_id", "channel", "client_po", "order_type", "currency", "order_date",
                 "delivery_date", "status", "revision", "quotation_id", "sample_id", "remake_of_id", "factory_id",
                 "product_category", "payment_terms", "trade_terms", "deposit_pct", "merchandiser",
                 "client_requirements", "packing", "shipping_marks", "notes")
LINE_FIELDS = ("id", "line_no", "style", "product", "colour", "size", "quantity", "unit", "unit_price", "remarks")


def _status(ctx: DemoContext, k: int) -> str:
    # the first orders walk through every status so a small demo shows them all
    if k < 2 * len(STATUSES):
        return STATUSES[k % len(STATUSES)]
    return ctx.rng.choices(STATUSES, STATUS_WEIGHTS)[0]


def fill_orders(ctx: DemoContext, n: int, quotes: dict[int, list[int]], samples: dict[int, list[int]]) -> None:
    rng = ctx.rng
    ordering = ctx.clients[: max(1, len(ctx.clients) * 85 // 100)]  # the rest stay potential clients
    key = [c for c in ordering if c["grade"] == "key"] or ordering
    remakes: list[tuple] = []
    for k in range(n):
        client = rng.choice(key) if rng.random() < 0.35 else rng.choice(ordering)
        status = _status(ctx, k)
        order_type = "normal"
        r = rng.random()
        if k % 16 == 9 or r < 0.1:
            order_type = "processing"
        elif k % 16 == 10 or r < 0.14:
            order_type = "sample"
        _order(ctx, k, client, status, order_type, quotes, samples, remakes)
    for args in remakes:
        _remake(ctx, *args)


def _lines(ctx: DemoContext, oid: int, order_type: str) -> list[dict]:
    rng = ctx.rng
    lines = []
    product, category = rng.choice(PRODUCTS)
    style = f"ST-{rng.randint(1000, 9999)}"
    for no in range(1, rng.choice([1, 1, 2, 2, 3]) + 1):
        qty = rng.randint(5,
                          60) if order_type == "sample" else rng.choice([300, 500, 800, 1000, 1200, 2000, 3000, 5000])
        price = Decimal(rng.randint(150 if order_type == "processing" else 250, 2500)) / 100
        row = {"order": oid, "line_no": no, "style": style, "product": product, "colour": rng.choice(COLOURS),
               "size": rng.choice(SIZES), "quantity": qty, "unit": "pcs" if category == "garment" else "m",
               "unit_price": price}
        row["id"] = ctx.bulk.add(OrderLine, **{**row, "unit_price": money(price)})
        lines.append(row)
    return lines


def _order(ctx: DemoContext, k: int, client: dict, status: str, order_type: str,
           quotes: dict, samples: dict, remakes: list) -> None:
    rng, b = ctx.rng, ctx.bulk
    lo, hi = AGE[status]
    od = ctx.day(-rng.randint(lo, hi))
    dd = od + dt.timedelta(days=rng.randint(35, 90) if status != "in_production" else rng.randint(30, 75))
    if status in ("shipped", "settled", "partly_shipped") and dd > ctx.today:
        dd = ctx.day(-rng.randint(0, 10)) if status != "partly_shipped" else dd
    cancelled = status == "cancelled"
    issued = status in PRODUCING or (status == "confirmed" and rng.random() < 0.5) or (cancelled and k % 2 == 0)
    reviewed = status not in ("draft",) and not (cancelled and k % 4 == 1)
    revision = 0
    if status in PRODUCING or status == "confirmed":
        x = rng.random()
        if (k < 32 and k % 16 in (3, 4)) or x < 0.06:
            revision = 1
        if (k < 32 and k % 16 == 4) or x < 0.015:
            revision = 2
    issued = issued or revision > 0  # a revision recalls the paper of the earlier ones
    header = _order_header(ctx, k, client, status, order_type, od, dd, revision, reviewed, quotes, samples)
    oid = b.add(Order, **header)
    lines = _lines(ctx, oid, order_type)
    total = sum(ln["quantity"] * ln["unit_price"] for ln in lines)
    ctx.bulk.add(AuditLog, at=ctx.stamp(od), user=header["merchandiser"], entity="order", entity_id=oid,
                 order_id=oid, action="create", new=header["number"])
    _revisions(ctx, oid, od, header, lines, revision)
    if cancelled:
        b.add(AuditLog, at=header["cancelled_at"], user=MERCHANDISERS[0], entity="order", entity_id=oid,
              order_id=oid, action="cancel", field="status", old="confirmed", new="cancelled")
    cards = _paper(ctx, oid, od, header, lines, revision, issued, status) if issued else []
    if status in PRODUCING or status == "confirmed":
        _materials(ctx, oid, od, lines, status, order_type)
    live = [c for c in cards if c["live"]]
    if status == "in_production" and (k < 2 * len(STATUSES) or rng.random() < 0.12) or (
            status in PRODUCING and rng.random() < 0.02):
        _exception(ctx, oid, od, status, live)
    shipped_value = _shipments(ctx, oid, od, dd, status, lines)
    credit = Decimal(0)
    if status in ("shipped", "settled") and (rng.random() < 0.02 or (k < 32 and k % 16 in (5, 6, 13, 14))):
        credit = _complaint(ctx, k, oid, client, od, dd, status, lines, header["currency"], live, remakes)
    _payments(ctx, oid, client, od, status, total, shipped_value, credit, header["currency"], order_type)


def _order_header(ctx: DemoContext, k: int, client: dict, status: str, order_type: str, od: dt.date, dd: dt.date,
                  revision: int, reviewed: bool, quotes: dict, samples: dict) -> dict[str, Any]:
    """The order row's values (random draws in the order the filler always made them)."""
    rng = ctx.rng
    cancelled = status == "cancelled"
    currency = client["currency"] if order_type != "processing" else "CNY"
    factory = ctx.factories[0] if rng.random() < 0.8 else rng.choice(ctx.factories[2:7])
    category = "garment"
    quotation = rng.choice(quotes[client["id"]]) if client["id"] in quotes and rng.random() < 0.5 else None
    sample = rng.choice(samples[client["id"]]) if client["id"] in samples and rng.random() < 0.6 else None
    overridden = status == "in_production" and rng.random() < 0.1
    header = {
        "number": ctx.number("SO", od), "client": client["id"], "channel": rng.choice(CHANNELS),
        # k in the PO keeps it unique per client, as the database requires (migration 7)
        "client_po": f"PO{rng.randint(10, 99)}{k:06d}" if rng.random() < 0.85 else "",
        "order_type": order_type, "currency": currency, "order_date": iso(od), "delivery_date": iso(dd),
        "status": status, "revision": revision, "quotation": quotation, "sample": sample,
        "factory": factory, "product_category": category,
        "payment_terms": "T/T 30% 定金,70% 见提单副本", "trade_terms": "FOB" if currency != "CNY" else "EXW",
        "deposit_pct": rate(30), "merchandiser": rng.choice(MERCHANDISERS),
        "review_capability": reviewed, "review_material": reviewed, "review_colour": reviewed,
        "review_quantity": reviewed, "review_date": reviewed,
        "review_notes": "产能、物料、颜色、数量、交期均可满足" if reviewed else "",
        "reviewed_by": MERCHANDISERS[0] if reviewed else "",
        "reviewed_at": ctx.stamp(od + dt.timedelta(days=1)) if reviewed else None,
        "confirmed_at": ctx.stamp(od + dt.timedelta(days=2)) if status not in ("draft",
                                                                               "reviewed") and reviewed else None,
        "production_started_at": ctx.stamp(od + dt.timedelta(days=5)) if status in PRODUCING else None,
        "material_override_reason": "客户催货,面料已在途,经理同意先开裁" if overridden else "",
        "cancelled_at": ctx.stamp(od + dt.timedelta(days=rng.randint(3, 9))) if cancelled else None,
        "cancel_reason": rng.choice(["客户取消订单(市场变化)", "Client cancelled: buyer went bankrupt",
                                     "价格未谈妥"]) if cancelled else "",
        "client_requirements": "按批板颜色生产;每件独立胶袋;出货前寄船样 3 件",
        "packing": "每箱 24 件,单色单码", "shipping_marks": f"{client['name'][:20]} / PO / C/NO. 1-UP",
        "created_at": ctx.stamp(od), "updated_at": ctx.stamp(od),
    }
    return header


def _revisions(ctx: DemoContext, oid: int, od: dt.date, header: dict[str, Any], lines: list[dict],
               revision: int) -> None:
    """Old revisions: a snapshot each (their paper is recalled by _paper)."""
    rng, b = ctx.rng, ctx.bulk
    for r in range(revision):
        when = od + dt.timedelta(days=6 + 4 * r)
        snap: dict[str, Any] = {"header": {f: header.get(f.removesuffix("_id")) for f in HEADER_FIELDS},
                "lines": [{f: (str(ln[f]) if f == "unit_price" else ln.get(f, "")) for f in LINE_FIELDS}
                          for ln in lines]}
        snap["header"].update(revision=r, status="confirmed", deposit_pct="30")
        if r == revision - 1:
            qty = lines[0]["quantity"]
            snap["lines"][0]["quantity"] = qty - 100 if qty > 200 else qty + 100
        b.add(OrderRevision, order=oid, revision=r,
              reason=rng.choice(["客户邮件要求改颜色", "客户追加数量", "交期提前一周"]),
              snapshot=json.dumps(snap, ensure_ascii=False), created_at=ctx.stamp(when), created_by=MERCHANDISERS[0])
        b.add(AuditLog, at=ctx.stamp(when), user=MERCHANDISERS[0], entity="order", entity_id=oid, order_id=oid,
              action="revise", field="reason", old=f"R{r}", new=f"R{r + 1}:改单")


def _paper(ctx: DemoContext, oid: int, od: dt.date, header: dict[str, Any], lines: list[dict], revision: int,
           issued: bool, status: str) -> list[dict]:
    """Production sheets and flow cards of every revision; the old ones recalled, some not yet returned."""
    rng = ctx.rng
    cancelled = status == "cancelled"
    factory = header["factory"]
    recent = status in ("confirmed", "in_production", "partly_shipped", "cancelled") and od > ctx.day(-120)
    cards: list[dict] = []
    if issued:
        for r in range(revision + 1):
            old = r < revision or cancelled
            recall_day = od + dt.timedelta(days=6 + 4 * r) if r < revision else (
                od + dt.timedelta(days=8) if cancelled else None)
            returned = old and not (recent and rng.random() < 0.5)
            cards += _documents(ctx, oid, od, header, lines, r, recall_day, returned, status, factory)
    return cards


def _documents(ctx, oid, od, header, lines, r, recall_day, returned, status, factory) -> list[dict]:
    rng, b = ctx.rng, ctx.bulk
    issued = od + dt.timedelta(days=3 + 4 * r)
    recalled = {"recalled_at": ctx.stamp(recall_day) if recall_day else None,
                "recall_reason": ("订单取消" if status == "cancelled" and r == header["revision"]
                                  else f"订单改为 R{r + 1}")
                if recall_day else "",
                "returned_at": ctx.stamp(recall_day + dt.timedelta(days=2)) if recall_day and returned else None}
    copies = rng.randint(1, 3)
    sid = b.add(ProductionSheet, number=ctx.number(SHEET_PREFIX, issued), order=oid, revision=r,
                issued_at=ctx.stamp(issued),
                printed_copies=copies, returned_copies=copies if recalled["returned_at"] else 0,
                last_printed_at=ctx.stamp(issued), client_requirements=header["client_requirements"],
                packing=header["packing"], carton_count=sum(ln["quantity"] for ln in lines) // 24 + 1,
                shipping_marks=header["shipping_marks"], created_at=ctx.stamp(issued), updated_at=ctx.stamp(issued),
                **recalled)
    steps_def = ROUTES["garment"][1]
    live = recall_day is None
    cards = []
    for ln in lines:
        batches = 2 if ln["quantity"] >= 5000 else 1
        for batch in range(1, batches + 1):
            qty = ln["quantity"] // batches + (ln["quantity"] % batches if batch == batches else 0)
            start = issued + dt.timedelta(days=2)
            finish = start + dt.timedelta(days=sum(d for _, d in steps_def))
            cid = b.add(FlowCard, number=ctx.number(CARD_PREFIX, issued, CARD_NUMBER_WIDTH), order=oid, sheet=sid,
                        order_line=ln["id"],
                        batch_no=batch, style=ln["style"], colour=ln["colour"], size=ln["size"], quantity=qty,
                        factory=factory, planned_start=iso(start), planned_finish=iso(finish), revision=r,
                        issued_at=ctx.stamp(issued), printed_copies=1, last_printed_at=ctx.stamp(issued),
                        returned_copies=1 if recalled["returned_at"] else 0, created_at=ctx.stamp(issued),
                        updated_at=ctx.stamp(issued), **recalled)
            done_steps = 0 if not live else {
                "confirmed": 0, "in_production": rng.randint(0, len(steps_def) - 1),
            }.get(status, len(steps_def))
            _steps(ctx, cid, qty, start, steps_def, done_steps, status == "in_production" and live,
                   reports=live and status in ("in_production", "partly_shipped"))
            cards.append({"id": cid, "live": live, "qty": qty})
    return cards


STEP_FIELDS = ("id", "card", "seq", "name", "planned_date", "qty_in", "qty_good", "qty_defect", "finished_at")


def _steps(ctx, card_id, qty, start, steps_def, done_steps, partial, reports) -> None:
    """Steps of a card with their sums; the signed entries (ProgressReport) only
    for cards still on the floor: older cards keep just the sums, which keeps a
    100k-order demo fast."""
    rnd, b = ctx.rng.random, ctx.bulk
    fast = tuple(f.name for f in FlowCardStep._meta.sorted_fields) == STEP_FIELDS
    available = qty
    planned = start
    today = ctx.today
    for seq, (name, days) in enumerate(steps_def, 1):
        planned = planned + dt.timedelta(days=days)
        q_in = good = defect = 0
        finished = None
        if seq <= done_steps:
            q_in = available
            defect = q_in * int(rnd() * 11) // 1000
            good = q_in - defect
            finished = min(planned + dt.timedelta(days=int(rnd() * 4) - 1), today)
        elif seq == done_steps + 1 and partial and available:
            q_in = max(1, available * (20 + int(rnd() * 70)) // 100)
            defect = q_in * int(rnd() * 11) // 1000
            good = q_in - defect
        if fast:
            sid = b.add_values(FlowCardStep, (card_id, seq, name, planned.isoformat(), q_in, good, defect,
                                              finished.isoformat() if finished else None))
        else:  # someone added a field to FlowCardStep: the general path fills its default
            sid = b.add(FlowCardStep, card=card_id, seq=seq, name=name, planned_date=planned.isoformat(),
                        qty_in=q_in, qty_good=good, qty_defect=defect, finished_at=iso(finished))
        if q_in and reports:
            d = finished or min(planned, today)
            b.add(ProgressReport, step=sid, date=iso(d), qty_in=q_in, qty_good=good, qty_defect=defect,
                  operator=ctx.rng.choice(SURNAMES) + ctx.rng.choice(GIVEN), inspector="QC " + ctx.rng.choice(SURNAMES),
                  created_at=ctx.stamp(d))
        available = good if seq <= done_steps else 0


def _materials(ctx, oid, od, lines, status, order_type) -> None:
    rng, b = ctx.rng, ctx.bulk
    pieces = sum(ln["quantity"] for ln in lines)
    for name, spec, unit, per in rng.sample(MATERIALS, rng.randint(1, 2)):
        per_piece = Decimal(per)
        loss = Decimal(rng.choice([2, 3, 5]))
        need = (pieces * per_piece * (1 + loss / 100)).quantize(CENT)
        open_order = status in ("confirmed", "in_production")
        stock = need if not open_order else (need * Decimal(rng.randint(0, 100)) / 100).quantize(CENT)
        mid = b.add(MaterialRequirement, order=oid, name=name, spec=spec, unit=unit,
                    consumption_per_piece=rate(per_piece), loss_rate_pct=rate(loss), in_stock=rate(stock),
                    supplied_by_client=order_type == "processing",
                    created_at=ctx.stamp(od), updated_at=ctx.stamp(od))
        if order_type == "processing":
            continue
        shortage = need - stock
        if open_order and shortage > 0:
            ordered = od + dt.timedelta(days=2)
            due = ordered + dt.timedelta(days=rng.randint(5, 25))
            received = shortage if due < ctx.today and rng.random() < 0.5 else Decimal(0)
            b.add(PurchaseFollowUp, material=mid, supplier=rng.choice(SUPPLIERS), quantity=rate(shortage),
                  ordered_date=iso(ordered), due_date=iso(due), received_qty=rate(received),
                  received_date=iso(due) if received else None,
                  notes="" if received or due >= ctx.today else "供应商说下周到货,已催",
                  created_at=ctx.stamp(ordered), updated_at=ctx.stamp(ordered))


def _exception(ctx, oid, od, status, cards) -> None:
    rng = ctx.rng
    kind, text = rng.choice(EXCEPTIONS)
    d = min(od + dt.timedelta(days=rng.randint(6, 20)), ctx.today)
    made = ctx.bulk.tables[ProductionException].count
    states = ["open", "escalated", "resolved"]
    state = (states[made % 3] if made < 6 else rng.choice(states)) if status == "in_production" else "resolved"
    ctx.bulk.add(ProductionException, order=oid, card=cards[0]["id"] if cards else None, kind=kind,
                 severity=rng.choice(["low", "medium", "high", "critical"]), description=text, reported_at=iso(d),
                 reported_by=rng.choice(MERCHANDISERS),
                 escalated_to="生产经理 " + rng.choice(SURNAMES) if state != "open" else "",
                 escalated_at=iso(d) if state != "open" else None,
                 resolution="已安排加班并调用外协厂" if state == "resolved" else "",
                 resolved_at=iso(min(d + dt.timedelta(days=3), ctx.today)) if state == "resolved" else None,
                 status=state, created_at=ctx.stamp(d), updated_at=ctx.stamp(d))


def _complaint(ctx, k, oid, client, od, dd, status, lines, currency, cards, remakes) -> Decimal:
    rng, b = ctx.rng, ctx.bulk
    made = ctx.bulk.tables[Complaint].count
    disposition, text, cause, measure = COMPLAINTS[made % 4] if made < 8 else rng.choice(COMPLAINTS)
    d = min(dd + dt.timedelta(days=rng.randint(10, 30)), ctx.today)
    affected = max(1, lines[0]["quantity"] * rng.randint(5, 20) // 100)
    credit = Decimal(0)
    if disposition in ("discount", "return"):
        share = Decimal("0.3") if disposition == "discount" else 1
        credit = (affected * lines[0]["unit_price"] * share).quantize(CENT)
    closed = status == "settled" or rng.random() < 0.3
    state = "closed" if closed else rng.choice(["open", "processing"])
    cid = b.add(Complaint, number=ctx.number("CS", d), order=oid, card=cards[0]["id"] if cards else None, date=iso(d),
                description=text, qty_affected=affected, cause=cause, countermeasure=measure,
                disposition=disposition, cost=money(Decimal(affected) * Decimal("8.5")), credit_amount=money(credit),
                credit_date=iso(d + dt.timedelta(days=3)) if credit else None, currency=currency, status=state,
                closed_at=iso(min(d + dt.timedelta(days=20), ctx.today)) if closed else None,
                created_at=ctx.stamp(d), updated_at=ctx.stamp(d))
    if disposition == "remake":
        remakes.append((cid, oid, client, d, lines[0], affected, currency, closed))
    return credit


def _remake(ctx, complaint_id, oid, client, d, line, affected, currency, closed) -> None:
    """A remake order (补单) for a complaint; filled in after the main orders so ids stay in order."""
    rng, b = ctx.rng, ctx.bulk
    # shipped in full at price 0 leaves no balance: payments.refresh_settlement settles it
    status = "settled" if closed else rng.choice(["confirmed", "in_production"])
    rid = b.add(Order, number=ctx.number("SO", d), client=client["id"], channel="email", order_type="remake",
                currency=currency, order_date=iso(d), delivery_date=iso(d + dt.timedelta(days=25)), status=status,
                remake_of=oid, factory=ctx.factories[0], product_category="garment",
                review_capability=True, review_material=True, review_colour=True, review_quantity=True,
                review_date=True, reviewed_by=MERCHANDISERS[0], reviewed_at=ctx.stamp(d), confirmed_at=ctx.stamp(d),
                production_started_at=ctx.stamp(d) if status != "confirmed" else None, deposit_pct=rate(0),
                merchandiser=MERCHANDISERS[0], notes="客诉补单,免费重做", created_at=ctx.stamp(d),
                updated_at=ctx.stamp(d))
    lid = b.add(OrderLine, order=rid, line_no=1, style=line["style"], product=line["product"], colour=line["colour"],
                size=line["size"], quantity=affected, unit=line["unit"], unit_price=money(0), remarks="补单 remake")
    b.add(AuditLog, at=ctx.stamp(d), user=MERCHANDISERS[0], entity="order", entity_id=rid, order_id=rid,
          action="create", new="remake")
    # Complaint.remake_order is set by an UPDATE once both rows exist (see demo.fill_demo).
    ctx.remake_links.append((complaint_id, rid))
    if status != "confirmed":
        paper = {"revision": 0, "client_requirements": "同原订单,按客诉要求返工/重做", "packing": "同原订单",
                 "shipping_marks": f"{client['name'][:20]} / REMAKE"}
        remade = [{"id": lid, "quantity": affected, "style": line["style"], "colour": line["colour"],
                   "size": line["size"]}]
        _documents(ctx, rid, d - dt.timedelta(days=3), paper, remade, 0, None, False, status, ctx.factories[0])
    if status == "settled":
        sid = b.add(Shipment, number=ctx.number("SH", d), order=rid,
                    date=iso(min(d + dt.timedelta(days=20), ctx.today)),
                    notes="补单随下一柜出货")
        b.add(ShipmentLine, shipment=sid, order_line=lid, quantity=affected, unit_price=money(0))
