"""The workbench's own state: items put off, reminders already shown (core/work_items.py, core/reminders.py)."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField

from .base import BaseModel, _now


class WorkItemSnooze(BaseModel):
    """A workbench item put off until a date (推迟), or dismissed for the day,
    by one merchandiser: hidden from their list until ``until``."""

    merchandiser = CharField(max_length=100, default="")
    item_key = CharField(max_length=80)  # core/work_items.py: "followup:12", "late_step:7:裁剪" …
    until = DateField(index=True)
    created_at = DateTimeField(default=_now)

    class Meta:
        indexes = ((("merchandiser", "item_key"), True),)


class ReminderShown(BaseModel):
    """A tray reminder already raised for an item on a day (once per item per day)."""

    merchandiser = CharField(max_length=100, default="")
    item_key = CharField(max_length=80)
    day = DateField(index=True)

    class Meta:
        indexes = ((("merchandiser", "item_key", "day"), True),)
