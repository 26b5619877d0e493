"""Progress per flow card and step: the quantity rules, the grid, order progress, late steps."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import TODAY, lines_of, make_confirmed, two_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gendan_desktop.core import production
from gendan_desktop.core.errors import NotFound, StateError, ValidationError, set_language
from gendan_desktop.core.models import AuditLog, FlowCardStep, ProgressReport


def _card(qty=100, **kw):
    order = make_confirmed(lines=two_lines(red=qty, blue=qty), **kw)
    card = production.issue_flow_cards(order.id, batches=[(lines_of(order)[0].id, qty)])[0]
    return order, card


def _step(card, seq):
    return FlowCardStep.get((FlowCardStep.card == card.id) & (FlowCardStep.seq == seq))


def test_progress_updates_the_step_sums_and_is_audited(db):
    order, card = _card()
    r1 = production.record_progress(card.number, "裁剪", 60, 58, 2, "张三", "2026-11-02", inspector="质检李")
    production.record_progress(card.id, 1, 40, 40, 0, "张三", dt.date(2026, 11, 3))
    s = _step(card, 1)
    assert (s.qty_in, s.qty_good, s.qty_defect) == (100, 98, 2)
    assert s.finished_at == dt.date(2026, 11, 3)
    assert r1.operator == "张三" and r1.inspector == "质检李" and r1.date == dt.date(2026, 11, 2)
    assert ProgressReport.select().count() == 2
    log = AuditLog.get((AuditLog.entity == "progress_report") & (AuditLog.entity_id == r1.id))
    assert log.order_id == order.id and card.number in log.field and "good 58" in log.new


def test_step_by_english_name_and_unknown_step(db):
    _, card = _card()
    production.record_progress(card.number, "cutting", 10, 10, 0, "A")
    production.record_progress(card.number, " Sewing ", 10, 9, 1, "B")
    assert _step(card, 2).qty_good == 9
    with pytest.raises(NotFound) as e:
        production.record_progress(card.number, "绣花", 1, 1, 0, "C")
    assert "1.裁剪" in e.value.zh and "Cutting" in e.value.en and card.number in e.value.en


def test_a_report_cannot_put_out_more_than_it_took_in(db):
    _, card = _card()
    with pytest.raises(ValidationError) as e:
        production.record_progress(card.number, 1, 10, 9, 2, "张三")
    assert card.number in e.value.zh and "裁剪" in e.value.zh
    assert "11" in e.value.zh and "10" in e.value.zh
    assert "good 9 + defect 2 = 11" in e.value.en
    assert ProgressReport.select().count() == 0
    with pytest.raises(ValidationError):
        production.record_progress(card.number, 1, 0, 0, 0, "张三")
    with pytest.raises(ValidationError):
        production.record_progress(card.number, 1, -1, 0, 0, "张三")
    with pytest.raises(ValidationError):
        production.record_progress(card.number, 1, "十", 0, 0, "张三")


def test_first_step_cannot_take_more_than_the_card(db):
    _, card = _card(qty=100)
    production.record_progress(card.number, 1, 70, 70, 0, "张三")
    with pytest.raises(ValidationError) as e:
        production.record_progress(card.number, 1, 31, 31, 0, "张三")
    assert "101" in e.value.zh and "100" in e.value.zh and card.number in e.value.en
    assert "card quantity of 100" in e.value.en
    production.record_progress(card.number, 1, 30, 30, 0, "张三")
    assert _step(card, 1).qty_in == 100


def test_a_step_cannot_take_more_than_the_previous_step_made_good(db):
    _, card = _card(qty=100)
    production.record_progress(card.number, 1, 100, 90, 10, "张三")
    with pytest.raises(ValidationError) as e:
        production.record_progress(card.number, 2, 91, 91, 0, "李四")
    assert "车缝" in e.value.zh and "裁剪" in e.value.zh and "90" in e.value.zh
    assert "91" in e.value.en and "90 good pieces" in e.value.en
    with pytest.raises(ValidationError):
        production.record_progress(card.number, 3, 1, 1, 0, "王五")  # nothing sewn yet
    production.record_progress(card.number, 2, 90, 90, 0, "李四")
    assert _step(card, 2).finished_at is not None


def test_english_messages_when_english_is_chosen(db):
    _, card = _card(qty=10)
    set_language("en")
    try:
        with pytest.raises(ValidationError) as e:
            production.record_progress(card.number, 1, 11, 11, 0, "A")
        assert str(e.value).startswith("For flow card")
    finally:
        set_language("zh")


def test_finishing_cascades_past_steps_with_nothing_to_receive(db):
    _, card = _card(qty=5)
    production.record_progress(card.number, 1, 5, 0, 5, "张三", "2026-11-05")  # all scrapped
    steps = production.card_steps(card)
    assert all(s.finished_at == dt.date(2026, 11, 5) for s in steps)


def test_delete_a_mistyped_entry(db):
    _, card = _card(qty=100)
    wrong = production.record_progress(card.number, 1, 100, 100, 0, "张三")
    production.record_progress(card.number, 2, 50, 50, 0, "李四")
    with pytest.raises(StateError) as e:
        production.delete_progress(wrong.id, "数量写错")
    assert "车缝" in e.value.zh
    with pytest.raises(ValidationError):
        production.delete_progress(wrong.id, "")
    later = ProgressReport.get(ProgressReport.qty_in == 50)
    production.delete_progress(later.id, "写错")
    production.delete_progress(wrong.id, "数量写错")
    assert (_step(card, 1).qty_in, _step(card, 1).finished_at) == (0, None)
    assert AuditLog.select().where((AuditLog.entity == "progress_report") & (AuditLog.action == "delete")).count() == 2


def test_progress_grid_and_order_progress(db):
    delivery = TODAY + dt.timedelta(days=30)
    order = make_confirmed(lines=two_lines(red=100, blue=200), delivery_date=delivery)
    cards = production.issue_flow_cards(order.id, batch_size=100)  # 3 cards
    a, b, _c = cards
    for seq in range(1, 7):
        production.record_progress(a.number, seq, 100, 100, 0, "张三")
    production.record_progress(b.number, 1, 100, 95, 5, "李四")
    grid = production.progress_grid(order.id, today=TODAY)
    assert grid.columns == ["裁剪", "车缝", "印花", "后整", "质检", "包装"]
    assert [r.number for r in grid.rows] == [c.number for c in cards]
    cell = grid.rows[1].cells[0]
    assert (cell.qty_in, cell.qty_good, cell.qty_defect, cell.finished_at is not None) == (100, 95, 5, True)
    assert grid.rows[1].cells[1].qty_in == 0 and grid.rows[1].cells[1].planned_date is not None
    assert grid.totals[0].planned_qty == 300 and grid.totals[0].qty_good == 195
    assert grid.totals[-1].qty_good == 100
    p = production.order_progress(order.id)
    assert (p.ordered, p.carded, p.good, p.percent) == (300, 300, 100, 33)
    # far past every planned date: all unfinished steps are late
    late_grid = production.progress_grid(order.id, today=delivery + dt.timedelta(days=1))
    assert not any(cell.late for cell in late_grid.rows[0].cells)
    assert all(cell.late for cell in late_grid.rows[2].cells)


def test_late_steps(db):
    delivery = TODAY + dt.timedelta(days=20)
    order = make_confirmed(lines=two_lines(red=100, blue=100), delivery_date=delivery)
    card = production.issue_flow_cards(order.id, batches=[(lines_of(order)[0].id, 100)])[0]
    first_planned = _step(card, 1).planned_date
    assert production.late_steps(first_planned) == []
    late = production.late_steps(first_planned + dt.timedelta(days=1))
    assert [(x.card_number, x.name, x.days_late) for x in late] == [(card.number, "裁剪", 1)]
    assert late[0].order_number == order.number
    two_late = production.late_steps(first_planned + dt.timedelta(days=30))
    assert len(two_late) == 6 and [x.seq for x in two_late] == [1, 2, 3, 4, 5, 6]
    assert production.late_steps(first_planned + dt.timedelta(days=30), limit=2) == two_late[:2]
    production.record_progress(card.number, 1, 100, 100, 0, "张三")
    assert production.late_steps(first_planned + dt.timedelta(days=1)) == []
    production.recall_card(card.id, "重开")
    assert production.late_steps(delivery + dt.timedelta(days=5)) == []


# ------------------------------------------------------------- invariants --
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(qty=st.integers(1, 60), n_reports=st.integers(0, 30), data=st.data())
def test_random_reports_never_break_the_flow(db, qty, n_reports, data):
    """Whatever sequence is typed, accepted reports obey the rules and refused ones change nothing.

    Quantities are drawn around what a step could still take, so that both
    accepted reports deep in the route and near-miss refusals are common.
    """
    order = make_confirmed(lines=two_lines(red=qty, blue=1))
    card = production.issue_flow_cards(order.id, batches=[(lines_of(order)[0].id, qty)])[0]
    n_steps = len(production.card_steps(card))
    model = [[0, 0, 0] for _ in range(n_steps)]  # in, good, defect as the rules predict
    for _ in range(n_reports):
        idx = data.draw(st.integers(0, n_steps - 1))
        available = qty if idx == 0 else model[idx - 1][1]
        q_in = data.draw(st.integers(0, max(0, available - model[idx][0]) + 2))
        good = data.draw(st.integers(0, q_in + 1))
        defect = data.draw(st.integers(0, max(0, q_in - good) + 1))
        # one entry accounts for every piece put in: good + defect = in (a gap needs confirming)
        ok = (q_in + good + defect > 0 and good + defect == q_in and model[idx][0] + q_in <= available)
        try:
            production.record_progress(card.number, idx + 1, q_in, good, defect, "工人")
            accepted = True
        except ValidationError:
            accepted = False
        assert accepted == ok, (idx, q_in, good, defect, model)
        if ok:
            model[idx] = [model[idx][0] + q_in, model[idx][1] + good, model[idx][2] + defect]
    steps = production.card_steps(card)
    prev_good, prev_finished = qty, True
    for s, expected in zip(steps, model):
        assert [s.qty_in, s.qty_good, s.qty_defect] == expected
        assert s.qty_good + s.qty_defect <= s.qty_in <= prev_good
        sums = [sum(r.qty_in for r in s.reports), sum(r.qty_good for r in s.reports),
                sum(r.qty_defect for r in s.reports)]
        assert sums == expected
        finished = prev_finished and s.qty_in == prev_good and s.qty_good + s.qty_defect == s.qty_in
        assert (s.finished_at is not None) == finished
        prev_good, prev_finished = s.qty_good, finished


def test_two_scanners_at_once_never_overbook_a_step(db):
    """Two threads (two scan stations) race for the last pieces of a card: the rule holds."""
    import threading

    _, card = _card(qty=40)
    accepted, refused, errors = [], [], []

    def station(name):
        try:
            for _ in range(30):
                try:
                    production.record_progress(card.number, 1, 1, 1, 0, name)
                    accepted.append(name)
                except ValidationError:
                    refused.append(name)
        except Exception as exc:  # anything else (e.g. "database is locked") fails the test
            errors.append(exc)
        finally:
            db.close()  # this thread's connection

    threads = [threading.Thread(target=station, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(accepted) == 40 and len(refused) == 20
    s = _step(card, 1)
    assert (s.qty_in, s.qty_good) == (40, 40) and ProgressReport.select().count() == 40


def test_a_scanned_card_is_the_card_as_read_through_peewee_and_saves_like_one(db):
    """card_by_number reads a plain row and builds the card itself (its SQL built
    once): every value, date and time as FlowCard.get gives it, nothing dirty."""
    from gendan_desktop.core.models import FlowCard

    _order, card = _card()
    scanned = production.card_by_number(f" {card.number.lower()}\n")
    expected = FlowCard.get_by_id(card.id)
    assert scanned.__data__ == expected.__data__
    assert isinstance(scanned.issued_at, dt.datetime) and isinstance(scanned.created_at, dt.datetime)
    assert scanned.planned_start == expected.planned_start and scanned.order.id == expected.order.id
    assert not scanned.dirty_fields
    scanned.notes = "扫描后备注"
    scanned.save()
    assert FlowCard.get_by_id(card.id).notes == "扫描后备注"


def test_a_card_numbered_in_lower_case_is_found_by_its_upper_case_scan(db):
    from gendan_desktop.core.models import FlowCard

    _order, card = _card()
    FlowCard.update(number="lc-low-001").where(FlowCard.id == card.id).execute()
    assert production.card_by_number("LC-LOW-001\n").id == card.id


def test_the_progress_grid_reads_a_few_statements_whatever_the_cards(sqlite_db):
    from query_count import selects

    counts = []
    for batch in (100, 10):  # 3 cards, then 30
        oid = make_confirmed(lines=two_lines(red=100, blue=200)).id
        production.issue_flow_cards(oid, batch_size=batch)
        (grid, progress), n = selects(sqlite_db, lambda oid=oid: (production.progress_grid(oid, today=TODAY),
                                                                  production.order_progress(oid)))
        assert len(grid.rows) == 300 // batch and progress.carded == 300
        counts.append(n)
    assert counts[0] == counts[1] <= 6


def test_date_text_is_read_as_peewee_reads_it():
    """compiled_sql.converter parses SQLite's date text with fromisoformat: the
    same values as the fields' own strptime, and odd text left to the field."""
    from peewee import DateField, DateTimeField

    from gendan_desktop.core.compiled_sql import converter

    day, moment = DateField(), DateTimeField()
    for text in ("2026-11-29", "2026-11-29 08:30:05", "2026-11-29 08:30:05.123456", "2026-13-01",
                 "2026-11-29T08:30:05", "2026-11-29 08:30:05.5", "29/11/2026", "", None,
                 dt.date(2026, 11, 29), dt.datetime(2026, 11, 29, 8, 30)):
        assert converter(day)(text) == day.python_value(text), text
        assert converter(moment)(text) == moment.python_value(text), text
