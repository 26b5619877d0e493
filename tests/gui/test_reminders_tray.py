"""Tray reminders in the running window: raised by the timer once per item per day,
silent once turned off in the settings (through a click)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QTabWidget, QWidget

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


@pytest.fixture
def due(window):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.followups import log_followup

    client = create_client(name="温州华美", merchandiser="tester")
    return log_followup(client.id, TODAY - dt.timedelta(days=4), "wechat", "问客户确认唛头",
                        next_date=TODAY - dt.timedelta(days=1), merchandiser="tester")


@pytest.fixture
def reminders(qtbot, window):
    from gendan_desktop.gui.reminders import TrayReminders

    r = TrayReminders(window, interval_ms=30)
    yield r
    r.stop()


def test_the_timer_reminds_once_a_day(qtbot, window, due, reminders, wait_ops):
    from gendan_desktop.core.models import ReminderShown

    with qtbot.waitSignal(reminders.sig_notified, timeout=10_000) as notified:
        reminders.start(first_after_ms=0)
    title, text, keys = notified.args
    assert "1 个跟进到期" in title and "温州华美 — 问客户确认唛头" in text
    assert keys == [f"followup:{due.id}"]
    # no tray on this desktop: the status bar says it
    assert "跟进到期" in window.statusBar().currentMessage()
    # the next ticks of the timer remind of nothing more today
    with qtbot.waitSignal(reminders.sig_checked, timeout=10_000, check_params_cb=lambda n: n == 0):
        pass
    wait_ops()
    assert ReminderShown.select().count() == 1


def test_turned_off_in_the_settings_nothing_is_raised(qtbot, window, due, reminders, wait_ops):
    from gendan_desktop.gui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(window)
    qtbot.addWidget(dlg)
    dlg.show()
    pages = dlg.form.findChild(QTabWidget, "pages")
    general = pages.indexOf(dlg.form.findChild(QWidget, "generalPage"))
    qtbot.mouseClick(pages.tabBar(), Qt.LeftButton, pos=pages.tabBar().tabRect(general).center())
    box = dlg.form.findChild(QCheckBox, "tray_reminders")
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(dlg.form.findChild(QDialogButtonBox, "buttons").button(QDialogButtonBox.Ok), Qt.LeftButton)
    wait_ops()  # Settings save off the GUI thread
    notified = []
    reminders.sig_notified.connect(lambda *a: notified.append(a))
    with qtbot.waitSignal(reminders.sig_checked, timeout=10_000) as checked:
        reminders.check()
    assert checked.args == [0] and notified == []


def test_a_click_on_the_message_shows_the_workbench(qtbot, window, reminders):
    window.show_tab("clients")
    reminders.tray.messageClicked.emit()
    assert window.current_key() == "workbench"


def test_on_demo_data_only_my_items_are_reminded(qtbot, window, reminders, wait_ops):
    from gendan_desktop.core.common import get_setting, set_current_user
    from gendan_desktop.core.models import FollowUp
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=40, orders=200, seed=2)
    set_current_user(None)  # the demo names its merchandiser in the settings
    me = get_setting("merchandiser_name")
    with qtbot.waitSignal(reminders.sig_notified, timeout=20_000) as notified:
        reminders.check()
    keys = notified.args[2]
    followups = [int(k.split(":")[1]) for k in keys if k.startswith("followup:")]
    assert followups and {f.merchandiser for f in FollowUp.select().where(FollowUp.id.in_(followups))} <= {me, ""}
    assert any(k.startswith("late_step:") for k in keys)
    set_current_user("tester")
    wait_ops()
