"""收回: the recalled production sheets and flow cards whose printed copies are still out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ..kit.record_text import recall_reason_text
from ..kit.tab_kit import FormDialog, RecordTableModel, make_table, open_dialog, run_change, selected_rows
from ..kit.table_model import QT_TR_NOOP
from .production_panels import button_bar

RECALL_COLUMNS = [("kind", QT_TR_NOOP("单据")), ("number", QT_TR_NOOP("编号")),
                  ("order_number", QT_TR_NOOP("订单号")), ("rev", QT_TR_NOOP("版本")),
                  ("recalled_at", QT_TR_NOOP("收回时间")), ("printed_copies", QT_TR_NOOP("已打印份数")),
                  ("returned_copies", QT_TR_NOOP("已交回份数")), ("outstanding", QT_TR_NOOP("待交回份数")),
                  ("recall_reason", QT_TR_NOOP("原因"))]


def tr(text: str) -> str:
    return QCoreApplication.translate("ProductionPanels", text)


class RecallsPanel(QWidget):
    """Recalled production sheets and flow cards whose paper is not back (all orders)."""

    order_wanted = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = RecordTableModel(RECALL_COLUMNS, self)
        self.view = make_table(self.model, self, multi=True)
        self.view.setObjectName("recallsTable")
        self.view.activated.connect(self._open)  # double-click or Enter
        self.info = QLabel(self)
        self.returned_button = QPushButton(tr("登记已交回"), self)
        self.returned_button.setObjectName("markReturned")
        self.returned_button.clicked.connect(self.mark_returned)
        lay = QVBoxLayout(self)
        lay.addLayout(button_bar(self.info, self.returned_button))
        lay.addWidget(self.view, 1)

    def load(self, _order_id=None) -> None:
        from ...core.errors import current_language
        from ...core.recalls import outstanding_recalls

        en = current_language() == "en"
        rows = [{"id": (r["kind"], r["id"]), "kind": r["kind_en"] if en else r["kind_zh"], "number": r["number"],
                 "order_number": r["order_number"], "order_id": r["order_id"], "rev": f"R{r['revision']}",
                 "recalled_at": r["recalled_at"], "printed_copies": r["printed_copies"],
                 "returned_copies": r["returned_copies"], "outstanding": r["outstanding"],
                 "recall_reason": recall_reason_text(r["recall_reason"])} for r in outstanding_recalls()]
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.info.setText(tr("共 %1 份单据待收回,%2 份纸质未交回").replace("%1", str(len(rows)))
                          .replace("%2", str(sum(r["outstanding"] for r in rows))))

    def reload(self) -> None:
        self.load()

    def _open(self, index) -> None:
        row = self.model.row(index.row())
        if row:
            self.order_wanted.emit(row["order_id"])

    def mark_returned(self):
        """Selected documents are back: one with several copies out asks how many
        came back (N of M); several selected rows return all their copies."""
        rows = selected_rows(self.view)
        if not rows:
            return None
        if len(rows) == 1 and rows[0]["outstanding"] > 1:
            return self._return_some(rows[0])
        docs = [r["id"] for r in rows]

        def call():
            from ...core.recalls import mark_returned

            return [mark_returned(kind, doc_id) for kind, doc_id in docs]
        return run_change(self, call, {"recall", "production_sheet", "flow_card"}, lambda _r: self.reload())

    def _return_some(self, row: dict):
        kind, doc_id = row["id"]

        def make(dlg: FormDialog):
            copies = int(dlg.value("copies"))

            def call():
                from ...core.recalls import mark_returned

                return mark_returned(kind, doc_id, copies)
            return call
        dlg = FormDialog(self, "return_copies_form.ui", tr("登记交回:%1 %2").replace("%1", row["kind"])
                         .replace("%2", row["number"]), make, {"recall", "production_sheet", "flow_card"})
        dlg.field("copies_info", QLabel).setText(
            tr("已打印 %1 份,已交回 %2 份,还有 %3 份未交回。本次交回几份?").replace("%1", str(row["printed_copies"]))
            .replace("%2", str(row["returned_copies"])).replace("%3", str(row["outstanding"])))
        spin = dlg.field("copies", QSpinBox)
        spin.setRange(1, row["outstanding"])
        spin.setValue(row["outstanding"])
        return open_dialog(self, dlg, lambda _d: self.reload())
