"""Through the window: exchange rates in 设置, the client's balance in each
currency and in the home currency, 复制对账摘要, and an order's 发给客户 page
copying the progress message (the client's language) and the grid as a picture."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from modal_helpers import click_row, type_into_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QTabWidget

pytestmark = pytest.mark.gui
TODAY = dt.date.today()


def click_tab(qtbot, tabs: QTabWidget, title: str) -> None:
    bar = tabs.tabBar()
    qtbot.waitUntil(bar.isEnabled)  # a client's pages are enabled once its detail is read
    i = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(i).center())
    assert tabs.currentIndex() == i


@pytest.fixture
def shipped(sqlite_db):
    """A Chinese client's USD order in production (red finished, 60 shipped) and an EUR payment."""
    from gendan_desktop.core import clients, orders, production, shipments
    from gendan_desktop.core.models import Order
    from gendan_desktop.core.payments import record_payment

    client = clients.create_client(name="宁波海悦服饰", name_en="Haiyue Apparel", country="中国")
    order = orders.create_order(client.id, client_po="PO-4711", delivery_date=TODAY + dt.timedelta(days=30), lines=[
        {"style": "T100", "colour": "红", "size": "M", "quantity": 100, "unit_price": "3.50"},
        {"style": "T100", "colour": "蓝", "size": "L", "quantity": 200, "unit_price": "3.60"}])
    order = orders.set_review(order.id, True, True, True, True, True, "", order.version)
    order = orders.confirm_order(order.id, expected_version=order.version)
    production.start_production(order.id, confirm_missing=True)
    Order.update(production_started_at=dt.datetime.combine(TODAY - dt.timedelta(days=10), dt.time(8))).where(
        Order.id == order.id).execute()
    cards = production.issue_flow_cards(order.id, batch_size=100)
    for s in production.card_steps(cards[0]):
        production.record_progress(cards[0].number, s.seq, 100, 100, 0, "工人")
    line = orders.order_lines(order.id)[0]
    shipments.create_shipment(order.id, TODAY, [(line.id, 60)])
    record_payment(client.id, "50", "EUR", TODAY)
    return client, order


def test_rates_are_set_in_settings(qtbot, window, wait_ops):
    from gendan_desktop.core.exchange_rates import get_rates, home_currency
    from gendan_desktop.gui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(window)
    qtbot.addWidget(dlg)
    dlg.show()
    click_tab(qtbot, dlg.form.findChild(QTabWidget), "币种")
    assert dlg.form.findChild(QComboBox, "home_currency").currentText() == "CNY"
    rows = {dlg.currencies.item(r, 0).text(): r for r in range(dlg.currencies.rowCount())}
    type_into_cell(qtbot, dlg.currencies, rows["USD"], 1, "7.1")
    type_into_cell(qtbot, dlg.currencies, rows["EUR"], 1, "abc")
    ok = dlg.form.findChild(QDialogButtonBox, "buttons").button(QDialogButtonBox.Ok)
    qtbot.mouseClick(ok, Qt.LeftButton)
    wait_ops()
    assert dlg.isVisible() and "EUR" in dlg.errors.error_text("currencies")  # refused, nothing saved
    assert get_rates() == {"CNY": Decimal(1)}
    type_into_cell(qtbot, dlg.currencies, rows["EUR"], 1, "7.8")
    qtbot.mouseClick(ok, Qt.LeftButton)
    wait_ops()  # saved off the GUI thread in one transaction (core.settings.save_settings)
    assert not dlg.isVisible()
    assert home_currency() == "CNY" and get_rates() == {"CNY": 1, "USD": Decimal("7.1"), "EUR": Decimal("7.8")}


def test_balance_in_each_currency_and_home_currency_and_copied(qtbot, window, shipped):
    from gendan_desktop.core.client_updates import balance_summary
    from gendan_desktop.core.exchange_rates import set_rates

    client, _order = shipped
    set_rates({"USD": "7.1"})  # EUR has no rate
    tab = window.show_tab("clients")
    click_row(qtbot, tab.pane.table, tab.pane.model.row_of(client.id))
    detail = tab.detail
    click_tab(qtbot, detail.pages, "余额")
    panel = detail.balance_panel
    table = panel.table
    cells = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())}
    assert cells["USD"] == ["USD", "210.00", "0.00", "0.00", "210.00", "1,491.00"]  # 60 × 3.50 = 210.00 × 7.1
    assert cells["EUR"][4:] == ["-50.00", "汇率未设置"]
    assert table.horizontalHeaderItem(5).text() == "折合CNY"
    assert "余额合计折合 CNY 1,491.00" in panel.total.text() and "未计入 EUR" in panel.total.text()
    qtbot.mouseClick(panel.copy_button, Qt.LeftButton)
    text = QApplication.clipboard().text()
    assert text == balance_summary(client.id) and text.startswith("【对账摘要】宁波海悦服饰")
    assert "USD:已出货 210.00,已收款 0.00,未付余额 210.00" in text


def test_order_progress_copied_for_the_client(qtbot, window, shipped):
    client, order = shipped
    tab = window.show_tab("orders")
    click_row(qtbot, tab.pane.table, tab.model.row_of(order.id))
    panel = tab.client_update
    with qtbot.waitSignal(panel.sig_loaded):
        click_tab(qtbot, tab.detail, "发给客户")
    assert panel.zh.isChecked()  # a client in 中国 reads Chinese
    text = panel.text.toPlainText()
    assert text.startswith(f"【生产进度】订单 {order.number} · 客户订单号 PO-4711")
    assert "· T100 红:完成 100 / 100 件,已出货 60 件" in text and "合计:完成 100 / 300 件(33%)" in text
    qtbot.mouseClick(panel.copy_text_button, Qt.LeftButton)
    assert QApplication.clipboard().text() == text
    # English, touched up before copying
    qtbot.mouseClick(panel.en, Qt.LeftButton)
    assert panel.text.toPlainText().startswith(f"Production update: order {order.number}, your PO PO-4711")
    panel.text.moveCursor(panel.text.textCursor().MoveOperation.End)
    qtbot.keyClick(panel.text, Qt.Key_Return)
    qtbot.keyClicks(panel.text, "Best regards")
    qtbot.mouseClick(panel.copy_text_button, Qt.LeftButton)
    copied = QApplication.clipboard().text()
    assert "- T100 红: 100 of 100 pcs finished, 60 shipped" in copied and copied.endswith("Best regards")
    # the grid as a picture: every card row and step column, not only what the view shows
    with qtbot.waitSignal(panel.sig_copied):
        qtbot.mouseClick(panel.copy_image_button, Qt.LeftButton)
    image = QApplication.clipboard().image()
    assert not image.isNull()
    model = panel.grid_model
    assert model.rowCount() == 3 + 1 and image.height() >= 4 * panel.grid_view.verticalHeader().defaultSectionSize()
    assert image.width() > 400


def test_client_language_chosen_on_the_client_form(qtbot, window, shipped, wait_ops):
    from gendan_desktop.core.models import Client

    client, order = shipped
    tab = window.show_tab("clients")
    click_row(qtbot, tab.pane.table, tab.pane.model.row_of(client.id))
    detail = tab.detail
    click_tab(qtbot, detail.pages, "资料")
    combo = detail.form.field("language")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_End)  # the last choice: 英文
    assert combo.currentData() == "en"
    qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier)
    wait_ops()
    assert Client.get_by_id(client.id).language == "en"
    orders = window.show_tab("orders")
    click_row(qtbot, orders.pane.table, orders.model.row_of(order.id))
    with qtbot.waitSignal(orders.client_update.sig_loaded):
        click_tab(qtbot, orders.detail, "发给客户")
    assert orders.client_update.en.isChecked()
    assert orders.client_update.text.toPlainText().startswith("Production update")


def test_on_demo_data(qtbot, zh_app, sqlite_db, wait_ops):
    from gendan_desktop.core.models import Order
    from gendan_desktop.demo import fill_demo
    from gendan_desktop.gui.main_window import MainWindow

    fill_demo(clients=40, orders=200)
    window = MainWindow(sqlite_db.gendan_url)
    qtbot.addWidget(window)
    window.show()
    order = Order.select().where(Order.status == "in_production").order_by(Order.id).first()
    tab = window.show_tab("orders")
    wait_ops()
    tab.pane.select_id(order.id)
    with qtbot.waitSignal(tab.client_update.sig_loaded):
        click_tab(qtbot, tab.detail, "发给客户")
    qtbot.mouseClick(tab.client_update.copy_text_button, Qt.LeftButton)
    text = QApplication.clipboard().text()
    assert order.number in text and ("下一步" in text or "Next step" in text)
    clients_tab = window.show_tab("clients")
    clients_tab.pane.select_id(order.client_id)
    click_tab(qtbot, clients_tab.detail.pages, "余额")
    qtbot.mouseClick(clients_tab.detail.balance_panel.copy_button, Qt.LeftButton)
    assert QApplication.clipboard().text().splitlines()[0].startswith(("【对账摘要】", "Account summary"))
    window.close()
