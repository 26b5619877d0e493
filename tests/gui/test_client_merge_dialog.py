"""合并客户 in the client archive, through clicks: select two, choose who stays, merge."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

pytestmark = pytest.mark.gui


def _click_row(qtbot, tab, client_id, modifier=Qt.NoModifier):
    table = tab.pane.table
    index = tab.model.index(tab.model.row_of(client_id), 1)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, modifier, table.visualRect(index).center())


def _order(client, po):
    from gendan_desktop.core.orders import create_order

    return create_order(client.id, client_po=po, delivery_date=dt.date.today() + dt.timedelta(days=30),
                        lines=[{"style": "T1", "quantity": 10, "unit_price": "2"}])


@pytest.fixture
def look_alikes(window):
    from gendan_desktop.core import clients

    llc = clients.create_client(name="Baltic Moda LLC", country="India", email="buy@balticmoda.in")
    inc = clients.create_client(name="Baltic Moda Inc.", country="India", email="orders@balticmoda.in")
    _order(llc, "PO-1")
    _order(inc, "PO-2")
    return llc, inc


def test_select_two_clients_choose_the_one_that_stays_and_merge(qtbot, window, wait_ops, look_alikes):
    from gendan_desktop.core import clients
    from gendan_desktop.core.models import Client, Order

    llc, inc = look_alikes
    other = clients.create_client(name="Nordic Apparel AB")
    tab = window.show_tab("clients")
    tab.refresh()
    wait_ops()
    assert not tab.merge_button.isEnabled()
    # the archive lists the pair under 类型:相似待核对 (the last choice of the filter)
    combo = tab.pane.filter_combos["status"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_End)
    wait_ops()
    assert combo.currentText().endswith("相似待核对")
    qtbot.waitUntil(lambda: sorted(tab.model.ids()) == sorted([llc.id, inc.id]))
    assert tab.model.row_of(other.id) < 0
    _click_row(qtbot, tab, llc.id)
    _click_row(qtbot, tab, inc.id, Qt.ControlModifier)
    assert tab.merge_button.isEnabled()

    qtbot.mouseClick(tab.merge_button, Qt.LeftButton)
    dlg = tab.dialog
    assert dlg is not None and dlg.distinct_button is not None  # a look-alike pair
    qtbot.waitExposed(dlg)
    keep_inc = next(dlg.field(k) for k in ("keep_a", "keep_b") if "Inc." in dlg.field(k).text())
    qtbot.mouseClick(keep_inc, Qt.LeftButton, pos=QPoint(8, keep_inc.height() // 2))  # on the indicator
    assert keep_inc.isChecked() and "Baltic Moda LLC" in dlg.field("moves").text()
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()

    assert Client.get_or_none(Client.id == llc.id) is None
    assert sorted(o.client_po for o in Order.select().where(Order.client == inc.id)) == ["PO-1", "PO-2"]
    assert tab.pane.current_id() == inc.id and tab.model.row_of(llc.id) < 0
    assert tab.dialog is None


def test_not_the_same_company_takes_the_pair_off_the_review_list(qtbot, window, wait_ops, look_alikes):
    from gendan_desktop.core import clients
    from gendan_desktop.core.models import Client

    llc, inc = look_alikes
    tab = window.show_tab("clients")
    tab.refresh()
    wait_ops()
    _click_row(qtbot, tab, inc.id)
    _click_row(qtbot, tab, llc.id, Qt.ControlModifier)
    qtbot.mouseClick(tab.merge_button, Qt.LeftButton)
    dlg = tab.dialog
    qtbot.mouseClick(dlg.distinct_button, Qt.LeftButton)
    wait_ops()
    assert clients.pending_look_alikes() == [] and Client.select().count() == 2
