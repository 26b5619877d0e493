"""Demo data of a Chinese garment and textile factory, in every state.

``fill_demo(clients, orders, seed)`` fills an empty database: clients (Chinese
and foreign, every source, key and ordinary, contacts, tags), follow-ups with
reminders due today and overdue, visits, dispatches, quotations and PIs (some
about to expire), samples in each state, orders in every status and type,
revisions with recalled paper (some not yet returned), cancellations,
production sheets, flow cards with progress, materials and late purchases,
production exceptions, factories, shipments, payments, complaints with
credits and a remake. The same seed on the same day gives the same data; dates
are relative to today so the workbench always has something to show.

Rows are written under the ORM (core/demo_bulk.py): 10,000 clients and
100,000 orders (some 2.6 million rows) took 29 s here, 11 s of it in SQLite.
The search index is filled once at the end instead of by its triggers row by
row.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from .common import format_number, number_counter
from .db import current_database, is_sqlite, write_transaction
from .demo_bulk import Bulk, iso
from .errors import StateError
from .models import (
    Client,
    ClientTag,
    Contact,
    Counter,
    Dispatch,
    Factory,
    FollowUp,
    Order,
    Quotation,
    QuotationItem,
    RouteTemplate,
    RouteTemplateStep,
    Sample,
    Setting,
    Visit,
)
from .client_matching import client_keys
from .limits import DEMO_CLIENTS, DEMO_ORDERS
from .pinyin import pinyin_key

money = QuotationItem.unit_price.db_value
rate = Quotation.exchange_rate.db_value

# ------------------------------------------------------------ vocabulary ---
CN_CITIES = ["上海", "广州", "深圳", "杭州", "宁波", "苏州", "东莞", "佛山", "青岛", "厦门",
             "绍兴", "温州", "泉州", "无锡", "常州", "南通", "嘉兴", "义乌", "中山", "香港"]
CN_WORDS = ["锦华", "恒达", "华美", "永盛", "新丰", "瑞祥", "金源", "天虹", "盛世", "宏图",
            "凯旋", "美嘉", "鸿运", "雅戈", "嘉和", "裕丰", "森林", "蓝海", "海澜", "佳纺",
            "丝路", "彩虹", "东方", "明珠", "富华", "锦绣", "利达", "百川", "晨光", "福润"]
CN_KINDS = ["服饰有限公司", "制衣有限公司", "纺织品有限公司", "贸易有限公司", "针织有限公司",
            "进出口有限公司", "时装有限公司", "实业有限公司"]
SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "林"]
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "霞", "平"]
FOREIGN = {
    "United States": (["Blue Ridge", "Pacific", "Liberty", "Summit", "Harbor", "Maple Leaf", "Golden Gate"],
                      ["Apparel Inc.", "Outfitters LLC", "Garments Corp.", "Trading Co."], "USD",
                      ["John Smith", "Emily Johnson", "Michael Brown", "Sarah Davis"]),
    "United Kingdom": (["Thames", "Oxford", "Highland", "Windsor", "Camden"],
                       ["Clothing Ltd", "Textiles Ltd", "Fashion Ltd"], "GBP",
                       ["James Wilson", "Charlotte Evans", "Oliver Taylor"]),
    "Germany": (["Nordstern", "Rheinland", "Alpen", "Hansa", "Bergmann"],
                ["Textil GmbH", "Mode GmbH", "Bekleidung AG"], "EUR",
                ["Lukas Müller", "Anna Schmidt", "Felix Weber"]),
    "Italy": (["Bella", "Milano", "Toscana", "Riviera"], ["Moda S.r.l.", "Tessuti S.p.A."], "EUR",
              ["Marco Rossi", "Giulia Bianchi", "Luca Romano"]),
    "France": (["Lumière", "Provence", "Rive Gauche"], ["Textiles SARL", "Mode SAS"], "EUR",
               ["Camille Martin", "Hugo Bernard", "Léa Dubois"]),
    "Sweden": (["Nordic", "Fjord", "Svea"], ["Apparel AB", "Kläder AB"], "EUR",
               ["Erik Lindqvist", "Sara Nilsson"]),
    "Japan": (["Sakura", "Fuji", "Aoi"], ["Apparel K.K.", "Trading Co., Ltd."], "JPY",
              ["Tanaka Hiroshi", "Suzuki Yuki"]),
    "Australia": (["Southern Cross", "Coral", "Outback"], ["Clothing Pty Ltd", "Textiles Pty Ltd"], "USD",
                  ["Jack Thompson", "Chloe White"]),
    "United Arab Emirates": (["Al Noor", "Desert Rose", "Gulf Star"], ["Garments LLC", "General Trading LLC"],
                             "USD", ["Ahmed Al Mansoori", "Fatima Hassan"]),
    "Russia": (["Volga", "Neva", "Baikal"], ["Textile LLC", "Trade House LLC"], "USD",
               ["Ivan Petrov", "Olga Ivanova"]),
}
SOURCES = ["trade_show", "alibaba", "amazon", "google", "linkedin", "referral", "visit", "website", "other"]
TAGS = ["针织", "梭织", "童装", "运动服", "家纺", "快时尚", "环保面料", "高端", "大批量", "小单快反",
        "OEKO-TEX", "GOTS", "BSCI"]
CHANNELS = ["email", "phone", "fax", "wechat", "visit", "other"]
FOLLOWUP_TEXT = ["询价:{p} 针织面料价格", "发送新季目录,客户感兴趣 {p}", "跟进样品意见,客户要求改颜色",
                 "确认交期,客户希望提前一周", "催定金,客户说本周安排付款", "广交会见面,留下名片",
                 "Sent price list for {p}", "Client asked for lab dips", "Discussed payment terms T/T 30/70",
                 "客户投诉色差,已安排复查"]
PRODUCTS = [("T恤", "garment"), ("POLO衫", "garment"), ("卫衣", "garment"), ("衬衫", "garment"),
            ("针织开衫", "garment"), ("连衣裙", "garment"), ("牛仔裤", "garment"), ("羽绒服", "garment"),
            ("瑜伽裤", "garment"), ("毛巾", "textile"), ("床单四件套", "textile"), ("针织面料", "textile"),
            ("抱枕套", "textile")]
COLOURS = ["白色 White", "黑色 Black", "藏青 Navy", "灰麻 Grey melange", "酒红 Burgundy", "军绿 Olive",
           "卡其 Khaki", "天蓝 Sky blue", "粉红 Pink"]
SIZES = ["XS", "S", "M", "L", "XL", "XXL", "均码 One size"]
COURIERS = ["DHL", "FedEx", "UPS", "顺丰 SF Express", "EMS", "TNT"]
ROUTES = {
    "garment": ("服装 Garment", [("裁剪", 2), ("车缝", 5), ("印花", 2), ("后整", 2), ("质检", 1), ("包装", 1)]),
    "textile": ("针织/纺织 Textile/knit", [("织造", 4), ("染色", 3), ("定型", 1), ("验布", 1), ("包装", 1)]),
}
FACTORIES = [
    ("本厂一车间", "own", "裁剪、车缝、后整、包装", 3000),
    ("本厂针织车间", "own", "织造、定型、验布", 5000),
    ("东莞永盛制衣厂", "subcontract", "车缝、整烫", 2000),
    ("佛山华美印花厂", "subcontract", "丝印、数码印花", 4000),
    ("绍兴锦绣染整厂", "subcontract", "染色、定型", 8000),
    ("宁波海天服饰(备选)", "backup", "梭织衬衫、连衣裙", 1500),
    ("苏州丝路纺织(备选)", "backup", "针织面料、家纺", 6000),
    ("泉州晨光鞋服(停用)", "subcontract", "运动服", 1000),
]
MERCHANDISERS = ["李娜", "陈静", "王磊"]
_TIMES = [f"{h:02d}:{m:02d}:{(h * m) % 60:02d}" for h in range(8, 19) for m in range(3, 60, 7)]


def _pick_weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


class DemoContext:
    """Everything the parts of the filler share."""

    def __init__(self, seed: int, today: dt.date | None = None):
        self.rng = random.Random(seed)
        self.today = today or dt.date.today()
        self.bulk = Bulk(current_database())
        self.clients: list[dict] = []  # id, currency, grade, name, first_contact
        self.factories: list[int] = []
        self.counters: dict[str, int] = {}
        self.remake_links: list[tuple[int, int]] = []  # (complaint id, remake order id)

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def ri(self, a: int, b: int) -> int:
        """randint without its overhead (the filler draws millions)."""
        return a + int(self.rng.random() * (b - a + 1))

    def stamp(self, d: dt.date) -> str:
        """A time of day in working hours on ``d``, as peewee stores datetimes."""
        return f"{d.isoformat()} {_TIMES[int(self.rng.random() * len(_TIMES))]}"

    def number(self, prefix: str, d: dt.date, width: int = 4) -> str:
        name = number_counter(prefix, d)
        n = self.counters.get(name, 0) + 1
        self.counters[name] = n
        return format_number(name, n, width)


# ---------------------------------------------------------- reference data ---
def _fill_reference(ctx: DemoContext) -> None:
    b = ctx.bulk
    for key, value in [("company_name", "宁波锦华服饰有限公司 Ningbo Jinhua Garments Co., Ltd."),
                       ("company_address", "浙江省宁波市鄞州区工业园区 88 号"),
                       ("company_phone", "+86 574 8888 6666"),
                       ("merchandiser_name", MERCHANDISERS[0])]:
        if not Setting.select().where(Setting.key == key).exists():
            b.add(Setting, key=key, value=value)
    for name, kind, caps, cap in FACTORIES:
        ctx.factories.append(b.add(Factory, name=name, kind=kind, capabilities=caps, capacity_per_day=cap,
                                   contact=ctx.rng.choice(SURNAMES) + ctx.rng.choice(GIVEN),
                                   phone=f"1{ctx.rng.randint(3, 9)}{ctx.rng.randint(100000000, 999999999)}",
                                   active="停用" not in name,
                                   created_at=ctx.stamp(ctx.day(-800)), updated_at=ctx.stamp(ctx.day(-800))))
    if not RouteTemplate.select().exists():
        for category, (name, steps) in ROUTES.items():
            tid = b.add(RouteTemplate, category=category, name=name)
            for seq, (step, days) in enumerate(steps, 1):
                b.add(RouteTemplateStep, template=tid, seq=seq, name=step, days=days)


# ----------------------------------------------------------------- clients ---
def _client_name(ctx: DemoContext, i: int) -> tuple[str, str, str, str, str]:
    """(name, name_en, country, currency, contact name); about 45% Chinese."""
    rng = ctx.rng
    if i % 20 < 9:
        city, word, kind = rng.choice(CN_CITIES), rng.choice(CN_WORDS), rng.choice(CN_KINDS)
        name = f"{city}{word}{kind}"
        en = f"{pinyin_key(city).split()[-1].title()} {pinyin_key(word).split()[-1].title()} Co., Ltd."
        country = "中国香港" if city == "香港" else "中国"
        return name, en, country, "CNY" if city != "香港" else "HKD", rng.choice(SURNAMES) + rng.choice(GIVEN)
    country = rng.choice(list(FOREIGN))
    firsts, kinds, cur, people = FOREIGN[country]
    name = f"{rng.choice(firsts)} {rng.choice(kinds)}"
    return name, name, country, cur, rng.choice(people)


def _fill_clients(ctx: DemoContext, n: int) -> None:
    rng, b = ctx.rng, ctx.bulk
    seen: set[str] = set()
    for i in range(n):
        name, en, country, cur, person = _client_name(ctx, i)
        if name in seen:  # keep names unique enough to tell apart in lists
            name = f"{name}({i + 1})" if country.startswith("中国") else f"{name} ({i + 1})"
        seen.add(name)
        first = ctx.day(-rng.randint(0, 1500))
        grade = "key" if rng.random() < 0.15 else "ordinary"
        source = SOURCES[i % len(SOURCES)] if i < len(SOURCES) else rng.choice(SOURCES)
        domain = "".join(ch for ch in (en.split()[0] + en.split()[1]).lower() if ch.isalnum())[:16] or "client"
        email = f"info{i + 1}@{domain}.com"
        phone = f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}"
        cid = b.add(
            Client, code=f"C{i + 1:04d}", name=name, name_en=en, pinyin=pinyin_key(name), country=country,
            source=source, grade=grade, first_contact_date=iso(first), email=email, phone=phone,
            **client_keys(name, phone),
            website=f"www.{domain}.com", default_currency=cur,
            payment_terms=rng.choice(["T/T 30% 定金,70% 见提单副本", "L/C at sight", "T/T 30/70", "月结 60 天"]),
            address=f"{country} {rng.randint(1, 999)} {rng.choice(['Road', '路', 'Street', '大道'])}",
            archived=rng.random() < 0.02,
            created_at=ctx.stamp(first), updated_at=ctx.stamp(first),
        )
        ctx.clients.append({"id": cid, "currency": cur if cur != "CNY" or rng.random() < 0.5 else "USD",
                            "grade": grade, "name": name, "first": first})
        for tag in rng.sample(TAGS, rng.randint(0, 3)):
            b.add(ClientTag, client=cid, tag=tag)
        contacts = []
        for k in range(rng.randint(1, 3)):
            pname = person if k == 0 else (rng.choice(SURNAMES) + rng.choice(GIVEN))
            contacts.append(b.add(
                Contact, client=cid, name=pname, title=rng.choice(["采购经理", "Buyer", "Owner", "QC", "跟单"]),
                email=f"{'contact'}{k + 1}.{i + 1}@{domain}.com", phone=f"+{rng.randint(1, 99)} {rng.randint(10000000, 99999999)}",
                mobile=f"1{rng.randint(30, 99)}{rng.randint(10000000, 99999999)}", wechat=f"wx{i + 1}_{k}",
                is_primary=k == 0, created_at=ctx.stamp(first), updated_at=ctx.stamp(first)))
        _followups(ctx, cid, i, first, contacts)
        if rng.random() < 0.1 or i < 3:
            b.add(Visit, client=cid, date=iso(ctx.day(-rng.randint(0, 400))),
                  visitors=f"{person} 等 {rng.randint(1, 4)} 人", purpose=rng.choice(["验厂", "看样", "洽谈新订单", "审核大货"]),
                  hosted_by=rng.choice(MERCHANDISERS))
        if rng.random() < 0.2 or i < 3:
            b.add(Dispatch, client=cid, date=iso(ctx.day(-rng.randint(0, 300))),
                  kind=rng.choice(["catalogue", "other"]), items=rng.choice(["2026 春夏目录", "面料色卡", "2026 秋冬目录"]),
                  quantity=rng.randint(1, 3), courier=rng.choice(COURIERS),
                  tracking_no=f"{rng.randint(10 ** 9, 10 ** 10 - 1)}")


def _followups(ctx: DemoContext, cid: int, i: int, first: dt.date, contacts: list[int]) -> None:
    rng, b = ctx.rng, ctx.bulk
    count = rng.randint(0, 4) if i >= 6 else 2
    start = max((ctx.today - first).days, 1)
    days = sorted(rng.randint(0, start) for _ in range(count))
    for k, back in enumerate(reversed(days)):
        d = ctx.day(-back)
        last = k == count - 1
        if last:
            # the newest follow-up's reminder: overdue, due today, soon, later, or none
            kind = i % 5 if i < 10 else rng.choice([0, 1, 2, 3, 3, 4, 4])
            nxt = {0: ctx.day(-rng.randint(1, 20)), 1: ctx.today, 2: ctx.day(rng.randint(1, 7)),
                   3: ctx.day(rng.randint(8, 60)), 4: None}[kind]
            done = False
        else:
            nxt, done = d + dt.timedelta(days=rng.randint(3, 30)), True
        b.add(FollowUp, client=cid, contact=rng.choice(contacts), date=iso(d), channel=rng.choice(CHANNELS),
              content=rng.choice(FOLLOWUP_TEXT).format(p=rng.choice(PRODUCTS)[0]),
              next_date=iso(nxt), next_done=done, merchandiser=rng.choice(MERCHANDISERS),
              created_at=ctx.stamp(d))


# ------------------------------------------------ quotations and samples ---
def _fill_quotations(ctx: DemoContext) -> dict[int, list[int]]:
    """Quotations (some PIs, some expiring within the week); returns client id → the ids
    of its quotations that became orders (an order follows an ordered quotation)."""
    rng, b = ctx.rng, ctx.bulk
    by_client: dict[int, list[int]] = {}
    n = max(8, len(ctx.clients) // 2)
    statuses = ["draft", "sent", "pi", "ordered", "rejected"]
    for k in range(n):
        c = ctx.clients[k % len(ctx.clients)] if k < len(ctx.clients) else rng.choice(ctx.clients)
        status = statuses[k % 5] if k < 10 else _pick_weighted(rng, [("draft", 1), ("sent", 3), ("pi", 2), ("ordered", 4), ("rejected", 2)])
        back = rng.randint(0, 25) if status in ("draft", "sent", "pi") else rng.randint(20, 700)
        d = ctx.day(-back)
        valid = d + dt.timedelta(days=30) if k % 3 else ctx.day(rng.randint(0, 6))  # a third expire this week
        cur = c["currency"] if c["currency"] != "CNY" else "USD"
        fx = {"USD": "7.1", "EUR": "7.7", "GBP": "9.0", "JPY": "0.048", "HKD": "0.91"}.get(cur, "1")
        pi = ctx.number("PI", d) if status in ("pi", "ordered") else None
        qid = b.add(Quotation, number=ctx.number("QT", d), client=c["id"], date=iso(d), currency=cur,
                    exchange_rate=rate(Decimal(fx)), margin_pct=rate(rng.choice([15, 18, 20, 25])),
                    valid_until=iso(valid), status=status, pi_number=pi, pi_date=iso(d + dt.timedelta(days=2)) if pi else None,
                    payment_terms="T/T 30/70", trade_terms=rng.choice(["FOB", "CIF", "EXW"]),
                    created_at=ctx.stamp(d), updated_at=ctx.stamp(d))
        if status == "ordered":
            by_client.setdefault(c["id"], []).append(qid)
        for line in range(1, rng.randint(1, 3) + 1):
            product, _cat = rng.choice(PRODUCTS)
            costs = [Decimal(rng.randint(300, 3000)) / 100 for _ in range(6)]
            costs[4] = Decimal(rng.randint(20, 150)) / 100  # freight per piece
            total = sum(costs)
            price = (total * Decimal("1.2") / Decimal(fx)).quantize(Decimal("0.01"))
            b.add(QuotationItem, quotation=qid, line_no=line, style=f"ST-{rng.randint(1000, 9999)}",
                  product=product, quantity=rng.choice([500, 1000, 2000, 3000, 5000]),
                  cost_material=money(costs[0]), cost_processing=money(costs[1]), cost_accessories=money(costs[2]),
                  cost_packing=money(costs[3]), cost_freight=money(costs[4]), cost_other=money(costs[5]),
                  unit_price=money(price))
    return by_client


def _fill_samples(ctx: DemoContext) -> dict[int, list[int]]:
    """Samples in every state; returns client id → approved sample ids."""
    rng, b = ctx.rng, ctx.bulk
    approved: dict[int, list[int]] = {}
    n = max(10, len(ctx.clients) * 3 // 10)
    states = ["requested", "made", "sent", "approved", "rejected"]
    for k in range(n):
        c = ctx.clients[k % len(ctx.clients)]
        status = states[k % 5] if k < 10 else _pick_weighted(rng, [("requested", 1), ("made", 1), ("sent", 2), ("approved", 5), ("rejected", 1)])
        req = ctx.day(-rng.randint(3, 40) if status in ("requested", "made", "sent") else -rng.randint(30, 600))
        made = req + dt.timedelta(days=rng.randint(2, 7)) if status != "requested" else None
        sent = made + dt.timedelta(days=1) if status in ("sent", "approved", "rejected") else None
        decided = sent + dt.timedelta(days=rng.randint(5, 15)) if status in ("approved", "rejected") else None
        product, _ = rng.choice(PRODUCTS)
        sid = b.add(Sample, number=ctx.number("SP", req), client=c["id"], style=f"ST-{rng.randint(1000, 9999)}",
                    product=product, colour=rng.choice(COLOURS), size=rng.choice(SIZES), quantity=rng.randint(1, 6),
                    status=status, requested_date=iso(req), due_date=iso(req + dt.timedelta(days=7)),
                    made_date=iso(made), sent_date=iso(sent), courier=rng.choice(COURIERS) if sent else "",
                    tracking_no=str(rng.randint(10 ** 9, 10 ** 10 - 1)) if sent else "", decided_date=iso(decided),
                    client_comments={"approved": "颜色手感OK,可以大货 / Approved for bulk",
                                     "rejected": "领口太紧,颜色偏深,请重新打样 / Neck too tight, colour too dark"}.get(status, ""),
                    created_at=ctx.stamp(req), updated_at=ctx.stamp(req))
        if sent:
            b.add(Dispatch, client=c["id"], date=iso(sent), kind="sample", items=f"{product} 样品",
                  quantity=1, courier=rng.choice(COURIERS), tracking_no=str(rng.randint(10 ** 9, 10 ** 10 - 1)), sample=sid)
        if status == "approved":
            approved.setdefault(c["id"], []).append(sid)
    return approved


# -------------------------------------------------------------- the filler ---
def fill_demo(clients: int = 200, orders: int = 1000, seed: int = 1,
              today: dt.date | None = None) -> dict[str, int]:
    """Fill the open (empty) database with demo data; returns rows written per table."""
    from . import search
    from .demo_orders import fill_orders

    clients = int(DEMO_CLIENTS.check(clients, field="clients"))
    orders = int(DEMO_ORDERS.check(orders, field="orders"))
    db = current_database()
    if Client.select().exists() or Order.select().exists():
        raise StateError(
            "演示数据只能写入空数据库,这个数据库已有客户或订单。请用 --db 指定一个新文件。",
            "Demo data goes only into an empty database, and this one already has clients or orders. "
            "Give a new file with --db.",
        )
    if orders and not clients:
        clients = 1
    ctx = DemoContext(seed, today)
    if is_sqlite(db):
        # a big page cache keeps the indexes of a 100k-order fill in memory
        old_cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
        db.execute_sql("PRAGMA cache_size = -400000")
    try:
        counts = _fill(db, ctx, clients, orders)
    finally:
        if is_sqlite(db):
            db.execute_sql(f"PRAGMA cache_size = {int(old_cache)}")
    return counts


def _fill(db, ctx: DemoContext, clients: int, orders: int) -> dict[str, int]:
    from . import search
    from .demo_orders import fill_orders

    with write_transaction():
        if is_sqlite(db):
            search.drop_triggers(db)  # filled once at the end: far faster than row by row
        _fill_reference(ctx)
        if clients:
            _fill_clients(ctx, clients)
            quotes = _fill_quotations(ctx)
            samples = _fill_samples(ctx)
            fill_orders(ctx, orders, quotes, samples)
        counts = ctx.bulk.flush_all()
        param = "?" if is_sqlite(db) else "%s"
        for complaint_id, order_id in ctx.remake_links:
            db.execute_sql(f"UPDATE complaint SET remake_order_id = {param} WHERE id = {param}", (order_id, complaint_id))
        if clients:
            ctx.counters["client_code"] = clients
        # next_number() and next_client_code() continue after the demo's numbers
        for name, value in sorted(ctx.counters.items()):
            n = Counter.update(value=value).where(
                (Counter.name == name) & (Counter.value < value)).execute()
            if not n and not Counter.select().where(Counter.name == name).exists():
                Counter.create(name=name, value=value)
        if is_sqlite(db):
            search.create_triggers(db)
            search.rebuild_index(db)
    return counts
