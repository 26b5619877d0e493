"""The demo's vocabulary (names, products, colours, routes…) and ``DemoContext``,
the state one fill carries: its random generator, its dates and the rows it
buffers (demo/bulk.py). Every other demo module builds on these.
"""

from __future__ import annotations

import datetime as dt
import random

from ..core.common import format_number, number_counter
from ..core.connection import current_database
from .bulk import Bulk

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


