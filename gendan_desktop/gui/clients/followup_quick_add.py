"""跟进记录 quick add: type the content, Alt+3/7 for the next date, Enter."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...core.errors import GendanError
from ..kit.date_edit import DateEdit
from ..kit.forms import (
    FieldErrors,
    fill_enum_combo,
    form_child,
    get_value,
    load_form,
    setup_optional_date,
)
from ..kit.operations import CollectionOp

if TYPE_CHECKING:
    from .client_detail import ClientDetail

def tr(text: str) -> str:
    return QCoreApplication.translate("ClientDetail", text)


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


# ------------------------------------------------------------ follow-up add --
class FollowUpQuickAdd:
    """followup_form.ui: type the content, Alt+3/7 for the next date, Enter."""

    def __init__(self, detail: ClientDetail, parent: QWidget):
        self.detail = detail
        self.widget = load_form("followup_form.ui", parent)
        self.widget.setObjectName("followupForm")
        w = self.widget
        self.date: DateEdit = form_child(w, DateEdit, "date")
        self.next_date: DateEdit = form_child(w, DateEdit, "next_date")
        setup_optional_date(self.next_date)
        self.channel: QComboBox = form_child(w, QComboBox, "channel")
        fill_enum_combo(self.channel, "channel")
        self.contact: QComboBox = form_child(w, QComboBox, "contact")
        self.content: QLineEdit = form_child(w, QLineEdit, "content")
        self.errors = FieldErrors(w, form_child(w, QLabel, "form_error"))
        self.errors.clear()
        for name, days in (("in3", 3), ("in7", 7), ("in30", 30)):
            form_child(w, QPushButton, name).clicked.connect(lambda _c=False, d=days: self.set_next_in(d))
        for key, days in (("Alt+3", 3), ("Alt+7", 7), ("Alt+0", 30)):
            QShortcut(
                QKeySequence(key),
                w,
                lambda d=days: self.set_next_in(d),
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        self.content.returnPressed.connect(self.add)
        form_child(w, QPushButton, "add_button").clicked.connect(self.add)
        self.reset()

    def reset(self) -> None:
        today = dt.date.today()
        self.date.setDate(qdate(today))
        self.next_date.setDate(qdate(today + dt.timedelta(days=7)))
        self.content.clear()
        self.errors.clear()

    def set_next_in(self, days: int) -> None:
        d = self.date.date()
        base = dt.date(d.year(), d.month(), d.day()) if d.isValid() else dt.date.today()
        self.next_date.setDate(qdate(base + dt.timedelta(days=days)))

    def set_contacts(self, contacts) -> None:
        self.contact.clear()
        self.contact.addItem(tr("(联系人)"), None)
        for c in contacts:
            self.contact.addItem(c.name, c.id)

    def add(self):
        from ...core.followups import log_followup

        client_id = self.detail.client_id
        if client_id is None:
            return None
        content = self.content.text().strip()
        if not content:
            self.errors.show("content", tr("请填写跟进内容。"))
            return None
        try:
            args = dict(client_id=client_id, date=get_value(self.date), channel=self.channel.currentData(),
                        content=content, next_date=get_value(self.next_date), contact_id=self.contact.currentData())
        except GendanError as exc:  # a date field holding no date
            self.errors.show_exception(exc)
            return None

        def done(_fu):
            self.reset()
            self.detail.reload_followups()

        op = CollectionOp(self.widget, lambda: log_followup(**args), kinds={"followup"}, success=done)
        op.failure(self.errors.show_exception).run_in_background()
        return op

