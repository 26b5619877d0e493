"""Services say what they changed (OpChanges); Settings are saved in one call and one transaction."""

from __future__ import annotations

import pytest

from gendan_desktop.core.changes import NOTHING, OpChanges
from gendan_desktop.core.common import current_user, get_setting, set_setting
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.routes import get_route, save_route
from gendan_desktop.core.settings import save_settings


def test_op_changes_combine_and_say_what_a_view_must_refresh():
    printed = OpChanges.of("flow_card", [3, 4])
    recalled = OpChanges.of("recall") | OpChanges.of("flow_card", [5])
    both = printed | recalled
    assert both.kinds == {"flow_card", "recall"}
    assert both.ids_of("flow_card") == {3, 4, 5} and both.ids_of("recall") == set()
    assert both.touches({"order", "recall"}) and not both.touches({"client"})
    assert not NOTHING and not NOTHING.touches({"order"}) and printed


def test_settings_and_routes_are_saved_together(db):
    save_route("T恤", [("裁床", 1), ("车缝", 3)], "T恤")
    changed = save_settings({"company_name": "宁波华美服饰", "merchandiser_name": "李娜"},
                            routes={"T恤": ("T恤", [("裁床", 1), ("车缝", 4)])})
    assert changed.kinds == {"settings", "route"}
    assert get_setting("company_name") == "宁波华美服饰"
    assert current_user() == "李娜"  # audit lines carry the new name at once
    assert [(s.name, s.days) for s in get_route("T恤").steps] == [("裁床", 1), ("车缝", 4)]
    # unchanged routes are not rewritten (nor audited), and say so
    assert save_settings({"company_name": "宁波华美"}, routes={"T恤": ("T恤", [("裁床", 1), ("车缝", 4)])}).kinds \
        == {"settings"}


def test_a_refused_route_writes_no_setting_at_all(db):
    set_setting("company_name", "旧名称")
    with pytest.raises(ValidationError):
        save_settings({"company_name": "新名称", "company_phone": "0574-1"},
                      routes={"卫衣": ("卫衣", [("裁床", 1), ("裁床", 2)])})  # a step twice
    assert get_setting("company_name") == "旧名称" and get_setting("company_phone") == ""
    assert get_route("卫衣") is None


def test_deleted_routes_go_in_the_same_call(db):
    save_route("卫衣", [("裁床", 1)], "卫衣")
    assert save_settings({}, deleted_routes=["卫衣", "没有的类别"]).kinds == {"settings", "route"}
    assert get_route("卫衣") is None



def test_cancelling_says_which_paper_it_recalled(db):
    from builders import make_order, make_order_with_paper

    from gendan_desktop.core.recalls import cancel_order_changes

    draft = make_order()
    fresh, changed = cancel_order_changes(draft.id, "客户取消", draft.version)
    assert fresh.status == "cancelled"
    assert changed.kinds == {"order"} and changed.ids_of("order") == {draft.id}  # nothing issued: no paper

    order, sheet, cards = make_order_with_paper(number="SO2611-0002")
    _, changed = cancel_order_changes(order.id, "客户取消", type(order).get_by_id(order.id).version)
    assert changed.kinds == {"order", "production_sheet", "flow_card", "recall"}
    assert changed.ids_of("production_sheet") == {sheet.id} and changed.ids_of("flow_card") == {c.id for c in cards}
