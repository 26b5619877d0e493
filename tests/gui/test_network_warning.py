"""A SQLite database on a network share gets a warning when the window opens:
WAL is not safe there, team mode on PostgreSQL is. The mount table is the one
stand-in (no NFS/SMB server here): it is what Linux would report for the share."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui


def _box(window):
    return window.findChild(QMessageBox, "networkShareWarning")


def test_database_on_a_cifs_mount_is_warned_about(window, qtbot, tmp_path, monkeypatch):
    from gendan_desktop.core import network_share
    from gendan_desktop.gui.app import warn_if_network_share

    monkeypatch.setattr(network_share, "mount_table", lambda text=None: [("/", "ext4"), (str(tmp_path), "cifs")])
    assert warn_if_network_share(window) == "cifs"
    qtbot.waitUntil(lambda: _box(window) is not None and _box(window).isVisible())
    box = _box(window)
    assert "WAL" in box.text() and "PostgreSQL" in box.text() and "cifs" in box.text()
    assert str(tmp_path) in box.text()
    qtbot.mouseClick(box.button(QMessageBox.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_local_database_gets_no_warning(window, tmp_path, monkeypatch):
    from gendan_desktop.core import network_share
    from gendan_desktop.gui.app import warn_if_network_share

    monkeypatch.setattr(network_share, "mount_table", lambda text=None: [("/", "ext4"), (str(tmp_path), "ext4")])
    assert warn_if_network_share(window) is None
    assert _box(window) is None


def test_english_warning(window, qtbot, tmp_path, monkeypatch):
    from gendan_desktop.core import network_share
    from gendan_desktop.gui.app import install_translators, warn_if_network_share

    monkeypatch.setattr(network_share, "mount_table", lambda text=None: [(str(tmp_path), "nfs4")])
    install_translators("en")
    try:
        warn_if_network_share(window)
        qtbot.waitUntil(lambda: _box(window) is not None)
        assert "network share" in _box(window).text() and "team mode" in _box(window).text()
        _box(window).done(0)
    finally:
        install_translators("zh")
