"""Order lines of one style as a colour × size grid (尺码配比), and back.

A merchandiser receives an order as a table: colours down, sizes across, the
pieces in each cell. Stored, it stays what it always was: one order line per
colour and size with a quantity (lines of other styles are untouched), so
production, shipments and statements see nothing new, and reopening the order
shows the grid again.

Lines here are dicts of the texts the order editor holds (keys ``style``,
``product``, ``colour``, ``size``, ``quantity``, ``unit``, ``unit_price``,
``remarks``, and ``id`` for a saved line); quantities stay text as typed, a
cell that is not a quantity is reported (``SizeGrid.problems``) and refused
again by core.orders on saving. Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ValidationError
from .limits import QUANTITY, as_decimal

# one line as the order editor holds it: texts keyed by LINE_KEYS, and "id" once saved
Line = dict[str, Any]
LINE_KEYS = ("style", "product", "colour", "size", "quantity", "unit", "unit_price", "remarks")
# the usual garment sizes, smallest first; numbers (28, 30, 110…) sort by value
_LETTER_SIZES = ["XXXS", "3XS", "XXS", "2XS", "XS", "S", "M", "L", "XL", "XXL", "2XL", "XXXL", "3XL", "4XL",
                 "XXXXL", "5XL", "6XL"]
_SIZE_RANK = {s: i for i, s in enumerate(_LETTER_SIZES)}
# header cells of a pasted grid that hold sums, not sizes or colours
TOTAL_WORDS = {"合计", "总计", "小计", "总数", "total", "totals", "sum", "ttl", "subtotal"}


# ----------------------------------------------------------------- the grid --
@dataclass
class SizeGrid:
    """Quantities of one style: ``cells[(colour, size)]`` is the text typed."""

    style: str
    colours: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], str] = field(default_factory=dict)

    def text(self, colour: str, size: str) -> str:
        return self.cells.get((colour, size), "")

    def quantity(self, colour: str, size: str) -> int | None:
        """The cell's pieces: 0 when empty, None when it is not a quantity."""
        return cell_quantity(self.text(colour, size))

    def row_total(self, colour: str) -> int:
        return sum(self.quantity(colour, s) or 0 for s in self.sizes)

    def column_total(self, size: str) -> int:
        return sum(self.quantity(c, size) or 0 for c in self.colours)

    def total(self) -> int:
        return sum(self.row_total(c) for c in self.colours)

    def problem(self, colour: str, size: str) -> tuple[str, str] | None:
        """Why the cell is refused (zh, en), or None."""
        text = self.text(colour, size).strip()
        if cell_quantity(text) is not None:
            return None
        return QUANTITY.problem(text)

    def problems(self) -> list[tuple[str, str, tuple[str, str]]]:
        return [(c, s, p) for c in self.colours for s in self.sizes if (p := self.problem(c, s))]


def cell_quantity(text: object) -> int | None:
    """Pieces in a cell: "" and "0" are none (0); None when not a whole number within bounds."""
    text = str(text or "").strip()
    if not text:
        return 0
    d = as_decimal(text)
    if d is None or QUANTITY.problem(text):
        return 0 if d == 0 else None
    return int(d)


def _key(text: object) -> str:
    return str(text or "").strip()


def size_order(sizes: list[str]) -> list[str]:
    """Sizes smallest first where they are known (XS…5XL, numbers), else as given."""
    def rank(item: tuple[int, str]) -> tuple[int, float, int]:
        pos, size = item
        up = size.upper().replace(" ", "")
        if up in _SIZE_RANK:
            return (0, float(_SIZE_RANK[up]), pos)
        m = re.fullmatch(r"\d+(\.\d+)?", up)
        if m:
            return (1, float(up), pos)
        return (2, 0.0, pos)
    return [s for _p, s in sorted(enumerate(sizes), key=rank)]


# ------------------------------------------------------------ lines ↔ grid --
def styles_in(lines: list[Line]) -> list[str]:
    """The styles of the lines, in order of first appearance (blank lines left out)."""
    out: dict[str, None] = {}
    for ln in lines:
        if not is_blank(ln):
            out.setdefault(_key(ln.get("style")), None)
    return list(out)


def is_blank(line: Line) -> bool:
    """Nothing typed but the default unit (the editor drops such lines)."""
    return not any(_key(line.get(k)) for k in LINE_KEYS if k != "unit")


def _style_lines(lines: list[Line], style: str) -> list[tuple[int, Line]]:
    return [(i, ln) for i, ln in enumerate(lines) if not is_blank(ln) and _key(ln.get("style")) == style]


def grid_problem(lines: list[Line], style: str) -> tuple[str, str] | None:
    """Why the style's lines cannot be shown as a grid (zh, en), or None.

    A line without a size, or two lines of one colour and size (to be kept
    apart, e.g. with different prices), belong in the line list.
    """
    seen: dict[tuple[str, str], int] = {}
    for i, ln in _style_lines(lines, style):
        colour, size = _key(ln.get("colour")), _key(ln.get("size"))
        if not size:
            return (f"款号“{style}”的第 {i + 1} 行没有尺码,请在明细中填写尺码。",
                    f"Line {i + 1} of style “{style}” has no size; fill it in on the line list.")
        if (colour, size) in seen:
            first = seen[(colour, size)]
            return (f"款号“{style}”的第 {first + 1} 行和第 {i + 1} 行颜色、尺码相同({colour} / {size}),"
                    f"请在明细中合并或修改。",
                    f"Lines {first + 1} and {i + 1} of style “{style}” have the same colour and size "
                    f"({colour} / {size}); merge or change them on the line list.")
        seen[(colour, size)] = i
    return None


def fits_grid(lines: list[Line]) -> bool:
    """Whether every style of the lines can be shown as a grid (see ``grid_problem``)."""
    styles = styles_in(lines)
    return bool(styles) and not any(grid_problem(lines, s) for s in styles)


def grid_from_lines(lines: list[Line], style: str) -> SizeGrid:
    """The style's lines as a grid: colours in the order they first appear,
    sizes smallest first. Check ``grid_problem`` first."""
    grid = SizeGrid(style)
    sizes: list[str] = []
    for _i, ln in _style_lines(lines, style):
        colour, size = _key(ln.get("colour")), _key(ln.get("size"))
        if colour not in grid.colours:
            grid.colours.append(colour)
        if size not in sizes:
            sizes.append(size)
        grid.cells[(colour, size)] = _key(ln.get("quantity"))
    grid.sizes = size_order(sizes)
    return grid


def shared_value(lines: list[Line], style: str, key: str) -> str | None:
    """The value all the style's lines share for ``key`` ("" with no line), or None when they differ."""
    values = {_key(ln.get(key)) for _i, ln in _style_lines(lines, style)}
    if not values:
        return ""
    return values.pop() if len(values) == 1 else None


def apply_grid(lines: list[Line], grid: SizeGrid, *, product: str | None = None,
               unit_price: str | None = None) -> list[Line]:
    """The whole line list with the style's lines replaced by the grid's cells.

    One line per colour and size with pieces, row by row, where the style's
    first line stood (appended for a new style). A colour and size that had a
    line keep it (its id, price, remarks: a revision then recalls only the
    flow cards of what changed); a new one takes ``product``/``unit_price``
    (else what the style's lines share) and the style's unit. ``product`` and
    ``unit_price`` given also apply to the style's kept lines. Lines of other
    styles are untouched; blank lines are dropped.
    """
    style = grid.style
    old = {(_key(ln.get("colour")), _key(ln.get("size"))): ln for _i, ln in _style_lines(lines, style)}
    unit = shared_value(lines, style, "unit") or "pcs"
    new_product = product if product is not None else (shared_value(lines, style, "product") or "")
    new_price = unit_price if unit_price is not None else (shared_value(lines, style, "unit_price") or "")
    block = []
    for colour in grid.colours:
        for size in grid.sizes:
            text = grid.text(colour, size).strip()
            if cell_quantity(text) == 0:
                continue
            base = old.get((colour, size))
            line = dict(base) if base is not None else {
                "style": style, "product": new_product, "colour": colour, "size": size, "unit": unit,
                "unit_price": new_price, "remarks": ""}
            line["quantity"] = text
            if base is not None and product is not None:
                line["product"] = product
            if base is not None and unit_price is not None:
                line["unit_price"] = unit_price
            block.append(line)
    out: list[Line] = []
    placed = False
    for ln in lines:
        if is_blank(ln):
            continue
        if _key(ln.get("style")) == style:
            if not placed:
                out.extend(block)
                placed = True
            continue
        out.append(ln)
    if not placed:
        out.extend(block)
    return out


# ------------------------------------------------------------------- paste --
def _split_rows(text: str) -> list[list[str]]:
    """Tab-separated rows as Excel and LibreOffice put them on the clipboard
    (a cell holding a line break or tab comes quoted)."""
    rows, row, cell, quoted, i = [], [], [], False, 0
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1:i + 2] == '"':
                cell.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                cell.append(ch)
        elif ch == '"' and not cell:
            quoted = True
        elif ch == "\t":
            row.append("".join(cell))
            cell = []
        elif ch == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return [[c.strip() for c in r] for r in rows]


def _numbered(rows: list[list[str]]) -> list[tuple[int, list[str]]]:
    """(row number as pasted, cells) of the rows that hold anything."""
    return [(n, r) for n, r in enumerate(rows, start=1) if any(r)]


def _is_total(text: str) -> bool:
    return text.strip().lower().rstrip(":：") in TOTAL_WORDS


def is_grid_text(text: str) -> bool:
    """Whether clipboard text is a grid with a header row of sizes and a first
    column of colours (some of those hold text), rather than bare quantities."""
    rows = [r for _n, r in _numbered(_split_rows(text or ""))]
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return False
    edges = rows[0] + [r[0] for r in rows[1:]]
    return any(c and cell_quantity(c) is None for c in edges)


def parse_pasted(text: str) -> SizeGrid:
    """A grid copied from Excel: the first row holds the sizes (its first cell
    is a label such as 颜色/尺码, or empty), each next row a colour and its
    quantities. Sum rows and columns (合计, Total…) are left out; empty cells
    are no pieces. Refused with the row and column named: a size or colour
    twice, a quantity that is not one, quantities under no size."""
    rows = _numbered(_split_rows(text or ""))
    if len(rows) < 2:
        raise ValidationError("剪贴板里没有尺码表:第一行应是尺码,下面每行是颜色和各尺码的数量。",
                              "The clipboard holds no size grid: the first row should hold the sizes, each "
                              "row below a colour and its quantity per size.", field="paste")
    header = rows[0][1]
    sizes: list[tuple[int, str]] = []
    for col, size in enumerate(header[1:], start=1):
        if not size or _is_total(size):
            continue
        if size in [s for _c, s in sizes]:
            raise ValidationError(f"尺码“{size}”在第一行出现了两次(第 {col + 1} 列),请合并后再粘贴。",
                                  f"The size “{size}” appears twice in the first row (column {col + 1}); "
                                  "merge the columns and paste again.", field="paste")
        sizes.append((col, size))
    if not sizes:
        raise ValidationError("第一行没有尺码:请把尺码放在第一行,颜色放在第一列。",
                              "The first row holds no sizes: put the sizes in the first row and the colours "
                              "in the first column.", field="paste")
    grid = SizeGrid("", sizes=[s for _c, s in sizes])
    size_cols = {c for c, _s in sizes}
    for r, row in rows[1:]:
        colour = row[0] if row else ""
        if _is_total(colour):
            continue
        values = {c: v for c, v in enumerate(row) if c and v}
        for c in values:
            if c not in size_cols and not (c < len(header) and _is_total(header[c])):
                raise ValidationError(f"第 {r} 行第 {c + 1} 列有数量,但第一行的这一列没有尺码。",
                                      f"Row {r}, column {c + 1} holds a quantity, but the first row has no "
                                      "size in that column.", field="paste")
        if not colour:
            if values:
                raise ValidationError(f"第 {r} 行有数量但第一列没有颜色。",
                                      f"Row {r} holds quantities but no colour in its first column.",
                                      field="paste")
            continue
        if colour in grid.colours:
            raise ValidationError(f"颜色“{colour}”出现了两次(第 {r} 行),请合并后再粘贴。",
                                  f"The colour “{colour}” appears twice (row {r}); merge the rows and paste "
                                  "again.", field="paste")
        grid.colours.append(colour)
        for col, size in sizes:
            value = row[col] if col < len(row) else ""
            if cell_quantity(value) is None:
                zh, en = QUANTITY.problem(value) or ("", "")
                raise ValidationError(f"第 {r} 行“{colour}”、尺码“{size}”:{zh}",
                                      f"Row {r} (“{colour}”), size “{size}”: {en}", field="paste")
            if cell_quantity(value):
                grid.cells[(colour, size)] = str(cell_quantity(value))
    return grid


def merge(grid: SizeGrid, pasted: SizeGrid) -> SizeGrid:
    """``grid`` with the pasted colours and sizes added (sizes smallest first)
    and their cells set (an empty pasted cell clears the one under it); other
    cells are kept."""
    out = SizeGrid(grid.style, list(grid.colours), list(grid.sizes), dict(grid.cells))
    new_sizes = [s for s in pasted.sizes if s not in out.sizes]
    if new_sizes:
        out.sizes = size_order(out.sizes + new_sizes)
    for colour in pasted.colours:
        if colour not in out.colours:
            out.colours.append(colour)
        for size in pasted.sizes:
            value = pasted.text(colour, size)
            if value:
                out.cells[(colour, size)] = value
            else:
                out.cells.pop((colour, size), None)
    return out


def parse_block(text: str) -> list[list[str]]:
    """Bare quantities copied from a spreadsheet (no header): rows of cell texts
    (a trailing line break is no row)."""
    rows = _split_rows(text or "")
    while rows and not any(rows[-1]):
        rows.pop()
    return rows
