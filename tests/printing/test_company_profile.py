"""The company profile set at first start heads every printed document: names,
address, phone and the logo kept in the database (not a path that can move)."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import make_order_with_paper

from gendan_desktop.core.company import CompanyProfile, get_profile, logo_png, save_profile
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.printing.flow_card import load_flow_cards, render_flow_cards
from gendan_desktop.printing.production_sheet import load_production_sheet, render_production_sheet
from gendan_desktop.printing.quotation import quotation_pdf
from gendan_desktop.printing.statement_pdf import statement_pdf

from .conftest import needs_poppler, pdf_text, render_pages, run
from .test_quotation_statement import _quotation, _statement_data

pytestmark = needs_poppler
PROFILE = CompanyProfile(name="义乌华美服饰有限公司", name_en="Yiwu Huamei Garments Co., Ltd.",
                         address="浙江省义乌市稠城街道 88 号", phone="0579-8555 1234", merchandiser="小王")


def make_logo(path, size=(400, 200)):
    """A logo with a solid blue block: easy to find again on the rendered page."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, "white")
    ImageDraw.Draw(img).rectangle((20, 20, size[0] - 20, size[1] - 20), fill=(20, 60, 200))
    img.save(path)
    return path


def blue_share(png, top: float, bottom: float) -> float:
    from PIL import Image

    img = Image.open(png).convert("RGB")
    w, h = img.size
    band = img.crop((0, int(h * top), w, int(h * bottom))).resize((w // 4, max(1, int(h * (bottom - top)) // 4)))
    data = band.tobytes()
    blues = sum(1 for r, g, b in zip(data[0::3], data[1::3], data[2::3]) if b - r > 80 and b - g > 60)
    return blues / (len(data) // 3)


def _documents(tmp_path) -> dict[str, bytes]:
    order, sheet, _cards = make_order_with_paper()
    q = _quotation()
    client = _statement_data()
    return {
        "quotation": quotation_pdf(q.id),
        "sheet": render_production_sheet(load_production_sheet(sheet.id)),
        "cards": render_flow_cards(load_flow_cards(order.id)[:1]),
        "statement": statement_pdf(client.id, dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
    }


def test_every_document_prints_the_profile_and_the_logo(db, tmp_path):
    picture = make_logo(tmp_path / "logo.jpg")
    save_profile(PROFILE, logo=str(picture))
    picture.unlink()  # the logo lives in the database now
    assert get_profile() == PROFILE
    assert logo_png().startswith(b"\x89PNG")

    for name, pdf in _documents(tmp_path).items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        txt = pdf_text(path)
        assert "公司名称未设置" not in txt, name
        assert "义乌华美服饰有限公司" in txt, name
        if name != "cards":  # the flow card carries the name only, for the floor
            assert "Yiwu Huamei Garments Co., Ltd." in txt, name
            assert "0579-8555 1234" in txt, name
        assert "image" in run("pdfimages", "-list", str(path)), name
        page = render_pages(path, dpi=60, colour=True)[0]
        assert blue_share(page, 0.0, 0.12) > 0.003, name  # the logo is drawn in the letterhead band


def test_without_a_profile_the_letterhead_says_what_to_set(db, tmp_path):
    q = _quotation()
    path = tmp_path / "q.pdf"
    path.write_bytes(quotation_pdf(q.id))
    assert "公司名称未设置" in pdf_text(path)
    assert "image" not in run("pdfimages", "-list", str(path))


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_saved(db, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("not a picture")
    with pytest.raises(ValidationError, match="logo.png") as exc:
        save_profile(PROFILE, logo=str(fake))
    assert exc.value.field == "company_logo"
    assert get_profile() == CompanyProfile()  # the names were not saved either
    assert logo_png() is None


def test_removing_the_logo_and_a_name_too_long(db, tmp_path):
    save_profile(PROFILE, logo=str(make_logo(tmp_path / "l.png")))
    save_profile(PROFILE, logo="")
    assert logo_png() is None
    with pytest.raises(ValidationError, match="200"):
        save_profile(CompanyProfile(name="华" * 201))
    assert get_profile().name == PROFILE.name
