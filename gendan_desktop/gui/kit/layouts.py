"""Small layout pieces every part of the window uses (light: loaded at start)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QHBoxLayout, QWidget


def button_row(buttons: Iterable[QWidget]) -> QHBoxLayout:
    """``buttons`` side by side from the left, the rest of the row empty."""
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row
