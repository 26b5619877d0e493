"""帮助 → 关于跟单桌面 (ui/about_form.ui): version, where the data, database, log
and settings are, and the licences of the parts shipped with the program
(the CJK font's full licence text included)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..about import PARTS, installation_facts, licence_text, part_version
from .kit.forms import form_child, form_in_dialog


def tr(text: str) -> str:
    return QCoreApplication.translate("AboutDialog", text)


FACT_LABELS = ("version", "data_folder", "database", "log_file", "settings")


class AboutDialog(QDialog):
    def __init__(self, db_url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.form = form_in_dialog(self, "about_form.ui")
        self.facts = installation_facts(db_url)
        values = {key: value for key, value, _ in self.facts}
        if values["portable"] != "-":
            values["data_folder"] += "  " + tr("(便携模式)")
        for key in FACT_LABELS:
            form_child(self.form, QLabel, key).setText(values[key])
        self.data_folder = values["data_folder"].split("  ")[0]
        self.parts: QTableWidget = form_child(self.form, QTableWidget, "parts")
        self.licence: QPlainTextEdit = form_child(self.form, QPlainTextEdit, "licence_text")
        self._fill_parts()
        self.parts.currentCellChanged.connect(lambda row, *_: self._show_licence(row))
        self.parts.setCurrentCell(0, 0)
        form_child(self.form, QDialogButtonBox, "buttons").rejected.connect(self.reject)
        form_child(self.form, QPushButton, "copy_info").clicked.connect(self.copy_info)
        form_child(self.form, QPushButton, "open_data_folder").clicked.connect(self.open_data_folder)

    def _fill_parts(self) -> None:
        self.parts.setRowCount(len(PARTS))
        for row, part in enumerate(PARTS):
            for col, text in enumerate((part.name, part_version(part), part.licence)):
                self.parts.setItem(row, col, QTableWidgetItem(text))
        header = self.parts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def _show_licence(self, row: int) -> None:
        if 0 <= row < len(PARTS):
            self.licence.setPlainText(licence_text(PARTS[row]))

    def info_text(self) -> str:
        """Everything shown, as text for a support request."""
        lines = [f"{english}: {value}" for _key, value, english in self.facts]
        lines += [f"{p.name} {part_version(p)}: {p.licence}" for p in PARTS]
        return "\n".join(lines) + "\n"

    def copy_info(self) -> None:
        QGuiApplication.clipboard().setText(self.info_text())
        form_child(self.form, QLabel, "copied").setText(tr("已复制。"))

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.data_folder))


def show_about(window) -> AboutDialog:
    """Open the About dialog over ``window`` (not blocking: the window stays usable)."""
    dialog = AboutDialog(getattr(window, "db_url", ""), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
