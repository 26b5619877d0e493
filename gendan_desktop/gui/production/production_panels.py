"""Panels of the 生产跟踪 tab: issued documents, materials and purchases,
production exceptions, and recalled documents still to collect."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget

from ..kit.forms import FieldErrors, fill_enum_combo, form_child, get_value, load_form, set_value
from ..kit.record_text import recall_reason_text, shortages_text
from ..kit.tab_kit import (
    GREY_TEXT,
    RED_TEXT,
    FormDialog,
    RecordTableModel,
    make_table,
    open_dialog,
    reason_dialog,
    run_change,
    selected_row,
    selected_rows,
)
from ..kit.table_model import QT_TR_NOOP

DOC_COLUMNS = [
    ("kind", QT_TR_NOOP("单据")),
    ("number", QT_TR_NOOP("编号")),
    ("rev", QT_TR_NOOP("版本")),
    ("item", QT_TR_NOOP("款号/颜色/尺码")),
    ("quantity", QT_TR_NOOP("数量")),
    ("factory", QT_TR_NOOP("工厂")),
    ("issued_at", QT_TR_NOOP("下发时间")),
    ("printed_copies", QT_TR_NOOP("已打印")),
    ("state", QT_TR_NOOP("状态")),
]
MATERIAL_COLUMNS = [("name", QT_TR_NOOP("物料")), ("spec", QT_TR_NOOP("规格")), ("unit", QT_TR_NOOP("单位")),
                    ("required", QT_TR_NOOP("需求")), ("in_stock", QT_TR_NOOP("库存")),
                    ("on_order", QT_TR_NOOP("在途")), ("received", QT_TR_NOOP("已到")),
                    ("shortage", QT_TR_NOOP("缺口"))]
PURCHASE_COLUMNS = [("material", QT_TR_NOOP("物料")), ("supplier", QT_TR_NOOP("供应商")),
                    ("quantity", QT_TR_NOOP("采购数量")), ("received", QT_TR_NOOP("已到")),
                    ("ordered_date", QT_TR_NOOP("下单日期")), ("due_date", QT_TR_NOOP("到料日期")),
                    ("state", QT_TR_NOOP("状态"))]
EXCEPTION_COLUMNS = [("reported_at", QT_TR_NOOP("日期")), ("kind", QT_TR_NOOP("类型")),
                     ("severity", QT_TR_NOOP("严重程度")), ("card", QT_TR_NOOP("流程卡")),
                     ("description", QT_TR_NOOP("异常情况")), ("status", QT_TR_NOOP("状态")),
                     ("escalated_to", QT_TR_NOOP("上报给")), ("resolution", QT_TR_NOOP("处理结果"))]


def tr(text: str) -> str:
    return QCoreApplication.translate("ProductionPanels", text)


def qty(value: Decimal) -> str:
    from ...core.materials import fmt_qty

    return fmt_qty(value)


def button_bar(*buttons) -> QHBoxLayout:
    bar = QHBoxLayout()
    for b in buttons:
        bar.addWidget(b)
    bar.addStretch(1)
    return bar


class DocumentsPanel(QWidget):
    """Production sheets and flow cards of the order, the recalled ones greyed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order_id = None
        self.dialog = None
        self.model = RecordTableModel(DOC_COLUMNS, self)
        self.view = make_table(self.model, self, multi=True)
        self.view.setObjectName("documentsTable")
        self.recall_button = QPushButton(tr("收回此流程卡…"), self)
        self.recall_button.clicked.connect(self.recall_card)
        self.reassign_button = QPushButton(tr("改派工厂…"), self)
        self.reassign_button.setObjectName("reassignCard")
        self.reassign_button.setToolTip(tr("整张流程卡转给另一家工厂(如备选工厂)"))
        self.reassign_button.clicked.connect(lambda: self.card_factory(split=False))
        self.split_button = QPushButton(tr("拆分给其他工厂…"), self)
        self.split_button.setObjectName("splitCard")
        self.split_button.setToolTip(tr("把一张尚未投产的流程卡按数量分给另一家工厂"))
        self.split_button.clicked.connect(lambda: self.card_factory(split=True))
        lay = QVBoxLayout(self)
        lay.addLayout(button_bar(self.recall_button, self.reassign_button, self.split_button))
        lay.addWidget(self.view, 1)

    def load(self, order_id) -> None:
        from ...core.factories import list_factories
        from ...core.lists.order_tables import documents

        self.order_id = order_id
        rows = []
        names = {f.id: f.name for f in list_factories(active_only=False)} if order_id else {}
        if order_id:
            for kind, d in documents(order_id):
                state = self._state(d)
                item = "" if kind == "production_sheet" else " / ".join(
                    p for p in (d.style, d.colour, d.size) if p) + tr(" 第%1批").replace("%1", str(d.batch_no))
                name = tr("生产单") if kind == "production_sheet" else tr("流程卡")
                rows.append({"id": (kind, d.id), "doc_id": d.id, "doc_kind": kind, "kind": name,
                             "number": d.number, "rev": f"R{d.revision}", "item": item,
                             "quantity": getattr(d, "quantity", None), "issued_at": d.issued_at,
                             "factory": names.get(getattr(d, "factory_id", None), ""),
                             "printed_copies": d.printed_copies, "state": state, "live": d.recalled_at is None,
                             "_fg": GREY_TEXT if d.recalled_at else None,
                             "_tip": recall_reason_text(d.recall_reason) or None})
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    @staticmethod
    def _state(d) -> str:
        from ...core.recalls import outstanding_copies

        if d.recalled_at is None:
            return tr("有效")
        out = outstanding_copies(d)
        if out:
            return tr("已收回,待交回 %1 / %2 份").replace("%1", str(out)).replace("%2", str(d.printed_copies))
        if d.printed_copies:
            return tr("已收回并交回")
        return tr("已作废(未打印,无需交回)")

    def reload(self) -> None:
        self.load(self.order_id)

    def selected_card_ids(self) -> list[int]:
        """Selected flow cards, recalled ones too: those print with the VOID stamp."""
        return [r["doc_id"] for r in selected_rows(self.view) if r["doc_kind"] == "flow_card"]

    def recall_card(self):
        row = selected_row(self.view)
        if row is None or row["doc_kind"] != "flow_card" or not row["live"]:
            return None

        def call(reason: str):
            from ...core.flow_cards import recall_card

            return lambda: recall_card(row["doc_id"], reason)

        dlg = reason_dialog(
            self,
            tr("收回流程卡"),
            tr("收回流程卡 %1?收回后此卡作废,纸卡需交回。").replace("%1", row["number"]),
            call,
            {"flow_card", "recall"},
            placeholder=tr("例如:数量开错,重新下发"),
        )
        return open_dialog(self, dlg, lambda _c: self.reload())


    def card_factory(self, split: bool):
        """改派工厂 (the whole card) or 拆分给其他工厂 (some of its pieces) for the selected live card."""
        from .card_factory_dialog import open_card_factory_dialog

        row = selected_row(self.view)
        if row is None or row["doc_kind"] != "flow_card" or not row["live"]:
            QMessageBox.information(self, tr("流程卡工厂"), tr("请先选择一张有效的流程卡。"))
            return None
        return open_card_factory_dialog(self, row, split, lambda _c: self.reload())


class MaterialsPanel(QWidget):
    """备料: what the order needs, stock, purchases on order and received."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order_id = None
        self.dialog = None
        self.form = load_form("material_form.ui", self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.errors = FieldErrors(self.form, self.message)
        form_child(self.form, QWidget, "add_material_button").clicked.connect(self.add_material)
        self.materials = RecordTableModel(MATERIAL_COLUMNS, self,
                                          right={"required", "in_stock", "on_order", "received", "shortage"})
        self.purchases = RecordTableModel(PURCHASE_COLUMNS, self, right={"quantity", "received"})
        self.materials_view = make_table(self.materials, self)
        self.materials_view.setObjectName("materialsTable")
        self.purchases_view = make_table(self.purchases, self)
        self.purchases_view.setObjectName("purchasesTable")
        self.summary = QLabel(self)
        self.purchase_button = QPushButton(tr("采购此物料…"), self)
        self.receive_button = QPushButton(tr("登记到货…"), self)
        self.purchase_button.clicked.connect(self.new_purchase)
        self.receive_button.clicked.connect(self.receive)
        split = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(split)
        v = QVBoxLayout(top)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.summary)
        v.addWidget(self.materials_view)
        v.addLayout(button_bar(self.purchase_button))
        bottom = QWidget(split)
        v = QVBoxLayout(bottom)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(QLabel(tr("采购跟单"), bottom))
        v.addWidget(self.purchases_view)
        v.addLayout(button_bar(self.receive_button))
        split.addWidget(top)
        split.addWidget(bottom)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)

    def load(self, order_id) -> None:
        from ...core.materials import material_figures, purchases_for_order

        self.order_id = order_id
        figures = material_figures(order_id) if order_id else []
        self.materials.set_rows([{"id": f.material_id, "name": f.name + (tr("(客供)") if f.supplied_by_client else ""),
                                  "spec": f.spec, "unit": f.unit, "required": qty(f.required),
                                  "in_stock": qty(f.in_stock), "on_order": qty(f.on_order),
                                  "received": qty(f.received), "shortage": qty(f.shortage) if f.shortage else "",
                                  "_fg": RED_TEXT if f.shortage else None} for f in figures])
        today = dt.date.today()
        rows = []
        for p in (purchases_for_order(order_id) if order_id else []):
            done = p.received_qty >= p.quantity
            late = not done and p.due_date < today
            rows.append(
                {
                    "id": p.id,
                    "material": p.material.name,
                    "supplier": p.supplier,
                    "quantity": qty(p.quantity),
                    "received": qty(p.received_qty),
                    "ordered_date": p.ordered_date,
                    "due_date": p.due_date,
                    "unit": p.material.unit,
                    "outstanding": p.quantity - p.received_qty,
                    "state": tr("已到齐")
                    if done
                    else (tr("逾期 %1 天").replace("%1", str((today - p.due_date).days)) if late else tr("未到齐")),
                    "_fg": RED_TEXT if late else None,
                }
            )
        self.purchases.set_rows(rows)
        short = [f for f in figures if f.shortage]
        if not figures:
            self.summary.setText(tr("尚未登记物料(开始生产前可在上面添加)。"))
        elif short:
            self.summary.setText(tr("物料不足:%1").replace("%1", shortages_text(short)))
        else:
            self.summary.setText(tr("物料已齐备。"))
        self.form.setEnabled(order_id is not None)

    def reload(self) -> None:
        self.load(self.order_id)

    def add_material(self):
        if self.order_id is None:
            return None
        order_id = self.order_id
        names = ("name", "spec", "unit", "consumption_per_piece", "loss_rate_pct", "in_stock", "supplied_by_client")
        values = {n: get_value(form_child(self.form, QWidget, n)) for n in names}
        for n in ("consumption_per_piece", "loss_rate_pct", "in_stock"):
            values[n] = Decimal(str(values[n]))
        name, consumption = values.pop("name"), values.pop("consumption_per_piece")

        def call():
            from ...core.materials import add_material

            return add_material(order_id, name, consumption, **values)

        def done(_m):
            for n in ("name", "spec"):
                set_value(form_child(self.form, QWidget, n), "")
            self.reload()
        return run_change(self, call, {"material"}, done, errors=self.errors)

    def new_purchase(self):
        row = selected_row(self.materials_view)
        if row is None:
            self.summary.setText(tr("请先在上表中选择要采购的物料。"))
            return None

        def make(dlg: FormDialog):
            v = {k: dlg.value(k) for k in ("supplier", "ordered_date", "due_date", "notes")}
            quantity = Decimal(str(dlg.value("quantity")))

            def call():
                from ...core.materials import create_purchase

                return create_purchase(row["id"], v["supplier"], quantity, v["due_date"], v["ordered_date"], v["notes"])
            return call

        dlg = FormDialog(
            self, "purchase_form.ui", tr("采购 %1").replace("%1", row["name"]), make, {"purchase", "material"}
        )
        dlg.set("ordered_date", dt.date.today())
        dlg.optional_date("due_date")
        dlg.set("due_date", None)
        short = row["shortage"]
        if short:
            dlg.set("quantity", float(short))
        return open_dialog(self, dlg, lambda _p: self.reload())

    def receive(self):
        row = selected_row(self.purchases_view)
        if row is None:
            return None

        def make(dlg: FormDialog):
            quantity = Decimal(str(dlg.value("quantity")))
            date, excess = dlg.value("received_date"), dlg.value("allow_excess")

            def call():
                from ...core.materials import receive_purchase

                return receive_purchase(row["id"], quantity, date, allow_excess=excess)
            return call
        dlg = FormDialog(self, "receive_form.ui", tr("登记到货"), make, {"purchase", "material"})
        dlg.field("receive_info").setText(tr("%1,供应商 %2:采购 %3,已到 %4。").replace("%1", row["material"])
                                          .replace("%2", row["supplier"]).replace("%3", row["quantity"])
                                          .replace("%4", row["received"]))
        dlg.set("quantity", float(max(row["outstanding"], 0)))
        dlg.set("received_date", dt.date.today())
        return open_dialog(self, dlg, lambda _p: self.reload())


class ExceptionsPanel(QWidget):
    """生产异常 of the order: report, escalate, resolve."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order_id = None
        self.dialog = None
        self.model = RecordTableModel(EXCEPTION_COLUMNS, self)
        self.view = make_table(self.model, self)
        self.view.setObjectName("exceptionsTable")
        self.report_button = QPushButton(tr("报告异常…"), self)
        self.escalate_button = QPushButton(tr("上报…"), self)
        self.resolve_button = QPushButton(tr("已解决…"), self)
        self.report_button.clicked.connect(self.report)
        self.escalate_button.clicked.connect(self.escalate)
        self.resolve_button.clicked.connect(self.resolve)
        lay = QVBoxLayout(self)
        lay.addLayout(button_bar(self.report_button, self.escalate_button, self.resolve_button))
        lay.addWidget(self.view, 1)

    def load(self, order_id) -> None:
        from ...core.enums import label
        from ...core.lists.order_tables import card_numbers
        from ...core.production_exceptions import exceptions_for_order

        self.order_id = order_id
        rows = []
        excs = exceptions_for_order(order_id) if order_id else []
        cards = card_numbers([e.card_id for e in excs if e.card_id])
        for e in excs:
            rows.append({"id": e.id, "reported_at": e.reported_at, "kind": label("exception_kind", e.kind),
                         "severity": label("severity", e.severity), "card": cards.get(e.card_id, ""),
                         "description": e.description, "status": label("exception_status", e.status),
                         "status_value": e.status, "escalated_to": e.escalated_to, "resolution": e.resolution,
                         "_fg": RED_TEXT if e.status != "resolved" and e.severity in ("high", "critical") else
                         (GREY_TEXT if e.status == "resolved" else None)})
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.report_button.setEnabled(order_id is not None)

    def reload(self) -> None:
        self.load(self.order_id)

    def report(self):
        if self.order_id is None:
            return None
        order_id = self.order_id

        def make(dlg: FormDialog):
            v = {k: dlg.value(k) for k in ("kind", "severity", "description", "date")}
            card = dlg.field("card", QComboBox).currentData()

            def call():
                from ...core.production_exceptions import report_exception

                return report_exception(order_id, v["kind"], v["severity"], v["description"], card, date=v["date"])
            return call
        dlg = FormDialog(self, "exception_form.ui", tr("报告生产异常"), make, {"exception"})
        fill_enum_combo(dlg.field("kind"), "exception_kind")
        fill_enum_combo(dlg.field("severity"), "severity")
        dlg.set("severity", "medium")
        dlg.set("date", dt.date.today())
        from ...core.flow_cards import cards_for_order

        combo = dlg.field("card")
        combo.addItem(tr("(整张订单)"), None)
        for c in cards_for_order(order_id):
            combo.addItem(f"{c.number} {c.style} {c.colour} {c.size}".strip(), c.id)
        return open_dialog(self, dlg, lambda _e: self.reload())

    def _act(self, title: str, prompt: str, fn_name: str, label: str, placeholder: str):
        row = selected_row(self.view)
        if row is None or row["status_value"] == "resolved":
            return None

        def call(text: str):
            from ...core import production_exceptions as pe

            return lambda: getattr(pe, fn_name)(row["id"], text)
        dlg = reason_dialog(self, title, prompt, call, {"exception"}, label=label, placeholder=placeholder)
        return open_dialog(self, dlg, lambda _e: self.reload())

    def escalate(self):
        return self._act(tr("上报异常"), tr("上报给谁(如厂长、老板、客户)?"), "escalate", tr("上报给谁"),
                         tr("例如:厂长、老板"))

    def resolve(self):
        return self._act(tr("异常已解决"), tr("采取了什么措施,结果如何?"), "resolve", tr("处理结果"),
                         tr("例如:已换备用布料,返工 40 件,交期不变"))
