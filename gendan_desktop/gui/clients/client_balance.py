"""余额: what a client owes, per currency and in the home currency, and the
statement summary copied for the client's chat (core.client_updates).

The amounts of each currency stay as they are; beside them the balance at
the rates set in 工具 → 设置 → 币种 (core.exchange_rates). A currency without
a rate is not converted: the page says which rate is missing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..kit.list_view import fit_headers
from ..kit.table_model import fmt_money


def tr(text: str) -> str:
    return QCoreApplication.translate("ClientBalance", text)


class BalancePanel(QWidget):
    sig_copied = Signal(str)  # the text put on the clipboard

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("balancePanel")
        self.client_id: int | None = None
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("balanceTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.total = QLabel(self)
        self.total.setObjectName("balanceHomeTotal")
        self.total.setWordWrap(True)
        self.copy_button = QPushButton(tr("复制对账摘要"), self)
        self.copy_button.setObjectName("copyBalance")
        self.copy_button.setToolTip(tr("按客户的沟通语言,复制各币种的出货、收款、余额和逾期金额,可粘贴到微信或邮件"))
        self.copy_button.clicked.connect(self.copy_summary)
        self.status = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.copy_button)
        bar.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.total)
        lay.addLayout(bar)
        self.show_balance(None, None)

    def show_balance(self, client_id: int | None, balance) -> None:
        """Show one client's receivables (core.lists.client_detail.read_balance, read
        with the rest of the client's pages), or nothing for no client."""
        home = balance.home if balance is not None else ""  # no client: the column says 折合本币
        rows = balance.rows if balance is not None else []
        converted: Any = balance.converted if balance is not None else None  # read when there are rows
        self.client_id = client_id
        self.status.setText("")
        self.table.setHorizontalHeaderLabels([tr("币种"), tr("已出货"), tr("扣款/折让"), tr("已收款"), tr("余额"),
                                              tr("折合%1").replace("%1", home) if home else tr("折合本币")])
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            home_text = (fmt_money(converted.converted[r.currency]) if r.currency in converted.converted
                         else tr("汇率未设置"))
            for c, text in enumerate((r.currency, fmt_money(r.shipped), fmt_money(r.credits), fmt_money(r.paid),
                                      fmt_money(r.balance), home_text)):
                item = QTableWidgetItem(text)
                if 0 < c < 5 or r.currency in converted.converted and c == 5:  # amounts sit right
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, c, item)
        self.table.resizeColumnsToContents()
        fit_headers(self.table)  # an empty table too shows its titles apart
        self.copy_button.setEnabled(client_id is not None)
        if not rows:
            self.total.setText(tr("没有出货、折让或收款记录。") if client_id else "")
            return
        text = tr("余额合计折合 %1 %2").replace("%1", home).replace("%2", fmt_money(converted.total))
        if converted.missing:
            text += tr("(未计入 %1:汇率未设置,请在 工具 → 设置 → 币种 中填写)").replace(
                "%1", "、".join(converted.missing))
        self.total.setText(text)

    def copy_summary(self) -> None:
        from ...core.client_updates import balance_summary

        if self.client_id is None:
            return
        text = balance_summary(self.client_id)
        QGuiApplication.clipboard().setText(text)
        self.status.setText(tr("已复制,可粘贴到微信或邮件。"))
        self.sig_copied.emit(text)
