"""core.size_grid: a style's order lines as colour × size and back, and grids pasted from Excel."""

from __future__ import annotations

import datetime as dt

import pytest

from gendan_desktop.core import orders
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.size_grid import (
    SizeGrid,
    apply_grid,
    cell_quantity,
    fits_grid,
    grid_from_lines,
    grid_problem,
    is_grid_text,
    merge,
    parse_block,
    parse_pasted,
    size_order,
    styles_in,
)


def line(style, colour, size, qty, price="3.50", **kw):
    return {"style": style, "product": "圆领T恤", "colour": colour, "size": size, "quantity": str(qty),
            "unit": "pcs", "unit_price": price, "remarks": "", **kw}


LINES = [line("T100", "白", "M", 600, id=11), line("T100", "白", "S", 300, id=12), line("T100", "黑", "L", 400, id=13),
         line("P200", "蓝", "32", 50, price="9", id=14)]


def test_lines_become_a_grid_with_totals():
    grid = grid_from_lines(LINES, "T100")
    assert grid.colours == ["白", "黑"] and grid.sizes == ["S", "M", "L"]  # sizes smallest first
    assert grid.text("白", "M") == "600" and grid.quantity("黑", "S") == 0
    assert (grid.row_total("白"), grid.row_total("黑")) == (900, 400)
    assert [grid.column_total(s) for s in grid.sizes] == [300, 600, 400]
    assert grid.total() == 1300
    assert styles_in(LINES + [dict.fromkeys(("style", "colour", "size", "quantity"), "") | {"unit": "pcs"}]) == [
        "T100", "P200"]


def test_grid_back_to_lines_keeps_ids_other_styles_and_position():
    grid = grid_from_lines(LINES, "T100")
    grid.cells[("白", "S")] = ""  # cleared: the line goes
    grid.cells[("黑", "L")] = "450"  # changed: the same line, new quantity
    grid.colours.append("红")
    grid.cells[("红", "M")] = "100"  # new: a new line with the style's product and price
    out = apply_grid([line("A1", "灰", "M", 5, id=10)] + LINES, grid)
    assert [(ln["style"], ln["colour"], ln["size"], ln["quantity"], ln.get("id")) for ln in out] == [
        ("A1", "灰", "M", "5", 10),
        ("T100", "白", "M", "600", 11), ("T100", "黑", "L", "450", 13), ("T100", "红", "M", "100", None),
        ("P200", "蓝", "32", "50", 14)]
    assert out[3]["product"] == "圆领T恤" and out[3]["unit_price"] == "3.50" and out[3]["unit"] == "pcs"
    # a price and product typed for the style apply to all its lines
    out = apply_grid(LINES, grid, product="V领T恤", unit_price="3.80")
    assert {(ln["product"], ln["unit_price"]) for ln in out if ln["style"] == "T100"} == {("V领T恤", "3.80")}
    assert [ln for ln in out if ln["style"] == "P200"][0]["unit_price"] == "9"


def test_a_new_style_is_appended_and_blank_lines_dropped():
    grid = SizeGrid("N9", ["Navy"], ["S", "M"], {("Navy", "S"): "10", ("Navy", "M"): "0"})
    blank = {"style": "", "product": "", "colour": "", "size": "", "quantity": "", "unit": "pcs",
             "unit_price": "", "remarks": ""}
    out = apply_grid([blank], grid, product="Hoodie", unit_price="12")
    assert out == [{"style": "N9", "product": "Hoodie", "colour": "Navy", "size": "S", "quantity": "10",
                    "unit": "pcs", "unit_price": "12", "remarks": ""}]


def test_lines_that_do_not_fit_a_grid_say_why():
    assert grid_problem(LINES, "T100") is None
    assert fits_grid(LINES) and fits_grid(LINES[3:]) and not fits_grid([])
    twice = LINES + [line("T100", "白", "M", 10, price="3.60")]
    zh, en = grid_problem(twice, "T100")
    assert "第 1 行和第 5 行" in zh and "Lines 1 and 5" in en
    zh, en = grid_problem([line("T100", "白", "", 10)], "T100")
    assert "没有尺码" in zh and "no size" in en
    assert not fits_grid(twice)


def test_cell_quantities_and_problems():
    assert [cell_quantity(t) for t in ("", " 0 ", "12", "1,200", "1200.0")] == [0, 0, 12, 1200, 1200]
    assert [cell_quantity(t) for t in ("x", "-3", "1.5", "20000000")] == [None] * 4
    grid = SizeGrid("T", ["红"], ["S", "M"], {("红", "S"): "abc", ("红", "M"): "5"})
    assert grid.total() == 5
    [(colour, size, (zh, en))] = grid.problems()
    assert (colour, size) == ("红", "S") and "不是数字" in zh and "not a number" in en


def test_size_order():
    assert size_order(["XL", "m", "S", "3XL", "XS"]) == ["XS", "S", "m", "XL", "3XL"]
    assert size_order(["130", "110", "120"]) == ["110", "120", "130"]
    assert size_order(["均码", "L", "S"]) == ["S", "L", "均码"]


EXCEL = ("颜色/尺码\tS\tM\tL\t合计\r\n"
         "白色\t100\t1,200\t\t1300\r\n"
         "\r\n"
         "\"藏青\n(深)\"\t50\t0\t70\t120\r\n"
         "合计\t150\t1200\t70\t1420\r\n")


def test_a_grid_copied_from_excel():
    assert is_grid_text(EXCEL) and not is_grid_text("10\t20\n30\t40\n")
    grid = parse_pasted(EXCEL)
    assert grid.sizes == ["S", "M", "L"] and grid.colours == ["白色", "藏青\n(深)"]  # sums left out
    assert grid.cells == {("白色", "S"): "100", ("白色", "M"): "1200", ("藏青\n(深)", "S"): "50",
                          ("藏青\n(深)", "L"): "70"}
    assert parse_block("10\t20\n30\t\n") == [["10", "20"], ["30", ""]]


@pytest.mark.parametrize("text, zh, en", [
    ("颜色\tS\tS\n白\t1\t2", "尺码“S”在第一行出现了两次(第 3 列)", "appears twice in the first row (column 3)"),
    ("颜色\tS\tM\n白\t1\tabc", "第 2 行“白”、尺码“M”:数量“abc”不是数字", "Row 2 (“白”), size “M”: the quantity “abc”"),
    ("颜色\tS\n白\t1\n白\t2", "颜色“白”出现了两次(第 3 行)", "The colour “白” appears twice (row 3)"),
    ("颜色\tS\n\t5", "第 2 行有数量但第一列没有颜色", "Row 2 holds quantities but no colour"),
    ("颜色\tS\t\n白\t1\t9", "第 2 行第 3 列有数量,但第一行的这一列没有尺码", "Row 2, column 3 holds a quantity"),
    ("only one row", "剪贴板里没有尺码表", "holds no size grid"),
    ("颜色\t合计\n白\t3", "第一行没有尺码", "The first row holds no sizes"),
])
def test_a_bad_paste_names_the_row_and_column(text, zh, en):
    with pytest.raises(ValidationError) as err:
        parse_pasted(text)
    assert zh in err.value.zh and en in err.value.en


def test_a_paste_merges_into_the_grid():
    grid = SizeGrid("T", ["白色", "黑"], ["M", "XL"], {("白色", "M"): "5", ("黑", "XL"): "9"})
    out = merge(grid, parse_pasted(EXCEL))
    assert out.sizes == ["S", "M", "L", "XL"]
    assert out.colours == ["白色", "黑", "藏青\n(深)"]
    assert out.text("白色", "M") == "1200" and out.text("黑", "XL") == "9" and out.text("白色", "L") == ""


def test_grid_lines_save_as_order_lines_and_come_back(db):
    """Stored as the same order lines: one per colour and size with pieces; reopened, the same grid."""
    from gendan_desktop.core.clients import create_client

    grid = parse_pasted("\tXS\tS\tM\tL\tXL\tXXL\n" + "".join(
        f"{c}\t" + "\t".join(str(10 * (i + 1) + j) for j in range(6)) + "\n"
        for i, c in enumerate(("白", "黑", "藏青", "红"))))
    grid.style = "T100"
    lines = apply_grid([], grid, product="圆领T恤", unit_price="3.5")
    order = orders.create_order(create_client(name="华美服饰").id, lines=lines,
                                delivery_date=dt.date.today() + dt.timedelta(days=30))
    stored = orders.order_lines(order.id)
    assert len(stored) == 24 and sum(ln.quantity for ln in stored) == grid.total()
    back = grid_from_lines([{k: getattr(ln, k) for k in ("style", "colour", "size", "quantity")} | {"id": ln.id}
                            for ln in stored], "T100")
    assert (back.colours, back.sizes, back.total()) == (grid.colours, grid.sizes, grid.total())
    assert back.text("红", "XXL") == "45"
