"""The items of a quotation, edited in place (报价明细).

Cells hold what the user typed. The unit price column shows the formula's
price (core.quotations.compute_unit_price over the six cost lines, the margin
and the exchange rate) as the user types; typing a price in that column
overrides it (shown bold, blue, with the formula's price in the tooltip), and
clearing the cell returns to the formula. A cell that does not parse is
painted red, and ``check()`` names the first bad cell before anything is sent
to the service.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ...core.limits import QUANTITY_OR_ZERO, UNIT_PRICE
from ...core.quotations import COST_FIELDS, compute_unit_price
from ..kit.edit_grid import EditGrid
from ..kit.editable_rows import EditableRowsModel, plain
from ..kit.list_view import fit_headers
from ..kit.tab_kit import RED, fmt_value
from ..kit.table_model import QT_TR_NOOP


def tr(text: str) -> str:
    return QCoreApplication.translate("QuotationItems", text)


class ItemCol(IntEnum):
    LINE_NO = 0
    STYLE = 1
    PRODUCT = 2
    DESCRIPTION = 3
    QUANTITY = 4
    UNIT = 5
    COST_MATERIAL = 6
    COST_PROCESSING = 7
    COST_ACCESSORIES = 8
    COST_PACKING = 9
    COST_FREIGHT = 10
    COST_OTHER = 11
    TOTAL_COST = 12
    UNIT_PRICE = 13
    AMOUNT = 14


KEYS = {ItemCol.STYLE: "style", ItemCol.PRODUCT: "product", ItemCol.DESCRIPTION: "description",
        ItemCol.QUANTITY: "quantity", ItemCol.UNIT: "unit", ItemCol.UNIT_PRICE: "unit_price",
        **{ItemCol(ItemCol.COST_MATERIAL + i): k for i, k in enumerate(COST_FIELDS)}}
COL_OF = {v: k for k, v in KEYS.items()}
COST_COLS = tuple(ItemCol(ItemCol.COST_MATERIAL + i) for i in range(len(COST_FIELDS)))
HEADERS = {
    ItemCol.LINE_NO: QT_TR_NOOP("行"), ItemCol.STYLE: QT_TR_NOOP("款号"), ItemCol.PRODUCT: QT_TR_NOOP("品名"),
    ItemCol.DESCRIPTION: QT_TR_NOOP("描述"), ItemCol.QUANTITY: QT_TR_NOOP("数量"), ItemCol.UNIT: QT_TR_NOOP("单位"),
    ItemCol.COST_MATERIAL: QT_TR_NOOP("材料"), ItemCol.COST_PROCESSING: QT_TR_NOOP("加工"),
    ItemCol.COST_ACCESSORIES: QT_TR_NOOP("辅料"), ItemCol.COST_PACKING: QT_TR_NOOP("包装"),
    ItemCol.COST_FREIGHT: QT_TR_NOOP("运费"), ItemCol.COST_OTHER: QT_TR_NOOP("其他"),
    ItemCol.TOTAL_COST: QT_TR_NOOP("总成本"), ItemCol.UNIT_PRICE: QT_TR_NOOP("单价"),
    ItemCol.AMOUNT: QT_TR_NOOP("金额"),
}
NUMERIC = frozenset({ItemCol.LINE_NO, ItemCol.QUANTITY, *COST_COLS, ItemCol.TOTAL_COST, ItemCol.UNIT_PRICE,
                     ItemCol.AMOUNT})
OVERRIDE_TEXT = QColor("#1565c0")
BOLD = QFont()
BOLD.setBold(True)


def parse_decimal(text) -> Decimal | None:
    """A cost or price within core.limits.UNIT_PRICE (blank counts as 0), else None."""
    text = str(text if text is not None else "").replace(",", "").strip()
    if not text:
        return Decimal(0)
    return None if UNIT_PRICE.problem(text) else UNIT_PRICE.check(text)


def parse_quantity(text) -> int | None:
    """A quantity within core.limits.QUANTITY_OR_ZERO (blank counts as 0), else None."""
    text = str(text if text is not None else "").strip() or "0"
    return None if QUANTITY_OR_ZERO.problem(text) else int(QUANTITY_OR_ZERO.check(text))


class QuotationItemsModel(EditableRowsModel):
    edited = Signal()

    Columns = ItemCol
    KEYS = KEYS
    HEADERS = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._margin: Decimal | None = Decimal(20)
        self._rate: Decimal | None = Decimal(7)
        self._error_text = ""

    # ------------------------------------------------------------- loading
    def set_items(self, items, margin=None, rate=None) -> None:
        """``items``: QuotationItem rows or dicts. A stored price that differs
        from the formula's (under ``margin``/``rate``) is kept as an override."""
        if margin is not None or rate is not None:
            self._margin, self._rate = _dec(margin), _dec(rate)
        self.beginResetModel()
        self._rows = []
        for it in items:
            get = it.get if isinstance(it, dict) else (lambda k, _it=it: getattr(_it, k, None))
            row = {k: plain(get(k)) for k in KEYS.values()}
            row["unit"] = row["unit"] or "pcs"
            if row["unit_price"] != "":
                computed = self._computed(row)
                if computed is not None and Decimal(row["unit_price"]) == computed:
                    row["unit_price"] = ""
            self._rows.append(row)
        self._error = None
        self.endResetModel()
        self.totals_changed.emit()

    def set_pricing(self, margin_text, rate_text) -> None:
        """Margin % and CNY per unit as typed; formula prices follow them live."""
        self._margin, self._rate = _dec(margin_text), _dec(rate_text)
        if self._rows:
            self.dataChanged.emit(self.index(0, ItemCol.UNIT_PRICE), self.index(len(self._rows) - 1, ItemCol.AMOUNT))
        self.totals_changed.emit()

    def set_editable(self, editable: bool) -> None:
        self.beginResetModel()
        self._editable = editable
        self.endResetModel()

    def add_item(self, copy_from: int | None = None) -> int:
        n = len(self._rows)
        row = {k: "" for k in KEYS.values()}
        row["unit"] = "pcs"
        if copy_from is not None and 0 <= copy_from < n:
            row.update({k: v for k, v in self._rows[copy_from].items() if k != "quantity"})
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self.endInsertRows()
        self.totals_changed.emit()
        if not self._blank(row):  # a blank line (Tab past the last cell) is dropped on save: no change
            self.edited.emit()
        return n

    def remove_items(self, rows: list[int]) -> None:
        self._remove_rows(rows)
        self.edited.emit()

    # -------------------------------------------------------------- values
    def _computed(self, row: dict) -> Decimal | None:
        cost = self._cost(row)
        if cost is None or self._margin is None or self._rate is None or self._rate <= 0:
            return None
        return compute_unit_price(cost, self._margin, self._rate)

    @staticmethod
    def _cost(row: dict) -> Decimal | None:
        total = Decimal(0)
        for k in COST_FIELDS:
            d = parse_decimal(row[k])
            if d is None:
                return None
            total += d
        return total

    def _price(self, row: dict) -> Decimal | None:
        if row["unit_price"] != "":
            return parse_decimal(row["unit_price"])
        return self._computed(row)

    def is_overridden(self, r: int) -> bool:
        return self._rows[r]["unit_price"] != ""

    def unit_price(self, r: int) -> Decimal | None:
        """The price row ``r`` will be saved with (typed, else the formula's)."""
        return self._price(self._rows[r])

    def item_count(self) -> int:
        return len(self._rows)

    def totals(self) -> tuple[int, Decimal, Decimal, bool]:
        """(total quantity, total amount in the currency, total cost CNY, all cells parse)."""
        qty, amount, cost, ok = 0, Decimal(0), Decimal(0), True
        for row in self._rows:
            if self._blank(row):  # a line not typed yet is not an invalid one (it is dropped on save)
                continue
            q, p, c = parse_quantity(row["quantity"]), self._price(row), self._cost(row)
            if q is None or p is None or c is None:
                ok = False
                continue
            qty += q
            amount += q * p
            cost += q * c
        return qty, amount, cost, ok

    def check(self):
        """The first bad cell as a core ValidationError (field ``items.N.key``), or None."""
        from ...core import enums
        from ...core.errors import ValidationError

        n = 0
        for row in self._rows:
            if self._blank(row):
                continue
            n += 1
            if not row["product"].strip():
                return ValidationError(f"第 {n} 行报价明细缺少品名,请填写产品名称。",
                                       f"Quotation item {n} has no product; enter the product name.",
                                       field=f"items.{n}.product")
            if parse_quantity(row["quantity"]) is None:
                return ValidationError(f"第 {n} 行的数量“{row['quantity']}”无效,请填写不小于 0 的整数。",
                                       f"The quantity “{row['quantity']}” of item {n} is not valid; enter a whole "
                                       "number, 0 or more.", field=f"items.{n}.quantity")
            for k in COST_FIELDS:
                if parse_decimal(row[k]) is None:
                    zh = enums.label("cost_kind", k[5:], "zh")
                    return ValidationError(f"第 {n} 行的{zh}成本“{row[k]}”无效,请填写不小于 0 的数字(人民币/件)。",
                                           f"The {k[5:]} cost “{row[k]}” of item {n} is not valid; enter a number, "
                                           "0 or more (CNY per piece).", field=f"items.{n}.{k}")
            if row["unit_price"] != "" and parse_decimal(row["unit_price"]) is None:
                return ValidationError(f"第 {n} 行的单价“{row['unit_price']}”无效,请填写不小于 0 的数字,"
                                       "或清空以按成本计算。",
                                       f"The unit price “{row['unit_price']}” of item {n} is not valid; enter a "
                                       "number, 0 or more, or clear it to price from the costs.",
                                       field=f"items.{n}.unit_price")
        return None

    def items_for_service(self) -> list[dict]:
        """Items for core.quotations.create_quotation / update_quotation
        (completely blank rows dropped; call ``check()`` first)."""
        out = []
        for row in self._rows:
            if self._blank(row):
                continue
            d: dict[str, Any] = {k: str(row[k]).strip() for k in KEYS.values()}
            d["quantity"] = parse_quantity(d["quantity"])
            if d["unit_price"] == "":
                del d["unit_price"]
            out.append(d)
        return out

    def show_error_cell(self, field: str | None, message: str = "") -> tuple[int, int] | None:
        """Mark the cell named ``items.N.key`` (N counts non-blank rows from 1)."""
        self._error, self._error_text = None, message
        if field and field.startswith("items."):
            parts = field.split(".")
            try:
                n = int(parts[1])
            except (IndexError, ValueError):
                n = 0
            col = COL_OF.get(parts[2], ItemCol.PRODUCT) if len(parts) > 2 else ItemCol.PRODUCT
            seen = 0
            for r, row in enumerate(self._rows):
                if not self._blank(row):
                    seen += 1
                    if seen == n:
                        self._error = (r, int(col))
                        break
        self._emit_all()
        return self._error

    # ----------------------------------------------------------- Qt model
    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(ItemCol):
            if role == Qt.ItemDataRole.DisplayRole:
                return super().headerData(section, orientation, role)
            if role == Qt.ItemDataRole.ToolTipRole and ItemCol(section) in COST_COLS + (ItemCol.TOTAL_COST,):
                return tr("人民币/件")
            if role == Qt.ItemDataRole.ToolTipRole and section == ItemCol.UNIT_PRICE:
                return tr("按成本、利润率和汇率自动计算;直接输入价格即为手动价格(蓝色粗体),清空则恢复自动计算")
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(ItemCol)):
            return None
        row, col = self._rows[r], ItemCol(c)
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole:
            if col == ItemCol.LINE_NO:
                return str(r + 1)
            if col == ItemCol.TOTAL_COST:
                return fmt_value(self._cost(row))
            if col == ItemCol.UNIT_PRICE:
                if row["unit_price"] != "":
                    return row["unit_price"]
                computed = self._computed(row)
                return "" if computed is None else (format(computed, "f") if role == Qt.ItemDataRole.EditRole
                                                    else fmt_value(computed))
            if col == ItemCol.AMOUNT:
                q, p = parse_quantity(row["quantity"]), self._price(row)
                return "" if q is None or p is None else fmt_value(q * p)
            return row[KEYS[col]]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(
                (Qt.AlignmentFlag.AlignRight if col in NUMERIC else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._error == (r, c):
                return RED
            if col in KEYS and col not in (ItemCol.STYLE, ItemCol.PRODUCT, ItemCol.DESCRIPTION, ItemCol.UNIT):
                bad = (parse_quantity(row["quantity"]) is None if col == ItemCol.QUANTITY
                       else parse_decimal(row[KEYS[col]]) is None)
                return RED if bad else None
            return None
        if col == ItemCol.UNIT_PRICE and row["unit_price"] != "":
            if role == Qt.ItemDataRole.ForegroundRole:
                return OVERRIDE_TEXT
            if role == Qt.ItemDataRole.FontRole:
                return BOLD
            if role == Qt.ItemDataRole.ToolTipRole:
                computed = self._computed(row)
                return tr("手动价格;按成本计算为 %1。清空单元格恢复自动计算。").replace(
                    "%1", "" if computed is None else format(computed, "f"))
        if role == Qt.ItemDataRole.ToolTipRole and self._error == (r, c):
            return self._error_text or None
        return None

    def _unchanged(self, row: dict, col: int, text: str) -> bool:
        if col == ItemCol.UNIT_PRICE and row["unit_price"] == "":
            computed = self._computed(row)
            if text == "" or (computed is not None and text == format(computed, "f")):
                return True  # the formula's price committed unchanged is not an override
        return super()._unchanged(row, col, text)

    def _cell_edited(self, col: int) -> None:
        self.totals_changed.emit()
        self.edited.emit()


def _dec(text) -> Decimal | None:
    if text is None:
        return None
    try:
        d = Decimal(str(text).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


ROW_IN_MESSAGE = re.compile(r"第 (\d+) 行")
ITEM_FIELDS = {"style", "product", "description", "quantity", "unit", "unit_price", "cost_material",
               "cost_processing", "cost_accessories", "cost_packing", "cost_freight", "cost_other"}


def error_field(exc: BaseException) -> str:
    """The field an error names; an item field of the service as ``items.<row>.<field>``
    (the core names the row in its sentence: 第 3 行)."""
    from ...core.errors import ValidationError

    field = getattr(exc, "field", None) or ""
    if isinstance(exc, ValidationError) and field in ITEM_FIELDS:
        m = ROW_IN_MESSAGE.search(getattr(exc, "zh", ""))
        field = f"items.{m.group(1) if m else 1}.{field}"
    return field


def items_grid(parent: QWidget, model: QuotationItemsModel) -> EditGrid:
    """The items as a grid typed into (kit/edit_grid.py): Enter past the end adds an item."""
    view = EditGrid(parent, add_row=model.add_item)
    view.setObjectName("quotationItems")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    for col, width in ((ItemCol.LINE_NO, 32), (ItemCol.STYLE, 80), (ItemCol.PRODUCT, 110),
                       (ItemCol.DESCRIPTION, 120), (ItemCol.QUANTITY, 65), (ItemCol.UNIT, 42),
                       (ItemCol.TOTAL_COST, 70), (ItemCol.UNIT_PRICE, 75)):
        view.setColumnWidth(col, width)
    for col in COST_COLS:
        view.setColumnWidth(col, 58)
    fit_headers(view)  # "Accessories" whole, not "ccessorie"
    return view
