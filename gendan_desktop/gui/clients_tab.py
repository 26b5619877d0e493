"""客户档案: the client list (grade, current/potential, source, country, last and
next follow-up) beside the client's detail (client_detail.py)."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from peewee import SQL, fn
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout

from ..core.models import Client, FollowUp, Order
from .client_detail import ClientDetail, ClientFormController
from .list_view import ListPane
from .operations import CollectionOp
from .tab_base import BaseTab
from .table_model import QT_TR_NOOP, ChoiceFilter, DateRangeFilter, IdListModel, fmt_date
from .uistate import ui_settings

LIVE_ORDER = ("draft", "cancelled")
_RED, _ORANGE, _GREY = QColor("#c62828"), QColor("#ef6c00"), QColor("#9e9e9e")
_TODAY = dt.date.today  # orders that do not make a client current


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


def _last_followup_expr():
    return FollowUp.select(fn.MAX(FollowUp.date)).where(FollowUp.client == Client.id)


def _next_followup_expr():
    return (FollowUp.select(fn.MIN(FollowUp.next_date))
            .where((FollowUp.client == Client.id) & (FollowUp.next_done == False)  # noqa: E712
                   & FollowUp.next_date.is_null(False)))


def _is_current():
    # EXISTS probes the order.client_id index per client (~10k probes); an
    # IN (subquery) would scan all 100k orders into a temporary table first.
    return fn.EXISTS(Order.select(SQL("1")).where(
        (Order.client == Client.id) & Order.status.not_in(LIVE_ORDER)))


class ClientListModel(IdListModel):
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
    WIDTHS = {Col.CODE: 70, Col.NAME: 220, Col.GRADE: 80, Col.STATUS: 80, Col.SOURCE: 80, Col.COUNTRY: 100,
              Col.LAST_FOLLOWUP: 95, Col.NEXT_FOLLOWUP: 95}
    FILTERS = [
        ChoiceFilter("status", QT_TR_NOOP("类型"),
                     choices=[("current", QT_TR_NOOP("现实客户")), ("potential", QT_TR_NOOP("潜在客户")),
                              ("archived", QT_TR_NOOP("已归档")), ("look_alike", QT_TR_NOOP("相似待核对"))]),
        ChoiceFilter("grade", QT_TR_NOOP("等级"), Client.grade, enum="grade"),
        ChoiceFilter("source", QT_TR_NOOP("来源"), Client.source, enum="source"),
        DateRangeFilter("next_followup", QT_TR_NOOP("下次跟进"),
                        presets=("overdue", "today", "next7", "next30")),
    ]

    def base_query(self):
        q = Client.select(Client.id)
        if self.filters.get("status") != "archived":
            q = q.where(Client.archived == False)  # noqa: E712
        return q

    def id_field(self):
        return Client.id

    def sort_key(self, col):
        return {
            Col.CODE: Client.code,
            Col.NAME: Client.pinyin,  # Chinese names in pinyin order, as users expect
            Col.GRADE: Client.grade,
            Col.STATUS: _is_current(),
            Col.SOURCE: Client.source,
            Col.COUNTRY: Client.country,
            Col.LAST_FOLLOWUP: _last_followup_expr(),
            Col.NEXT_FOLLOWUP: _next_followup_expr(),
        }.get(col)

    def apply_filter(self, query, spec, value):
        if spec.key == "status":
            if value == "current":
                return query.where(_is_current())
            if value == "potential":
                return query.where(~_is_current())
            if value == "look_alike":  # names that only look alike, waiting for review (core.clients)
                from ..core.clients import look_alike_client_ids

                return query.where(Client.id.in_(look_alike_client_ids() or [0]))
            return query.where(Client.archived == True)  # noqa: E712
        if spec.key == "next_followup":
            lo, hi = value
            sub = FollowUp.select(FollowUp.client).where(
                (FollowUp.next_done == False) & FollowUp.next_date.is_null(False))  # noqa: E712
            if lo is not None:
                sub = sub.where(FollowUp.next_date >= lo)
            if hi is not None:
                sub = sub.where(FollowUp.next_date <= hi)
            return query.where(Client.id.in_(sub))
        return super().apply_filter(query, spec, value)

    def extra_text_condition(self, text):
        return Client.country.contains(text)  # 10k rows: a scan costs a few ms

    def text_condition(self, text):
        return (Client.name.contains(text) | Client.code.contains(text)
                | Client.pinyin.contains(text.lower()) | Client.country.contains(text))

    def load_rows(self, ids):
        # One query per chunk in plain SQL: peewee's query building for four
        # IN (…) queries cost more than the queries themselves.
        from ..core.db import current_database
        from ..core.enums import label

        db = current_database()
        marks = ", ".join([db.param] * len(ids))
        c, o, f = (Client._meta.table_name, Order._meta.table_name, FollowUp._meta.table_name)
        sql = (f'SELECT c.id, c.code, c.name, c.grade, c.source, c.country, c.archived, c.version, '
               f'EXISTS(SELECT 1 FROM "{o}" o WHERE o.client_id = c.id AND o.status NOT IN '
               f"('draft', 'cancelled')), "
               f'(SELECT MAX(f.date) FROM "{f}" f WHERE f.client_id = c.id), '
               f'(SELECT MIN(f.next_date) FROM "{f}" f WHERE f.client_id = c.id AND NOT f.next_done '
               f'AND f.next_date IS NOT NULL) '
               f'FROM "{c}" c WHERE c.id IN ({marks})')
        cur_text, pot_text = tr("现实客户"), tr("潜在客户")
        rows = {}
        for cid, code, name, grade, source, country, archived, version, current, last, nxt in \
                db.execute_sql(sql, list(ids)).fetchall():
            next_date = _date(nxt)
            rows[cid] = (code, name, label("grade", grade), cur_text if current else pot_text,
                         label("source", source), country, fmt_date(_date(last)), fmt_date(next_date),
                         next_date, grade, bool(archived), version)
        return rows

    def foreground(self, row, col):
        if col == 7 and row[8] is not None:  # Col.NEXT_FOLLOWUP; ints: called per painted cell
            today = _TODAY()
            if row[8] < today:
                return _RED
            if row[8] == today:
                return _ORANGE
        if row[10]:
            return _GREY
        return None

    def font(self, row, col):
        if col == 1 and row[9] == "key":  # key clients in bold
            return _BOLD[0] if _BOLD[0] is not None else _bold()
        return None


_BOLD: list = [None]


def _bold():
    f = QFont()
    f.setBold(True)
    _BOLD[0] = f
    return f


def _date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


class ClientsTab(BaseTab):
    WATCH = frozenset({"client", "contact", "followup", "order", "visit", "dispatch", "sample",
                       "quotation", "payment", "shipment", "complaint", "*"})

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("clientsTab")
        self.model = ClientListModel()
        self.pane = ListPane(self.model, self, placeholder=tr("筛选:客户名称、编号、拼音首字母(如 zs)、邮箱…"))
        self.detail = ClientDetail(window, self)
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.setObjectName("clientsSplitter")
        self.splitter.addWidget(self.pane)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        state = ui_settings().value("clients/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(
            lambda *_: ui_settings().setValue("clients/splitter", self.splitter.saveState()))
        self.dialog = None  # the merge dialog while it is open
        self.merge_button = QPushButton(tr("合并客户…"), self)
        self.merge_button.setObjectName("mergeClientsButton")
        self.merge_button.setToolTip(tr("选中两位客户(按住 Ctrl 点击)后合并为一位"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(buttons)
        lay.addWidget(self.splitter)
        self.pane.table.selectionModel().selectionChanged.connect(
            lambda *_: self.merge_button.setEnabled(len(self.pane.selected_ids()) == 2))
        self.pane.current_changed.connect(self._on_current)
        self.pane.activated.connect(lambda cid: self.detail.focus_followup())

    def _on_current(self, client_id):
        self.detail.load(client_id)

    # BaseTab
    def refresh(self) -> None:
        self.model.refresh()
        self.detail.load(self.pane.current_id())

    def open_record(self, kind, id_):
        client_id = id_
        if kind == "followup":
            fu = FollowUp.get_or_none(FollowUp.id == id_)
            client_id = fu.client_id if fu else None
        elif kind in ("contact", "visit", "dispatch", "sample"):
            from ..core.models import Contact, Dispatch, Sample, Visit

            model = {"contact": Contact, "visit": Visit, "dispatch": Dispatch, "sample": Sample}[kind]
            obj = model.get_or_none(model.id == id_)
            client_id = obj.client_id if obj else None
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
        if dlg.exec() == QDialog.Accepted and dlg.client_id:
            self.model.refresh()
            self.pane.select_id(dlg.client_id)
        return True

    def save(self) -> bool:
        return self.detail.save()

    def deletion_prompt(self):
        ids = self.pane.selected_ids()
        if not ids:
            return None
        names = [c.name for c in Client.select(Client.name).where(Client.id.in_(ids[:5]))]
        more = tr("等 %1 位").replace("%1", str(len(ids))) if len(ids) > 5 else ""
        return tr("把客户“%1”%2归档?归档后不在日常列表中显示,历史记录保留,可在“类型:已归档”中找回。") \
            .replace("%1", "、".join(names)).replace("%2", more)

    def delete_selected(self) -> None:
        from ..core.clients import archive_client

        # the version each row showed: archiving a client someone changed meanwhile is refused
        shown = [(i, self.model.row_data(self.model.row_of(i))) for i in self.pane.selected_ids()]
        versions = [(i, row[11]) for i, row in shown if row is not None]
        CollectionOp(self, lambda: [archive_client(i, v) for i, v in versions], kinds={"client"}).run_in_background()

    def filter_widget(self):
        return self.pane.filter_edit

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
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
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
            from .operations import changes

            changes().announce({"client"})
            super().accept()


def create_tab(window):
    return ClientsTab(window)
