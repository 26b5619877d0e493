"""Demo data from the first-start assistant goes into a demo file of its own beside
the user's database, set up like it; the user's database keeps only the set-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gendan_desktop.core.backup import auto_backup, list_backups
from gendan_desktop.core.common import get_setting
from gendan_desktop.core.company import CompanyProfile, get_profile
from gendan_desktop.core.db import close_database, data_dir, open_database
from gendan_desktop.core.exchange_rates import get_rates
from gendan_desktop.core.first_start import FirstStart, apply_first_start, is_demo_database, needs_first_start
from gendan_desktop.core.models import Client, Order
from gendan_desktop.core.routes import list_routes
from gendan_desktop.demo.database import carried_setup, demo_path, fill_demo_database


def test_the_demo_file_sits_beside_the_database_and_says_what_it_is(tmp_path):
    assert demo_path(str(tmp_path / "gendan.sqlite3")) == tmp_path / "gendan-演示数据-demo.sqlite3"
    assert demo_path(str(tmp_path / "工厂.db")) == tmp_path / "工厂.db-演示数据-demo.sqlite3"
    assert demo_path("postgresql://u@host/team") == data_dir() / "gendan-演示数据-demo.sqlite3"


def test_demo_data_goes_into_its_own_file_set_up_like_the_users(tmp_path):
    real = tmp_path / "gendan.sqlite3"
    open_database(str(real))
    try:
        apply_first_start(FirstStart(CompanyProfile(name="绍兴锦程针织有限公司", merchandiser="陈静"),
                                     rates={"USD": "7.05"}, routes=("knitwear",), start="demo"))
        carried = carried_setup()
    finally:
        close_database()
    demo = demo_path(str(real))
    open_database(str(demo), create=True)
    try:
        counts = fill_demo_database(carried, clients=8, orders=30, seed=2)
        orders = Order.select().count()
        assert counts and counts["client"] == 8 and orders >= 30  # with the remakes of complaints
        assert get_profile().name == "绍兴锦程针织有限公司" and str(get_rates()["USD"]) == "7.05"
        assert "knitwear" in [r.category for r in list_routes()]  # the user's route, beside none of the demo's
        assert is_demo_database() and not needs_first_start()
        assert auto_backup(tmp_path / "backups", now=dt.datetime(2026, 3, 1, 9)) is None  # made-up data
        again = fill_demo_database(carried, clients=8, orders=30, seed=2)
        assert again is None and Order.select().count() == orders  # a second time opens the demo as it is
    finally:
        close_database()
    open_database(str(real))
    try:
        assert not Client.select().exists() and not Order.select().exists()
        assert get_profile().name == "绍兴锦程针织有限公司" and not is_demo_database()
        assert get_setting("first_start_done") == "demo" and not needs_first_start()
        made = auto_backup(tmp_path / "backups", now=dt.datetime(2026, 3, 1, 9))
        assert made is not None and list_backups(tmp_path / "backups") == [made]  # the set-up is the user's
    finally:
        close_database()
    assert sorted(p.name for p in Path(tmp_path).glob("*.sqlite3")) == ["gendan-演示数据-demo.sqlite3",
                                                                        "gendan.sqlite3"]
