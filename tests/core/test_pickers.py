"""What the typeable client / order pickers offer (core.pickers), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt


def test_client_choices_rank_initials_first_and_skip_archived(db):
    from gendan_desktop.core.clients import archive_client, create_client
    from gendan_desktop.core.pickers import client_by_id, client_choices

    changzhou = create_client(name="常州华美实业")  # full pinyin chan-gz-hou holds "gz"
    guangzhou = create_client(name="广州福润时装")
    old = create_client(name="广州旧客户")
    archive_client(old.id, old.version)
    got = client_choices("gz")
    assert got[0] == (guangzhou.id, f"广州福润时装 ({guangzhou.code})")
    assert old.id not in [i for i, _ in got]
    assert changzhou.id in [i for i, _ in got]
    assert client_by_id(changzhou.id) == (changzhou.id, f"常州华美实业 ({changzhou.code})")
    assert client_choices("no such client") == []


def test_client_choices_without_text_are_the_busiest_in_pinyin_order(db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import create_order
    from gendan_desktop.core.pickers import client_choices

    names = ["张三贸易", "李四服饰", "Acme Textiles", "王五纺织"]
    made = [create_client(name=n) for n in names]
    for c in made[:3]:
        create_order(c.id, lines=[{"style": "S", "quantity": 1, "unit_price": "1"}], delivery_date=dt.date.today())
    with_orders = [label.split(" (")[0] for _i, label in client_choices(with_orders=True)]
    assert with_orders == ["Acme Textiles", "李四服饰", "张三贸易"]  # 王五 has no order
    assert len(client_choices()) == 4


def test_order_choices_by_number_po_or_client(db):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import create_order
    from gendan_desktop.core.pickers import order_by_number, order_choices

    zs, ls = create_client(name="张三贸易"), create_client(name="李四服饰")
    a = create_order(zs.id, lines=[{"style": "S", "quantity": 1, "unit_price": "1"}], delivery_date=dt.date.today(),
                     client_po="PO-7788")
    b = create_order(ls.id, lines=[{"style": "S", "quantity": 1, "unit_price": "1"}], delivery_date=dt.date.today())
    assert [i for i, _ in order_choices("zs")] == [a.id]
    assert [i for i, _ in order_choices("7788")] == [a.id]
    assert order_choices(b.number.lower())[0][0] == b.id
    assert order_by_number(b.number.lower()) == b.id
    assert "PO PO-7788" in order_choices("PO-7788")[0][1]
