"""A combo box you type a client (or an order) into: ``SearchCombo``.

Typing shows the matching records under the field (by name, code, number, PO
or pinyin initials: ``zs`` finds 张三), Down/Up and Enter or a click picks one;
Enter on a text that matches takes the first match. The drop-down arrow lists
a handful of records in alphabetical (pinyin) order to scroll through. The
field empty means "none" (for a filter: all). ``picked(id)`` says what was
chosen, ``current_id()`` what is chosen now.

    combo = SearchCombo(parent, search=pickers.client_choices, lookup=pickers.client_by_id)
    combo.picked.connect(lambda client_id: …)

``search(text) -> [(id, label)]`` and ``lookup(id) -> (id, label) | None`` come
from core.pickers, so the window runs no query of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit

Choices = list[tuple[int, str]]


class SearchCombo(QComboBox):
    picked = Signal(object)  # the id chosen, None when the field was emptied

    def __init__(self, parent=None, *, search: Callable[[str], Choices] | None = None,
                 lookup: Callable[[int], tuple[int, str] | None] | None = None,
                 browse: Callable[[], Choices] | None = None, placeholder: str = ""):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.search_fn = search
        self.lookup_fn = lookup
        self.browse_fn = browse
        self._labels: dict[str, int | None] = {}  # label → id of everything offered so far
        self._current: int | None = None
        self._browsed = False
        self._quiet = False
        line = self._line()
        line.setClearButtonEnabled(True)
        if placeholder:
            line.setPlaceholderText(placeholder)
        self.results = QStringListModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.completer_.activated.connect(self._take_label)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._search)
        line.installEventFilter(self)  # read-only: no clear button
        line.textEdited.connect(self._edited)
        line.returnPressed.connect(self._enter)
        line.editingFinished.connect(self._resolve)
        self.activated.connect(self._take_item)

    # ------------------------------------------------------------- public
    def current_id(self) -> int | None:
        """The record chosen (None when the field is empty or not resolved to one)."""
        text = self.currentText().strip()
        if not text:
            return None
        if text in self._labels:
            return self._labels[text]
        return self._current if self._current is not None and self._label_of(self._current) == text else None

    def set_current(self, id_: int | None, label: str | None = None) -> None:
        """Show record ``id_`` (its label looked up unless given), without emitting ``picked``."""
        if id_ is not None and label is None and self.lookup_fn is not None:
            found = self.lookup_fn(id_)
            label = found[1] if found else None
        self._current = id_ if label else None
        self._quiet = True
        if label:
            self._labels[label] = id_
        self.setEditText(label or "")
        self._line().setCursorPosition(0)  # the start of a long name
        self._line().setToolTip(label or "")  # the whole of it
        self._quiet = False

    def search_now(self, text: str) -> Choices:
        return list(self.search_fn(text)) if self.search_fn is not None and text.strip() else []

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if isinstance(obj, QLineEdit) and obj is self.lineEdit() and event.type() == QEvent.Type.ReadOnlyChange:
            obj.setClearButtonEnabled(not obj.isReadOnly())
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------ private
    def _line(self) -> QLineEdit:
        line = self.lineEdit()
        if line is None:
            raise RuntimeError("a SearchCombo is always editable")
        return line

    def _popup(self) -> QAbstractItemView:
        popup = self.completer_.popup()
        if popup is None:
            raise RuntimeError("a QCompleter always has a popup")
        return popup

    def _label_of(self, id_: int) -> str | None:
        return next((label for label, i in self._labels.items() if i == id_), None)

    def _edited(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._popup().hide()
            self._choose(None)
            return
        self._timer.start()

    def _search(self) -> None:
        self._timer.stop()
        text = self.currentText().strip()
        if not text:
            return
        found = self.search_now(text)
        self._labels.update({label: i for i, label in found})
        self.results.setStringList([label for _i, label in found])
        if found and self._line().hasFocus():
            popup = self._popup()  # as wide as the longest match, not the narrow field
            widest = max(popup.fontMetrics().horizontalAdvance(label) for _i, label in found)
            popup.setMinimumWidth(min(max(self.width(), widest + 40), 600))
            self.completer_.complete()

    def _take_label(self, label: str) -> None:
        if label in self._labels:
            self._set_text(label)
            self._choose(self._labels[label])

    def _take_item(self, index: int) -> None:
        id_ = self.itemData(index)
        self._set_text(self.itemText(index))
        self._choose(id_)

    def _enter(self) -> None:
        if self._popup().isVisible():
            return  # the completer takes Enter on its list
        self._resolve(first=True)

    def _resolve(self, first: bool = False) -> None:
        """The text typed is a record when it is one's label, or (on Enter, or
        when only one record matches) the first record it matches."""
        text = self.currentText().strip()
        if self._quiet:
            return
        if not self._line().hasFocus():
            self._line().setCursorPosition(0)  # left: show the start of a long name
        if not text:
            self._choose(None)
            return
        if text in self._labels:
            self._choose(self._labels[text])
            return
        found = self.search_now(text)
        self._labels.update({label: i for i, label in found})
        if found and (first or len(found) == 1):
            self._set_text(found[0][1])
            self._choose(found[0][0])
            self._popup().hide()

    def _set_text(self, label: str) -> None:
        self._quiet = True
        self.setEditText(label)
        self._line().setCursorPosition(0)
        self._quiet = False

    def _choose(self, id_: int | None) -> None:
        if id_ != self._current:
            self._current = id_
            self.picked.emit(id_)

    def showPopup(self) -> None:  # noqa: N802 - the drop-down arrow: a list to browse
        if not self._browsed and self.browse_fn is not None:
            self._browsed = True
            text = self.currentText()
            self.blockSignals(True)
            self.clear()
            for id_, label in self.browse_fn():
                self.addItem(label, id_)
                self._labels[label] = id_
            self.setCurrentIndex(-1)
            self.setEditText(text)
            self.blockSignals(False)
        super().showPopup()
