"""发给客户: an order's progress, ready for the client's WeChat or e-mail.

The order detail's page shows the message core.client_updates builds (in the
client's language; the other one is a click away), which the merchandiser may
touch up, and copies it to the clipboard; the progress grid (cards × steps, as
the production tab shows it) is copied as a picture. The page is read in a
background op when it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..kit.list_view import ListTable
from ..kit.operations import QueryOp
from ..production.progress_panel import ProgressGridModel


def tr(text: str) -> str:
    return QCoreApplication.translate("ClientUpdates", text)


def grid_picture(model, parent: QWidget | None = None):
    """The whole progress grid as a QImage: a table sized to show every row and
    column (a picture of the visible part of a scrolled one would cut it off)."""
    view = ListTable(parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.setModel(model)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setAlternatingRowColors(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    view.resizeColumnsToContents()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    width = sum(view.columnWidth(c) for c in range(model.columnCount())) + 2 * view.frameWidth()
    height = header.sizeHint().height() + view.verticalHeader().defaultSectionSize() * model.rowCount() \
        + 2 * view.frameWidth()
    view.resize(width, height)
    view.show()  # laid out and painted off screen
    image = view.grab().toImage()
    view.deleteLater()
    return image


class ClientUpdatePanel(QWidget):
    """Copy an order's progress for the client: the message, or the grid as a picture."""

    sig_loaded = Signal(int)  # order id, once the message and the grid are shown
    sig_copied = Signal(str)  # "text" or "image", after the clipboard took it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("clientUpdatePanel")
        self.order_id: int | None = None
        self._texts: dict[str, str] = {}
        self.zh = QRadioButton(tr("中文"), self)
        self.en = QRadioButton(tr("英文"), self)
        self.lang = QButtonGroup(self)
        self.lang.addButton(self.zh)
        self.lang.addButton(self.en)
        self.zh.setChecked(True)
        self.zh.toggled.connect(lambda _on: self._show_text())
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("progressMessage")
        self.text.setToolTip(tr("可以先修改,再复制"))
        self.copy_text_button = QPushButton(tr("复制进度消息"), self)
        self.copy_text_button.setObjectName("copyProgressText")
        self.copy_image_button = QPushButton(tr("复制进度表图片"), self)
        self.copy_image_button.setObjectName("copyProgressImage")
        self.copy_text_button.clicked.connect(self.copy_text)
        self.copy_image_button.clicked.connect(self.copy_image)
        self.status = QLabel(self)
        self.status.setObjectName("clientUpdateStatus")
        self.grid_model = ProgressGridModel(self)
        self.grid_view = ListTable(self)
        self.grid_view.setObjectName("clientProgressGrid")
        self.grid_view.setModel(self.grid_model)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("客户语言:"), self))
        top.addWidget(self.zh)
        top.addWidget(self.en)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_text_button)
        buttons.addWidget(self.copy_image_button)
        buttons.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.text, 2)
        lay.addLayout(buttons)
        lay.addWidget(QLabel(tr("生产进度表(复制为图片):"), self))
        lay.addWidget(self.grid_view, 3)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.copy_text_button, self.copy_image_button, self.text, self.zh, self.en):
            w.setEnabled(on)

    # ------------------------------------------------------------- loading
    def load(self, order_id: int | None) -> None:
        self.order_id = order_id
        self.status.setText("")
        if order_id is None:
            self._texts = {}
            self.text.setPlainText(tr("先保存订单。"))
            self.grid_model.set_grid(None)
            self._set_enabled(False)
            return

        def read():
            from ...core.client_updates import progress_texts
            from ...core.production import progress_grid

            return (*progress_texts(order_id), progress_grid(order_id))
        QueryOp(self, read, success=lambda result: self._loaded(order_id, result)).run_in_background()

    def _loaded(self, order_id: int, result) -> None:
        if order_id != self.order_id:
            return  # another order was picked meanwhile
        lang, self._texts, grid = result
        (self.en if lang == "en" else self.zh).setChecked(True)
        self._show_text()
        self.grid_model.set_grid(grid)
        self._set_enabled(True)
        self.copy_image_button.setEnabled(bool(grid.rows))
        self.copy_image_button.setToolTip("" if grid.rows else tr("还没有流程卡,没有进度表可复制"))
        self.sig_loaded.emit(order_id)

    def _show_text(self) -> None:
        self.text.setPlainText(self._texts.get("en" if self.en.isChecked() else "zh", ""))

    # ------------------------------------------------------------- copying
    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.status.setText(tr("已复制,可粘贴到微信或邮件。"))
        self.sig_copied.emit("text")

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setImage(grid_picture(self.grid_model, self))
        self.status.setText(tr("进度表图片已复制。"))
        self.sig_copied.emit("image")
