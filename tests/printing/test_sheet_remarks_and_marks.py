"""The order's 备注 reaches the production sheet, and with 打印客户 = client code the
唛头 (and every free text on floor paper) names the client by its code (issue 10, item 7)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from gendan_desktop.core.common import set_setting
from gendan_desktop.printing.production_sheet import load_production_sheet, render_production_sheet

from .conftest import needs_poppler, pdf_text

pytestmark = needs_poppler

NOTES = "大货前先寄产前样给客户确认;酒红色缸差控制在4级以上。"


def _confirmed_order(notes=NOTES):
    from gendan_desktop.core import orders
    from gendan_desktop.core.models import Client

    client = Client.create(code="C-YH", name="宁波远航贸易有限公司", name_en="Ningbo Yuanhang Trading")
    order = orders.create_order(client.id, delivery_date=dt.date.today() + dt.timedelta(days=40), client_po="PO-9",
                                lines=[{"style": "T-1", "product": "T恤", "colour": "白", "size": "M",
                                        "quantity": 100, "unit_price": Decimal("3.5")}],
                                shipping_marks="宁波远航贸易有限公司 / PO-9 / C/NO. 1-UP\nNingbo Yuanhang Trading",
                                client_requirements="按宁波远航贸易有限公司确认样生产", notes=notes)
    order = orders.set_review(order.id, True, True, True, True, True, "", order.version)
    return orders.confirm_order(order.id, expected_version=order.version)


def _remarks_box(txt: str) -> str:
    """The text of the 五、备注 box (up to the sign-off)."""
    flat = re.sub(r"\s+", "", txt)
    return flat.split("五、备注", 1)[1].split("编制", 1)[0]


def test_the_orders_remarks_are_copied_to_the_sheet_and_printed(company, tmp_path):
    from gendan_desktop.core.production import issue_production_sheet

    order = _confirmed_order()
    sheet = issue_production_sheet(order.id)
    assert sheet.remarks == NOTES
    path = tmp_path / "sheet.pdf"
    path.write_bytes(render_production_sheet(load_production_sheet(sheet.id)))
    assert "大货前先寄产前样给客户确认" in _remarks_box(pdf_text(path))
    # a remark typed when issuing wins over the order's
    other = issue_production_sheet(order.id, remarks="按新版工艺单", reissue=True)
    assert load_production_sheet(other.id).remarks == "按新版工艺单"


def test_a_sheet_issued_before_the_copy_still_prints_the_orders_remarks(company):
    from gendan_desktop.core.models import ProductionSheet

    order = _confirmed_order()
    sheet = ProductionSheet.create(number="PS-OLD", order=order.id, remarks="")
    assert load_production_sheet(sheet.id).remarks == NOTES


def test_client_code_setting_hides_the_name_in_the_shipping_marks(company, tmp_path):
    from gendan_desktop.core.production import issue_production_sheet

    set_setting("print_client_as", "code")
    sheet = issue_production_sheet(_confirmed_order().id)
    data = load_production_sheet(sheet.id)
    assert data.client == "C-YH"
    assert data.shipping_marks == "C-YH / PO-9 / C/NO. 1-UP\nC-YH"
    assert data.requirements == "按C-YH确认样生产"
    path = tmp_path / "sheet.pdf"
    path.write_bytes(render_production_sheet(data))
    txt = pdf_text(path)
    assert "宁波远航" not in txt and "Yuanhang" not in txt and "C-YH" in txt
    set_setting("print_client_as", "name")
    assert "宁波远航贸易有限公司/PO-9" in re.sub(r"\s+", "", pdf_text_of(sheet.id, tmp_path))


def pdf_text_of(sheet_id, tmp_path) -> str:
    path = tmp_path / "again.pdf"
    path.write_bytes(render_production_sheet(load_production_sheet(sheet_id)))
    return pdf_text(path)


@pytest.mark.gui
def test_issue_and_print_from_the_window_shows_the_remarks(qtbot, sqlite_db, tmp_path):
    from PySide6.QtCore import Qt

    from gendan_desktop.gui.kit.printing_actions import PdfPreviewDialog
    from gendan_desktop.gui.main_window import MainWindow

    order = _confirmed_order()
    window = MainWindow(sqlite_db.gendan_url)
    qtbot.addWidget(window)
    window.show()
    tab = window.show_tab("production")
    assert tab.pane.select_id(order.id)
    qtbot.mouseClick(tab.sheet_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "尚未下发生产单" not in tab.header.text(), timeout=10_000)
    qtbot.mouseClick(tab.print_sheet_button, Qt.LeftButton)  # read and rendered in the background
    qtbot.waitUntil(lambda: any(w.isVisible() for w in tab.findChildren(PdfPreviewDialog)), timeout=10_000)
    previews = [w for w in tab.findChildren(PdfPreviewDialog) if w.isVisible()]
    assert "大货前先寄产前样给客户确认" in _remarks_box(pdf_text(previews[-1].pdf_path))
    previews[-1].close()
