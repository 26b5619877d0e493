"""The merchandiser's whole job, through the services only, on a real database:

enquiry (client + follow-up) → quotation → PI → sample approved → order from the
quotation → review → confirm → materials → production sheet + flow cards →
progress through every step → partial shipment → second shipment → deposit and
balance → complaint settled by a discount credit → complaint settled by a remake
order (shipped free of charge) → the statement's figures match the receivables.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gendan_desktop.core import (
    aftersales,
    clients,
    followups,
    materials,
    orders,
    payments,
    production,
    progress,
    progress_queries,
    quotations,
    receivables,
    samples,
    shipments,
    statements,
)
from gendan_desktop.core.errors import StateError, ValidationError
from gendan_desktop.core.models import AuditLog

D = Decimal
DAY0 = dt.date(2026, 3, 2)  # the enquiry


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def _produce(order_id: int, when: dt.date) -> None:
    """Walk every live flow card through its whole route, all pieces good."""
    for card in production.cards_for_order(order_id):
        passed = card.quantity
        for step in progress.card_steps(card):
            progress.record_progress(card.number, step.seq, qty_in=passed, qty_good=passed, operator="王师傅",
                                     date=when)


def test_enquiry_to_statement(db):
    client, q, price = _enquiry_to_pi()
    s = _approved_sample(client, q)
    order, red, blue = _confirmed_order(q, s, price)
    _produced(order)
    total = _shipped(order, red, blue, price)
    deposit, credit, balance_due, c1 = _paid_with_a_credit(client, order, total)
    _remade(order, red)
    _statement_matches(client, order, price, total, deposit, credit, balance_due, c1)
    _history_tells_the_story(order)


def _enquiry_to_pi():
    # --- enquiry: a new client from a trade show, and the promised call back
    client = clients.create_client(name="汉堡北方贸易有限公司", name_en="Nordhandel GmbH", country="Germany",
                                   source="trade_show", default_currency="USD",
                                   contacts=[{"name": "Anna Schmidt", "email": "anna@nordhandel.de"}])
    followups.log_followup(client.id, DAY0, "email", "询价:圆领T恤 500 件,红/蓝两色", next_date=day(3))
    assert [f.client_id for f in followups.followups_due(day(3))] == [client.id]

    # --- quotation → PI
    q = quotations.create_quotation(
        client.id,
        [{"style": "NT-100", "product": "圆领T恤", "quantity": 500, "cost_material": "9.80",
          "cost_processing": "4.20", "cost_accessories": "0.60", "cost_packing": "0.40", "cost_freight": "0.50"}],
        currency="USD", exchange_rate="7.10", margin_pct=25, date=day(1), valid_until=day(31))
    (item,) = quotations.quotation_items(q.id)
    price = item.unit_price
    assert price > 0 and price == price.quantize(D("0.01"))
    q = quotations.issue_pi(q.id, pi_date=day(2))
    assert q.pi_number

    return client, q, price


def _approved_sample(client, q):
    # --- sample requested → made → sent → approved
    s = samples.request_sample(client.id, requested_date=day(2), quotation_id=q.id, style="NT-100",
                               product="圆领T恤", colour="红", size="M")
    s = samples.mark_made(s.id, day(6), expected_version=s.version)
    s = samples.send_sample(s.id, "DHL", "1234567890", date=day(7), expected_version=s.version)
    s = samples.approve_sample(s.id, "颜色OK", date=day(12), expected_version=s.version)
    assert s.status == "approved"

    return s


def _confirmed_order(q, s, price):
    # --- order from the quotation, split by colour, following the approved sample
    order = quotations.create_order_from_quotation(
        q.id, day(60), client_po="NH-PO-4711", order_date=day(14), sample_id=s.id, product_category="garment",
        lines=[{"style": "NT-100", "product": "圆领T恤", "colour": "红", "size": "M", "quantity": 300,
                "unit_price": price},
               {"style": "NT-100", "product": "圆领T恤", "colour": "蓝", "size": "L", "quantity": 200,
                "unit_price": price}])
    assert order.status == "draft" and order.currency == "USD" and order.sample_id == s.id
    red, blue = orders.order_lines(order.id)
    with pytest.raises(StateError):
        shipments.create_shipment(order.id, day(15), [(red.id, 1)])  # not confirmed yet

    # --- review → confirm
    order = orders.set_review(order.id, True, True, True, True, True, "可做", order.version)
    order = orders.confirm_order(order.id, expected_version=order.version)
    assert order.status == "confirmed"

    return order, red, blue


def _produced(order):
    # --- materials: short at first, so production waits for the purchase
    fabric = materials.add_material(order.id, "精梳棉汗布", "0.35", 3, in_stock="100", unit="kg")
    with pytest.raises(StateError):  # nor without the paper on the floor
        production.start_production(order.id)
    sheet = production.issue_production_sheet(order.id, carton_count=25)
    cards = production.issue_flow_cards(order.id, batch_size=200)
    assert sheet.number and sum(c.quantity for c in cards) == 500 and len(cards) == 3
    with pytest.raises(StateError):
        production.start_production(order.id)
    buy = materials.create_purchase(fabric.id, "绍兴华纺", "90", day(20), ordered_date=day(15))
    materials.receive_purchase(buy.id, "90", day(19))
    assert production.start_production(order.id).covered

    # --- progress through every step of every card
    _produce(order.id, day(30))
    assert progress_queries.order_progress(order.id).good == 500


def _shipped(order, red, blue, price):
    # --- partial shipment, then the rest
    first = shipments.create_shipment(order.id, day(40), [(red.id, 300)], booking_no="BK-NB-001",
                                      ports=("Ningbo", "Hamburg"))
    assert orders.get_order(order.id).status == "partly_shipped"
    with pytest.raises(ValidationError) as err:
        shipments.create_shipment(order.id, day(41), [(red.id, 1)])
    assert "0" in err.value.zh and "红" in err.value.zh
    shipments.update_shipment_documents(first.id, {"container_no": "MSKU7654321", "bl_no": "MAEU-BL-1"},
                                        first.version)
    shipments.create_shipment(order.id, day(45), [(blue.id, 200)])
    assert orders.get_order(order.id).status == "shipped"
    total = receivables.line_amount(300, price) + receivables.line_amount(200, price)

    return total


def _paid_with_a_credit(client, order, total):
    # --- deposit (before shipping) and part of the balance
    deposit = (total * D("0.30")).quantize(D("0.01"))
    payments.record_payment(client.id, deposit, "USD", day(16), "deposit", order.id, "TT-DEP-01")
    credit = D("50.00")
    balance_due = total - deposit - credit

    # --- complaint 1: colour shade on blue L, settled by a discount credit
    c1 = aftersales.file_complaint(order.id, day(55), "蓝色L码部分色差", 20, cause="染色批次差异",
                                   countermeasure="每缸对色后再裁")
    aftersales.set_disposition(c1.id, "discount", cost="0", credit_amount=credit, credit_date=day(56),
                               expected_version=aftersales.get_complaint(c1.id).version)
    aftersales.close_complaint(c1.id, closed_at=day(57), expected_version=aftersales.get_complaint(c1.id).version)

    payments.record_payment(client.id, balance_due, "USD", day(70), "balance", order.id, "TT-BAL-01")
    assert orders.get_order(order.id).status == "settled"

    return deposit, credit, balance_due, c1


def _remade(order, red):
    # --- complaint 2: sewing defects on red M, settled by a free remake order
    red_card = next(c for c in production.cards_for_order(order.id) if c.order_line_id == red.id)
    c2 = aftersales.file_complaint(order.id, day(58), "红色M码10件开线", 10, card_id=red_card.id,
                                   cause="车缝针距过大", countermeasure="调整针距并加检")
    remake = aftersales.create_remake_order(c2.id, delivery_date=day(80), order_date=day(59))
    assert remake.order_type == "remake" and remake.remake_of_id == order.id
    (remake_line,) = orders.order_lines(remake.id)
    assert remake_line.quantity == 10 and remake_line.unit_price == 0
    remake = orders.set_review(remake.id, True, True, True, True, True, "补单", remake.version)
    orders.confirm_order(remake.id, expected_version=remake.version)
    production.issue_flow_cards(remake.id)  # one card for its one line
    production.start_production(remake.id, confirm_missing=True)  # no sheet, no materials for 10 pieces
    _produce(remake.id, day(66))
    shipments.create_shipment(remake.id, day(68), [(remake_line.id, 10)])
    assert orders.get_order(remake.id).status == "settled"  # nothing to pay for a free remake
    aftersales.close_complaint(c2.id, closed_at=day(69), expected_version=aftersales.get_complaint(c2.id).version)


def _statement_matches(client, order, price, total, deposit, credit, balance_due, c1):
    # --- the statement matches the receivables, line by line and in total
    assert receivables.client_balance(client.id) == {"USD": D("0.00")}
    (whole,) = statements.statement(client.id, DAY0, day(90))
    assert (whole.total_shipped, whole.total_credits, whole.total_paid) == (total, credit, deposit + balance_due)
    assert whole.opening == 0 and whole.closing == 0 and whole.closing_in_words == "美元零元整"
    assert [(e.kind, e.colour, e.quantity) for e in whole.entries if e.kind == "shipment"] == [
        ("shipment", "红", 300), ("shipment", "蓝", 200), ("shipment", "红", 10)]
    assert {e.client_po for e in whole.entries if e.kind == "shipment"} == {"NH-PO-4711"}
    assert [e.document_no for e in whole.entries if e.kind == "payment"] == ["TT-DEP-01", "TT-BAL-01"]
    assert [e.document_no for e in whole.entries if e.kind == "credit"] == [c1.number]

    # a period that starts after the first shipment opens with what was owed then
    (late,) = statements.statement(client.id, day(42), day(60))
    first_amount = receivables.line_amount(300, price)
    assert late.opening == first_amount - deposit
    assert late.closing == late.opening + late.total_shipped - late.total_credits - late.total_paid
    assert late.closing == receivables.client_balance(client.id, until=day(60))["USD"]
    assert late.closing == total - deposit - credit
    assert late.closing_in_words.startswith("美元") and late.closing_in_words.endswith(("角", "分", "整"))
    issued = statements.issue_statement(late)
    assert issued.number.startswith("ST")

    (row,) = [r for r in receivables.receivables_by_client() if r.client_id == client.id]
    assert (row.shipped, row.credits, row.paid, row.balance) == (total, credit, deposit + balance_due, 0)
    assert receivables.overdue_receivables(day(200), terms_days=30, client_id=client.id) == []


def _history_tells_the_story(order):
    # the order's history tells the whole story
    history = {(a.entity, a.action) for a in AuditLog.select().where(AuditLog.order_id == order.id)}
    assert {("order", "status"), ("shipment", "create"), ("payment", "create"), ("complaint", "create")} <= history
    moves = [a.new for a in AuditLog.select().where((AuditLog.order_id == order.id) & (AuditLog.entity == "order")
                                                    & (AuditLog.field == "status")).order_by(AuditLog.id)]
    assert moves == ["reviewed", "confirmed", "in_production", "partly_shipped", "shipped", "settled"]
