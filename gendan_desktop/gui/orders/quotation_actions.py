"""The quotation editor's status actions: mark sent, issue the PI, preview and
print, turn into an order. Each works on the saved quotation, so unsaved edits
are asked to be saved first; each runs its service as a background op."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..kit.operations import CollectionOp

if TYPE_CHECKING:
    from .quotation_editor import QuotationEditor


def tr(text: str) -> str:
    return QCoreApplication.translate("QuotationEditor", text)


def saved_first(editor: QuotationEditor) -> bool:
    if editor.quotation is None or editor.is_dirty():
        editor.errors.show(None, tr("请先保存报价单的修改。"))
        return False
    editor.errors.clear()
    return True


def mark_sent(editor: QuotationEditor) -> CollectionOp | None:
    if not saved_first(editor):
        return None
    qid = editor.quotation.id

    def call():
        from ...core.quotations import mark_sent

        return mark_sent(qid)
    return editor.run_change(call)


def issue_pi(editor: QuotationEditor) -> CollectionOp | None:
    if not saved_first(editor):
        return None
    qid = editor.quotation.id

    def call():
        from ...core.quotations import issue_pi

        return issue_pi(qid)
    return editor.run_change(call)


def preview(editor: QuotationEditor):
    if not saved_first(editor):
        return None
    from ..kit import printing_actions

    return printing_actions.preview_quotation(editor, editor.quotation.id)


def to_order(editor: QuotationEditor):
    """The 报价单转订单 dialog of order_records; on OK the order is created."""
    if not saved_first(editor):
        return None
    from .quotation_order import open_order_from_quotation_dialog

    q = editor.quotation

    def done(order) -> None:
        editor.load(q.id)
        editor.saved.emit(q.id)
        editor.order_created.emit(order.id)
    return open_order_from_quotation_dialog(editor, q.id, q.number, done)
