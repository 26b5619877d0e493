"""生产单 production sheet: A4 portrait, what production must make and how.

``load_production_sheet(sheet_id)`` reads the database into ``SheetData``;
``render_production_sheet(data)`` draws it and returns PDF bytes. Long content
(many colours, materials, requirements) flows onto continuation pages that
repeat a short header; the sign-off boxes always close the last page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from .barcodes import draw_qr
from .company import Company, client_display, draw_letterhead
from .fonts import MONO
from .layout import (
    Column, boxed_text, cell, fmt_date, fmt_int, fmt_qty, label_value_grid,
    new_canvas, table, text,
)
from .watermark import draw_void, void_reason

PAGE_W, PAGE_H = A4
MARGIN = 12 * mm
WIDTH = PAGE_W - 2 * MARGIN
BOTTOM = 14 * mm  # room for the footer
SIGN_H = 22 * mm

_SIZE_ORDER = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "2XL", "XXXL", "3XL", "4XL", "5XL"]


@dataclass
class MaterialRow:
    name: str
    spec: str = ""
    unit: str = ""
    consumption: Decimal = Decimal(0)
    loss_pct: Decimal = Decimal(0)
    required: Decimal = Decimal(0)
    in_stock: Decimal = Decimal(0)
    client_supplied: bool = False
    notes: str = ""


@dataclass
class SheetData:
    number: str
    revision: int
    date: dt.date | None
    order_no: str
    client: str
    client_po: str = ""
    order_type: str = ""
    style: str = ""
    product: str = ""
    delivery_date: dt.date | None = None
    factory: str = ""
    merchandiser: str = ""
    unit: str = "pcs"
    colours: list[str] = field(default_factory=list)  # row labels of the grid
    sizes: list[str] = field(default_factory=list)
    quantities: dict[tuple[str, str], int] = field(default_factory=dict)
    requirements: str = ""
    materials: list[MaterialRow] = field(default_factory=list)
    packing: str = ""
    carton_count: int = 0
    shipping_marks: str = ""
    remarks: str = ""
    void: str = ""  # reason the sheet is void, "" when valid
    company: Company = field(default_factory=Company)

    @property
    def total(self) -> int:
        return sum(self.quantities.values())


def order_sizes(sizes: list[str]) -> list[str]:
    """Garment sizes in their natural order (S < M < L, 36 < 38), else as first seen."""
    if sizes and all(s.upper() in _SIZE_ORDER for s in sizes):
        return sorted(sizes, key=lambda s: _SIZE_ORDER.index(s.upper()))
    try:
        return sorted(sizes, key=lambda s: float(s))
    except ValueError:
        return sizes


def quantity_grid(lines) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """Colour × size grid of order lines; rows are 'style / colour' when styles differ."""
    lines = list(lines)
    many_styles = len({ln.style for ln in lines}) > 1
    rows: list[str] = []
    sizes: list[str] = []
    qty: dict[tuple[str, str], int] = {}
    for ln in lines:
        row = f"{ln.style} / {ln.colour or '-'}" if many_styles else (ln.colour or "-")
        size = ln.size or "-"
        if row not in rows:
            rows.append(row)
        if size not in sizes:
            sizes.append(size)
        qty[(row, size)] = qty.get((row, size), 0) + int(ln.quantity or 0)
    return rows, order_sizes(sizes), qty


def load_production_sheet(sheet_id: int) -> SheetData:
    from ..core import enums
    from ..core.common import get_or_404
    from ..core.models import MaterialRequirement, OrderLine, ProductionSheet

    sheet = get_or_404(ProductionSheet, sheet_id, "生产单", "Production sheet")
    order = sheet.order
    lines = list(OrderLine.select().where(OrderLine.order == order).order_by(OrderLine.line_no, OrderLine.id))
    rows, sizes, qty = quantity_grid(lines)
    total = sum(qty.values())
    materials = []
    for m in MaterialRequirement.select().where(MaterialRequirement.order == order).order_by(MaterialRequirement.id):
        cons = Decimal(m.consumption_per_piece or 0)
        loss = Decimal(m.loss_rate_pct or 0)
        materials.append(MaterialRow(
            name=m.name, spec=m.spec, unit=m.unit, consumption=cons, loss_pct=loss,
            required=Decimal(total) * cons * (1 + loss / 100), in_stock=Decimal(m.in_stock or 0),
            client_supplied=m.supplied_by_client, notes=m.notes,
        ))
    styles = list(dict.fromkeys(ln.style for ln in lines if ln.style))
    products = list(dict.fromkeys(ln.product for ln in lines if ln.product))
    units = list(dict.fromkeys(ln.unit for ln in lines if ln.unit))
    return SheetData(
        number=sheet.number, revision=sheet.revision, date=(sheet.issued_at or dt.datetime.now()).date(),
        order_no=order.number, client=client_display(order.client), client_po=order.client_po,
        order_type=enums.label("order_type", order.order_type, "zh"),
        style=" / ".join(styles), product=" / ".join(products),
        delivery_date=order.delivery_date, factory=order.factory.name if order.factory_id else "",
        merchandiser=order.merchandiser, unit=units[0] if len(units) == 1 else "pcs",
        colours=rows, sizes=sizes, quantities=qty,
        requirements=sheet.client_requirements or order.client_requirements,
        materials=materials, packing=sheet.packing or order.packing, carton_count=sheet.carton_count,
        shipping_marks=sheet.shipping_marks or order.shipping_marks, remarks=sheet.remarks,
        void=void_reason(sheet, order), company=Company.from_settings(),
    )


# ------------------------------------------------------------------ drawing --
class _Pages:
    """Page flow: a cursor ``y`` that starts a continuation page when space runs out."""

    def __init__(self, c, data: SheetData):
        self.c, self.data, self.page = c, data, 1
        self.y = 0.0

    def need(self, h: float, reserve: float = 0) -> None:
        if self.y - h < BOTTOM + reserve:
            self.finish_page()
            self.c.showPage()
            self.page += 1
            self.y = _continuation_header(self.c, self.data, self.page)

    def finish_page(self) -> None:
        _footer(self.c, self.data, self.page)
        if self.data.void:
            draw_void(self.c, 0, 0, PAGE_W, PAGE_H, self.data.void)


def _footer(c, d: SheetData, page: int) -> None:
    c.setLineWidth(0.4)
    c.line(MARGIN, BOTTOM - 4 * mm, PAGE_W - MARGIN, BOTTOM - 4 * mm)
    c.setLineWidth(0.6)
    text(c, MARGIN, BOTTOM - 8 * mm, f"{d.number}  R{d.revision}  ·  订单 {d.order_no}", 7.5)
    # "of N" is a form drawn once the page count is known (see render_production_sheet)
    text(c, PAGE_W - MARGIN - 14 * mm, BOTTOM - 8 * mm, f"第 {page} 页 / 共", 7.5, align="right")
    c.saveState()
    c.translate(PAGE_W - MARGIN - 13 * mm, BOTTOM - 8 * mm)
    c.doForm("page_total")
    c.restoreState()


def _continuation_header(c, d: SheetData, page: int) -> float:
    top = PAGE_H - MARGIN
    text(c, MARGIN, top - 5 * mm, f"生产单 PRODUCTION SHEET（续 cont.）", 11, bold=True)
    text(c, PAGE_W - MARGIN, top - 5 * mm, f"{d.number}  R{d.revision}  订单 {d.order_no}", 9, align="right")
    c.line(MARGIN, top - 8 * mm, PAGE_W - MARGIN, top - 8 * mm)
    return top - 11 * mm


def _header(c, d: SheetData) -> float:
    top = PAGE_H - MARGIN
    qr = 27 * mm
    draw_letterhead(c, d.company, MARGIN, top, WIDTH - qr - 4 * mm)
    draw_qr(c, d.number, PAGE_W - MARGIN - qr, top - qr + 2 * mm, qr)
    text(c, PAGE_W - MARGIN - qr / 2, top - qr - 1 * mm, d.number, 7.5, font=MONO, align="center")
    text(c, PAGE_W / 2 - 12 * mm, top - 25 * mm, "生产单", 20, align="center", bold=True, spacing=8)
    text(c, PAGE_W / 2 - 12 * mm, top - 30.5 * mm, "PRODUCTION SHEET", 9.5, align="center")
    # revision badge: the floor must see at a glance which revision they hold
    bx, bw, bh = MARGIN, 22 * mm, 9 * mm
    by = top - 31 * mm
    c.setLineWidth(1.4)
    c.rect(bx, by, bw, bh, stroke=1, fill=0)
    c.setLineWidth(0.6)
    text(c, bx + bw / 2, by + 2.8 * mm, f"版本 R{d.revision}", 11, align="center", bold=True)
    y = top - 34 * mm
    if d.revision > 0:
        note = f"本单为第 {d.revision} 次修改版,取代 R{d.revision - 1} 及以前版本,旧单请交回跟单员。"
        text(c, PAGE_W / 2 - 12 * mm, y - 1.5 * mm, note, 8, align="center", color=(0.6, 0, 0))
        y -= 3 * mm
    return y - 1 * mm


def _info(c, d: SheetData, top: float) -> float:
    pairs = [
        ("生产单号", d.number), ("版本", f"R{d.revision}"), ("开单日期", fmt_date(d.date)),
        ("订单号", d.order_no), ("客户", d.client), ("客户PO", d.client_po),
        ("订单类型", d.order_type), ("款号", d.style), ("品名", d.product),
        ("交货日期", fmt_date(d.delivery_date)), ("生产工厂", d.factory), ("跟单员", d.merchandiser),
    ]
    return label_value_grid(c, MARGIN, top, WIDTH, pairs, per_row=3, row_h=7 * mm, label_share=0.34)


def _grid(pages: _Pages, d: SheetData) -> None:
    c = pages.c
    row_h = 6.5 * mm
    pages.need(8 * mm + 3 * row_h)
    text(c, MARGIN, pages.y - 4.5 * mm, f"一、数量明细 Quantity (单位 {d.unit})", 10, bold=True)
    pages.y -= 6.5 * mm
    label_w = 38 * mm if any(len(r) > 8 for r in d.colours) else 28 * mm
    n = max(1, len(d.sizes))
    total_w = 22 * mm
    size_w = (WIDTH - label_w - total_w) / n
    x0 = MARGIN

    def head():
        y = pages.y - row_h
        cell(c, x0, y, label_w, row_h, "颜色 \\ 尺码", size=8.5, align="center", fill=(0.93, 0.93, 0.93))
        for i, s in enumerate(d.sizes):
            cell(c, x0 + label_w + i * size_w, y, size_w, row_h, s, size=9, align="center", fill=(0.93, 0.93, 0.93))
        cell(c, x0 + label_w + n * size_w, y, total_w, row_h, "合计", size=9, align="center", fill=(0.93, 0.93, 0.93))
        pages.y = y

    head()
    for colour in d.colours:
        if pages.y - row_h < BOTTOM:
            pages.need(row_h * 2)
            head()
        y = pages.y - row_h
        cell(c, x0, y, label_w, row_h, colour, size=9)
        for i, s in enumerate(d.sizes):
            q = d.quantities.get((colour, s))
            cell(c, x0 + label_w + i * size_w, y, size_w, row_h, fmt_int(q) if q else "", size=9.5, align="center", font=MONO)
        row_total = sum(d.quantities.get((colour, s), 0) for s in d.sizes)
        cell(c, x0 + label_w + n * size_w, y, total_w, row_h, fmt_int(row_total), size=9.5, align="center", font=MONO, bold=True)
        pages.y = y
    pages.need(row_h)
    y = pages.y - row_h
    cell(c, x0, y, label_w, row_h, "合计 Total", size=9, align="center", fill=(0.93, 0.93, 0.93), bold=True)
    for i, s in enumerate(d.sizes):
        col_total = sum(d.quantities.get((colour, s), 0) for colour in d.colours)
        cell(c, x0 + label_w + i * size_w, y, size_w, row_h, fmt_int(col_total), size=9.5, align="center", font=MONO, bold=True)
    cell(c, x0 + label_w + n * size_w, y, total_w, row_h, fmt_int(d.total), size=10.5, align="center", font=MONO, bold=True)
    pages.y = y - 4 * mm


def _materials(pages: _Pages, d: SheetData) -> None:
    c = pages.c
    row_h = 6.5 * mm
    cols = [
        Column("物料名称", 26), Column("规格", 20), Column("单位", 7, "center"),
        Column("单耗", 10, "right", MONO), Column("损耗%", 8, "right", MONO),
        Column("需用量", 13, "right", MONO), Column("库存", 11, "right", MONO),
        Column("来源", 9, "center"), Column("备注", 20),
    ]
    rows = [[m.name, m.spec, m.unit, fmt_qty(m.consumption, 4), fmt_qty(m.loss_pct), fmt_qty(m.required),
             fmt_qty(m.in_stock), "客供" if m.client_supplied else "自购", m.notes] for m in d.materials]
    pages.need(8 * mm + 2 * row_h)
    text(c, MARGIN, pages.y - 4.5 * mm, "三、物料清单 Materials (需用量 = 总数量 × 单耗 × (1 + 损耗%))", 10, bold=True)
    pages.y -= 6.5 * mm
    if not rows:
        pages.y = table(c, MARGIN, pages.y, WIDTH, cols, [], row_h=row_h, size=8.5)
        cell(c, MARGIN, pages.y - row_h, WIDTH, row_h, "未登记物料(请在“物料”中登记单耗) No materials recorded",
             size=8.5, align="center")
        pages.y -= row_h + 4 * mm
        return
    i = 0
    while i < len(rows):
        fit = max(1, int((pages.y - BOTTOM - row_h) // row_h))
        chunk = rows[i:i + fit]
        pages.y = table(c, MARGIN, pages.y, WIDTH, cols, chunk, row_h=row_h, size=8.5)
        i += len(chunk)
        if i < len(rows):
            pages.need(pages.y)  # forces a new page
    pages.y -= 4 * mm


def _text_box(pages: _Pages, title: str, body: str, min_h: float = 12 * mm) -> None:
    from .layout import paragraph_height

    h = max(min_h, paragraph_height(body, WIDTH - 30 * mm, 9) + 6)
    pages.need(min(h, PAGE_H / 2))
    pages.y = boxed_text(pages.c, MARGIN, pages.y, WIDTH, title, body, min_h=min_h, title_w=24 * mm)


def _signoff(c, y_top: float) -> None:
    boxes = [("编制 Prepared", "跟单员"), ("审核 Approved", "主管"), ("生产签收 Received", "车间")]
    w = WIDTH / 3
    for i, (title, _who) in enumerate(boxes):
        x = MARGIN + i * w
        c.rect(x, y_top - SIGN_H, w, SIGN_H, stroke=1, fill=0)
        text(c, x + 3 * mm, y_top - 5 * mm, title, 9.5, bold=True)
        text(c, x + 3 * mm, y_top - 12.5 * mm, "签名:", 9)
        c.line(x + 13 * mm, y_top - 13 * mm, x + w - 4 * mm, y_top - 13 * mm)
        text(c, x + 3 * mm, y_top - 19 * mm, "日期:", 9)
        c.line(x + 13 * mm, y_top - 19.5 * mm, x + w - 4 * mm, y_top - 19.5 * mm)


def draw_production_sheet(c, d: SheetData) -> None:
    """Draw the sheet on ``c`` (one or more pages, the last one not yet shown)."""
    pages = _Pages(c, d)
    y = _header(c, d)
    pages.y = _info(c, d, y) - 4 * mm
    _grid(pages, d)
    _text_box(pages, "二、客户要求\nRequirements", d.requirements or "—", min_h=16 * mm)
    pages.y -= 4 * mm
    _materials(pages, d)
    _text_box(pages, "四、包装方式\nPacking", d.packing or "—")
    # carton count and shipping marks side by side with the packing box
    row_h = 7 * mm
    pages.need(row_h)
    y = pages.y - row_h
    cell(c, MARGIN, y, 24 * mm, row_h, "箱数 Cartons", size=8.5, align="center", fill=(0.93, 0.93, 0.93))
    cell(c, MARGIN + 24 * mm, y, 30 * mm, row_h, f"{fmt_int(d.carton_count)} 箱" if d.carton_count else "", size=9.5, align="center")
    per = f"约 {d.total / d.carton_count:,.0f} {d.unit}/箱" if d.carton_count else ""
    cell(c, MARGIN + 54 * mm, y, WIDTH - 54 * mm, row_h, f"总数 {fmt_int(d.total)} {d.unit}   {per}", size=9)
    pages.y = y
    _text_box(pages, "唛头\nShipping marks", d.shipping_marks or "—", min_h=16 * mm)
    _text_box(pages, "五、备注\nRemarks", d.remarks or "—")
    pages.need(SIGN_H + 4 * mm)
    _signoff(c, pages.y - 4 * mm)
    pages.finish_page()


def render_production_sheet(d: SheetData) -> bytes:
    c, buf = new_canvas(A4, f"生产单 {d.number} R{d.revision}", d.company.name)
    draw_production_sheet(c, d)
    pages = c.getPageNumber()
    c.showPage()
    c.beginForm("page_total")
    text(c, 0, 0, f"{pages} 页", 7.5)
    c.endForm()
    c.save()
    return buf.getvalue()
