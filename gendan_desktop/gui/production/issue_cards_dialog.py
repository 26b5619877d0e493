"""下发流程卡 dialog: the order's lines as a table with the cards each will get.

One card per line unless a batch size is typed; the 外发数量 column sends that
many pieces of a line to another factory (a backup or subcontractor), on cards
of their own. The card count of every line follows what is typed, and the
route the cards will carry is named (and why, when the order's product
category has no route of its own). OK issues through core.production.
What the dialog shows is read off the GUI thread first (``open_issue_cards_dialog``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from ..kit.operations import QueryOp
from ..kit.tab_kit import FormDialog, open_dialog

OUT_COL, CARDS_COL = 5, 6


def tr(text: str) -> str:
    return QCoreApplication.translate("IssueCardsDialog", text)


class CardsToIssue(NamedTuple):
    """What the dialog shows, read in a worker."""

    order: Any
    lines: list[dict]
    route: Any  # core.routes.RouteChoice
    factories: list


def read_cards_to_issue(order_id: int) -> CardsToIssue:
    from ...core.factories import list_factories
    from ...core.flow_cards import lines_to_card
    from ...core.orders import get_order
    from ...core.routes import route_choice

    order = get_order(order_id)
    return CardsToIssue(order, lines_to_card(order.id), route_choice(order.product_category), list(list_factories()))


def _int(text: str) -> int | None:
    try:
        return int((text or "0").strip() or "0")
    except ValueError:
        return None


class IssueCardsDialog(FormDialog):
    """FormDialog on ui/issue_cards_form.ui with the lines table wired in."""

    def __init__(self, parent, loaded: CardsToIssue, on_make):
        order, lines, choice, factories = loaded
        super().__init__(parent, "issue_cards_form.ui", tr("下发流程卡:%1").replace("%1", order.number), on_make,
                         {"flow_card"})
        self.order = order
        self.lines = [ln for ln in lines if ln["remaining"] > 0]
        left = sum(ln["remaining"] for ln in self.lines)
        self.field("remaining_info", QLabel).setText(
            tr("尚未开卡 %1 件,共 %2 行。默认每行一张流程卡;填写每批数量则按批分卡。")
            .replace("%1", f"{left:,}").replace("%2", str(len(self.lines))))
        info = self.field("route_info", QLabel)
        info.setText(choice.note())
        if not choice.matched:
            info.setStyleSheet("color: #b26a00;")
        self.table = self.field("lines", QTableWidget)
        self._fill_table()
        combo, other = self.field("factory", QComboBox), self.field("outsource_factory", QComboBox)
        combo.addItem(tr("(订单指定的工厂)"), None)
        other.addItem(tr("(不外发)"), None)
        for f in factories:
            combo.addItem(f.name, f.id)
            if f.kind != "own":
                other.addItem(f.name, f.id)
        self.optional_date("finish_by")
        self.set("finish_by", None)
        self.field("batch_size", QSpinBox).valueChanged.connect(lambda _v: self.update_counts())
        self.table.itemChanged.connect(lambda _i: self.update_counts())
        self.resize(680, 560)
        self.update_counts()

    def _fill_table(self) -> None:
        t = self.table
        t.blockSignals(True)
        headers = [tr("行"), tr("款号"), tr("颜色"), tr("尺码"), tr("未开卡"), tr("外发数量"), tr("卡数")]
        t.setColumnCount(len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setRowCount(len(self.lines))
        t.verticalHeader().hide()
        t.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        for r, ln in enumerate(self.lines):
            values = (str(ln["line_no"]), ln["style"] or ln["product"], ln["colour"], ln["size"],
                      f"{ln['remaining']:,}", "0", "")
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c != OUT_COL:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if c in (0, 4, OUT_COL, CARDS_COL):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(r, c, item)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setStretchLastSection(True)
        t.blockSignals(False)

    def _cell(self, row: int, col: int) -> QTableWidgetItem:
        item = self.table.item(row, col)
        if item is None:  # _fill_table fills every cell
            raise LookupError(f"no cell {row}, {col}")
        return item

    def batch_size(self) -> int | None:
        size = self.value("batch_size")
        return size or None

    def outsourced(self) -> dict[int, int]:
        """Line id → pieces typed into 外发数量 (0 left out); a bad cell is -1."""
        out = {}
        for r, ln in enumerate(self.lines):
            n = _int(self._cell(r, OUT_COL).text())
            if n is None or n < 0:
                n = -1
            if n:
                out[ln["line_id"]] = n
        return out

    def update_counts(self) -> int:
        """Refresh the 卡数 column; returns the total number of cards."""
        from ...core.flow_cards import split_into_batches

        size, out, total = self.batch_size(), self.outsourced(), 0
        self.table.blockSignals(True)
        for r, ln in enumerate(self.lines):
            n_out = max(out.get(ln["line_id"], 0), 0)
            n_own = max(ln["remaining"] - n_out, 0)
            cards = len(split_into_batches(n_own, size)) + len(split_into_batches(min(n_out, ln["remaining"]), size))
            self._cell(r, CARDS_COL).setText(str(cards))
            total += cards
        self.table.blockSignals(False)
        self.ok_button.setText(tr("开出 %1 张流程卡").replace("%1", str(total)))
        return total


def open_issue_cards_dialog(owner, order_id: int, on_done) -> QueryOp:
    """Read the order's lines, route and factories in a worker, then show the dialog
    (kept as ``owner.dialog`` while open). Returns the read op."""
    def show(loaded: CardsToIssue) -> None:
        _show_dialog(owner, loaded, on_done)

    return QueryOp(owner, lambda: read_cards_to_issue(order_id), success=show).run_in_background()


def _show_dialog(owner, loaded: CardsToIssue, on_done) -> IssueCardsDialog:
    from ...core.errors import ValidationError

    order = loaded.order

    def make(dlg: IssueCardsDialog):
        size, out = dlg.batch_size(), dlg.outsourced()
        if any(n < 0 for n in out.values()):
            raise ValidationError("外发数量请填写 0 或正整数。", "Enter 0 or a whole number of pieces to send out.",
                                  field="lines")
        other = dlg.field("outsource_factory", QComboBox).currentData()
        if out and other is None:
            raise ValidationError("表中填写了外发数量,请选择外发工厂。", "Pieces are sent out; choose the factory.",
                                  field="outsource_factory")
        factory, finish, notes = (
            dlg.field("factory", QComboBox).currentData(),
            dlg.value("finish_by"),
            dlg.value("notes"),
        )
        outsource = {lid: (other, n) for lid, n in out.items()}

        def call():
            from ...core.production import issue_flow_cards

            return issue_flow_cards(order.id, batch_size=size, factory_id=factory, finish_by=finish, notes=notes,
                                    outsource=outsource)
        return call

    return open_dialog(owner, IssueCardsDialog(owner, loaded, make), on_done)
