"""工作交接: pick the merchandiser who leaves, the successor and the clients;
their open work moves in one audited transaction (core/handover.py), and the
hand-over report is saved as Excel or PDF (excel/handover_xlsx.py,
printing/handover_pdf.py). Tools → 工作交接… opens it (ui/handover_dialog.ui).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..kit.forms import FieldErrors, form_child, load_form
from ..kit.operations import CollectionOp, QueryOp
from ..kit.table_model import QT_TR_NOOP, header_text

WORK = ("orders", "followups", "samples", "quotations", "exceptions", "complaints")
# a hand-over changes who looks after records of every kind: every list reloads
HANDOVER_KINDS = frozenset({"client", "order", "followup", "sample", "quotation", "exception", "complaint", "*"})


def tr(text: str) -> str:
    return QCoreApplication.translate("HandOver", text)


COLUMNS = [("code", QT_TR_NOOP("编号")), ("name", QT_TR_NOOP("客户名称")), ("merchandiser", QT_TR_NOOP("负责跟单员")),
           ("orders", QT_TR_NOOP("订单")), ("followups", QT_TR_NOOP("提醒")), ("samples", QT_TR_NOOP("样品")),
           ("quotations", QT_TR_NOOP("报价")), ("exceptions", QT_TR_NOOP("异常")), ("complaints", QT_TR_NOOP("客诉"))]


class HandOverClientsModel(QAbstractTableModel):
    """The leaver's clients with what of theirs would move; the first column is checkable."""

    sig_checked_changed = Signal()  # sig: a client was checked or unchecked

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._checked: set[int] = set()

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = {r["id"] for r in self._rows}
        self.endResetModel()
        self.sig_checked_changed.emit()

    def rows(self) -> list[dict]:
        return self._rows

    def checked_ids(self) -> list[int]:
        return [r["id"] for r in self._rows if r["id"] in self._checked]

    def set_all(self, on: bool) -> None:
        self._checked = {r["id"] for r in self._rows} if on else set()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, 0), [Qt.ItemDataRole.CheckStateRole]
            )
        self.sig_checked_changed.emit()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return header_text(COLUMNS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, key = self._rows[index.row()], COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(key)
            return str(value) if value not in (None, 0) or key not in WORK else ""
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if row["id"] in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and key in WORK:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        cid = self._rows[index.row()]["id"]
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self._checked.add(cid) if on else self._checked.discard(cid)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.sig_checked_changed.emit()
        return True


class HandOverDialog(QDialog):
    sig_loaded = Signal()  # sig: the leaver's clients are listed
    sig_handed_over = Signal(object)  # sig: the hand-over was saved; carries core.handover.HandOverResult
    sig_report_saved = Signal(str)  # sig: a report file was written; carries its path

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("handOverDialog")
        self.form = load_form("handover_dialog.ui", self)
        self.setWindowTitle(self.form.windowTitle())
        self.error = QLabel(self)
        self.error.setObjectName("dialog_error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.errors = FieldErrors(self.form, self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("交接"))
        self.buttons.accepted.connect(self.hand_over)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.leaver: QComboBox = form_child(self.form, QComboBox, "leaver")
        self.successor: QComboBox = form_child(self.form, QComboBox, "successor")
        self.table: QTableView = form_child(self.form, QTableView, "clients")
        self.model = HandOverClientsModel(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.summary: QLabel = form_child(self.form, QLabel, "summary")
        self.result_label: QLabel = form_child(self.form, QLabel, "result")
        form_child(self.form, QPushButton, "check_all").clicked.connect(lambda: self.model.set_all(True))
        form_child(self.form, QPushButton, "check_none").clicked.connect(lambda: self.model.set_all(False))
        form_child(self.form, QPushButton, "save_xlsx").clicked.connect(lambda: self.save_report("xlsx"))
        form_child(self.form, QPushButton, "save_pdf").clicked.connect(lambda: self.save_report("pdf"))
        self.model.sig_checked_changed.connect(self._summarise)
        self.leaver.currentTextChanged.connect(self._load_clients)
        self.handover_result = None
        self._gen = 0
        self.resize(860, 600)
        QueryOp(self, self._names_job, success=self._show_names).run_in_background()

    # ------------------------------------------------------------ loading
    @staticmethod
    def _names_job():
        from ...core.common import current_user
        from ...core.handover import merchandiser_names

        return merchandiser_names(), current_user()

    def _show_names(self, result) -> None:
        names, me = result
        self.leaver.blockSignals(True)
        self.leaver.addItems(names)
        self.leaver.blockSignals(False)
        self.successor.addItems(names)
        self.successor.setCurrentText("")
        self.leaver.setCurrentText(me if me in names else (names[0] if names else ""))
        self._load_clients(self.leaver.currentText())

    def _load_clients(self, leaver: str) -> None:
        from ...core.handover import clients_of

        self._gen += 1  # arrowing through the names starts a load per name: only the last one shows
        gen = self._gen
        QueryOp(self, lambda: clients_of(leaver), success=lambda rows: self._show_clients(rows, gen)) \
            .run_in_background()

    def _show_clients(self, rows: list[dict], gen: int) -> None:
        if gen != self._gen:
            return
        self.model.set_rows(rows)
        self.sig_loaded.emit()

    def _summarise(self) -> None:
        ids = set(self.model.checked_ids())
        rows = [r for r in self.model.rows() if r["id"] in ids]
        totals = {k: sum(r[k] for r in rows) for k in WORK}
        self.summary.setText(
            tr("将交接 %1 位客户:订单 %2,跟进提醒 %3,样品 %4,报价 %5,生产异常 %6,客诉 %7")
            .replace("%1", str(len(rows))).replace("%2", str(totals["orders"])).replace("%3", str(totals["followups"]))
            .replace("%4", str(totals["samples"])).replace("%5", str(totals["quotations"]))
            .replace("%6", str(totals["exceptions"])).replace("%7", str(totals["complaints"])))

    # ---------------------------------------------------------- hand over
    def hand_over(self) -> CollectionOp:
        from ...core.handover import hand_over

        self.errors.clear()
        leaver, successor, ids = (
            self.leaver.currentText(),
            self.successor.currentText().strip(),
            self.model.checked_ids(),
        )
        self.ok_button.setEnabled(False)
        op = CollectionOp(self, lambda: hand_over(leaver, successor, ids), kinds=HANDOVER_KINDS)
        op.success(self._done).failure(self._failed).finally_(lambda: self.ok_button.setEnabled(True))
        return op.run_in_background()

    def _done(self, result) -> None:
        self.handover_result = result
        self.ok_button.setEnabled(False)  # handed over: the dialog now offers the report
        m = result.moved
        self.result_label.setText(
            tr("已交接给 %1:客户 %2,订单 %3,跟进提醒 %4,样品 %5,报价 %6,生产异常 %7,客诉 %8。请保存交接报告。")
            .replace("%1", result.successor).replace("%2", str(m.get("clients", 0)))
            .replace("%3", str(m.get("orders", 0))).replace("%4", str(m.get("followups", 0)))
            .replace("%5", str(m.get("samples", 0))).replace("%6", str(m.get("quotations", 0)))
            .replace("%7", str(m.get("exceptions", 0))).replace("%8", str(m.get("complaints", 0))))
        self.sig_handed_over.emit(result)

    def _failed(self, exc) -> None:
        from ...core.errors import GendanError
        from ..kit.operations import show_error

        if isinstance(exc, GendanError):
            self.errors.show_exception(exc)
        else:
            show_error(self, exc)

    # ------------------------------------------------------------- report
    def save_report(self, kind: str, path: str | None = None) -> QueryOp | None:
        """The report of the clients handed over (or, before that, of those checked)."""
        ids = self.handover_result.client_ids if self.handover_result else self.model.checked_ids()
        leaver = self.handover_result.leaver if self.handover_result else self.leaver.currentText()
        successor = self.handover_result.successor if self.handover_result else self.successor.currentText().strip()
        if not ids:
            self.errors.show("clients", tr("请至少勾选一位客户。"))
            return None
        if path is None:
            name = tr("工作交接报告") + f" {leaver}-{successor}.{kind}"
            path, _ = QFileDialog.getSaveFileName(
                self, tr("保存交接报告"), name, tr("Excel 文件 (*.xlsx)") if kind == "xlsx" else tr("PDF 文件 (*.pdf)")
            )
            if not path:
                return None
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"

        def job():
            if kind == "xlsx":
                from ...excel.handover_xlsx import export_handover

                export_handover(path, ids, leaver, successor)
            else:
                from ...core.db import refuse_database_file
                from ...excel.exporter import cannot_write
                from ...printing.handover_pdf import handover_pdf

                refuse_database_file(path)
                pdf = handover_pdf(ids, leaver, successor)
                try:
                    Path(path).write_bytes(pdf)
                except OSError as exc:
                    raise cannot_write(Path(path), exc) from None
            return path

        op = QueryOp(self, job, success=self.sig_report_saved.emit)
        return op.with_progress(tr("正在生成交接报告…"), cancellable=False).run_in_background()


def open_handover(window) -> HandOverDialog:
    dlg = HandOverDialog(window)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.handover_dialog = dlg
    dlg.open()
    return dlg

