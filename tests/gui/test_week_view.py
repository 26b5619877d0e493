"""The week ahead on the workbench, through input: days with counts, done (Ctrl+D),
put off (Ctrl+L and its menu, or a date typed), open (Enter), only mine;
on a fresh database and on demo data."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMenu

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


def day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def load(qtbot, window):
    """The workbench once a gathering that began after the data was written has shown."""
    bench = window.show_tab("workbench")
    with qtbot.waitSignal(bench.loaded, timeout=30_000):
        bench.refresh()
    qtbot.waitUntil(lambda: not bench.loading, timeout=30_000)  # a refresh asked for meanwhile ran too
    return bench


def head(bench, key):
    for i in range(bench.tree.topLevelItemCount()):
        if bench.tree.topLevelItem(i).data(0, Qt.UserRole) == key:
            return bench.tree.topLevelItem(i)
    raise KeyError(key)


def click_item(qtbot, bench, item) -> None:
    """Open the item's group if needed (click its line, press →) and click the item."""
    tree = bench.tree
    parent = item.parent()
    if parent is not None and not parent.isExpanded():
        tree.scrollToItem(parent)
        qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=tree.visualItemRect(parent).center())
        assert tree.currentItem() is parent
        qtbot.keyClick(tree, Qt.Key_Right)
        assert parent.isExpanded()
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=tree.visualItemRect(item).center())
    assert tree.currentItem() is item


@pytest.fixture
def week(window):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.followups import log_followup

    a = create_client(name="杭州丝路", merchandiser="tester")
    b = create_client(name="宁波织造", merchandiser="王磊")
    return {
        "soon": log_followup(a.id, TODAY, "phone", "三天后确认大货样", next_date=day(3)),
        "late": log_followup(b.id, day(-6), "phone", "催付款", next_date=day(-2), merchandiser="王磊"),
        "a": a, "b": b,
    }


def test_a_follow_up_in_three_days_is_on_its_day(qtbot, window, week):
    bench = load(qtbot, window)
    group = head(bench, "day:3")
    assert "(1)" in group.text(0) and group.text(1) == day(3).isoformat()
    assert [e.id for e in bench.entries("day:3")] == [week["a"].id]
    assert group.child(0).text(0) == "杭州丝路 — 三天后确认大货样"
    assert "(0)" in head(bench, "day:5").text(0) and not head(bench, "day:5").isExpanded()
    assert "今天有 1 件事要处理 · 未来 7 天 1 件" in bench.heading.text()
    # fold a group away by its arrow key: the count stays on its line
    overdue = head(bench, "followups_overdue")
    assert overdue.isExpanded()
    bench.tree.setCurrentItem(overdue)
    qtbot.keyClick(bench.tree, Qt.Key_Left)
    assert not overdue.isExpanded() and "(1)" in overdue.text(0)
    # fewer days ahead: typed into the spin box
    def keys():
        return [bench.tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(bench.tree.topLevelItemCount())]

    bench.due_days.setFocus()
    bench.due_days.selectAll()
    qtbot.keyClicks(bench.due_days, "2")
    qtbot.waitUntil(lambda: not bench.loading and keys()[-1] == "day:2", timeout=10_000)
    assert "day:3" not in keys() and "未来 2 天 0 件" in bench.heading.text()


def test_done_with_ctrl_d_completes_the_follow_up(qtbot, window, week, wait_ops):
    from gendan_desktop.core.models import FollowUp

    bench = load(qtbot, window)
    item = head(bench, "followups_overdue").child(0)
    click_item(qtbot, bench, item)
    with qtbot.waitSignal(bench.actions_bar.sig_done, timeout=10_000):
        qtbot.keyClick(bench.tree, Qt.Key_D, Qt.ControlModifier)
    assert FollowUp.get_by_id(week["late"].id).next_done
    wait_ops()
    assert bench.entries("followups_overdue") == []
    assert "(0)" in head(bench, "followups_overdue").text(0)


def test_put_off_from_the_menu_and_back_on_its_day(qtbot, window, week, wait_ops):
    from gendan_desktop.core import workbench
    from gendan_desktop.core.work_items import active_snoozes

    bench = load(qtbot, window)
    click_item(qtbot, bench, head(bench, "followups_overdue").child(0))
    qtbot.keyClick(bench.tree, Qt.Key_L, Qt.ControlModifier)
    menu = bench.actions_bar.snooze_menu
    qtbot.waitUntil(menu.isVisible)
    assert [a.text() for a in menu.actions()][0].startswith("明天")
    with qtbot.waitSignal(bench.actions_bar.sig_done, timeout=10_000):
        qtbot.keyClick(menu, Qt.Key_Down)
        qtbot.keyClick(menu, Qt.Key_Down)  # the day after tomorrow
        qtbot.keyClick(menu, Qt.Key_Return)
    key = f"followup:{week['late'].id}"
    assert active_snoozes(TODAY) == {key: day(2)}
    wait_ops()
    assert bench.entries("followups_overdue") == []
    assert "已推迟 1" in head(bench, "followups_overdue").text(0) and "已推迟 1 件" in bench.heading.text()
    back = {s.key: s for s in workbench.gather(day(2))}
    assert key in [i.key for i in back["followups_overdue"].items]


def test_put_off_to_a_typed_date_and_a_day_not_after_today_refused(qtbot, window, week, wait_ops):
    from gendan_desktop.core.work_items import active_snoozes

    bench = load(qtbot, window)
    click_item(qtbot, bench, head(bench, "day:3").child(0))
    bench.tree.customContextMenuRequested.emit(bench.tree.visualItemRect(bench.tree.currentItem()).center())
    menu = next(m for m in bench.actions_bar.findChildren(QMenu) if m.objectName() == "workItemMenu")
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None)
    sub.actions()[-1].trigger()  # 选择日期…
    dlg = bench.actions_bar.dialog
    assert dlg is not None and "三天后确认大货样" in dlg.field("prompt").text()
    until = dlg.field("until")
    until.setFocus()
    until.selectAll()
    qtbot.keyClicks(until, TODAY.isoformat())  # today: refused
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(dlg.errors.error_text("until")), timeout=10_000)
    assert "明天" in dlg.errors.error_text("until") and active_snoozes(TODAY) == {}
    until.selectAll()
    qtbot.keyClicks(until, day(10).isoformat())
    with qtbot.waitSignal(dlg.done_ok, timeout=10_000):
        qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert active_snoozes(TODAY) == {f"followup:{week['soon'].id}": day(10)}
    wait_ops()
    assert bench.entries("day:3") == []


def test_enter_opens_the_record(qtbot, window, week):
    bench = load(qtbot, window)
    click_item(qtbot, bench, head(bench, "day:3").child(0))
    with qtbot.waitSignal(window.open_requested, timeout=5_000) as opened:
        qtbot.keyClick(bench.tree, Qt.Key_Return)
    assert opened.args == ["client", week["a"].id]
    assert window.current_key() == "clients" and window.current_tab().pane.current_id() == week["a"].id


def test_only_mine(qtbot, window, week):
    from gendan_desktop.core.common import set_setting

    set_setting("merchandiser_name", "tester")
    bench = load(qtbot, window)
    assert len(bench.entries("followups_overdue")) == 1  # 王磊's
    qtbot.mouseClick(bench.only_mine, Qt.LeftButton, pos=QPoint(8, bench.only_mine.height() // 2))
    assert bench.only_mine.isChecked()
    assert bench.entries("followups_overdue") == [] and len(bench.entries("day:3")) == 1
    assert "今天有 0 件事要处理" in bench.heading.text()


@pytest.fixture
def demo(window):
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=40, orders=200, seed=3)
    return window


def test_demo_data_becomes_a_list_to_work_through(qtbot, demo, wait_ops):
    from gendan_desktop.core.work_items import active_snoozes

    bench = load(qtbot, demo)
    assert not bench.welcome.isVisible()
    groups = [bench.tree.topLevelItem(i) for i in range(bench.tree.topLevelItemCount())]
    assert len(groups) == 17  # nine kinds of things now, today and the next seven days
    big = [g for g in groups if g.childCount() > 10]
    assert big and all(not g.isExpanded() for g in big if g.data(0, Qt.UserRole) not in
                       ("followups_overdue", "followups_due", "day:0", "day:1"))
    risky = bench.entries("orders_at_risk")
    assert [round(i.score, 6) for i in risky] == sorted((round(i.score, 6) for i in risky), reverse=True)
    before = int(bench.heading.text().split("今天有 ")[1].split(" 件")[0])
    # work through the first three late orders: put each off to tomorrow from the menu
    group = head(bench, "orders_at_risk")
    click_item(qtbot, bench, group.child(0))
    done = []
    for _ in range(3):
        first = bench.tree.currentItem().data(0, Qt.UserRole + 3)
        qtbot.keyClick(bench.tree, Qt.Key_L, Qt.ControlModifier)
        menu = bench.actions_bar.snooze_menu
        qtbot.waitUntil(menu.isVisible)
        with qtbot.waitSignal(bench.actions_bar.sig_done, timeout=10_000):
            qtbot.keyClick(menu, Qt.Key_Down)
            qtbot.keyClick(menu, Qt.Key_Return)
        done.append(first.key)
        wait_ops()
        assert bench.tree.currentItem() is not None  # the next one is selected: keep going
        demo.activateWindow()  # offscreen, a closed popup leaves no window active (a desktop re-activates it)
        qtbot.waitUntil(lambda: bench.tree.hasFocus(), timeout=5_000)
    assert set(active_snoozes(TODAY)) == set(done)
    after = int(bench.heading.text().split("今天有 ")[1].split(" 件")[0])
    assert after == before - 3


def test_english_workbench(qtbot, window, week):
    from gendan_desktop.gui.app import install_translators
    from gendan_desktop.gui.workbench.workbench_tab import WorkbenchTab

    install_translators("en")
    try:
        bench = WorkbenchTab(window)
        qtbot.addWidget(bench)
        with qtbot.waitSignal(bench.loaded, timeout=10_000):
            bench.refresh()
        titles = [bench.tree.topLevelItem(i).text(0) for i in range(bench.tree.topLevelItemCount())]
        assert any(t.startswith("Today, ") for t in titles) and any(t.startswith("Tomorrow, ") for t in titles)
        assert "To do today" in bench.heading.text()
        assert bench.actions_bar.done_button.text() == "Done (Ctrl+D)"
    finally:
        install_translators("zh")
