"""生产单 with the sample the bulk follows and the factories that make it (issue 10, items 12 and 14)."""

from __future__ import annotations

import datetime as dt

from builders import make_order_with_paper

from gendan_desktop.core.models import Factory, FlowCard, Order, Sample
from gendan_desktop.printing.production_sheet import load_production_sheet, render_production_sheet

from .conftest import needs_poppler, page_count, pdf_text

pytestmark = needs_poppler


def test_sheet_names_the_sample_and_each_factorys_share(company, tmp_path):
    order, sheet, cards = make_order_with_paper()
    sample = Sample.create(number="SP2610-0007", client=order.client, style="T-2031", colour="藏青", status="approved",
                           requested_date=dt.date(2026, 10, 2), decided_date=dt.date(2026, 10, 20))
    Order.update(sample=sample).where(Order.id == order.id).execute()
    backup = Factory.create(name="绍兴华达针织", kind="backup")
    moved = cards[:4]  # the navy line goes to the backup factory
    FlowCard.update(factory=backup).where(FlowCard.id.in_([c.id for c in moved])).execute()
    data = load_production_sheet(sheet.id)
    assert "SP2610-0007" in data.sample and "已批板 2026-10-20" in data.sample
    out_qty = sum(c.quantity for c in moved)
    total = sum(c.quantity for c in cards)
    assert [(n, q, o) for n, q, o in data.factory_shares] == sorted(
        [("本厂一车间", total - out_qty, False), ("绍兴华达针织", out_qty, True)], key=lambda t: -t[1])
    path = tmp_path / "sheet.pdf"
    path.write_bytes(render_production_sheet(data))
    txt = pdf_text(path)
    for expected in ("样品/批板", "SP2610-0007", "生产工厂分配", "绍兴华达针织", f"{out_qty:,} 件", "外发", "等 2 家"):
        assert expected in txt, expected
    assert page_count(path) == 1


def test_one_factory_is_named_in_the_field(company, tmp_path):
    _order, sheet, _cards = make_order_with_paper()
    data = load_production_sheet(sheet.id)
    assert data.factory == "本厂一车间" and data.sample == ""
    txt = pdf_text(_write(tmp_path, data))
    assert "本厂一车间" in txt and "生产工厂分配" not in txt


def _write(tmp_path, data):
    path = tmp_path / "one.pdf"
    path.write_bytes(render_production_sheet(data))
    return path


def test_a_card_a_revision_kept_prints_valid_and_the_changed_lines_card_void(company, tmp_path):
    from builders import make_order_with_paper as _make

    from gendan_desktop.core.revisions import revise_order
    from gendan_desktop.printing.flow_card import load_flow_cards

    order, _sheet, cards = _make(status="in_production", colours=["藏青 Navy"], sizes=["S", "M"])
    from gendan_desktop.core.orders import order_lines

    small, medium = order_lines(order.id)
    revise_order(order.id, "客户改 M 码颜色", None, [{"id": small.id}, {"id": medium.id, "colour": "黑 Black"}],
                 Order.get_by_id(order.id).version)
    printed = {c.number: c.void for c in load_flow_cards(order.id, [c.id for c in cards])}
    assert printed[cards[0].number] == ""  # issued under R0, kept by R1: still the paper to work from
    assert "已收回" in printed[cards[1].number]
    assert [c.number for c in load_flow_cards(order.id)] == [cards[0].number]  # a batch print: the live one
