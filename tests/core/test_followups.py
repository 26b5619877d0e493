"""Follow-ups, reminders due today / overdue, visits and the dispatch register."""

from __future__ import annotations

import datetime as dt

import pytest

from gendan_desktop.core import followups as fu
from gendan_desktop.core.clients import archive_client, create_client
from gendan_desktop.core.errors import NotFound, ValidationError
from gendan_desktop.core.models import Dispatch, FollowUp
from gendan_desktop.core.samples import request_sample

TODAY = dt.date(2026, 11, 26)
D = dt.timedelta


@pytest.fixture
def two_clients(db):
    return create_client(name="Nordic Apparel AB"), create_client(name="Sunrise Textiles Ltd.")


def test_a_new_followup_closes_earlier_reminders_of_that_client_only(two_clients):
    a, b = two_clients
    first = fu.log_followup(a.id, TODAY - D(10), "email", "quoted T-shirts", next_date=TODAY - D(3))
    other = fu.log_followup(b.id, TODAY - D(10), "phone", "intro call", next_date=TODAY - D(3))
    fu.log_followup(a.id, TODAY - D(2), "微信", "client asked for samples", next_date=TODAY + D(5))
    assert FollowUp.get_by_id(first.id).next_done
    assert not FollowUp.get_by_id(other.id).next_done
    assert [x.client_id for x in fu.followups_overdue(TODAY)] == [b.id]
    assert [x.content for x in fu.pending_reminders(a.id)] == ["client asked for samples"]


def test_backdating_a_followup_does_not_close_a_later_reminder(two_clients):
    a, _ = two_clients
    later = fu.log_followup(a.id, TODAY - D(1), "email", "sent catalogue", next_date=TODAY + D(3))
    fu.log_followup(a.id, TODAY - D(20), "phone", "forgot to log this call")
    assert not FollowUp.get_by_id(later.id).next_done


def test_due_today_and_overdue_lists(two_clients):
    a, b = two_clients
    fu.log_followup(a.id, TODAY - D(7), "email", "price sent", next_date=TODAY)
    fu.log_followup(b.id, TODAY - D(9), "email", "catalogue sent", next_date=TODAY - D(2))
    c = create_client(name="Later Ltd")
    fu.log_followup(c.id, TODAY, "phone", "call", next_date=TODAY + D(1))
    assert [x.client.name for x in fu.followups_due(TODAY)] == ["Nordic Apparel AB"]
    overdue = fu.followups_overdue(TODAY)
    assert [(x.client.name, x.next_date) for x in overdue] == [("Sunrise Textiles Ltd.", TODAY - D(2))]
    # tomorrow the first becomes overdue, the third falls due
    assert [x.client.name for x in fu.followups_due(TODAY + D(1))] == ["Later Ltd"]
    assert {x.client.name for x in fu.followups_overdue(TODAY + D(1))} == {
        "Nordic Apparel AB", "Sunrise Textiles Ltd."}


def test_completed_reminders_and_archived_clients_drop_out(two_clients):
    a, b = two_clients
    x = fu.log_followup(a.id, TODAY - D(7), "email", "price sent", next_date=TODAY)
    fu.log_followup(b.id, TODAY - D(7), "email", "price sent", next_date=TODAY)
    fu.complete_reminder(x.id)
    archive_client(b.id, b.version)
    assert fu.followups_due(TODAY) == []
    assert FollowUp.get_by_id(x.id).next_done


def test_a_followup_without_next_date_has_no_reminder(two_clients):
    a, _ = two_clients
    x = fu.log_followup(a.id, TODAY, "visit", "met at the fair")
    assert fu.followups_due(TODAY) == [] and fu.followups_overdue(TODAY + D(30)) == []
    with pytest.raises(ValidationError):
        fu.complete_reminder(x.id)


@pytest.mark.parametrize("kwargs, field", [
    ({"next_date": TODAY - D(1)}, "next_date"),
    ({"channel": "telegram"}, "channel"),
    ({"content": "   "}, "content"),
    ({"date": "2026-11-26"}, "date"),
])
def test_invalid_followups_are_refused(two_clients, kwargs, field):
    a, _ = two_clients
    args = {"date": TODAY, "channel": "email", "content": "hello", **kwargs}
    with pytest.raises(ValidationError) as err:
        fu.log_followup(a.id, **args)
    assert err.value.field == field
    assert FollowUp.select().count() == 0


def test_contact_must_belong_to_the_client(two_clients):
    from gendan_desktop.core.clients import add_contact

    a, b = two_clients
    bob = add_contact(b.id, name="Bob")
    with pytest.raises(ValidationError) as err:
        fu.log_followup(a.id, TODAY, "email", "hi", contact_id=bob.id)
    assert "Bob" in err.value.en
    ann = add_contact(a.id, name="Ann")
    assert fu.log_followup(a.id, TODAY, "email", "hi", contact_id=ann.id).contact.name == "Ann"


def test_followup_for_a_missing_client(db):
    with pytest.raises(NotFound):
        fu.log_followup(999, TODAY, "email", "hi")


def test_followups_are_listed_newest_first(two_clients):
    a, _ = two_clients
    fu.log_followup(a.id, TODAY - D(3), "email", "one")
    fu.log_followup(a.id, TODAY - D(1), "email", "two")
    assert [x.content for x in fu.followups_for_client(a.id)] == ["two", "one"]
    assert fu.followups_for_client(a.id)[0].merchandiser == "tester"


# ---------------------------------------------------------- visits/dispatch --
def test_visit_is_recorded(two_clients):
    a, _ = two_clients
    fu.log_visit(a.id, TODAY, visitors="Mr. Berg, Ms. Lind", purpose="audit the sewing line", hosted_by="王经理")
    (v,) = fu.visits_for_client(a.id)
    assert (v.date, v.visitors, v.hosted_by) == (TODAY, "Mr. Berg, Ms. Lind", "王经理")


def test_catalogue_dispatch_register(two_clients):
    a, _ = two_clients
    d = fu.log_dispatch(a.id, TODAY, "目录", "2027 spring catalogue", courier="DHL", tracking_no=" 1234567890 ",
                        quantity=2)
    got = Dispatch.get_by_id(d.id)
    assert (got.kind, got.tracking_no, got.quantity, got.sample_id) == ("catalogue", "1234567890", 2, None)
    assert [x.id for x in fu.dispatches_for_client(a.id)] == [d.id]


def test_dispatch_of_another_clients_sample_is_refused(two_clients):
    a, b = two_clients
    s = request_sample(b.id, product="Hoodie", requested_date=TODAY)
    with pytest.raises(ValidationError) as err:
        fu.log_dispatch(a.id, TODAY, "sample", "hoodie sample", sample_id=s.id)
    assert s.number in err.value.zh
    with pytest.raises(ValidationError):
        fu.log_dispatch(a.id, TODAY, "sample", "   ")
    with pytest.raises(ValidationError):
        fu.log_dispatch(a.id, TODAY, "parcel bomb", "x")
    assert Dispatch.select().count() == 0
    assert fu.log_dispatch(b.id, TODAY, "sample", "hoodie sample", sample_id=s.id).sample_id == s.id
