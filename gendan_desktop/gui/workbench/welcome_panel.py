"""The way in on an empty database: what the workbench shows above its empty sections.

Three buttons: the first-start assistant (company, currencies, routes), demo
data to look around with, and the import of the merchandiser's own Excel lists.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from ..kit.layouts import button_row


def tr(text: str) -> str:
    return QCoreApplication.translate("WelcomePanel", text)


class WelcomePanel(QFrame):
    def __init__(self, tab):
        super().__init__(tab)
        self.setObjectName("welcomePanel")
        self.tab = tab
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#welcomePanel { background: #f3f8ff; }")
        text = QLabel(tr("这个数据库还没有客户和订单。先填好公司资料(印在每张单据上)、币种和工艺路线,"
                         "再选择从空白开始、先看演示数据,或导入您现有的 Excel 客户和订单清单。"), self)
        text.setWordWrap(True)
        self.setup_button = QPushButton(tr("首次设置…"), self)
        self.setup_button.setObjectName("welcomeSetup")
        self.demo_button = QPushButton(tr("打开演示数据"), self)
        self.demo_button.setObjectName("welcomeDemo")
        self.import_button = QPushButton(tr("导入 Excel 客户清单…"), self)
        self.import_button.setObjectName("welcomeImport")
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addLayout(button_row((self.setup_button, self.demo_button, self.import_button)))
        self.wizard = None
        self.setup_button.clicked.connect(self.open_setup)
        self.demo_button.clicked.connect(lambda: self._start("demo"))
        self.import_button.clicked.connect(lambda: self._start("import"))

    def open_setup(self):
        from .first_start import FirstStartWizard

        self.wizard = FirstStartWizard(self.tab.main_window, self.tab.main_window)
        self.wizard.open()
        return self.wizard

    def _start(self, how: str):
        from .first_start import start_with

        return start_with(self.tab.main_window, how)
