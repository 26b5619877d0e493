"""Printed copies are counted, the CLI writes the paper, and void paper is listed for recall.

The end-to-end test goes through the real core services: create, review and
confirm an order, issue its sheet and cards, print them, cancel the order.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from builders import make_order, make_order_with_paper

from gendan_desktop.cli import main
from gendan_desktop.core.models import AuditLog, FlowCard, ProductionSheet
from gendan_desktop.printing import service

from .conftest import decode, needs_poppler, page_count, pdf_text, render_pages

pytestmark = needs_poppler


def test_record_printed_counts_copies_and_audits(company):
    order, sheet, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S", "M"])
    changed = service.record_printed("production_sheet", [sheet.id], copies=2)
    assert changed.kinds == {"production_sheet"} and changed.ids_of("production_sheet") == {sheet.id}
    changed = service.record_printed("flow_card", [c.id for c in cards])
    assert changed.kinds == {"flow_card"} and changed.ids_of("flow_card") == {c.id for c in cards}
    sheet = ProductionSheet.get_by_id(sheet.id)
    assert sheet.printed_copies == 2 and sheet.last_printed_at is not None
    assert [FlowCard.get_by_id(c.id).printed_copies for c in cards] == [1, 1]
    log = AuditLog.select().where((AuditLog.entity == "production_sheet") & (AuditLog.action == "print")).get()
    assert (log.old, log.new, log.order_id) == ("0", "2", order.id)


def test_void_reprint_is_audited_but_not_counted(company):
    _, sheet, _ = make_order_with_paper(colours=["藏青 Navy"], sizes=["S"])
    service.record_printed("production_sheet", [sheet.id])
    ProductionSheet.update(recalled_at=dt.datetime(2026, 11, 20), recall_reason="改单").where(
        ProductionSheet.id == sheet.id).execute()
    changed = service.record_printed("production_sheet", [sheet.id])
    assert changed.kinds == {"production_sheet"} and changed.ids_of("production_sheet") == set()  # audited only
    assert ProductionSheet.get_by_id(sheet.id).printed_copies == 1
    assert AuditLog.select().where(AuditLog.action == "print_void").count() == 1
    out = service.copies_to_recall()
    assert [(r["kind"], r["number"], r["printed_copies"]) for r in out] == [("production_sheet", sheet.number, 1)]
    assert service.outstanding_copy_count() == 1


def test_cli_prints_sheet_and_selected_cards(company, tmp_path):
    order, sheet, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S", "M", "L"])
    db = company.gendan_url
    out = tmp_path / "sheet.pdf"
    assert main(["print", "production-sheet", order.number, str(out), "--db", db]) == 0
    assert sheet.number in pdf_text(out)
    chosen = f"{cards[2].number},{cards[0].number}"
    out2 = tmp_path / "cards.pdf"
    assert main(["print", "flow-cards", order.number, str(out2), "--cards", chosen, "--layout", "a4x2",
                 "--db", db]) == 0
    assert page_count(out2) == 1
    found = sorted(d for _, d in decode(render_pages(out2)[0]))
    assert found == sorted([cards[0].number] * 2 + [cards[2].number] * 2)
    from gendan_desktop.core.db import open_database

    open_database(db)  # the command closed the connection it opened
    assert ProductionSheet.get_by_id(sheet.id).printed_copies == 1
    assert [FlowCard.get_by_id(c.id).printed_copies for c in cards] == [1, 0, 1]
    out3 = tmp_path / "all.pdf"
    assert main(["print", "flow-cards", order.number, str(out3), "--no-record", "--db", db]) == 0
    open_database(db)
    assert page_count(out3) == 3
    assert FlowCard.get_by_id(cards[1].id).printed_copies == 0


def test_cli_names_an_unknown_card_and_order(company, tmp_path, capsys):
    order, _, cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S"])
    db = company.gendan_url
    assert main(["print", "flow-cards", order.number, str(tmp_path / "x.pdf"), "--cards", "LC-NOPE",
                 "--db", db, "--lang", "zh"]) == 1
    assert "LC-NOPE" in capsys.readouterr().err
    assert main(["print", "production-sheet", "SO-NOPE", str(tmp_path / "x.pdf"), "--db", db]) == 1
    assert "SO-NOPE" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_end_to_end_through_the_core_services(company, tmp_path):
    from gendan_desktop.core import orders, production, recalls
    from gendan_desktop.core.models import Client

    client = Client.create(code="C-E2E", name="上海晨光服装有限公司")
    order = orders.create_order(client.id, delivery_date=dt.date.today() + dt.timedelta(days=60), client_po="E2E-1",
                                lines=[{"style": "J-88", "product": "牛仔夹克", "colour": "深蓝", "size": "M",
                                        "quantity": 250, "unit_price": Decimal("12.50")},
                                       {"style": "J-88", "product": "牛仔夹克", "colour": "深蓝", "size": "L",
                                        "quantity": 150, "unit_price": Decimal("12.50")}],
                                client_requirements="水洗后缩率≤3%", packing="每件折叠入袋")
    order = orders.set_review(order.id, True, True, True, True, True, "", order.version)
    order = orders.confirm_order(order.id, expected_version=order.version)
    sheet = production.issue_production_sheet(order.id, carton_count=20)
    cards = production.issue_flow_cards(order.id, batch_size=100)
    assert len(cards) == 5  # 250 → 100+100+50, 150 → 100+50

    db = company.gendan_url
    sheet_pdf, cards_pdf = tmp_path / "s.pdf", tmp_path / "c.pdf"
    assert main(["print", "production-sheet", order.number, str(sheet_pdf), "--db", db]) == 0
    assert main(["print", "flow-cards", order.number, str(cards_pdf), "--db", db]) == 0
    from gendan_desktop.core.db import open_database

    open_database(db)
    txt = pdf_text(sheet_pdf)
    assert sheet.number in txt and "水洗后缩率≤3%" in txt and "400" in txt and "作废" not in txt
    assert page_count(cards_pdf) == 5
    for card, png in zip(sorted(cards, key=lambda c: c.number), render_pages(cards_pdf)):
        assert sorted(decode(png)) == [("CODE-128", card.number), ("QR-Code", card.number)]

    recalls.cancel_order(order.id, "客户取消", orders.get_order(order.id).version)
    listed = service.copies_to_recall(order.id)
    assert sorted(r["number"] for r in listed) == sorted([sheet.number] + [c.number for c in cards])
    assert service.outstanding_copy_count(order.id) == 6
    again = tmp_path / "again.pdf"
    assert main(["print", "production-sheet", order.number, str(again), "--db", db]) == 0
    open_database(db)
    assert "作废" in pdf_text(again) and "订单已取消" in pdf_text(again)
    assert ProductionSheet.get_by_id(sheet.id).printed_copies == 1  # the VOID copy is not counted
    recalls.mark_returned("production_sheet", sheet.id)
    assert service.outstanding_copy_count(order.id) == 5


def test_cli_refuses_bad_copies_before_writing_anything(company, tmp_path, capsys):
    import pytest

    order, sheet, _cards = make_order_with_paper(colours=["藏青 Navy"], sizes=["S"])
    db = company.gendan_url
    for copies in ("-5", "0", str(10 ** 20), "two"):
        out = tmp_path / f"sheet{copies[:3]}.pdf"
        with pytest.raises(SystemExit) as exit_:
            main(["print", "production-sheet", order.number, str(out), "--copies", copies, "--db", db])
        assert exit_.value.code == 2  # a usage error
        assert "份数" in capsys.readouterr().err and not out.exists()
    from gendan_desktop.core.db import open_database

    open_database(db)
    assert ProductionSheet.get_by_id(sheet.id).printed_copies == 0
    with pytest.raises(Exception, match="份数"):
        service.record_printed("production_sheet", [sheet.id], copies=0)


def test_no_flow_cards_yet_is_one_sentence_for_the_window_and_the_command_line(company, tmp_path, capsys):
    import pytest

    from gendan_desktop.core.errors import NotFound

    order = make_order()  # a draft: nothing issued
    with pytest.raises(NotFound) as exc:
        service.flow_cards_pdf(order.id)
    assert "还没有流程卡" in exc.value.zh and "no flow cards yet" in exc.value.en
    out = tmp_path / "cards.pdf"
    assert main(["print", "flow-cards", order.number, str(out), "--db", company.gendan_url]) != 0
    assert exc.value.zh in capsys.readouterr().err and not out.exists()
