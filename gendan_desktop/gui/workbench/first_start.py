"""首次设置: the assistant a new database opens with (and Settings opens again).

Four pages, each a Designer form (ui/first_start_*.ui): company profile with
logo and the merchandiser's own name; home and default currency with the
rates; the process routes to start from; how to start (empty, demo data, own
Excel lists) with where the data lives and how it is backed up. Each page is
checked by the core before the next one shows (core/first_start.py); Finish
writes everything in one transaction off the GUI thread, then starts as
chosen (``start_with``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..kit.forms import FieldErrors, cell_text, load_form
from ..kit.operations import CollectionOp

CURRENCIES = ["CNY", "USD", "EUR", "GBP", "JPY", "HKD"]


def tr(text: str) -> str:
    return QCoreApplication.translate("FirstStart", text)


class FormPage(QWizardPage):
    """A wizard page holding one Designer form; ``check`` raises a core ValidationError."""

    def __init__(self, ui_name: str, check=None):
        super().__init__()
        self.form = load_form(ui_name, self)
        self.setObjectName(ui_name.replace(".ui", "_page"))
        self.setTitle(self.form.windowTitle())
        self.error = QLabel(self)
        self.error.setObjectName("page_error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.errors = FieldErrors(self.form, self.error)
        self.check = check
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.form, 1)
        lay.addWidget(self.error)

    def w(self, name: str):
        widget = self.form.findChild(QWidget, name)
        if widget is None:
            raise KeyError(name)
        return widget

    def validatePage(self) -> bool:  # noqa: N802
        from ...core.errors import GendanError

        self.errors.clear()
        if self.check is None:
            return True
        try:
            self.check()
        except GendanError as exc:
            self.errors.show_exception(exc)
            return False
        return True


class FirstStartWizard(QWizard):
    sig_started = Signal(str)  # sig: the set-up was saved; carries the start chosen (empty / demo / import)

    def __init__(self, parent: QWidget | None = None, window=None):
        super().__init__(parent)
        self.setObjectName("firstStartWizard")
        self.setWindowTitle(tr("首次设置 — 跟单桌面"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.window_ = window
        self.logo: bytes | None = None  # None keeps what is stored, b"" removes it
        self.saving = False
        self.company = FormPage("first_start_company.ui", self._check_company)
        self.money = FormPage("first_start_money.ui", self._check_money)
        self.routes = FormPage("first_start_routes.ui")
        self.start = FormPage("first_start_start.ui")
        for page in (self.company, self.money, self.routes, self.start):
            self.addPage(page)
        self.company.w("browse_logo").clicked.connect(self._browse_logo)
        self.company.w("clear_logo").clicked.connect(self._clear_logo)
        self.money.w("add_currency").clicked.connect(lambda: self._add_rate("", ""))
        self.money.w("remove_currency").clicked.connect(self._remove_rate)
        for key in ("garment", "knitwear", "home_textile"):
            self.routes.w(f"route_{key}").toggled.connect(self._show_routes)
        self.resize(720, 560)
        self.load()

    # ------------------------------------------------------------- values
    def load(self) -> None:
        """Show what is set already (everything is empty on a new database)."""
        from ...core.common import get_setting
        from ...core.company import get_profile, logo_png
        from ...core.exchange_rates import default_currency, get_rates, home_currency
        from ...core.first_start import SUGGESTED_RATES, data_places, database_is_empty
        from ...core.routes import list_routes

        p = get_profile()
        for name, value in (("company_name", p.name), ("company_name_en", p.name_en),
                            ("company_address", p.address), ("company_phone", p.phone),
                            ("merchandiser_name", p.merchandiser)):
            self.company.w(name).setText(value)
        self._preview(logo_png())
        home, rates = home_currency(), get_rates()
        for name, value in (("home_currency", home), ("default_currency", default_currency())):
            combo: QComboBox = self.money.w(name)
            combo.addItems(CURRENCIES)
            combo.setCurrentText(value)
        listed = [c.strip().upper() for c in get_setting("currencies", "").split(",") if c.strip()]
        table: QTableWidget = self.money.w("currencies")
        table.setRowCount(0)
        for cur in dict.fromkeys([*listed, *SUGGESTED_RATES]):
            if cur != home:
                rate = rates.get(cur)
                self._add_rate(cur, format(rate.normalize(), "f") if rate is not None else SUGGESTED_RATES.get(cur, ""))
        existing = {r.category for r in list_routes()}
        for key in ("garment", "knitwear", "home_textile"):
            self.routes.w(f"route_{key}").setChecked(key in existing or (not existing and key == "garment"))
        places = data_places()
        from ...core.errors import current_language

        self.start.w("database").setText(places.database)
        self.start.w("backups").setText(places.backup_text(current_language()))
        empty = database_is_empty()
        for name in ("start_demo", "start_import"):
            self.start.w(name).setEnabled(empty)
        if not empty:
            self.start.w("demo_note").setText(tr("数据库里已有客户或订单:只保存设置。"))

    def values(self):
        from ...core.company import CompanyProfile
        from ...core.first_start import FirstStart

        c = self.company
        profile = CompanyProfile(*(c.w(n).text().strip() for n in ("company_name", "company_name_en", "company_address",
                                                                   "company_phone", "merchandiser_name")))
        routes = tuple(k for k in ("garment", "knitwear", "home_textile") if self.routes.w(f"route_{k}").isChecked())
        start = next((k for k in ("demo", "import") if self.start.w(f"start_{k}").isChecked()
                      and self.start.w(f"start_{k}").isEnabled()), "empty")
        return FirstStart(profile=profile, logo=self.logo, home_currency=self.money.w("home_currency").currentText(),
                          default_currency=self.money.w("default_currency").currentText(), rates=self._rates(),
                          routes=routes, start=start)

    def _rates(self) -> dict[str, str]:
        table: QTableWidget = self.money.w("currencies")
        out = {}
        for r in range(table.rowCount()):
            cur = cell_text(table, r, 0).strip()
            if cur:
                out[cur] = cell_text(table, r, 1).strip()
        return out

    def _check_company(self) -> None:
        from ...core.first_start import check_company

        check_company(self.values().profile)

    def _check_money(self) -> None:
        from ...core.first_start import check_money

        v = self.values()
        check_money(v.home_currency, v.default_currency, v.rates)

    # --------------------------------------------------------------- logo
    def _preview(self, png: bytes | None) -> None:
        label: QLabel = self.company.w("logo_preview")
        pix = QPixmap()
        if png and pix.loadFromData(png):
            label.setPixmap(
                pix.scaled(96, 40, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
            self.company.w("company_logo").setPlaceholderText(tr("已保存在数据库中"))
        else:
            label.clear()
            label.setText(tr("无"))

    def set_logo_file(self, path: str) -> bool:
        """Read and check the picture now (it is small); an error shows next to the field."""
        from ...core.company import logo_png_from_file
        from ...core.errors import GendanError

        self.company.errors.clear()
        try:
            png = logo_png_from_file(path)
        except GendanError as exc:
            self.company.errors.show_exception(exc)
            return False
        self.logo = png
        self.company.w("company_logo").setText(path)
        self._preview(png)
        return True

    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择标志图片"), "", tr("图片 (*.png *.jpg *.jpeg *.bmp)"))
        if path:
            self.set_logo_file(path)

    def _clear_logo(self) -> None:
        self.logo = b""
        self.company.w("company_logo").clear()
        self._preview(None)

    # -------------------------------------------------------------- rates
    def _add_rate(self, cur: str, rate: str) -> None:
        table: QTableWidget = self.money.w("currencies")
        r = table.rowCount()
        table.insertRow(r)
        table.setItem(r, 0, QTableWidgetItem(cur))
        table.setItem(r, 1, QTableWidgetItem(rate))

    def _remove_rate(self) -> None:
        table: QTableWidget = self.money.w("currencies")
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())

    def _show_routes(self, *_args) -> None:
        from ...core.first_start import ROUTE_PRESETS
        from ...core.routes import step_label

        lines = [f"{ROUTE_PRESETS[k][0]}:" + " → ".join(step_label(n) for n, _ in ROUTE_PRESETS[k][1])
                 for k in ("garment", "knitwear", "home_textile") if self.routes.w(f"route_{k}").isChecked()]
        self.routes.w("route_preview").setText("\n".join(lines) or tr("不建立路线:以后在“设置 → 工艺路线”中自己添加。"))

    # ------------------------------------------------------------- finish
    def accept(self) -> None:
        """Save in one transaction off the GUI thread; close and start once it succeeded."""
        from ...core.first_start import apply_first_start

        if self.saving:
            return
        setup = self.values()
        self.saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        op = CollectionOp(self, lambda: apply_first_start(setup), kinds={"settings", "*"})
        op.success(lambda _r: self._saved(setup.start)).failure(self._failed)
        op.finally_(self._finished).run_in_background()

    def _finished(self) -> None:
        self.saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def _saved(self, start: str) -> None:
        from ...core.common import set_current_user

        set_current_user(None)  # the name typed here goes on the audit lines from now on
        super().accept()
        self.sig_started.emit(start)
        if self.window_ is not None:
            start_with(self.window_, start)

    def _failed(self, exc) -> None:
        from ...core.errors import GendanError
        from ..kit.operations import show_error

        if isinstance(exc, GendanError):
            self.start.errors.show(None, str(exc))  # a check the pages passed failed at saving: say it here
        else:
            show_error(self, exc)


def start_with(window, start: str):
    """After the set-up: demo data (in a worker, with progress), the client import, or the client archive."""
    if start == "demo":  # in a file of its own, opened now; the user's database keeps only the set-up
        from ...demo.database import carried_setup, demo_path, fill_demo_database
        from ..opening import switch_database

        carried = carried_setup()
        path = demo_path(window.db_url)
        switch_database(window, str(path))

        def done(counts):
            window.statusBar().showMessage(
                (tr("演示数据已生成:%1 位客户,%2 张订单。").replace("%1", str(counts.get("client", 0)))
                 .replace("%2", str(counts.get("order", 0))) if counts else "") + " "
                + tr("演示数据在单独的文件“%1”里,你的数据库没有演示数据;下次启动时打开的是你的数据库。")
                .replace("%1", path.name), 15000)
            window.show_tab("workbench")

        return (CollectionOp(window, lambda: fill_demo_database(carried), kinds={"*"}).success(done)
                .with_progress(tr("正在生成演示数据…"), cancellable=False).run_in_background())
    if start == "import":
        from ..excel_actions import import_file

        return import_file(window, "clients")
    window.show_tab("clients")
    window.statusBar().showMessage(tr("设置已保存。按 Ctrl+N 新建第一位客户。"), 10000)
    return None


def maybe_first_start(window) -> FirstStartWizard | None:
    """At start-up on a new database: open the assistant (closing it unfinished does not ask again)."""
    from ...core.first_start import mark_done, needs_first_start

    if not needs_first_start():
        return None
    wizard = FirstStartWizard(window, window)
    wizard.rejected.connect(lambda: mark_done("skipped"))
    window.first_start = wizard
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.open()
    return wizard


__all__ = ["FirstStartWizard", "maybe_first_start", "start_with"]
