"""Shipments: partial and full, remaining quantities, frozen prices, documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import make_client, make_stored_order
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from money_helpers import order_lines, status_of

from gendan_desktop.core import receivables, shipments
from gendan_desktop.core.errors import StaleEdit, StateError, ValidationError
from gendan_desktop.core.models import AuditLog, Order, OrderLine, Shipment, ShipmentLine

D = Decimal
DAY = dt.date(2026, 3, 1)


def _order():
    client = make_client()
    return make_stored_order(client, [("A100", "Red", "M", 100, "2.50"), ("A100", "Blue", "L", 50, "3.125")])


def test_partial_then_full_shipment_moves_status_and_tracks_remaining(db):
    order = _order()
    l1, l2 = order_lines(order)
    first = shipments.create_shipment(order.id, DAY, [(l1.id, 60)], booking_no="BK1",
                                      ports=("Ningbo", "Hamburg"))
    assert first.number.startswith("SH")
    assert status_of(order) == "partly_shipped"
    rows = {r.order_line_id: r for r in shipments.shipped_quantities(order.id)}
    assert (rows[l1.id].ordered, rows[l1.id].shipped, rows[l1.id].remaining) == (100, 60, 40)
    assert (rows[l2.id].shipped, rows[l2.id].remaining) == (0, 50)
    assert Shipment.get_by_id(first.id).port_of_discharge == "Hamburg"

    shipments.create_shipment(order.id, DAY + dt.timedelta(days=10), [(l1.id, 40), (l2.id, 50)])
    assert status_of(order) == "shipped"
    assert all(r.remaining == 0 for r in shipments.shipped_quantities(order.id))
    assert len(shipments.list_shipments(order_id=order.id)) == 2


def test_shipping_more_than_remaining_names_the_line_and_what_is_left(db):
    order = _order()
    l1, l2 = order_lines(order)
    shipments.create_shipment(order.id, DAY, [(l2.id, 45)])
    with pytest.raises(ValidationError) as err:
        shipments.create_shipment(order.id, DAY, [(l1.id, 10), (l2.id, 6)])
    msg = err.value.zh
    assert "第 2 行" in msg and "A100" in msg and "Blue" in msg and "L" in msg and "只剩 5" in msg
    assert "line 2" in err.value.en and "only 5 remain" in err.value.en
    # nothing of the refused shipment was written, not even line 1
    assert ShipmentLine.select().count() == 1
    assert status_of(order) == "partly_shipped"


def test_same_line_given_twice_is_added_up_before_the_check(db):
    order = _order()
    l1, _ = order_lines(order)
    with pytest.raises(ValidationError):
        shipments.create_shipment(order.id, DAY, [(l1.id, 60), (l1.id, 41)])
    shipments.create_shipment(order.id, DAY, [(l1.id, 60), (l1.id, 40), (l1.id, 0)])
    assert shipments.shipped_quantities(order.id)[0].shipped == 100


@pytest.mark.parametrize("status", ["draft", "reviewed", "cancelled"])
def test_unconfirmed_or_cancelled_orders_cannot_ship(db, status):
    order = make_stored_order(make_client(), status=status)
    (line,) = order_lines(order)
    with pytest.raises(StateError) as err:
        shipments.create_shipment(order.id, DAY, [(line.id, 1)])
    assert order.number in err.value.zh
    assert Shipment.select().count() == 0


def test_bad_quantities_and_foreign_lines_are_refused(db):
    order = _order()
    other = make_stored_order(make_client())
    l1, _ = order_lines(order)
    (foreign,) = order_lines(other)
    with pytest.raises(ValidationError):
        shipments.create_shipment(order.id, DAY, [(l1.id, -1)])
    with pytest.raises(ValidationError):
        shipments.create_shipment(order.id, DAY, [(l1.id, 0)])
    with pytest.raises(ValidationError):
        shipments.create_shipment(order.id, DAY, [(l1.id, 1.5)])
    with pytest.raises(ValidationError) as err:
        shipments.create_shipment(order.id, DAY, [(foreign.id, 1)])
    assert order.number in err.value.zh
    assert Shipment.select().count() == 0


def test_unit_price_is_frozen_at_shipment(db):
    order = _order()
    l1, _ = order_lines(order)
    s = shipments.create_shipment(order.id, DAY, [(l1.id, 10)])
    OrderLine.update(unit_price=D("9.99")).where(OrderLine.id == l1.id).execute()
    (line,) = shipments.shipment_lines(s.id)
    assert line["unit_price"] == D("2.5") and line["amount"] == D("25.00")
    assert shipments.shipment_total(s.id) == D("25.00")


def test_line_amount_rounds_to_the_cent(db):
    order = _order()
    _, l2 = order_lines(order)
    s = shipments.create_shipment(order.id, DAY, [(l2.id, 3)])  # 3 × 3.125 = 9.375
    assert shipments.shipment_total(s.id) == D("9.38")


def test_documents_are_versioned_and_audited(db):
    order = _order()
    l1, _ = order_lines(order)
    s = shipments.create_shipment(order.id, DAY, [(l1.id, 10)])
    updated = shipments.update_shipment_documents(s.id, {"container_no": "MSCU1234567", "bl_no": "BL-9"},
                                                  s.version)
    assert updated.container_no == "MSCU1234567" and updated.version == s.version + 1
    with pytest.raises(StaleEdit):
        shipments.update_shipment_documents(s.id, {"customs_no": "530120260001"}, s.version)
    assert Shipment.get_by_id(s.id).customs_no == ""
    with pytest.raises(ValidationError):
        shipments.update_shipment_documents(s.id, {"date": "2026-01-01"}, updated.version)
    fields = {a.field for a in AuditLog.select().where(
        (AuditLog.entity == "shipment") & (AuditLog.order_id == order.id))}
    assert {"container_no", "bl_no"} <= fields


def test_shipping_a_confirmed_order_records_the_production_start(db):
    order = _order()
    l1, _ = order_lines(order)
    shipments.create_shipment(order.id, DAY, [(l1.id, 1)])
    fresh = Order.get_by_id(order.id)
    assert fresh.status == "partly_shipped" and fresh.production_started_at is not None
    moves = [(a.old, a.new) for a in AuditLog.select().where(
        (AuditLog.order_id == order.id)
                                                             & (AuditLog.field == "status")).order_by(AuditLog.id)]
    assert moves == [("confirmed", "in_production"), ("in_production", "partly_shipped")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ordered=st.lists(st.integers(1, 50), min_size=1, max_size=3),
       attempts=st.lists(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 60)), min_size=1, max_size=3),
                         max_size=8))
def test_shipped_quantity_never_exceeds_ordered(db, ordered, attempts):
    """Random shipment attempts: accepted ones add up exactly, refused ones change nothing."""
    order = make_stored_order(make_client(), [(f"S{i}", "Red", "M", q, "1") for i, q in enumerate(ordered)])
    lines = order_lines(order)
    expected = {ln.id: 0 for ln in lines}
    for attempt in attempts:
        wanted = [(lines[i % len(lines)].id, q) for i, q in attempt]
        total = {}
        for lid, q in wanted:
            total[lid] = total.get(lid, 0) + q
        fits = any(total.values()) and all(expected[lid] + q <= ln.quantity
                                           for ln in lines for lid, q in total.items() if lid == ln.id)
        try:
            shipments.create_shipment(order.id, DAY, wanted)
            assert fits
            for lid, q in total.items():
                expected[lid] += q
        except (ValidationError, StateError):
            assert not fits
        rows = shipments.shipped_quantities(order.id)
        assert {r.order_line_id: r.shipped for r in rows} == expected
        assert all(r.shipped <= r.ordered and r.remaining == r.ordered - r.shipped for r in rows)
    full = all(expected[ln.id] == ln.quantity for ln in lines)
    assert status_of(order) == ("shipped" if full else "partly_shipped" if any(expected.values()) else "confirmed")


def test_void_shipment_gives_the_quantities_back_and_steps_the_status_back(db):
    from gendan_desktop.core import payments

    order = _order()
    l1, l2 = order_lines(order)
    first = shipments.create_shipment(order.id, DAY, [(l1.id, 100)])
    second = shipments.create_shipment(order.id, DAY, [(l2.id, 50)])
    payments.record_payment(order.client_id, "406.25", "USD", DAY, "balance", order.id)
    assert status_of(order) == "settled"
    with pytest.raises(ValidationError):
        shipments.void_shipment(second.id, "", second.version)
    with pytest.raises(StaleEdit):
        shipments.void_shipment(second.id, "录错", expected_version=second.version + 1)
    shipments.void_shipment(second.id, "数量录错 wrong quantity", expected_version=second.version)
    assert status_of(order) == "partly_shipped"
    assert {r.order_line_id: r.remaining for r in shipments.shipped_quantities(order.id)} == {l1.id: 0, l2.id: 50}
    log = AuditLog.get((AuditLog.entity == "shipment") & (AuditLog.action == "void"))
    assert second.number in log.old and "wrong quantity" in log.new
    shipments.void_shipment(first.id, "客户取消出货", first.version)
    assert status_of(order) == "in_production"
    assert Shipment.select().count() == 0 and ShipmentLine.select().count() == 0


def test_two_people_shipping_the_same_line_at_once_cannot_overship(db):
    """Two windows (threads with their own connections) each ship 60 of the 100 left."""
    import threading

    order = _order()
    l1, _ = order_lines(order)
    barrier = threading.Barrier(2)
    outcomes = []

    def ship():
        try:
            barrier.wait()
            shipments.create_shipment(order.id, DAY, [(l1.id, 60)])
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            db.close()  # this thread's own connection

    threads = [threading.Thread(target=ship) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert shipments.shipped_quantities(order.id)[0].shipped == 60


def test_shipment_totals_of_an_order_match_each_shipment(db):
    order = _order()
    l1, l2 = order_lines(order)
    a = shipments.create_shipment(order.id, DAY, [(l1.id, 33), (l2.id, 7)])
    b = shipments.create_shipment(order.id, DAY, [(l2.id, 3)])
    totals = receivables.shipment_totals(order.id)
    # 33 × 2.50 + 7 × 3.125 (= 21.875 → 21.88); 3 × 3.125 = 9.375 → 9.38
    assert totals == {a.id: (40, D("104.38")), b.id: (3, D("9.38"))}
    assert all(totals[s.id][1] == shipments.shipment_total(s.id) for s in (a, b))
    assert receivables.shipment_totals(_order().id) == {}
