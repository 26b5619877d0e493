"""The main window: tabs, menus, toolbar, shortcuts, status bar.

Tabs plug in through ``TAB_SPECS`` (see tab_base.py and
gui/README.md). Anything that wants a record shown emits
``window.open_requested(kind, id)``; the window routes it to the tab whose spec
lists that kind.
"""

from __future__ import annotations

import contextlib
import functools
import importlib

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QToolBar, QWidget

from .global_search import GlobalSearchBox
from .kit.db_trouble import watch_reads
from .kit.operations import changes
from .kit.tab_base import BaseTab, PlaceholderTab, TabSpec
from .kit.uistate import ui_settings
from .opening import reopen_database
from .tools_menu import add_actions as add_tools_actions


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def tab_title(spec: TabSpec) -> str:
    return QCoreApplication.translate("tabs", spec.title)


TAB_SPECS: list[TabSpec] = [
    TabSpec("workbench", "工作台", "gendan_desktop.gui.workbench.workbench_tab", frozenset(), 0),
    TabSpec("clients", "客户档案", "gendan_desktop.gui.clients.clients_tab",
            frozenset({"client", "contact", "followup", "visit", "dispatch", "sample", "receivable"}), 10),
    TabSpec("orders", "订单", "gendan_desktop.gui.orders.orders_tab",
            frozenset({"order", "quotation", "pi", "shipment", "payment", "revision"}), 20),
    TabSpec("production", "生产跟踪", "gendan_desktop.gui.production.production_tab",
            frozenset({"production_sheet", "flow_card", "flow_card_step", "exception", "recall",
                       "material", "purchase"}), 30),
    TabSpec("aftersales", "售后", "gendan_desktop.gui.aftersales.aftersales_tab", frozenset({"complaint"}), 40),
]


class MainWindow(QMainWindow):
    open_requested = Signal(str, int)  # (kind, id): show that record
    language_changed = Signal(str)

    def __init__(self, db_url: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.db_url = db_url
        self.specs = list(TAB_SPECS)
        self.tabs_by_key: dict[str, BaseTab] = {}
        self.tab_widget = QTabWidget(self)
        self.tab_widget.setObjectName("mainTabs")
        self.tab_widget.setDocumentMode(True)
        self.setCentralWidget(self.tab_widget)
        self.search_box = GlobalSearchBox(self)
        self.search_box.open_requested.connect(self.open_record)
        self.open_requested.connect(self.open_record)
        self.db_label = QLabel(self)
        self.db_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.db_label)
        self.tab_widget.currentChanged.connect(self._on_tab_changed)
        changes().changed.connect(self._on_data_changed)
        # a failed read: one message, the offer to reopen
        watch_reads(self, lambda: reopen_database(self, quick_check=True))
        self.build_ui()
        self._restore_geometry()

    # ---------------------------------------------------------------- build
    def build_ui(self) -> None:
        """(Re)create menus, toolbar and tabs in the current language."""
        self.setWindowTitle(tr("跟单桌面"))
        self.search_box.retranslate()
        current_key = self.current_key()
        self.menuBar().clear()
        for action in getattr(self, "_actions", {}).values():
            self.removeAction(action)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.clear_tabs()
        self.tab_widget.blockSignals(True)
        for spec in self.specs:
            holder = QWidget()
            holder.setObjectName(f"tab_{spec.key}")
            holder.setProperty("tab_key", spec.key)
            self.tab_widget.addTab(holder, tab_title(spec))
        self.tab_widget.blockSignals(False)
        self.db_label.setText(tr("数据库:%1").replace("%1", self._describe_db()))
        key = current_key or self.specs[0].key
        if self._painted_once():
            self.show_tab(key)
        else:  # made current; its data is read after the first paint (paintEvent)
            self.tab_widget.setCurrentIndex(self._index_of(self.tab(key).property("tab_key")))

    def clear_tabs(self) -> None:
        """Drop every tab's widget: nothing reads the database while it is
        closed and reopened (build_ui makes them again)."""
        self.tab_widget.blockSignals(True)
        while self.tab_widget.count():
            w = self._page(0)
            self.tab_widget.removeTab(0)
            w.hide()
            w.deleteLater()
        self.tabs_by_key.clear()
        self.tab_widget.blockSignals(False)

    def _describe_db(self) -> str:
        if not self.db_url:
            return ""
        from ..core.db import describe

        return describe(self.db_url)

    def _action(self, key: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        act.setObjectName(f"action_{key}")
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        act.setToolTip(tip or text)
        act.triggered.connect(slot)
        self.addAction(act)  # shortcuts work with the menus hidden too
        self._actions[key] = act
        return act

    def _build_actions(self) -> None:
        self._actions: dict[str, QAction] = {}
        a = self._action
        a("new", tr("新建(&N)"), self.new_record, QKeySequence.StandardKey.New)
        a("save", tr("保存(&S)"), self.save, QKeySequence.StandardKey.Save)
        a("delete", tr("删除(&D)"), self.delete_selected, QKeySequence.StandardKey.Delete)
        a("search", tr("全局搜索(&F)"), self.focus_search, ["Ctrl+F", "Ctrl+K"])
        a("refresh", tr("刷新(&R)"), self.refresh_current, QKeySequence.StandardKey.Refresh)
        a("settings", tr("设置(&T)…"), self.open_settings, "Ctrl+,")
        a("backup", tr("立即备份(&B)…"), self.backup_now)
        a("restore", tr("从备份恢复…"), self.restore_backup)
        a("quit", tr("退出(&X)"), self.close, QKeySequence.StandardKey.Quit)
        a("about", tr("关于跟单桌面(&A)…"), self.about)
        for i, spec in enumerate(self.specs[:9]):
            a(f"tab_{spec.key}", tab_title(spec), lambda _c=False, k=spec.key: self.show_tab(k), f"Ctrl+{i + 1}")

    def _build_menus(self) -> None:
        mb = self.menuBar()
        acts = self._actions
        m = mb.addMenu(tr("文件(&F)"))
        m.addActions([acts["new"], acts["save"]])
        m.addSeparator()
        m.addActions([acts["backup"], acts["restore"]])
        m.addSeparator()
        m.addAction(acts["settings"])
        m.addSeparator()
        m.addAction(acts["quit"])
        m = mb.addMenu(tr("编辑(&E)"))
        m.addActions([acts["delete"], acts["search"]])
        m = mb.addMenu(tr("查看(&V)"))
        m.addAction(acts["refresh"])
        m.addSeparator()
        m.addActions([acts[f"tab_{s.key}"] for s in self.specs[:9]])
        self.tools_menu = mb.addMenu(tr("工具(&T)"))  # Excel / printing engineers add their actions here
        self.tools_menu.setObjectName("toolsMenu")
        add_tools_actions(self, self.tools_menu)  # their work loads when an entry is chosen
        m = mb.addMenu(tr("帮助(&H)"))
        m.addAction(acts["about"])

    def _build_toolbar(self) -> None:
        """The toolbar is made once and keeps the search box: deleting it on a
        language switch deleted the box, and Ctrl+K then crashed."""
        tb = getattr(self, "toolbar", None)
        if tb is None:
            tb = QToolBar(self)
            tb.setObjectName("mainToolbar")
            tb.setMovable(False)
            tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self._separator = tb.addSeparator()
            self._search_action = tb.addWidget(self.search_box)
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
            self.toolbar = tb
        tb.setWindowTitle(tr("工具栏"))
        for action in tb.actions():
            if action not in (self._separator, self._search_action):
                tb.removeAction(action)  # the previous language's actions
        acts = self._actions
        tb.insertActions(self._separator, [acts["new"], acts["save"], acts["delete"], acts["refresh"]])

    def action(self, key: str) -> QAction:
        return self._actions[key]

    # ----------------------------------------------------------------- tabs
    def spec(self, key: str) -> TabSpec:
        return next(s for s in self.specs if s.key == key)

    def current_key(self) -> str | None:
        w = self.tab_widget.currentWidget()
        return w.property("tab_key") if w is not None else None

    def current_tab(self) -> BaseTab | None:
        key = self.current_key()
        return self.tab(key) if key else None

    def tab(self, key: str) -> BaseTab:
        """The tab widget for ``key``, created on first use."""
        known = self.tabs_by_key.get(key)
        if known is not None:
            return known
        spec = self.spec(key)
        tab: BaseTab
        try:
            module = importlib.import_module(spec.module)
        except ModuleNotFoundError as exc:
            if exc.name != spec.module:
                raise
            tab = PlaceholderTab(self, tab_title(spec))
        else:
            tab = module.create_tab(self)
        tab.setProperty("tab_key", key)
        self.tabs_by_key[key] = tab
        index = self._index_of(key)
        holder = self._page(index)
        if holder is not tab:
            self.tab_widget.blockSignals(True)
            current = self.tab_widget.currentIndex()
            self.tab_widget.removeTab(index)
            self.tab_widget.insertTab(index, tab, tab_title(spec))
            self.tab_widget.setCurrentIndex(current)
            self.tab_widget.blockSignals(False)
            holder.deleteLater()
        return tab

    def prebuild_tabs_later(self, delay_ms: int = 400) -> None:
        """Create the hidden tabs' widgets once the window is up, one per event-loop
        turn, so that opening a tab the first time is only its data query. They
        stay stale and load their data when first shown; the id query of their
        list runs ahead in the next turn (IdListModel.prefetch), so that showing
        them reuses its result unless the database changed meanwhile."""
        pending = [s.key for s in self.specs if s.key not in self.tabs_by_key]

        def next_one():
            while pending:
                key = pending.pop(0)
                if key not in self.tabs_by_key:
                    QTimer.singleShot(0, functools.partial(prefetch, self.tab(key)))
                    break
            if pending:
                QTimer.singleShot(0, next_one)

        def prefetch(tab):
            # the list's id query, into the model's validated cache: the model
            # itself stays empty and stale until the tab is first shown
            model = getattr(getattr(tab, "pane", None), "model", None)
            if tab.stale and hasattr(model, "prefetch"):
                # only a head start: the tab queries again when shown
                with contextlib.suppress(Exception):
                    model.prefetch()

        QTimer.singleShot(delay_ms, next_one)

    def _page(self, index: int) -> QWidget:
        """The widget of tab ``index`` (0 <= index < count: always one)."""
        w = self.tab_widget.widget(index)
        if w is None:
            raise IndexError(index)
        return w

    def _index_of(self, key: str) -> int:
        for i in range(self.tab_widget.count()):
            if self._page(i).property("tab_key") == key:
                return i
        raise KeyError(key)

    def show_tab(self, key: str) -> BaseTab:
        tab = self.tab(key)
        index = self._index_of(key)
        if self.tab_widget.currentIndex() != index:
            self.tab_widget.setCurrentIndex(index)  # → _on_tab_changed refreshes if stale
        elif tab.stale:
            self._refresh_tab(tab)
        return tab

    def _on_tab_changed(self, index: int) -> None:
        if index < 0:
            return
        key = self._page(index).property("tab_key")
        tab = self.tab(key)
        if tab.stale and self._painted_once():
            self._refresh_tab(tab)

    def _painted_once(self) -> bool:
        """Shown yet? Until its first paint the current tab stays stale (show_tab reads at once)."""
        return getattr(self, "_shown_once", False)

    def _refresh_current_if_stale(self) -> None:
        if (tab := self.current_tab()) is not None and tab.stale:
            self._refresh_tab(tab)

    def _refresh_tab(self, tab: BaseTab) -> None:
        tab.stale = False
        tab.refresh()

    def _on_data_changed(self, kinds: frozenset) -> None:
        current = self.current_tab()
        for tab in list(self.tabs_by_key.values()):
            if tab.watches(kinds):
                if tab is current:
                    self._refresh_tab(tab)
                else:
                    tab.stale = True  # refreshed when shown

    def open_record(self, kind: str, id_: int) -> None:
        for spec in self.specs:
            if kind in spec.kinds:
                tab = self.show_tab(spec.key)
                tab.open_record(kind, int(id_))
                return
        self.statusBar().showMessage(tr("没有可以显示“%1”的页面。").replace("%1", kind), 4000)

    # -------------------------------------------------------------- actions
    def new_record(self) -> None:
        tab = self.current_tab()
        if tab is None or not tab.new_record():
            self.statusBar().showMessage(tr("此页面不能新建记录。"), 3000)

    def save(self) -> None:
        tab = self.current_tab()
        if tab is None or not tab.save():
            self.statusBar().showMessage(tr("没有需要保存的内容。"), 3000)

    def delete_selected(self) -> None:
        tab = self.current_tab()
        prompt = tab.deletion_prompt() if tab is not None else None
        if tab is None or not prompt:
            self.statusBar().showMessage(tr("请先选择要删除的记录。"), 3000)
            return
        answer = QMessageBox.question(
            self,
            tr("确认删除"),
            prompt,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            tab.delete_selected()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh_current(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            self._refresh_tab(tab)
            self.statusBar().showMessage(tr("已刷新。"), 2000)

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dlg = SettingsDialog(self)
        if dlg.exec() and dlg.language_changed:
            self.apply_language(dlg.language())

    def apply_language(self, lang: str) -> None:
        """Switch the UI language now: reinstall translators, rebuild the window."""
        from .translators import install_translators

        install_translators(lang)
        self.build_ui()
        self.language_changed.emit(lang)

    def backup_now(self) -> None:
        from .backup_actions import backup_now

        backup_now(self)

    def restore_backup(self) -> None:
        from .backup_actions import restore_from_backup

        restore_from_backup(self)

    def about(self) -> None:
        from .about_dialog import show_about

        show_about(self)

    # ------------------------------------------------------------ geometry
    def _restore_geometry(self) -> None:
        from .kit.fit_screen import fit_to_screen

        s = ui_settings()
        geometry = s.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        # on a smaller screen (1366×768) than the one it was saved on or designed
        # for, the window shrinks to what the screen has free, title bar included
        if not self.isMaximized():
            fit_to_screen(self)
        state = s.value("main/state")
        if state is not None:
            self.restoreState(state)

    def save_geometry(self) -> None:
        s = ui_settings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        key = self.current_key()
        if key:
            s.setValue("main/tab", key)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._painted_once():
            self._shown_once = True
            QTimer.singleShot(500, self._refresh_current_if_stale)  # should no paint come

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not getattr(self, "_painted", False):
            self._painted = True
            QTimer.singleShot(0, self._refresh_current_if_stale)  # the first tab's data, after the first paint
        if not getattr(self, "_placed", False) and not self.isMaximized():
            # the window manager has placed it (a cascade can put it lower): keep all of it on the screen
            self._placed = True
            from .kit.fit_screen import fit_to_screen

            QTimer.singleShot(0, lambda: fit_to_screen(self))

    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_geometry()
        for tab in self.tabs_by_key.values():
            closer = getattr(tab, "can_close", None)
            if closer is not None and not closer():
                event.ignore()
                return
        super().closeEvent(event)
