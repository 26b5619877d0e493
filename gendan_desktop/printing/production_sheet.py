"""生产单 production sheet: A4 portrait, what production must make and how.

``load_production_sheet(sheet_id)`` reads the database into ``SheetData``;
``render_production_sheet(data)`` lays it out with platypus (flow.py) and
returns PDF bytes. Long content (many colours, materials, requirements) wraps
inside its cells and flows onto continuation pages that repeat a short header
and the tables' heading rows; the sign-off boxes always close the last page,
together with the remarks above them.

The sheet is a list of numbered ``SECTIONS`` after the header fields
(``info_pairs``): to add a field, add a pair; to add a section, insert a
``Section`` — the numbers 一、二、… follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..core.paper import void_reason
from .barcodes import draw_qr
from .company import Company, client_display, client_text, draw_letterhead
from .flow import (
    GREY,
    CanvasBlock,
    cell_width,
    grid,
    group_start,
    heading,
    label_value_table,
    para,
    render,
    text_box,
    widths,
)
from .fonts import MONO, register_fonts, text_width
from .layout import fmt_date, fmt_int, fmt_qty, text
from .page import a4_portrait, continuation_title, footer, heading_cells, row_cells
from .watermark import draw_void

PAGE = a4_portrait(12 * mm, bottom=14 * mm, later_header=11 * mm)
PAGE_W, PAGE_H = PAGE.size
MARGIN, BOTTOM, WIDTH = PAGE.left, PAGE.bottom, PAGE.width
SIGN_H = 22 * mm
TITLE_W = 24 * mm  # title cell of the text boxes
GAP = 4 * mm

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
    sample: str = ""  # the approved sample the bulk follows (小样 → 批板 → 大货)
    # (factory name, pieces, outsourced) of the live cards; several = a split order
    factory_shares: list[tuple[str, int, bool]] = field(default_factory=list)
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
    from ..core.factories import factory_shares
    from ..core.samples import sample_summary

    shares = [(r["name"] or "本厂", r["quantity"], r["outsourced"]) for r in factory_shares(order.id)]
    styles = list(dict.fromkeys(ln.style for ln in lines if ln.style))
    products = list(dict.fromkeys(ln.product for ln in lines if ln.product))
    units = list(dict.fromkeys(ln.unit for ln in lines if ln.unit))
    client = order.client

    def masked(value: str) -> str:  # free text names the client only as the settings allow
        return client_text(value, client)

    return SheetData(
        number=sheet.number, revision=sheet.revision, date=(sheet.issued_at or dt.datetime.now()).date(),
        order_no=order.number, client=client_display(client), client_po=order.client_po,
        order_type=enums.label("order_type", order.order_type, "zh"),
        style=" / ".join(styles), product=" / ".join(products),
        delivery_date=order.delivery_date, factory=_factory_text(shares),
        merchandiser=order.merchandiser, unit=units[0] if len(units) == 1 else "pcs",
        colours=rows, sizes=sizes, quantities=qty,
        requirements=masked(sheet.client_requirements or order.client_requirements),
        materials=materials, packing=masked(sheet.packing or order.packing), carton_count=sheet.carton_count,
        shipping_marks=masked(sheet.shipping_marks or order.shipping_marks),
        remarks=masked(sheet.remarks or order.notes),  # sheets issued before the order's 备注 was copied
        sample=sample_summary(order.sample_id, "zh", brief=True), factory_shares=shares,
        void=void_reason(sheet, order), company=Company.from_settings(),
    )


def _factory_text(shares: list[tuple[str, int, bool]]) -> str:
    """生产工厂: the one factory, or the first and how many more (the split is listed below)."""
    if not shares:
        return "本厂"
    if len(shares) == 1:
        name, _qty, out = shares[0]
        return f"{name}(外发)" if out else name
    return f"{shares[0][0]} 等 {len(shares)} 家(见分配)"


def factory_split_text(shares: list[tuple[str, int, bool]]) -> str:
    """Each factory's share, outsourced pieces marked: for a sheet whose pieces go to several factories."""
    total = sum(q for _n, q, _o in shares) or 1
    return "\n".join(f"{name}:{qty:,} 件({qty * 100 // total}%)" + (" — 外发 Outsourced" if out else "")
                     for name, qty, out in shares)


# ------------------------------------------------------------------ drawing --
def info_pairs(d: SheetData) -> list[tuple[str, str]]:
    """The header fields, three to a row."""
    return [
        ("生产单号", d.number), ("版本", f"R{d.revision}"), ("开单日期", fmt_date(d.date)),
        ("订单号", d.order_no), ("客户", d.client), ("客户PO", d.client_po),
        ("订单类型", d.order_type), ("款号", d.style), ("品名", d.product),
        ("交货日期", fmt_date(d.delivery_date)), ("生产工厂", d.factory), ("跟单员", d.merchandiser),
    ] + ([("样品/批板", d.sample)] if d.sample else [])


@dataclass(frozen=True)
class Section:
    """A numbered part of the sheet: ``build(data, number)`` returns its flowables,
    ``number`` being "一、", "二、"… by its place in SECTIONS."""

    key: str
    build: Callable[[SheetData, str], list[Flowable]]


def _quantities(d: SheetData, n: str) -> list[Flowable]:
    longest = max((text_width(r, 9) for r in d.colours), default=0)
    label_w = min(max(28 * mm, longest + 8), WIDTH * 0.4)
    total_w = 22 * mm
    sizes = d.sizes or ["-"]
    col_w = [label_w] + [(WIDTH - label_w - total_w) / len(sizes)] * len(sizes) + [total_w]
    fits = [cell_width(w) for w in col_w]

    def num(value, i, size=9.5, bold=False):
        return para(fmt_int(value) if value else "", size, font=MONO, align="center", bold=bold, fit=fits[i])

    rows = [[para("颜色 \\ 尺码", 8.5, align="center", fit=fits[0])]
            + [para(s, 9, align="center", fit=fits[i + 1]) for i, s in enumerate(sizes)]
            + [para("合计", 9, align="center")]]
    for colour in d.colours:
        q = [d.quantities.get((colour, s), 0) for s in sizes]
        rows.append([para(colour, 9)] + [num(v, i + 1) for i,
                                         v in enumerate(q)] + [num(sum(q), len(sizes) + 1, bold=True)])
    col_totals = [sum(d.quantities.get((c, s), 0) for c in d.colours) for s in sizes]
    rows.append([para("合计 Total", 9, align="center", bold=True)]
                + [num(v, i + 1, bold=True) for i, v in enumerate(col_totals)]
                + [num(d.total, len(sizes) + 1, 10.5, bold=True)])
    out: list[Flowable] = [grid(rows, col_w, min_row_height=6.5 * mm, extra=[("BACKGROUND", (0, -1), (0, -1), GREY)],
                                caption=heading(f"{n}数量明细 Quantity (单位 {d.unit})"))]
    if len(d.factory_shares) > 1:  # pieces split between factories: each one's share, outsourced marked
        out += [Spacer(1, 2 * mm), text_box("生产工厂分配\nFactories", factory_split_text(d.factory_shares), WIDTH,
                                            title_w=TITLE_W, min_height=10 * mm)]
    return out


def _requirements(d: SheetData, n: str) -> list[Flowable]:
    return [text_box(f"{n}客户要求\nRequirements", d.requirements, WIDTH, title_w=TITLE_W, min_height=16 * mm)]


MATERIAL_COLUMNS = [("物料名称", 26, "left"), ("规格", 20, "left"), ("单位", 7, "center"), ("单耗", 10, "right"),
                    ("损耗%", 8, "right"), ("需用量", 13, "right"), ("库存", 11, "right"), ("来源", 9, "center"),
                    ("备注", 20, "left")]


def _materials(d: SheetData, n: str) -> list[Flowable]:
    col_w = widths(WIDTH, [w for _, w, _ in MATERIAL_COLUMNS])
    texts = [i for i, (_, _, align) in enumerate(MATERIAL_COLUMNS) if align == "left"]
    rows: list[list] = [heading_cells(MATERIAL_COLUMNS, col_w, 8.5)]
    for m in d.materials:
        values = [m.name, m.spec, m.unit, fmt_qty(m.consumption, 4), fmt_qty(m.loss_pct), fmt_qty(m.required),
                  fmt_qty(m.in_stock), "客供" if m.client_supplied else "自购", m.notes]
        rows.append(row_cells(values, MATERIAL_COLUMNS, col_w, 8.5, wrap=texts))
    title = heading(f"{n}物料清单 Materials (需用量 = 总数量 × 单耗 × (1 + 损耗%))")
    if d.materials:
        return [grid(rows, col_w, min_row_height=6.5 * mm, caption=title)]
    none = grid([[para("未登记物料(请在“物料”中登记单耗) No materials recorded", 8.5, align="center")]], [WIDTH],
                header_rows=0, long=False, min_row_height=6.5 * mm)
    return [KeepTogether([grid(rows, col_w, min_row_height=6.5 * mm, caption=title), none])]


def _packing(d: SheetData, n: str) -> list[Flowable]:
    per = f"约 {d.total / d.carton_count:,.0f} {d.unit}/箱" if d.carton_count else ""
    col_w = [TITLE_W, 30 * mm, WIDTH - TITLE_W - 30 * mm]
    cartons = grid([[para("箱数 Cartons", 8.5, align="center", fit=cell_width(TITLE_W)),
                     para(f"{fmt_int(d.carton_count)} 箱" if d.carton_count else "", 9.5, align="center",
                          fit=cell_width(col_w[1])),
                     para(f"总数 {fmt_int(d.total)} {d.unit}   {per}", 9)]],
                   col_w, header_rows=0, long=False, min_row_height=7 * mm, extra=[("BACKGROUND", (0, 0), (0, 0),
                                                                                    GREY)])
    return [text_box(f"{n}包装方式\nPacking", d.packing, WIDTH, title_w=TITLE_W, min_height=12 * mm), cartons,
            text_box("唛头\nShipping marks", d.shipping_marks, WIDTH, title_w=TITLE_W, min_height=16 * mm)]


def _remarks(d: SheetData, n: str) -> list[Flowable]:
    return [text_box(f"{n}备注\nRemarks", d.remarks, WIDTH, title_w=TITLE_W, min_height=12 * mm)]


SECTIONS: list[Section] = [
    Section("quantities", _quantities), Section("requirements", _requirements), Section("materials", _materials),
    Section("packing", _packing), Section("remarks", _remarks),
]
_NUMERALS = "一二三四五六七八九十"


def _number(i: int) -> str:
    return (_NUMERALS[i] if i < 10 else f"{i + 1}") + "、"


def _header(d: SheetData) -> CanvasBlock:
    height = 37 * mm if d.revision > 0 else 34 * mm

    def draw(c, w, h):
        qr = 27 * mm
        centre = w / 2 - 12 * mm  # the title sits a little left of the page centre, clear of the QR
        draw_letterhead(c, d.company, 0, h, w - qr - 4 * mm)
        draw_qr(c, d.number, w - qr, h - qr + 2 * mm, qr)
        text(c, w - qr / 2, h - qr - 1 * mm, d.number, 7.5, font=MONO, align="center")
        text(c, centre, h - 25 * mm, "生产单", 20, align="center", bold=True, spacing=8)
        text(c, centre, h - 30.5 * mm, "PRODUCTION SHEET", 9.5, align="center")
        # revision badge: the floor must see at a glance which revision they hold
        bw, bh, by = 22 * mm, 9 * mm, h - 31 * mm
        c.setLineWidth(1.4)
        c.rect(0, by, bw, bh, stroke=1, fill=0)
        c.setLineWidth(0.6)
        text(c, bw / 2, by + 2.8 * mm, f"版本 R{d.revision}", 11, align="center", bold=True)
        if d.revision > 0:
            note = f"本单为第 {d.revision} 次修改版,取代 R{d.revision - 1} 及以前版本,旧单请交回跟单员。"
            text(c, centre, h - 35.5 * mm, note, 8, align="center", color=(0.6, 0, 0))
    return CanvasBlock(height, draw)


def _signoff() -> CanvasBlock:
    def draw(c, w, h):
        box = w / 3
        for i, title in enumerate(("编制 Prepared", "审核 Approved", "生产签收 Received")):
            x = i * box
            c.rect(x, 0, box, h, stroke=1, fill=0)
            text(c, x + 3 * mm, h - 5 * mm, title, 9.5, bold=True)
            text(c, x + 3 * mm, h - 12.5 * mm, "签名:", 9)
            c.line(x + 13 * mm, h - 13 * mm, x + box - 4 * mm, h - 13 * mm)
            text(c, x + 3 * mm, h - 19 * mm, "日期:", 9)
            c.line(x + 13 * mm, h - 19.5 * mm, x + box - 4 * mm, h - 19.5 * mm)
    return CanvasBlock(SIGN_H, draw)


def sheet_story(d: SheetData) -> list[Flowable]:
    story: list[Flowable] = [*group_start("sheet", d, first=True), _header(d),
                             label_value_table(info_pairs(d), WIDTH, per_row=3, label_share=0.34, size=9,
                                               min_row_height=7 * mm)]
    parts = [section.build(d, _number(i)) for i, section in enumerate(SECTIONS)]
    for flowables in parts[:-1]:
        story += [Spacer(1, GAP), *flowables]
    # the sign-off never stands alone: it keeps the last section with it
    story += [Spacer(1, GAP), KeepTogether([*parts[-1], Spacer(1, GAP), _signoff()])]
    return story


def _footer(c, d: SheetData, page: int) -> None:
    c.setLineWidth(0.4)
    c.line(MARGIN, BOTTOM - 4 * mm, PAGE_W - MARGIN, BOTTOM - 4 * mm)
    footer(c, PAGE, f"{d.number}  R{d.revision}  ·  订单 {d.order_no}", page)


def _continuation_header(c, d: SheetData) -> None:
    top = PAGE_H - MARGIN
    continuation_title(c, PAGE, "生产单 PRODUCTION SHEET（续 cont.）", size=11)
    text(c, PAGE_W - MARGIN, top - 5 * mm, f"{d.number}  R{d.revision}  订单 {d.order_no}", 9, align="right")
    c.line(MARGIN, top - 8 * mm, PAGE_W - MARGIN, top - 8 * mm)


def _stamp(c, d: SheetData) -> None:
    if d.void:
        draw_void(c, 0, 0, PAGE_W, PAGE_H, d.void, reason_y=PAGE_H - 7 * mm)  # above the letterhead


def render_production_sheet(d: SheetData) -> bytes:
    register_fonts()  # the story measures text while it is built
    return render(sheet_story(d), PAGE, title=f"生产单 {d.number} R{d.revision}", author=d.company.name,
                  footer=_footer, later_header=_continuation_header, stamp=_stamp)
