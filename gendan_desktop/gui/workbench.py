"""工作台: what must I do today. Each entry opens the thing it names.

The sections are gathered in one worker (``gather``) from the core queries, then
shown as a tree: a bold section line with its count, entries below, the most
urgent first. Enter or a double-click emits ``window.open_requested(kind, id)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from .operations import QueryOp
from .tab_base import BaseTab

MAX_SHOWN = 200  # per section; the count says how many there are in all
KIND_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
RED, ORANGE, GREY = "#c62828", "#ef6c00", "#757575"


def tr(text: str) -> str:
    return QCoreApplication.translate("Workbench", text)


@dataclass
class Entry:
    kind: str
    id: int
    text: str
    when: str = ""
    colour: str | None = None


@dataclass
class Section:
    key: str
    title: str
    entries: list[Entry] = field(default_factory=list)
    error: str = ""


SECTION_TITLES = {
    "followups_overdue": "逾期未跟进",
    "followups_due": "今日待跟进",
    "quotations_expiring": "报价即将过期",
    "orders_due": "近期交货订单",
    "orders_at_risk": "交期风险订单",
    "late_steps": "延误工序",
    "exceptions": "未解决的生产异常",
    "receivables": "逾期应收款",
    "complaints": "待处理客诉",
    "recalls": "待收回的作废单据",
}


def _d(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d")
    return str(value)[:10]


def gather(today: dt.date, due_days: int = 7) -> list[Section]:
    """All sections (runs in a worker; plain data out). A failing section shows its
    error instead of taking the whole workbench down."""
    from ..core.enums import label

    out: list[Section] = []

    def section(key, fn):
        s = Section(key, SECTION_TITLES[key])
        try:
            s.entries = fn()
        except ImportError:
            return
        except Exception as exc:  # noqa: BLE001 - show it in place, keep the rest
            s.error = str(exc)
        out.append(s)

    def overdue_fu():
        from ..core.followups import followups_overdue

        return [Entry("client", f.client_id, f"{f.client.name} — {f.content[:40]}", _d(f.next_date), RED)
                for f in followups_overdue(today)]

    def due_fu():
        from ..core.followups import followups_due

        return [Entry("client", f.client_id, f"{f.client.name} — {f.content[:40]}", _d(f.next_date), ORANGE)
                for f in followups_due(today)]

    def quotations():
        from ..core.quotations import quotations_expiring

        return [Entry("quotation", q.id, f"{q.number} · {q.client.name}", _d(q.valid_until),
                      ORANGE if q.valid_until and (q.valid_until - today).days <= 2 else None)
                for q in quotations_expiring(today, 7)]

    def orders_due():
        from ..core.models import Client, Order

        end = today + dt.timedelta(days=due_days)
        q = (Order.select(Order.id, Order.number, Order.client_po, Order.delivery_date, Order.status, Client.name)
             .join(Client).where(Order.delivery_date.between(today, end)
                                 & Order.status.in_(("reviewed", "confirmed", "in_production", "partly_shipped",
                                                     "draft")))
             .order_by(Order.delivery_date, Order.number).limit(MAX_SHOWN + 1))
        return [Entry("order", o.id, f"{o.number} · {o.client.name} · {label('order_status', o.status)}",
                      _d(o.delivery_date), ORANGE if o.delivery_date <= today + dt.timedelta(days=2) else None)
                for o in q]

    def at_risk():
        from ..core.models import Client, Order
        from ..core.risk import orders_at_risk

        risks = orders_at_risk(today)[:MAX_SHOWN + 1]
        names = {o.id: (o.number, o.client.name) for o in
                 Order.select(Order.id, Order.number, Client.name).join(Client)
                 .where(Order.id.in_([r.order_id for r in risks]))} if risks else {}
        return [Entry("order", r.order_id, f"{names.get(r.order_id, ('', ''))[0]} · "
                      f"{names.get(r.order_id, ('', ''))[1]} · {r.label} — {r.reason()}",
                      _d(r.delivery_date), RED if r.level == "late" else ORANGE) for r in risks]

    def late():
        from ..core.progress import late_steps

        from ..core.routes import step_label

        return [Entry("flow_card", s.card_id, f"{s.card_number} · {step_label(s.name)} · {s.order_number} · "
                      + tr("迟 %1 天").replace("%1", str(s.days_late)), _d(s.planned_date),
                      RED if s.days_late > 3 else ORANGE) for s in late_steps(today, limit=MAX_SHOWN + 1)]

    def exceptions():
        from ..core.production_exceptions import open_exceptions

        return [Entry("exception", e.id, f"{e.order.number} · {label('exception_kind', e.kind)} · "
                      f"{label('severity', e.severity)} · {e.description[:40]}", _d(e.reported_at),
                      RED if e.severity in ("high", "critical") else ORANGE)
                for e in open_exceptions()[:MAX_SHOWN + 1]]

    def receivables():
        from ..core.receivables import overdue_receivables

        return [Entry("receivable", r.client_id, f"{r.client_name} · {r.shipment_no} · {r.currency} "
                      f"{r.unpaid:,.2f} · " + tr("逾期 %1 天").replace("%1", str(r.days_overdue)),
                      _d(r.due_date), RED) for r in overdue_receivables(today)[:MAX_SHOWN + 1]]

    def complaints():
        from ..core.models import Complaint, Order

        q = (Complaint.select(Complaint.id, Complaint.number, Complaint.date, Complaint.description,
                              Complaint.status, Order.number).join(Order)
             .where(Complaint.status != "closed").order_by(Complaint.date).limit(MAX_SHOWN + 1))
        return [Entry("complaint", c.id, f"{c.number} · {c.order.number} · {label('complaint_status', c.status)}"
                      f" · {c.description[:40]}", _d(c.date)) for c in q]

    def recalls():
        from ..core.recalls import outstanding_recalls

        from ..core.errors import current_language

        en = current_language() == "en"
        return [Entry(r["kind"], r["id"], f"{r['kind_en'] if en else r['kind_zh']} {r['number']} · "
                      f"{r['order_number']} · {r['recall_reason'][:30]}", _d(r["recalled_at"]), ORANGE)
                for r in outstanding_recalls()[:MAX_SHOWN + 1]]

    section("followups_overdue", overdue_fu)
    section("followups_due", due_fu)
    section("orders_at_risk", at_risk)
    section("orders_due", orders_due)
    section("late_steps", late)
    section("exceptions", exceptions)
    section("quotations_expiring", quotations)
    section("receivables", receivables)
    section("complaints", complaints)
    section("recalls", recalls)
    return out


class WorkbenchTab(BaseTab):
    WATCH = frozenset({"*", "client", "followup", "order", "quotation", "flow_card", "progress", "exception",
                       "complaint", "shipment", "payment", "recall", "production_sheet"})

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("workbenchTab")
        self.sections: list[Section] = []
        self._empty: set[str] = set()
        self.loading = False
        self._again = False
        self._op = None
        self.heading = QLabel(self)
        self.heading.setObjectName("workbenchHeading")
        self.due_days = QSpinBox(self)
        self.due_days.setObjectName("dueDays")
        self.due_days.setRange(1, 60)
        self.due_days.setValue(self._saved_due_days())
        self.due_days.setPrefix(tr("交期在 "))
        self.due_days.setSuffix(tr(" 天内"))
        self.due_days.valueChanged.connect(self._due_days_changed)
        refresh = QPushButton(tr("刷新 (F5)"), self)
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.due_days)
        top.addWidget(refresh)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("workbenchTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr("事项"), tr("日期")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().resizeSection(1, 110)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemDoubleClicked.connect(self._activate)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(top)
        lay.addWidget(self.tree)

    def _saved_due_days(self) -> int:
        try:
            from ..core.common import get_setting

            return int(get_setting("workbench_due_days", "7") or 7)
        except (ValueError, Exception):  # noqa: BLE001
            return 7

    def _due_days_changed(self, value: int) -> None:
        from ..core.common import set_setting

        set_setting("workbench_due_days", str(value))
        self.refresh()

    def refresh(self) -> None:
        if self.loading:  # one gathering at a time; run once more when it ends
            self._again = True
            return
        today = dt.date.today()
        days = self.due_days.value()
        self.loading = True
        self._again = False
        self.heading.setText(tr("正在载入今天的待办…"))
        self._op = QueryOp(self, lambda: gather(today, days), success=self._show)
        self._op.finally_(self._loaded).run_in_background()

    def _loaded(self) -> None:
        self.loading = False
        if self._again:
            self.refresh()

    def _show(self, sections: list[Section]) -> None:
        self._empty = {s.key for s in self.sections if not s.entries}
        self.sections = sections
        today = dt.date.today()
        expanded = {self.tree.topLevelItem(i).data(0, Qt.UserRole)
                    for i in range(self.tree.topLevelItemCount()) if self.tree.topLevelItem(i).isExpanded()}
        first_load = self.tree.topLevelItemCount() == 0
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        total = 0
        for s in sections:
            n = len(s.entries)
            total += n
            more = "+" if n > MAX_SHOWN else ""
            head = QTreeWidgetItem([f"{tr(s.title)}  ({min(n, MAX_SHOWN)}{more})", ""])
            head.setData(0, Qt.UserRole, s.key)
            head.setFont(0, bold)
            head.setFlags(Qt.ItemIsEnabled)
            if s.error:
                err = QTreeWidgetItem([tr("无法载入:%1").replace("%1", s.error), ""])
                err.setForeground(0, QBrush(QColor(RED)))
                head.addChild(err)
            for e in s.entries[:MAX_SHOWN]:
                item = QTreeWidgetItem([e.text, e.when])
                item.setData(0, KIND_ROLE, e.kind)
                item.setData(0, ID_ROLE, e.id)
                item.setToolTip(0, e.text)
                if e.colour:
                    item.setForeground(1, QBrush(QColor(e.colour)))
                head.addChild(item)
            if not n and not s.error:
                head.setForeground(0, QBrush(QColor(GREY)))
            self.tree.addTopLevelItem(head)
            # keep what the user collapsed; open sections that just got entries
            head.setExpanded(bool(n) and (first_load or s.key in expanded or s.key in self._empty))
        self.heading.setText(tr("%1 · 今天有 %2 件事要处理").replace("%1", today.isoformat())
                             .replace("%2", str(total)))

    def entries(self, key: str) -> list[Entry]:
        for s in self.sections:
            if s.key == key:
                return s.entries
        return []

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind = item.data(0, KIND_ROLE)
        id_ = item.data(0, ID_ROLE)
        if kind and id_ is not None:
            self.window.open_requested.emit(kind, int(id_))


def create_tab(window):
    return WorkbenchTab(window)
