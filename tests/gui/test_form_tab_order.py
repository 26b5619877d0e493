"""Tab walks every form drawn in Qt Designer in the order the eye reads it (issue 9,
item 10): rows top to bottom, left to right in a row."""

from __future__ import annotations

import pytest
from input_helpers import activate, field_of, focus, form_in_holder, has_focus, key, settle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

pytestmark = pytest.mark.gui


def reading_order_by_eye(form: QWidget) -> list[str]:
    """The inputs of a shown form sorted as the eye reads them: rows top to
    bottom (widgets whose tops are within half a field's height share a row),
    left to right in a row."""
    from PySide6.QtWidgets import QLabel

    inputs = [w for w in form.findChildren(QWidget)
              if w.objectName() and not w.objectName().startswith("qt_") and w.isVisible() and w.isEnabled()
              and not isinstance(w, QLabel) and w.focusPolicy() & Qt.TabFocus and w.focusProxy() is None
              and field_of(w.parentWidget()) in ("", form.objectName()) or False]
    inputs = [w for w in inputs if w.parentWidget() is not None and not isinstance(w.parentWidget(), type(w))]
    placed = sorted(((w.mapTo(form, QPoint(0, 0)), w) for w in inputs), key=lambda p: (p[0].y(), p[0].x()))
    rows: list[list] = []
    for pos, w in placed:
        if rows and pos.y() - rows[-1][0][0].y() < min(w.height(), rows[-1][0][1].height()) / 2:
            rows[-1].append((pos, w))
        else:
            rows.append([(pos, w)])
    return [w.objectName() for row in rows for _p, w in sorted(row, key=lambda p: p[0].x())]


FORMS = ["card_factory_form.ui", "client_form.ui", "complaint_form.ui", "deposit_form.ui",
         "sample_decision_form.ui", "sample_order_form.ui", "contact_form.ui", "dispatch_form.ui",
         "disposition_form.ui",
         "exception_form.ui", "followup_form.ui", "issue_cards_form.ui", "material_form.ui", "order_form.ui",
         "payment_form.ui", "progress_entry.ui", "purchase_form.ui", "quotation_form.ui",
         "quotation_order_form.ui", "receive_form.ui", "review_form.ui", "sample_form.ui",
         "sample_send_form.ui", "shipment_form.ui", "visit_form.ui"]


@pytest.mark.parametrize("name", FORMS)
def test_tab_walks_every_form_in_reading_order(qtbot, zh_app, name):
    holder, form = form_in_holder(qtbot, name)
    for w in form.findChildren(QWidget):
        w.setEnabled(True)  # some start disabled until a record is loaded
    holder.resize(max(holder.sizeHint().width(), 700), holder.sizeHint().height())
    holder.show()
    activate(qtbot, holder)
    settle()
    expected = reading_order_by_eye(form)
    assert len(expected) >= 2, expected
    first = form.findChild(QWidget, expected[0])
    first.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(lambda: has_focus(first))
    seen = [expected[0]]
    for _ in expected[1:]:
        key(qtbot, Qt.Key_Tab)
        seen.append(field_of(focus()))
    assert seen == expected
