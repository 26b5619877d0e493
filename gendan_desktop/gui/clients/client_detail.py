"""The detail side of 客户档案: profile form, contacts, follow-up timeline with a
quick add, visits, dispatches, samples and their approval, quotations, orders,
balance. One client's pages are read in a worker (a client's history can be long)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.enums import label
from ...core.lists.client_detail import ClientDetailData, read_client_detail
from ..kit.forms import fill_enum_combo
from ..kit.layouts import button_row
from ..kit.operations import CollectionOp, QueryOp, show_error
from ..kit.table_model import fmt_date
from .client_form import ClientFormController
from .detail_tables import fill_table, make_table, table_id
from .followup_quick_add import FollowUpQuickAdd


def tr(text: str) -> str:
    return QCoreApplication.translate("ClientDetail", text)


# ------------------------------------------------------------------ detail --
class ClientDetail(QWidget):
    sig_loaded = Signal(object)  # client id (None: no client) once its pages show what was read

    PAGES = ("profile", "contacts", "followups", "visits", "dispatches", "samples", "quotations", "orders",
             "balance")

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.setObjectName("clientDetail")
        self.main_window = window
        self.client_id: int | None = None
        self.sample_versions: dict[int, int] = {}  # sample id → version shown in the list
        self._load_seq = self._shown_seq = 0  # the latest load() asked for / shown
        self._pending_sample: int | None = None  # select_sample() while a read was under way
        self.title = QLabel(self)
        self.title.setObjectName("clientTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("clientPages")
        self._build_profile()
        self._build_contact_pages()
        self._build_samples()
        self._build_trade_pages()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.pages)
        self.show_page("followups", focus=False)  # what a merchandiser opens a client for
        self.load(None)

    def _build_profile(self) -> None:
        profile = QWidget()
        self.form = ClientFormController(profile)
        save = QPushButton(tr("保存 (Ctrl+S)"), profile)
        save.setObjectName("saveClient")
        save.clicked.connect(self.save)
        pl = QVBoxLayout(profile)
        scroll = QScrollArea(profile)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form.widget)
        pl.addWidget(scroll)
        pl.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        self._add_page(profile, "profile", tr("资料"))

    def _build_contact_pages(self) -> None:
        """Contacts, follow-ups (quick add on top, timeline below), visits, dispatches."""
        self.contacts = make_table(self, [tr("姓名"), tr("职务"), tr("电话"), tr("手机"), tr("邮箱"), tr("微信"),
                                          tr("主要")], "contactsTable")
        add_contact = QPushButton(tr("添加联系人…"), self)
        add_contact.clicked.connect(self.add_contact)
        self._add_page(self._with_buttons(self.contacts, [add_contact]), "contacts", tr("联系人"))

        fpage = QWidget()
        self.quick = FollowUpQuickAdd(self, fpage)
        self.followups = make_table(fpage, [tr("日期"), tr("方式"), tr("联系人"), tr("内容"), tr("下次跟进"),
                                            tr("跟单员")], "followupsTable")
        fl = QVBoxLayout(fpage)
        fl.setContentsMargins(4, 4, 4, 4)
        fl.addWidget(self.quick.widget)
        fl.addWidget(self.followups)
        self._add_page(fpage, "followups", tr("跟进记录"))

        self.visits = make_table(self, [tr("日期"), tr("来访人员"), tr("目的"), tr("接待"), tr("备注")], "visitsTable")
        add_visit = QPushButton(tr("登记来访…"), self)
        add_visit.clicked.connect(self.add_visit)
        self._add_page(self._with_buttons(self.visits, [add_visit]), "visits", tr("来访"))

        self.dispatches = make_table(self, [tr("日期"), tr("类别"), tr("物品"), tr("数量"), tr("快递"), tr("单号")],
                                     "dispatchesTable")
        add_dispatch = QPushButton(tr("登记寄送…"), self)
        add_dispatch.clicked.connect(self.add_dispatch)
        self._add_page(self._with_buttons(self.dispatches, [add_dispatch]), "dispatches", tr("寄送"))

    def _build_samples(self) -> None:
        self.samples = make_table(self, [tr("样品号"), tr("款号"), tr("品名"), tr("颜色"), tr("状态"), tr("申请日期"),
                                         tr("寄出"), tr("批板日期"), tr("大货订单"), tr("客户意见")], "samplesTable")
        # 小样 → 批板 → 大货: double-click a sample that became an order to open the order
        self.samples.doubleClicked.connect(lambda _i: self._open_sample_order())
        buttons = []
        for text, slot, name in ((tr("新打样…"), self.request_sample, "requestSample"),
                                 (tr("已做好"), self.sample_made, "sampleMade"),
                                 (tr("寄出…"), self.send_sample, "sendSample"),
                                 (tr("批板通过…"), self.approve_sample, "approveSample"),
                                 (tr("未通过…"), self.reject_sample, "rejectSample"),
                                 (tr("转为大货订单…"), self.sample_to_order, "sampleToOrder")):
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.clicked.connect(slot)
            buttons.append(b)
        self._add_page(self._with_buttons(self.samples, buttons), "samples", tr("样品"))

    def _build_trade_pages(self) -> None:
        """Quotations, orders, balance."""
        self.quotations = make_table(self, [tr("报价单号"), tr("日期"), tr("币种"), tr("有效期至"), tr("状态"),
                                            tr("PI号"), tr("订单")], "quotationsTable")
        self.quotations.activated.connect(  # double-click or Enter
            lambda _i: self.edit_quotation(table_id(self.quotations)))
        new_quotation = QPushButton(tr("新报价单…"), self)
        new_quotation.setObjectName("newQuotation")
        new_quotation.clicked.connect(lambda: self.edit_quotation(None))
        self.quotation_editor = None  # the open QuotationEditor (gui/orders/quotation_editor.py)
        self._add_page(self._with_buttons(self.quotations, [new_quotation]), "quotations", tr("报价单"))

        self.orders = make_table(self, [tr("订单号"), tr("客户PO"), tr("下单日期"), tr("交期"), tr("状态"),
                                        tr("币种")], "ordersTable")
        self.orders.activated.connect(  # double-click or Enter
            lambda _i: self._open("order", self.orders))
        self._add_page(self.orders, "orders", tr("订单"))

        from .client_balance import BalancePanel

        self.balance_panel = BalancePanel(self)
        self.balance = self.balance_panel.table
        self._add_page(self.balance_panel, "balance", tr("余额"))

    def _add_page(self, widget: QWidget, key: str, title: str) -> None:
        widget.setProperty("page_key", key)
        self.pages.addTab(widget, title)

    def _with_buttons(self, table: QWidget, buttons: list[QPushButton]) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(button_row(buttons))
        lay.addWidget(table)
        return page

    def show_page(self, key: str, focus: bool = True) -> None:
        for i in range(self.pages.count()):
            if self.pages.widget(i).property("page_key") == key:
                self.pages.setCurrentIndex(i)
                if key == "followups" and focus:
                    self.quick.content.setFocus()
                return

    def focus_followup(self) -> None:
        self.show_page("followups")

    def _open(self, kind: str, table: QTableWidget) -> None:
        id_ = table_id(table)
        if id_ is not None:
            self.main_window.open_requested.emit(kind, id_)

    # ----------------------------------------------------------- loading
    def load(self, client_id: int | None) -> None:
        """Show client ``client_id``: read in a worker (core.lists.client_detail), the
        pages filled on the GUI thread, then ``sig_loaded``. A newer load() makes an
        older read's result unwanted (the cursor moving down the list)."""
        self._load_seq += 1
        seq = self._load_seq
        if client_id is None:
            self._show(seq, None)
            return
        QueryOp(self, lambda: read_client_detail(client_id), success=lambda data: self._show(seq, data)) \
            .failure(lambda exc: self._load_failed(seq, exc)).run_in_background()

    def is_loading(self) -> bool:
        """A read asked for is not shown yet."""
        return self._shown_seq != self._load_seq

    def _load_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._load_seq:
            self._show(seq, None)
        show_error(self, exc)  # a failed read is said once (db_trouble)

    def _show(self, seq: int, data: ClientDetailData | None) -> None:
        if seq != self._load_seq:
            return
        self.client_id = data.client.id if data else None
        self.pages.setEnabled(data is not None)
        if data is None:
            self.title.setText(tr("请在左侧选择一位客户,或按 Ctrl+N 新建。"))
            for t in (self.contacts, self.followups, self.visits, self.dispatches, self.samples, self.quotations,
                      self.orders):
                fill_table(t, [])
            self.balance_panel.show_balance(None, None)
            self.form.set_client(None)
        else:
            self.title.setText(_title(data.client, data.summary))
            self.form.set_client(data.client, data.summary.tags)
            self._show_contacts(data.contacts)
            self._show_followups(data.followups, data.contact_names)
            self._show_lists(data)
        self._shown_seq = seq
        pending, self._pending_sample = self._pending_sample, None
        if pending is not None:
            self.select_sample(pending)
        self.sig_loaded.emit(self.client_id)

    def _show_contacts(self, contacts) -> None:
        fill_table(self.contacts, [(c.name, c.title, c.phone, c.mobile, c.email, c.wechat,
                                    "✓" if c.is_primary else "") for c in contacts], [c.id for c in contacts])
        self.quick.set_contacts(contacts)

    def reload_followups(self) -> None:
        """After a follow-up is logged: that page and the title (next follow-up date) again."""
        self.load(self.client_id)

    def _show_followups(self, fus, names: dict[int, str]) -> None:
        rows = []
        for f in fus:
            nxt = fmt_date(f.next_date)
            if f.next_date and f.next_done:
                nxt += " ✓"
            rows.append((fmt_date(f.date), label("channel", f.channel), names.get(f.contact_id, ""), f.content,
                         nxt, f.merchandiser))
        fill_table(self.followups, rows, [f.id for f in fus])

    def _show_lists(self, data: ClientDetailData) -> None:
        visits = data.visits
        fill_table(self.visits, [(fmt_date(v.date), v.visitors, v.purpose, v.hosted_by, v.notes) for v in visits],
                   [v.id for v in visits])
        ds = data.dispatches
        fill_table(self.dispatches, [(fmt_date(d.date), label("dispatch_kind", d.kind), d.items, d.quantity,
                                      d.courier, d.tracking_no) for d in ds], [d.id for d in ds])
        ss = data.samples
        self._sample_orders = data.sample_orders
        self.sample_versions = {s.id: s.version for s in ss}  # what the actions pass as expected_version
        fill_table(self.samples, [(s.number, s.style, s.product, s.colour, label("sample_status", s.status),
                                   fmt_date(s.requested_date), fmt_date(s.sent_date),
                                   fmt_date(s.decided_date) if s.status == "approved" else "",
                                   ", ".join(n for _i, n in self._sample_orders.get(s.id, ())), s.client_comments)
                                  for s in ss], [s.id for s in ss])
        self._sample_status = {s.id: s for s in ss}
        qs = data.quotations
        fill_table(self.quotations, [(q.number, fmt_date(q.date), q.currency, fmt_date(q.valid_until),
                                      label("quotation_status", q.status), q.pi_number or "",
                                      ", ".join(data.quotation_orders.get(q.id, ())) if q.status == "ordered"
                                      else "") for q in qs],
                   [q.id for q in qs])
        fill_table(self.orders, [(number, po, fmt_date(od), fmt_date(dd), label("order_status", status), cur)
                                 for _i, number, po, od, dd, status, cur in data.orders],
                   [o[0] for o in data.orders])
        self.balance_panel.show_balance(data.client.id, data.balance)

    # ----------------------------------------------------------- actions
    def edit_quotation(self, quotation_id: int | None):
        """Open the quotation editor: a saved quotation, or a new one for this client."""
        from ..orders.quotation_editor import open_quotation_editor

        if self.client_id is None:
            return None
        editor = open_quotation_editor(self, quotation_id, self.client_id)
        editor.saved.connect(lambda _qid: self.load(self.client_id))
        editor.order_created.connect(lambda oid: self.main_window.open_requested.emit("order", oid))
        editor.order_wanted.connect(lambda oid: self.main_window.open_requested.emit("order", oid))
        return editor

    def save(self) -> bool:
        if self.client_id is None:
            return False
        ok = self.form.save()
        if ok:
            self.main_window.statusBar().showMessage(tr("客户资料已保存。"), 3000)
        return ok

    def _run(self, fn, kinds) -> None:
        CollectionOp(self, fn, kinds=kinds, success=lambda _r: self.load(self.client_id)).run_in_background()

    def _dialog(self, ui_name: str, title: str, make_call, kinds, prepare=None):
        """A Designer form in a dialog (tab_kit.FormDialog): checked by the core,
        errors under their fields, saved off the GUI thread, detail reloaded."""
        from ..kit.tab_kit import FormDialog, open_dialog

        if self.client_id is None:
            return None
        dlg = FormDialog(self, ui_name, title, make_call, kinds)
        if prepare is not None:
            prepare(dlg)
        return open_dialog(self, dlg, lambda _r: self.load(self.client_id))

    def add_contact(self):
        from ...core.clients import add_contact
        from ...core.errors import ValidationError

        cid = self.client_id

        def make(d):
            v = {f: d.value(f) for f in ("name", "title", "phone", "mobile", "email", "wechat", "is_primary")}
            if not v["name"]:
                raise ValidationError("请填写联系人姓名。", "Enter the contact's name.", field="name")
            return lambda: add_contact(cid, **v)

        return self._dialog("contact_form.ui", tr("添加联系人"), make, {"contact"})

    def add_visit(self):
        from ...core.followups import log_visit

        cid = self.client_id

        def make(d):
            v = {f: d.value(f) for f in ("date", "visitors", "purpose", "hosted_by", "notes")}
            return lambda: log_visit(cid, **v)

        return self._dialog("visit_form.ui", tr("登记来访"), make, {"visit"},
                            lambda d: d.set("date", dt.date.today()))

    def add_dispatch(self):
        from ...core.followups import log_dispatch

        cid = self.client_id

        def prepare(d):
            fill_enum_combo(d.field("kind"), "dispatch_kind")
            d.set("date", dt.date.today())

        def make(d):
            v = {f: d.value(f) for f in ("date", "kind", "items", "quantity", "courier", "tracking_no", "notes")}
            return lambda: log_dispatch(cid, **v)

        return self._dialog("dispatch_form.ui", tr("登记寄送"), make, {"dispatch"}, prepare)

    def request_sample(self):
        from ...core.samples import request_sample

        cid = self.client_id

        def make(d):
            v = {f: d.value(f) for f in ("style", "product", "colour", "size", "quantity", "due_date", "description")}
            return lambda: request_sample(cid, **v)

        return self._dialog("sample_form.ui", tr("新打样"), make, {"sample"},
                            lambda d: d.optional_date("due_date"))

    def _selected_sample(self) -> int | None:
        sid = table_id(self.samples)
        if sid is None:
            QMessageBox.information(self, tr("样品"), tr("请先在列表中选择一个样品。"))
        return sid

    def sample_made(self):
        from ...core.samples import mark_made

        sid = self._selected_sample()
        if sid is not None:
            v = self.sample_versions.get(sid)
            self._run(lambda: mark_made(sid, expected_version=v), {"sample"})

    def send_sample(self):
        from ...core.samples import send_sample

        sid = self._selected_sample()
        if sid is None:
            return None

        def make(d):
            v = {f: d.value(f) for f in ("courier", "tracking_no", "date")}
            version = self.sample_versions.get(sid)
            return lambda: send_sample(sid, **v, expected_version=version)

        return self._dialog("sample_send_form.ui", tr("寄出样品"), make, {"sample", "dispatch"},
                            lambda d: d.set("date", dt.date.today()))

    def _sample_decision(self, approve: bool):
        from .client_samples import sample_decision

        return sample_decision(self, approve)

    def sample_to_order(self):
        """转为大货订单…: an approved sample becomes a draft bulk order (小样 → 批板 → 大货)."""
        from .client_samples import sample_to_order

        return sample_to_order(self)

    def select_sample(self, sample_id: int) -> None:
        """Select the sample's row; while a read is under way, once it is shown."""
        if self.is_loading():
            self._pending_sample = sample_id
            return
        for r in range(self.samples.rowCount()):
            item = self.samples.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == sample_id:
                self.samples.selectRow(r)
                return

    def _open_sample_order(self) -> None:
        from .client_samples import open_sample_order

        open_sample_order(self)

    def approve_sample(self):
        return self._sample_decision(True)

    def reject_sample(self):
        return self._sample_decision(False)


def _title(client, s) -> str:
    """Name and code, then the facts (grade, current/potential, new/returning, source,
    country, tags), then the next follow-up in red when overdue, orange when today."""
    facts = [label("grade", client.grade), tr("现实客户") if s.is_current else tr("潜在客户"),
             tr("老客户") if s.is_returning else tr("新客户"), label("source", client.source)]
    if client.country:
        facts.append(client.country)
    if s.tags:
        facts.append(" ".join(f"#{t}" for t in s.tags))
    nxt = (tr("下次跟进:%1").replace("%1", fmt_date(s.next_followup_date))
           if s.next_followup_date else tr("没有待跟进提醒"))
    colour = ""
    if s.next_followup_date is not None and s.next_followup_date <= dt.date.today():
        colour = "#c62828" if s.next_followup_date < dt.date.today() else "#ef6c00"
    nxt_html = f"<span style='color:{colour}'>{_esc(nxt)}</span>" if colour else _esc(nxt)
    return (f"<b style='font-size:14pt'>{_esc(client.name)}</b> &nbsp; {_esc(client.code)}"
            f"<br>{_esc(' · '.join(facts))}<br>{nxt_html}")


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
