"""颜色×尺码 in the order editor: a grid typed with the keyboard, pasted from
Excel with Ctrl+V, saved as ordinary order lines and shown again on reopening
(for a user who enters lines that way; one who uses the list keeps the list);
复制行 inserts a copy right below."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from gendan_desktop.gui.kit.forms import set_value
from gendan_desktop.gui.orders.order_lines_model import LineCol

pytestmark = pytest.mark.gui

SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
COLOURS = ["White", "Black", "Navy", "Red"]
EXCEL = ("颜色/尺码\tS\tM\tL\t合计\r\n"
         "白色\t100\t1,200\t\t1300\r\n"
         "藏青\t50\t\t70\t120\r\n"
         "合计\t150\t1200\t70\t1420\r\n")


@pytest.fixture
def editor(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client

    client = create_client(name="上海明达贸易有限公司")
    tab = window.show_tab("orders")
    assert tab.new_record()
    ed = tab.editor
    ed.picker.set_client(client.id)
    set_value(ed.field("delivery_date"), dt.date.today() + dt.timedelta(days=40))
    return ed


def discarding(test):
    """Discard what the test leaves in the editor, even when it fails: pytest-qt
    closes the window before fixtures end, and the window would ask first."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        try:
            return test(*args, **kwargs)
        finally:
            kwargs["editor"].new_order()
    return run


def open_grid(qtbot, ed):
    bar = ed.entry.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(1).center())
    assert ed.entry.currentWidget() is ed.grid
    return ed.grid


def type_field(qtbot, widget, text):
    qtbot.mouseClick(widget, Qt.LeftButton)
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key_Tab)


def cell_editor(qtbot, view) -> QLineEdit:
    found = []
    qtbot.waitUntil(lambda: found.extend(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
                    or bool(found))
    return found[0]


def click_cell(qtbot, view, row, col):
    index = view.model().index(row, col)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())


def type_cells(qtbot, view, texts):
    """Into the open cell editor: each text, then Tab (the next cell opens for typing)."""
    for text in texts:
        ed = cell_editor(qtbot, view)
        ed.selectAll()
        qtbot.keyClicks(ed, text)
        qtbot.keyClick(ed, Qt.Key_Tab)


@discarding
def test_four_colours_by_six_sizes_typed_with_the_keyboard(qtbot, editor, wait_ops):
    from gendan_desktop.core.orders import order_lines

    grid = open_grid(qtbot, editor)
    style = grid.style_box.lineEdit()
    type_field(qtbot, style, "T100")
    type_field(qtbot, grid.product, "Tee")
    type_field(qtbot, grid.price, "3.5")
    view, model = grid.view, grid.model
    click_cell(qtbot, view, 0, 1)  # the first size cell: +尺码
    qtbot.keyClick(view, Qt.Key_F2)
    type_cells(qtbot, view, SIZES + [""])  # an empty Tab after the last size goes on to the colours
    for i, colour in enumerate(COLOURS):
        type_cells(qtbot, view, [colour] + [str(10 * (i + 1) + j) for j in range(6)])
    assert model.grid.sizes == SIZES and model.grid.colours == COLOURS
    # totals per row and column, and the grand total, in the grid
    n, m = len(COLOURS), len(SIZES)
    assert model.index(1, m + 2).data() == f"{sum(10 + j for j in range(6)):,}"
    assert model.index(n + 2, 1).data() == str(10 + 20 + 30 + 40)
    assert model.index(n + 2, m + 2).data() == f"{sum(10 * (i + 1) + j for i in range(4) for j in range(6)):,}"
    # written through to the order's lines: one per colour and size
    lines = editor.lines.lines_for_service()
    assert len(lines) == 24 and {(ln["style"], ln["product"], ln["unit_price"]) for ln in lines} == {
        ("T100", "Tee", "3.5")}
    assert "660 件" in editor.totals_label.text()
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    wait_ops()
    assert editor.order is not None, editor.error_label.text()
    stored = order_lines(editor.order.id)
    assert len(stored) == 24 and sum(ln.quantity for ln in stored) == 660
    assert [(ln.colour, ln.size, ln.quantity) for ln in stored[:2]] == [("White", "XS", 10), ("White", "S", 11)]


@discarding
def test_excel_grid_pasted_saved_and_shown_again(qtbot, window, editor, wait_ops, qtmodeltester):
    grid = open_grid(qtbot, editor)
    type_field(qtbot, grid.style_box.lineEdit(), "P200")
    type_field(qtbot, grid.price, "12")
    QGuiApplication.clipboard().setText(EXCEL)  # as Excel leaves a copied range
    click_cell(qtbot, grid.view, 1, 0)
    qtbot.keyClick(grid.view, Qt.Key_V, Qt.ControlModifier)
    model = grid.model
    assert model.grid.colours == ["白色", "藏青"] and model.grid.sizes == ["S", "M", "L"]  # sums left out
    assert model.index(4, 5).data() == "1,420"  # the grand total
    qtmodeltester.check(model)
    assert len(editor.lines.lines_for_service()) == 4
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    wait_ops()
    order_id = editor.order.id
    # a new order, then the saved one again: it opens on the grid (the way chosen last), read from its lines
    tab = window.tab("orders")
    qtbot.mouseClick(tab.new_button, Qt.LeftButton)
    assert editor.order is None and grid.model.grid.colours == []
    table = tab.pane.table
    row = tab.model.row_of(order_id)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(tab.model.index(row, 0)).center())
    qtbot.waitUntil(lambda: editor.order is not None and editor.order.id == order_id)
    assert editor.entry.currentWidget() is editor.grid
    assert grid.style_box.currentText() == "P200" and grid.price.text() == "12"
    assert grid.model.grid.cells == {("白色", "S"): "100", ("白色", "M"): "1200", ("藏青", "S"): "50",
                                     ("藏青", "L"): "70"}
    # a bare block of numbers pastes from the current cell on
    QGuiApplication.clipboard().setText("7\t8\n9\t\n")
    click_cell(qtbot, grid.view, 1, 2)  # 白色 / M
    qtbot.keyClick(grid.view, Qt.Key_V, Qt.ControlModifier)
    assert grid.model.grid.cells == {("白色", "S"): "100", ("白色", "M"): "7", ("白色", "L"): "8",
                                     ("藏青", "S"): "50", ("藏青", "M"): "9"}


@discarding
def test_a_bad_paste_says_where_and_changes_nothing(qtbot, editor):
    grid = open_grid(qtbot, editor)
    type_field(qtbot, grid.style_box.lineEdit(), "T1")
    QGuiApplication.clipboard().setText("颜色\tS\tM\n白\t10\t十\n")
    click_cell(qtbot, grid.view, 0, 1)
    qtbot.keyClick(grid.view, Qt.Key_V, Qt.ControlModifier)
    assert grid.message.isVisible()
    assert "第 2 行“白”、尺码“M”" in grid.message.text() and "不是数字" in grid.message.text()
    assert grid.model.grid.colours == [] and editor.lines.lines_for_service() == []


@discarding
def test_a_size_typed_twice_is_refused_and_a_cleared_size_removed(qtbot, editor):
    grid = open_grid(qtbot, editor)
    type_field(qtbot, grid.style_box.lineEdit(), "T1")
    view = grid.view
    click_cell(qtbot, view, 0, 1)
    qtbot.keyClick(view, Qt.Key_F2)
    type_cells(qtbot, view, ["S", "M", "S"])
    assert grid.model.grid.sizes == ["S", "M"] and "尺码“S”已经有了" in grid.message.text()
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 3)  # still there, open again
    qtbot.keyClick(cell_editor(qtbot, view), Qt.Key_Escape)
    click_cell(qtbot, view, 0, 1)  # S: emptied, its column goes
    qtbot.keyClick(view, Qt.Key_F2)
    ed = cell_editor(qtbot, view)
    ed.selectAll()
    qtbot.keyClick(ed, Qt.Key_Delete)
    qtbot.keyClick(ed, Qt.Key_Return)  # Qt commits a cell on Enter from the event loop
    qtbot.waitUntil(lambda: grid.model.grid.sizes == ["M"])


@discarding
def test_a_typo_in_a_quantity_is_red_and_named(qtbot, editor):
    grid = open_grid(qtbot, editor)
    type_field(qtbot, grid.style_box.lineEdit(), "T1")
    view = grid.view
    click_cell(qtbot, view, 0, 1)
    qtbot.keyClick(view, Qt.Key_F2)
    type_cells(qtbot, view, ["M", "", "Red", "1O"])  # letter O for zero
    cell = grid.model.index(1, 1)
    assert cell.data() == "1O" and cell.data(Qt.BackgroundRole) is not None
    assert "不是数字" in cell.data(Qt.ToolTipRole)
    assert "“Red”、尺码“M”" in grid.message.text()


@discarding
def test_copy_line_inserts_below_keeping_size_and_quantity(qtbot, editor):
    lines, view = editor.lines, editor.lines_view
    lines.set_lines([{"style": "T1", "product": "Tee", "colour": "Red", "size": "M", "quantity": "120",
                      "unit": "pcs", "unit_price": "3"},
                     {"style": "T2", "product": "Cap", "colour": "Blue", "size": "F", "quantity": "5",
                      "unit": "pcs", "unit_price": "1"}])
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(lines.index(0, LineCol.STYLE)).center())
    qtbot.mouseClick(editor.copy_line_button, Qt.LeftButton)
    rows = lines.lines_for_service()
    assert [(r["style"], r["colour"], r["size"], r["quantity"]) for r in rows] == [
        ("T1", "Red", "M", "120"), ("T1", "Red", "M", "120"), ("T2", "Blue", "F", "5")]
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, LineCol.COLOUR)


def test_an_order_opens_the_way_its_lines_were_entered_last(qtbot, window, wait_ops):
    from gendan_desktop.core.clients import create_client
    from gendan_desktop.core.orders import create_order

    client = create_client(name="华美服饰")
    made = [create_order(client.id, delivery_date=dt.date.today() + dt.timedelta(days=30), lines=[
        {"style": f"T{i}", "colour": c, "size": s, "quantity": 10, "unit_price": "2"} for c in ("红", "蓝")
        for s in ("S", "M")]).id for i in (1, 2)]
    made.append(create_order(client.id, delivery_date=dt.date.today() + dt.timedelta(days=30), lines=[
        {"style": "T3", "colour": "红", "size": "", "quantity": 10, "unit_price": "2"}]).id)  # no size: no grid
    tab = window.show_tab("orders")
    tab.pane.refresh()
    ed = tab.editor

    def open_order(order_id):
        click_order(qtbot, tab, order_id)

    open_order(made[0])
    assert ed.entry.currentWidget() is ed.lines_view  # a first start: the list
    open_grid(qtbot, ed)
    open_order(made[1])
    assert ed.entry.currentWidget() is ed.grid and ed.grid.model.grid.colours == ["红", "蓝"]
    open_order(made[2])
    assert ed.entry.currentWidget() is ed.lines_view  # its line has no size
    open_order(made[0])
    assert ed.entry.currentWidget() is ed.grid  # the grid was still the way chosen last
    bar = ed.entry.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(0).center())
    open_order(made[1])
    assert ed.entry.currentWidget() is ed.lines_view


@discarding
def test_the_grid_paints_with_qt_style_and_names_its_style(qtbot, editor):
    """SizeGridEditor.style() returned the grid's style code (款号), hiding
    QWidget.style(); the code is current_style() now."""
    from PySide6.QtWidgets import QStyle

    grid = open_grid(qtbot, editor)
    assert isinstance(grid.style(), QStyle)
    assert grid.current_style() == grid.model.grid.style


def test_opening_another_order_that_cannot_be_edited_draws_its_grid_once(qtbot, window, wait_ops):
    """Loading an order set its lines read-only twice (already so), and each time the
    size grid read all the lines again: three redraws where one shows the order."""
    from builders import make_stored_order

    from gendan_desktop.core.clients import create_client

    client = create_client(name="华美服饰")
    lines = tuple(("T1", c, s, 10, "2.00") for c in ("红", "蓝") for s in ("S", "M"))
    first, second = (make_stored_order(client, lines, status="shipped", finished=False) for _ in range(2))
    tab = window.show_tab("orders")
    tab.pane.refresh()
    ed = tab.editor

    def open_order(order_id):
        click_order(qtbot, tab, order_id)
        wait_ops()

    open_order(first.id)
    assert ed.mode == "view"
    resets = []
    ed.grid.model.modelReset.connect(lambda: resets.append(1))
    open_order(second.id)
    assert ed.mode == "view" and ed.grid.model.grid.colours == ["红", "蓝"]
    assert len(resets) == 1


def click_order(qtbot, tab, order_id: int) -> None:
    """Click the order's row in the orders list; wait until the editor shows it."""
    table, ed = tab.pane.table, tab.editor
    index = tab.model.index(tab.model.row_of(order_id), 0)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(index).center())
    qtbot.waitUntil(lambda: ed.order is not None and ed.order.id == order_id)
