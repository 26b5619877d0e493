"""Tray reminders in the core: once per item per day, own items only, off in the settings."""

from __future__ import annotations

import datetime as dt

from builders import TODAY, lines_of, make_confirmed

from gendan_desktop.core import production, reminders, work_items
from gendan_desktop.core.clients import create_client
from gendan_desktop.core.followups import log_followup
from gendan_desktop.core.models import FlowCardStep


def test_each_item_once_a_day(db):
    c = create_client(name="嘉兴锦华", merchandiser="tester")
    fu = log_followup(c.id, TODAY - dt.timedelta(days=3), "phone", "催确认", next_date=TODAY - dt.timedelta(days=1))
    due = reminders.due_reminders(TODAY)
    assert [i.key for i in due] == [f"followup:{fu.id}"]
    title, text = reminders.reminder_message(due)
    assert "1 个跟进到期" in title and "嘉兴锦华 — 催确认" in text
    assert reminders.mark_shown([i.key for i in due], TODAY) == 1
    assert reminders.due_reminders(TODAY) == []  # not again today (a restart reads the database)
    reminders.mark_shown([i.key for i in due], TODAY)  # twice is harmless
    assert [i.key for i in reminders.due_reminders(TODAY + dt.timedelta(days=1))] == [f"followup:{fu.id}"]


def test_only_my_items_and_not_those_put_off(db):
    mine = create_client(name="我的客户")
    theirs = create_client(name="别人的客户")
    a = log_followup(mine.id, TODAY, "phone", "我的", next_date=TODAY, merchandiser="tester")
    log_followup(theirs.id, TODAY, "phone", "别人的", next_date=TODAY, merchandiser="王磊")
    nobody = log_followup(create_client(name="无人").id, TODAY, "phone", "无人跟", next_date=TODAY,
                          merchandiser="")
    assert {i.key for i in reminders.due_reminders(TODAY)} == {f"followup:{a.id}", f"followup:{nobody.id}"}
    work_items.snooze([f"followup:{a.id}"], TODAY + dt.timedelta(days=2), today=TODAY)
    assert [i.key for i in reminders.due_reminders(TODAY)] == [f"followup:{nobody.id}"]


def test_late_steps_are_reminded(db):
    order = make_confirmed()
    production.issue_production_sheet(order.id)
    production.issue_flow_cards(order.id, batches=[(lines_of(order)[0].id, 100)])
    FlowCardStep.update(planned_date=TODAY - dt.timedelta(days=2)).where(FlowCardStep.seq == 1).execute()
    due = reminders.due_reminders(TODAY)
    assert len(due) == 1 and due[0].key.startswith("late_step:")
    title, _ = reminders.reminder_message(due)
    assert "1 处工序延误" in title


def test_reminders_can_be_turned_off(db):
    assert reminders.reminders_enabled()
    reminders.set_reminders_enabled(False)
    assert not reminders.reminders_enabled()


def test_message_counts_and_shortens(db):
    items = [work_items.WorkItem(f"followup:{n}", "client", n, f"客户{n}") for n in range(5)]
    title, text = reminders.reminder_message(items)
    assert "5 个跟进到期" in title
    assert text.splitlines() == ["客户0", "客户1", "客户2", "……另有 2 项,见工作台"]
