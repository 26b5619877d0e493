"""Client archive: validation, codes, contacts, tags, derived facts, duplicates."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from gendan_desktop.core import client_matching, clients
from gendan_desktop.core.errors import NotFound, StaleEdit, ValidationError
from gendan_desktop.core.followups import log_followup
from gendan_desktop.core.models import AuditLog, Client, ClientTag, Contact, Order

TODAY = dt.date(2026, 11, 26)


_numbers = itertools.count(1)


def _order(client, status="confirmed", day=TODAY):
    """An order row as the orders service would leave it (only what summaries read)."""
    return Order.create(number=f"T-{next(_numbers)}-{client.id}-{status}", client=client, order_date=day,
                        delivery_date=day + dt.timedelta(days=60), status=status)


# ---------------------------------------------------------------- creation --
def test_codes_are_generated_in_sequence_and_skip_hand_typed_ones(db):
    a = clients.create_client(name="Nordic Apparel AB")
    clients.create_client(name="Hand typed", code="C0002")
    c = clients.create_client(name="Sunrise Textiles Ltd.")
    assert a.code == "C0001"
    assert c.code == "C0003"


def test_duplicate_code_is_refused_whatever_the_case(db):
    clients.create_client(name="Atlas Trading GmbH", code="ATL")
    with pytest.raises(ValidationError) as err:
        clients.create_client(name="Someone else", code="atl")
    assert err.value.field == "code"
    assert "Atlas Trading GmbH" in err.value.zh and "already used" in err.value.en
    assert Client.select().count() == 1


@pytest.mark.parametrize("fields, field", [
    ({"name": "  "}, "name"),
    ({"name": "X", "email": "not-an-address"}, "email"),
    ({"name": "X", "source": "carrier pigeon"}, "source"),
    ({"name": "X", "grade": "gold"}, "grade"),
    ({"name": "X", "favourite_colour": "red"}, "favourite_colour"),
])
def test_invalid_client_is_refused_and_nothing_is_written(db, fields, field):
    with pytest.raises(ValidationError) as err:
        clients.create_client(contacts=[{"name": "Ann"}], tags=["EU"], **fields)
    assert err.value.field == field
    assert err.value.zh != err.value.en
    assert Client.select().count() == Contact.select().count() == ClientTag.select().count() == 0


def test_labels_are_accepted_for_source_and_grade_and_pinyin_is_set(db):
    c = clients.create_client(name="华美服装有限公司", source="阿里巴巴", grade="大客户",
                              email=" info@huamei.example ")
    c = Client.get_by_id(c.id)
    assert (c.source, c.grade, c.email) == ("alibaba", "key", "info@huamei.example")
    assert c.pinyin.startswith("hmfzyxgs ")


def test_tags_and_contacts_are_created_with_one_primary(db):
    c = clients.create_client(name="Vega Wear S.L.", tags=["EU", " knit ", "EU", ""],
                              contacts=[{"name": "Ana"}, {"name": "Luis", "email": "luis@vega.example"}])
    assert clients.get_tags(c.id) == ["EU", "knit"]
    assert [(x.name, x.is_primary) for x in c.contacts.order_by(Contact.id)] == [("Ana", True), ("Luis", False)]


def test_two_primary_contacts_are_refused(db):
    with pytest.raises(ValidationError):
        clients.create_client(name="X", contacts=[{"name": "A", "is_primary": True},
                                                  {"name": "B", "is_primary": True}])
    assert Client.select().count() == 0


# ------------------------------------------------------------------ update --
def test_rename_refreshes_pinyin_and_is_audited(db):
    c = clients.create_client(name="张三服装")
    clients.update_client(c.id, {"name": "李四纺织"}, expected_version=1)
    fresh = Client.get_by_id(c.id)
    assert fresh.pinyin.startswith("lsfz ")
    assert fresh.version == 2
    log = AuditLog.get((AuditLog.entity == "client") & (AuditLog.field == "name"))
    assert (log.old, log.new) == ("张三服装", "李四纺织")


def test_saving_over_a_newer_version_is_refused(db):
    c = clients.create_client(name="Blue Ocean Fashion Inc.")
    clients.update_client(c.id, {"country": "荷兰"}, expected_version=1)
    with pytest.raises(StaleEdit):
        clients.update_client(c.id, {"country": "德国"}, expected_version=1)
    assert Client.get_by_id(c.id).country == "荷兰"


def test_update_cannot_take_a_code_in_use(db):
    clients.create_client(name="A", code="AAA")
    b = clients.create_client(name="B")
    with pytest.raises(ValidationError):
        clients.update_client(b.id, {"code": "AAA"}, expected_version=1)


def test_archive_and_restore(db):
    c = clients.create_client(name="Old friend")
    clients.archive_client(c.id, c.version)
    assert Client.get_by_id(c.id).archived
    clients.archive_client(c.id, Client.get_by_id(c.id).version, archived=False)
    assert not Client.get_by_id(c.id).archived


def test_set_tags_replaces_the_set(db):
    c = clients.create_client(name="X", tags=["a", "b"])
    assert clients.set_tags(c.id, ["b", "c"]) == ["b", "c"]
    assert clients.get_tags(c.id) == ["b", "c"]


# ---------------------------------------------------------------- contacts --
def test_contact_primary_moves_and_is_never_lost(db):
    c = clients.create_client(name="X")
    ann = clients.add_contact(c.id, name="Ann")
    bob = clients.add_contact(c.id, name="Bob")
    assert clients.primary_contact(c.id).id == ann.id
    clients.update_contact(bob.id, {"is_primary": True}, expected_version=1)
    assert clients.primary_contact(c.id).id == bob.id
    with pytest.raises(ValidationError) as err:
        clients.update_contact(bob.id, {"is_primary": False}, expected_version=None)
    assert "another contact" in err.value.en
    cat = clients.add_contact(c.id, name="Cat", is_primary=True)
    assert clients.primary_contact(c.id).id == cat.id
    assert Contact.select().where(Contact.is_primary).count() == 1
    clients.delete_contact(cat.id)
    assert clients.primary_contact(c.id).id == ann.id


def test_contact_email_is_checked(db):
    c = clients.create_client(name="X")
    with pytest.raises(ValidationError) as err:
        clients.add_contact(c.id, name="Ann", email="ann@")
    assert err.value.field == "email" and "Ann" in err.value.zh


# ---------------------------------------------------------- derived facts --
def test_a_client_without_orders_is_potential_and_new(db):
    c = clients.create_client(name="X", first_contact_date=TODAY - dt.timedelta(days=30))
    s = clients.get_client_summary(c.id, today=TODAY)
    assert s.is_potential and s.is_new and s.order_count == 0
    assert s.relationship_since == TODAY - dt.timedelta(days=30)


def test_draft_and_cancelled_orders_do_not_make_a_current_client(db):
    c = clients.create_client(name="X")
    _order(c, "draft")
    _order(c, "cancelled")
    s = clients.get_client_summary(c.id, today=TODAY)
    assert not s.is_current
    assert s.order_count == 1  # the draft; cancelled orders never count
    assert s.is_new


def test_a_confirmed_order_makes_a_current_client_and_a_second_a_returning_one(db):
    c = clients.create_client(name="X")
    _order(c, "confirmed", day=TODAY - dt.timedelta(days=10))
    s = clients.get_client_summary(c.id, today=TODAY)
    assert s.is_current and s.is_new and s.order_count == 1
    _order(c, "draft", day=TODAY)
    s = clients.get_client_summary(c.id, today=TODAY)
    assert s.is_returning and s.order_count == 2
    assert (s.first_order_date, s.last_order_date) == (TODAY - dt.timedelta(days=10), TODAY)


@pytest.mark.parametrize("days, returning", [(365, False), (366, True)])
def test_a_relationship_over_a_year_old_makes_a_returning_client(db, days, returning):
    c = clients.create_client(name="X", first_contact_date=TODAY - dt.timedelta(days=days))
    assert clients.get_client_summary(c.id, today=TODAY).is_returning is returning


def test_an_old_first_order_alone_makes_a_returning_client(db):
    c = clients.create_client(name="X")
    _order(c, "shipped", day=TODAY - dt.timedelta(days=400))
    s = clients.get_client_summary(c.id, today=TODAY)
    assert s.is_returning and s.relationship_since == TODAY - dt.timedelta(days=400)


def test_summary_shows_last_and_next_followup(db):
    c = clients.create_client(name="X")
    log_followup(c.id, TODAY - dt.timedelta(days=5), "email", "sent price list", next_date=TODAY)
    log_followup(c.id, TODAY - dt.timedelta(days=1), "phone", "called", next_date=TODAY + dt.timedelta(days=7))
    s = clients.get_client_summary(c.id, today=TODAY)
    assert s.last_followup_date == TODAY - dt.timedelta(days=1)
    assert s.next_followup_date == TODAY + dt.timedelta(days=7)


# -------------------------------------------------------------- duplicates --
@pytest.mark.parametrize("a, b", [
    ("Baltic Garments Co., Ltd.", "BALTIC GARMENTS CO LTD"),
    ("Baltic Garments Co., Ltd.", "baltic garments company limited"),
    ("Alpine Knit S.p.A.", "Alpine-Knit SpA"),
    ("华美服装有限责任公司", "华美服装有限公司"),
    ("ＡＢＣ　Ｉｎｃ．", "ABC Inc"),
    ("Nordic Apparel", "nordic  apparel"),
])
def test_same_name_and_legal_form_is_a_sure_duplicate(db, a, b):
    c = clients.create_client(name=a)
    assert [x.id for x in clients.find_duplicates(b)] == [c.id]
    assert clients.find_look_alikes(b) == []


@pytest.mark.parametrize("a, b", [
    ("Baltic Moda LLC", "Baltic Moda Inc."),
    ("Baltic Garments Co., Ltd.", "baltic garments"),
    ("Pacific Kids Pty Ltd", "Pacific Kids"),
    ("Atlas Trading GmbH", "Atlas Trading GmbH & Co. KG"),
    ("华美服装有限公司", "华美服装"),
    ("华美服装股份有限公司", "华美服装有限公司"),
])
def test_same_name_with_another_legal_form_only_looks_alike(db, a, b):
    c = clients.create_client(name=a)
    assert clients.find_duplicates(b) == []
    assert [x.id for x in clients.find_look_alikes(b)] == [c.id]


def test_baltic_moda_llc_and_inc_are_two_clients_listed_for_review(db):
    llc = clients.create_client(name="Baltic Moda LLC", country="India", email="buy@balticmoda.in")
    inc = clients.create_client(name="Baltic Moda Inc.", country="Germany", email="einkauf@balticmoda.de")
    assert clients.find_duplicates("Baltic Moda Inc.", "einkauf@balticmoda.de") == [inc]
    assert [(a.id, b.id) for a, b in clients.pending_look_alikes()] == [(inc.id, llc.id)]
    assert clients.mark_distinct(llc.id, inc.id) == 1
    assert clients.pending_look_alikes() == []


def test_different_companies_are_not_duplicates(db):
    clients.create_client(name="Blue Ocean Fashion Inc.")
    assert clients.find_duplicates("Blue Ocean Textiles Inc.") == []
    assert clients.find_look_alikes("Blue Ocean Textiles Inc.") == []
    assert client_matching.split_name("AG") == ("ag", "")  # a name that is only a suffix stays itself


def test_duplicates_by_email_or_phone_and_exclusion_of_self(db):
    c = clients.create_client(name="Delta Sportswear B.V.", email="Info8@Delta.example", phone="+31 20 555 0199")
    assert [x.id for x in clients.find_duplicates("Totally other", "info8@delta.example")] == [c.id]
    assert [x.id for x in clients.find_duplicates("Totally other", phone="0031-20-5550199")] == [c.id]
    assert clients.find_duplicates("Other", phone="+46 20 555 0199") == []  # same tail, another country
    assert clients.find_duplicates("Delta Sportswear B.V.", exclude_id=c.id) == []


def test_client_keys_see_clients_added_during_an_import(db):
    keys = client_matching.ClientKeys(names=["Summit Outdoor AG"])
    c = clients.create_client(name="Summit Outdoor AG")
    assert keys.sure_duplicates("Summit Outdoor AG") == []
    keys.add(c)
    assert keys.sure_duplicates("Summit Outdoor AG") == [c.id]


# ------------------------------------------------------------------ lookup --
def test_lookup_by_code_then_name_then_sure_duplicate(db):
    a = clients.create_client(name="Iberia Moda OÜ", code="IB01")
    b = clients.create_client(name="IB01 Holdings")
    assert clients.client_by_code_or_name("ib01").id == a.id
    assert clients.client_by_code_or_name(" IB01 Holdings ").id == b.id
    assert clients.client_by_code_or_name("iberia moda ou").id == a.id


def test_lookup_never_takes_a_look_alike(db):
    clients.create_client(name="Baltic Moda LLC", code="BM1", country="India")
    with pytest.raises(NotFound) as err:
        clients.client_by_code_or_name("Baltic Moda Inc.")
    assert "BM1 Baltic Moda LLC" in err.value.zh and "相似" in err.value.zh
    assert "similar names" in err.value.en


def test_lookup_of_an_unknown_client_says_what_to_do(db):
    with pytest.raises(NotFound) as err:
        clients.client_by_code_or_name("Nobody Ltd")
    assert "Nobody Ltd" in err.value.zh and "客户档案" in err.value.zh
    assert "create the client" in err.value.en


def test_lookup_matching_several_clients_asks_for_the_code(db):
    clients.create_client(name="Oriental Home Textile Ltd", code="OR1")
    clients.create_client(name="Oriental Home Textile Limited", code="OR2", email="x@oht.example")
    with pytest.raises(ValidationError) as err:
        clients.client_by_code_or_name("oriental home textile ltd")
    assert "OR1" in err.value.en and "OR2" in err.value.en and "code" in err.value.en


def test_fields_and_tags_are_saved_together_or_not_at_all(db):
    from gendan_desktop.core.clients import create_client, get_tags, update_client
    from gendan_desktop.core.errors import ValidationError
    from gendan_desktop.core.models import Client

    c = create_client(name="宁波针织", tags=["针织"])
    with pytest.raises(ValidationError) as refused:
        update_client(c.id, {"phone": "0574-1"}, c.version, tags=["ok", "x" * 51])
    assert refused.value.field == "tags"
    assert Client.get_by_id(c.id).phone != "0574-1" and get_tags(c.id) == ["针织"]
    saved = update_client(c.id, {"phone": "0574-1"}, c.version, tags=["老客户", "针织", "老客户"])
    assert saved.phone == "0574-1" and get_tags(c.id) == ["老客户", "针织"]
