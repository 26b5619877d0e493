"""GUI fixtures: real widgets offscreen, a fresh SQLite file, private QSettings.

``window`` is a shown MainWindow on a new database; ``wait_ops`` waits until
every QueryOp/CollectionOp has reported back (use it instead of sleeping).
"""

from __future__ import annotations

import os

import pytest

os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"  # QT_QPA_PLATFORM: tests/conftest.py


@pytest.fixture(scope="session", autouse=True)
def gc_on_gui_thread():
    """As the app does (operations.GuiThreadGarbageCollector): no automatic
    cyclic GC, which could run in a worker thread and destroy widgets there."""
    import gc

    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_test(wait_ops):
    import gc

    yield
    wait_ops()
    gc.collect()  # on the GUI thread, with no worker running


@pytest.fixture(autouse=True)
def shown_errors(wait_ops):
    """Errors the GUI would show in a message box (operations.show_error) are
    collected here; one left over at the end fails the test instead of a modal
    box hanging it. A test that expects one takes it out of the list."""
    from gendan_desktop.gui.kit import operations

    errors: list[tuple[BaseException, str]] = []
    operations.set_error_sink(lambda exc, details: errors.append((exc, details)))
    yield errors
    wait_ops()  # an op still running may yet fail
    operations.set_error_sink(None)
    if errors:
        exc, details = errors[0]
        pytest.fail(f"the GUI showed an error: {type(exc).__name__}: {exc}\n{details}")


@pytest.fixture(autouse=True)
def private_ui_settings(tmp_path, qapp):
    """QSettings go to a temporary folder, so no test sees another's layout."""
    from PySide6.QtCore import QSettings

    from gendan_desktop.gui.kit.uistate import APPLICATION, ORGANIZATION

    qapp.setOrganizationName(ORGANIZATION)
    qapp.setApplicationName(APPLICATION)
    folder = str(tmp_path / "qsettings")
    for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(fmt, QSettings.UserScope, folder)
    yield folder


@pytest.fixture
def zh_app(qapp):
    from gendan_desktop.gui.app import install_translators

    install_translators("zh")
    yield qapp
    install_translators("zh")


@pytest.fixture
def wait_ops(qtbot):
    """``wait_ops()``: wait until every op started since the test began has sent
    its own ``sig_finished`` (ops started by handlers meanwhile included)."""
    from gendan_desktop.gui.kit.operations import changes

    started = []
    changes().sig_op_started.connect(started.append)

    def wait(timeout: int = 10_000):
        while True:
            pending = [op for op in started if not op.finished]
            if not pending:
                return
            op = pending[0]
            blocker = qtbot.waitSignal(op.sig_finished, timeout=timeout, raising=False)  # connected now
            if not op.finished:
                blocker.wait()
            assert op.finished, "an operation did not finish in time"

    yield wait
    changes().sig_op_started.disconnect(started.append)


@pytest.fixture
def window(qtbot, zh_app, sqlite_db, wait_ops):
    from gendan_desktop.gui.main_window import MainWindow

    w = MainWindow(sqlite_db.gendan_url)
    dismisser = PromptDismisser()
    qtbot.addWidget(w, before_close_func=dismisser.start)
    w.show()
    qtbot.waitExposed(w)
    yield w
    wait_ops()
    dismisser.stop()


class PromptDismisser:
    """While the window is closed after the test, a prompt it raises (unsaved
    changes left by a failed step) is answered Discard, so a failing test
    fails instead of hanging."""

    def __init__(self):
        self.timer = None

    def start(self, _widget=None) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.timeout.connect(self._dismiss)
        self.timer.start(50)

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    @staticmethod
    def _dismiss() -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = QApplication.activeModalWidget()
        if box is None:
            return
        if isinstance(box, QMessageBox):
            button = box.button(QMessageBox.Discard) or box.button(QMessageBox.No) or box.button(QMessageBox.Cancel)
            if button is not None:
                button.click()
                return
        box.close()
