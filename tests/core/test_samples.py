"""Samples: requested → made → sent → approved / rejected, and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest

from gendan_desktop.core import samples as sp
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import AuditLog, Dispatch, Sample

TODAY = dt.date(2026, 11, 26)
D = dt.timedelta


@pytest.fixture
def client(db):
    return create_client(name="Blue Ocean Fashion Inc.")


def _v(sample) -> int:
    """The version a window showing the sample would pass."""
    return Sample.get_by_id(sample.id).version


def _sent(client, **kw):
    s = sp.request_sample(client.id, style="H-22", product="Hoodie", colour="Navy", size="M",
                          requested_date=TODAY - D(10), **kw)
    sp.mark_made(s.id, date=TODAY - D(5), expected_version=_v(s))
    return sp.send_sample(s.id, "DHL", "JD0146000012345", date=TODAY - D(4), expected_version=_v(s))


def test_the_whole_way_to_approval(client):
    s = _sent(client)
    assert (s.number, s.status, s.courier, s.tracking_no, s.sent_date) == (
        "SP2611-0001", "sent", "DHL", "JD0146000012345", TODAY - D(4))
    (d,) = Dispatch.select()
    assert (d.kind, d.client_id, d.sample_id, d.tracking_no, d.date) == (
        "sample", client.id, s.id, "JD0146000012345", TODAY - D(4))
    assert "H-22" in d.items and "Navy" in d.items
    assert sp.samples_awaiting_decision(client.id)[0].id == s.id
    s = sp.approve_sample(s.id, "colour OK, go ahead", date=TODAY, expected_version=_v(s))
    got = Sample.get_by_id(s.id)
    assert (got.status, got.client_comments, got.decided_date, got.version) == (
        "approved", "colour OK, go ahead", TODAY, 4)
    assert [x.id for x in sp.approved_samples_for_client(client.id)] == [s.id]
    assert sp.samples_awaiting_decision() == []
    assert [a.new for a in AuditLog.select().where((AuditLog.entity == "sample") & (AuditLog.field == "status"))
            .order_by(AuditLog.id)] == ["made", "sent", "approved"]


@pytest.mark.parametrize("steps, illegal", [
    ([], "send"),
    ([], "approve"),
    ([], "reject"),
    (["make"], "make"),
    (["make"], "approve"),
    (["make", "send"], "send"),
    (["make", "send", "approve"], "reject"),
    (["make", "send", "reject"], "approve"),
    (["make", "send", "approve"], "make"),
])
def test_illegal_steps_are_refused_with_a_clear_message(client, steps, illegal):
    s = sp.request_sample(client.id, product="Hoodie", requested_date=TODAY)
    act = {
        "make": lambda: sp.mark_made(s.id, date=TODAY, expected_version=_v(s)),
        "send": lambda: sp.send_sample(s.id, "SF", "SF123", date=TODAY, expected_version=_v(s)),
        "approve": lambda: sp.approve_sample(s.id, "ok", date=TODAY, expected_version=_v(s)),
        "reject": lambda: sp.reject_sample(s.id, "too dark", date=TODAY, expected_version=_v(s)),
    }
    for step in steps:
        act[step]()
    before = Sample.get_by_id(s.id)
    with pytest.raises(StateError) as err:
        act[illegal]()
    assert s.number in err.value.zh and s.number in err.value.en
    assert "only a sample that is" in err.value.en
    after = Sample.get_by_id(s.id)
    assert (after.status, after.version) == (before.status, before.version)
    assert Dispatch.select().count() == (1 if "send" in steps else 0)


def test_rejection_needs_the_clients_comments(client):
    s = _sent(client)
    with pytest.raises(ValidationError) as err:
        sp.reject_sample(s.id, "  ", expected_version=_v(s))
    assert err.value.field == "client_comments"
    s = sp.reject_sample(s.id, "navy too light, use Pantone 19-4052", date=TODAY, expected_version=_v(s))
    assert s.status == "rejected"
    assert sp.approved_samples_for_client(client.id) == []


def test_a_rejected_sample_can_be_requested_again(client):
    s = _sent(client)
    with pytest.raises(StateError):
        sp.request_again(s.id)
    sp.reject_sample(s.id, "too light", date=TODAY, expected_version=_v(s))
    again = sp.request_again(s.id, requested_date=TODAY, colour="Dark navy")
    assert (again.status, again.style, again.colour, again.client_id) == ("requested", "H-22", "Dark navy", client.id)
    assert again.number != s.number and "too light" in again.description


def test_sending_needs_a_courier_and_writes_nothing_without_one(client):
    s = sp.request_sample(client.id, product="Hoodie", requested_date=TODAY)
    sp.mark_made(s.id, date=TODAY, expected_version=_v(s))
    with pytest.raises(ValidationError) as err:
        sp.send_sample(s.id, " ", "123", date=TODAY, expected_version=_v(s))
    assert err.value.field == "courier"
    assert Sample.get_by_id(s.id).status == "made" and Dispatch.select().count() == 0


def test_stale_version_is_refused(client):
    s = sp.request_sample(client.id, product="Hoodie", requested_date=TODAY)
    sp.mark_made(s.id, date=TODAY, expected_version=1)
    with pytest.raises(StaleEdit):
        sp.send_sample(s.id, "DHL", "1", date=TODAY, expected_version=1)
    assert Dispatch.select().count() == 0


@pytest.mark.parametrize("kw, field", [
    ({"product": "", "style": ""}, "product"),
    ({"quantity": 0}, "quantity"),
    ({"due_date": TODAY - D(1)}, "due_date"),
])
def test_invalid_requests_are_refused(client, kw, field):
    args = {"product": "Hoodie", "requested_date": TODAY, **kw}
    with pytest.raises(ValidationError) as err:
        sp.request_sample(client.id, **args)
    assert err.value.field == field
    assert Sample.select().count() == 0


def test_approved_samples_are_per_client(client):
    other = create_client(name="Other Ltd")
    mine = _sent(client)
    theirs = _sent(other)
    sp.approve_sample(mine.id, date=TODAY, expected_version=_v(mine))
    sp.approve_sample(theirs.id, date=TODAY, expected_version=_v(theirs))
    assert [x.id for x in sp.approved_samples_for_client(client.id)] == [mine.id]
    assert [x.id for x in sp.approved_samples_for_client(other.id)] == [theirs.id]


def test_an_order_can_follow_an_approved_sample_only(client):
    orders = pytest.importorskip("gendan_desktop.core.orders")
    s = _sent(client)
    line = {"style": "H-22", "product": "Hoodie", "colour": "Navy", "size": "M", "quantity": 500,
            "unit_price": "8.5"}
    with pytest.raises(ValidationError):
        orders.create_order(client.id, lines=[line], delivery_date=TODAY + D(60), order_date=TODAY,
                            sample_id=s.id)
    sp.approve_sample(s.id, date=TODAY, expected_version=_v(s))
    order = orders.create_order(client.id, lines=[line], delivery_date=TODAY + D(60), order_date=TODAY,
                                sample_id=s.id)
    assert order.sample_id == s.id
