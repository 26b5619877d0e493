"""Demo reference data, clients with their follow-ups, quotations and samples.

Part of the demo filler (demo/fill.py); see demo/__init__.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..core.client_matching import client_keys
from ..core.models import (
    Client,
    ClientTag,
    Contact,
    Dispatch,
    Factory,
    FollowUp,
    Quotation,
    QuotationItem,
    RouteTemplate,
    RouteTemplateStep,
    Sample,
    Setting,
    Visit,
)
from ..core.pinyin import pinyin_key
from .bulk import iso
from .context import (
    CHANNELS,
    CN_CITIES,
    CN_KINDS,
    CN_WORDS,
    COLOURS,
    COURIERS,
    FACTORIES,
    FOLLOWUP_TEXT,
    FOREIGN,
    GIVEN,
    MERCHANDISERS,
    PRODUCTS,
    ROUTES,
    SIZES,
    SOURCES,
    SURNAMES,
    TAGS,
    DemoContext,
    _pick_weighted,
)

money = QuotationItem.unit_price.db_value
rate = Quotation.exchange_rate.db_value

# ---------------------------------------------------------- reference data ---
DEMO_RATES = {"USD": "7.1", "EUR": "7.7", "GBP": "9.0", "JPY": "0.048", "HKD": "0.91"}  # CNY per unit


def _fill_reference(ctx: DemoContext) -> None:
    b = ctx.bulk
    for key, value in [("company_name", "宁波锦华服饰有限公司 Ningbo Jinhua Garments Co., Ltd."),
                       ("company_address", "浙江省宁波市鄞州区工业园区 88 号"),
                       ("company_phone", "+86 574 8888 6666"),
                       ("merchandiser_name", MERCHANDISERS[0]),
                       ("company_name_en", "Ningbo Jinhua Garments Co., Ltd."),
                       ("home_currency", "CNY"), ("currencies", "CNY,USD,EUR,GBP,JPY,HKD"),
                       *((f"exchange_rate_{cur}", r) for cur, r in DEMO_RATES.items())]:
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
                email=f"contact{k + 1}.{i + 1}@{domain}.com",
                phone=f"+{rng.randint(1, 99)} {rng.randint(10000000, 99999999)}",
                mobile=f"1{rng.randint(30, 99)}{rng.randint(10000000, 99999999)}", wechat=f"wx{i + 1}_{k}",
                is_primary=k == 0, created_at=ctx.stamp(first), updated_at=ctx.stamp(first)))
        _followups(ctx, cid, i, first, contacts)
        if rng.random() < 0.1 or i < 3:
            b.add(Visit, client=cid, date=iso(ctx.day(-rng.randint(0, 400))),
                  visitors=f"{person} 等 {rng.randint(1, 4)} 人", purpose=rng.choice(["验厂", "看样", "洽谈新订单",
                                                                                    "审核大货"]),
                  hosted_by=rng.choice(MERCHANDISERS))
        if rng.random() < 0.2 or i < 3:
            b.add(Dispatch, client=cid, date=iso(ctx.day(-rng.randint(0, 300))),
                  kind=rng.choice(["catalogue", "other"]), items=rng.choice(["2026 春夏目录", "面料色卡",
                                                                             "2026 秋冬目录"]),
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
        status = statuses[k % 5] if k < 10 else _pick_weighted(rng,
                                                               [("draft", 1), ("sent", 3), ("pi", 2), ("ordered", 4),
                                                                ("rejected", 2)])
        back = rng.randint(0, 25) if status in ("draft", "sent", "pi") else rng.randint(20, 700)
        d = ctx.day(-back)
        valid = d + dt.timedelta(days=30) if k % 3 else ctx.day(rng.randint(0, 6))  # a third expire this week
        cur = c["currency"] if c["currency"] != "CNY" else "USD"
        fx = DEMO_RATES.get(cur, "1")
        pi = ctx.number("PI", d) if status in ("pi", "ordered") else None
        qid = b.add(Quotation, number=ctx.number("QT", d), client=c["id"], date=iso(d), currency=cur,
                    exchange_rate=rate(Decimal(fx)), margin_pct=rate(rng.choice([15, 18, 20, 25])),
                    valid_until=iso(valid), status=status, pi_number=pi,
                    pi_date=iso(d + dt.timedelta(days=2)) if pi else None,
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
        status = states[k % 5] if k < 10 else _pick_weighted(rng,
                                                             [("requested", 1), ("made", 1), ("sent", 2),
                                                              ("approved", 5), ("rejected", 1)])
        req = ctx.day(-rng.randint(3, 40) if status in ("requested", "made", "sent") else -rng.randint(30, 600))
        made = req + dt.timedelta(days=rng.randint(2, 7)) if status != "requested" else None
        sent = made + dt.timedelta(days=1) if made and status in ("sent", "approved", "rejected") else None
        decided = sent + dt.timedelta(days=rng.randint(5, 15)) if sent and status in ("approved", "rejected") else None
        product, _ = rng.choice(PRODUCTS)
        sid = b.add(Sample, number=ctx.number("SP", req), client=c["id"], style=f"ST-{rng.randint(1000, 9999)}",
                    product=product, colour=rng.choice(COLOURS), size=rng.choice(SIZES), quantity=rng.randint(1, 6),
                    status=status, requested_date=iso(req), due_date=iso(req + dt.timedelta(days=7)),
                    made_date=iso(made), sent_date=iso(sent), courier=rng.choice(COURIERS) if sent else "",
                    tracking_no=str(rng.randint(10 ** 9, 10 ** 10 - 1)) if sent else "", decided_date=iso(decided),
                    client_comments={"approved": "颜色手感OK,可以大货 / Approved for bulk",
                                     "rejected": "领口太紧,颜色偏深,请重新打样 / Neck too tight, colour too dark",
                                     }.get(status, ""),
                    created_at=ctx.stamp(req), updated_at=ctx.stamp(req))
        if sent:
            b.add(Dispatch, client=c["id"], date=iso(sent), kind="sample", items=f"{product} 样品",
                  quantity=1, courier=rng.choice(COURIERS), tracking_no=str(rng.randint(10 ** 9,
                                                                                        10 ** 10 - 1)), sample=sid)
        if status == "approved":
            approved.setdefault(c["id"], []).append(sid)
    return approved


