"""The client field of the order and quotation forms."""

from __future__ import annotations


class ClientPicker:
    """The ``client`` field of the order and quotation forms (a SearchCombo):
    typing searches clients by name, code or pinyin initials."""

    def __init__(self, combo):
        from ...core import pickers

        self.combo = combo
        combo.search_fn = pickers.client_choices
        combo.lookup_fn = pickers.client_by_id
        combo.browse_fn = lambda: pickers.client_choices(limit=200)

    def set_client(self, client_id: int | None) -> None:
        self.combo.set_current(client_id)

    def client_id(self) -> int | None:
        """The client chosen; a name or code typed in full also counts."""
        from ...core.clients import client_by_code_or_name
        from ...core.errors import GendanError

        chosen = self.combo.current_id()
        text = self.combo.currentText().strip()
        if chosen is not None or not text:
            return chosen
        try:
            return client_by_code_or_name(text).id
        except GendanError:
            return None
