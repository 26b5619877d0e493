"""客户档案 and 工作台 as a merchandiser uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit

pytestmark = pytest.mark.gui


def qd(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def fill_new_client_dialog(qtbot, name: str, country: str = "意大利", grade_label: str = "大客户"):
    """Type into the Ctrl+N dialog when it appears, then press OK."""
    done = {}

    def act():
        dlg = QApplication.activeModalWidget()
        if dlg is None or dlg.objectName() != "newClientDialog":
            QTimer.singleShot(20, act)
            return
        form = dlg.form.widget
        # Chinese arrives from the input method as committed text, not key presses
        form.findChild(QLineEdit, "name").insert(name)
        form.findChild(QLineEdit, "country").insert(country)
        grade = form.findChild(QComboBox, "grade")
        grade.setCurrentIndex(grade.findText(grade_label))
        done["dialog"] = dlg
        dlg.accept()

    QTimer.singleShot(0, act)
    return done


def test_create_client_log_followup_and_see_it_on_the_workbench(qtbot, window, wait_ops):
    from gendan_desktop.core.models import Client, FollowUp

    tab = window.show_tab("clients")
    done = fill_new_client_dialog(qtbot, "米兰时装有限公司")
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)  # Ctrl+N
    assert done["dialog"].result() == QDialog.Accepted
    client = Client.get(Client.name == "米兰时装有限公司")
    assert (client.country, client.grade) == ("意大利", "key")
    assert tab.pane.current_id() == client.id
    assert "米兰时装有限公司" in tab.detail.title.text()

    # the quick add: content, Alt+3 for "in three days"… then back to today, Enter
    tab.detail.show_page("followups")
    quick = tab.detail.quick
    today = dt.date.today()
    quick.content.setFocus()
    quick.content.insert("寄出色卡,等客户确认颜色")
    quick.next_date.setDate(qd(today))  # due today, so it is on today's workbench
    qtbot.keyClick(quick.content, Qt.Key_Return)
    wait_ops()
    fu = FollowUp.get(FollowUp.client == client.id)
    assert (fu.content, fu.next_date, fu.channel) == ("寄出色卡,等客户确认颜色", today, "email")
    assert tab.detail.followups.rowCount() == 1
    assert quick.content.text() == ""  # ready for the next one

    bench = window.show_tab("workbench")
    wait_ops()
    due = bench.entries("followups_due")
    assert [(e.kind, e.id) for e in due] == [("client", client.id)]
    texts = [bench.tree.topLevelItem(i).text(0) for i in range(bench.tree.topLevelItemCount())]
    assert any(t.startswith("今日待跟进") and "(1)" in t for t in texts)

    # the entry opens the client it names
    head = next(bench.tree.topLevelItem(i) for i in range(bench.tree.topLevelItemCount())
                if bench.tree.topLevelItem(i).data(0, Qt.UserRole) == "followups_due")
    bench._activate(head.child(0))
    assert window.current_key() == "clients"
    assert tab.pane.current_id() == client.id


def test_empty_content_is_refused_next_to_the_field(qtbot, window):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import FollowUp

    c = create_client(name="深圳华美")
    tab = window.show_tab("clients")
    tab.open_record("client", c.id)
    tab.detail.quick.add()
    assert FollowUp.select().count() == 0
    assert "跟进内容" in tab.detail.quick.errors.error_text("content")


def test_next_date_before_the_followup_shows_the_core_error(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import FollowUp

    c = create_client(name="苏州丝绸")
    tab = window.show_tab("clients")
    tab.open_record("client", c.id)
    quick = tab.detail.quick
    quick.content.setText("电话沟通交期")
    quick.next_date.setDate(qd(dt.date.today() - dt.timedelta(days=5)))
    quick.add()
    wait_ops()
    assert FollowUp.select().count() == 0
    assert "下次跟进日期" in quick.errors.error_text("next_date")


def test_new_client_without_name_saves_nothing(qtbot, window):
    from gendan_desktop.core.models import Client
    from gendan_desktop.gui.clients_tab import NewClientDialog

    dlg = NewClientDialog(window)
    qtbot.addWidget(dlg)
    dlg.accept()
    assert dlg.result() != QDialog.Accepted
    assert Client.select().count() == 0
    assert "公司名称" in dlg.form.errors.error_text("name")


def test_profile_save_and_stale_edit(qtbot, window, monkeypatch):
    from gendan_desktop.core.clients import create_client, update_client
    from gendan_desktop.core.models import Client
    from gendan_desktop.gui import client_detail

    c = create_client(name="宁波针织")
    tab = window.show_tab("clients")
    tab.open_record("client", c.id)
    form = tab.detail.form
    form.field("phone").setText("0574-1234567")
    qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier)  # Ctrl+S
    assert Client.get_by_id(c.id).phone == "0574-1234567"

    update_client(c.id, {"phone": "999"}, Client.get_by_id(c.id).version)  # another window saves meanwhile
    form.field("phone").setText("111")
    asked = []
    monkeypatch.setattr(client_detail, "ask_reload_after_stale", lambda parent, exc: asked.append(str(exc)) or True)
    assert not tab.save()
    assert asked and "已被其他窗口或同事修改" in asked[0]
    assert Client.get_by_id(c.id).phone == "999"
    assert form.field("phone").text() == "999"  # reloaded


def test_contacts_visits_dispatches_and_sample_approval(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import Dispatch, Sample, Visit

    c = create_client(name="东莞雅戈")
    tab = window.show_tab("clients")
    tab.open_record("client", c.id)
    detail = tab.detail

    dlg = detail.add_contact()
    dlg.submit()  # no name: refused under the field, nothing saved
    assert "姓名" in dlg.errors.error_text("name")
    dlg.field("name").insert("王经理")
    dlg.field("mobile").insert("13800000000")
    dlg.submit()
    wait_ops()
    assert detail.contacts.item(0, 0).text() == "王经理"
    assert detail.quick.contact.count() == 2  # "(联系人)" + 王经理

    dlg = detail.add_visit()
    dlg.field("visitors").insert("Mr. Rossi")
    dlg.field("purpose").insert("看厂、谈秋冬新款")
    dlg.submit()
    wait_ops()
    assert Visit.get(Visit.client == c.id).purpose == "看厂、谈秋冬新款"
    assert detail.visits.rowCount() == 1

    dlg = detail.add_dispatch()
    kind = dlg.field("kind")
    kind.setCurrentIndex(kind.findData("catalogue"))
    dlg.field("items").insert("2027 春夏目录")
    dlg.field("courier").insert("DHL")
    dlg.field("tracking_no").insert("1234567890")
    dlg.submit()
    wait_ops()
    assert Dispatch.get(Dispatch.client == c.id).tracking_no == "1234567890"

    dlg = detail.request_sample()
    dlg.field("product").insert("针织开衫")
    dlg.submit()
    wait_ops()
    assert detail.samples.rowCount() == 1
    detail.samples.selectRow(0)
    dlg = detail.approve_sample()  # not sent yet: the core says no, in the dialog
    dlg.submit()
    wait_ops()
    assert dlg.isVisible() and dlg.error_label.text()
    dlg.reject()
    detail.samples.selectRow(0)
    detail.sample_made()
    wait_ops()
    detail.samples.selectRow(0)
    dlg = detail.send_sample()
    dlg.field("courier").insert("DHL")
    dlg.field("tracking_no").insert("JD0001")
    dlg.submit()
    wait_ops()
    assert detail.samples.item(0, 4).text() == "已寄出"
    assert detail.dispatches.rowCount() == 2  # the catalogue and now the sample
    detail.samples.selectRow(0)
    dlg = detail.approve_sample()
    dlg.field("reason").insertPlainText("颜色OK,可以大货")
    dlg.submit()
    wait_ops()
    s = Sample.get(Sample.client == c.id)
    assert (s.status, s.client_comments) == ("approved", "颜色OK,可以大货")
    assert detail.samples.item(0, 4).text() == "已批板"


def test_open_record_goes_to_the_page(qtbot, window):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.samples import request_sample

    c = create_client(name="常州晨光")
    s = request_sample(c.id, product="T恤")
    tab = window.show_tab("clients")
    window.open_record("sample", s.id)
    assert tab.pane.current_id() == c.id
    assert tab.detail.pages.currentWidget().property("page_key") == "samples"
    window.open_record("receivable", c.id)
    assert tab.detail.pages.currentWidget().property("page_key") == "balance"
