"""工作台: what needs doing now, and the week ahead day by day (core/workbench.py).

The sections are gathered in one worker, cheapest first, and each is shown as
soon as it is ready, at its place in the tree: a bold line with its count
(collapsible), the items below it, ranked by urgency and value. An item is
opened with Enter or a double-click (``window.open_requested``), completed
with Ctrl+D and put off with Ctrl+L (gui/workbench/work_actions.py); both take it off
the list at once. "只看我的" keeps the items of the merchandiser named in the
settings (and those nobody is named for). A new, empty database shows the way
in instead (gui/workbench/welcome_panel.py).
"""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...core.workbench_sections import NOW_KEYS, day_key, display_order
from ..kit.operations import Cancelled, QueryOp, changes
from ..kit.tab_base import BaseTab
from ..kit.uistate import ui_settings

MAX_SHOWN = 200  # per section; the count says how many there are in all
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3
GREY = "#757575"
EXPANDED_AT_FIRST = {"followups_overdue", "followups_due", day_key(0), day_key(1)}


def tr(text: str) -> str:
    return QCoreApplication.translate("Workbench", text)


SECTION_TITLES = {
    "followups_overdue": "逾期未跟进",
    "followups_due": "今日待跟进",
    "orders_at_risk": "交期风险订单",
    "late_steps": "延误工序",
    "late_purchases": "逾期未到物料",
    "exceptions": "未解决的生产异常",
    "receivables": "逾期应收款",
    "complaints": "待处理客诉",
    "recalls": "待收回的作废单据",
}


def _child(parent: QTreeWidgetItem, k: int) -> QTreeWidgetItem:
    item = parent.child(k)
    if item is None:  # 0 <= k < childCount(): always one
        raise IndexError(k)
    return item


def section_title(key: str, day: dt.date | None, today: dt.date) -> str:
    if key in SECTION_TITLES:
        return tr(SECTION_TITLES[key])
    if day is None:
        raise ValueError(f"section {key!r} names no day")
    when = QLocale().toString(QDate(day.year, day.month, day.day), tr("M月d日 dddd"))
    n = (day - today).days
    if n == 0:
        return tr("今天 %1:交货、工序、报价、收款").replace("%1", when)
    return tr("明天 %1").replace("%1", when) if n == 1 else when


def _d(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


class _Relay(QObject):
    """Lives in the GUI thread: a section emitted from the worker is queued to it."""

    arrived = Signal(int, object, object)  # generation, Section, Event set once shown


class WorkbenchTab(BaseTab):
    section_shown = Signal(str)  # sig: a section's key, once it is in the tree
    loaded = Signal()  # sig: every section of a refresh is in (the heading has its counts)

    WATCH = frozenset({"*", "client", "followup", "order", "quotation", "flow_card", "progress", "exception",
                       "complaint", "shipment", "payment", "recall", "production_sheet", "settings", "workitem"})

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("workbenchTab")
        self.sections = []  # those shown so far, in display order
        self.loading = False
        self.me = ""
        self.today = dt.date.today()
        self._gen = 0
        # The relay is not the tab's child: a worker emitting on a relay deleted with
        # its tab crashed the process (the window drops its tabs when it reopens the
        # database). It lives with the application; once the tab is gone the worker
        # sees ``_gone`` and stops the gathering at the next section.
        self._relay = _Relay(changes())
        self._relay.arrived.connect(self._arrive)
        self._gone = gone = threading.Event()
        self.destroyed.connect(lambda *_a: gone.set())
        self._again = False
        self._op = None
        self._select_key: str | None = None
        self._build()
        self._days = self.due_days.value()  # of the gathering shown (the spin box may have moved on)

    def _build(self) -> None:
        from .welcome_panel import WelcomePanel
        from .work_actions import WorkActions

        self.heading = QLabel(self)
        self.heading.setObjectName("workbenchHeading")
        self.heading.setWordWrap(True)
        self.only_mine = QCheckBox(tr("只看我的"), self)
        self.only_mine.setObjectName("onlyMine")
        self.only_mine.setToolTip(tr("只显示设置中填写的跟单员负责的事项(以及没有指定跟单员的)"))
        self.only_mine.setChecked(bool(ui_settings().value("workbench/only_mine", False, type=bool)))
        self.only_mine.toggled.connect(self._only_mine_changed)
        self.due_days = QSpinBox(self)
        self.due_days.setObjectName("dueDays")
        self.due_days.setRange(1, 31)
        self.due_days.setValue(self._saved_days())
        self.due_days.setPrefix(tr("未来 "))
        self.due_days.setSuffix(tr(" 天"))
        self.due_days.valueChanged.connect(self._days_changed)
        refresh = QPushButton(tr("刷新 (F5)"), self)
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.only_mine)
        top.addWidget(self.due_days)
        top.addWidget(refresh)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("workbenchTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([tr("事项"), tr("日期"), tr("金额")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.resizeSection(1, 100)
        header.resizeSection(2, 110)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemDoubleClicked.connect(self._activate)
        self.welcome = WelcomePanel(self)
        self.welcome.hide()
        self.actions_bar = WorkActions(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(top)
        lay.addWidget(self.welcome)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.actions_bar)

    def _saved_days(self) -> int:
        try:
            from ...core.common import get_setting

            return max(1, min(31, int(get_setting("workbench_due_days", "7") or 7)))
        except Exception:  # noqa: BLE001 - a setting typed wrong: the default week
            return 7

    def _days_changed(self, value: int) -> None:
        from ...core.common import set_setting

        set_setting("workbench_due_days", str(value))
        self.refresh()

    def _only_mine_changed(self, on: bool) -> None:
        ui_settings().setValue("workbench/only_mine", on)
        for s in list(self.sections):
            self._put(s)
        self._show_totals()

    # ------------------------------------------------------------ loading
    def refresh(self) -> None:
        if self.loading:  # one gathering at a time; run once more when it ends
            self._again = True
            return
        today = dt.date.today()
        days = self.due_days.value()
        self.loading = True
        self._again = False
        self._gen += 1
        gen, relay, gone = self._gen, self._relay, self._gone
        self.heading.setText(tr("正在载入今天和未来几天的待办…"))

        def each(section) -> None:  # in the worker: queued to the GUI thread
            if gone.is_set():  # nobody left to show it to: stop reading the database
                raise Cancelled()
            shown = threading.Event()
            relay.arrived.emit(gen, section, shown)
            # let the GUI thread build the branch before the next query (a GIL
            # hand-off costs it up to 5 ms while the worker runs Python); bounded
            shown.wait(0.5)

        def job():
            from ...core.common import current_user
            from ...core.first_start import needs_first_start
            from ...core.workbench import gather_each

            me = current_user()
            return gather_each(today, days, each), me, needs_first_start()

        self.today, self._days = today, days
        self._op = QueryOp(self, job, success=self._show)
        self._op.finally_(self._loaded).run_in_background()

    def _loaded(self) -> None:
        self.loading = False
        if self._again:
            self.refresh()

    def _arrive(self, gen: int, section, shown: threading.Event) -> None:
        """One section is ready: put it in its place in the tree at once."""
        try:
            if gen == self._gen:
                self._put(section)
        finally:
            shown.set()
        if gen == self._gen:
            self.section_shown.emit(section.key)

    def _show(self, result) -> None:
        """All sections are in (each was already shown as it arrived): the totals."""
        sections, self.me, new_database = result
        order = display_order(self._days)
        for s in sections:  # a section whose signal was lost on the way is still shown
            if s not in self.sections:
                self._put(s)
        keep = {s.key for s in sections}
        for i in reversed(range(self.tree.topLevelItemCount())):
            if self._top(i).data(0, Qt.ItemDataRole.UserRole) not in keep:
                self.tree.takeTopLevelItem(i)
        self.sections = sorted([s for s in self.sections if s.key in keep], key=lambda s: order.index(s.key)
                               if s.key in order else len(order))
        for s in self.sections:  # "mine" needs the name read in the worker
            self._put(s)
        self.welcome.setVisible(new_database)
        self._show_totals()
        self._restore_selection()
        self.loaded.emit()

    def visible_items(self, section) -> list:
        if not self.only_mine.isChecked():
            return section.items
        return [i for i in section.items if i.owner in (self.me, "")]

    def _show_totals(self) -> None:
        now = sum(
            len(self.visible_items(s)) for s in self.sections if not s.key.startswith("day:") or s.day == self.today
        )
        ahead = sum(
            len(self.visible_items(s)) for s in self.sections if s.key.startswith("day:") and s.day != self.today
        )
        snoozed = sum(s.snoozed for s in self.sections)
        when = QLocale().toString(QDate(self.today.year, self.today.month, self.today.day), tr("M月d日 dddd"))
        text = tr("%1 · 今天有 %2 件事要处理 · 未来 %3 天 %4 件").replace("%1", when).replace("%2", str(now)) \
            .replace("%3", str(self._days)).replace("%4", str(ahead))
        if snoozed:
            text += tr(" · 已推迟 %1 件").replace("%1", str(snoozed))
        self.heading.setText(text)

    # --------------------------------------------------------------- tree
    def _top(self, i: int) -> QTreeWidgetItem:
        item = self.tree.topLevelItem(i)
        if item is None:  # 0 <= i < topLevelItemCount(): always one
            raise IndexError(i)
        return item

    def _head_item(self, key: str) -> tuple[int, QTreeWidgetItem | None]:
        for i in range(self.tree.topLevelItemCount()):
            if self._top(i).data(0, Qt.ItemDataRole.UserRole) == key:
                return i, self._top(i)
        return -1, None

    def _put(self, s) -> None:
        """Show (or replace) the section's branch at its display position."""
        from ..kit.record_text import recall_reason_text  # with the first section that has a recall

        old_index, old = self._head_item(s.key)
        was_expanded = old is not None and old.isExpanded()
        was_empty = old is not None and old.childCount() == 0
        items = self.visible_items(s)
        n = len(items)
        bold = QFont()
        bold.setBold(True)
        count = f"{min(n, MAX_SHOWN)}{'+' if n > MAX_SHOWN or s.more else ''}"  # more than were read
        title = f"{section_title(s.key, s.day, self.today)}  ({count})"
        if s.snoozed:
            title += tr(" · 已推迟 %1").replace("%1", str(s.snoozed))
        head = QTreeWidgetItem([title, _d(s.day) if s.day else "", ""])
        head.setData(0, Qt.ItemDataRole.UserRole, s.key)
        head.setFont(0, bold)
        head.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if s.error:
            err = QTreeWidgetItem([tr("无法载入:%1").replace("%1", s.error), "", ""])
            err.setForeground(0, QBrush(QColor("#c62828")))
            head.addChild(err)
        for e in items[:MAX_SHOWN]:
            text = f"{e.text} · {recall_reason_text(e.note)[:40]}" if e.note else e.text
            item = QTreeWidgetItem([text, _d(e.when), f"{e.value:,.0f}" if e.value else ""])
            item.setData(0, KIND_ROLE, e.kind)
            item.setData(0, ID_ROLE, e.id)
            item.setData(0, ITEM_ROLE, e)
            item.setToolTip(0, text)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if e.colour:
                item.setForeground(1, QBrush(QColor(e.colour)))
            head.addChild(item)
        if not n and not s.error:
            head.setForeground(0, QBrush(QColor(GREY)))
        if old is not None:
            self.tree.takeTopLevelItem(old_index)
            self.tree.insertTopLevelItem(old_index, head)
        else:
            order = display_order(self._days)

            def rank(key: str) -> int:  # a day of an earlier, longer gathering sorts last until dropped
                return order.index(key) if key in order else len(order)

            at = sum(1 for i in range(self.tree.topLevelItemCount())
                     if rank(self._top(i).data(0, Qt.ItemDataRole.UserRole)) < rank(s.key))
            self.tree.insertTopLevelItem(at, head)
        # keep what the user opened or folded; at first open the pressing ones
        first = s.key in EXPANDED_AT_FIRST or s.key in NOW_KEYS[:2]
        head.setExpanded(bool(n) and (was_expanded or (old is None and first) or (was_empty and first)))
        self.sections = [x for x in self.sections if x.key != s.key] + [s]

    def entries(self, key: str) -> list:
        for s in self.sections:
            if s.key == key:
                return self.visible_items(s)
        return []

    def selected_items(self) -> list:
        return [i.data(0, ITEM_ROLE) for i in self.tree.selectedItems() if i.data(0, ITEM_ROLE) is not None]

    def take_items(self, keys: set[str], *, snoozed: bool = True) -> None:
        """Take items off the list at once (done, put off) and select the next one."""
        nxt = None
        current = self.tree.currentItem()
        parent = current.parent() if current is not None else None
        if current is not None and parent is not None:
            for k in range(parent.indexOfChild(current) + 1, parent.childCount()):
                item = _child(parent, k).data(0, ITEM_ROLE)
                if item is not None and item.key not in keys:
                    nxt = item.key
                    break
        for s in self.sections:
            left = [i for i in s.items if i.key not in keys]
            if len(left) != len(s.items):
                if snoozed:
                    s.snoozed += len(s.items) - len(left)
                s.items = left
                self._put(s)
        self._select_key = nxt
        self._restore_selection()
        self._show_totals()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)  # back from the menu or the dialog: the next item at hand

    def _restore_selection(self) -> None:
        if not self._select_key:
            return
        for i in range(self.tree.topLevelItemCount()):
            head = self._top(i)
            for k in range(head.childCount()):
                item = _child(head, k).data(0, ITEM_ROLE)
                if item is not None and item.key == self._select_key:
                    head.setExpanded(True)
                    self.tree.setCurrentItem(_child(head, k))
                    return

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind = item.data(0, KIND_ROLE)
        id_ = item.data(0, ID_ROLE)
        if kind and id_ is not None:
            self.main_window.open_requested.emit(kind, int(id_))


def create_tab(window):
    return WorkbenchTab(window)
