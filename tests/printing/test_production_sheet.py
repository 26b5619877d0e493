"""生产单 PDF: what the floor reads, the QR code, the embedded font, VOID."""

from __future__ import annotations

import datetime as dt

from builders import COLOURS, make_order_with_paper

from gendan_desktop.core.common import set_setting
from gendan_desktop.core.models import Order, ProductionSheet
from gendan_desktop.printing.production_sheet import load_production_sheet, render_production_sheet

from .conftest import decode, needs_poppler, page_count, pdf_text, red_share, render_pages, run

pytestmark = needs_poppler


def _render(tmp_path, sheet_id, name="sheet.pdf"):
    path = tmp_path / name
    path.write_bytes(render_production_sheet(load_production_sheet(sheet_id)))
    return path


def test_sheet_states_every_field_in_chinese(company, tmp_path):
    order, sheet, _ = make_order_with_paper(revision=1)
    path = _render(tmp_path, sheet.id)
    txt = pdf_text(path)
    for expected in ["宁波华美服饰有限公司", "+86 574 8888 6666", "生产单", sheet.number, "R1", order.number,
                     "宁波远航贸易有限公司", "PO-778812", "普通订单", "T-2031", "男式圆领T恤", "2026-12-20",
                     "本厂一车间", "李芳", "藏青 Navy", "白色 White", "红色 Red",
                     "色差≥4级", "全棉汗布 180g", "罗纹领", "客供", "混码不混色", "MADE IN CHINA",
                     "产前样", "编制", "审核", "生产签收", "取代 R0"]:
        assert expected in txt, expected
    # row totals, column totals and the grand total of the colour × size grid
    assert "600" in txt and "792" in txt and "984" in txt
    assert "540" in txt and "648" in txt and "2,376" in txt
    # material need = 2,376 pcs × 0.215 kg × 1.03
    assert "526.17" in txt
    assert "50 箱" in txt
    assert page_count(path) == 1
    assert "作废" not in txt


def test_client_printed_as_code_when_the_settings_say_so(company, tmp_path):
    set_setting("print_client_as", "code")
    _, sheet, _ = make_order_with_paper()
    txt = pdf_text(_render(tmp_path, sheet.id))
    assert "C-ACME" in txt
    assert "宁波远航贸易有限公司" not in txt


def test_qr_code_reads_back_as_the_sheet_number(company, tmp_path):
    _, sheet, _ = make_order_with_paper()
    pages = render_pages(_render(tmp_path, sheet.id), dpi=200)
    assert len(pages) == 1
    assert decode(pages[0]) == [("QR-Code", sheet.number)]


def test_every_font_is_embedded(company, tmp_path):
    _, sheet, _ = make_order_with_paper()
    out = run("pdffonts", str(_render(tmp_path, sheet.id)))
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert "WenQuanYi" in row and " yes yes " in row, row


def test_many_colours_flow_onto_a_second_page_with_sign_off_last(company, tmp_path):
    colours = [f"颜色{i:02d}" for i in range(40)]
    _, sheet, _ = make_order_with_paper(colours=colours, materials=5)
    path = _render(tmp_path, sheet.id)
    assert page_count(path) == 2
    first = run("pdftotext", "-f", "1", "-l", "1", str(path), "-")
    second = run("pdftotext", "-f", "2", "-l", "2", str(path), "-")
    assert "颜色00" in first and "颜色39" in second
    assert "（续 cont.）" in second and "生产签收" in second and "生产签收" not in first
    assert "第1页/共2页" in first.replace(" ", "") and "第2页/共2页" in second.replace(" ", "")
    pages = render_pages(path)
    assert decode(pages[0]) == [("QR-Code", sheet.number)]


def test_cancelled_order_prints_void(company, tmp_path):
    order, sheet, _ = make_order_with_paper()
    Order.update(status="cancelled", cancelled_at=dt.datetime(2026, 11, 20)).where(Order.id == order.id).execute()
    path = _render(tmp_path, sheet.id)
    txt = pdf_text(path)
    assert "作废" in txt and "VOID" in txt and "订单已取消" in txt
    assert red_share(render_pages(path, dpi=60, colour=True)[0]) > 0.05


def test_valid_sheet_has_no_stamp(company, tmp_path):
    _, sheet, _ = make_order_with_paper()
    path = _render(tmp_path, sheet.id)
    assert red_share(render_pages(path, dpi=60, colour=True)[0]) == 0


def test_recalled_sheet_prints_void_on_every_page(company, tmp_path):
    _, sheet, _ = make_order_with_paper(colours=[f"颜色{i:02d}" for i in range(40)])
    ProductionSheet.update(recalled_at=dt.datetime(2026, 11, 21), recall_reason="改单 R1").where(
        ProductionSheet.id == sheet.id).execute()
    path = _render(tmp_path, sheet.id)
    for page in (1, 2):
        txt = run("pdftotext", "-f", str(page), "-l", str(page), str(path), "-")
        assert "作废" in txt and "VOID" in txt and "改单 R1" in txt


def test_sheet_of_an_older_revision_prints_void(company, tmp_path):
    order, sheet, _ = make_order_with_paper(revision=0)
    Order.update(revision=1).where(Order.id == order.id).execute()
    txt = pdf_text(_render(tmp_path, sheet.id))
    assert "作废" in txt and "R1" in txt


def test_grid_rows_follow_the_order_and_sizes_their_natural_order(company):
    _, sheet, _ = make_order_with_paper(sizes=["XL", "S", "M"])
    data = load_production_sheet(sheet.id)
    assert data.colours == COLOURS
    assert data.sizes == ["S", "M", "XL"]


def test_company_logo_from_settings_is_printed(company, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 80), (20, 60, 160)).save(logo)
    set_setting("company_logo", str(logo))
    _, sheet, _ = make_order_with_paper()
    out = run("pdfimages", "-list", str(_render(tmp_path, sheet.id)))
    assert len(out.splitlines()) == 3  # header, rule, one image


def test_missing_logo_file_does_not_stop_printing(company, tmp_path):
    set_setting("company_logo", str(tmp_path / "gone.png"))
    _, sheet, _ = make_order_with_paper()
    assert sheet.number in pdf_text(_render(tmp_path, sheet.id))
