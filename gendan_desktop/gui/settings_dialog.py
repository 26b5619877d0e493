"""Settings: company profile for printing, merchandiser, process routes,
currencies, backup folder, language, print options (ui/settings_dialog.ui).

Everything about the data goes to the database (core.common.set_setting, keys
below, read by printing and the core); only the language is UI state (QSettings).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from ..core.errors import GendanError
from .kit.forms import FieldErrors, cell_text, form_child, form_in_dialog, get_value, set_value
from .kit.operations import CollectionOp, show_error
from .kit.uistate import set_ui_language, ui_language

TEXT_KEYS = ("company_name", "company_name_en", "company_address", "company_phone", "merchandiser_name",
             "backup_folder")
CHOICE_KEYS = {"print_client_as": "name", "flow_card_layout": "a5"}
DEFAULT_CURRENCIES = ["USD", "EUR", "CNY", "GBP", "JPY", "HKD"]


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.form = form_in_dialog(self, "settings_dialog.ui")
        from .kit.fit_screen import fit_to_screen

        fit_to_screen(self)
        f = self.form
        self.errors = FieldErrors(f, form_child(f, QLabel, "form_error"))
        self.errors.clear()
        buttons = form_child(f, QDialogButtonBox, "buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.language_changed = False

        c = form_child(f, QComboBox, "print_client_as")
        c.addItem(tr("客户名称"), "name")
        c.addItem(tr("客户编号(对工人保密客户名)"), "code")
        c = form_child(f, QComboBox, "flow_card_layout")
        c.addItem(tr("A5 每页一张"), "a5")
        c.addItem(tr("A4 每页两张"), "a4x2")
        c = form_child(f, QComboBox, "language")
        c.addItem("简体中文", "zh")
        c.addItem("English", "en")

        form_child(f, QPushButton, "browse_logo").clicked.connect(self._browse_logo)
        form_child(f, QPushButton, "browse_backup").clicked.connect(self._browse_backup)
        form_child(f, QPushButton, "open_first_start").clicked.connect(self.open_first_start)
        self.wizard = None
        self.route_list: QListWidget = form_child(f, QListWidget, "route_list")
        self.steps: QTableWidget = form_child(f, QTableWidget, "steps")
        self.currencies: QTableWidget = form_child(f, QTableWidget, "currencies")
        self.route_list.currentItemChanged.connect(
            lambda item, _prev: self._show_route(item.data(Qt.ItemDataRole.UserRole) if item is not None else ""))
        form_child(f, QPushButton, "add_route").clicked.connect(self._add_route)
        form_child(f, QPushButton, "delete_route").clicked.connect(self._delete_route)
        form_child(f, QPushButton, "add_step").clicked.connect(lambda: self._add_row(self.steps, ["", "1"]))
        form_child(f, QPushButton, "remove_step").clicked.connect(lambda: self._remove_row(self.steps))
        form_child(f, QPushButton, "step_up").clicked.connect(lambda: self._move_step(-1))
        form_child(f, QPushButton, "step_down").clicked.connect(lambda: self._move_step(1))
        form_child(f, QPushButton, "add_currency").clicked.connect(lambda: self._add_row(self.currencies, ["", ""]))
        form_child(f, QPushButton, "remove_currency").clicked.connect(lambda: self._remove_row(self.currencies))
        self._routes: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        self._deleted_routes: set[str] = set()
        self._shown_route: str | None = None
        self.load()

    def widget(self, name: str):
        return self.form.findChild(QLineEdit, name) or self.form.findChild(QComboBox, name)

    # ------------------------------------------------------------- loading
    def load(self) -> None:
        from ..core.common import get_setting
        from ..core.routes import ensure_default_routes, list_routes

        for key in TEXT_KEYS:
            set_value(self.widget(key), get_setting(key, ""))
        for key, default in CHOICE_KEYS.items():
            set_value(self.widget(key), get_setting(key, default) or default)
        set_value(self.widget("language"), ui_language())
        self._load_logo_and_reminders()
        currencies = [c.strip().upper() for c in get_setting("currencies", "").split(",") if c.strip()]
        currencies = currencies or DEFAULT_CURRENCIES
        self._load_rates(currencies)
        if not list_routes():
            ensure_default_routes()
        self._routes = {r.category: (r.name, [(s.name, str(s.days)) for s in r.steps]) for r in list_routes()}
        self.route_list.clear()
        for category in self._routes:
            self._add_route_item(category)
        if self.route_list.count():
            self.route_list.setCurrentRow(0)

    def _load_logo_and_reminders(self) -> None:
        from PySide6.QtGui import QPixmap
        from PySide6.QtWidgets import QCheckBox

        from ..core.company import logo_png
        from ..core.reminders import reminders_enabled

        png, pix = logo_png(), QPixmap()
        preview = form_child(self.form, QLabel, "logo_preview")
        if png and pix.loadFromData(png):
            preview.setPixmap(
                pix.scaled(72, 30, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
            self.widget("company_logo").setPlaceholderText(tr("已保存在数据库中;选择新图片可替换"))
        else:
            preview.clear()
        self.widget("company_logo").clear()
        form_child(self.form, QCheckBox, "tray_reminders").setChecked(reminders_enabled())

    def open_first_start(self):
        """The first-start assistant's pages over the same settings; shows what it saved."""
        from .workbench.first_start import FirstStartWizard

        self.wizard = FirstStartWizard(self, self.parent() if hasattr(self.parent(), "show_tab") else None)
        self.wizard.sig_started.connect(lambda _start: self.load())
        self.wizard.open()
        return self.wizard

    def _load_rates(self, currencies: list[str]) -> None:
        """The home currency and the rate of each currency to it (core.exchange_rates)."""
        from ..core.exchange_rates import get_rates, home_currency

        home, rates = home_currency(), get_rates()
        combo = form_child(self.form, QComboBox, "home_currency")
        combo.clear()
        combo.addItems(list(dict.fromkeys([home] + currencies)))
        combo.setCurrentText(home)
        self.currencies.setRowCount(0)
        for cur in currencies:
            r = rates.get(cur)
            self._add_row(self.currencies, [cur, "" if r is None else format(r.normalize(), "f")])

    # -------------------------------------------------------------- routes
    def _store_shown_route(self) -> None:
        if self._shown_route is None or self._shown_route not in self._routes:
            return
        steps = []
        for r in range(self.steps.rowCount()):
            name = cell_text(self.steps, r, 0).strip()
            days = cell_text(self.steps, r, 1).strip()
            if name or days:
                steps.append((name, days or "0"))
        name = self._routes[self._shown_route][0]
        self._routes[self._shown_route] = (name, steps)

    def _show_route(self, category: str) -> None:
        self._store_shown_route()
        self._shown_route = category or None
        self.steps.setRowCount(0)
        for name, days in self._routes.get(category, ("", []))[1]:
            self._add_row(self.steps, [name, days])

    def _add_route(self) -> None:
        category, ok = QInputDialog.getText(self, tr("新建工艺路线"), tr("产品类别(如 服装、针织):"))
        category = category.strip()
        if not ok or not category:
            return
        if category not in self._routes:
            self._routes[category] = (category, [])
            self._deleted_routes.discard(category)
            self._add_route_item(category)
        self.route_list.setCurrentRow(list(self._routes).index(category))

    def _add_route_item(self, category: str) -> None:
        """The category as the user reads it ("garment" → 服装); the key in the item's data."""
        from PySide6.QtWidgets import QListWidgetItem

        from .kit.record_text import route_label

        item = QListWidgetItem(route_label(category), self.route_list)
        item.setData(Qt.ItemDataRole.UserRole, category)

    def _delete_route(self) -> None:
        item = self.route_list.currentItem()
        if item is None:
            return
        category = item.data(Qt.ItemDataRole.UserRole)
        self._shown_route = None
        self._routes.pop(category, None)
        self._deleted_routes.add(category)
        self.route_list.takeItem(self.route_list.row(item))

    def _move_step(self, delta: int) -> None:
        r = self.steps.currentRow()
        t = r + delta
        if r < 0 or not (0 <= t < self.steps.rowCount()):
            return
        for c in range(2):
            a, b = self.steps.takeItem(r, c), self.steps.takeItem(t, c)
            self.steps.setItem(r, c, b)
            self.steps.setItem(t, c, a)
        self.steps.setCurrentCell(t, 0)

    @staticmethod
    def _add_row(table: QTableWidget, values: list[str]) -> None:
        r = table.rowCount()
        table.insertRow(r)
        for c, v in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(v))

    @staticmethod
    def _remove_row(table: QTableWidget) -> None:
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())

    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择标志图片"), "", tr("图片 (*.png *.jpg *.jpeg)"))
        if path:
            self.widget("company_logo").setText(path)

    def _browse_backup(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("选择备份文件夹"), self.widget("backup_folder").text())
        if path:
            self.widget("backup_folder").setText(path)

    # -------------------------------------------------------------- saving
    def language(self) -> str:
        return get_value(self.widget("language"))

    def _currency_rows(self) -> list[tuple[str, str]] | None:
        from decimal import Decimal, InvalidOperation

        rows = []
        for r in range(self.currencies.rowCount()):
            cur = cell_text(self.currencies, r, 0).strip().upper()
            rate = cell_text(self.currencies, r, 1).strip()
            if not cur:
                continue
            if len(cur) != 3 or not cur.isalpha():
                self.errors.show("currencies", tr("币种“%1”无效:请用三个字母的代码,如 USD。").replace("%1", cur))
                return None
            if rate:
                try:
                    if Decimal(rate) <= 0:
                        raise InvalidOperation
                except InvalidOperation:
                    self.errors.show("currencies", tr("%1 的汇率“%2”无效:请填写大于 0 的数字。")
                                     .replace("%1", cur).replace("%2", rate))
                    return None
            rows.append((cur, rate))
        if not rows:
            self.errors.show("currencies", tr("至少需要一种币种。"))
            return None
        return rows

    def accept(self) -> None:
        """Check everything first; write only when the whole form is valid, in
        one core call and one transaction (core.settings.save_settings), off
        the GUI thread; the dialog closes when it is saved."""
        from ..core.routes import _clean_steps

        self.errors.clear()
        self._store_shown_route()
        currencies = self._currency_rows()
        if currencies is None:
            return
        logo = self.widget("company_logo").text().strip()
        try:
            if logo:
                from ..core.company import logo_png_from_file

                logo_png_from_file(logo)  # a file that is not a picture is refused before anything is saved
        except GendanError as exc:
            self.errors.show_exception(exc)
            return
        try:
            for category, (_name, steps) in self._routes.items():
                _clean_steps(category, steps)
        except GendanError as exc:
            self.errors.show(None, str(exc))
            return
        values = {key: get_value(self.widget(key)) for key in (*TEXT_KEYS, *CHOICE_KEYS)}
        values["currencies"] = ",".join(c for c, _ in currencies)
        home = form_child(self.form, QComboBox, "home_currency").currentText()
        routes = {category: (name, [(n, int(d)) for n, d in steps]) for category, (name, steps) in self._routes.items()}
        deleted = list(self._deleted_routes)
        from PySide6.QtWidgets import QCheckBox

        reminders = form_child(self.form, QCheckBox, "tray_reminders").isChecked()

        def save():
            from ..core.company import save_logo
            from ..core.connection import write_transaction
            from ..core.exchange_rates import set_rates
            from ..core.reminders import set_reminders_enabled
            from ..core.settings import save_settings

            with write_transaction():  # rates, settings, routes, logo and reminders: all or nothing
                # first: it checks the home currency and every rate before writing them
                set_rates(dict(currencies), home=home)
                changed = save_settings(values, routes=routes, deleted_routes=deleted)
                if logo:
                    save_logo(logo)
                set_reminders_enabled(reminders)
            return changed
        self.save_op = CollectionOp(self, save).success(self._saved).failure(
            lambda exc: self.errors.show(None, str(exc)) if isinstance(exc, GendanError) else show_error(self, exc))
        self.save_op.run_in_background()

    def _saved(self, _changes) -> None:
        lang = self.language()
        self.language_changed = lang != ui_language()
        set_ui_language(lang)
        super().accept()
