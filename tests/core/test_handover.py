"""工作交接 in the core: the leaver's clients and open work move to the successor,
audited, in one transaction; closed work keeps who handled it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import TODAY, make_confirmed, make_order, make_stored_order

from gendan_desktop.core import handover
from gendan_desktop.core.aftersales import file_complaint
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.errors import NotFound, ValidationError
from gendan_desktop.core.followups import log_followup
from gendan_desktop.core.handover_report import handover_report
from gendan_desktop.core.models import (
    AuditLog,
    Client,
    Complaint,
    FollowUp,
    Order,
    ProductionException,
    Quotation,
    Sample,
)
from gendan_desktop.core.production_exceptions import report_exception
from gendan_desktop.core.quotations import create_quotation
from gendan_desktop.core.samples import request_sample


def _book(name: str, who: str):
    """A client of ``who`` with one of everything open, and closed work too."""
    client = create_client(name=name, merchandiser=who, contacts=[{"name": "Anna", "phone": "+49 30 1234"}])
    log_followup(client.id, TODAY - dt.timedelta(days=20), "email", "旧的跟进", merchandiser=who)
    pending = log_followup(client.id, TODAY - dt.timedelta(days=2), "phone", "确认颜色",
                           next_date=TODAY + dt.timedelta(days=3), merchandiser=who)
    order = make_confirmed(client, merchandiser=who)
    done = make_order(client, merchandiser=who)
    Order.update(status="settled").where(Order.id == done.id).execute()
    sample = request_sample(client.id, product="针织开衫")
    quote = create_quotation(client.id, [{"product": "开衫", "quantity": 500, "unit_price": "12"}], currency="CNY")
    exc = report_exception(order.id, "material", "high", "面料迟到")
    Order.update(status="shipped").where(Order.id == done.id).execute()
    complaint = file_complaint(done.id, TODAY, "色差", 10)
    Order.update(status="settled").where(Order.id == done.id).execute()
    return {"client": client, "pending": pending, "order": order, "done": done, "sample": sample, "quote": quote,
            "exception": exc, "complaint": complaint}


def test_hand_over_moves_open_work_and_audits_it(db):
    a = _book("柏林时装", "李娜")
    b = _book("米兰面料", "李娜")
    other = _book("东京织物", "陈静")
    listed = handover.clients_of("李娜")
    assert [r["id"] for r in listed] == [a["client"].id, b["client"].id]
    assert {k: listed[0][k] for k in handover.OPEN_WORK} == {
        "orders": 1, "followups": 1, "samples": 1, "quotations": 1, "exceptions": 1, "complaints": 1}
    assert {"李娜", "陈静"} <= set(handover.merchandiser_names())

    result = handover.hand_over("李娜", "王磊", [a["client"].id])
    assert result.moved == {"clients": 1, "orders": 1, "followups": 1, "samples": 1, "quotations": 1,
                            "exceptions": 1, "complaints": 1}
    assert Client.get_by_id(a["client"].id).merchandiser == "王磊"
    assert Order.get_by_id(a["order"].id).merchandiser == "王磊"
    assert Order.get_by_id(a["done"].id).merchandiser == "李娜"  # closed work keeps who handled it
    assert FollowUp.get_by_id(a["pending"].id).merchandiser == "王磊"
    assert FollowUp.get(FollowUp.content == "旧的跟进", FollowUp.client == a["client"].id).merchandiser == "李娜"
    assert Sample.get_by_id(a["sample"].id).merchandiser == "王磊"
    assert Quotation.get_by_id(a["quote"].id).merchandiser == "王磊"
    assert ProductionException.get_by_id(a["exception"].id).merchandiser == "王磊"
    assert Complaint.get_by_id(a["complaint"].id).merchandiser == "王磊"
    # the client not chosen and the other merchandiser's client stay
    assert Client.get_by_id(b["client"].id).merchandiser == "李娜"
    assert Order.get_by_id(other["order"].id).merchandiser == "陈静"
    lines = list(AuditLog.select().where(AuditLog.action == "handover"))
    assert len(lines) == 8  # seven records and the hand-over itself
    assert {(ln.entity, ln.old, ln.new) for ln in lines if ln.entity == "order"} == {("order", "李娜", "王磊")}
    assert Order.get_by_id(a["order"].id).version == a["order"].version + 1  # an open form sees the change
    assert [r["id"] for r in handover.clients_of("李娜")] == [b["client"].id]


def test_work_nobody_was_named_for_moves_with_the_client(db):
    client = create_client(name="无名客户", merchandiser="李娜")
    order = make_order(client)
    Order.update(merchandiser="").where(Order.id == order.id).execute()
    handover.hand_over("李娜", "王磊", [client.id])
    assert Order.get_by_id(order.id).merchandiser == "王磊"


@pytest.mark.parametrize("leaver, successor, ids, field", [
    ("", "王磊", [1], "leaver"), ("李娜", "", [1], "successor"), ("李娜", "李娜", [1], "successor"),
    ("李娜", "王磊", [], "clients"),
])
def test_bad_hand_over_says_what_and_moves_nothing(db, leaver, successor, ids, field):
    c = create_client(name="某客户", merchandiser="李娜")
    with pytest.raises(ValidationError) as exc:
        handover.hand_over(leaver, successor, [c.id] if ids else [])
    assert exc.value.field == field
    assert Client.get_by_id(c.id).merchandiser == "李娜"
    assert not AuditLog.select().where(AuditLog.action == "handover").exists()


def test_a_vanished_client_stops_the_whole_hand_over(db):
    c = create_client(name="在的客户", merchandiser="李娜")
    with pytest.raises(NotFound):
        handover.hand_over("李娜", "王磊", [c.id, c.id + 999])
    assert Client.get_by_id(c.id).merchandiser == "李娜"


def test_report_lists_contacts_followups_orders_money_complaints(db):
    from money_helpers import order_lines

    from gendan_desktop.core.shipments import create_shipment

    a = _book("柏林时装", "李娜")
    shipped = make_stored_order(a["client"], [("S", "Red", "M", 100, "2")], currency="USD")
    create_shipment(shipped.id, TODAY - dt.timedelta(days=40), [(ln.id, ln.quantity) for ln in order_lines(shipped)])
    report = handover_report([a["client"].id], "李娜", "王磊", today=TODAY)
    (c,) = report.clients
    assert c.contacts[0]["name"] == "Anna" and c.contacts[0]["phone"] == "+49 30 1234"
    assert [f["content"] for f in c.followups] == ["确认颜色", "旧的跟进"]
    assert c.followups[0]["next_date"] == TODAY + dt.timedelta(days=3)
    numbers = [o.number for o in c.orders]
    assert a["order"].number in numbers and a["done"].number not in numbers
    first = next(o for o in c.orders if o.number == a["order"].number)
    assert first.status == "已确认" and first.quantity == 300 and first.risk_level in ("late", "at_risk", "on_track")
    assert c.owed == {"USD": Decimal("200.00")} and c.overdue == {"USD": Decimal("200.00")}
    assert [x["number"] for x in c.complaints] == [a["complaint"].number]
    en = handover_report([a["client"].id], lang="en", today=TODAY)
    assert [o.status for o in en.clients[0].orders] == ["Confirmed"]
