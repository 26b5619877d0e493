"""What a list action does beside the list: filtering or sorting with a record
current keeps its detail as it is (not read again, what is typed there stays),
through input on 客户档案 and 售后."""

from __future__ import annotations

import pytest
from flows import User
from input_helpers import click_cell, click_header, go
from PySide6.QtCore import Qt
from query_count import selects

pytestmark = pytest.mark.gui


@pytest.fixture
def demo_db(sqlite_db):
    from gendan_desktop.core.models import Client
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=20, orders=150, seed=7)
    # the first client by code is a key client: the 等级 filter's first choice keeps it
    first = Client.select().where(Client.archived == False).order_by(Client.code, Client.id).first()  # noqa: E712
    Client.update(grade="key").where(Client.id == first.id).execute()
    return sqlite_db


def test_filtering_keeps_the_current_clients_detail_and_what_is_typed_there(qtbot, window, demo_db, wait_ops):
    u = User(qtbot, window, wait_ops)
    tab = go(qtbot, window, "客户档案")
    wait_ops()
    click_cell(qtbot, tab.pane.table, 0, 0)
    client_id = tab.pane.current_id()
    qtbot.waitUntil(lambda: client_id is not None and tab.detail.client_id == client_id)  # read in a worker
    phone = tab.detail.form.field("phone")
    u.page(tab.detail.pages, phone)
    u.fill(phone, "0571-1234")  # not saved yet

    combo = tab.pane.filter_combos["grade"]
    combo.setFocus(Qt.MouseFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    _, n = selects(demo_db, lambda: qtbot.keyClick(combo, Qt.Key_Down))  # 等级:全部 → 等级:大客户
    assert combo.currentData() == "key"
    wait_ops()
    assert tab.pane.current_id() == client_id  # still current, and its detail was not read again:
    assert phone.text() == "0571-1234"
    assert n <= 2  # the list's first page (and its visible rows), no detail

    click_header(qtbot, tab.pane.table, 0)  # by code the other way: the same client current, the same detail
    wait_ops()
    assert tab.pane.current_id() == client_id and phone.text() == "0571-1234"


def test_f5_still_reads_the_current_clients_detail_again(qtbot, window, demo_db, wait_ops):
    from gendan_desktop.core.models import Client

    tab = go(qtbot, window, "客户档案")
    wait_ops()
    click_cell(qtbot, tab.pane.table, 0, 0)
    client_id = tab.pane.current_id()
    Client.update(name="改过的名字").where(Client.id == client_id).execute()  # another window saved it
    qtbot.keyClick(tab.pane.table, Qt.Key_F5)
    row = tab.model.row_of(client_id)
    assert tab.model.index(row, 1).data() == "改过的名字"  # the list at once
    qtbot.waitUntil(lambda: "改过的名字" in tab.detail.title.text())  # its detail right after
    assert tab.pane.current_id() == client_id


def test_a_stale_tab_shown_again_reads_its_complaint_again(qtbot, window, demo_db, wait_ops):
    from gendan_desktop.core.models import Complaint, Order

    order = Order.select().where(Order.status != "draft").first()
    made = Complaint.create(number="CS-T0001", order=order.id, date=order.order_date, description="色差",
                            currency=order.currency)
    tab = go(qtbot, window, "售后")
    wait_ops()
    click_cell(qtbot, tab.pane.table, tab.model.row_of(made.id), 0)
    assert tab.editor.complaint.id == made.id
    go(qtbot, window, "客户档案")
    Complaint.update(description="色差严重").where(Complaint.id == made.id).execute()
    window.tab("aftersales").stale = True  # as after a change saved while it was hidden
    go(qtbot, window, "售后")
    assert tab.model.index(tab.model.row_of(made.id), 4).data() == "色差严重"  # the list at once
    qtbot.waitUntil(lambda: tab.editor.complaint.description == "色差严重")  # the editor right after


def test_arrow_keys_move_the_list_at_once_and_the_detail_follows_where_they_stop(qtbot, window, demo_db, wait_ops):
    tab = go(qtbot, window, "客户档案")
    wait_ops()
    table, model = tab.pane.table, tab.model
    click_cell(qtbot, table, 0, 0)
    first = model.id_at(0)
    qtbot.waitUntil(lambda: tab.detail.client_id == first)
    loaded: list = []
    tab.pane.current_changed.connect(loaded.append)
    table.setFocus(Qt.MouseFocusReason)

    def press_down_five_times():
        for _ in range(5):
            qtbot.keyClick(table, Qt.Key_Down)

    _, n = selects(demo_db, press_down_five_times)
    assert table.currentIndex().row() == 5  # the list moved with every key
    assert n == 0 and loaded == [] and tab.detail.client_id == first  # no detail read per row passed
    qtbot.waitUntil(lambda: tab.detail.client_id == model.id_at(5))
    assert loaded == [model.id_at(5)]  # one detail: where the keys stopped

    qtbot.keyClick(table, Qt.Key_End, Qt.ControlModifier)
    last = model.rowCount() - 1
    assert table.currentIndex().row() == last
    qtbot.waitUntil(lambda: model.index(last, 1).data() in tab.detail.title.text())  # the last client's, shown
