"""客户档案 and 工作台 through input, as a merchandiser uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from flows import User
from input_helpers import activate, click, click_cell, key, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


def new_client_dialog(u: User, name: str, country: str = "意大利", grade: str = "key"):
    """Ctrl+N on 客户档案, the form typed, OK clicked; returns what the dialog showed."""
    seen = {}

    def fill(dlg):
        form = dlg.form
        if name:
            u.fill(form.field("name"), name)
        u.fill(form.field("country"), country)
        u.choose(form.field("grade"), grade)
        click(u.qtbot, dlg.buttons.button(QDialogButtonBox.Ok))
        seen["open"] = dlg.isVisible()
        seen["error"] = form.errors.error_text("name")
        if dlg.isVisible():
            click(u.qtbot, dlg.buttons.button(QDialogButtonBox.Cancel))

    state = when_modal(u.qtbot, fill)
    u.main_tab("clients")
    u.key(Qt.Key_N, Qt.ControlModifier)
    assert state["done"], state.get("error")
    activate(u.qtbot, u.window)
    u.wait_ops()  # the new client's detail is read in a worker
    return seen


def test_create_client_log_followup_and_see_it_on_the_workbench(qtbot, window, wait_ops):
    from gendan_desktop.core.models import Client, FollowUp

    u = User(qtbot, window, wait_ops)
    seen = new_client_dialog(u, "米兰时装有限公司")
    assert not seen["open"]
    client = Client.get(Client.name == "米兰时装有限公司")
    assert (client.country, client.grade) == ("意大利", "key")
    tab = window.current_tab()
    assert tab.pane.current_id() == client.id and "米兰时装有限公司" in tab.detail.title.text()

    # the quick add: content, next date today, Enter
    detail = tab.detail
    u.page(detail.pages, detail.quick.widget)
    u.fill(detail.quick.next_date, "+0")  # due today, so it is on today's workbench
    u.fill(detail.quick.content, "寄出色卡,等客户确认颜色")
    key(qtbot, Qt.Key_Return)
    wait_ops()
    fu = FollowUp.get(FollowUp.client == client.id)
    assert (fu.content, fu.next_date, fu.channel) == ("寄出色卡,等客户确认颜色", TODAY, "email")
    assert detail.followups.rowCount() == 1
    assert detail.quick.content.text() == ""  # ready for the next one

    bench = u.main_tab("workbench")
    wait_ops()
    assert [(e.kind, e.id) for e in bench.entries("followups_due")] == [("client", client.id)]
    heads = [bench.tree.topLevelItem(i) for i in range(bench.tree.topLevelItemCount())]
    assert any(h.text(0).startswith("今日待跟进") and "(1)" in h.text(0) for h in heads)
    head = next(h for h in heads if h.data(0, Qt.UserRole) == "followups_due")
    entry = head.child(0)  # the entry opens the client it names (double-click)
    rect = bench.tree.visualItemRect(entry)
    qtbot.mouseClick(bench.tree.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    key(qtbot, Qt.Key_Return)
    assert window.current_key() == "clients" and tab.pane.current_id() == client.id


def test_alt_shortcuts_set_the_next_date(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client

    create_client(name="深圳华美")
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    u.row(tab.pane.table, 0)
    quick = tab.detail.quick
    u.page(tab.detail.pages, quick.widget)
    u.fill(quick.content, "电话")
    key(qtbot, Qt.Key_7, Qt.AltModifier)
    assert quick.next_date.text() == (TODAY + dt.timedelta(days=7)).isoformat()


def test_empty_content_is_refused_next_to_the_field(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import FollowUp

    create_client(name="深圳华美")
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    u.row(tab.pane.table, 0)
    quick = tab.detail.quick
    u.page(tab.detail.pages, quick.widget)
    from PySide6.QtWidgets import QPushButton

    u.press(quick.widget.findChild(QPushButton, "add_button"))
    assert FollowUp.select().count() == 0
    assert "跟进内容" in quick.errors.error_text("content")


def test_next_date_before_the_followup_shows_the_core_error(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import FollowUp

    create_client(name="苏州丝绸")
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    u.row(tab.pane.table, 0)
    quick = tab.detail.quick
    u.page(tab.detail.pages, quick.widget)
    u.fill(quick.next_date, "-5")
    u.fill(quick.content, "电话沟通交期")
    key(qtbot, Qt.Key_Return)
    wait_ops()
    assert FollowUp.select().count() == 0
    assert "下次跟进日期" in quick.errors.error_text("next_date")


def test_new_client_without_name_saves_nothing(qtbot, window, wait_ops):
    from gendan_desktop.core.models import Client

    seen = new_client_dialog(User(qtbot, window, wait_ops), "")
    assert seen["open"] and "公司名称" in seen["error"]
    assert Client.select().count() == 0


def test_profile_save_and_stale_edit(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client, update_client
    from gendan_desktop.core.models import Client

    c = create_client(name="宁波针织")
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    u.row(tab.pane.table, 0)
    form = tab.detail.form
    u.page(tab.detail.pages, form.widget)
    u.fill(form.field("phone"), "0574-1234567")
    u.save()  # Ctrl+S
    assert Client.get_by_id(c.id).phone == "0574-1234567"

    update_client(c.id, {"phone": "999"}, Client.get_by_id(c.id).version)  # another window saves meanwhile
    u.fill(form.field("phone"), "111")
    seen = {}

    def reload(box):
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "重新载入").click()

    state = when_modal(qtbot, reload, QMessageBox)
    u.save()
    assert state["done"] and "已被其他窗口或同事修改" in seen["text"]
    assert Client.get_by_id(c.id).phone == "999" and form.field("phone").text() == "999"  # reloaded


def test_a_bad_tag_saves_nothing_and_the_next_save_goes_through(qtbot, window, wait_ops):
    """Phone and tags are one save: a tag too long refuses both (the phone was
    saved before, the form kept the old version, and the next save was "stale")."""
    from gendan_desktop.core.clients import get_tags
    from gendan_desktop.core.models import Client

    c, u, detail = _client_detail(qtbot, window, wait_ops)
    form = detail.form
    u.page(detail.pages, form.widget)
    u.fill(form.field("phone"), "0574-7654321")
    u.fill(form.field("tags"), "针织, " + "x" * 51)
    u.save()
    assert "太长" in form.errors.error_text("tags")
    assert Client.get_by_id(c.id).phone != "0574-7654321" and get_tags(c.id) == []
    u.fill(form.field("tags"), "针织, 老客户")
    u.save()
    assert Client.get_by_id(c.id).phone == "0574-7654321" and get_tags(c.id) == ["针织", "老客户"]
    assert not form.errors.error_text("tags")


def _client_detail(qtbot, window, wait_ops):
    """A client, and its detail in 客户档案 opened by a click: (client, user, detail)."""
    from gendan_desktop.core.clients import create_client

    c = create_client(name="东莞雅戈")
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    u.row(tab.pane.table, 0)
    return c, u, tab.detail


def test_contacts_visits_and_dispatches(qtbot, window, wait_ops):
    from input_helpers import button

    from gendan_desktop.core.models import Dispatch, Visit

    c, u, detail = _client_detail(qtbot, window, wait_ops)

    u.page(detail.pages, detail.contacts)
    u.press(button(detail, "添加联系人…"))
    dlg = u.dialog(detail)
    u.ok(dlg)  # no name: refused under the field, nothing saved
    assert "姓名" in dlg.errors.error_text("name")
    u.fill(dlg.field("name"), "王经理")
    u.fill(dlg.field("mobile"), "13800000000")
    u.ok(dlg)
    assert detail.contacts.item(0, 0).text() == "王经理"
    assert detail.quick.contact.count() == 2  # "(联系人)" + 王经理

    u.page(detail.pages, detail.visits)
    u.press(button(detail, "登记来访…"))
    dlg = u.dialog(detail)
    u.fill(dlg.field("visitors"), "Mr. Rossi")
    u.fill(dlg.field("purpose"), "看厂、谈秋冬新款")
    u.ok(dlg)
    assert Visit.get(Visit.client == c.id).purpose == "看厂、谈秋冬新款"
    assert detail.visits.rowCount() == 1

    u.page(detail.pages, detail.dispatches)
    u.press(button(detail, "登记寄送…"))
    dlg = u.dialog(detail)
    u.choose(dlg.field("kind"), "catalogue")
    u.fill(dlg.field("items"), "2027 春夏目录")
    u.fill(dlg.field("courier"), "DHL")
    u.fill(dlg.field("tracking_no"), "1234567890")
    u.ok(dlg)
    assert Dispatch.get(Dispatch.client == c.id).tracking_no == "1234567890"


def test_a_sample_is_made_sent_and_approved(qtbot, window, wait_ops):
    from input_helpers import button

    from gendan_desktop.core.models import Sample

    c, u, detail = _client_detail(qtbot, window, wait_ops)
    u.page(detail.pages, detail.samples)
    u.press(button(detail, "新打样…"))
    dlg = u.dialog(detail)
    u.fill(dlg.field("product"), "针织开衫")
    u.ok(dlg)
    assert detail.samples.rowCount() == 1
    click_cell(qtbot, detail.samples, 0)
    u.press(button(detail, "批板通过…"))  # not sent yet: the core says no, in the dialog
    dlg = u.dialog(detail)
    u.ok(dlg)
    assert dlg.isVisible() and dlg.error_label.text()
    dlg.reject()
    activate(qtbot, window)
    click_cell(qtbot, detail.samples, 0)
    u.press(button(detail, "已做好"))
    wait_ops()
    click_cell(qtbot, detail.samples, 0)
    u.press(button(detail, "寄出…"))
    dlg = u.dialog(detail)
    u.fill(dlg.field("courier"), "DHL")
    u.fill(dlg.field("tracking_no"), "JD0001")
    u.ok(dlg)
    assert detail.samples.item(0, 4).text() == "已寄出"
    u.page(detail.pages, detail.dispatches)
    assert detail.dispatches.rowCount() == 1  # the sample sent is listed as a dispatch
    u.page(detail.pages, detail.samples)
    click_cell(qtbot, detail.samples, 0)
    u.press(button(detail, "批板通过…"))
    dlg = u.dialog(detail)
    u.fill(dlg.field("reason"), "颜色OK,可以大货")
    u.ok(dlg)
    s = Sample.get(Sample.client == c.id)
    assert (s.status, s.client_comments) == ("approved", "颜色OK,可以大货")
    assert detail.samples.item(0, 4).text() == "已批板"


def test_open_record_goes_to_the_page(qtbot, window):
    """Records named elsewhere (the workbench, a sample's order) open on their page."""
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
