"""Forms load without Qt Designer's plugins: QUiLoader loaded every plugin under
<Qt plugins>/designer (QtWebEngine's, QtQuick's) at the first form a user
opened, 70 ms and +30 MB resident for widgets no form of ours uses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit

pytestmark = pytest.mark.gui


def _designer_plugins_mapped() -> list[str]:
    maps = Path("/proc/self/maps").read_text()
    return sorted({line.split()[-1] for line in maps.splitlines() if "/designer/" in line})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_a_form_loads_with_its_widgets_and_no_designer_plugin(qtbot):
    from gendan_desktop.gui.kit.forms import form_child, load_form

    paths = QCoreApplication.libraryPaths()
    form = load_form("client_form.ui")
    qtbot.addWidget(form)
    again = load_form("client_form.ui")
    qtbot.addWidget(again)
    assert form_child(form, QLineEdit, "name") is not form_child(again, QLineEdit, "name")
    assert form.findChildren(QComboBox)
    assert _designer_plugins_mapped() == []
    assert QCoreApplication.libraryPaths() == paths  # image format and style plugins still found
