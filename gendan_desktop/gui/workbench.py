"""工作台: what must I do today. Each entry opens the thing it names.

The sections are gathered in one worker from the core queries, cheapest first
(``LOAD_ORDER``), and each is shown as soon as its own query returns, at its
place in the tree (``SECTION_TITLES`` order): a bold section line with its
count, entries below, the most urgent first. Enter or a double-click emits
``window.open_requested(kind, id)``.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
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
    "late_purchases": "逾期未到物料",
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



def _overdue_fu(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.followups import followups_overdue

    return [Entry("client", f.client_id, f"{f.client.name} — {f.content[:40]}", _d(f.next_date), RED)
            for f in followups_overdue(today, limit=MAX_SHOWN + 1)]


def _due_fu(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.followups import followups_due

    return [Entry("client", f.client_id, f"{f.client.name} — {f.content[:40]}", _d(f.next_date), ORANGE)
            for f in followups_due(today, limit=MAX_SHOWN + 1)]


def _quotations(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.quotations import quotations_expiring

    return [Entry("quotation", q.id, f"{q.number} · {q.client.name}", _d(q.valid_until),
                  ORANGE if q.valid_until and (q.valid_until - today).days <= 2 else None)
            for q in quotations_expiring(today, 7)]


def _orders_due(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.enums import label
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


def _at_risk(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.models import Client, Order
    from ..core.risk import orders_at_risk

    risks = orders_at_risk(today, limit=MAX_SHOWN + 1)
    names = {o.id: (o.number, o.client.name) for o in
             Order.select(Order.id, Order.number, Client.name).join(Client)
             .where(Order.id.in_([r.order_id for r in risks]))} if risks else {}
    return [Entry("order", r.order_id, f"{names.get(r.order_id, ('', ''))[0]} · "
                  f"{names.get(r.order_id, ('', ''))[1]} · {r.label} — {r.reason()}",
                  _d(r.delivery_date), RED if r.level == "late" else ORANGE) for r in risks]


def _late(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.progress_queries import late_steps

    from ..core.routes import step_label

    return [Entry("flow_card", s.card_id, f"{s.card_number} · {step_label(s.name)} · {s.order_number} · "
                  + tr("迟 %1 天").replace("%1", str(s.days_late)), _d(s.planned_date),
                  RED if s.days_late > 3 else ORANGE) for s in late_steps(today, limit=MAX_SHOWN + 1)]


def _exceptions(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.enums import label
    from ..core.production_exceptions import open_exceptions

    from ..core.models import Order

    shown = open_exceptions()[:MAX_SHOWN + 1]
    # one query for the order numbers (e.order would load each order by itself)
    numbers = dict(Order.select(Order.id, Order.number).where(Order.id.in_({e.order_id for e in shown}))
                   .tuples()) if shown else {}
    return [Entry("exception", e.id, f"{numbers.get(e.order_id, '')} · {label('exception_kind', e.kind)} · "
                  f"{label('severity', e.severity)} · {e.description[:40]}", _d(e.reported_at),
                  RED if e.severity in ("high", "critical") else ORANGE)
            for e in shown]


def _late_purchases(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.materials import fmt_qty, overdue_purchases

    return [Entry("purchase", p.purchase_id, f"{p.order_number} · {p.material} · {p.supplier} · "
                  + tr("欠 %1 %2,逾期 %3 天").replace("%1", fmt_qty(p.outstanding)).replace("%2", p.unit)
                  .replace("%3", str(p.days_overdue)), _d(p.due_date), RED if p.days_overdue > 3 else ORANGE)
            for p in overdue_purchases(today)[:MAX_SHOWN + 1]]


def _receivables(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.receivables import overdue_receivables

    return [Entry("receivable", r.client_id, f"{r.client_name} · {r.shipment_no} · {r.currency} "
                  f"{r.unpaid:,.2f} · " + tr("逾期 %1 天").replace("%1", str(r.days_overdue)),
                  _d(r.due_date), RED) for r in overdue_receivables(today, limit=MAX_SHOWN + 1)]


def _complaints(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.enums import label
    from ..core.models import Complaint, Order

    q = (Complaint.select(Complaint.id, Complaint.number, Complaint.date, Complaint.description,
                          Complaint.status, Order.number).join(Order)
         .where(Complaint.status != "closed").order_by(Complaint.date).limit(MAX_SHOWN + 1))
    return [Entry("complaint", c.id, f"{c.number} · {c.order.number} · {label('complaint_status', c.status)}"
                  f" · {c.description[:40]}", _d(c.date)) for c in q]


def _recalls(today: dt.date, due_days: int) -> list[Entry]:
    from ..core.errors import current_language
    from ..core.recalls import outstanding_recalls
    from .record_text import recall_reason_text  # QCoreApplication.translate is thread-safe

    en = current_language() == "en"
    return [Entry(r["kind"], r["id"], f"{r['kind_en'] if en else r['kind_zh']} {r['number']} · "
                  f"{r['order_number']} · {recall_reason_text(r['recall_reason'])[:40]}", _d(r["recalled_at"]), ORANGE)
            for r in outstanding_recalls(limit=MAX_SHOWN + 1)]


SECTION_FNS = {
    "followups_overdue": _overdue_fu,
    "followups_due": _due_fu,
    "quotations_expiring": _quotations,
    "orders_due": _orders_due,
    "orders_at_risk": _at_risk,
    "late_steps": _late,
    "late_purchases": _late_purchases,
    "exceptions": _exceptions,
    "receivables": _receivables,
    "complaints": _complaints,
    "recalls": _recalls,
}
# Where each section stands in the tree (the most pressing first) …
DISPLAY_ORDER = ("followups_overdue", "followups_due", "orders_at_risk", "orders_due", "late_steps", "late_purchases",
                 "exceptions", "quotations_expiring", "receivables", "complaints", "recalls")
# … and the order they are fetched in: the cheap ones first, so the follow-ups due
# show within milliseconds while the whole-database ones (risk, receivables) run.
LOAD_ORDER = ("followups_due", "followups_overdue", "quotations_expiring", "orders_due", "exceptions",
              "complaints", "recalls", "late_purchases", "late_steps", "orders_at_risk", "receivables")


def gather_section(key: str, today: dt.date, due_days: int = 7) -> Section | None:
    """One section (runs in a worker; plain data out). A failing section shows its
    error instead of taking the whole workbench down; None if its area is not
    written yet."""
    s = Section(key, SECTION_TITLES[key])
    try:
        s.entries = SECTION_FNS[key](today, due_days)
    except ImportError:
        return None
    except Exception as exc:  # noqa: BLE001 - show it in place, keep the rest
        s.error = str(exc)
    return s


def gather_each(today: dt.date, due_days: int = 7, each=None) -> list[Section]:
    """Every section in ``LOAD_ORDER``, handing each to ``each(section)`` as soon as
    it is ready; returns them all in ``DISPLAY_ORDER``."""
    got = {}
    for key in LOAD_ORDER:
        s = gather_section(key, today, due_days)
        if s is None:
            continue
        got[key] = s
        if each is not None:
            each(s)
    return [got[k] for k in DISPLAY_ORDER if k in got]


def gather(today: dt.date, due_days: int = 7) -> list[Section]:
    """All sections, in display order."""
    return gather_each(today, due_days)


class _Relay(QObject):
    """Lives in the GUI thread: a section emitted from the worker is queued to it."""

    arrived = Signal(int, object, object)  # generation, Section, Event set once shown


class WorkbenchTab(BaseTab):
    section_shown = Signal(str)  # a section's key, once it is in the tree

    WATCH = frozenset({"*", "client", "followup", "order", "quotation", "flow_card", "progress", "exception",
                       "complaint", "shipment", "payment", "recall", "production_sheet"})

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("workbenchTab")
        self.sections: list[Section] = []  # those shown so far, in display order
        self.loading = False
        self._gen = 0
        self._relay = _Relay(self)
        self._relay.arrived.connect(self._arrive)
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
        self._gen += 1
        gen, relay = self._gen, self._relay
        self.heading.setText(tr("正在载入今天的待办…"))

        def each(section: Section) -> None:  # in the worker: queued to the GUI thread
            shown = threading.Event()
            try:
                relay.arrived.emit(gen, section, shown)
            except RuntimeError:  # the tab is gone: nobody left to show it to
                return
            # Let the GUI thread build the branch before the next query: while the
            # worker runs Python code, every GIL hand-off costs the GUI thread up to
            # 5 ms, and 200 rows took 70 ms instead of 2. Bounded, so it never hangs.
            shown.wait(0.5)

        self._op = QueryOp(self, lambda: gather_each(today, days, each), success=self._show)
        self._op.finally_(self._loaded).run_in_background()

    def _loaded(self) -> None:
        self.loading = False
        if self._again:
            self.refresh()

    def _arrive(self, gen: int, section: Section, shown: threading.Event) -> None:
        """One section is ready: put it in its place in the tree at once."""
        try:
            if gen == self._gen:
                self._put(section)
        finally:
            shown.set()
        if gen == self._gen:
            self.section_shown.emit(section.key)

    def _show(self, sections: list[Section]) -> None:
        """All sections are in (each was already shown as it arrived): the totals."""
        for s in sections:  # a section whose signal was lost on the way is still shown
            if s not in self.sections:
                self._put(s)
        keep = {s.key for s in sections}
        for i in reversed(range(self.tree.topLevelItemCount())):
            if self.tree.topLevelItem(i).data(0, Qt.UserRole) not in keep:
                self.tree.takeTopLevelItem(i)
        self.sections = [s for s in self.sections if s.key in keep]
        total = sum(len(s.entries) for s in self.sections)
        self.heading.setText(tr("%1 · 今天有 %2 件事要处理").replace("%1", dt.date.today().isoformat())
                             .replace("%2", str(total)))

    def _put(self, s: Section) -> None:
        """Show (or replace) the section's tree branch at its display position."""
        old_index, old = None, None
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, Qt.UserRole) == s.key:
                old_index, old = i, self.tree.topLevelItem(i)
                break
        was_expanded = old is not None and old.isExpanded()
        was_empty = old is not None and old.childCount() == 0
        bold = QFont()
        bold.setBold(True)
        n = len(s.entries)
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
        if old is not None:
            self.tree.takeTopLevelItem(old_index)
            self.tree.insertTopLevelItem(old_index, head)
        else:
            rank = DISPLAY_ORDER.index(s.key)
            at = sum(1 for i in range(self.tree.topLevelItemCount())
                     if DISPLAY_ORDER.index(self.tree.topLevelItem(i).data(0, Qt.UserRole)) < rank)
            self.tree.insertTopLevelItem(at, head)
        # keep what the user collapsed; open sections that are new or just got entries
        head.setExpanded(bool(n) and (old is None or was_expanded or was_empty))
        self.sections = sorted([x for x in self.sections if x.key != s.key] + [s],
                               key=lambda x: DISPLAY_ORDER.index(x.key))

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
