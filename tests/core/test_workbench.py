"""The week ahead in the core: sections by day, ranking by urgency and value,
put off (snooze), done and dismiss — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import TODAY, lines_of, make_client, make_confirmed, make_order, make_stored_order

from gendan_desktop.core import production, work_items, workbench
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.exchange_rates import set_rates
from gendan_desktop.core.followups import log_followup
from gendan_desktop.core.models import FlowCardStep, FollowUp, Order
from gendan_desktop.core.quotations import create_quotation


def day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def sections(days: int = 7, who: str | None = None) -> dict[str, workbench.Section]:
    return {s.key: s for s in workbench.gather(TODAY, days, merchandiser=who)}


def keys(section) -> list[str]:
    return [i.key for i in section.items]


def test_a_follow_up_in_three_days_is_on_its_day(db):
    client = create_client(name="杭州丝路")
    fu = log_followup(client.id, TODAY, "phone", "三天后确认大货样", next_date=day(3))
    got = sections()
    assert keys(got["day:3"]) == [f"followup:{fu.id}"]
    assert got["day:3"].day == day(3)
    assert not got["followups_due"].items and not got["followups_overdue"].items
    assert [s.key for s in workbench.gather(TODAY)][:3] == ["followups_overdue", "followups_due", "day:0"]
    assert len([k for k in sections() if k.startswith("day:")]) == 8  # today and the next 7 days
    assert "day:3" not in sections(days=2)


def test_value_outranks_date_alone(db):
    """Two days overdue on a client with ¥500,000 open beats four days on a client with none."""
    set_rates({"USD": "7"})
    big = create_client(name="大客户")
    make_order(big, [{"style": "T1", "quantity": 10_000, "unit_price": "7.1429", "colour": "红",
                                   "size": "M"}], currency="USD")
    small = create_client(name="小客户")
    old = log_followup(small.id, day(-10), "phone", "四天前该回电", next_date=day(-4))
    recent = log_followup(big.id, day(-5), "phone", "两天前该回电", next_date=day(-2))
    items = sections()["followups_overdue"].items
    assert [i.key for i in items] == [f"followup:{recent.id}", f"followup:{old.id}"]
    assert items[0].value == pytest.approx(Decimal("500003"), rel=Decimal("0.001"))
    assert items[1].value is None and items[0].level == "late"
    # with equal value the older one is first
    assert work_items.rank([items[0], work_items.WorkItem("x", "client", 1, "x", day(-9), urgency=items[0].urgency + 5,
                                                          value=items[0].value)])[0].key == "x"


def test_deliveries_steps_quotations_and_payments_fall_on_their_days(db):
    order = make_confirmed(delivery_date=day(2))
    production.issue_production_sheet(order.id)
    cards = production.issue_flow_cards(order.id, batch_size=100)  # 3 cards over two lines
    FlowCardStep.update(planned_date=day(20)).execute()
    FlowCardStep.update(planned_date=day(1)).where(FlowCardStep.seq == 2).execute()
    client = make_client()
    q = create_quotation(client.id, [{"product": "T恤", "quantity": 100, "unit_price": "3"}], currency="CNY",
                         valid_until=day(4))
    got = sections()
    assert f"delivery:{order.id}" in keys(got["day:2"])
    step = [i for i in got["day:1"].items if i.key.startswith("step:")]
    assert len(step) == 1  # every card due at that step, one item
    assert step[0].kind == "flow_card" and step[0].id in {c.id for c in cards}
    assert f"{len(cards)} 张卡 300 件" in step[0].text
    assert keys(got["day:4"]) == [f"quotation:{q.id}"] and got["day:4"].items[0].value == Decimal(300)


def test_payments_fall_due_thirty_days_after_shipping(db):
    from money_helpers import order_lines

    from gendan_desktop.core.payments import record_payment
    from gendan_desktop.core.shipments import create_shipment

    set_rates({"USD": "7"})
    client = make_client(currency="USD")
    order = make_stored_order(client, [("S", "Red", "M", 100, "2")])
    create_shipment(order.id, day(-28), [(ln.id, ln.quantity) for ln in order_lines(order)])
    record_payment(client.id, "50", "USD", day(-1), "balance", order.id)
    got = sections()
    due = got["day:2"].items
    assert [i.key for i in due] == [f"payment:{client.id}:USD:{day(2).isoformat()}"]
    assert "USD 150.00" in due[0].text and due[0].value == Decimal("1050.00")
    assert not got["receivables"].items  # not overdue yet
    later = {s.key: s for s in workbench.gather(day(3))}
    assert [i.key for i in later["receivables"].items] == [f"receivable:{client.id}:USD"]


def test_late_steps_count_each_card_at_its_first_late_step(db):
    order = make_confirmed()
    production.issue_production_sheet(order.id)
    production.issue_flow_cards(order.id, batches=[(lines_of(order)[0].id, 100)])
    FlowCardStep.update(planned_date=day(-5)).where(FlowCardStep.seq <= 3).execute()
    Order.update(status="in_production").where(Order.id == order.id).execute()
    late = sections()["late_steps"].items
    assert len(late) == 1 and late[0].key.startswith(f"late_step:{order.id}:")
    first = FlowCardStep.select().where(FlowCardStep.seq == 1).get()
    assert first.name in late[0].key and "迟 5 天" in late[0].text


def test_put_off_done_and_dismiss(db):
    a = create_client(name="甲")
    b = create_client(name="乙")
    fa = log_followup(a.id, TODAY, "phone", "甲", next_date=TODAY)
    fb = log_followup(b.id, TODAY, "phone", "乙", next_date=TODAY)
    due = sections()["followups_due"]
    item_a = next(i for i in due.items if i.key == f"followup:{fa.id}")
    # put off to the day after tomorrow: gone today and tomorrow, back then
    work_items.snooze([f"followup:{fb.id}"], day(2), today=TODAY)
    got = sections()["followups_due"]
    assert keys(got) == [f"followup:{fa.id}"] and (got.total, got.snoozed) == (2, 1)
    assert [s.key for s in workbench.gather(day(2)) if any(i.key == f"followup:{fb.id}" for i in s.items)] \
        == ["followups_overdue"]
    # another merchandiser still sees it
    assert len(sections(who="王磊")["followups_due"].items) == 2
    # done on a follow-up completes its reminder
    assert work_items.complete(item_a, today=TODAY) == "completed"
    assert FollowUp.get_by_id(fa.id).next_done
    # done on anything else dismisses it for today
    order = make_order(delivery_date=day(1))
    delivery = next(i for i in sections()["day:1"].items if i.key == f"delivery:{order.id}")
    assert work_items.complete(delivery, today=TODAY) == "dismissed"
    assert f"delivery:{order.id}" not in keys(sections()["day:1"])
    assert f"delivery:{order.id}" in keys({s.key: s for s in workbench.gather(day(1))}["day:0"])


@pytest.mark.parametrize("until", [TODAY, day(-1), day(400)])
def test_put_off_needs_a_day_after_today_within_a_year(db, until):
    with pytest.raises(ValidationError) as exc:
        work_items.snooze(["followup:1"], until, today=TODAY)
    assert exc.value.field == "until"
    assert work_items.active_snoozes(TODAY) == {}


def test_putting_off_again_moves_the_date(db):
    work_items.snooze(["risk:7"], day(3), today=TODAY)
    work_items.snooze(["risk:7"], day(5), today=TODAY)
    assert work_items.active_snoozes(TODAY) == {"risk:7": day(5)}
    assert work_items.unsnooze(["risk:7"]) == 1 and work_items.active_snoozes(TODAY) == {}


def test_a_failing_section_says_so_and_the_rest_load(db, monkeypatch):
    def broken(ctx):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(workbench.SECTION_FNS, "recalls", broken)
    got = sections()
    assert got["recalls"].error == "disk on fire" and got["followups_due"].error == ""


def test_owner_is_who_looks_after_it(db):
    client = create_client(name="丙", merchandiser="陈静")
    fu = log_followup(client.id, TODAY, "phone", "丙", next_date=TODAY, merchandiser="陈静")
    order = make_order(client, delivery_date=day(1), merchandiser="王磊")
    got = sections()
    assert [i.owner for i in got["followups_due"].items] == ["陈静"]
    assert next(i for i in got["day:1"].items if i.id == order.id).owner == "王磊"
    assert fu.id
