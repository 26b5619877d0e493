"""工作交接 through input: pick who leaves, type who takes over, untick a client,
hand over, save the report as Excel and PDF; bad input says where."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


@pytest.fixture
def book(window):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.followups import log_followup
    from gendan_desktop.core.orders import create_order

    out = {}
    for name in ("柏林时装", "米兰面料", "东京织物"):
        c = create_client(name=name, merchandiser="李娜", contacts=[{"name": "Anna"}])
        log_followup(c.id, TODAY, "email", f"{name}:寄色卡", next_date=TODAY + dt.timedelta(days=2),
                     merchandiser="李娜")
        o = create_order(c.id, lines=[{"style": "T1", "quantity": 100, "unit_price": "3"}],
                         delivery_date=TODAY + dt.timedelta(days=30), merchandiser="李娜")
        out[name] = (c, o)
    return out


def open_dialog(qtbot, window):
    from gendan_desktop.gui.workbench.handover_dialog import HandOverDialog

    window.action("handover").trigger()  # Tools → 工作交接…
    dlg = window.handover_dialog
    assert isinstance(dlg, HandOverDialog)
    qtbot.waitUntil(lambda: dlg.leaver.count() > 0, timeout=10_000)  # the names, read in a worker
    return dlg


def choose(qtbot, combo, text: str) -> None:
    """Down arrow through a combo until it shows ``text``, as on the keyboard."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key_Down)
    assert combo.currentText() == text


def test_hand_over_two_of_three_clients_and_save_the_report(qtbot, qtmodeltester, window, book, tmp_path,
                                                               monkeypatch, wait_ops):
    from python_calamine import CalamineWorkbook

    from gendan_desktop.core.models import Client, FollowUp, Order

    dlg = open_dialog(qtbot, window)
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        choose(qtbot, dlg.leaver, "李娜")
    wait_ops()
    qtmodeltester.check(dlg.model)
    assert [r["name"] for r in dlg.model.rows()] == ["柏林时装", "米兰面料", "东京织物"]
    assert "将交接 3 位客户:订单 3,跟进提醒 3" in dlg.summary.text()
    # untick 东京织物: click its first cell, press Space
    table = dlg.table
    rect = table.visualRect(dlg.model.index(2, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key_Space)
    assert "将交接 2 位客户" in dlg.summary.text()
    successor = dlg.successor.lineEdit()
    successor.setFocus()
    successor.insert("王磊")  # what an input method commits
    with qtbot.waitSignal(dlg.sig_handed_over, timeout=10_000) as done:
        qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert done.args[0].moved["orders"] == 2 and "已交接给 王磊" in dlg.result_label.text()
    assert not dlg.ok_button.isEnabled()  # handed over once
    berlin, tokyo = book["柏林时装"], book["东京织物"]
    assert Client.get_by_id(berlin[0].id).merchandiser == "王磊"
    assert Order.get_by_id(berlin[1].id).merchandiser == "王磊"
    assert Client.get_by_id(tokyo[0].id).merchandiser == "李娜"
    assert FollowUp.get(FollowUp.client == tokyo[0].id).merchandiser == "李娜"

    xlsx = tmp_path / "交接.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(xlsx), ""))
    with qtbot.waitSignal(dlg.sig_report_saved, timeout=20_000):
        qtbot.mouseClick(dlg.form.findChild(QPushButton, "save_xlsx"), Qt.LeftButton)
    overview = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("交接总览").to_python()
    assert [r[1] for r in overview[3:]] == ["柏林时装", "米兰面料"]
    pdf = tmp_path / "交接.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf.with_suffix("")), ""))
    with qtbot.waitSignal(dlg.sig_report_saved, timeout=20_000):
        qtbot.mouseClick(dlg.form.findChild(QPushButton, "save_pdf"), Qt.LeftButton)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "柏林时装" in text and "米兰面料" in text and "东京织物" not in text and "王磊" in text
    wait_ops()


def test_no_successor_is_said_next_to_the_field(qtbot, window, book, wait_ops):
    from gendan_desktop.core.models import Client

    dlg = open_dialog(qtbot, window)
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        choose(qtbot, dlg.leaver, "李娜")
    wait_ops()
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(dlg.errors.error_text("successor")), timeout=10_000)
    assert "接手" in dlg.errors.error_text("successor")
    assert all(c.merchandiser == "李娜" for c in Client.select())
    qtbot.mouseClick(dlg.form.findChild(QPushButton, "check_none"), Qt.LeftButton)
    dlg.successor.lineEdit().insert("王磊")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(dlg.errors.error_text("clients")), timeout=10_000)
    assert all(c.merchandiser == "李娜" for c in Client.select())
    dlg.reject()


def test_hand_over_everything_of_a_merchandiser_on_demo_data(qtbot, window, wait_ops, tmp_path, monkeypatch):
    from gendan_desktop.core.handover import clients_of
    from gendan_desktop.demo import fill_demo

    fill_demo(clients=30, orders=150, seed=5)
    theirs = clients_of("陈静")
    assert len(theirs) > 5
    dlg = open_dialog(qtbot, window)
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        choose(qtbot, dlg.leaver, "陈静")
    wait_ops()
    assert len(dlg.model.rows()) == len(theirs)
    dlg.successor.lineEdit().setFocus()
    dlg.successor.lineEdit().insert("新来的小周")
    with qtbot.waitSignal(dlg.sig_handed_over, timeout=20_000) as done:
        qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert done.args[0].moved["clients"] > 0
    left = clients_of("陈静")  # clients of others where 陈静 had no open work are not listed any more
    assert all(sum(r[k] for k in ("orders", "followups", "samples", "quotations", "exceptions", "complaints")) == 0
               for r in left)
    pdf = tmp_path / "demo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    with qtbot.waitSignal(dlg.sig_report_saved, timeout=60_000):
        qtbot.mouseClick(dlg.form.findChild(QPushButton, "save_pdf"), Qt.LeftButton)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "新来的小周" in text and theirs[0]["name"][:4] in text
    wait_ops()
