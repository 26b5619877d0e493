"""The lines of an order, edited in place in the order editor (订单明细).

Cells hold what the user typed; quantities and prices are parsed only to show
the line amount and the live totals (exact Decimal), and a cell that does not
parse is painted red. The service (core.orders / core.revisions) validates
again when saving and names the line and field of any error, which
``show_error_cell`` then marks.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import QModelIndex, Qt

from ...core.limits import LINE_AMOUNT, QUANTITY, UNIT_PRICE
from ..kit.editable_rows import EditableRowsModel, plain
from ..kit.tab_kit import RED, fmt_value
from ..kit.table_model import QT_TR_NOOP


class LineCol(IntEnum):
    LINE_NO = 0
    STYLE = 1
    PRODUCT = 2
    COLOUR = 3
    SIZE = 4
    QUANTITY = 5
    UNIT = 6
    UNIT_PRICE = 7
    AMOUNT = 8
    REMARKS = 9


KEYS = {LineCol.STYLE: "style", LineCol.PRODUCT: "product", LineCol.COLOUR: "colour", LineCol.SIZE: "size",
        LineCol.QUANTITY: "quantity", LineCol.UNIT: "unit", LineCol.UNIT_PRICE: "unit_price",
        LineCol.REMARKS: "remarks"}
COL_OF = {v: k for k, v in KEYS.items()}
HEADERS = {
    LineCol.LINE_NO: QT_TR_NOOP("行"), LineCol.STYLE: QT_TR_NOOP("款号"), LineCol.PRODUCT: QT_TR_NOOP("品名"),
    LineCol.COLOUR: QT_TR_NOOP("颜色"), LineCol.SIZE: QT_TR_NOOP("尺码"), LineCol.QUANTITY: QT_TR_NOOP("数量"),
    LineCol.UNIT: QT_TR_NOOP("单位"), LineCol.UNIT_PRICE: QT_TR_NOOP("单价"), LineCol.AMOUNT: QT_TR_NOOP("金额"),
    LineCol.REMARKS: QT_TR_NOOP("备注"),
}
NUMERIC = {LineCol.QUANTITY, LineCol.UNIT_PRICE, LineCol.AMOUNT, LineCol.LINE_NO}


def parse_qty(text) -> int | None:
    """A quantity within core.limits.QUANTITY, else None (the cell turns red)."""
    return None if QUANTITY.problem(text) else int(QUANTITY.check(text))


def parse_price(text) -> Decimal | None:
    """A unit price within core.limits.UNIT_PRICE (at most 4 decimals), else None."""
    return None if UNIT_PRICE.problem(text) else UNIT_PRICE.check(text)


def cell_problem(row: dict, col) -> str | None:
    """Why a quantity, price or amount cell is refused, in the user's language (its tooltip)."""
    from ...core.errors import current_language

    if col == LineCol.QUANTITY and row["quantity"] != "":
        bad = QUANTITY.problem(row["quantity"])
    elif col == LineCol.UNIT_PRICE and row["unit_price"] != "":
        bad = UNIT_PRICE.problem(row["unit_price"])
    elif col == LineCol.AMOUNT:
        q, p = parse_qty(row["quantity"]), parse_price(row["unit_price"])
        bad = LINE_AMOUNT.problem(q * p) if q is not None and p is not None else None
    else:
        bad = None
    if bad is None:
        return None
    zh, en = bad
    return en[:1].upper() + en[1:] if current_language() == "en" else zh


class OrderLinesModel(EditableRowsModel):
    Columns = LineCol
    KEYS = KEYS
    HEADERS = HEADERS

    # ------------------------------------------------------------- loading
    def set_lines(self, lines) -> None:
        """``lines``: OrderLine rows or dicts with the line fields (and ``id``)."""
        self.beginResetModel()
        self._rows = []
        for ln in lines:
            get = ln.get if isinstance(ln, dict) else (lambda k, _ln=ln: getattr(_ln, k, None))
            row = {"id": get("id")}
            for key in KEYS.values():
                row[key] = plain(get(key))
            row["unit"] = row["unit"] or "pcs"
            self._rows.append(row)
        self._error = None
        self.endResetModel()
        self.totals_changed.emit()

    def set_editable(self, editable: bool) -> None:
        if editable == self._editable:  # every load sets it: repainting, and the size grid reading
            return  # the lines again, then cost 5 ms an order for nothing
        self._editable = editable
        self._emit_all()

    def is_editable(self) -> bool:
        return self._editable

    def add_line(self, copy_from: int | None = None) -> int:
        """Append a blank line, or insert a copy of row ``copy_from`` right below
        it (everything but its id: size and quantity too, so the next colour is
        one edit away); returns the new row."""
        n = len(self._rows)
        base = self._rows[copy_from] if copy_from is not None and 0 <= copy_from < n else None
        row = {"id": None, **{k: "" for k in KEYS.values()}, "unit": "pcs"}
        at = n
        if base is not None and copy_from is not None:  # base is row copy_from
            row.update({k: base[k] for k in KEYS.values()})
            at = copy_from + 1
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()
        self._renumber()
        self.totals_changed.emit()
        return at

    def line_dicts(self) -> list[dict]:
        """Copies of the rows as typed (with ``id``), for core.size_grid."""
        return [dict(row) for row in self._rows]

    def remove_lines(self, rows: list[int]) -> None:
        self._remove_rows(rows)

    def _renumber(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    # ---------------------------------------------------------- for saving
    def lines_for_service(self) -> list[dict]:
        """The whole line list for core.orders.update_order / revise_order;
        rows left completely blank are dropped."""
        out = []
        for row in self._rows:
            if self._blank(row):
                continue
            d = {k: str(row[k]).strip() for k in KEYS.values()}
            if row.get("id"):
                d["id"] = row["id"]
            out.append(d)
        return out

    def totals(self) -> tuple[int, Decimal, bool]:
        """(total quantity, total amount, every quantity and price parses)."""
        qty, amount, ok = 0, Decimal(0), True
        for row in self._rows:
            if self._blank(row):  # a line not typed yet is not an invalid one (it is dropped on save)
                continue
            q, p = parse_qty(row["quantity"]), parse_price(row["unit_price"])
            if q is None or p is None or q * p > LINE_AMOUNT.high:
                ok = False
                continue
            qty += q
            amount += q * p
        return qty, amount, ok

    def show_error_cell(self, field: str | None) -> tuple[int, int] | None:
        """Mark the cell named by a core error field like ``lines.3.quantity``."""
        self._error = None
        if field and field.startswith("lines."):
            parts = field.split(".")
            try:
                row = int(parts[1]) - 1
            except (IndexError, ValueError):
                row = -1
            col = COL_OF.get(parts[2], LineCol.STYLE) if len(parts) > 2 else LineCol.STYLE
            if 0 <= row < len(self._rows):
                self._error = (row, int(col))
        self._emit_all()
        return self._error

    # ----------------------------------------------------------- Qt model
    def _amount(self, row: dict) -> Decimal | None:
        q, p = parse_qty(row["quantity"]), parse_price(row["unit_price"])
        return None if q is None or p is None or q * p > LINE_AMOUNT.high else q * p

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(LineCol)):
            return None
        row, col = self._rows[r], LineCol(c)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == LineCol.LINE_NO:
                return str(r + 1)
            if col == LineCol.AMOUNT:
                return fmt_value(self._amount(row))
            return row[KEYS[col]]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = col in NUMERIC
            return int(
                (Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter
            )
        if role == Qt.ItemDataRole.BackgroundRole and (
                self._error == (r, c) or (col in NUMERIC and cell_problem(row, col))):
            return RED
        if role == Qt.ItemDataRole.ToolTipRole and col in NUMERIC:
            return cell_problem(row, col)
        return None

    def _cell_edited(self, col: int) -> None:
        if col in (LineCol.QUANTITY, LineCol.UNIT_PRICE):
            self.totals_changed.emit()
