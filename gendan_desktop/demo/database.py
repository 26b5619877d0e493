"""The demo database: demo data in a file of its own, never in the user's.

"Open demo data" in the first-start assistant used to fill the user's new
database with made-up clients and orders, mixed with their company's settings;
sooner or later real orders would sit among fake ones, with no way to take the
fake ones out. Now the demo goes into a separate file beside the real one,
named so that nobody takes it for the real thing (``gendan.sqlite3`` →
``gendan-演示数据-demo.sqlite3``), and the window opens that file. The user's
database keeps what they set up (company, logo, currencies, routes) and
nothing else, and it is what the program opens at the next start.

The demo file gets the same set-up, carried over from the user's database
(``carried_setup``), so its quotations and sheets print on the user's own
letterhead: they see their paper with made-up data. The demo file is marked as
the demo (core/first_start.is_demo_database), is never backed up, and a second
"open demo data" opens the demo that is there instead of making another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.backup_content import DEMO_KEY
from ..core.common import set_setting
from ..core.db import data_dir, is_postgres_url, sqlite_path, write_transaction
from ..core.first_start import DONE_KEY, database_is_empty
from ..core.models import RouteTemplate, RouteTemplateStep, Setting
from ..core.sessions import INTEGRITY_KEY
from ..core.sqlite_file import SESSION_PREFIX
from .fill import fill_demo

DEMO_SUFFIX = "-演示数据-demo.sqlite3"
NOT_CARRIED = (DONE_KEY, DEMO_KEY, INTEGRITY_KEY)  # about that file, not the user's set-up


def demo_path(url: str) -> Path:
    """The demo file for the database at ``url``: beside it (for a team database on a
    PostgreSQL server, in this computer's data folder)."""
    if is_postgres_url(url):
        return data_dir() / f"gendan{DEMO_SUFFIX}"
    path = Path(sqlite_path(url))
    stem = path.stem if path.suffix == ".sqlite3" else path.name
    return path.with_name(stem + DEMO_SUFFIX)


@dataclass
class CarriedSetup:
    """What the user set up in their database: settings and process routes."""

    settings: dict[str, str] = field(default_factory=dict)
    routes: list[tuple[str, str, list[tuple[str, int]]]] = field(default_factory=list)  # category, name, steps


def carried_setup() -> CarriedSetup:
    """Read from the open (the user's) database what the demo file should share."""
    settings = {k: v for k, v in Setting.select(Setting.key, Setting.value).tuples()
                if k not in NOT_CARRIED and not k.startswith(SESSION_PREFIX)}
    routes = []
    for t in RouteTemplate.select().order_by(RouteTemplate.id):
        steps = [(s.name, s.days) for s in t.steps.order_by(RouteTemplateStep.seq)]
        routes.append((t.category, t.name, steps))
    return CarriedSetup(settings, routes)


def fill_demo_database(carried: CarriedSetup, *, clients: int = 200, orders: int = 1000,
                       seed: int = 1) -> dict[str, int] | None:
    """In the open demo file: the user's set-up, then the demo data (one transaction).
    None when the file holds the demo already (it is opened as it is)."""
    if not database_is_empty():
        return None
    with write_transaction():  # all or nothing: a failed fill leaves an empty file, filled again next time
        for key, value in carried.settings.items():
            set_setting(key, value)
        for category, name, steps in carried.routes:
            if not RouteTemplate.select().where(RouteTemplate.category == category).exists():
                t = RouteTemplate.create(category=category, name=name)
                for seq, (step, days) in enumerate(steps, 1):
                    RouteTemplateStep.create(template=t, seq=seq, name=step, days=days)
        set_setting(DEMO_KEY, "1")
        set_setting(DONE_KEY, "demo")
        return fill_demo(clients=clients, orders=orders, seed=seed)


__all__ = ["CarriedSetup", "DEMO_SUFFIX", "carried_setup", "demo_path", "fill_demo_database"]
