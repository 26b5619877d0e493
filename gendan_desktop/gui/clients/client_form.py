"""The client profile form (client_form.ui): fill, check and save a client."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QWidget,
)

from ...core.enums import CURRENCIES
from ...core.errors import GendanError, StaleEdit
from ...core.lists import client_tables
from ..kit.forms import (
    FieldErrors,
    ask_reload_after_stale,
    fill_enum_combo,
    form_child,
    get_value,
    load_form,
    set_value,
    setup_optional_date,
)
from ..kit.operations import QueryOp, changes

FORM_FIELDS = ("code", "name", "name_en", "country", "source", "grade", "first_contact_date", "phone", "email",
               "website", "address", "payment_terms", "default_currency", "language", "merchandiser", "notes")


def tr(text: str) -> str:
    return QCoreApplication.translate("ClientDetail", text)


# ------------------------------------------------------------ profile form --
class ClientFormController:
    """client_form.ui wired to core.clients (create / update with version)."""

    def __init__(self, parent: QWidget):
        self.widget = load_form("client_form.ui", parent)
        self.widget.setObjectName("clientForm")
        w = self.widget
        fill_enum_combo(form_child(w, QComboBox, "source"), "source")
        fill_enum_combo(form_child(w, QComboBox, "grade"), "grade")
        fill_enum_combo(form_child(w, QComboBox, "language"), "client_language")
        cur = form_child(w, QComboBox, "default_currency")
        cur.addItems(_currencies())
        self._read_merchandisers()
        setup_optional_date(form_child(w, QWidget, "first_contact_date"))
        self.errors = FieldErrors(w, form_child(w, QLabel, "form_error"))
        self.errors.clear()
        self.client_id: int | None = None
        self.version: int | None = None

    def _read_merchandisers(self) -> None:
        """Offer everyone who holds clients or open work (a read of the whole
        database: 100 ms at 100,000 orders, so in a worker; typing a new name
        works meanwhile)."""
        from ...core.handover import merchandiser_names

        QueryOp(self.widget, merchandiser_names, success=self._offer_merchandisers) \
            .failure(lambda exc: None).run_in_background()  # no names offered: the field still takes typing

    def _offer_merchandisers(self, names: list[str]) -> None:
        combo = form_child(self.widget, QComboBox, "merchandiser")
        text = combo.currentText()
        for name in names:
            if combo.findText(name) < 0:
                combo.addItem(name)
        combo.setEditText(text)

    def field(self, name: str) -> QWidget:
        return form_child(self.widget, QWidget, name)

    def set_client(self, client, tags: list[str] | None = None) -> None:
        """Show ``client`` (None: the defaults of a new one); ``tags`` when already read."""
        self.errors.clear()
        self.client_id = client.id if client else None
        self.version = client.version if client else None
        for name in FORM_FIELDS:
            w = self.field(name)
            if client is None:
                default = {"source": "other", "grade": "ordinary", "default_currency": "USD", "language": "",
                           "merchandiser": _me()}.get(name)
                set_value(w, default if default is not None else ("" if name != "first_contact_date" else None))
            else:
                set_value(w, getattr(client, name))
        if client is not None and tags is None:
            from ...core.clients import get_tags

            tags = get_tags(client.id)
        set_value(self.field("tags"), ", ".join(tags or ()))

    def values(self) -> dict:
        return {name: get_value(self.field(name)) for name in FORM_FIELDS}

    def tags(self) -> list[str]:
        text = get_value(self.field("tags")).replace(",", ",")
        return [t.strip() for t in text.split(",") if t.strip()]

    def _check(self, values: dict) -> bool:
        # what the form can tell before asking the core: the name is required
        if not values["name"]:
            self.errors.show("name", tr("请填写客户的公司名称。"))
            return False
        return True

    def create(self):
        from ...core.clients import create_client

        try:
            values = self.values()
        except GendanError as exc:
            self.errors.show_exception(exc)
            return None
        if not self._check(values):
            return None
        try:
            client = create_client(tags=self.tags(), **values)
        except GendanError as exc:
            self.errors.show_exception(exc)
            return None
        self.set_client(client)
        return client

    def save(self) -> bool:
        from ...core.clients import update_client

        if self.client_id is None:
            return False
        try:
            values = self.values()
        except GendanError as exc:
            self.errors.show_exception(exc)
            return False
        if not self._check(values):
            return False
        client_id, version = self.client_id, self.version
        if client_id is None or version is None:  # set_client sets both
            return False
        try:
            client = update_client(client_id, values, version, tags=self.tags())
        except StaleEdit as exc:
            if ask_reload_after_stale(self.widget, exc):
                self.set_client(client_tables.client(self.client_id))
            return False
        except GendanError as exc:
            self.errors.show_exception(exc)
            return False
        self.version = client.version
        self.errors.clear()
        changes().announce({"client"})
        return True


def _currencies() -> list[str]:
    try:
        from ...core.common import get_setting

        text = get_setting("currencies", "")
    except Exception:  # noqa: BLE001 - no database yet: defaults
        text = ""
    items = [c.strip().upper() for c in text.split(",") if c.strip()]
    return items or list(CURRENCIES)




def _me() -> str:
    try:
        from ...core.common import current_user

        return current_user()
    except Exception:  # noqa: BLE001 - no database yet
        return ""
