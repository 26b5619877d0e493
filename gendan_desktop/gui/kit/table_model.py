"""The base of every list: sorted ids from SQL, rows fetched by id when shown.

Measured on 100,000 orders, a deep ``OFFSET`` page costs 180 ms and Qt's
``fetchMore`` takes seconds to reach the bottom. So, as Anki's browser does,
one query returns *all matching ids in display order* (SQL ``WHERE`` +
``ORDER BY``), ``rowCount`` is their number, and ``data()`` loads the rows of
the visible range in chunks of ``CHUNK`` by ``id IN (…)``, keeping the last
``CACHE_CHUNKS`` chunks. At a million orders that id query alone costs 50 ms
to seconds: the first page is read by key and shown first, the id list
follows from a worker (gui/kit/id_paging.py).

The queries live in the core, one module per list (``core/lists/<list>.py``:
``build_query(filters, sort)``, ``find_ids`` and ``rows(ids)``); a subclass declares::

    class Col(IntEnum):            # the columns, in default order
        CODE = 0
        NAME = 1

    class ClientListModel(IdListModel):
        LIST = core.lists.clients  # find_ids / rows
        KIND = "client"            # for open_record
        SETTINGS_KEY = "clients"   # QSettings key of the view's header state
        Columns = Col
        HEADERS = {Col.CODE: QT_TR_NOOP("编号"), Col.NAME: QT_TR_NOOP("名称")}
        SORT_KEYS = {Col.CODE: "code", Col.NAME: "name"}   # the list's sort keys
        FILTERS = [ChoiceFilter("grade", QT_TR_NOOP("等级"), enum="grade")]

        def load_rows(self, ids): return {id: (code, name, …) for id, row in LIST.rows(ids).items()}

Header texts are Chinese source strings translated in the context ``"columns"``
(see ``header_text``); mark them with ``QT_TR_NOOP`` so lupdate finds them.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal

from ...core.lists import new_id_cache
from .id_paging import PagedIds

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # data(index, ID_ROLE) → the record id of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_DISPLAY, _EDIT, _TOOLTIP, _FONT = 0, 2, 3, 6
_ALIGN, _BACKGROUND, _FOREGROUND = 7, 8, 9
_HORIZONTAL, _VERTICAL = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
_ID = int(Qt.ItemDataRole.UserRole.value) + 1
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_WANTED_ROLES = frozenset({_DISPLAY, _EDIT, _TOOLTIP, _FONT, _ALIGN, _BACKGROUND, _FOREGROUND, _ID})


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - Qt's name, so lupdate recognises it
    return text


def header_text(text: str) -> str:
    return QCoreApplication.translate("columns", text)


def ftr(text: str) -> str:
    return QCoreApplication.translate("filters", text)


# ------------------------------------------------------------------ filters --
@dataclass
class ChoiceFilter:
    """A combo box: all / one value. ``choices`` is [(value, source label)], or
    ``enum`` names a core.enums kind whose labels are used."""

    key: str
    label: str
    enum: str | None = None
    choices: list[tuple[Any, str]] = dc_field(default_factory=list)

    def options(self) -> list[tuple[Any, str]]:
        if self.enum:
            from ...core.enums import ENUMS, label

            return [(v, label(self.enum, v)) for v in ENUMS[self.enum]]
        return [(v, ftr(t)) for v, t in self.choices]


# (key, source label, function today → (from, to)); None bound = open
DATE_PRESETS: list[tuple[str, str, Callable[[dt.date], tuple[dt.date | None, dt.date | None]]]] = [
    ("overdue", QT_TR_NOOP("已过期"), lambda d: (None, d - dt.timedelta(days=1))),
    ("today", QT_TR_NOOP("今天"), lambda d: (d, d)),
    ("next7", QT_TR_NOOP("未来7天"), lambda d: (d, d + dt.timedelta(days=7))),
    ("next30", QT_TR_NOOP("未来30天"), lambda d: (d, d + dt.timedelta(days=30))),
    ("last30", QT_TR_NOOP("过去30天"), lambda d: (d - dt.timedelta(days=30), d)),
    (
        "this_month",
        QT_TR_NOOP("本月"),
        lambda d: (d.replace(day=1), (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)),
    ),
    ("this_year", QT_TR_NOOP("今年"), lambda d: (d.replace(month=1, day=1), d.replace(month=12, day=31))),
]


@dataclass
class DateRangeFilter:
    """A combo of date ranges (overdue, today, next 7 days …) for the filter ``key``.
    The value set on the model is a (from, to) tuple of dates (either may be None)."""

    key: str
    label: str
    presets: Sequence[str] = ("overdue", "today", "next7", "next30", "last30", "this_month", "this_year")

    def options(self) -> list[tuple[Any, str]]:
        today = dt.date.today()
        table = {k: (t, f) for k, t, f in DATE_PRESETS}
        return [(table[k][1](today), ftr(table[k][0])) for k in self.presets if k in table]


# -------------------------------------------------------------------- model --
class IdListModel(PagedIds):
    """See the module docstring. Rows are whatever ``load_rows`` returns per id;
    ``display(row, col)`` turns one into text (default: ``row[col]``)."""

    LIST: Any = None  # the core.lists module with build_query(filters, sort) and rows(ids)
    KIND: str = ""
    SORT_KEYS: dict = {}  # column → the list module's sort key
    SETTINGS_KEY: str = ""
    Columns: type[IntEnum]
    HEADERS: dict = {}
    ALIGN_RIGHT: frozenset = frozenset()  # columns of numbers/money
    WIDTHS: dict = {}  # column → default width in pixels (until the user resizes)
    # column → exporter kind ("int", "money", "date"…) for 导出当前列表; columns not
    # listed are typed from their values (gui/excel_actions.py)
    COLUMN_KINDS: dict = {}
    FILTERS: list = []
    DEFAULT_SORT: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
    CHUNK = 60  # about two screens of rows: one query fills what is visible
    CACHE_CHUNKS = 60
    ID_CACHE_SIZE = 3  # id lists kept per model (100,000 ids: about 3.5 MB)

    reloaded = Signal()  # after every new id list, first page or whole (count label, selection restore)
    sig_loaded = Signal()  # every matching id is known (the count is final): at once or after the background read

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ids: list[int] = []
        self._pos: dict[int, int] | None = None
        self._cache: OrderedDict[int, dict[int, Any]] = OrderedDict()
        self._id_cache = new_id_cache()  # (sql, params) → (stamp, ids), newest last: core/lists/__init__.py
        self._sort_col, self._sort_order = self.DEFAULT_SORT
        self.quick_text = ""
        self.filters: dict[str, Any] = {}
        self._loaded = False
        left = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
        right = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        self._align = [right if col in self.ALIGN_RIGHT else left for col in self.Columns]
        # asked per section at every reset: an enum's len() and call cost microseconds each
        self._ncols = len(self.Columns)
        self._titles = [self.HEADERS.get(col, col.name) for col in self.Columns]
        self._has_font = type(self).font is not IdListModel.font
        self._has_background = type(self).background is not IdListModel.background
        self._last_chunk: tuple[int, dict[int, Any]] = (-1, {})  # the chunk data() read last
        self._init_paging()

    # ---------------------------------------------------- subclass interface
    def sort_key(self, col: int) -> str | None:
        """The list module's sort key of column ``col`` (None: not sortable)."""
        return self.SORT_KEYS.get(col)

    def list_filters(self):
        """The quick filter and the chosen filters as the list module takes them."""
        from ...core.lists.spec import Filters

        values = {k: v for k, v in self.filters.items() if v is not None and v != ""}
        return Filters(self.quick_text.strip(), values)

    def list_sort(self):
        from ...core.lists.spec import Sort

        return Sort(self.sort_key(self._sort_col), self._sort_order == Qt.SortOrder.DescendingOrder)

    def load_rows(self, ids: list[int]) -> dict[int, Any]:
        raise NotImplementedError

    def display(self, row: Any, col: int) -> str:
        value = row[col]
        return "" if value is None else str(value)

    def foreground(self, row: Any, col: int):
        """A QColor/QBrush for the text of the cell, or None."""
        return None

    def background(self, row: Any, col: int):
        return None

    def tooltip(self, row: Any, col: int):
        return None

    def export_value(self, row: Any, col: int):
        """The cell's value for an Excel export: a number, Decimal or date where the
        display text is formatted (override per model); default the display text."""
        return self.display(row, col)

    def export_rows(self, ids: list[int]) -> dict[int, Any]:
        """``load_rows`` for an Excel export. Called in a worker thread, so it
        must touch no Qt object and no state the GUI thread uses: override it
        when ``load_rows`` does (OrderListModel starts a timer there)."""
        return self.load_rows(ids)

    # ------------------------------------------------------------ public API
    def set_quick_filter(self, text: str) -> None:
        if text != self.quick_text:
            self.quick_text = text
            self.refresh()

    def set_filter(self, key: str, value: Any) -> None:
        if value is None or value == "":
            if self.filters.pop(key, None) is None:
                return
        elif self.filters.get(key) == value:
            return
        else:
            self.filters[key] = value
        self.refresh()

    def ids(self) -> list[int]:
        """Every matching id in display order (read now if the background read is not back yet)."""
        self.ensure_complete()
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, id_: int, wait: bool = True) -> int:
        """Row of record ``id_`` (-1 when filtered out). Not among the rows
        known yet: the whole id list is read now, unless ``wait`` is False."""
        try:  # a C-speed scan (~1 ms over 100k ids) beats building a dict per reload
            return self._ids.index(id_)
        except ValueError:
            if self._complete or not wait or not self.ensure_complete():
                return -1
        return self.row_of(id_, wait=False)

    def row_data(self, row: int) -> Any:
        if not 0 <= row < len(self._ids):
            return None
        n = row // self.CHUNK
        last_n, chunk = self._last_chunk
        if n != last_n:  # ~9 roles per cell ask for the same row: skip the LRU bookkeeping
            chunk = self._chunk(n)
            self._last_chunk = (n, chunk)
        return chunk.get(self._ids[row])

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_col, self._sort_order

    # -------------------------------------------------------------- caching
    def _chunk(self, n: int) -> dict[int, Any]:
        chunk = self._cache.get(n)
        if chunk is not None:
            self._cache.move_to_end(n)
            return chunk
        ids = self._ids[n * self.CHUNK:(n + 1) * self.CHUNK]
        try:
            chunk = self.load_rows(ids) if ids else {}
        except Exception as exc:
            if not _report(exc):
                raise
            chunk = {}  # kept: painting must not ask again per cell; F5 or reopening reads anew
        self._cache[n] = chunk
        while len(self._cache) > self.CACHE_CHUNKS:
            self._cache.popitem(last=False)
        return chunk

    # ------------------------------------------------------ Qt model methods
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if parent.isValid():
            return 0
        return len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if parent.isValid():
            return 0
        return self._ncols

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802
        # plain ints, as in data(): asked per section and role at every reset
        if orientation == _HORIZONTAL and 0 <= section < self._ncols:
            if role == _DISPLAY:
                return header_text(self._titles[section])
            if role == _ALIGN:
                return self._align[section]
        elif orientation == _VERTICAL and role == _DISPLAY and 0 <= section < len(self._ids):
            return section + 1
        return None

    def data(self, index, role=0):
        # Called ~7 times per visible cell (one per role): plain ints only here,
        # no Qt enum attribute lookups (each costs microseconds in PySide6).
        if role not in _WANTED_ROLES or not index.isValid():
            return None
        r = index.row()
        ids = self._ids
        if r >= len(ids):
            return None
        if role == _ID:
            return ids[r]
        c = index.column()
        if role == _ALIGN:
            return self._align[c] if c < len(self._align) else None
        if (role == _FONT and not self._has_font) or (role == _BACKGROUND and not self._has_background):
            return None
        row = self.row_data(r)
        if row is None:  # deleted since the id list was built
            return "" if role in (_DISPLAY, _EDIT) else None
        if role in (_DISPLAY, _EDIT):
            return self.display(row, c)
        if role == _FOREGROUND:
            return self.foreground(row, c)
        if role == _BACKGROUND:
            return self.background(row, c)
        if role == _FONT:
            return self.font(row, c)
        return self.tooltip(row, c)

    def font(self, row: Any, col: int):
        """A QFont for the cell, or None (override to use)."""
        return None

    def flags(self, index):
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS  # constants: called per painted cell

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < self._ncols):
            return
        if (column, order) == (self._sort_col, self._sort_order) and self._loaded:
            return
        self._sort_col, self._sort_order = column, order
        if self._loaded:  # before the first refresh (view set-up) only remember it
            self.refresh()


def _report(exc: BaseException) -> bool:
    from .db_trouble import trouble

    return trouble().report(exc)


def fmt_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def fmt_money(value) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}"
