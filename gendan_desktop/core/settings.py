"""Saving the Settings dialog: every setting and every production route in one transaction.

The dialog checks its form, then makes one call; a refusal (a route with a bad
step, a key that is not text) writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .changes import OpChanges
from .common import set_current_user, set_setting
from .connection import write_transaction
from .errors import ValidationError
from .routes import delete_route, get_route, save_route

RouteSteps = Sequence[tuple[str, int]]


def save_settings(values: Mapping[str, str], *, routes: Mapping[str, tuple[str, RouteSteps]] | None = None,
                  deleted_routes: Iterable[str] = ()) -> OpChanges:
    """Write ``values`` (setting key → text), delete the routes of ``deleted_routes``
    and save ``routes`` (category → (name, [(step, days), …])) whose steps
    changed, all in one transaction. Returns the kinds changed: "settings",
    and "route" when a route was written or deleted.
    """
    for key, value in values.items():
        if not isinstance(key, str) or not key or not isinstance(value, str):
            raise ValidationError(f"设置项“{key}”的值无效。", f"The setting “{key}” has an invalid value.",
                                  field=str(key))
    routes_changed = False
    with write_transaction():
        for key, value in values.items():
            set_setting(key, value)
        for category in deleted_routes:
            if get_route(category) is not None:
                delete_route(category)
                routes_changed = True
        for category, (name, steps) in (routes or {}).items():
            old = get_route(category)
            if old is None or [(s.name, str(s.days)) for s in old.steps] != [(str(n), str(d)) for n, d in steps]:
                save_route(category, list(steps), name)  # checks every step; a bad one rolls back everything
                routes_changed = True
    set_current_user(None)  # the merchandiser's name is read again for audit lines
    return OpChanges(frozenset({"settings", "route"} if routes_changed else {"settings"}))
