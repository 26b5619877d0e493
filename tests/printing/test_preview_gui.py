"""The preview dialog shows the rendered pages and prints them (offscreen Qt)."""

from __future__ import annotations

import pytest
from builders import make_order_with_paper

from gendan_desktop.core.models import FlowCard, ProductionSheet

from .conftest import decode, needs_poppler, page_count, pdf_text, render_pages

pytestmark = [pytest.mark.gui, needs_poppler]


def _pdf_printer(path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(200)
    return printer


def _sheet_preview(qtbot, order_id):
    """The sheet's preview, read and rendered by a background op."""
    from gendan_desktop.gui.kit.printing_actions import preview_production_sheet

    op = preview_production_sheet(None, order_id)
    with qtbot.waitSignal(op.sig_finished, timeout=20000):
        pass
    assert op.error is None and op.dialog is not None
    qtbot.addWidget(op.dialog)
    return op.dialog


def test_preview_production_sheet_shows_pages_and_prints(qtbot, company, tmp_path):
    order, sheet, _ = make_order_with_paper()
    dialog = _sheet_preview(qtbot, order.id)
    assert dialog.isVisible()
    assert dialog.page_count() == 1
    assert sheet.number in dialog.windowTitle()
    # the page really renders: a QR code and dark text on white
    image = dialog.document.render(0, dialog.document.pagePointSize(0).toSize() * 2)
    assert not image.isNull()
    dark = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 100

    out = tmp_path / "printed.pdf"
    dialog.print_to(_pdf_printer(out), background=False)
    assert dialog.printed_pages == 1
    assert ProductionSheet.get_by_id(sheet.id).printed_copies == 1
    # what reached the printer is the page, QR code included
    assert page_count(out) == 1
    assert decode(render_pages(out)[0]) == [("QR-Code", sheet.number)]


def test_printing_in_the_background_with_progress(qtbot, company, tmp_path):
    order, sheet, _ = make_order_with_paper(colours=[f"颜色{i:02d}" for i in range(40)])
    dialog = _sheet_preview(qtbot, order.id)
    assert dialog.page_count() == 2
    out = tmp_path / "bg.pdf"
    op = dialog.print_to(_pdf_printer(out))
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert op.error is None and op.result == 2
    assert page_count(out) == 2
    assert ProductionSheet.get_by_id(sheet.id).printed_copies == 1


def test_preview_flow_cards_renders_off_the_gui_thread(qtbot, company):
    from gendan_desktop.gui.kit.printing_actions import preview_flow_cards

    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S", "M", "L"])
    op = preview_flow_cards(None, order.id, [cards[0].id, cards[2].id])
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert op.error is None
    dialog = op.dialog
    qtbot.addWidget(dialog)
    assert dialog.page_count() == 2
    txt = pdf_text(dialog.pdf_path)
    assert cards[0].number in txt and cards[2].number in txt and cards[1].number not in txt
    # nothing is counted for a preview alone
    assert FlowCard.get_by_id(cards[0].id).printed_copies == 0


def test_batch_print_all_cards_of_an_order(qtbot, company, tmp_path):
    from gendan_desktop.core.common import set_setting
    from gendan_desktop.gui.kit.printing_actions import print_flow_cards

    set_setting("flow_card_layout", "a4x2")
    order, _, cards = make_order_with_paper(colours=["藏青 Navy", "白色 White"], sizes=["S", "M", "L"])
    out = tmp_path / "batch.pdf"
    op = print_flow_cards(None, order.id, printer=_pdf_printer(out))
    qtbot.waitUntil(lambda: op.finished, timeout=30000)
    assert op.error is None and op.result == 3
    assert page_count(out) == 3
    assert [FlowCard.get_by_id(c.id).printed_copies for c in cards] == [1] * 6
    found = sorted(d for png in render_pages(out) for k, d in decode(png) if k == "CODE-128")
    assert found == sorted(c.number for c in cards)


def test_cancelling_a_batch_print_counts_nothing(qtbot, company, tmp_path):
    from gendan_desktop.gui.kit.printing_actions import print_flow_cards

    order, _, cards = make_order_with_paper(cards_per_line=3)  # 36 cards
    op = print_flow_cards(None, order.id, printer=_pdf_printer(tmp_path / "cancelled.pdf"))
    op.cancel()
    qtbot.waitUntil(lambda: op.finished, timeout=30000)
    assert op.error is not None
    assert sum(FlowCard.get_by_id(c.id).printed_copies for c in cards) == 0


def _typing_is_handled(qtbot, gate) -> None:
    """While ``gate`` holds the read, text typed into a field arrives."""
    from PySide6.QtWidgets import QLineEdit

    qtbot.waitUntil(gate.entered.is_set)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field, "AB12")
    assert field.text() == "AB12" and not gate.left.is_set()


def test_the_sheet_is_read_and_rendered_while_input_is_handled(qtbot, company, monkeypatch):
    from gated import Gate

    from gendan_desktop.gui.kit.printing_actions import preview_production_sheet
    from gendan_desktop.printing import service

    order, sheet, _ = make_order_with_paper()
    gate = Gate(monkeypatch, service, "sheet_for_order")
    op = preview_production_sheet(None, order.id)
    _typing_is_handled(qtbot, gate)
    with qtbot.waitSignal(op.sig_finished, timeout=20000):
        gate.open()
    qtbot.addWidget(op.dialog)
    assert op.dialog.isVisible() and sheet.number in op.dialog.windowTitle()


def test_flow_cards_are_read_while_input_is_handled(qtbot, company, monkeypatch):
    from gated import Gate

    from gendan_desktop.gui.kit.printing_actions import preview_flow_cards
    from gendan_desktop.printing import service

    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S", "M"])
    gate = Gate(monkeypatch, service, "flow_cards_to_print")
    op = preview_flow_cards(None, order.id)
    _typing_is_handled(qtbot, gate)
    with qtbot.waitSignal(op.sig_finished, timeout=20000):
        gate.open()
    qtbot.addWidget(op.dialog)
    assert op.dialog.page_count() >= 1 and cards[0].number in pdf_text(op.dialog.pdf_path)


def test_an_order_without_flow_cards_is_said_once(qtbot, company, monkeypatch):
    from gendan_desktop.gui.kit import operations
    from gendan_desktop.gui.kit.printing_actions import preview_flow_cards

    bare, _, _ = make_order_with_paper(cards_per_line=0)
    said = []
    operations.set_error_sink(lambda exc, _details: said.append(str(exc)))
    try:
        op = preview_flow_cards(None, bare.id)
        with qtbot.waitSignal(op.sig_finished, timeout=20000):
            pass
    finally:
        operations.set_error_sink(None)
    assert len(said) == 1 and "还没有流程卡" in said[0] and op.dialog is None
