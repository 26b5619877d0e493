"""首次设置 in the core: one transaction for the profile, currencies and routes;
exchange rates to the home currency; where the data lives."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gendan_desktop.core import exchange_rates
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.common import get_setting
from gendan_desktop.core.company import CompanyProfile, get_profile, logo_png
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.first_start import (
    ROUTE_PRESETS,
    FirstStart,
    apply_first_start,
    data_places,
    mark_done,
    needs_first_start,
)
from gendan_desktop.core.routes import list_routes, route_choice

PROFILE = CompanyProfile(name="绍兴锦程针织有限公司", name_en="Shaoxing Jincheng Knitwear Co., Ltd.",
                         address="浙江省绍兴市柯桥区 8 号", phone="0575-8888 0000", merchandiser="陈静")


def _logo(tmp_path):
    from PIL import Image

    path = tmp_path / "logo.png"
    Image.new("RGB", (1200, 300), (200, 30, 30)).save(path)
    return str(path)


def test_a_new_database_asks_for_the_set_up_until_it_is_done(db):
    assert needs_first_start()
    mark_done()
    assert not needs_first_start()


def test_a_database_with_clients_is_not_new(db):
    create_client(name="宁波织造")
    assert not needs_first_start()


def test_set_up_writes_profile_rates_routes_at_once(db, tmp_path):
    apply_first_start(FirstStart(profile=PROFILE, logo=_logo(tmp_path), home_currency="cny", default_currency="eur",
                                 rates={"USD": "7.12", "EUR": "7.8", "GBP": ""},
                                 routes=("knitwear", "home_textile"), start="demo"))
    assert get_profile() == PROFILE
    import io

    from PIL import Image

    assert Image.open(io.BytesIO(logo_png())).size == (600, 150)  # kept small, in the database
    assert exchange_rates.get_rates() == {"CNY": Decimal(1), "USD": Decimal("7.12"), "EUR": Decimal("7.8")}
    assert exchange_rates.home_currency() == "CNY"
    assert get_setting("currencies").split(",") == ["CNY", "USD", "EUR", "GBP"]
    assert [r.category for r in list_routes()] == ["home_textile", "knitwear"]
    knit = route_choice("knitwear").route
    assert [s.name for s in knit.steps] == [n for n, _ in ROUTE_PRESETS["knitwear"][1]]
    assert not needs_first_start()
    # new clients start in the default currency, looked after by the merchandiser named here
    client = create_client(name="Nordic Apparel AB")
    assert (client.default_currency, client.merchandiser) == ("EUR", "陈静")


@pytest.mark.parametrize("change, field", [
    ({"profile": CompanyProfile(merchandiser="陈静")}, "company_name"),
    ({"profile": CompanyProfile(name="锦程")}, "merchandiser_name"),
    ({"rates": {"USD": "abc"}}, "currencies"),
    ({"rates": {"USD": "-1"}}, "currencies"),
    ({"default_currency": "US"}, "currencies"),
    ({"default_currency": "GBP", "rates": {}}, "currencies"),  # the default currency needs a rate
])
def test_bad_set_up_says_which_field_and_writes_nothing(db, change, field):
    values = {"profile": PROFILE, "rates": {"USD": "7.1"}, "routes": ("garment",)}
    values.update(change)
    with pytest.raises(ValidationError) as exc:
        apply_first_start(FirstStart(**values))
    assert exc.value.field == field
    assert get_profile() == CompanyProfile()
    assert list_routes() == [] and get_setting("exchange_rate_USD") == ""
    assert needs_first_start()


def test_empty_routes_leave_the_route_list_empty(db):
    apply_first_start(FirstStart(profile=PROFILE, rates={"USD": "7"}, routes=()))
    assert list_routes() == []


def test_rates_to_home_currency(db):
    exchange_rates.set_rates({"usd": "7.2", "eur": Decimal("7.75")})
    rates = exchange_rates.get_rates()
    assert exchange_rates.to_home(Decimal("100"), "USD", rates) == Decimal("720.0")
    assert exchange_rates.to_home(Decimal("5"), "CNY", rates) == Decimal("5")
    assert exchange_rates.to_home(Decimal("5"), "JPY", rates) is None  # unknown, never 0
    with pytest.raises(ValidationError, match="0"):
        exchange_rates.set_rates({"USD": "0"})
    assert exchange_rates.get_rates()["USD"] == Decimal("7.2")


def test_data_places_name_the_file_and_its_backups(db):
    places = data_places()
    if places.postgres:
        assert "pg_dump" in places.backup_text("en") and places.backups == ""
    else:
        assert places.database.endswith("test.sqlite3")
        assert places.backups.endswith("backups")
        assert places.backups in places.backup_text("zh") and "30" in places.backup_text("en")
