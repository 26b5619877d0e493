"""Excel files from the window: the open / save dialogs and the 对账单 workbooks.

Below excel_actions.py, import_dialog.py and clients/statement_dialog.py, which
all use them (none of them imports another for these).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from .operations import CollectionOp

IMPORT_FILTER = "Excel (*.xlsx *.xls *.ods)"
XLSX_FILTER = "Excel (*.xlsx)"


def tr(text: str) -> str:
    return QCoreApplication.translate("excel_actions", text)


def ask_open(parent: QWidget, title: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", IMPORT_FILTER)
    return path


def ask_save(parent: QWidget, title: str, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, XLSX_FILTER)
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path


def write_statements(parent, target, client_ids, date_from, date_to, currency=None,
                     one_file_each=False, success=None) -> CollectionOp:
    """Write 对账单 workbook(s) in a worker (statement numbers are issued: a change)."""
    def op(progress):
        from ...excel.statement_xlsx import export_statements

        progress.update(0, 0, tr("正在生成对账单…"))
        return export_statements(target, client_ids, date_from, date_to, currency=currency,
                                 one_file_each=one_file_each)

    return CollectionOp(parent, op, kinds={"statement"}, success=success) \
        .with_progress(tr("正在生成对账单…")).run_in_background()
