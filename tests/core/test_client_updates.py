"""Texts copied for the client's chat (progress, balance) and exchange rates to the home currency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import TODAY, lines_of, make_confirmed, make_order, two_lines

from gendan_desktop.core import clients, production, shipments
from gendan_desktop.core.client_updates import balance_summary, client_language, progress_update
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.exchange_rates import get_rates, home_currency, in_home, rate, set_rates
from gendan_desktop.core.models import Client, FlowCardStep, Order
from gendan_desktop.core.payments import record_payment
from gendan_desktop.core.routes import STEP_NAMES_EN

D = Decimal


def _in_production(client, red=100, blue=200, days_ago=10, delivery_in=30):
    """An order of T100 in 红/M and 蓝/L, in production for ``days_ago`` days, cards of 100."""
    order = make_confirmed(client, two_lines(red=red, blue=blue), delivery_date=TODAY + dt.timedelta(days=delivery_in),
                           client_po="PO-4711")
    production.start_production(order.id, confirm_missing=True)
    Order.update(production_started_at=dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(8))).where(
        Order.id == order.id).execute()
    return order, production.issue_flow_cards(order.id, batch_size=100)


def _finish(card, qty, steps=None):
    for s in production.card_steps(card)[:steps]:
        production.record_progress(card.number, s.seq, qty, qty, 0, "工人")


def test_language_set_on_the_client_or_by_country(db):
    by = {name: clients.create_client(name=name, country=country, language=lang) for name, country, lang in (
        ("宁波海悦", "中国", ""), ("Harbour Trading", "中国香港", ""), ("Baltic Moda", "Latvia", ""),
        ("张三贸易", "", ""), ("Nordic AB", "Sweden", "zh"))}
    assert {n: client_language(c) for n, c in by.items()} == {
        "宁波海悦": "zh", "Harbour Trading": "zh", "Baltic Moda": "en", "张三贸易": "zh", "Nordic AB": "zh"}
    with pytest.raises(ValidationError):
        clients.create_client(name="X", language="fr")
    c = clients.update_client(by["Baltic Moda"].id, {"language": "中文"}, by["Baltic Moda"].version)
    assert Client.get_by_id(c.id).language == "zh"


def test_progress_update_in_chinese_and_english(db):
    client = clients.create_client(name="宁波海悦服饰", name_en="Haiyue Apparel", country="中国")
    order, cards = _in_production(client)
    red, blue1, _blue2 = cards
    _finish(red, 100)  # 红 all finished
    _finish(blue1, 50)  # 蓝: 50 of 200
    line = lines_of(order)[0]
    shipments.create_shipment(order.id, TODAY, [(line.id, 60)])
    text = progress_update(order.id)
    assert text.splitlines()[0] == f"【生产进度】订单 {order.number} · 客户订单号 PO-4711"
    assert f"截至 {TODAY}" in text
    assert "· T100 红:完成 100 / 100 件,已出货 60 件" in text
    assert "· T100 蓝:完成 50 / 200 件" in text
    assert "合计:完成 150 / 300 件(50%),已出货 60 件" in text
    # 150 good in 10 days → 15 a day; 150 left → 10 more days
    assert f"预计完工:{TODAY + dt.timedelta(days=10)}(交期 {TODAY + dt.timedelta(days=30)})" in text
    assert "下一步:" in text and "计划" in text
    en = progress_update(order.id, lang="en")
    assert en.splitlines()[0] == f"Production update: order {order.number}, your PO PO-4711"
    assert "- T100 红: 100 of 100 pcs finished, 60 shipped" in en
    assert "Total: 150 of 300 pcs finished (50%), 60 shipped" in en
    assert f"Expected finish: {TODAY + dt.timedelta(days=10)} (delivery date" in en
    assert "Next step: " in en and "planned by" in en
    # a planned date already past is left out: it tells the client nothing
    FlowCardStep.update(planned_date=TODAY - dt.timedelta(days=2)).execute()
    assert progress_update(order.id, "en").splitlines()[-1] in {f"Next step: {n}" for n in STEP_NAMES_EN.values()}


def test_progress_update_says_when_nothing_can_be_projected(db):
    client = clients.create_client(name="Baltic Moda", country="Latvia")
    order = make_order(client)
    text = progress_update(order.id)  # an English-speaking client: English by default
    assert "not projected yet, no pieces finished so far" in text
    assert text.endswith("Next step: order confirmation")
    order, cards = _in_production(client)
    for card in cards:
        _finish(card, 100)
    text = progress_update(order.id)
    assert "Expected finish: all pieces are finished" in text and text.endswith("Next step: shipment")


def test_balance_summary_with_overdue(db):
    client = clients.create_client(name="宁波海悦服饰", name_en="Haiyue Apparel", country="中国")
    order, cards = _in_production(client)
    for card in cards:
        _finish(card, 100)
    lines = lines_of(order)
    shipments.create_shipment(order.id, TODAY - dt.timedelta(days=45), [(lines[0].id, 100)])  # 350.00, overdue
    shipments.create_shipment(order.id, TODAY - dt.timedelta(days=5), [(lines[1].id, 200)])  # 720.00
    record_payment(client.id, "100", "USD", TODAY - dt.timedelta(days=20))
    text = balance_summary(client.id)
    assert text.splitlines()[0] == f"【对账摘要】宁波海悦服饰 截至 {TODAY}"
    assert "USD:已出货 1,070.00,已收款 100.00,未付余额 970.00" in text
    assert "其中已逾期 250.00" in text
    en = balance_summary(client.id, lang="en")
    assert en.splitlines()[0] == f"Account summary for Haiyue Apparel as of {TODAY}"
    assert "USD: shipped 1,070.00, received 100.00, balance due 970.00" in en
    assert "of which overdue: 250.00" in en
    other = clients.create_client(name="Nordic AB", country="Sweden")
    assert balance_summary(other.id).endswith("No shipments, credits or payments on record.")


def test_exchange_rates_to_the_home_currency(db):
    assert home_currency() == "CNY" and get_rates() == {"CNY": D(1)}
    set_rates({"usd": "7.1", "EUR": "7.8", "JPY": ""})
    assert get_rates() == {"CNY": D(1), "USD": D("7.1"), "EUR": D("7.8")}
    assert rate("USD", "EUR") == D("7.1") / D("7.8") and rate("JPY", "CNY") is None
    total = in_home({"USD": D("100.00"), "EUR": D("10.00"), "JPY": D("5000")})
    assert (total.home, total.converted, total.missing) == ("CNY", {"USD": D("710.00"), "EUR": D("78.00")},
                                                           ["JPY"])
    assert total.total == D("788.00") and not total.complete
    # a bad rate refuses everything: the old rates stay
    with pytest.raises(ValidationError) as err:
        set_rates({"USD": "7.2", "EUR": "-1"})
    assert "EUR" in str(err.value)
    assert get_rates()["USD"] == D("7.1")
    with pytest.raises(ValidationError):
        set_rates({"US": "1"})
    # another home currency
    set_rates({"CNY": "0.14", "EUR": "1.1"}, home="usd")
    assert home_currency() == "USD" and get_rates() == {"USD": D(1), "CNY": D("0.14"), "EUR": D("1.1")}
    assert in_home({"USD": D("5")}).total == D("5.00")
