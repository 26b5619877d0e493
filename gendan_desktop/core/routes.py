"""Process routes (工艺路线): the ordered steps a product category goes through.

A flow card copies the steps of its order's route when it is issued, so editing
a template later never changes cards already on the floor.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .common import audit
from .db import write_transaction
from .errors import NotFound, ValidationError, current_language
from .limits import STEP_DAYS
from .models import RouteTemplate, RouteTemplateStep

DEFAULT_CATEGORY = "garment"

# category -> (template name, [(step name, planned days), ...])
DEFAULT_ROUTES: dict[str, tuple[str, list[tuple[str, int]]]] = {
    "garment": ("服装 Garment", [
        ("裁剪", 2), ("车缝", 5), ("印花", 2), ("后整", 2), ("质检", 1), ("包装", 1),
    ]),
    "textile": ("针织/纺织 Textile/knit", [
        ("织造", 4), ("染色", 3), ("定型", 1), ("验布", 1), ("包装", 1),
    ]),
}

# What people type for a category, mapped to the default templates.
CATEGORY_ALIASES = {
    "服装": "garment", "成衣": "garment", "garments": "garment", "apparel": "garment",
    "clothing": "garment", "针织": "textile", "纺织": "textile", "面料": "textile",
    "布料": "textile", "knit": "textile", "knitting": "textile", "knitwear": "textile",
    "fabric": "textile", "textiles": "textile",
    # garments people name by what they are
    "t恤": "garment", "t-shirt": "garment", "tshirt": "garment", "tee": "garment", "polo": "garment",
    "polo衫": "garment", "衬衫": "garment", "shirt": "garment", "卫衣": "garment", "hoodie": "garment",
    "裤子": "garment", "pants": "garment", "外套": "garment", "jacket": "garment", "连衣裙": "garment",
    "dress": "garment",
}

# English names of the usual steps: labels for English users, and what
# record_progress accepts when a step is given by its English name.
STEP_NAMES_EN = {
    "裁剪": "Cutting", "车缝": "Sewing", "印花": "Printing", "后整": "Finishing",
    "质检": "Inspection", "包装": "Packing", "织造": "Knitting", "染色": "Dyeing",
    "定型": "Heat setting", "验布": "Fabric inspection", "绣花": "Embroidery",
    "洗水": "Washing", "整烫": "Ironing", "横机织片": "Flat knitting", "套口": "Linking",
    "手缝": "Hand sewing", "绗缝": "Quilting",
}


def step_label(name: str, lang: str | None = None) -> str:
    """A step name for display: English when asked and known, else as stored."""
    if (lang or current_language()) == "en":
        return STEP_NAMES_EN.get(name, name)
    return name


def normalize_step_name(text: str) -> str:
    """Trim and fold an English step name back to the stored Chinese one."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    low = t.lower()
    for zh, en in STEP_NAMES_EN.items():
        if low == en.lower():
            return zh
    return t


@dataclass(frozen=True)
class RouteStep:
    seq: int
    name: str
    days: int


@dataclass(frozen=True)
class Route:
    id: int
    category: str
    name: str
    steps: tuple[RouteStep, ...]

    @property
    def total_days(self) -> int:
        return sum(s.days for s in self.steps)


def _clean_category(category: str) -> str:
    c = unicodedata.normalize("NFKC", category or "").strip()
    if not c:
        raise ValidationError("产品类别不能为空,请填写如“服装”或“garment”。",
                              "The product category is empty; enter one such as “garment”.",
                              field="category")
    return c


def _clean_steps(category: str, steps: Iterable[Any]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for i, item in enumerate(steps, start=1):
        if isinstance(item, str):
            name, days = item, 1
        elif isinstance(item, dict):
            name, days = item.get("name", ""), item.get("days", 1)
        else:
            name, days = item
        name = unicodedata.normalize("NFKC", str(name or "")).strip()
        if not name:
            raise ValidationError(f"工艺路线“{category}”第 {i} 道工序没有名称,请填写工序名。",
                                  f"Step {i} of route “{category}” has no name; enter the step name.",
                                  field="steps")
        if name in seen:
            raise ValidationError(f"工艺路线“{category}”中工序“{name}”重复了,每道工序只能出现一次。",
                                  f"Step “{name}” appears twice in route “{category}”; list each step once.",
                                  field="steps")
        try:
            d = int(days)
        except (TypeError, ValueError):
            d = -1
        if d < 0 or d > STEP_DAYS.high or str(days).strip() not in (str(d), f"{d}.0"):
            raise ValidationError(f"工艺路线“{category}”工序“{name}”的计划天数“{days}”无效,请填写 0 "
                                  f"至 {STEP_DAYS.high} 的整数。",
                                  f"The planned days “{days}” of step “{name}” in route “{category}” are not "
                                  f"valid; enter a whole number of days from 0 to {STEP_DAYS.high}.", field="steps")
        seen.add(name)
        out.append((name, d))
    if not out:
        raise ValidationError(f"工艺路线“{category}”至少需要一道工序。",
                              f"Route “{category}” needs at least one step.", field="steps")
    return out


def _to_route(t: RouteTemplate) -> Route:
    steps = (RouteTemplateStep.select().where(RouteTemplateStep.template == t)
             .order_by(RouteTemplateStep.seq))
    return Route(t.id, t.category, t.name, tuple(RouteStep(s.seq, s.name, s.days) for s in steps))


def save_route(category: str, steps: Iterable[Any], name: str = "") -> Route:
    """Create the route of ``category`` or replace its steps, in order.

    ``steps`` holds ``(name, days)`` pairs (or dicts with name/days). Cards
    already issued keep the steps they were issued with.
    """
    category = _clean_category(category)
    clean = _clean_steps(category, steps)
    with write_transaction():
        t = RouteTemplate.get_or_none(RouteTemplate.category == category)
        if t is None:
            t = RouteTemplate.create(category=category, name=(name or category).strip())
            old = ""
            audit("route_template", t.id, "create", new=category)
        else:
            old = " → ".join(f"{s.name}:{s.days}" for s in _to_route(t).steps)
            if name and name.strip() != t.name:
                RouteTemplate.update(name=name.strip()).where(RouteTemplate.id == t.id).execute()
            RouteTemplateStep.delete().where(RouteTemplateStep.template == t).execute()
        RouteTemplateStep.insert_many(
            [{"template": t.id, "seq": i, "name": n, "days": d} for i, (n, d) in enumerate(clean, start=1)]
        ).execute()
        new = " → ".join(f"{n}:{d}" for n, d in clean)
        if old != new:
            audit("route_template", t.id, "update", field="steps", old=old or None, new=new)
        return _to_route(RouteTemplate.get_by_id(t.id))


def delete_route(category: str) -> None:
    category = _clean_category(category)
    with write_transaction():
        t = RouteTemplate.get_or_none(RouteTemplate.category == category)
        if t is None:
            raise NotFound(f"找不到产品类别“{category}”的工艺路线。",
                           f"There is no process route for category “{category}”.")
        t.delete_instance(recursive=True)
        audit("route_template", t.id, "delete", old=category)


def ensure_default_routes() -> list[Route]:
    """Seed the garment and textile routes if they are missing (idempotent)."""
    created = []
    with write_transaction():
        for category, (name, steps) in DEFAULT_ROUTES.items():
            if not RouteTemplate.select().where(RouteTemplate.category == category).exists():
                created.append(save_route(category, steps, name))
    return created


def list_routes() -> list[Route]:
    return [_to_route(t) for t in RouteTemplate.select().order_by(RouteTemplate.category)]


def get_route(category: str) -> Route | None:
    t = RouteTemplate.get_or_none(RouteTemplate.category == _clean_category(category))
    return _to_route(t) if t else None


@dataclass(frozen=True)
class RouteChoice:
    """The route picked for a product category, and whether the category has one of its own."""

    route: Route
    category: str  # as the order has it (may be empty)
    matched: bool  # False: the category is unknown or empty and a default was taken

    def note(self, lang: str | None = None) -> str:
        """One sentence saying which route was chosen (and why, when it is a fallback)."""
        steps = " → ".join(step_label(s.name, lang) for s in self.route.steps)
        en = (lang or current_language()) == "en"
        if self.matched:
            return (f"Process route “{self.route.name}”: {steps}." if en
                    else f"工艺路线“{self.route.name}”:{steps}。")
        if not self.category:
            return (f"The order has no product category; the default process route “{self.route.name}” "
                    f"is used: {steps}." if en else
                    f"订单没有填写产品类别,使用默认工艺路线“{self.route.name}”:{steps}。")
        return (f"No process route is set up for the product category “{self.category}”; the route "
                f"“{self.route.name}” is used instead: {steps}. Set up a route for it in the routes settings "
                "if its steps differ." if en else
                f"产品类别“{self.category}”没有对应的工艺路线,改用“{self.route.name}”:{steps}。"
                "如工序不同,请先为该类别设置工艺路线。")


def route_choice(category: str | None) -> RouteChoice:
    """The route for an order's product category, and whether it is the category's own.

    Tries the exact category, then case-insensitively by category or template
    name, then the usual aliases (服装 → garment, 针织 → textile); those are
    matches. Otherwise it falls back to the default garment route (or, if that
    was deleted, the oldest template) and says so (``matched`` False). Seeds
    the default routes when no template exists at all.
    """
    text = unicodedata.normalize("NFKC", category or "").strip()
    templates = list(RouteTemplate.select())
    if not templates:
        ensure_default_routes()
        templates = list(RouteTemplate.select())
    if text:
        low = text.lower()
        for t in templates:
            if t.category == text:
                return RouteChoice(_to_route(t), text, True)
        for t in templates:
            if t.category.lower() == low or (t.name or "").lower() == low:
                return RouteChoice(_to_route(t), text, True)
        alias = CATEGORY_ALIASES.get(low)
        for t in templates:
            if alias and t.category == alias:
                return RouteChoice(_to_route(t), text, True)
    for t in templates:
        if t.category == DEFAULT_CATEGORY:
            return RouteChoice(_to_route(t), text, False)
    # the default was deleted on purpose: use the oldest template left
    return RouteChoice(_to_route(min(templates, key=lambda t: t.id)), text, False)


def route_for(category: str | None) -> Route:
    """The route for an order's product category, falling back to the default (see route_choice)."""
    return route_choice(category).route
