"""首次设置: what a new database needs before the first quotation goes out.

``needs_first_start()`` is true on a database with no clients, no orders and
no finished set-up. ``apply_first_start(setup)`` writes the company profile
(and logo), the currencies and rates, and the process routes chosen from
``ROUTE_PRESETS`` in one transaction, after checking all of it; how the user
then starts (empty, demo data, their own Excel lists) is the window's part.
``data_places(url)`` says where the data lives and how it is backed up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .backup_content import DEMO_KEY
from .common import get_setting, set_setting
from .company import CompanyProfile, logo_png_from_file, save_profile
from .db import current_database, describe, is_postgres_url, is_sqlite, sqlite_path, write_transaction
from .errors import ValidationError
from .exchange_rates import check_rate, currency_code, set_rates
from .models import Client, Order, RouteTemplate
from .routes import DEFAULT_ROUTES, save_route

DONE_KEY = "first_start_done"
START_CHOICES = ("empty", "demo", "import")

# key -> (template name, steps with planned days): what a factory of that kind starts from
ROUTE_PRESETS: dict[str, tuple[str, list[tuple[str, int]]]] = {
    "garment": DEFAULT_ROUTES["garment"],
    "knitwear": ("针织 Knitwear", [("横机织片", 3), ("套口", 2), ("手缝", 1), ("洗水", 1), ("整烫", 1),
                                   ("质检", 1), ("包装", 1)]),
    "home_textile": ("家纺 Home textile", [("裁剪", 1), ("车缝", 3), ("绗缝", 2), ("整烫", 1), ("质检", 1),
                                          ("包装", 1)]),
}
# a rate to start from for the usual currencies (CNY per unit): the user checks them
SUGGESTED_RATES = {"USD": "7.10", "EUR": "7.70", "GBP": "9.00", "JPY": "0.048", "HKD": "0.91"}


@dataclass
class FirstStart:
    profile: CompanyProfile = field(default_factory=CompanyProfile)
    logo: str | bytes | None = None  # a picture file, PNG bytes checked already, b"" for none; None keeps it
    home_currency: str = "CNY"
    default_currency: str = "USD"  # new clients and their quotations
    rates: dict[str, str] = field(default_factory=dict)  # currency -> rate to the home currency
    routes: tuple[str, ...] = ("garment",)  # keys of ROUTE_PRESETS; empty: none
    start: str = "empty"  # START_CHOICES


def database_is_empty() -> bool:
    """No clients and no orders yet: the workbench shows the way in instead."""
    return not (Client.select().exists() or Order.select().exists())


def is_demo_database() -> bool:
    """The open database is the demo file made by "open demo data" (demo/database.py)."""
    return get_setting(DEMO_KEY, "") == "1"


def needs_first_start() -> bool:
    """A database nobody has set up yet: empty, and the set-up neither finished nor skipped."""
    return not get_setting(DONE_KEY, "") and database_is_empty()


def check_company(profile: CompanyProfile) -> None:
    """The assistant's first page: the names every document and every record needs."""
    if not profile.name.strip():
        raise ValidationError("请填写公司名称(中文),它印在报价单、生产单和对账单的抬头。",
                              "Enter the company name (Chinese): it heads quotations, production sheets and "
                              "statements.", field="company_name")
    if not profile.merchandiser.strip():
        raise ValidationError("请填写您的姓名:它记在您录入的订单、跟进和修改记录上。",
                              "Enter your name: it is recorded on the orders, follow-ups and changes you enter.",
                              field="merchandiser_name")


def check_money(home: str, default: str, rates: dict[str, str]) -> tuple[str, str]:
    """The currency page: codes, rates, and a rate for the default currency."""
    home, default = currency_code(home), currency_code(default)
    for cur, value in rates.items():
        if str(value or "").strip():
            check_rate(currency_code(cur), value)
    if default != home and not str(rates.get(default, "") or "").strip():
        raise ValidationError(f"请填写默认币种 {default} 的汇率(1 {default} 折合多少 {home})。",
                              f"Enter the exchange rate of the default currency {default} "
                              f"({home} per 1 {default}).", field="currencies")
    return home, default


def _check(setup: FirstStart) -> tuple[str, str, bytes | None]:
    check_company(setup.profile)
    unknown = [r for r in setup.routes if r not in ROUTE_PRESETS]
    if unknown or setup.start not in START_CHOICES:
        raise ValueError(f"unknown route presets {unknown} or start {setup.start!r}")
    home, default = check_money(setup.home_currency, setup.default_currency, setup.rates)
    logo = setup.logo
    if isinstance(logo, str):  # a picture file: read and checked now
        logo = logo_png_from_file(logo) if logo else None
    return home, default, logo


def apply_first_start(setup: FirstStart) -> None:
    """Write the whole set-up in one transaction; on any error nothing is written."""
    home, default, png = _check(setup)
    with write_transaction():
        save_profile(setup.profile, logo=png)
        set_rates({c: v for c, v in setup.rates.items()}, home=home)
        set_setting("default_currency", default)
        for key in setup.routes:
            name, steps = ROUTE_PRESETS[key]
            if not RouteTemplate.select().where(RouteTemplate.category == key).exists():
                save_route(key, steps, name)
        set_setting(DONE_KEY, setup.start)


def mark_done(start: str = "skipped") -> None:
    """The user closed the assistant without finishing: do not ask again."""
    set_setting(DONE_KEY, start)


@dataclass(frozen=True)
class DataPlaces:
    database: str
    folder: str  # where the database file is ("" on PostgreSQL)
    backups: str  # the backup folder ("" on PostgreSQL)
    postgres: bool

    def backup_text(self, lang: str = "zh") -> str:
        if self.postgres:
            return ("The database is on a PostgreSQL server: back it up there with pg_dump (and restore with "
                    "pg_restore); ask whoever runs the server." if lang == "en" else
                    "数据库在 PostgreSQL 服务器上:请在服务器上用 pg_dump 备份(用 pg_restore 恢复),"
                    "由管理服务器的同事负责。")
        return (f"Every day the program backs the database up by itself into {self.backups} and keeps the "
                "newest 30; File → Back up now makes one at once, File → Restore from backup puts one back. "
                "Copy that folder to another disk or a USB stick now and then." if lang == "en" else
                f"程序每天自动把数据库备份到 {self.backups},保留最近 30 份;“文件 → 立即备份”可随时备份,"
                "“文件 → 从备份恢复”可以恢复。请不时把这个文件夹复制到另一块硬盘或 U 盘。")


def data_places(url: str | None = None) -> DataPlaces:
    """Where the open database lives and where its backups go."""
    from .backup import default_backup_folder

    db = current_database()
    url = url or getattr(db, "gendan_url", "") or str(db.database)
    if is_postgres_url(url) or not is_sqlite(db):
        return DataPlaces(describe(url), "", "", True)
    path = Path(sqlite_path(url)).resolve()
    return DataPlaces(str(path), str(path.parent), str(default_backup_folder()), False)


__all__ = ["FirstStart", "ROUTE_PRESETS", "SUGGESTED_RATES", "START_CHOICES", "DataPlaces", "apply_first_start",
           "check_company", "check_money", "data_places", "database_is_empty", "is_demo_database", "mark_done",
           "needs_first_start"]
