"""Process route templates per product category."""

from __future__ import annotations

import pytest

from gendan_desktop.core import routes
from gendan_desktop.core.errors import NotFound, ValidationError
from gendan_desktop.core.models import RouteTemplate, RouteTemplateStep


def test_default_routes_are_seeded_once(db):
    created = routes.ensure_default_routes()
    assert {r.category for r in created} == {"garment", "textile"}
    garment = routes.get_route("garment")
    assert [s.name for s in garment.steps] == ["裁剪", "车缝", "印花", "后整", "质检", "包装"]
    assert [s.seq for s in garment.steps] == [1, 2, 3, 4, 5, 6]
    assert garment.total_days == sum(s.days for s in garment.steps) > 0
    assert routes.get_route("textile").steps[-1].name == "包装"
    # idempotent: nothing new, nothing duplicated
    assert routes.ensure_default_routes() == []
    assert RouteTemplate.select().count() == 2
    assert RouteTemplateStep.select().count() == 11


def test_route_for_matches_category_aliases_and_falls_back(db):
    routes.ensure_default_routes()
    routes.save_route("毛衫", [("横机", 3), ("套口", 2), ("包装", 1)], name="毛衫 Sweater")
    assert routes.route_for("毛衫").category == "毛衫"
    assert routes.route_for("  毛衫 Sweater ").category == "毛衫"  # by template name
    assert routes.route_for("GARMENT").category == "garment"
    assert routes.route_for("服装").category == "garment"
    assert routes.route_for("针织").category == "textile"
    assert routes.route_for("Knit").category == "textile"
    assert routes.route_for("帽子").category == "garment"  # unknown → default
    assert routes.route_for("").category == "garment"
    assert routes.route_for(None).category == "garment"


def test_route_for_seeds_defaults_on_an_empty_database(db):
    assert RouteTemplate.select().count() == 0
    assert routes.route_for("服装").steps[0].name == "裁剪"
    assert RouteTemplate.select().count() == 2


def test_save_route_replaces_steps_in_order_and_audits(db):
    routes.save_route("袜子", [("织袜", 2), ("缝头", 1)])
    r = routes.save_route("袜子", [{"name": "织袜", "days": 3}, ("定型", 1), ("包装", "1")])
    assert [(s.seq, s.name, s.days) for s in r.steps] == [(1, "织袜", 3), (2, "定型", 1), (3, "包装", 1)]
    assert RouteTemplate.select().where(RouteTemplate.category == "袜子").count() == 1
    from gendan_desktop.core.models import AuditLog

    changes = [a.new for a in AuditLog.select().where(
        (AuditLog.entity == "route_template") & (AuditLog.field == "steps"))]
    assert changes[-1] == "织袜:3 → 定型:1 → 包装:1"


@pytest.mark.parametrize("steps, fragment", [
    ([], "至少需要一道工序"),
    ([("裁剪", 1), ("裁剪", 2)], "“裁剪”重复"),
    ([("裁剪", -1)], "计划天数“-1”"),
    ([("裁剪", 1.5)], "计划天数“1.5”"),
    ([("  ", 1)], "第 1 道工序没有名称"),
])
def test_save_route_refuses_bad_steps(db, steps, fragment):
    with pytest.raises(ValidationError) as e:
        routes.save_route("测试", steps)
    assert fragment in e.value.zh
    assert "测试" in e.value.zh and "“测试”" in e.value.en
    assert RouteTemplate.select().count() == 0


def test_deleting_the_default_falls_back_to_the_oldest_template(db):
    routes.ensure_default_routes()
    routes.delete_route("garment")
    assert routes.route_for("帽子").category == "textile"
    with pytest.raises(NotFound):
        routes.delete_route("garment")


def test_step_names_in_english(db):
    assert routes.step_label("车缝", "en") == "Sewing"
    assert routes.step_label("车缝", "zh") == "车缝"
    assert routes.step_label("横机", "en") == "横机"
    assert routes.normalize_step_name(" sewing ") == "车缝"
    assert routes.normalize_step_name("横机") == "横机"
