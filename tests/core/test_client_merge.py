"""Merging two clients that are one company: everything moves, in one audited transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import make_confirmed, make_order

from gendan_desktop.core import aftersales, clients, followups, payments, quotations, receivables, samples, shipments
from gendan_desktop.core.client_merge import merge_clients, merge_preview
from gendan_desktop.core.errors import StaleEdit, ValidationError
from gendan_desktop.core.models import (
    AuditLog,
    Client,
    ClientTag,
    Complaint,
    Contact,
    FollowUp,
    Order,
    Payment,
    Quotation,
    Sample,
)
from gendan_desktop.core.orders import order_lines

TODAY = dt.date.today()


def _two_clients():
    keep = clients.create_client(name="Baltic Moda LLC", country="India", tags=["针织", "大货"],
                                 contacts=[{"name": "Anil", "email": "anil@balticmoda.in"}])
    dup = clients.create_client(name="Baltic Moda L.L.C", email="buy@balticmoda.in", phone="+91 22 5555 0101",
                                tags=["针织", "梭织"], notes="先付定金",
                                contacts=[{"name": "Priya", "email": "priya@balticmoda.in"}])
    return keep, dup


def test_everything_pointing_at_the_merged_client_moves(db):
    keep, dup = _two_clients()
    keep_order = make_order(client=keep, client_po="PO-1")
    order = make_confirmed(client=dup, client_po="PO-2")
    line = order_lines(order.id)[0]
    from gendan_desktop.core.orders import set_status

    set_status(order, "in_production")
    shipments.create_shipment(order.id, TODAY, [(line.id, 50)], excess_reason="库存现货")
    payments.record_payment(dup.id, "100", order.currency, TODAY, "deposit", order.id)
    complaint = aftersales.file_complaint(order.id, TODAY, "色差", 5)
    followups.log_followup(dup.id, TODAY, "email", "报价已发", next_date=TODAY + dt.timedelta(days=3))
    quote = quotations.create_quotation(dup.id, [{"product": "Tee", "quantity": 10, "cost_material": "1"}],
                                        exchange_rate="7")
    sample = samples.request_sample(dup.id, product="Hoodie")
    owed_before = receivables.client_balance(dup.id)
    assert owed_before[order.currency] > 0
    assert merge_preview(dup.id)["order"] == 1

    result = merge_clients(keep.id, dup.id, survivor_version=keep.version,
                           merged_version=Client.get_by_id(dup.id).version)

    assert Client.get_or_none(Client.id == dup.id) is None
    assert {o.id for o in Order.select().where(Order.client == keep.id)} == {keep_order.id, order.id}
    assert Payment.get(Payment.order == order.id).client_id == keep.id
    assert Complaint.get_by_id(complaint.id).order.client_id == keep.id
    assert FollowUp.select().where(FollowUp.client == keep.id).count() == 1
    assert Quotation.get_by_id(quote.id).client_id == keep.id and Sample.get_by_id(sample.id).client_id == keep.id
    assert sorted(t.tag for t in ClientTag.select().where(ClientTag.client == keep.id)) == ["大货", "梭织", "针织"]
    contacts = list(Contact.select().where(Contact.client == keep.id).order_by(Contact.id))
    assert [(c.name, c.is_primary) for c in contacts] == [("Anil", True), ("Priya", False)]
    kept = Client.get_by_id(keep.id)
    assert (kept.email, kept.phone, kept.country) == ("buy@balticmoda.in", "+91 22 5555 0101", "India")
    assert "先付定金" in kept.notes and kept.version > keep.version
    assert result.moved["order"] == 1 and result.moved["payment"] == 1 and result.moved["contact"] == 1
    assert receivables.client_balance(keep.id) == owed_before  # the statement follows the orders
    # audited on the client and on the order that changed hands
    merge = AuditLog.get((AuditLog.entity == "client") & (AuditLog.action == "merge"))
    assert merge.entity_id == keep.id and "Baltic Moda L.L.C" in merge.old
    assert AuditLog.select().where((AuditLog.order_id == order.id) & (AuditLog.field == "client")).exists()


def test_a_look_alike_pair_is_settled_by_the_merge(db):
    llc = clients.create_client(name="Baltic Moda LLC", country="India")
    inc = clients.create_client(name="Baltic Moda Inc.", country="Germany")
    third = clients.create_client(name="Baltic Moda GmbH", country="Austria")
    assert len(clients.pending_look_alikes()) == 3
    merge_clients(llc.id, inc.id, survivor_version=llc.version, merged_version=inc.version)
    pending = {frozenset((a.id, b.id)) for a, b in clients.pending_look_alikes()}
    assert pending == {frozenset((llc.id, third.id))}


def test_a_client_po_on_both_sides_is_refused_and_nothing_moves(db):
    keep, dup = _two_clients()
    make_order(client=keep, client_po="PO-7")
    theirs = make_order(client=dup, client_po="po-7")
    with pytest.raises(ValidationError) as err:
        merge_clients(keep.id, dup.id, survivor_version=keep.version,
                      merged_version=Client.get_by_id(dup.id).version)
    assert "PO-7" in err.value.zh or "po-7" in err.value.zh
    assert Order.get_by_id(theirs.id).client_id == dup.id and Client.get_or_none(Client.id == dup.id)


def test_a_client_changed_meanwhile_or_itself_is_refused(db):
    keep, dup = _two_clients()
    stale = dup.version
    clients.update_client(dup.id, {"notes": "changed elsewhere"}, Client.get_by_id(dup.id).version)
    with pytest.raises(StaleEdit):
        merge_clients(keep.id, dup.id, survivor_version=keep.version, merged_version=stale)
    with pytest.raises(ValidationError):
        merge_clients(keep.id, keep.id, survivor_version=keep.version, merged_version=keep.version)
    with pytest.raises(TypeError, match="expected_version"):
        merge_clients(keep.id, dup.id, survivor_version=keep.version, merged_version=None)
    assert Client.get_or_none(Client.id == dup.id) is not None
