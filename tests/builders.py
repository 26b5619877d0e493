"""Builders for tests: clients and orders, in one place.

* ``make_order``, ``make_confirmed``, ``make_in_production`` go through the
  order services (core/orders.py), as the order form does.
* ``make_stored_order`` writes an order straight on the models in any status,
  by default with every piece finished (the money tests: shipments, payments,
  statements need no walk through the workflow).
* ``make_order_with_paper`` writes an order with materials, a production sheet
  and flow cards on the models (the printing tests).

Clients are rows on the model (the client rules have their own tests), each
with a name of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from gendan_desktop.core import orders
from gendan_desktop.core.models import (
    Client,
    Factory,
    FlowCard,
    FlowCardStep,
    MaterialRequirement,
    Order,
    OrderLine,
    ProductionSheet,
)

TODAY = dt.date.today()
STEPS = ["裁床", "车缝", "印花", "后整", "质检", "包装"]
COLOURS = ["藏青 Navy", "白色 White", "红色 Red"]
SIZES = ["S", "M", "L", "XL"]
_seq = itertools.count(1)


def make_client(name: str = "", *, currency: str = "USD", archived: bool = False) -> Client:
    """A client named ``name`` (default: 测试客户N, unique)."""
    n = next(_seq)
    return Client.create(code=f"T{n:05d}", name=name or f"测试客户{n}", default_currency=currency, archived=archived)


def two_lines(red: int = 100, blue: int = 200) -> list[dict]:
    """Two lines of one T-shirt style: red M at 3.50 and blue L at 3.60."""
    return [
        {"style": "T100", "product": "圆领T恤", "colour": "红", "size": "M", "quantity": red, "unit_price": "3.50"},
        {"style": "T100", "product": "圆领T恤", "colour": "蓝", "size": "L", "quantity": blue, "unit_price": "3.60"},
    ]


def make_order(client: Client | None = None, lines: list[dict] | None = None, *,
               delivery_date: dt.date | str | None = None, **header) -> Order:
    """A draft order through orders.create_order (default: a new client, ``two_lines()``, due in 45 days)."""
    client = client or make_client()
    return orders.create_order(client.id, lines=two_lines() if lines is None else lines,
                               delivery_date=delivery_date or TODAY + dt.timedelta(days=45), **header)


def review_all(order: Order) -> Order:
    """Tick every review item (the order becomes reviewed)."""
    return orders.set_review(order.id, True, True, True, True, True, "", order.version)


def make_confirmed(client: Client | None = None, lines: list[dict] | None = None, **kw) -> Order:
    order = review_all(make_order(client, lines, **kw))
    return orders.confirm_order(order.id, expected_version=order.version)


def make_in_production(client: Client | None = None, lines: list[dict] | None = None, **kw) -> Order:
    order = make_confirmed(client, lines, **kw)
    orders.set_status(order, "in_production")
    return orders.get_order(order.id)


def lines_of(order: Order) -> list[OrderLine]:
    """The order's lines as stored, in line order."""
    return orders.order_lines(order.id)


def make_stored_order(client: Client, lines=(("A100", "Red", "M", 100, "2.50"),), *, currency: str = "USD",
                      status: str = "confirmed", order_date: dt.date = dt.date(2026, 1, 5), client_po: str = "",
                      finished: bool = True) -> Order:
    """An order written on the models in ``status``; ``lines`` are (style, colour, size, quantity, price)."""
    n = next(_seq)
    order = Order.create(number=f"SO-T{n:05d}", client=client, currency=currency, order_date=order_date,
                         delivery_date=order_date + dt.timedelta(days=60), status=status,
                         client_po=client_po or f"PO-{n}")
    for i, (style, colour, size, qty, price) in enumerate(lines, start=1):
        line = OrderLine.create(order=order, line_no=i, style=style, colour=colour, size=size, quantity=qty,
                                unit_price=Decimal(price), product=f"T恤 {style}")
        if finished:
            finish_line(order, line)
    return order


def finish_line(order: Order, line: OrderLine) -> FlowCard:
    """A flow card for the whole line whose only step put out every piece good."""
    card = FlowCard.create(number=f"LC-T{next(_seq):05d}", order=order, order_line=line, quantity=line.quantity,
                           style=line.style, colour=line.colour, size=line.size)
    FlowCardStep.create(card=card, seq=1, name="包装", qty_in=line.quantity, qty_good=line.quantity,
                        finished_at=order.order_date)
    return card


def make_order_with_paper(number="SO2611-0001", *, colours=COLOURS, sizes=SIZES, cards_per_line=1,
                          revision=0, status="in_production", materials=3):
    """An order of ``colours`` × ``sizes`` lines with materials, a production sheet and
    ``cards_per_line`` flow cards per line of six steps: (order, sheet, cards).
    Built straight on the models, so printing tests are about the paper.
    """
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
