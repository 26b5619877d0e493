"""Tab follows the form's reading order: rows top to bottom, left to right in a row.

Our Designer forms put their fields in side-by-side columns (one QFormLayout
per column in a QHBoxLayout), which the eye reads row by row: 客户, 客户订单号,
订单类型, then 下单日期 … Qt's default order is the order of the XML — column by
column — so Tab from 客户 landed in 下单日期 and from 良品 in 日期.
``set_reading_order(form)`` walks the form's layouts, gives every input a
visual row and a left-to-right position, and chains Tab in that order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLayoutItem,
    QTabWidget,
    QWidget,
)

_CONTAINERS = (QGroupBox,)  # widgets whose own layout holds more fields


def _focusable(w: QWidget) -> bool:
    return not isinstance(w, QLabel) and bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _walk_item(item: QLayoutItem | None) -> tuple[list, int]:
    """(entries, rows used); an entry is (row, x-path, widget)."""
    if item is None:
        return [], 0
    layout = item.layout()
    if layout is not None:
        return _walk_layout(layout)
    w = item.widget()
    if w is None:
        return [], 0
    inner = w.layout()
    if inner is not None and (type(w) is QWidget or isinstance(w, _CONTAINERS)
                              or (isinstance(w, QFrame) and not isinstance(w, (QAbstractScrollArea, QLabel)))):
        entries, rows = _walk_layout(inner)
        if _focusable(w) and isinstance(w, QGroupBox):  # a checkable group box: its check box first
            entries.insert(0, (0, (), w))
        return entries, max(rows, 1)
    return ([(0, (), w)] if _focusable(w) else []), 1


def _walk_layout(layout: QLayout) -> tuple[list, int]:
    entries: list = []
    if isinstance(layout, QFormLayout):
        base = 0
        for r in range(layout.rowCount()):
            used = 0
            for role, col in (
                (QFormLayout.ItemRole.LabelRole, 0),
                (QFormLayout.ItemRole.FieldRole, 1),
                (QFormLayout.ItemRole.SpanningRole, 0),
            ):
                sub, rows = _walk_item(layout.itemAt(r, role))
                entries += [(base + row, (col,) + x, w) for row, x, w in sub]
                used = max(used, rows)
            base += max(used, 1)
        return entries, base
    if isinstance(layout, QGridLayout):
        heights: dict[int, int] = {}
        found = []
        for i in range(layout.count()):
            position: tuple[int, int, int, int] = layout.getItemPosition(i)  # type: ignore[assignment]  # PySide6 stub says object
            r, c = position[0], position[1]
            sub, rows = _walk_item(layout.itemAt(i))
            heights[r] = max(heights.get(r, 1), rows)
            found.append((r, c, sub))
        starts, acc = {}, 0
        for r in sorted(heights):
            starts[r], acc = acc, acc + heights[r]
        for r, c, sub in found:
            entries += [(starts[r] + row, (c,) + x, w) for row, x, w in sub]
        return entries, acc
    if isinstance(layout, QBoxLayout):
        horizontal = layout.direction() in (QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft)
        rows_used = 0
        for i in range(layout.count()):
            sub, rows = _walk_item(layout.itemAt(i))
            if horizontal:  # side by side: same rows, ordered by position in the box
                entries += [(row, (i,) + x, w) for row, x, w in sub]
                rows_used = max(rows_used, rows)
            else:
                entries += [(rows_used + row, x, w) for row, x, w in sub]
                rows_used += rows
        return entries, rows_used
    rows_used = 0
    for i in range(layout.count()):  # any other layout: in its own order
        sub, rows = _walk_item(layout.itemAt(i))
        entries += [(rows_used + row, x, w) for row, x, w in sub]
        rows_used += rows
    return entries, rows_used


def reading_order(form: QWidget) -> list[QWidget]:
    """The inputs of ``form`` in reading order."""
    layout = form.layout()
    if layout is None:
        return []
    entries, _rows = _walk_layout(layout)
    entries.sort(key=lambda e: (e[0], e[1]))
    seen, out = set(), []
    for _row, _x, w in entries:
        if id(w) not in seen:
            seen.add(id(w))
            out.append(w)
    return out


def set_reading_order(form: QWidget) -> list[QWidget]:
    """Chain Tab through ``form``'s inputs in reading order (and each page of
    a tab widget in it through its own); returns the form's order."""
    order = reading_order(form)
    for a, b in zip(order, order[1:]):
        QWidget.setTabOrder(a, b)
    for pages in form.findChildren(QTabWidget):
        for i in range(pages.count()):
            widget = pages.widget(i)
            page = reading_order(widget) if widget is not None else []
            for a, b in zip(page, page[1:]):
                QWidget.setTabOrder(a, b)
    return order
