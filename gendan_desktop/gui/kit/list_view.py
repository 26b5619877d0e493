"""ListPane: quick filter + column filters + a table over an IdListModel.

Header widths, order, hidden columns and the sort column are kept in QSettings
under ``lists/<model.SETTINGS_KEY>/header``; filters are not (a list opens
unfiltered, as a merchandiser expects).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyleOptionHeader,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .flow_layout import flow_bar
from .table_model import ID_ROLE, IdListModel, ftr
from .uistate import ui_settings


def tr(text: str) -> str:
    return QCoreApplication.translate("ListPane", text)


class SortHeader(QHeaderView):
    """A horizontal header whose arrow points up (▲) for an ascending sort and
    down (▼) for a descending one, as in Explorer and Excel. Qt draws the
    opposite (its Qt::AscendingOrder paints SortDown), so a list of the newest
    orders first showed an arrow claiming the oldest came first."""

    _FLIP = {QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
             QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp}

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        # a header made by hand starts unclickable (QTableView only sets this
        # on the header it creates itself): without it no click ever sorted
        self.setSectionsClickable(True)

    def initStyleOptionForIndex(self, option, logical_index):  # noqa: N802 - Qt's name
        super().initStyleOptionForIndex(option, logical_index)
        option.sortIndicator = self._FLIP.get(option.sortIndicator, option.sortIndicator)


class ListTable(QTableView):
    """A fast table: fixed row height, no word wrap, whole-row selection."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeader(SortHeader(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves a list for the next field; the arrows move in it
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row size queries over 100k rows
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vh.hide()
        hh = self.horizontalHeader()
        hh.setSectionsMovable(True)
        hh.setHighlightSections(False)
        hh.setStretchLastSection(True)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setDefaultSectionSize(110)

    navigating = False  # inside a key press: the current row moves by the keyboard

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.navigating = True
        try:
            super().keyPressEvent(event)
        finally:
            self.navigating = False

    # Before the whole id list is read (gui/kit/id_paging.py) the last rows
    # are not among the rows shown: Ctrl+End and "to the bottom" read the last
    # page first, so they land on the list's true last row.
    def moveCursor(self, action, modifiers):  # noqa: N802 - Qt's name
        if action == QAbstractItemView.MoveEnd:
            self._load_end()
        return super().moveCursor(action, modifiers)

    def scrollToBottom(self) -> None:  # noqa: N802
        self._load_end()
        super().scrollToBottom()

    def _load_end(self) -> None:
        load_end = getattr(self.model(), "load_end", None)
        if load_end is not None:
            load_end()


def fit_headers(table) -> None:
    """Widen every column that is narrower than its title (and the sort arrow):
    "Current/potential" showed as "Current/pote" in English."""
    header = table.horizontalHeader()
    model = table.model()
    metrics = header.fontMetrics()
    for c in range(model.columnCount()):
        title = model.headerData(c, Qt.Orientation.Horizontal) or ""
        need = metrics.horizontalAdvance(str(title)) + 26
        if header.sectionSize(c) < need:
            header.resizeSection(c, need)


class ListPane(QWidget):
    """Filter bar + table. Signals carry record ids, never row numbers."""

    activated = Signal(int)  # double-click / Enter on a row
    current_changed = Signal(object)  # id or None: another record became current (not the same one restored)

    def __init__(self, model: IdListModel, parent=None, *, placeholder: str | None = None):
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self._settings_key = f"lists/{model.SETTINGS_KEY or type(model).__name__}/header"
        self._restoring_id: int | None = None
        self._announced: int | None = None  # the id current_changed said last
        self._pending: int | None = None  # the id to say once the keys are handled
        self._announce_later = QTimer(self, singleShot=True, interval=0)
        self._announce_later.timeout.connect(lambda: self._announce(self._pending))
        self._follow: Callable[[], object] | None = None  # a detail's reload waiting for the list (after_list)
        self._follow_later = QTimer(self, singleShot=True, interval=0)
        self._follow_later.timeout.connect(self._run_follow)
        top = self._build_filters(model, placeholder)
        self._build_table(model)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        if self.filter_combos:  # on as many rows as the pane's width needs
            lay.addWidget(flow_bar(self, list(self.filter_combos.values()), name="filterBar"))
        lay.addWidget(self.table)
        self._update_count()

    def _build_filters(self, model: IdListModel, placeholder: str | None) -> QHBoxLayout:
        """The quick filter and the count (the returned row), and a widget per column filter."""
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(placeholder or tr("筛选:名称、编号或拼音首字母…"))
        self.filter_edit.setObjectName("quickFilter")
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._apply_text)
        self.filter_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.filter_edit.returnPressed.connect(self._apply_text)

        # the quick filter and the count on one row, the column filters below:
        # side by side they squeezed one another to "Fil…" in English
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        self.filter_combos: dict[str, QComboBox] = {}
        for spec in model.FILTERS:
            self.filter_combos[spec.key] = self._filter_widget(spec)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        top.addWidget(self.count_label)
        return top

    def _filter_widget(self, spec) -> QComboBox:
        if hasattr(spec, "search"):  # too many values for a list: a combo to type into
            return self._search_combo(spec)
        if hasattr(spec, "make_widget"):  # its own widget (gui/orders/list_filters.py)
            combo = spec.make_widget(self)
            combo.sig_value_changed.connect(lambda value, k=spec.key: self.model.set_filter(k, value))
            return combo
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "状态:全部" shown whole
        combo.setObjectName(f"filter_{spec.key}")
        label = ftr(spec.label)
        combo.addItem(tr("%1:%2").replace("%1", label).replace("%2", tr("全部")), None)
        for value, text in spec.options():
            combo.addItem(tr("%1:%2").replace("%1", label).replace("%2", text), value)
        combo.currentIndexChanged.connect(lambda _i, k=spec.key, c=combo: self._apply_combo(k, c))
        return combo

    def _build_table(self, model: IdListModel) -> None:
        """The table, its header (restored, saved when changed) and what follows the current row."""
        self.table = ListTable(self)
        self.table.setModel(model)
        self.table.setSortingEnabled(False)
        for col, width in model.WIDTHS.items():
            self.table.setColumnWidth(int(col), width)
        fit_headers(self.table)
        self._restore_header()
        col, order = model.sort_column()
        self.table.horizontalHeader().setSortIndicator(col, order)
        self.table.setSortingEnabled(True)  # header click → model.sort → new SQL ORDER BY
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._save_header_soon())
        self.table.horizontalHeader().sectionMoved.connect(lambda *_: self._save_header_soon())
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self._save_header_soon())
        self.table.activated.connect(self._on_double_click)  # a double-click or Enter (once, not twice)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.reloaded.connect(self._after_reload)
        self._save_timer = QTimer(self, singleShot=True, interval=400)
        self._save_timer.timeout.connect(self.save_header)

    def _search_combo(self, spec) -> QComboBox:
        from .search_combo import SearchCombo

        combo = SearchCombo(self, search=spec.search, lookup=getattr(spec, "lookup", None), browse=spec.browse,
                            placeholder=tr("%1:%2").replace("%1", ftr(spec.label)).replace("%2", tr("全部")))
        combo.setObjectName(f"filter_{spec.key}")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)  # "客户:全部" and a client's name, not "客户:…"
        combo.setToolTip(tr("输入名称、编号或拼音首字母筛选;清空即全部"))
        combo.picked.connect(lambda id_, k=spec.key: self.model.set_filter(k, id_))
        return combo

    # ------------------------------------------------------------ filtering
    def _apply_text(self) -> None:
        self._debounce.stop()
        self.model.set_quick_filter(self.filter_edit.text())

    def _apply_combo(self, key: str, combo: QComboBox) -> None:
        self.model.set_filter(key, combo.currentData())

    def set_quick_filter(self, text: str) -> None:
        """Type ``text`` into the filter box and apply it now."""
        self.filter_edit.setText(text)
        self._apply_text()

    def set_filter_value(self, key: str, value) -> None:
        combo = self.filter_combos[key]
        if hasattr(combo, "set_current"):  # SearchCombo
            combo.set_current(value)
            self.model.set_filter(key, value)
            return
        i = combo.findData(value)
        combo.setCurrentIndex(max(i, 0))

    # ------------------------------------------------------------ selection
    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        return self.model.id_at(idx.row()) if idx.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.id_at(r) for r in rows]
        if not ids and self.current_id() is not None:
            ids = [self.current_id()]
        return [i for i in ids if i is not None]

    def select_id(self, id_: int) -> bool:
        """Make record ``id_`` current (clearing filters if it is filtered out)."""
        row = self.model.row_of(id_)
        if row < 0 and (self.model.quick_text or self.model.filters):
            self.filter_edit.blockSignals(True)
            self.filter_edit.clear()
            self.filter_edit.blockSignals(False)
            for combo in self.filter_combos.values():
                if hasattr(combo, "reset_filter"):
                    combo.reset_filter()
                    continue
                combo.blockSignals(True)
                if hasattr(combo, "set_current"):
                    combo.set_current(None)
                else:
                    combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.model.quick_text = ""
            self.model.filters.clear()
            self.model.refresh()
            row = self.model.row_of(id_)
        if row < 0:
            return False
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        return True

    def refresh(self) -> None:
        self.model.refresh()

    def after_list(self, fn: Callable[[], object]) -> None:
        """Run ``fn`` (the tab's detail read again) on the next turn of the event
        loop: the list reloaded is painted first, the detail (20-40 ms of reads)
        follows. Hidden before then, the pane runs it when shown again."""
        self._follow = fn
        self._follow_later.start()

    def _run_follow(self) -> None:
        fn, self._follow = self._follow, None
        if fn is not None:
            fn()

    def _remember_current(self) -> None:
        current = self.current_id()
        if current is not None:  # else keep one still waiting for the whole list
            self._restoring_id = current

    def _after_reload(self) -> None:
        self._update_count()
        if self._restoring_id is not None:
            # the first page may not hold it: wait for the whole list (the next reloaded)
            row = self.model.row_of(self._restoring_id, wait=False)
            if row >= 0:
                idx = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            elif self.model.is_complete():
                self._announce(None)
            if row >= 0 or self.model.is_complete():
                self._restoring_id = None

    def _update_count(self) -> None:
        n = f"{self.model.rowCount():,}"
        text = tr("共 %1 条") if self.model.is_complete() else tr("已显示 %1 条,正在统计…")
        self.count_label.setText(text.replace("%1", n))

    def _on_double_click(self, index) -> None:
        if self._announce_later.isActive():  # Enter right after an arrow: the detail first
            self._announce(self._pending)
        if index.isValid():
            self.activated.emit(index.data(ID_ROLE))

    def _on_current(self, current, _previous) -> None:
        if current.isValid():
            self._restoring_id = None  # a row chosen (by the user or the restore): nothing left to restore
        id_ = self.model.id_at(current.row()) if current.isValid() else None
        if self.table.navigating:
            # Moved by the keyboard (an arrow held down, Ctrl+End): the detail
            # follows on the next turn of the event loop, after the list is
            # painted and the keys waiting are handled, for the row the cursor
            # stopped on; read for every row passed, it lagged the keys (a
            # client's detail is 25 queries, 20-40 ms at 100k).
            self._pending = id_
            self._announce_later.start()
        else:
            self._announce(id_)

    def _announce(self, id_: int | None) -> None:
        self._announce_later.stop()  # said now: a later one waiting is outdated
        # A reload (filter, sort, F5) resets the view's current row without a
        # signal and the restore sets it again: the same record, whose detail is
        # shown already. Reloading it there cost 25 queries per filter; a tab
        # reloads its detail itself when the data changed (its refresh).
        if id_ != self._announced:
            self._announced = id_
            self.current_changed.emit(id_)

    # ---------------------------------------------------------- persistence
    def _save_header_soon(self) -> None:
        self._save_timer.start()

    def save_header(self) -> None:
        ui_settings().setValue(self._settings_key, self.table.horizontalHeader().saveState())

    def _restore_header(self) -> None:
        state = ui_settings().value(self._settings_key)
        if state is not None:
            header = self.table.horizontalHeader()
            header.restoreState(state)
            col = header.sortIndicatorSection()
            if 0 <= col < self.model.columnCount():
                self.model._sort_col, self.model._sort_order = col, header.sortIndicatorOrder()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.current_id() != self._announced:  # a key's row not followed before the pane was hidden
            self._announce(self.current_id())
        self._run_follow()

    def hideEvent(self, event) -> None:  # noqa: N802
        # hidden (another tab, the database closing): no read for a row out of
        # sight, least of all in a dialog's loop while the file is reopened
        self._announce_later.stop()
        self._follow_later.stop()
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_header()
        super().hideEvent(event)
