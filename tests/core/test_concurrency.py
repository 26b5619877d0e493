"""Two windows on one order, and two processes on one SQLite file."""

from __future__ import annotations

import multiprocessing

import pytest
from builders import make_order, review_all, two_lines

from gendan_desktop.core import aftersales, orders
from gendan_desktop.core.errors import StaleEdit
from gendan_desktop.core.models import Counter

ROUNDS = 200


def test_second_window_saving_an_old_version_is_refused(db):
    order = make_order(client_po="PO-1")
    window_a, window_b = orders.get_order(order.id), orders.get_order(order.id)

    orders.update_order(window_a.id, {"client_po": "PO-A"}, window_a.version)
    with pytest.raises(StaleEdit) as exc:
        orders.update_order(window_b.id, {"client_po": "PO-B", "notes": "B 的备注"}, window_b.version)

    assert "已被其他窗口或同事修改" in exc.value.zh and "未保存" in exc.value.zh
    assert "changed elsewhere" in exc.value.en
    kept = orders.get_order(order.id)
    assert (kept.client_po, kept.notes) == ("PO-A", "")


def test_line_edits_from_two_windows_conflict_too(db):
    order = make_order()
    a, b = orders.get_order(order.id), orders.get_order(order.id)
    lines_a, lines_b = two_lines(), two_lines()
    lines_a[0]["quantity"], lines_b[0]["quantity"] = 111, 222
    orders.update_order(a.id, {}, a.version, lines=lines_a)
    with pytest.raises(StaleEdit):
        orders.update_order(b.id, {}, b.version, lines=lines_b)
    assert orders.order_lines(order.id)[0].quantity == 111


def test_review_over_a_newer_version_is_refused(db):
    order = make_order()
    stale = orders.get_order(order.id)
    orders.update_order(order.id, {"notes": "改了"}, order.version)
    with pytest.raises(StaleEdit):
        review_all(stale)
    assert orders.get_order(order.id).status == "draft"


def test_complaint_edits_from_two_windows(db):
    order = review_all(make_order())
    order = orders.confirm_order(order.id, expected_version=order.version)
    c = aftersales.file_complaint(order.id, order.order_date, "色差", 5)
    aftersales.update_complaint(c.id, {"cause": "A"}, c.version)
    with pytest.raises(StaleEdit):
        aftersales.update_complaint(c.id, {"cause": "B"}, c.version)
    assert aftersales.get_complaint(c.id).cause == "A"


def _hammer(path: str, rounds: int, barrier, results) -> None:
    """One process: ``rounds`` read-then-write transactions on one counter."""
    from gendan_desktop.core.db import close_database, open_database, write_transaction
    from gendan_desktop.core.models import Counter as C

    open_database(path, migrate=False)
    errors = []
    barrier.wait()
    for _ in range(rounds):
        try:
            with write_transaction():
                value = C.get(C.name == "race").value
                C.update(value=value + 1).where(C.name == "race").execute()
        except Exception as exc:  # reported back and asserted on, never swallowed
            errors.append(repr(exc))
    close_database()
    results.put(errors)


def test_two_processes_read_then_write_without_lock_errors(sqlite_db, tmp_path):
    path = str(tmp_path / "test.sqlite3")
    Counter.create(name="race", value=0)
    ctx = multiprocessing.get_context("spawn")  # what Windows uses
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_hammer, args=(path, ROUNDS, barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    errors = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert errors == [[], []]
    assert Counter.get(Counter.name == "race").value == 2 * ROUNDS  # no lost update either


# ------------------------------------------------- the version is mandatory --
def _world():
    """One record of each kind an update service edits, made through the services."""
    import datetime as dt

    from builders import make_confirmed as confirmed
    from builders import make_order as draft

    from gendan_desktop.core import clients, factories, materials, payments, quotations, samples, shipments

    client = clients.create_client(name="Versioned Co", contacts=[{"name": "Ann"}])
    order = confirmed(client)
    line = orders.order_lines(order.id)[0]
    orders.set_status(order, "in_production")
    material = materials.add_material(order.id, "Cotton", "0.5")
    return {
        "client": client, "contact": clients.primary_contact(client.id),
        "factory": factories.create_factory("Versioned Factory"),
        "quotation": quotations.create_quotation(client.id, [{"product": "Tee", "quantity": 10,
                                                              "cost_material": "1"}], exchange_rate="7.1"),
        "sample": samples.request_sample(client.id, product="Hoodie"),
        "draft": draft(client), "order": orders.get_order(order.id),
        "shipment": shipments.create_shipment(order.id, dt.date.today(), [(line.id, 10)], excess_reason="现货"),
        "payment": payments.record_payment(client.id, "10", order.currency, dt.date.today(), "deposit", order.id),
        "complaint": aftersales.file_complaint(order.id, dt.date.today(), "色差", 5),
        "material": material,
        "purchase": materials.create_purchase(material.id, "YKK", "10", dt.date.today()),
    }


def _update_services():
    from gendan_desktop.core import (
        clients,
        factories,
        materials,
        payments,
        quotations,
        recalls,
        revisions,
        samples,
        shipments,
    )

    return {
        "update_client": ("client", lambda r, v: clients.update_client(r.id, {"notes": "x"}, v)),
        "archive_client": ("client", lambda r, v: clients.archive_client(r.id, v)),
        "update_contact": ("contact", lambda r, v: clients.update_contact(r.id, {"title": "x"}, v)),
        "update_factory": ("factory", lambda r, v: factories.update_factory(r.id, {"notes": "x"}, v)),
        "update_quotation": ("quotation", lambda r, v: quotations.update_quotation(r.id, {"notes": "x"}, v)),
        "mark_made": ("sample", lambda r, v: samples.mark_made(r.id, expected_version=v)),
        "update_order": ("draft", lambda r, v: orders.update_order(r.id, {"notes": "x"}, v)),
        "set_review": ("draft", lambda r, v: orders.set_review(r.id, True, True, True, True, True, "",
                                                               expected_version=v)),
        "confirm_order": ("draft", lambda r, v: orders.confirm_order(r.id, expected_version=v)),
        "cancel_order": ("draft", lambda r, v: recalls.cancel_order(r.id, "x", v)),
        "revise_order": ("order", lambda r, v: revisions.revise_order(r.id, "x", {"notes": "x"}, None, v)),
        "update_shipment_documents": ("shipment", lambda r, v: shipments.update_shipment_documents(
            r.id, {"bl_no": "x"}, v)),
        "void_shipment": ("shipment", lambda r, v: shipments.void_shipment(r.id, "x", v)),
        "update_payment": ("payment", lambda r, v: payments.update_payment(r.id, {"notes": "x"}, v)),
        "void_payment": ("payment", lambda r, v: payments.void_payment(r.id, "x", v)),
        "update_complaint": ("complaint", lambda r, v: aftersales.update_complaint(r.id, {"cause": "x"}, v)),
        "set_disposition": ("complaint", lambda r, v: aftersales.set_disposition(r.id, "rework",
                                                                                 expected_version=v)),
        "close_complaint": ("complaint", lambda r, v: aftersales.close_complaint(r.id, expected_version=v)),
        "update_material": ("material", lambda r, v: materials.update_material(r.id, {"notes": "x"}, v)),
        "update_purchase": ("purchase", lambda r, v: materials.update_purchase(r.id, {"notes": "x"}, v)),
    }


@pytest.mark.parametrize("service", sorted(_update_services()))
def test_every_update_service_refuses_a_save_without_a_version(db, service):
    kind, call = _update_services()[service]
    record = _world()[kind]
    before = type(record).get_by_id(record.id)
    with pytest.raises(TypeError, match="expected_version"):
        call(record, None)
    after = type(record).get_by_id(record.id)
    assert after.version == before.version  # nothing was written
