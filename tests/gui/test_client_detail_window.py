"""客户档案: a client's detail is read in a worker, so the list cursor moves and the
window answers while a long history reads; the client shown is the last one chosen."""

from __future__ import annotations

import pytest
from gated import Gate
from input_helpers import activate, click_cell, go, key
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


@pytest.fixture
def three(window):
    from gendan_desktop.core.clients import create_client

    return [create_client(name=n) for n in ("华美服饰", "宁波海曙服饰", "米兰时装")]


def test_the_list_moves_while_a_clients_detail_reads(qtbot, window, three, monkeypatch):
    from gendan_desktop.gui.clients import client_detail

    tab = go(qtbot, window, "客户档案")
    detail = tab.detail
    click_cell(qtbot, tab.pane.table, 0)
    qtbot.waitUntil(lambda: not detail.is_loading())
    assert "华美服饰" in detail.title.text()

    gate = Gate(monkeypatch, client_detail, "read_client_detail")
    key(qtbot, Qt.Key_Down, widget=tab.pane.table)  # 宁波海曙服饰: its read waits in the worker
    qtbot.waitUntil(gate.entered.is_set)
    key(qtbot, Qt.Key_Down, widget=tab.pane.table)  # and on to 米兰时装 before the first read ends
    assert tab.pane.current_id() == three[2].id and not gate.left.is_set()
    activate(qtbot, window)
    qtbot.keyClicks(tab.pane.filter_edit, "C0")  # the window takes typing meanwhile
    assert tab.pane.filter_edit.text() == "C0" and not gate.left.is_set()
    with qtbot.waitSignal(detail.sig_loaded, check_params_cb=lambda cid: cid == three[2].id):
        gate.open()
    qtbot.waitUntil(lambda: not detail.is_loading())
    assert "米兰时装" in detail.title.text() and detail.client_id == three[2].id
    assert detail.form.field("name").text() == "米兰时装"  # the older read, answered later, was dropped
