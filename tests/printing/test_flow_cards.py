"""流程卡 PDF: one per A5 or two per A4, each card's Code128 and QR read back as its number."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import make_order_with_paper

from gendan_desktop.core.common import set_setting
from gendan_desktop.core.models import FlowCard
from gendan_desktop.printing.flow_card import card_layout, load_flow_cards, render_flow_cards

from .conftest import decode, needs_poppler, page_count, pdf_text, red_share, render_pages, run

pytestmark = needs_poppler


def _pdf(tmp_path, order, layout, card_ids=None, name="cards.pdf"):
    path = tmp_path / name
    path.write_bytes(render_flow_cards(load_flow_cards(order.id, card_ids), layout))
    return path


def _page_size(path, page=1):
    for line in run("pdfinfo", "-f", str(page), "-l", str(page), str(path)).splitlines():
        if line.startswith(f"Page    {page} size:") or line.startswith("Page size:"):
            w, _, h = line.split(":")[1].split()[:3]
            return round(float(w)), round(float(h))
    raise AssertionError("no page size")


def test_a5_layout_one_card_per_page_and_every_code_reads_back(company, tmp_path):
    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S", "M", "L"])
    path = _pdf(tmp_path, order, "a5")
    assert page_count(path) == 3
    assert _page_size(path) == (595, 420)  # A5 landscape, in points
    pages = render_pages(path, dpi=200)
    for card, png in zip(sorted(cards, key=lambda c: c.number), pages):
        assert sorted(decode(png)) == [("CODE-128", card.number), ("QR-Code", card.number)]


def test_a4x2_layout_two_cards_per_page_each_reads_back(company, tmp_path):
    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S", "M", "L"])
    path = _pdf(tmp_path, order, "a4x2")
    assert page_count(path) == 2
    assert _page_size(path) == (595, 842)
    numbers = sorted(c.number for c in cards)
    pages = render_pages(path, dpi=200)
    found = [sorted(decode(p)) for p in pages]
    assert found[0] == sorted([("CODE-128", numbers[0]), ("QR-Code", numbers[0]),
                               ("CODE-128", numbers[1]), ("QR-Code", numbers[1])])
    assert found[1] == [("CODE-128", numbers[2]), ("QR-Code", numbers[2])]


def test_card_carries_order_style_colour_size_qty_dates_and_route(company, tmp_path):
    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["M"])
    card = cards[0]
    FlowCard.update(notes="领口改用双针").where(FlowCard.id == card.id).execute()
    txt = pdf_text(_pdf(tmp_path, order, "a5"))
    for expected in ["流程卡", card.number, order.number, "T-2031", "藏青 Navy", "男式圆领T恤",
                     f"{card.quantity} pcs", "2026-11-10", "2026-12-10", "本厂一车间", "PS2611-0001",
                     "裁床", "车缝", "印花", "后整", "质检", "包装", "11-13",
                     "投入数", "良品", "次品", "操作员", "检验", "领口改用双针"]:
        assert expected in txt, expected


def test_selected_cards_only(company, tmp_path):
    order, _, cards = make_order_with_paper()
    chosen = [cards[4], cards[1]]
    path = _pdf(tmp_path, order, "a5", [c.id for c in chosen])
    assert page_count(path) == 2
    txt = pdf_text(path)
    assert chosen[0].number in txt and chosen[1].number in txt and cards[0].number not in txt


def test_unknown_card_is_refused_by_name(company):
    from gendan_desktop.core.errors import NotFound

    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["M"])
    with pytest.raises(NotFound) as err:
        load_flow_cards(order.id, [cards[0].id, 99999])
    assert "99999" in err.value.zh and order.number in err.value.zh


def test_only_the_recalled_card_prints_void(company, tmp_path):
    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S", "M"])
    first, second = sorted(cards, key=lambda c: c.number)
    FlowCard.update(recalled_at=dt.datetime(2026, 11, 22), recall_reason="开错").where(
        FlowCard.id == second.id).execute()
    both = [first.id, second.id]
    path = _pdf(tmp_path, order, "a4x2", both)
    assert page_count(path) == 1
    txt = pdf_text(path)
    assert txt.count("作废 VOID") == 1 and "开错" in txt
    # the red stamp covers the bottom card (the second) only
    page = render_pages(path, dpi=60, colour=True)[0]
    assert red_share(page, 0.0, 0.5) == 0
    assert red_share(page, 0.5, 1.0) > 0.05
    a5 = _pdf(tmp_path, order, "a5", both, name="a5.pdf")
    assert "作废" not in run("pdftotext", "-f", "1", "-l", "1", str(a5), "-")
    assert "作废" in run("pdftotext", "-f", "2", "-l", "2", str(a5), "-")
    # the watermark must not hide the codes
    for png in render_pages(a5):
        assert len(decode(png)) == 2


def test_layout_setting(company):
    assert card_layout() == "a5"
    set_setting("flow_card_layout", "a4x2")
    assert card_layout() == "a4x2"
    set_setting("flow_card_layout", "A3")  # nonsense falls back to A5
    assert card_layout() == "a5"


def test_many_cards_each_page_decodes(company, tmp_path):
    order, _, cards = make_order_with_paper(cards_per_line=2)  # 24 cards
    path = _pdf(tmp_path, order, "a4x2")
    assert page_count(path) == 12
    expected = sorted(c.number for c in cards)
    got = []
    for png in render_pages(path, dpi=200):
        symbols = decode(png)
        bars = sorted(d for k, d in symbols if k == "CODE-128")
        qrs = sorted(d for k, d in symbols if k == "QR-Code")
        assert bars == qrs and len(bars) == 2
        got += bars
    assert sorted(got) == expected


def test_all_cards_means_the_live_ones_unless_none_is_left(company, tmp_path):
    from gendan_desktop.core.models import Order

    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S", "M", "L"])
    first, second, third = sorted(cards, key=lambda c: c.number)
    FlowCard.update(recalled_at=dt.datetime(2026, 11, 22), recall_reason="开错").where(
        FlowCard.id == second.id).execute()
    assert [c.number for c in load_flow_cards(order.id)] == [first.number, third.number]
    # asked for by id, a void card still prints (with its VOID stamp)
    assert [c.void != "" for c in load_flow_cards(order.id, [second.id])] == [True]
    Order.update(status="cancelled", cancelled_at=dt.datetime(2026, 11, 23)).where(Order.id == order.id).execute()
    every = load_flow_cards(order.id)
    assert len(every) == 3 and all("订单已取消" in c.void for c in every)
