"""The Tools menu's entries: declared here, the work loaded when one is chosen.

Start-up builds the menus before the window shows; the modules that do the
work (gui/excel_actions.py, gui/workbench/handover_dialog.py and what they
import) load on the first use of an entry, not at start.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QCoreApplication


def excel_tr(text: str) -> str:
    return QCoreApplication.translate("ExcelActions", text)


def handover_tr(text: str) -> str:
    return QCoreApplication.translate("HandOver", text)


def _run(module: str, name: str, *args):
    """Call ``name`` of ``gendan_desktop.gui.<module>`` (imported now) with ``args``."""
    return getattr(importlib.import_module(f"gendan_desktop.gui.{module}"), name)(*args)


def add_actions(window, menu) -> None:
    """Add the Excel entries and 工作交接… to ``menu`` (the window's Tools menu)."""
    a = window._action
    x = "excel_actions"
    menu.addAction(a("import_clients", excel_tr("导入客户…"), lambda: _run(x, "import_file", window, "clients")))
    menu.addAction(a("import_orders", excel_tr("导入订单…"), lambda: _run(x, "import_file", window, "orders")))
    sub = menu.addMenu(excel_tr("保存导入模板"))
    sub.setObjectName("templateMenu")
    sub.addAction(a("template_clients", excel_tr("客户导入模板…"), lambda: _run(x, "save_template", window, "clients")))
    sub.addAction(a("template_orders", excel_tr("订单导入模板…"), lambda: _run(x, "save_template", window, "orders")))
    menu.addSeparator()
    menu.addAction(a("export_list", excel_tr("导出当前列表…"),
                     lambda: _run(x, "export_current_list", window), "Ctrl+E"))
    menu.addAction(a("statements", excel_tr("对账单…"), lambda: _run(x, "open_statement_dialog", window)))
    menu.addSeparator()
    menu.addAction(a("handover", handover_tr("工作交接…"),
                     lambda: _run("workbench.handover_dialog", "open_handover", window)))
