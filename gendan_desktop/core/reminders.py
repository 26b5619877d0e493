"""Tray reminders (提醒): follow-ups due or overdue and late steps, once per item per day.

``due_reminders(today)`` lists what this merchandiser has not been reminded
of today: their own items (the owner is them, or nobody is named), not put
off, ranked like the workbench. ``mark_shown`` remembers them in the
database (ReminderShown), so a restart the same day does not repeat them;
``reminder_message`` is the notification's title and text. The window shows
them at start and on a timer while running; the setting ``tray_reminders``
("0") turns them off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .common import current_user, get_setting, set_setting
from .db import write_transaction
from .models import ReminderShown
from .work_items import WorkItem, active_snoozes, rank, t
from .workbench import Ctx, followups_due, followups_overdue, late_steps

ENABLED_KEY = "tray_reminders"
KEEP_DAYS = 7  # rows of older days are deleted as new ones are written
SHOWN_IN_MESSAGE = 3


def reminders_enabled() -> bool:
    return get_setting(ENABLED_KEY, "1") != "0"


def set_reminders_enabled(on: bool) -> None:
    set_setting(ENABLED_KEY, "1" if on else "0")


def due_reminders(today: dt.date | None = None, merchandiser: str | None = None) -> list[WorkItem]:
    """Follow-ups due today or overdue and late steps of this merchandiser, not yet shown today."""
    today = today or dt.date.today()
    me = current_user() if merchandiser is None else merchandiser
    ctx = Ctx(today, 0)
    items = [*followups_overdue(ctx), *followups_due(ctx), *late_steps(ctx)]
    hidden = set(active_snoozes(today, me))
    shown = {k for (k,) in ReminderShown.select(ReminderShown.item_key)
             .where((ReminderShown.merchandiser == me) & (ReminderShown.day == today)).tuples()}
    return rank(i for i in items if i.owner in (me, "") and i.key not in hidden and i.key not in shown)


def mark_shown(keys: Iterable[str], today: dt.date | None = None, merchandiser: str | None = None) -> int:
    """Remember that these items were shown today (idempotent: the unique index keeps one row)."""
    today = today or dt.date.today()
    me = current_user() if merchandiser is None else merchandiser
    rows = [{"merchandiser": me, "item_key": k, "day": today} for k in sorted(set(keys))]
    with write_transaction():
        ReminderShown.delete().where(ReminderShown.day < today - dt.timedelta(days=KEEP_DAYS)).execute()
        if rows:
            ReminderShown.insert_many(rows).on_conflict_ignore().execute()
    return len(rows)


def reminder_message(items: list[WorkItem]) -> tuple[str, str]:
    """(title, text) of one notification for the items: counts, then the first few."""
    followups = sum(1 for i in items if i.key.startswith("followup:"))
    steps = len(items) - followups
    parts = []
    if followups:
        parts.append(t(f"{followups} 个跟进到期", f"{followups} follow-up(s) due"))
    if steps:
        parts.append(t(f"{steps} 处工序延误", f"{steps} late step(s)"))
    title = t("跟单桌面提醒:", "Gendan Desktop: ") + t(",", ", ").join(parts)
    lines = [i.text for i in items[:SHOWN_IN_MESSAGE]]
    if len(items) > SHOWN_IN_MESSAGE:
        more = len(items) - SHOWN_IN_MESSAGE
        lines.append(t(f"……另有 {more} 项,见工作台", f"… and {more} more on the workbench"))
    return title, "\n".join(lines)
