"""改派工厂 / 拆分给其他工厂: a flow card, or some of its pieces, to another factory.

"Have a few backup factories: if one cannot make it, switch to another"
(handbook). Reassigning moves the whole card (core.factories.assign_card);
splitting recalls a card not yet started and issues two in its place, the
pieces typed going to the chosen factory (core.production.split_card).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

from ..kit.tab_kit import FormDialog, open_dialog


def tr(text: str) -> str:
    return QCoreApplication.translate("CardFactoryDialog", text)


def open_card_factory_dialog(owner, row: dict, split: bool, on_done) -> FormDialog:
    """``row`` is a documents-panel row of a live card (doc_id, number, item, quantity, factory)."""
    from ...core.enums import label
    from ...core.factories import list_factories

    card_id = row["doc_id"]

    def make(dlg: FormDialog):
        factory, qty = dlg.field("factory", QComboBox).currentData(), dlg.value("quantity")

        def call():
            from ...core import factories, production

            if split:
                return production.split_card(card_id, qty, factory)
            return factories.assign_card(card_id, factory)
        return call
    title = tr("拆分流程卡 %1") if split else tr("改派流程卡 %1")
    dlg = FormDialog(owner, "card_factory_form.ui", title.replace("%1", row["number"]), make, {"flow_card", "recall"})
    dlg.field("card_info", QLabel).setText(tr("%1:%2,%3 件,现由 %4 生产。").replace("%1", row["number"])
                                   .replace("%2", row["item"]).replace("%3", f"{row['quantity']:,}")
                                   .replace("%4", row["factory"] or tr("订单指定的工厂")))
    combo = dlg.field("factory", QComboBox)
    for f in list_factories():
        combo.addItem(f"{f.name}({label('factory_kind', f.kind)})", f.id)
    dlg.field("quantity", QSpinBox).setMaximum(max(row["quantity"] - 1, 1))
    dlg.set("quantity", max(row["quantity"] // 2, 1))
    for name in ("quantity", "quantity_label"):
        dlg.field(name).setVisible(split)
    return open_dialog(owner, dlg, on_done)
