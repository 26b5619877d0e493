"""流程卡 flow card: travels with one batch; each process step signs on paper.

A card is drawn in an A5-landscape box (210 × 148 mm): alone on an A5 page
(setting ``flow_card_layout`` = ``a5``, the default) or two to an A4 portrait
sheet with a cut line (``a4x2``), for printers without A5 paper. The card
number is printed as a Code128 barcode *and* a QR code, so both handheld
scanners and phones read it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm

from ..core.paper import void_reason
from .barcodes import draw_code128, draw_qr
from .company import client_display
from .fonts import MONO
from .layout import Column, fit_line, fmt_date, fmt_int, label_value_grid, new_canvas, paragraph, table, text
from .watermark import draw_void

CARD_W, CARD_H = landscape(A5)  # 210 × 148 mm
LAYOUTS = ("a5", "a4x2")
MIN_ROUTE_ROWS = 8  # blank rows below the route for extra steps/rework


@dataclass
class StepRow:
    seq: int
    name: str
    planned: dt.date | None = None


@dataclass
class CardData:
    number: str
    order_no: str
    client: str = ""
    client_po: str = ""
    sheet_no: str = ""
    revision: int = 0
    batch_no: int = 1
    style: str = ""
    product: str = ""
    colour: str = ""
    size: str = ""
    quantity: int = 0
    unit: str = "pcs"
    factory: str = ""
    planned_start: dt.date | None = None
    planned_finish: dt.date | None = None
    delivery_date: dt.date | None = None
    issued: dt.date | None = None
    steps: list[StepRow] = field(default_factory=list)
    notes: str = ""
    void: str = ""
    company_name: str = ""
    id: int | None = None  # FlowCard.id, to count the printed copy
    logo: object = None  # an ImageReader of the company logo (one for all cards: embedded once)


def card_layout() -> str:
    from ..core.common import get_setting

    value = get_setting("flow_card_layout", "a5").strip().lower()
    return value if value in LAYOUTS else "a5"


def load_flow_cards(order_id: int, card_ids: Iterable[int] | None = None) -> list[CardData]:
    """The cards of an order in card-number order: those in ``card_ids``, or by
    default the live ones (not recalled, current revision) — void cards are
    printed only when asked for by id, or when the order has no live card left
    (a cancelled order), so a batch print never wastes paper on VOID copies.

    A few queries however many cards: cards, their steps, their order lines.
    """
    from ..core.common import get_or_404, get_setting
    from ..core.errors import NotFound
    from ..core.models import FlowCard, FlowCardStep, Order, OrderLine

    order = get_or_404(Order, order_id, "订单", "Order")
    query = FlowCard.select().where(FlowCard.order == order)
    wanted = None
    if card_ids is not None:
        wanted = {int(i) for i in card_ids}
        query = query.where(FlowCard.id.in_(list(wanted)))
    cards = list(query.order_by(FlowCard.number))
    if wanted is None:
        live = [c for c in cards if not void_reason(c, order)]
        cards = live or cards
    if wanted is not None and len(cards) != len(wanted):
        missing = sorted(wanted - {c.id for c in cards})
        raise NotFound(f"订单 {order.number} 下找不到流程卡(编号 {missing}),可能已被删除。",
                       f"Flow cards {missing} are not on order {order.number}; they may have been deleted.")
    steps: dict[int, list[StepRow]] = {}
    if cards:
        for s in (FlowCardStep.select().where(FlowCardStep.card.in_([c.id for c in cards]))
                  .order_by(FlowCardStep.card, FlowCardStep.seq)):
            steps.setdefault(s.card_id, []).append(StepRow(s.seq, s.name, s.planned_date))
    line_ids = {c.order_line_id for c in cards if c.order_line_id}
    lines = {ln.id: ln for ln in OrderLine.select().where(OrderLine.id.in_(list(line_ids)))} if line_ids else {}
    sheet_nos = {}
    for c in cards:
        if c.sheet_id and c.sheet_id not in sheet_nos:
            sheet_nos[c.sheet_id] = c.sheet.number
    client = client_display(order.client)
    company = get_setting("company_name", "")
    logo = _logo_reader()
    out = []
    for c in cards:
        ln = lines.get(c.order_line_id)
        out.append(CardData(
            number=c.number, order_no=order.number, client=client, client_po=order.client_po,
            sheet_no=sheet_nos.get(c.sheet_id, ""), revision=c.revision, batch_no=c.batch_no,
            style=c.style or (ln.style if ln else ""), product=ln.product if ln else "",
            colour=c.colour, size=c.size, quantity=c.quantity, unit=ln.unit if ln else "pcs",
            factory=c.factory.name if c.factory_id else "", planned_start=c.planned_start,
            planned_finish=c.planned_finish, delivery_date=order.delivery_date,
            issued=c.issued_at.date() if c.issued_at else None, steps=steps.get(c.id, []),
            notes=c.notes, void=void_reason(c, order), company_name=company, id=c.id, logo=logo,
        ))
    return out


def _logo_reader():
    from ..core.company import logo_png

    png = logo_png()
    if not png:
        return None
    from io import BytesIO

    from reportlab.lib.utils import ImageReader

    return ImageReader(BytesIO(png))


# ------------------------------------------------------------------ drawing --
ROUTE_COLUMNS = [
    Column("序", 5, "center"), Column("工序 Step", 15), Column("计划日期", 12, "center"),
    Column("投入数 In", 11, "right"), Column("良品 Good", 11, "right"), Column("次品 Defect", 11, "right"),
    Column("操作员 Operator", 14), Column("日期 Date", 11), Column("检验 QC", 11),
]


def draw_card(c, d: CardData, x: float, y: float, *, with_qr: bool = True) -> None:
    """Draw one card in the box whose bottom-left corner is (x, y)."""
    m = 7 * mm
    left, right, top = x + m, x + CARD_W - m, y + CARD_H - m
    width = right - left
    # title block: a small logo before the company name
    name_x = left
    if d.logo is not None:
        try:
            c.drawImage(d.logo, left, top - 4.6 * mm, width=12 * mm, height=4.6 * mm,
                        preserveAspectRatio=True, anchor="w", mask="auto")
            name_x = left + 13.5 * mm
        except Exception:  # an unreadable logo must never stop printing
            name_x = left
    if d.company_name:
        text(c, name_x, top - 3.5 * mm, *fit_line(d.company_name, 95 * mm - (name_x - left), 8.5))
    text(c, left, top - 11 * mm, "流程卡", 17, bold=True, spacing=5)
    text(c, left + 31 * mm, top - 11 * mm, "FLOW CARD", 9.5)
    text(c, left, top - 16.5 * mm, f"第 {d.batch_no} 批  ·  版本 R{d.revision}  ·  开单 {fmt_date(d.issued)}", 8)
    # codes: Code128 left of the QR, number printed under the bars
    qr = 21 * mm
    if with_qr:
        draw_qr(c, d.number, right - qr + 1.5 * mm, top - qr + 1.5 * mm, qr)
    bc_right = right - qr - 1 * mm
    bc_w = draw_code128_right(c, d.number, bc_right, top - 14 * mm, max_width=68 * mm)
    text(c, bc_right - bc_w / 2, top - 17.5 * mm, d.number, 10, font=MONO, align="center")
    # header fields
    pairs = [
        ("卡号", d.number), ("订单号", d.order_no), ("客户", d.client), ("生产单", f"{d.sheet_no}"),
        ("款号", d.style), ("品名", d.product), ("颜色", d.colour), ("尺码", d.size),
        ("数量", f"{fmt_int(d.quantity)} {d.unit}"), ("工厂", d.factory),
        ("计划开工", fmt_date(d.planned_start)), ("计划完工", fmt_date(d.planned_finish)),
    ]
    gy = label_value_grid(c, left, top - 20 * mm, width, pairs, per_row=4, row_h=6 * mm,
                          label_share=0.36, size=8.5)
    # route: printed steps then blank rows for extra work; the signatures are handwritten
    notes_h = 13 * mm
    avail = gy - 2 * mm - (y + m + notes_h + 1.5 * mm)
    rows, row_h = route_rows(d.steps, avail)
    ty = table(c, left, gy - 2 * mm, width, ROUTE_COLUMNS, rows, row_h=row_h, size=8.5, head_size=8)
    # notes
    ny = y + m
    c.rect(left, ny, width, ty - 1.5 * mm - ny, stroke=1, fill=0)
    text(c, left + 2 * mm, ty - 5.5 * mm, "备注 Notes:", 8)
    if d.notes:
        paragraph(c, left + 20 * mm, ty - 2.5 * mm, width - 22 * mm, d.notes, 8, max_lines=2)
    if d.void:
        draw_void(c, x, y, CARD_W, CARD_H, d.void)


def route_rows(steps: list[StepRow], height: float) -> tuple[list[list[str]], float]:
    """The route table's rows (printed steps, then blank rows for extra work) and
    their height, so that rows and heading fill ``height``: a long route gets
    lower rows; past 3.2 mm a row, the last row says how many steps are left out."""
    row_h = 5.6 * mm
    if (len(steps) + 1) * row_h > height:
        row_h = max(3.2 * mm, height / (len(steps) + 1))
    room = max(1, int(height // row_h) - 1)
    rows = [[str(s.seq), s.name, fmt_date(s.planned)[5:], "", "", "", "", "", ""] for s in steps]
    if len(rows) > room:
        left_out = len(rows) - room + 1
        rows = rows[:room - 1] + [["…", f"另有 {left_out} 道工序 +{left_out} steps", "", "", "", "", "", "", ""]]
    rows += [["", "", "", "", "", "", "", "", ""]] * (room - len(rows))
    return rows, row_h


def draw_code128_right(c, data: str, right: float, y: float, *, max_width: float) -> float:
    """A Code128 whose right edge sits at ``right``; returns its width."""
    from .barcodes import code128

    bc = code128(data, bar_width=1.0, bar_height=11 * mm)
    w = bc.width
    if w > max_width:
        return draw_code128(c, data, right - max_width, y, bar_width=1.0, bar_height=11 * mm, max_width=max_width)
    bc.drawOn(c, right - w, y)
    return w


def _cut_line(c) -> None:
    c.saveState()
    c.setDash(4, 3)
    c.setLineWidth(0.4)
    c.setStrokeColorRGB(0.45, 0.45, 0.45)
    c.line(5 * mm, CARD_H, A4[0] - 5 * mm, CARD_H)
    c.restoreState()
    text(c, A4[0] - 6 * mm, CARD_H + 1 * mm, "沿虚线裁开 cut here", 6.5, align="right", color=(0.45, 0.45, 0.45))


def draw_cards(c, cards: list[CardData], layout: str = "a5", *, with_qr: bool = True,
               progress: Callable[[int], bool] | None = None) -> int:
    """Draw cards page by page. ``progress(done)`` may return False to stop; returns cards drawn."""
    if layout not in LAYOUTS:
        raise ValueError(layout)
    per_page = 2 if layout == "a4x2" else 1
    done = 0
    for i in range(0, len(cards), per_page):
        page = cards[i:i + per_page]
        if layout == "a4x2":
            c.setPageSize(A4)
            # first card on the top half, second on the bottom half
            for j, d in enumerate(page):
                draw_card(c, d, (A4[0] - CARD_W) / 2, A4[1] - CARD_H * (j + 1), with_qr=with_qr)
            if len(page) == 2:
                _cut_line(c)
        else:
            c.setPageSize((CARD_W, CARD_H))
            draw_card(c, page[0], 0, 0, with_qr=with_qr)
        c.showPage()
        done += len(page)
        if progress is not None and progress(done) is False:
            break
    return done


def render_flow_cards(cards: list[CardData], layout: str = "a5", *, with_qr: bool = True,
                      progress: Callable[[int], bool] | None = None) -> bytes:
    """PDF bytes of the cards; raises ValueError on an unknown layout."""
    title = f"流程卡 {cards[0].order_no}" if cards else "流程卡"
    c, buf = new_canvas((CARD_W, CARD_H) if layout == "a5" else A4, title)
    if not cards:
        text(c, 20 * mm, CARD_H / 2, "没有流程卡 No flow cards", 14)
        c.showPage()
    else:
        draw_cards(c, cards, layout, with_qr=with_qr, progress=progress)
    c.save()
    return buf.getvalue()
