"""What a merchandiser does with the workbench's items: open, done, put off.

* 打开 (Enter, double-click): the record the item names.
* 完成 (Ctrl+D): a follow-up's reminder is completed; anything else leaves the
  list for today (core/work_items.complete).
* 推迟 (Ctrl+L): a menu of days (tomorrow, the day after, next Monday, in a
  week) or a date picked in a small form (ui/snooze_form.ui).

The chosen items leave the list at once and the selection moves to the next
one; the write runs off the GUI thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

# kit.tab_kit and kit.date_edit (forms, list views, .ui loading) load when an
# item is first completed or put off, not with the workbench at start-up


def tr(text: str) -> str:
    return QCoreApplication.translate("WorkActions", text)


def snooze_choices(today: dt.date) -> list[tuple[str, dt.date]]:
    monday = today + dt.timedelta(days=7 - today.weekday())
    return [(tr("明天"), today + dt.timedelta(days=1)), (tr("后天"), today + dt.timedelta(days=2)),
            (tr("下周一"), monday), (tr("一周后"), today + dt.timedelta(days=7))]


class WorkActions(QWidget):
    """The bar under the workbench tree, and the same actions on its keys and context menu."""

    sig_done = Signal(object)  # the items taken off the list, once their write has succeeded

    def __init__(self, tab):
        super().__init__(tab)
        self.setObjectName("workActions")
        self.tab = tab
        self.dialog = None
        self.open_button = QPushButton(tr("打开 (Enter)"), self)
        self.open_button.setObjectName("openItem")
        self.done_button = QPushButton(tr("完成 (Ctrl+D)"), self)
        self.done_button.setObjectName("doneItem")
        self.done_button.setToolTip(tr("跟进:标记为已跟进;其他事项:今天不再显示,明天如仍未处理会再出现"))
        self.snooze_button = QToolButton(self)
        self.snooze_button.setObjectName("snoozeItem")
        self.snooze_button.setText(tr("推迟 (Ctrl+L)"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_menu.setObjectName("snoozeMenu")
        self.snooze_button.setMenu(self.snooze_menu)
        self.snooze_menu.aboutToShow.connect(self._fill_menu)
        hint = QLabel(tr("选中事项后:Enter 打开,Ctrl+D 完成,Ctrl+L 推迟;按住 Ctrl 可多选"), self)
        hint.setObjectName("workHint")
        hint.setStyleSheet("color: #757575;")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (self.open_button, self.done_button, self.snooze_button):
            lay.addWidget(w)
        lay.addWidget(hint, 1)
        self.open_button.clicked.connect(self.open_current)
        self.done_button.clicked.connect(self.done)
        tree = tab.tree
        for keys, slot in ((QKeySequence("Ctrl+D"), self.done), (QKeySequence("Ctrl+L"), self.show_snooze_menu)):
            act = QAction(self)
            act.setShortcut(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            tab.addAction(act)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._context_menu)
        tree.itemSelectionChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        has = bool(self.tab.selected_items())
        for w in (self.open_button, self.done_button, self.snooze_button):
            w.setEnabled(has)

    # -------------------------------------------------------------- open
    def open_current(self) -> None:
        item = self.tab.tree.currentItem()
        if item is not None:
            self.tab._activate(item)

    # -------------------------------------------------------------- done
    def done(self) -> None:
        from ...core.work_items import complete

        items = self.tab.selected_items()
        if not items:
            return
        today = self.tab.today
        kinds = {"workitem"} | ({"followup"} if any(i.completes for i in items) else set())
        self.tab.take_items({i.key for i in items}, snoozed=False)

        def job():
            return [complete(i, today=today) for i in items]

        from ..kit.tab_kit import run_change

        run_change(self, job, kinds, lambda _r: self.sig_done.emit(items))

    # ------------------------------------------------------------ snooze
    def _fill_menu(self) -> None:
        self.snooze_menu.clear()
        for label, day in snooze_choices(self.tab.today):
            act = self.snooze_menu.addAction(f"{label}  ({day.isoformat()})")
            act.setData(day)
            act.triggered.connect(lambda _c=False, d=day: self.snooze(d))
        self.snooze_menu.addSeparator()
        self.snooze_menu.addAction(tr("选择日期…")).triggered.connect(self.pick_date)

    def show_snooze_menu(self) -> None:
        if self.tab.selected_items():
            self._fill_menu()
            rect = self.tab.tree.visualItemRect(self.tab.tree.currentItem()) if self.tab.tree.currentItem() else None
            at = self.tab.tree.viewport().mapToGlobal(rect.bottomLeft()) if rect else self.snooze_button.mapToGlobal(
                self.snooze_button.rect().bottomLeft())
            self.snooze_menu.popup(at)

    def snooze(self, until: dt.date) -> None:
        from ...core.work_items import snooze
        from ..kit.tab_kit import run_change

        items = self.tab.selected_items()
        if not items:
            return
        keys = [i.key for i in items]
        today = self.tab.today
        self.tab.take_items(set(keys), snoozed=True)
        run_change(self, lambda: snooze(keys, until, today=today), {"workitem"}, lambda _n: self.sig_done.emit(items))

    def pick_date(self) -> None:
        """推迟到某一天: a date form; a date not after today is refused under the field."""
        from ...core.work_items import snooze
        from ..kit.date_edit import DateEdit
        from ..kit.tab_kit import FormDialog, open_dialog

        items = self.tab.selected_items()
        if not items:
            return
        keys = [i.key for i in items]
        today = self.tab.today

        def make(dlg):
            until = dlg.value("until")
            return lambda: snooze(keys, until, today=today)

        dlg = FormDialog(self, "snooze_form.ui", tr("推迟到"), make, {"workitem"}, ok_text=tr("推迟"))
        dlg.field("prompt", QLabel).setText(tr("推迟 %1 项:").replace("%1", str(len(items))) + "\n"
                                    + "\n".join(i.text for i in items[:5]))
        week = today + dt.timedelta(days=7)
        dlg.field("until", DateEdit).setDate(QDate(week.year, week.month, week.day))

        def snoozed(_n) -> None:
            self.tab.take_items(set(keys), snoozed=True)
            self.sig_done.emit(items)

        open_dialog(self, dlg, snoozed)

    def _context_menu(self, pos) -> None:
        item = self.tab.tree.itemAt(pos)
        if item is None or not self.tab.selected_items():
            return
        menu = QMenu(self)
        menu.setObjectName("workItemMenu")
        menu.addAction(tr("打开")).triggered.connect(self.open_current)
        menu.addAction(tr("完成")).triggered.connect(self.done)
        sub = menu.addMenu(tr("推迟到"))
        for label, day in snooze_choices(self.tab.today):
            sub.addAction(f"{label}  ({day.isoformat()})").triggered.connect(lambda _c=False, d=day: self.snooze(d))
        sub.addAction(tr("选择日期…")).triggered.connect(self.pick_date)
        menu.popup(self.tab.tree.viewport().mapToGlobal(pos))
