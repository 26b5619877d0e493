"""Paper that leaves the app is counted and recalled (issue 10, items 4 and 5), through the window:
a recalled card is selected and printed VOID, a saved PDF counts as a copy, and
recalled copies are returned N of M."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

pytestmark = [pytest.mark.gui,
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is needed")]


@pytest.fixture
def order_with_paper(sqlite_db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import confirm_order, create_order, set_review
    from gendan_desktop.core.production import issue_flow_cards, issue_production_sheet

    client = create_client(name="宁波海运服饰", default_currency="USD")
    order = create_order(client.id, delivery_date=dt.date.today() + dt.timedelta(days=30), product_category="T恤",
                         lines=[{"style": "P-1", "product": "Polo", "colour": "红", "size": "M", "quantity": 200,
                                 "unit_price": "4.10"}])
    order = set_review(order.id, True, True, True, True, True, "", order.version)
    order = confirm_order(order.id, expected_version=order.version)
    sheet = issue_production_sheet(order.id)
    cards = issue_flow_cards(order.id, batch_size=100)
    return order, sheet, cards


def _click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())


def _documents(window, order):
    tab = window.show_tab("production")
    assert tab.pane.select_id(order.id)
    tab.show_page(tab.documents)
    return tab


def test_a_recalled_card_is_selected_and_printed_void(qtbot, window, wait_ops, order_with_paper, monkeypatch,
                                                      tmp_path):
    from gendan_desktop.core.models import FlowCard
    from gendan_desktop.core.production import recall_card

    order, _sheet, cards = order_with_paper
    recall_card(cards[1].id, "开错卡")
    tab = _documents(window, order)
    model = tab.documents.model
    row = model.row_of(("flow_card", cards[1].id))
    assert "未打印" in model.row(row)["state"]
    _click_row(qtbot, tab.documents.view, row)
    qtbot.mouseClick(tab.print_selected_button, Qt.LeftButton)
    wait_ops(60_000)
    preview = _last_preview(window)
    text = subprocess.run(["pdftotext", str(preview.pdf_path), "-"], capture_output=True, text=True).stdout
    assert cards[1].number in text and "作废" in text and "开错卡" in text and cards[0].number not in text
    target = tmp_path / "void.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(preview.save_button, Qt.LeftButton)
    assert target.read_bytes() == preview.pdf_bytes
    assert FlowCard.get_by_id(cards[1].id).printed_copies == 0  # a VOID copy needs no recall
    preview.close()


def _last_preview(window):
    from gendan_desktop.gui.kit.printing_actions import PdfPreviewDialog

    previews = [w for w in window.findChildren(PdfPreviewDialog) if w.isVisible()]
    assert previews, "no print preview open"
    return previews[-1]


def test_saving_the_pdf_counts_and_the_recall_list_asks_for_it(qtbot, window, wait_ops, order_with_paper,
                                                              monkeypatch, tmp_path):
    from gendan_desktop.core.models import FlowCard
    from gendan_desktop.core.recalls import cancel_order

    order, _sheet, cards = order_with_paper
    tab = _documents(window, order)
    _click_row(qtbot, tab.documents.view, tab.documents.model.row_of(("flow_card", cards[0].id)))
    qtbot.mouseClick(tab.print_selected_button, Qt.LeftButton)
    wait_ops(60_000)
    preview = _last_preview(window)
    target = tmp_path / "card.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(preview.save_button, Qt.LeftButton)
    wait_ops()
    assert target.exists()
    assert [FlowCard.get_by_id(c.id).printed_copies for c in cards] == [1, 0]
    preview.close()

    cancel_order(order.id, "客户取消", type(order).get_by_id(order.id).version)
    tab.refresh()
    tab.show_page(tab.recalls)
    rows = tab.recalls.model.rows()
    # the saved card is out; the sheet and the other card never left the app
    assert [(r["number"], r["printed_copies"], r["outstanding"]) for r in rows] == [(cards[0].number, 1, 1)]


def test_recalled_copies_are_returned_n_of_m(qtbot, window, wait_ops, order_with_paper):
    from gendan_desktop.core.models import ProductionSheet
    from gendan_desktop.core.recalls import cancel_order
    from gendan_desktop.printing.service import record_printed

    order, sheet, cards = order_with_paper
    record_printed("production_sheet", [sheet.id], copies=3)
    cancel_order(order.id, "客户取消", type(order).get_by_id(order.id).version)
    tab = window.show_tab("production")
    tab.show_page(tab.recalls)
    panel = tab.recalls
    assert [r["number"] for r in panel.model.rows()] == [sheet.number]  # unprinted cards are not listed
    assert "3 份纸质未交回" in panel.info.text()

    _click_row(qtbot, panel.view, 0)
    qtbot.mouseClick(panel.returned_button, Qt.LeftButton)
    dlg = panel.dialog
    assert dlg is not None and "还有 3 份未交回" in dlg.field("copies_info").text()
    spin = dlg.field("copies")
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 3, 3)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(spin, "2")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    wait_ops()
    assert ProductionSheet.get_by_id(sheet.id).returned_copies == 2
    rows = panel.model.rows()
    assert [(r["returned_copies"], r["outstanding"]) for r in rows] == [(2, 1)]

    _click_row(qtbot, panel.view, 0)
    qtbot.mouseClick(panel.returned_button, Qt.LeftButton)  # the last copy: no question
    wait_ops()
    assert panel.model.rows() == []
    assert ProductionSheet.get_by_id(sheet.id).returned_at is not None
    tab.show_page(tab.documents)
