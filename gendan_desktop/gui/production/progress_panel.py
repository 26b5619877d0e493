"""Production progress of one order: the cards × steps grid and progress entry.

Entry works by typing or by the scan box: a USB barcode scanner types the flow
card number followed by Enter; the card's next unfinished step is selected,
the quantities pre-filled, and the cursor put in "good" so the merchandiser
types the figure and presses Enter again. Then the scan box has the focus for
the next card.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QVBoxLayout, QWidget

from ..kit.forms import FieldErrors, form_child, get_value, load_form, set_value
from ..kit.list_view import ListTable
from ..kit.tab_kit import GREEN, GREEN_TEXT, GREY_TEXT, RED, YELLOW, run_change
from ..kit.table_model import QT_TR_NOOP, header_text

CELL_ROLE = Qt.ItemDataRole.UserRole + 10  # (card id, step seq) of a grid cell, or None
FIXED = [QT_TR_NOOP("流程卡号"), QT_TR_NOOP("批次"), QT_TR_NOOP("款号/颜色/尺码"), QT_TR_NOOP("数量")]


def tr(text: str) -> str:
    return QCoreApplication.translate("ProgressPanel", text)


class ProgressGridModel(QAbstractTableModel):
    """Rows: the live flow cards of the order, then a totals row. Columns: four
    fixed ones, then one per process step showing good / card quantity."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = None

    def set_grid(self, grid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def _steps(self) -> list[str]:
        return self.grid.columns if self.grid is not None else []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() or self.grid is None or not self.grid.rows:
            return 0
        return len(self.grid.rows) + 1

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(FIXED) + len(self._steps())

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if 0 <= section < len(FIXED):
            return header_text(FIXED[section])
        steps = self._steps()
        i = section - len(FIXED)
        if 0 <= i < len(steps):
            from ...core.routes import step_label

            return f"{i + 1}. {step_label(steps[i])}"
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < self.rowCount() and 0 <= c < self.columnCount()):
            return None
        total_row = r == len(self.grid.rows)
        if c < len(FIXED):
            return self._card_data(r, c, role, total_row)
        i = c - len(FIXED)
        if total_row:
            return self._total_data(i, role)
        row = self.grid.rows[r]
        cell = row.cells[i] if i < len(row.cells) else None
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{cell.qty_good:,} / {row.quantity:,}"
            if cell.qty_defect:
                text += " " + tr("次%1").replace("%1", str(cell.qty_defect))
            if cell.qty_lost:
                text += " " + tr("差%1").replace("%1", str(cell.qty_lost))
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if row.recalled and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            return self._recalled_role(row, role)  # void: grey text, no progress colours
        if role == Qt.ItemDataRole.BackgroundRole:
            return GREEN if cell.finished_at is not None else RED if cell.late else YELLOW if cell.qty_in else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._step_tooltip(cell)
        if role == CELL_ROLE:
            return (row.card_id, cell.seq)
        return None

    def _card_data(self, r: int, c: int, role, total_row: bool):
        """The fixed columns: card number, batch, style / colour / size, quantity (and their total)."""
        if role == Qt.ItemDataRole.DisplayRole:
            if total_row:
                return tr("合计") if c == 0 else (
                    f"{sum(x.quantity for x in self.grid.rows if x.counted):,}" if c == 3 else "")
            row = self.grid.rows[r]
            number = row.number + (" " + tr("(作废)") if row.recalled else "")
            return (number, str(row.batch_no), " / ".join(p for p in (row.style, row.colour, row.size) if p),
                    f"{row.quantity:,}")[c]
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (1, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not total_row:
            return self._recalled_role(self.grid.rows[r], role)
        return None

    def _total_data(self, i: int, role):
        t = self.grid.totals[i] if i < len(self.grid.totals) else None
        if t is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{t.qty_good:,} / {t.planned_qty:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _step_tooltip(cell) -> str:
        parts = [tr("计划完成:%1").replace("%1", cell.planned_date.isoformat() if cell.planned_date else "—"),
                 tr("投入 %1,良品 %2,次品 %3").replace("%1", str(cell.qty_in)).replace("%2", str(cell.qty_good))
                 .replace("%3", str(cell.qty_defect))]
        if cell.finished_at:
            parts.append(tr("完成于 %1").replace("%1", cell.finished_at.isoformat()))
        elif cell.late:
            parts.append(tr("已超过计划日期"))
        return "\n".join(parts)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def _recalled_role(row, role):
        """A recalled card's row: grey, and saying why its progress is still shown."""
        if not row.recalled:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return GREY_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("此卡已收回作废(%1),已登记的进度保留可查,不计入合计。").replace("%1", row.recall_reason or "—") \
                if not row.counted else tr("订单已取消,此卡已作废;已登记的进度保留可查。")
        return None


def next_step(card, steps):
    """(step, qty it can take in now): the first unfinished step that has pieces
    waiting, else the first unfinished one; (None, 0) when all are finished."""
    available, first = card.quantity, None
    for s in steps:
        if s.finished_at is None:
            waiting = max(available - s.qty_in, 0)
            if first is None:
                first = (s, waiting)
            if waiting > 0:
                return s, waiting
        available = s.qty_good
    return first if first is not None else (None, 0)


class ProgressPanel(QWidget):
    order_wanted = Signal(int)  # a scanned card belongs to another order: show it
    recorded = Signal(int)  # order id, after a progress entry

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order_id: int | None = None
        self.card = None
        self.form = load_form("progress_entry.ui", self)
        self.scan_box = form_child(self.form, QWidget, "scan")
        self.scan_box.setObjectName("scan")
        self.card_info = form_child(self.form, QLabel, "card_info")
        self.step_combo = self.field("step")
        self.message = form_child(self.form, QLabel, "entry_error")
        self.message.setObjectName("entry_error")
        self.errors = FieldErrors(self.form, self.message)
        self.record_button = self.field("record_button")
        self.record_button.clicked.connect(self.record)
        # Enter is taken by an event filter, so the scan box's Enter never reaches
        # the entry fields (and vice versa): scan box → look up; a field → record
        self.scan_box.installEventFilter(self)
        for name in ("qty_in", "qty_good", "qty_defect", "operator", "date", "step"):
            self.field(name).installEventFilter(self)
        self.step_combo.currentIndexChanged.connect(lambda _i: self._prefill())
        for name in ("qty_in", "qty_good", "qty_defect"):
            self.field(name).setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        set_value(self.field("date"), dt.date.today())
        self._compact_entry()
        self.model = ProgressGridModel(self)
        self.view = ListTable(self)
        self.view.setObjectName("progressGrid")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(ListTable.SelectItems)
        self.view.setSelectionMode(ListTable.SingleSelection)
        self.view.horizontalHeader().setSectionsMovable(False)
        self.view.clicked.connect(self._cell_clicked)
        self.legend = QLabel(tr("绿色:已完成;黄色:进行中;红色:已超过计划日期。每格:良品 / 卡数量。"), self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.legend)
        self._set_entry_enabled(False)

    def field(self, name: str):
        return form_child(self.form, QWidget, name)

    def _compact_entry(self) -> None:
        # quantities are short numbers: keep the fields at their size, left-aligned
        from PySide6.QtWidgets import QFormLayout, QHBoxLayout

        for lay in self.form.findChildren(QFormLayout):
            if lay.objectName().startswith("column"):
                lay.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for name in ("qty_in", "qty_good", "qty_defect"):
            self.field(name).setMinimumWidth(90)
        self.field("operator").setMinimumWidth(120)
        self.step_combo.setMinimumWidth(140)
        row = self.form.findChild(QHBoxLayout, "columnsLayout")
        if row is not None:
            row.addStretch(1)
        self.record_button.setMaximumWidth(220)

    def _set_entry_enabled(self, on: bool) -> None:
        for name in ("step", "qty_in", "qty_good", "qty_defect", "operator", "date", "record_button"):
            self.field(name).setEnabled(on)

    # ---------------------------------------------------------------- data
    def load(self, order_id: int | None) -> None:
        from ...core.progress_queries import progress_grid

        if order_id != self.order_id and self.card is not None and self.card.order_id != order_id:
            self.clear_card()
        self.order_id = order_id
        self.model.set_grid(progress_grid(order_id) if order_id else None)
        self.view.resizeColumnsToContents()

    def reload(self) -> None:
        self.load(self.order_id)

    def clear_card(self) -> None:
        self.card = None
        self.card_info.setText("—")
        self.step_combo.clear()
        self._set_entry_enabled(False)

    # ---------------------------------------------------------------- scan
    def scan(self, text: str | None = None) -> bool:
        """Look up the card typed or scanned into the scan box; True if found and live."""
        from ...core.errors import GendanError
        from ...core.orders import get_order
        from ...core.progress import card_by_number, check_card_live

        text = self.scan_box.text() if text is None else text
        self.errors.clear()
        try:
            card = card_by_number(text)
            check_card_live(card, get_order(card.order_id))
        except GendanError as exc:
            self.clear_card()
            self._say(str(exc), error=True)
            self.scan_box.selectAll()
            self.scan_box.setFocus()
            return False
        if card.order_id != self.order_id:
            self.order_wanted.emit(card.order_id)  # the tab shows that order (and calls load)
            if self.order_id != card.order_id:
                self.load(card.order_id)
        self.set_card(card)
        return True

    def set_card(self, card, seq: int | None = None) -> None:
        from ...core.progress import card_steps
        from ...core.routes import step_label

        self.card = card
        self.errors.clear()  # a message about the card shown before (a red "not found") is stale now
        steps = card_steps(card)
        step, _waiting = next_step(card, steps)
        self.card_info.setText(tr("%1:第 %2 批,%3,%4 件").replace("%1", card.number).replace("%2", str(card.batch_no))
                               .replace("%3", " / ".join(p for p in (card.style, card.colour, card.size) if p))
                               .replace("%4", f"{card.quantity:,}"))
        self.step_combo.blockSignals(True)
        self.step_combo.clear()
        for s in steps:
            done = tr("(已完成)") if s.finished_at else ""
            self.step_combo.addItem(f"{s.seq}. {step_label(s.name)} {done}".strip(), s.seq)
        want = seq if seq is not None else (step.seq if step is not None else None)
        if want is not None:
            self.step_combo.setCurrentIndex(max(self.step_combo.findData(want), 0))
        self.step_combo.blockSignals(False)
        self._set_entry_enabled(True)
        self._prefill(steps)
        if step is None and seq is None:
            self._say(tr("流程卡 %1 的所有工序都已完成。").replace("%1", card.number))
        qty_good = self.field("qty_good")
        qty_good.setFocus()
        qty_good.selectAll()

    def _prefill(self, steps=None) -> None:
        from ...core.progress import card_steps

        if self.card is None:
            return
        steps = steps if steps is not None else card_steps(self.card)
        seq = self.step_combo.currentData()
        available = self.card.quantity
        for s in steps:
            if s.seq == seq:
                waiting = max(available - s.qty_in, 0)
                set_value(self.field("qty_in"), waiting)
                set_value(self.field("qty_good"), waiting)
                set_value(self.field("qty_defect"), 0)
                return
            available = s.qty_good

    def _cell_clicked(self, index) -> None:
        from ...core.errors import NotFound
        from ...core.progress import get_card

        key = index.data(CELL_ROLE)
        if key is None:
            return
        try:
            card = get_card(int(key[0]))
        except NotFound:  # deleted since the grid was read
            card = None
        if card is not None:
            self.errors.clear()
            self.set_card(card, key[1])

    # -------------------------------------------------------------- record
    def record(self):
        from ...core.errors import ValidationError

        if self.card is None:
            self.errors.show(None, tr("请先扫描或输入流程卡号。"))
            self.scan_box.setFocus()
            return None
        card_id, seq = self.card.id, self.step_combo.currentData()
        try:
            values = {k: get_value(self.field(k)) for k in ("qty_in", "qty_good", "qty_defect", "operator", "date")}
        except ValidationError as exc:  # a date that is no date
            self.errors.show_exception(exc)
            return None
        if values["qty_good"] + values["qty_defect"] > values["qty_in"]:
            self.errors.show_exception(ValidationError(
                f"良品 {values['qty_good']} + 次品 {values['qty_defect']} 超过了投入 {values['qty_in']},请核对数量。",
                f"Good {values['qty_good']} + defect {values['qty_defect']} exceed qty in {values['qty_in']}.",
                field="qty_good"))
            return None
        if not values["operator"]:
            self.errors.show_exception(ValidationError("请填写操作员(谁做的这道工序)。",
                                                       "Enter the operator (who did this step).", field="operator"))
            self.field("operator").setFocus()
            return None
        confirm = self._confirm_gap(values)
        if confirm is None:
            return None

        def call():
            from ...core.production import record_progress

            return record_progress(card_id, seq, **values, confirm_gap=confirm)
        return run_change(self, call, {"flow_card_step", "flow_card"}, self._recorded, errors=self.errors)

    def _confirm_gap(self, values: dict) -> bool | None:
        """Pieces put in but neither good nor defect: ask (True = record them as missing,
        None = go back and correct); False when every piece is accounted for."""
        from PySide6.QtWidgets import QMessageBox

        from ...core.progress import progress_gap

        gap = progress_gap(values["qty_in"], values["qty_good"], values["qty_defect"])
        if not gap:
            return False
        answer = QMessageBox.question(
            self,
            tr("数量对不上"),
            tr(
                "投入 %1 件,良品 %2 + 次品 %3 = %4 件,还差 %5 件。\n\n确认这 %5 件短少(丢失、待返工),按差异登记吗?"
                "选“否”返回修改数量。"
            )
            .replace("%1", str(values["qty_in"]))
            .replace("%2", str(values["qty_good"]))
            .replace("%3", str(values["qty_defect"]))
            .replace("%4", str(values["qty_good"] + values["qty_defect"]))
            .replace("%5", str(gap)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            return True
        self.field("qty_good").setFocus()
        self.field("qty_good").selectAll()
        return None

    def _recorded(self, report) -> None:
        from ...core.progress import get_card

        card = get_card(int(self.card.id))
        self.reload()
        self.set_card(card)
        self._say(tr("已登记 %1 工序 %2:投入 %3,良品 %4,次品 %5。").replace("%1", card.number)
                  .replace("%2", str(self.step_combo.itemText(self.step_combo.findData(report.step.seq))))
                  .replace("%3", str(report.qty_in)).replace("%4", str(report.qty_good))
                  .replace("%5", str(report.qty_defect)))
        self.scan_box.clear()
        self.scan_box.setFocus()
        self.recorded.emit(card.order_id)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else f"color: {GREEN_TEXT.name()};")
        self.message.show()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if obj is self.scan_box:
                self.scan()
                return True
            if self.card is not None:
                if isinstance(obj, QAbstractSpinBox):
                    obj.interpretText()  # take what was typed even if not yet committed
                self.record()
                return True
        return super().eventFilter(obj, event)
