"""Acting on the window the way a person does: mouse clicks at a place, keys
pressed where the focus is, text typed or committed by an input method.

Nothing here calls a slot or a model method to make something happen; the
tests read state only to check what the user would see.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QDialog, QLineEdit, QWidget

SCREEN = (1366, 768)


def settle() -> None:
    """Let the layouts apply what changed (Qt posts the relayout; the screen shows it next)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        QCoreApplication.processEvents()


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def has_focus(widget: QWidget) -> bool:
    f = focus()
    return f is not None and (f is widget or widget.isAncestorOf(f))


def field_of(widget: QWidget | None) -> str:
    """The object name of the form field ``widget`` belongs to (a combo's line edit → the combo)."""
    while widget is not None and (not widget.objectName() or widget.objectName().startswith("qt_")):
        widget = widget.parentWidget()
    return widget.objectName() if widget is not None else ""


def key_target():
    """Where a key press goes: an open pop-up (a completer's list) takes the
    keyboard, else the focus widget."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup
    return QApplication.focusWidget()


def activate(qtbot, window: QWidget) -> None:
    """Bring ``window`` to the front, as a click on its title bar does."""
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.window())


def click(qtbot, widget: QWidget, pos: QPoint | None = None, button=Qt.LeftButton, modifiers=Qt.NoModifier) -> None:
    # as a user waits for a control still greyed out while its page reads (a client's detail)
    if not (widget.isVisible() and widget.isEnabled()):
        qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=5000)
    window = widget.window()
    if QApplication.activePopupWidget() is None and QApplication.activeWindow() is not window:
        activate(qtbot, window)  # a click on a window in the back brings it to the front first
    qtbot.mouseClick(widget, button, modifiers, pos if pos is not None else widget.rect().center())


def click_at(qtbot, window: QWidget, pos: QPoint) -> QWidget:
    """A click at ``pos`` of ``window`` goes to the widget drawn there, as with a real mouse."""
    target = window.childAt(pos) or window
    click(qtbot, target, target.mapFrom(window, pos))
    return target


def double_click(qtbot, widget: QWidget, pos: QPoint) -> None:
    qtbot.mouseDClick(widget, Qt.LeftButton, Qt.NoModifier, pos)


def click_header(qtbot, view, section: int) -> None:
    """Click the middle of a column header section."""
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    assert 0 <= x < header.viewport().width(), "that column is scrolled out of sight"
    click(qtbot, header.viewport(), QPoint(x, header.height() // 2))


def click_cell(qtbot, view, row: int, column: int = 0, double: bool = False) -> None:
    """Scroll the cell into sight (as the user would) and click it."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid() and not rect.isEmpty(), f"cell {row},{column} not visible"
    if double:
        double_click(qtbot, view.viewport(), rect.center())
    else:
        click(qtbot, view.viewport(), rect.center())


def click_row_with(qtbot, view, column: int, text: str, double: bool = False) -> int:
    """Click the row whose ``column`` shows ``text``; returns its row."""
    model = view.model()
    for r in range(model.rowCount()):
        if model.index(r, column).data() == text:
            click_cell(qtbot, view, r, column, double)
            return r
    raise AssertionError(f"no row shows {text!r}")


def click_tab(qtbot, tabs, text_or_index) -> None:
    """Click a tab of a QTabWidget by its title (or index)."""
    bar = tabs.tabBar()
    index = text_or_index if isinstance(text_or_index, int) else next(
        i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == text_or_index)
    click(qtbot, bar, bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def key(qtbot, k, modifiers=Qt.NoModifier, widget: QWidget | None = None) -> None:
    """Press a key where the keyboard focus is (or on ``widget``).

    Without ``widget`` QTest itself picks the receiver as QApplication does:
    an open pop-up's focus widget, else the focus widget (no Python wrapper of
    a pop-up's list is involved; PySide sometimes hands a stale one out)."""
    if widget is None and QApplication.activePopupWidget() is not None:
        QTest.keyClick(None, k, modifiers)  # QTest sends it on to the pop-up's focus widget
        return
    target = widget or QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, k, modifiers)


def keys(qtbot, *sequence) -> None:
    """Press several keys in turn: Qt.Key_Tab, (Qt.Key_S, Qt.ControlModifier) …"""
    for k in sequence:
        if isinstance(k, tuple):
            key(qtbot, *k)
        else:
            key(qtbot, k)


def type_text(qtbot, text: str, widget: QWidget | None = None) -> None:
    """Type ``text``: each key goes where the focus is at that moment (the first
    key may open a cell's editor, which takes the rest); Chinese arrives as an
    input method commits it (pinyin IME → 上海)."""
    for part in _runs(text):
        target = widget if widget is not None and part == text else None
        if part.isascii():
            for ch in part:
                receiver = target or focus()
                assert receiver is not None, "no widget has the keyboard focus"
                qtbot.keyClicks(receiver, ch)
        else:
            receiver = target or focus()
            assert receiver is not None, "no widget has the keyboard focus"
            event = QInputMethodEvent()
            event.setCommitString(part)
            QApplication.sendEvent(receiver, event)


def _runs(text: str) -> list[str]:
    out: list[str] = []
    for ch in text:
        if out and out[-1][-1].isascii() == ch.isascii():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def replace_text(qtbot, text: str, widget: QWidget | None = None) -> None:
    """Select all (Ctrl+A) and type ``text`` over it."""
    target = widget or focus()
    if widget is not None:
        click_into(qtbot, widget)
        target = focus()
    qtbot.keyClick(target, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(target, Qt.Key_Backspace)
    if text:
        type_text(qtbot, text, target)


def click_into(qtbot, widget: QWidget) -> None:
    """Click an input so it takes the keyboard focus (a combo: its text field)."""
    reveal(qtbot, widget)
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    target = widget
    if hasattr(widget, "lineEdit") and not isinstance(widget, QComboBox):  # spin boxes
        target = widget.lineEdit()
    if isinstance(target, QLineEdit):
        click(qtbot, target, QPoint(min(8, target.width() // 4), target.height() // 2))
    else:
        click(qtbot, target)
    qtbot.waitUntil(lambda: focus() is not None and (focus() is widget or widget.isAncestorOf(focus())
                                                    or (widget.focusProxy() is not None
                                                        and focus() is widget.focusProxy())))


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an item of a (non-editable) combo with the keyboard: focus it, then
    type the start of the item as a user does, or arrow to it."""
    click_into_combo(qtbot, combo)
    target = combo.findText(text)
    assert target >= 0, f"{text!r} not offered; items: {[combo.itemText(i) for i in range(combo.count())]}"
    for _ in range(combo.count() + 1):
        if combo.currentIndex() == target:
            return
        qtbot.keyClick(combo, Qt.Key_Down if combo.currentIndex() < target else Qt.Key_Up)
    assert combo.currentIndex() == target


def reveal(qtbot, widget: QWidget) -> None:
    """Click the tabs that hide ``widget`` (a field on another page of a tab widget)."""
    from PySide6.QtWidgets import QTabWidget

    chain = []
    w = widget.parentWidget()
    while w is not None:
        chain.append(w)
        w = w.parentWidget()
    for tabs in reversed([c for c in chain if isinstance(c, QTabWidget)]):
        for i in range(tabs.count()):
            page = tabs.widget(i)
            if (page is widget or page.isAncestorOf(widget)) and tabs.currentIndex() != i:
                click_tab(qtbot, tabs, i)


def click_into_combo(qtbot, combo: QComboBox) -> None:
    reveal(qtbot, combo)
    combo.setFocus(Qt.MouseFocusReason)  # a click would open the list; the focus is what matters here
    qtbot.waitUntil(combo.hasFocus)


def button(parent: QWidget, text: str) -> QAbstractButton:
    """The visible button of ``parent`` showing ``text`` (without & accelerators)."""
    found = [b for b in parent.findChildren(QAbstractButton)
             if b.text().replace("&", "") == text and b.isVisibleTo(parent)]
    assert found, f"no button {text!r}: {[b.text() for b in parent.findChildren(QAbstractButton)]}"
    return found[0]


def click_button(qtbot, parent: QWidget, text: str) -> None:
    click(qtbot, button(parent, text))


def modal():
    return QApplication.activeModalWidget()


def when_modal(qtbot, act, kind=QDialog, timeout_ms: int = 10_000) -> dict:
    """Run ``act(widget)`` on the next modal widget of type ``kind`` once it shows
    (for exec()'d dialogs, which block the test until they close)."""
    state = {"done": False, "widget": None}
    waited = [0]

    def tick():
        w = modal()
        if isinstance(w, kind) and w.isVisible():
            state["widget"] = w
            try:
                if QApplication.activeWindow() is not w:
                    activate(qtbot, w)  # the window manager focuses a new dialog
                act(w)
                state["done"] = True
            except BaseException as exc:  # noqa: BLE001 - close the dialog, or the test hangs in exec()
                state["error"] = exc
                if hasattr(w, "done"):
                    w.done(0)
                else:
                    w.close()
                raise
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, tick)
        else:  # not the dialog expected: close what blocks, so the test fails instead of hanging
            blocking = [t for t in QApplication.topLevelWidgets() if t.isVisible() and t.isModal()]
            state["error"] = f"expected a {kind.__name__}, found {[b.metaObject().className() for b in blocking]}"
            for b in blocking:
                b.close()

    QTimer.singleShot(0, tick)
    return state


def message_box_answer(qtbot, button_text: str) -> dict:
    """Answer the next message box by clicking the button labelled ``button_text``."""
    from PySide6.QtWidgets import QMessageBox

    def act(box):
        seen = [b.text().replace("&", "") for b in box.buttons()]
        target = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        state["texts"] = seen
        state["message"] = box.text()
        QTest.mouseClick(target, Qt.LeftButton)

    state = when_modal(qtbot, act, QMessageBox)
    return state


def visible_on_screen(widget: QWidget) -> bool:
    """Whether all of ``widget`` lies inside its window and the window on the screen."""
    window = widget.window()
    top_left = widget.mapTo(window, QPoint(0, 0))
    inside = (top_left.x() >= 0 and top_left.y() >= 0 and top_left.x() + widget.width() <= window.width()
              and top_left.y() + widget.height() <= window.height())
    screen = window.screen().availableGeometry()
    return inside and screen.contains(window.frameGeometry())


def shown_text_fits(widget) -> bool:
    """Whether a label's / button's text is drawn whole (not cut or elided)."""
    fm = widget.fontMetrics()
    text = widget.text().replace("&", "")
    return fm.horizontalAdvance(text) <= widget.contentsRect().width() + 1


def go(qtbot, window, title: str):
    """Click the main tab called ``title``; returns the tab."""
    click_tab(qtbot, window.tab_widget, title)
    activate(qtbot, window)
    return window.current_tab()


def switch_language(qtbot, window, language: str) -> None:
    """Settings (Ctrl+,): choose the language with the keyboard, click OK."""
    from PySide6.QtWidgets import QDialogButtonBox

    def act(dlg):
        choose(qtbot, dlg.form.findChild(QComboBox, "language"), language)
        click(qtbot, dlg.form.findChild(QDialogButtonBox, "buttons").button(QDialogButtonBox.Ok))

    state = when_modal(qtbot, act)
    activate(qtbot, window)
    key(qtbot, Qt.Key_Comma, Qt.ControlModifier, window)
    assert state["done"], state.get("error")
    activate(qtbot, window)  # the window manager gives the focus back once the dialog closed


def menu(qtbot, window, menu_title: str, *path: str) -> None:
    """Click a menu of the menu bar, then its entries along ``path`` (a submenu, then its action)."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "").split("(")[0] == menu_title)
    activate(qtbot, window)
    click(qtbot, bar, bar.actionGeometry(top).center())
    popup = top.menu()
    for text in path:
        qtbot.waitUntil(popup.isVisible)
        act = next(a for a in popup.actions() if a.text().replace("&", "") == text)
        qtbot.mouseClick(popup, Qt.LeftButton, Qt.NoModifier, popup.actionGeometry(act).center())
        popup = act.menu()


def text_fits(widget, text: str | None = None, room: int | None = None) -> bool:
    fm = widget.fontMetrics()
    text = (widget.text() if text is None else text).replace("&", "")
    return fm.horizontalAdvance(text) <= (room if room is not None else widget.contentsRect().width()) + 1


def combo_text_fits(combo) -> bool:
    """Whether the combo shows its current text whole (not "Fil…")."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.CC_ComboBox, opt, QStyle.SC_ComboBoxEditField, combo)
    text = combo.currentText() or (combo.lineEdit().placeholderText() if combo.isEditable() else "")
    return combo.fontMetrics().horizontalAdvance(text) <= field.width() + 1


def toggle(qtbot, box) -> None:
    """Click a check box on its box (its middle may be empty space beyond the text)."""
    before = box.isChecked()
    click(qtbot, box, QPoint(8, box.height() // 2))
    assert box.isChecked() != before


def edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Click a cell, F2 to edit it, type ``text`` over what is there, Enter."""
    click_cell(qtbot, table, row, column)
    qtbot.keyClick(table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table, "the cell did not open for typing"
    qtbot.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, text, editor)
    qtbot.keyClick(editor, Qt.Key_Return)


def settings_dialog(qtbot, window, act) -> None:
    """Open 设置 with Ctrl+, and run ``act(dialog)`` on it (it is modal)."""
    state = when_modal(qtbot, act)
    activate(qtbot, window)
    key(qtbot, Qt.Key_Comma, Qt.ControlModifier, window)
    assert state["done"], state.get("error")
    activate(qtbot, window)


def form_in_holder(qtbot, name: str):
    """(holder, form): the Designer form ``name`` laid out in a window of its own."""
    from PySide6.QtWidgets import QVBoxLayout

    from gendan_desktop.gui.kit.forms import load_form

    holder = QWidget()
    qtbot.addWidget(holder)
    form = load_form(name, holder)
    QVBoxLayout(holder).addWidget(form)
    return holder, form
