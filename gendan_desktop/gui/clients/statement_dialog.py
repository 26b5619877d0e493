"""对账单…: pick clients (searchable), a period and a currency; write Excel or preview the PDF."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..kit.forms import form_child, get_value, load_form, set_value


def tr(text: str) -> str:
    return QCoreApplication.translate("StatementDialog", text)


def last_month(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or dt.date.today()
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


class StatementDialog(QDialog):
    written = Signal(list)  # the paths written

    def __init__(self, parent: QWidget | None, client_ids: list[int] | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setObjectName("statementDialog")
        self.setWindowTitle(tr("对账单"))
        self.paths: list = []

        form = load_form("statement_form.ui", self)
        self.form = form
        self.search = form_child(form, QLineEdit, "clientSearch")
        self.search.textChanged.connect(self._filter)
        self.clients = form_child(form, QListWidget, "clients")
        self.clients.itemChanged.connect(lambda _i: self._update_count())
        self.count_label = form_child(form, QLabel, "countLabel")
        start, end = last_month()
        self.date_from = form_child(form, QWidget, "date_from")
        self.date_to = form_child(form, QWidget, "date_to")
        self.set_period(start, end)
        self.currency = form_child(form, QComboBox, "currency")
        self.currency.addItem(tr("全部币种"), None)
        from ...core.enums import CURRENCIES

        for code in CURRENCIES:
            self.currency.addItem(code, code)
        self.one_workbook = form_child(form, QRadioButton, "oneWorkbook")
        self.one_file_each = form_child(form, QRadioButton, "oneFileEach")
        self.status_label = form_child(form, QLabel, "statusLabel")
        self.preview_button = form_child(form, QPushButton, "previewButton")
        self.preview_button.clicked.connect(self.preview_pdf)
        self.export_button = form_child(form, QPushButton, "exportButton")
        self.export_button.clicked.connect(lambda: self.export())
        form_child(form, QPushButton, "closeButton").clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(form)
        self.resize(560, 640)
        from ..kit.fit_screen import fit_to_screen

        fit_to_screen(self)
        self._load_clients(set(client_ids or ()))

    # -------------------------------------------------------------- clients
    def _load_clients(self, checked: set[int]) -> None:
        from ...core.lists.client_tables import active_clients

        self.clients.blockSignals(True)
        for cid, code, name, pinyin in active_clients():
            item = QListWidgetItem(f"{code}  {name}", self.clients)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setData(Qt.ItemDataRole.UserRole + 1, f"{code} {name} {pinyin or ''}".casefold())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cid in checked else Qt.CheckState.Unchecked)
        self.clients.blockSignals(False)
        self._update_count()

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.clients.count()):
            item = self.clients.item(i)
            item.setHidden(bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole + 1))

    def checked_ids(self) -> list[int]:
        return [self.clients.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.clients.count())
                if self.clients.item(i).checkState() == Qt.CheckState.Checked]

    def _update_count(self) -> None:
        self.count_label.setText(tr("已选 %1 个客户").replace("%1", str(len(self.checked_ids()))))

    # ---------------------------------------------------------------- period
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The period typed (None where empty); raises ValidationError for text that is no date."""
        return get_value(self.date_from), get_value(self.date_to)

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        set_value(self.date_from, date_from)
        set_value(self.date_to, date_to)

    def _checked_input(self) -> tuple[list[int], dt.date, dt.date] | None:
        from ...core.errors import GendanError

        ids = self.checked_ids()
        try:
            start, end = self.period()
        except GendanError as exc:
            self._say(str(exc), error=True)
            return None
        if start is None or end is None:
            self._say(tr("请填写对账期间的开始和结束日期。"), error=True)
            return None
        if not ids:
            self._say(tr("请至少勾选一个客户。"), error=True)
            return None
        if start > end:
            self._say(tr("开始日期晚于结束日期,请改正期间。"), error=True)
            return None
        return ids, start, end

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #c62828;" if error else "")
        self.status_label.setText(text)

    # --------------------------------------------------------------- actions
    def preview_pdf(self):
        """预览 PDF of the current (or first checked) client."""
        picked = self._checked_input()
        if picked is None:
            return None
        ids, start, end = picked
        current = self.clients.currentItem()
        cid = (
            current.data(Qt.ItemDataRole.UserRole)
            if current is not None and current.data(Qt.ItemDataRole.UserRole) in ids
            else ids[0]
        )
        from ..kit.printing_actions import preview_statement

        return preview_statement(self, cid, start, end, self.currency.currentData())

    def export(self, target: str | None = None):
        """Write the statements (asks where unless ``target``); runs in a worker."""
        picked = self._checked_input()
        if picked is None:
            return None
        ids, start, end = picked
        each = self.one_file_each.isChecked()
        if target is None:
            if each:
                target = QFileDialog.getExistingDirectory(self, tr("选择保存对账单的文件夹"))
            else:
                target, _ = QFileDialog.getSaveFileName(
                    self, tr("保存对账单"), f"对账单_{start:%Y%m%d}_{end:%Y%m%d}.xlsx", "Excel (*.xlsx)")
                if target and not target.lower().endswith(".xlsx"):
                    target += ".xlsx"
            if not target:
                return None
        from ..kit.excel_files import write_statements

        def done(paths) -> None:
            self.paths = list(paths)
            if paths:
                self._say(tr("已写入 %1 个文件:%2").replace("%1", str(len(paths)))
                          .replace("%2", "; ".join(str(p) for p in paths)))
            else:
                self._say(tr("所选期间没有对账数据,未写入文件。"))
            self.written.emit(self.paths)

        op = write_statements(self, target, ids, start, end, self.currency.currentData(), each, success=done)
        return op.failure(self._failed)

    def _failed(self, exc) -> None:
        from ..kit.operations import Cancelled

        if not isinstance(exc, Cancelled):
            self._say(str(exc), error=True)
