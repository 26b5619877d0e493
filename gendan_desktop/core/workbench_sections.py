"""The workbench's sections by key and where each stands (core/workbench.py
gathers them). Its own module, free of the queries, so that the window can lay
out the workbench without importing what gathers it.
"""

from __future__ import annotations

NOW_KEYS = ("followups_overdue", "followups_due", "orders_at_risk", "late_steps", "late_purchases",
            "exceptions", "receivables", "complaints", "recalls")
DEFAULT_DAYS = 7


def day_key(n: int) -> str:
    return f"day:{n}"


def display_order(days: int = DEFAULT_DAYS) -> list[str]:
    """Where each section stands: follow-ups, today, what is late, then the coming days."""
    return ["followups_overdue", "followups_due", day_key(0), *NOW_KEYS[2:],
            *(day_key(n) for n in range(1, days + 1))]
