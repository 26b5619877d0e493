"""Documents with long Chinese and English texts and many lines, so that cells
wrap and pages break: what a merchandiser types when the client writes a lot."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gendan_desktop.core.models import (
    Client,
    Contact,
    Factory,
    FlowCard,
    FlowCardStep,
    MaterialRequirement,
    Order,
    OrderLine,
    Payment,
    ProductionSheet,
    Quotation,
    QuotationItem,
    Shipment,
    ShipmentLine,
)

CLIENT = "宁波远航国际贸易有限公司(原宁波远航进出口贸易集团股份有限公司)华东区服装采购事业部"
CLIENT_EN = "Ningbo Yuanhang International Trading Co., Ltd. — East China Garment Sourcing Division"
STYLES = ["YH-2026-AW-OUTER-0001-LONGCODE", "YH-2026-AW-SHIRT-0002", "YH-2026-AW-KNIT-0003"]
PRODUCTS = ["女式羊毛混纺长款双面呢大衣(含可拆卸毛领及腰带)Women's double-faced wool blend long coat",
            "男式全棉磨毛格子长袖衬衫 Men's brushed cotton check long-sleeve shirt with button-down collar",
            "儿童加绒连帽卫衣套装 Kids' fleece-lined hoodie and jogger set"]
COLOURS = ["藏青色/海军蓝 Navy Blue Heather Melange", "酒红色 Burgundy Wine Red (Pantone 19-1725 TPX)",
           "米白 Off-White"]
SIZES = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "3XL", "4XL", "5XL"]
REQUIREMENTS = ("面料按批板样颜色,色差≥4级,每缸须剪布样寄客户确认后方可开裁;所有车线用同色线,针距 12针/3cm,"
                "不可有跳针、浮线、断线;洗水标、主标、尺码标位置严格按附图,吊牌挂在左袖口第二粒扣眼。\n"
                "Fabric colour must match the approved bulk swatch within grade 4 of the grey scale; "
                "each dye lot needs the buyer's written approval before cutting. Stitching 12 stitches per 3 cm, "
                "no skipped stitches. Labels placed exactly as per the attached artwork, "
                "hang tag on the left cuff.\n") * 3
PACKING = ("每件入单独胶袋(胶袋印警告语 SUFFOCATION WARNING),12件一内盒,48件一外箱,混码不混色,外箱五层瓦楞,"
           "箱内放干燥剂两包;Each piece in its own polybag, 12 pcs per inner box, 48 pcs per export carton.")
MARKS = (f"{CLIENT}\nPO NO.: YH-PO-2026-778812-AW-OUTERWEAR-EAST\nSTYLE NO.: {STYLES[0]}\n"
         "COLOUR / SIZE / QTY: ________\nC/NO. 1-UP   MADE IN CHINA   G.W. / N.W. ____ KG")
NOTES = ("大货前先做产前样给客户确认;酒红色缸差要控制在4级以上;交期不可延误,如有延误须提前两周书面通知客户。"
         "Pre-production samples to the buyer before bulk; any delay must be announced two weeks ahead in writing.")


def _client() -> Client:
    existing = Client.get_or_none(Client.code == "C-LONG-0001")
    if existing is not None:
        return existing
    client = Client.create(code="C-LONG-0001", name=CLIENT, name_en=CLIENT_EN, country="中国",
                           address="浙江省宁波市鄞州区首南街道天童南路 588 号宁波商会国贸中心 A 座 28 楼 2801-2806 室 "
                                   "Room 2801-2806, Tower A, Ningbo Chamber of Commerce Trade Centre, 588 Tiantong "
                                   "South Road",
                           payment_terms="30% T/T 定金,余款见提单副本 30 天内付清 / 30% deposit, balance 30 days "
                                         "after B/L copy")
    Contact.create(client=client, name="Alexandra Catherine Montgomery-Smythe 蒙哥马利", is_primary=True)
    return client


def long_order(client: Client | None = None, *, cards: bool = True, status: str = "in_production"):
    """Three styles × three colours × ten sizes, 25 materials, 14-step cards with long notes."""
    client = client or _client()
    factory = Factory.create(name="宁波华美服饰有限公司第二生产基地(奉化工业园区)外发加工车间", kind="own")
    order = Order.create(number="SO2611-0777", client=client, client_po="YH-PO-2026-778812-AW-OUTERWEAR-EAST",
                         order_date=dt.date(2026, 11, 2), delivery_date=dt.date(2027, 1, 20), status=status,
                         factory=factory, merchandiser="欧阳倩倩 Ouyang Qianqian", client_requirements=REQUIREMENTS,
                         packing=PACKING, shipping_marks=MARKS, notes=NOTES)
    lines = []
    n = 1
    for style, product in zip(STYLES, PRODUCTS):
        for colour in COLOURS:
            for size in SIZES:
                lines.append(OrderLine.create(order=order, line_no=n, style=style, product=product, colour=colour,
                                              size=size, quantity=1000 + 37 * n, unit_price=Decimal("23.85")))
                n += 1
    for i in range(25):
        MaterialRequirement.create(order=order, name=f"主面料{i + 1:02d} 羊毛混纺双面呢 70% Wool 30% Polyester",
                                   spec="幅宽 148cm,克重 650g/m²,缩率经向≤3% 纬向≤2% Width 148 cm",
                                   unit="m", consumption_per_piece=Decimal("2.3750"), loss_rate_pct=Decimal("3.5"),
                                   in_stock=Decimal("12345.5"), supplied_by_client=i % 4 == 0,
                                   notes="须送 SGS 检测甲醛、色牢度,报告随大货 Test report by SGS required")
    sheet = ProductionSheet.create(number="PS2611-0777", order=order, issued_at=dt.datetime(2026, 11, 5, 9, 30),
                                   client_requirements=REQUIREMENTS, packing=PACKING, shipping_marks=MARKS,
                                   carton_count=1234, remarks=NOTES)
    made = []
    if cards:
        for k, ln in enumerate(lines[:3], 1):
            card = FlowCard.create(number=f"LC2611-0777-{k:03d}", order=order, sheet=sheet, order_line=ln,
                                   style=ln.style, colour=ln.colour, size=ln.size, quantity=ln.quantity,
                                   factory=factory, planned_start=dt.date(2026, 11, 10),
                                   planned_finish=dt.date(2026, 12, 30), notes=NOTES * 2)
            for s in range(1, 15 + 10 * (k == 3)):  # the third card: a route longer than the card
                FlowCardStep.create(card=card, seq=s, name=f"工序{s:02d} 裁床/车缝/整烫/质检 Cutting & sewing",
                                    planned_date=dt.date(2026, 11, 10) + dt.timedelta(days=2 * s))
            made.append(card)
    return order, sheet, made


def long_quotation(n_items: int = 60, pi: bool = True) -> Quotation:
    client = _client()
    q = Quotation.create(number="QT2611-0777", client=client, date=dt.date(2026, 11, 3), currency="USD",
                         valid_until=dt.date(2026, 12, 3), trade_terms="FOB Ningbo",
                         payment_terms="30% T/T 定金,余款见提单副本 30 天内付清 / 30% deposit, balance 30 days after "
                                       "B/L",
                         pi_number="PI2611-0777" if pi else None, pi_date=dt.date(2026, 11, 8) if pi else None,
                         status="pi" if pi else "sent", notes=NOTES * 2)
    for i in range(1, n_items + 1):
        QuotationItem.create(quotation=q, line_no=i, style=STYLES[i % 3] + f"-{i:03d}", product=PRODUCTS[i % 3],
                             description=COLOURS[i % 3] + ",面料 70% 羊毛 30% 涤纶,含里布及填充,按客户确认样生产",
                             quantity=123456 + i, unit="pcs", unit_price=Decimal("1234.5678"))
    return q


def long_statement_client() -> Client:
    """Eighty shipments and payments in two currencies, with long descriptions."""
    client = _client()
    for cur, base in (("USD", 0), ("CNY", 40)):
        po = "YH-PO-2026-778812-AW-OUTERWEAR-" + ("EAST" if cur == "USD" else "WEST")  # one PO, one order
        order = Order.create(number=f"SO2610-{cur}", client=client, client_po=po,
                             order_date=dt.date(2026, 9, 1), delivery_date=dt.date(2026, 10, 20), status="shipped",
                             currency=cur)
        for i in range(40):
            line = OrderLine.create(order=order, line_no=i + 1, style=STYLES[i % 3], product=PRODUCTS[i % 3],
                                    colour=COLOURS[i % 3], size=SIZES[i % 10], quantity=123456,
                                    unit_price=Decimal("1234.5678"))
            sh = Shipment.create(number=f"SH2610-{base + i:04d}", order=order, date=dt.date(2026, 10, 1 + i % 28))
            ShipmentLine.create(shipment=sh, order_line=line, quantity=123456, unit_price=Decimal("1234.5678"))
            if i % 4 == 0:
                Payment.create(client=client, order=order, kind="balance", amount=Decimal("9876543.21"), currency=cur,
                               date=dt.date(2026, 10, 2 + i % 27),
                               reference=f"TT-HSBC-HK-2026-{i:04d}-REMITTANCE-FROM-YUANHANG-INTL")
    return client
