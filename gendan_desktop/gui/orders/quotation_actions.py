"""The quotation editor's actions beside editing: a new quotation's header, and the
status actions (mark sent, issue the PI, preview and print, turn into an order).
Each status action works on the saved quotation, so unsaved edits are asked to be
saved first; each runs its service as a background op."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..kit.operations import CollectionOp

if TYPE_CHECKING:
    from .quotation_editor import QuotationEditor


def tr(text: str) -> str:
    return QCoreApplication.translate("QuotationEditor", text)


def new_quotation_values(client_id: int | None) -> dict:
    """The header of a new quotation: the client's currency (its usual rate) and payment terms."""
    from ...core.lists.client_tables import client as find_client
    from ...core.quotations import usual_rate

    client = find_client(client_id)
    currency = (client.default_currency if client else "") or "USD"
    return {"date": dt.date.today(), "currency": currency, "exchange_rate": usual_rate(currency), "margin_pct": "20",
            "valid_until": dt.date.today() + dt.timedelta(days=30), "trade_terms": "FOB",
            "payment_terms": client.payment_terms if client else "", "notes": ""}


def saved_first(editor: QuotationEditor) -> bool:
    if editor.quotation is None or editor.is_dirty():
        editor.errors.show(None, tr("请先保存报价单的修改。"))
        return False
    editor.errors.clear()
    return True


def mark_sent(editor: QuotationEditor) -> CollectionOp | None:
    return _status_change(editor, "mark_sent")


def issue_pi(editor: QuotationEditor) -> CollectionOp | None:
    return _status_change(editor, "issue_pi")


def _status_change(editor: QuotationEditor, service: str) -> CollectionOp | None:
    """core.quotations.<service>(id) on the saved quotation, as a background op."""
    if not saved_first(editor):
        return None
    qid = editor.quotation.id

    def call():
        from ...core import quotations

        return getattr(quotations, service)(qid)
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
