"""负责跟单员 on the client form: a new client is mine unless I type another name,
the field shows and changes who holds an existing client, and it offers the
names already in use (hand-over moves clients between them)."""

from __future__ import annotations

import pytest
from flows import User
from input_helpers import activate, click, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

pytestmark = pytest.mark.gui


@pytest.fixture
def me():
    from gendan_desktop.core.common import set_current_user
    from gendan_desktop.core.settings import save_settings

    save_settings({"merchandiser_name": "王芳"})
    set_current_user(None)  # read the name anew from the settings
    yield "王芳"
    set_current_user(None)


def test_a_new_client_is_mine_unless_another_name_is_typed(qtbot, window, wait_ops, me):
    from gendan_desktop.core.models import Client

    u = User(qtbot, window, wait_ops)
    seen = {}

    def fill(dlg):
        form = dlg.form
        seen["default"] = form.field("merchandiser").currentText()
        u.fill(form.field("name"), "米兰时装有限公司")
        u.fill(form.field("merchandiser"), "李强")
        click(qtbot, dlg.buttons.button(QDialogButtonBox.StandardButton.Ok))

    state = when_modal(qtbot, fill)
    u.main_tab("clients")
    u.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["done"], state.get("error")
    activate(qtbot, window)
    assert seen["default"] == "王芳"
    assert Client.get(Client.name == "米兰时装有限公司").merchandiser == "李强"


def test_the_form_shows_and_changes_who_holds_a_client(qtbot, window, wait_ops, me):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import Client

    create_client(name="宁波针织", merchandiser="张伟")
    create_client(name="杭州丝绸", merchandiser="李强")
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    row = tab.pane.model.row_of(Client.get(Client.name == "宁波针织").id)
    u.row(tab.pane.table, row)
    form = tab.detail.form
    u.page(tab.detail.pages, form.widget)
    wait_ops()  # the names in use are read in a worker
    combo = form.field("merchandiser")
    assert combo.currentText() == "张伟"
    offered = {combo.itemText(i) for i in range(combo.count())}
    assert {"张伟", "李强", "王芳"} <= offered

    u.choose(combo, "李强")
    u.save()  # Ctrl+S
    assert Client.get(Client.name == "宁波针织").merchandiser == "李强"


def test_a_name_that_is_not_a_name_is_refused_on_the_field(qtbot, window, wait_ops, me):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.models import Client

    c = create_client(name="宁波针织", merchandiser="张伟")
    u = User(qtbot, window, wait_ops)
    tab = u.main_tab("clients")
    u.row(tab.pane.table, 0)
    form = tab.detail.form
    u.page(tab.detail.pages, form.widget)
    u.fill(form.field("merchandiser"), "x" * 150)
    u.save()
    assert Client.get_by_id(c.id).merchandiser == "张伟"
    assert form.errors.error_text("merchandiser")
