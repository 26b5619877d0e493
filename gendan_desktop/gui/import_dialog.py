"""The import mapping dialog: sheet, header row, column → field, preview, options,
a dry run (检查) listing every problem, and the import itself in a worker."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .kit.forms import form_child, load_form
from .kit.operations import CollectionOp, QueryOp

ERROR_COLOUR = "#c62828"


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def _lang() -> str:
    from ..core.errors import current_language

    return current_language()


def field_label(spec) -> str:
    text = spec.en if _lang() == "en" else spec.zh
    return text + " *" if spec.required else text


class PreviewModel(QAbstractTableModel):
    """The first data rows of the file as text; each column header names the
    file's column and the field it is mapped to."""

    def __init__(self, plan=None, parent=None):
        super().__init__(parent)
        self._plan = None
        self._mapping: dict[int, str] = {}
        self._labels: dict[str, str] = {}
        self._cols = 0
        if plan is not None:
            self.set_plan(plan, plan.mapping)

    def set_plan(self, plan, mapping: dict[int, str]) -> None:
        self.beginResetModel()
        self._plan = plan
        self._mapping = dict(mapping)
        self._labels = {s.name: field_label(s) for s in plan.fields}
        self._cols = max([len(plan.headers)] + [len(r) for r in plan.preview])
        self.endResetModel()

    def set_mapping(self, mapping: dict[int, str]) -> None:
        self._mapping = dict(mapping)
        if self._cols:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._cols - 1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self._plan is None else len(self._plan.preview)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._cols

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        row = self._plan.preview[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if index.column() in self._mapping else QColor("#9e9e9e")
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or self._plan is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if 0 <= section < len(self._plan.preview) else None
        if not 0 <= section < self._cols:
            return None
        field = self._mapping.get(section)
        target = self._labels.get(field, field) if field else tr("不导入")
        return f"{self._plan.column_label(section)}\n→ {target}"


class ImportDialog(QDialog):
    """Shown by excel_actions.import_file with the plan ``importer.prepare`` made."""

    checked = Signal(object)  # ImportResult of a dry run
    imported = Signal(object)  # ImportResult of a real import

    def __init__(self, parent: QWidget | None, plan):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setObjectName("importDialog")
        self.plan = plan
        self.import_result = None
        self.combos: list[QComboBox] = []
        self.setWindowTitle(tr("导入客户") if plan.kind == "clients" else tr("导入订单"))

        form = load_form("import_form.ui", self)
        self.form = form
        self.file_label = form_child(form, QLabel, "fileLabel")
        self.sheet_combo = form_child(form, QComboBox, "sheet")
        self.header_spin = form_child(form, QSpinBox, "header_row")
        self.mapping_table = form_child(form, QTableWidget, "mapping")
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.missing_label = form_child(form, QLabel, "missingLabel")
        self.preview_model = PreviewModel(parent=self)
        self.preview = form_child(form, QTableView, "preview")
        self.preview.setModel(self.preview_model)
        form_child(form, QSplitter, "splitter").setStretchFactor(1, 2)
        self.duplicate_combo = form_child(form, QComboBox, "on_duplicate")
        for value, text in (("skip", tr("跳过")), ("update", tr("更新已有记录")), ("create", tr("仍然新建"))):
            self.duplicate_combo.addItem(text, value)
        self.skip_invalid = form_child(form, QCheckBox, "skip_invalid")
        self.create_clients = form_child(form, QCheckBox, "create_missing_clients")
        self.create_clients.setVisible(plan.kind == "orders")
        self.summary_label = form_child(form, QLabel, "summaryLabel")
        self.problems = form_child(form, QTableWidget, "problems")
        self.check_button = form_child(form, QPushButton, "checkButton")
        self.report_button = form_child(form, QPushButton, "reportButton")
        self.import_button = form_child(form, QPushButton, "importButton")
        self.close_button = form_child(form, QPushButton, "closeButton")
        self.close_button.clicked.connect(self.reject)
        main = QVBoxLayout(self)
        main.setContentsMargins(0, 0, 0, 0)
        main.addWidget(form)
        self.resize(1100, 760)
        from .kit.fit_screen import fit_to_screen

        fit_to_screen(self)  # 1366×768: within the screen

        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.report_button.clicked.connect(lambda: self.save_report())
        self.sheet_combo.activated.connect(lambda _i: self.reload(sheet=self.sheet_combo.currentText()))
        self.header_spin.editingFinished.connect(self._header_edited)
        self.set_plan(plan)

    # ------------------------------------------------------------ the plan
    def set_plan(self, plan) -> None:
        self.plan = plan
        self.file_label.setText(tr("文件:%1").replace("%1", plan.path.name))
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(plan.sheet_names)
        self.sheet_combo.setCurrentText(plan.sheet_name)
        self.sheet_combo.blockSignals(False)
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(plan.header_row + 1)
        self.header_spin.blockSignals(False)
        cols = max([len(plan.headers)] + [len(r) for r in plan.preview])
        self.mapping_table.setRowCount(cols)
        self.combos = []
        for c in range(cols):
            item = QTableWidgetItem(plan.column_label(c))
            self.mapping_table.setItem(c, 0, item)
            combo = QComboBox(self.mapping_table)
            combo.setObjectName(f"map_{c}")
            combo.addItem(tr("— 不导入 —"), "")
            for spec in plan.fields:
                combo.addItem(field_label(spec), spec.name)
            combo.setCurrentIndex(max(0, combo.findData(plan.mapping.get(c, ""))))
            combo.currentIndexChanged.connect(lambda _i, col=c: self._combo_changed(col))
            self.mapping_table.setCellWidget(c, 1, combo)
            self.combos.append(combo)
        self.preview_model.set_plan(plan, self.mapping())
        self._clear_result()
        self._update_missing()

    def mapping(self) -> dict[int, str]:
        return {c: combo.currentData() for c, combo in enumerate(self.combos) if combo.currentData()}

    def set_column_field(self, column: int, field: str) -> None:
        """Map file column ``column`` to ``field`` ("" = not imported), as the combo does."""
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def _combo_changed(self, column: int) -> None:
        chosen = self.combos[column].currentData()
        if chosen:  # a field maps from one column only: the other column lets go
            for c, combo in enumerate(self.combos):
                if c != column and combo.currentData() == chosen:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.preview_model.set_mapping(self.mapping())
        self._clear_result()
        self._update_missing()

    def _update_missing(self) -> None:
        from ..excel.importer import missing_required

        missing = missing_required(self.plan.kind, self.mapping())
        if not self.plan.rows:  # a header and nothing under it: say so at once, nothing to import
            self.missing_label.setText(
                tr("表头(第 %1 行)下面没有数据行,没有可导入的内容。请确认选对了文件、工作表和表头行。")
                .replace("%1", str(self.plan.header_row + 1)))
        elif missing:
            names = "、".join(field_label(s).rstrip(" *") for s in missing)
            self.missing_label.setText(tr("还缺少必填列:%1。请指定文件中哪一列是它。").replace("%1", names))
        else:
            self.missing_label.clear()
        ready = bool(self.plan.rows) and not missing
        self.import_button.setEnabled(ready)
        self.check_button.setEnabled(ready)

    def _header_edited(self) -> None:
        if self.header_spin.value() != self.plan.header_row + 1:
            self.reload(sheet=self.plan.sheet_name, header_row=self.header_spin.value() - 1)

    def reload(self, sheet: str | None = None, header_row: int | None = None) -> QueryOp:
        """Read the file again with another sheet or header row (in a worker)."""
        path, kind = self.plan.path, self.plan.kind

        def read():
            from ..excel import importer

            return importer.prepare(path, kind, sheet=sheet, header_row=header_row)

        def failed(exc) -> None:
            self.set_plan(self.plan)  # back to what was shown
            self._show_message(str(exc), error=True)

        return QueryOp(self, read, success=self.set_plan).failure(failed) \
            .with_progress(tr("正在读取文件…")).run_in_background()

    # ------------------------------------------------------------- running
    def options(self) -> dict:
        return dict(on_duplicate=self.duplicate_combo.currentData(), skip_invalid=self.skip_invalid.isChecked(),
                    create_missing_clients=self.plan.kind == "orders" and self.create_clients.isChecked())

    def _op(self, dry_run: bool):
        plan, mapping, options = self.plan, self.mapping(), self.options()

        def op(progress):
            from ..excel import importer

            def step(done, total):
                if not progress.cancelled:
                    progress.update(done, total)

            return importer.run(plan, mapping=mapping, dry_run=dry_run, progress=step,
                                cancelled=lambda: progress.cancelled, **options)

        return op

    def check(self) -> QueryOp:
        """检查: a dry run; every problem is listed, nothing is written."""
        self._set_busy(True)
        return QueryOp(self, self._op(True), success=self._checked).failure(self._failed) \
            .finally_(lambda: self._set_busy(False)).with_progress(tr("正在检查…")).run_in_background()

    def run_import(self) -> CollectionOp:
        kinds = {"client"} if self.plan.kind == "clients" else {"order", "client"}
        self._set_busy(True)
        return CollectionOp(self, self._op(False), kinds=kinds, success=self._imported).failure(self._failed) \
            .finally_(lambda: self._set_busy(False)).with_progress(tr("正在导入…")).run_in_background()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.check_button, self.import_button, self.sheet_combo, self.header_spin):
            w.setEnabled(not busy)
        if not busy:
            self._update_missing()

    def _checked(self, result) -> None:
        self._show_result(result)
        self.checked.emit(result)

    def _imported(self, result) -> None:
        self._show_result(result)
        self.imported.emit(result)

    def _failed(self, exc) -> None:
        from .kit.operations import Cancelled

        if isinstance(exc, Cancelled):
            self._show_message(tr("已取消,未写入任何数据。"))
        else:
            self._show_message(str(exc), error=True)

    def _show_message(self, text: str, error: bool = False, ok: bool = False) -> None:
        self.summary_label.setStyleSheet(f"color: {ERROR_COLOUR};" if error else ("color: #2e7d32;" if ok else ""))
        self.summary_label.setText(text)

    def _clear_result(self) -> None:
        self.import_result = None
        self.problems.setRowCount(0)
        self.report_button.setEnabled(False)
        self.summary_label.clear()
        self.summary_label.setStyleSheet("")

    def _show_result(self, result) -> None:
        self.import_result = result
        lang = _lang()
        # red only when nothing was written: rows skipped on purpose are listed below
        failed = bool(result.errors) and not getattr(result, "written", False)
        self._show_message(result.summary(lang), error=failed, ok=bool(getattr(result, "written", False)))
        issues = [(e, True) for e in result.errors] + [(e, False) for e in result.notes]
        self.problems.setRowCount(len(issues))
        red = QColor(ERROR_COLOUR)
        for r, (e, is_error) in enumerate(issues):
            cells = (str(e.row) if e.row else "", e.column, e.message(lang))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if is_error and c == 2:
                    item.setForeground(red)
                self.problems.setItem(r, c, item)
        self.problems.resizeRowsToContents()
        self.report_button.setEnabled(bool(issues))

    def problem_rows(self) -> list[tuple[str, str, str]]:
        def text(r: int, c: int) -> str:
            item = self.problems.item(r, c)  # every cell is filled by show_problems
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.problems.rowCount())]

    def save_report(self, path: str | None = None) -> QueryOp | None:
        """保存错误报告…: the problems of the last check/import as an xlsx."""
        if self.import_result is None:
            return None
        if path is None:
            from .kit.excel_files import ask_save

            path = ask_save(self, tr("保存错误报告"), self.plan.path.stem + "_问题.xlsx")
            if not path:
                return None
        result, lang = self.import_result, _lang()

        def write():
            from ..excel.importer import save_error_report

            return save_error_report(result, path, lang)

        return QueryOp(self, write, success=lambda p: self._show_message(
            tr("错误报告已保存到 %1").replace("%1", str(p)))).run_in_background()
