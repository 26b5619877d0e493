"""Excel in the GUI: import clients/orders, templates, export of the current list, 对账单.

The menu entries are declared in gui/tools_menu.py (added by
MainWindow._build_menus, so they are rebuilt on a language switch), which
imports this module when one is chosen. The work itself is the Qt-free ``gendan_desktop.excel`` package, run
off the GUI thread through operations.QueryOp/CollectionOp; it is imported
only when an action runs (start-up must not load openpyxl/xlsxwriter).

File choosers are the static QFileDialog calls; tests stand them in with
monkeypatch, or pass ``path=`` directly.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, Qt

from .kit.excel_files import ask_open, ask_save
from .kit.operations import QueryOp
from .kit.table_model import IdListModel

EXPORT_CHUNK = 500  # ids per load_rows call in the export worker
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER_RE = re.compile(r"^-?[\d,]*\d(\.\d+)?$")


def tr(text: str) -> str:
    return QCoreApplication.translate("ExcelActions", text)


def ui_lang() -> str:
    from ..core.errors import current_language

    return current_language()


def _status(window, text: str, ms: int = 6000) -> None:
    bar = getattr(window, "statusBar", None)
    if bar is not None:
        bar().showMessage(text, ms)


# ---------------------------------------------------------------- import --
def import_file(window, kind: str, path: str | None = None) -> QueryOp | None:
    """Ask for a file (unless ``path``), read it in a worker, then show the mapping
    dialog. Returns the reading op; its ``dialog`` attribute holds the dialog once shown.
    A refused file shows its sentence (operations.show_error) and nothing else happens."""
    if path is None:
        path = ask_open(window, tr("选择要导入的客户文件") if kind == "clients" else tr("选择要导入的订单文件"))
        if not path:
            return None

    def read():
        from ..excel import importer

        return importer.prepare(path, kind)

    holder = QueryOp(window, read)

    def show(plan) -> None:
        from .import_dialog import ImportDialog

        dialog = holder.dialog = ImportDialog(window, plan)
        dialog.show()
        dialog.raise_()

    return holder.success(show).with_progress(tr("正在读取文件…")).run_in_background()


def save_template(window, kind: str, path: str | None = None) -> QueryOp | None:
    if path is None:
        name = tr("客户导入模板") if kind == "clients" else tr("订单导入模板")
        path = ask_save(window, tr("保存导入模板"), name + ".xlsx")
        if not path:
            return None
    lang = ui_lang()

    def write():
        from ..excel.templates import save_template as save

        return save(kind, path, lang)

    return QueryOp(window, write, success=lambda p: _status(
        window, tr("模板已保存到 %1").replace("%1", str(p)))).run_in_background()


# ---------------------------------------------------------------- export --
def list_pane(window):
    """The ListPane of the current tab, or None when it shows no list."""
    tab = window.current_tab() if hasattr(window, "current_tab") else None
    pane = getattr(tab, "pane", None)
    if pane is None or not isinstance(getattr(pane, "model", None), IdListModel):
        return None
    return pane


def visible_columns(pane) -> list[int]:
    """Logical column indexes in the header's visual order, hidden ones left out."""
    header = pane.table.horizontalHeader()
    out = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if logical >= 0 and not header.isSectionHidden(logical):
            out.append(logical)
    return out


def typed(value, numeric: bool):
    """A display value as Excel should hold it: ISO dates as dates, and in number
    columns ``1,234.50`` as a number. Anything else stays as it is."""
    if value.__class__ is not str:
        return value
    text = value.strip()
    if not text:
        return None
    if _DATE_RE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return value
    if numeric and _NUMBER_RE.match(text):
        plain = text.replace(",", "")
        try:
            return int(plain) if "." not in plain else Decimal(plain)
        except (ValueError, InvalidOperation):
            return value
    return value


def column_kind(values: list) -> str:
    """The exporter kind fitting the sampled (typed) values of one column."""
    seen = [v for v in values if v is not None and v != ""]
    if not seen:
        return "text"
    if all(isinstance(v, dt.datetime) for v in seen):
        return "datetime"
    if all(isinstance(v, dt.date) for v in seen):
        return "date"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return "int"
    if all(isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in seen):
        decimals = {-e for v in seen if isinstance(v, Decimal) and isinstance(e := v.as_tuple().exponent, int)}
        return "money" if decimals <= {0, 2} else "number"
    return "text"


def export_list(model: IdListModel, ids: list[int], columns: list[int], titles: list[str], path,
                progress=None, sheet_name: str = "Sheet1"):
    """Write the rows of ``ids`` (in that order), ``columns`` in that order, to ``path``.

    Runs in a worker: rows come from ``model.export_rows`` (not the model's cache,
    which belongs to the GUI thread) and ``model.export_value``. Returns (path, rows).
    """
    from ..excel.exporter import Column, export_rows

    numeric = [c in model.ALIGN_RIGHT or model.COLUMN_KINDS.get(c) in ("int", "number", "money", "percent")
               for c in columns]
    total = len(ids)

    def chunk_rows(start: int) -> list[list]:
        part = ids[start:start + EXPORT_CHUNK]
        loaded = model.export_rows(part) if part else {}
        out = []
        for id_ in part:
            row = loaded.get(id_)
            if row is not None:  # deleted meanwhile
                out.append([typed(model.export_value(row, c), n) for c, n in zip(columns, numeric)])
        return out

    first = chunk_rows(0)
    kinds = [model.COLUMN_KINDS.get(c) or column_kind([r[i] for r in first]) for i, c in enumerate(columns)]
    cols = [Column(t, k) for t, k in zip(titles, kinds)]
    count = [0]

    def rows():
        chunk, start = first, 0
        while True:
            yield from chunk
            count[0] += len(chunk)
            start += EXPORT_CHUNK
            if progress is not None:
                progress(min(start, total), total)
            if start >= total:
                return
            chunk = chunk_rows(start)

    return export_rows(path, cols, rows(), sheet_name=sheet_name), count[0]


def export_current_list(window, path: str | None = None) -> QueryOp | None:
    """导出当前列表: what the current tab's list shows (filter, sort, column order)."""
    pane = list_pane(window)
    if pane is None:
        _status(window, tr("此页面没有可导出的列表。"))
        return None
    model = pane.model
    columns = visible_columns(pane)
    titles = [str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "") for c in columns]
    read_ids = model.id_reader()  # the ids shown, or read in the worker if not all are known yet
    tab_index = window.tab_widget.currentIndex()
    title = window.tab_widget.tabText(tab_index) if tab_index >= 0 else "list"
    if path is None:
        stamp = dt.date.today().strftime("%Y%m%d")
        path = ask_save(window, tr("导出为 Excel"), f"{title}_{stamp}.xlsx")
        if not path:
            return None

    def op(progress):
        def step(done, total):
            progress.update(done, total, tr("正在导出 %1 / %2 行…").replace("%1", f"{done:,}")
                            .replace("%2", f"{total:,}"))

        return export_list(model, read_ids(), columns, titles, path, step, sheet_name=title)

    def done(result) -> None:
        written, n = result
        _status(window, tr("已导出 %1 行到 %2").replace("%1", f"{n:,}").replace("%2", str(written)))

    return QueryOp(window, op, success=done).with_progress(tr("正在导出…")).run_in_background()


# ------------------------------------------------------------ statements --
def open_statement_dialog(window, client_ids: list[int] | None = None):
    from .clients.statement_dialog import StatementDialog

    dlg = StatementDialog(window, client_ids)
    dlg.show()
    dlg.raise_()
    return dlg
