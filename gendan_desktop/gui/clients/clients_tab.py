"""客户档案: the client list (grade, current/potential, source, country, last and
next follow-up) beside the client's detail (client_detail.py)."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
)

from ...core.enums import label
from ...core.lists import clients as client_list
from ..kit.list_tab import ListTab
from ..kit.operations import CollectionOp
from ..kit.table_model import (
    QT_TR_NOOP,
    ChoiceFilter,
    DateRangeFilter,
    IdListModel,
    fmt_date,
)
from .client_detail import ClientDetail, ClientFormController

_RED, _ORANGE, _GREY = QColor("#c62828"), QColor("#ef6c00"), QColor("#9e9e9e")
_TODAY = dt.date.today


def tr(text: str) -> str:
    return QCoreApplication.translate("ClientsTab", text)


class Col(IntEnum):
    CODE = 0
    NAME = 1
    GRADE = 2
    STATUS = 3
    SOURCE = 4
    COUNTRY = 5
    LAST_FOLLOWUP = 6
    NEXT_FOLLOWUP = 7


class ClientListModel(IdListModel):
    LIST = client_list
    KIND = "client"
    SETTINGS_KEY = "clients"
    Columns = Col
    HEADERS = {
        Col.CODE: QT_TR_NOOP("编号"),
        Col.NAME: QT_TR_NOOP("客户名称"),
        Col.GRADE: QT_TR_NOOP("等级"),
        Col.STATUS: QT_TR_NOOP("现实/潜在"),
        Col.SOURCE: QT_TR_NOOP("来源"),
        Col.COUNTRY: QT_TR_NOOP("国家"),
        Col.LAST_FOLLOWUP: QT_TR_NOOP("最近跟进"),
        Col.NEXT_FOLLOWUP: QT_TR_NOOP("下次跟进"),
    }
    SORT_KEYS = {Col.CODE: "code", Col.NAME: "name", Col.GRADE: "grade", Col.STATUS: "current", Col.SOURCE: "source",
                 Col.COUNTRY: "country", Col.LAST_FOLLOWUP: "last_followup", Col.NEXT_FOLLOWUP: "next_followup"}
    WIDTHS = {Col.CODE: 70, Col.NAME: 220, Col.GRADE: 80, Col.STATUS: 80, Col.SOURCE: 80, Col.COUNTRY: 100,
              Col.LAST_FOLLOWUP: 95, Col.NEXT_FOLLOWUP: 95}
    FILTERS = [
        ChoiceFilter("status", QT_TR_NOOP("类型"),
                     choices=[("current", QT_TR_NOOP("现实客户")), ("potential", QT_TR_NOOP("潜在客户")),
                              ("archived", QT_TR_NOOP("已归档")), ("look_alike", QT_TR_NOOP("相似待核对"))]),
        ChoiceFilter("grade", QT_TR_NOOP("等级"), enum="grade"),
        ChoiceFilter("source", QT_TR_NOOP("来源"), enum="source"),
        DateRangeFilter("next_followup", QT_TR_NOOP("下次跟进"),
                        presets=("overdue", "today", "next7", "next30")),
    ]

    def load_rows(self, ids):
        # the core's rows as they are: a cell is formatted when it is painted
        # (display), not 60 rows × 8 cells at once per chunk read
        return client_list.rows(ids)

    def display(self, row, col):
        return _CELLS[col](row)

    def foreground(self, row, col):
        nxt = row.next_followup
        if col == 7 and nxt is not None:  # Col.NEXT_FOLLOWUP; ints: called per painted cell
            today = _TODAY()
            if nxt < today:
                return _RED
            if nxt == today:
                return _ORANGE
        if row.archived:
            return _GREY
        return None

    def font(self, row, col):
        if col == 1 and row.grade == "key":  # key clients in bold
            return _BOLD[0] if _BOLD[0] is not None else _bold()
        return None


# the text of each column (Col order) of a core ClientRow
_CELLS = (lambda r: r.code or "", lambda r: r.name or "", lambda r: label("grade", r.grade),
          lambda r: tr("现实客户") if r.current else tr("潜在客户"), lambda r: label("source", r.source),
          lambda r: r.country or "", lambda r: fmt_date(r.last_followup), lambda r: fmt_date(r.next_followup))


_BOLD: list = [None]


def _bold():
    f = QFont()
    f.setBold(True)
    _BOLD[0] = f
    return f


class ClientsTab(ListTab):
    WATCH = frozenset({"client", "contact", "followup", "order", "visit", "dispatch", "sample",
                       "quotation", "payment", "shipment", "complaint", "*"})

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("clientsTab")
        self.set_up_list(ClientListModel(), tr("筛选:客户名称、编号、拼音首字母(如 zs)、邮箱…"))
        self.detail = ClientDetail(window, self)
        self.dialog = None  # the merge dialog while it is open
        self.client_id: int | None = None  # the list's current client, whose detail is shown or read
        self.merge_button = QPushButton(tr("合并客户…"), self)
        self.merge_button.setObjectName("mergeClientsButton")
        self.merge_button.setToolTip(tr("选中两位客户(按住 Ctrl 点击)后合并为一位"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        self.lay_out(self.detail, top=buttons, name="clientsSplitter", state_key="clients/splitter")
        self.pane.table.selectionModel().selectionChanged.connect(
            lambda *_: self.merge_button.setEnabled(len(self.pane.selected_ids()) == 2))
        self.pane.current_changed.connect(self._on_current)
        self.pane.activated.connect(lambda cid: self.detail.focus_followup())

    def _on_current(self, client_id):
        self.client_id = client_id  # the client the detail shows or is reading
        self.detail.load(client_id)

    # BaseTab
    def refresh(self) -> None:
        self.model.refresh()
        # the client shown, read again once the list is painted: its row may come
        # back only with the whole list (the pane then says None if it is gone)
        if self.client_id is not None:
            self.pane.after_list(lambda: self.detail.load(self.client_id))

    def open_record(self, kind, id_):
        from ...core.records import locate

        home = locate(kind, id_) if kind != "receivable" else None
        client_id = id_ if kind in ("client", "receivable") else (home.client_id if home else None)
        if client_id is None:
            return
        if self.model.row_of(client_id) < 0 and not self.model.ids():
            self.model.refresh()
        if self.pane.select_id(client_id):
            self.detail.show_page({"followup": "followups", "visit": "visits", "dispatch": "dispatches",
                                   "sample": "samples", "contact": "contacts",
                                   "receivable": "balance"}.get(kind, "followups"))
            if kind == "sample":  # the sample an order follows: its row, with its orders beside it
                self.detail.select_sample(id_)

    def new_record(self) -> bool:
        dlg = NewClientDialog(self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.client_id:
            self.model.refresh()
            self.pane.select_id(dlg.client_id)
        return True

    def save(self) -> bool:
        return self.detail.save()

    def deletion_prompt(self):
        ids = self.pane.selected_ids()
        if not ids:
            return None
        names = client_list.names(ids[:5])
        more = tr("等 %1 位").replace("%1", str(len(ids))) if len(ids) > 5 else ""
        return tr("把客户“%1”%2归档?归档后不在日常列表中显示,历史记录保留,可在“类型:已归档”中找回。") \
            .replace("%1", "、".join(names)).replace("%2", more)

    def delete_selected(self) -> None:
        from ...core.clients import archive_client

        # the version each row showed: archiving a client someone changed meanwhile is refused
        shown = [(i, self.model.row_data(self.model.row_of(i))) for i in self.pane.selected_ids()]
        versions = [(i, row.version) for i, row in shown if row is not None]
        CollectionOp(self, lambda: [archive_client(i, v) for i, v in versions], kinds={"client"}).run_in_background()

    def merge_selected(self):
        from .client_merge_dialog import open_merge_dialog

        return open_merge_dialog(self, self.pane.selected_ids())


class NewClientDialog(QDialog):
    """Ctrl+N on 客户档案: the client form; nothing is saved until it is valid."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("新建客户"))
        self.setObjectName("newClientDialog")
        self.client_id: int | None = None
        self.form = ClientFormController(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        lay = QVBoxLayout(self)
        lay.addWidget(self.form.widget)
        lay.addWidget(buttons)
        self.form.set_client(None)

    def accept(self) -> None:
        client = self.form.create()
        if client is not None:
            self.client_id = client.id
            from ..kit.operations import changes

            changes().announce({"client"})
            super().accept()


def create_tab(window):
    return ClientsTab(window)
