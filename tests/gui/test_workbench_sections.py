"""工作台 shows each section as soon as its own query returns, the cheap ones first."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def test_sections_arrive_one_by_one_follow_ups_first(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.followups import log_followup
    from gendan_desktop.core.workbench import LOAD_ORDER, display_order
    from gendan_desktop.gui.workbench.workbench_tab import WorkbenchTab

    today = dt.date.today()
    client = create_client(name="杭州丝路")
    log_followup(client.id, today, "phone", "催客户确认大货样", next_date=today)
    wait_ops()  # the window's own workbench load

    tab = WorkbenchTab(window)
    qtbot.addWidget(tab)
    seen = []

    def record(key):
        keys = [tab.tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(tab.tree.topLevelItemCount())]
        seen.append((key, tab.loading, keys))

    tab.section_shown.connect(record)
    with qtbot.waitSignal(tab.section_shown, timeout=10_000) as first:
        tab.refresh()
    # the follow-ups due today are on screen while the rest is still being fetched
    assert first.args == ["followups_due"]
    assert [(e.kind, e.id) for e in tab.entries("followups_due")] == [("client", client.id)]
    wait_ops()

    keys = [k for k, _, _ in seen]
    days = [f"day:{n}" for n in range(8)]  # today and the next 7 days arrive together
    expected = [k for key in LOAD_ORDER for k in (days if key == "week" else [key])]
    assert keys == expected  # cheap first, one signal each
    assert all(loading for _, loading, _ in seen[:-1])  # shown before the gathering ended
    order = display_order(7)
    for n, (_, _, shown) in enumerate(seen, start=1):  # one more branch each time, in display order
        assert len(shown) == n
        assert shown == sorted(shown, key=order.index)
    assert not tab.loading
    assert "今天有 1 件事要处理" in tab.heading.text()


def test_refresh_replaces_sections_in_place_and_keeps_collapsed_ones(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.followups import log_followup

    today = dt.date.today()
    client = create_client(name="宁波织造")
    log_followup(client.id, today, "phone", "电话确认交期", next_date=today)
    from input_helpers import activate, key

    tab = window.show_tab("workbench")
    activate(qtbot, window)
    key(qtbot, Qt.Key_F5, widget=window)
    wait_ops()
    order = [tab.tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(tab.tree.topLevelItemCount())]
    due = next(tab.tree.topLevelItem(i) for i in range(tab.tree.topLevelItemCount())
               if tab.tree.topLevelItem(i).data(0, Qt.UserRole) == "followups_due")
    assert due.isExpanded()
    rect = tab.tree.visualItemRect(due)  # the user folds it away: a click on it, then ←
    qtbot.mouseClick(tab.tree.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    key(qtbot, Qt.Key_Left)
    assert not due.isExpanded()

    log_followup(client.id, today, "phone", "再次确认", next_date=today)
    activate(qtbot, window)
    key(qtbot, Qt.Key_F5, widget=window)
    wait_ops()
    assert [tab.tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(tab.tree.topLevelItemCount())] == order
    due = next(tab.tree.topLevelItem(i) for i in range(tab.tree.topLevelItemCount())
               if tab.tree.topLevelItem(i).data(0, Qt.UserRole) == "followups_due")
    assert "(1)" in due.text(0)  # logging a new follow-up completes the earlier reminder
    assert not due.isExpanded()
