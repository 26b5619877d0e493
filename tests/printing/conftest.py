"""Orders with a production sheet and flow cards, built straight from the models.

The production services (core/production.py) are written in parallel; building
rows directly keeps these tests about the paper, not about issuing rules.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from gendan_desktop.core.common import set_setting
from gendan_desktop.core.models import (
    Client, Factory, FlowCard, FlowCardStep, MaterialRequirement, Order, OrderLine, ProductionSheet,
)

STEPS = ["裁床", "车缝", "印花", "后整", "质检", "包装"]
COLOURS = ["藏青 Navy", "白色 White", "红色 Red"]
SIZES = ["S", "M", "L", "XL"]


def make_order(number="SO2611-0001", *, colours=COLOURS, sizes=SIZES, cards_per_line=1,
               revision=0, status="in_production", materials=3):
    client = Client.create(code="C-ACME", name="宁波远航贸易有限公司", country="美国")
    factory = Factory.create(name="本厂一车间", kind="own")
    order = Order.create(
        number=number, client=client, client_po="PO-778812", order_type="normal",
        order_date=dt.date(2026, 11, 2), delivery_date=dt.date(2026, 12, 20), status=status,
        revision=revision, factory=factory, merchandiser="李芳",
        client_requirements="面料按批板样颜色,色差≥4级;所有车线用同色线,针距 12针/3cm。\n"
                            "洗水标、主标位置见附图;每件挂吊牌。",
        packing="每件入胶袋,12件一内盒,48件一外箱,混码不混色。",
        shipping_marks="ACME / PO-778812\nSTYLE: T-2031\nC/NO. 1-UP\nMADE IN CHINA",
    )
    qty = 120
    lines = []
    n = 1
    for colour in colours:
        for size in sizes:
            lines.append(OrderLine.create(order=order, line_no=n, style="T-2031", product="男式圆领T恤",
                                          colour=colour, size=size, quantity=qty + 12 * n,
                                          unit_price=Decimal("3.85")))
            n += 1
    for i in range(materials):
        MaterialRequirement.create(order=order, name=["全棉汗布 180g", "罗纹领", "主唛", "吊牌", "胶袋"][i % 5],
                                   spec=["幅宽 180cm", "1×1 2cm", "织唛", "纸质", "PE 30×40"][i % 5],
                                   unit=["kg", "m", "个", "个", "个"][i % 5],
                                   consumption_per_piece=Decimal(["0.2150", "0.45", "1", "1", "1"][i % 5]),
                                   loss_rate_pct=Decimal(["3", "5", "1", "1", "2"][i % 5]),
                                   in_stock=Decimal("150"), supplied_by_client=(i == 2))
    sheet = ProductionSheet.create(number=f"PS{number[2:]}", order=order, revision=revision,
                                   issued_at=dt.datetime(2026, 11, 5, 9, 30),
                                   carton_count=sum(ln.quantity for ln in lines) // 48 + 1,
                                   remarks="大货前先做产前样给客户确认。")
    cards = []
    k = 1
    for ln in lines:
        for b in range(cards_per_line):
            card = FlowCard.create(number=f"FC{number[2:]}-{k:03d}", order=order, sheet=sheet, order_line=ln,
                                   batch_no=b + 1, style=ln.style, colour=ln.colour, size=ln.size,
                                   quantity=ln.quantity // cards_per_line, factory=factory, revision=revision,
                                   planned_start=dt.date(2026, 11, 10), planned_finish=dt.date(2026, 12, 10))
            for s, name in enumerate(STEPS, 1):
                FlowCardStep.create(card=card, seq=s, name=name, planned_date=dt.date(2026, 11, 10 + 3 * s))
            cards.append(card)
            k += 1
    return order, sheet, cards


@pytest.fixture
def company(db):
    set_setting("company_name", "宁波华美服饰有限公司 Ningbo Huamei Garment Co., Ltd.")
    set_setting("company_address", "浙江省宁波市鄞州区工业园区 88 号")
    set_setting("company_phone", "+86 574 8888 6666")
    return db


def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path) -> str:
    return run("pdftotext", "-layout", str(path), "-")


def page_count(path: Path) -> int:
    for line in run("pdfinfo", str(path)).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def render_pages(path: Path, dpi: int = 200, colour: bool = False) -> list[Path]:
    prefix = path.with_suffix("")
    run("pdftoppm", "-r", str(dpi), *([] if colour else ["-gray"]), "-png", str(path), str(prefix))
    return sorted(path.parent.glob(prefix.name + "-*.png"))


def red_share(png: Path, top: float = 0.0, bottom: float = 1.0) -> float:
    """Share of the pixels in a horizontal band of the page that are stamp-red."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    w, h = img.size
    band = img.crop((0, int(h * top), w, int(h * bottom))).resize((w // 4, max(1, int(h * (bottom - top)) // 4)))
    data = band.tobytes()
    reds = sum(1 for r, g, b in zip(data[0::3], data[1::3], data[2::3]) if r - g > 40 and r - b > 40)
    return reds / (len(data) // 3)


def decode(png: Path) -> list[tuple[str, str]]:
    """Every symbol zbarimg finds on a page: (type, data)."""
    res = subprocess.run(["zbarimg", "--quiet", str(png)], capture_output=True, text=True)
    out = []
    for line in res.stdout.splitlines():
        kind, _, data = line.partition(":")
        out.append((kind, data))
    return out


needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("zbarimg")),
                                   reason="poppler-utils and zbar-tools are needed")
