"""改单原因: the dialog asking why a confirmed order is revised; OK saves the
revision (core.revisions.revise_order_changes) off the GUI thread. An error about
the form rather than the reason closes it and shows in the editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..kit.tab_kit import FormDialog, open_dialog, reason_dialog

if TYPE_CHECKING:
    from .order_editor import OrderEditor


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderEditor", text)


def ask_revision_reason(editor: OrderEditor, changes: dict, lines: list[dict]) -> FormDialog:
    order = editor.order

    def call(reason: str):
        from ...core.revisions import revise_order_changes

        return lambda: revise_order_changes(order.id, reason, changes, lines, order.version)
    dlg = reason_dialog(editor, tr("改单原因"),
                        tr("订单 %1 将生成新版本:生产单收回后需重新下发;只有改动的明细行的流程卡会被收回,"
                           "其余流程卡和已登记的进度保留。请填写改单原因:")
                        .replace("%1", order.number), call, (),
                        ok_text=tr("保存改单"), placeholder=tr("例如:客户邮件要求改颜色"))
    base_failed = dlg.on_failed

    def failed(exc):
        from ...core.errors import ValidationError

        if isinstance(exc, ValidationError) and exc.field != "reason":
            dlg.reject()
            editor.show_error(exc)
        else:
            base_failed(exc)
    dlg.on_failed = failed
    return open_dialog(editor, dlg, editor.saved_order)
