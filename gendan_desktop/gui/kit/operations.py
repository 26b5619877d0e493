"""Run one service call off the GUI thread; the result comes back on the GUI thread.

Modelled on Anki's ``QueryOp`` / ``CollectionOp``::

    QueryOp(parent, lambda: followups.followups_due(today), success=self.show_due) \\
        .failure(self.show_error).run_in_background()

    CollectionOp(parent, lambda: clients.create_client(**data), kinds={"client"}) \\
        .success(lambda client: self.select(client.id)) \\
        .with_progress(tr("正在保存…")).run_in_background()

* ``op`` runs in a pool thread. If it takes a parameter it receives a
  ``Progress``: call ``progress.update(value, maximum, label)`` and
  ``progress.check()`` (raises ``Cancelled`` once the user pressed Cancel).
* ``success(result)`` / ``failure(exc)`` run on the GUI thread. Without a
  failure handler a GendanError is shown in a message box with its sentence.
* ``CollectionOp`` also announces ``changes.changed(kinds)`` after success, so
  every list showing those record kinds refreshes (hidden tabs on next show).
* The worker closes its own database connection when it ends (peewee keeps
  one connection per thread).
"""

from __future__ import annotations

import inspect
import threading
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Self

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ...core.changes import OpChanges


def tr(text: str) -> str:
    return QCoreApplication.translate("operations", text)


class Cancelled(Exception):
    """Raised inside an op by ``Progress.check()`` when the user cancelled."""


class ChangeBus(QObject):
    """Application-wide announcement that records of some kinds changed."""

    changed = Signal(object)  # a frozenset of kinds, e.g. {"client", "followup"}
    sig_op_started = Signal(object)  # a QueryOp just sent to a worker (tests wait on its sig_finished)

    def announce(self, kinds: Iterable[str]) -> None:
        self.changed.emit(frozenset(kinds))


_BUS: list[ChangeBus] = []


def changes() -> ChangeBus:
    """The one ChangeBus (created on first use, in the GUI thread)."""
    if not _BUS:
        _BUS.append(ChangeBus())
    return _BUS[0]


class Progress:
    """Handed to an op that accepts one argument. Thread-safe by design: it only
    sets plain attributes and emits a queued signal."""

    def __init__(self, bridge: _Bridge):
        self._bridge = bridge
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def update(self, value: int = 0, maximum: int = 0, label: str | None = None) -> None:
        self._bridge.progressed.emit(int(value), int(maximum), label)
        self.check()


class _Bridge(QObject):
    """Lives in the GUI thread; signals emitted from the worker are queued to it,
    and its slots (GUI thread) hand the outcome to the op."""

    done = Signal(object)
    failed = Signal(object, str)
    progressed = Signal(int, int, object)
    sig_finished = Signal()  # the op reported back and its success or failure handler ran

    def __init__(self, op: QueryOp):
        # Parented to the GUI-thread ChangeBus: the C++ object then belongs to
        # Qt, and dies by deleteLater() on the GUI thread even if the worker
        # thread happens to drop the last Python reference.
        super().__init__(changes())
        self.op = op
        self.done.connect(self._done)
        self.failed.connect(self._failed)
        self.progressed.connect(self._progressed)

    @Slot(object)
    def _done(self, result) -> None:
        try:
            self.op._on_done(result)
        finally:
            self.sig_finished.emit()

    @Slot(object, str)
    def _failed(self, exc, details) -> None:
        try:
            self.op._on_failed(exc, details)
        finally:
            self.sig_finished.emit()

    @Slot(int, int, object)
    def _progressed(self, value, maximum, label) -> None:
        self.op._on_progress(value, maximum, label)


def _run_in_worker(fn: Callable[[], Any], bridge: _Bridge) -> None:
    """Body of a worker thread (Python's thread pool: a QRunnable subclass with
    auto-delete is destroyed by Qt in the worker while PySide still tears down
    its wrapper; the test suite segfaulted about once in ten runs with it)."""
    try:
        result = fn()
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the GUI
        outcome = (False, exc, traceback.format_exc())
    else:
        outcome = (True, result, "")
    _close_thread_connection()  # before reporting: nothing runs here after the emit
    try:
        if outcome[0]:
            bridge.done.emit(outcome[1])
        else:
            bridge.failed.emit(outcome[1], outcome[2])
    except RuntimeError:  # the application is quitting: nobody left to tell
        pass


_POOL: list[ThreadPoolExecutor] = []


def _pool() -> ThreadPoolExecutor:
    if not _POOL:
        _POOL.append(ThreadPoolExecutor(max_workers=4, thread_name_prefix="gendan-op"))
    return _POOL[0]


def _close_thread_connection() -> None:
    try:
        from ...core.connection import close_database

        close_database()  # closes this thread's connection only
    except Exception:  # noqa: BLE001 - closing must never mask the result
        pass


# Ops in flight are kept alive here until they report back.
_RUNNING: set[QueryOp] = set()


def busy() -> bool:
    """Whether any op is still in flight (the self-test waits for a quiet window)."""
    return bool(_RUNNING)


_ERROR_SINK: list[Callable[[BaseException, str], None]] = []


def set_error_sink(sink: Callable[[BaseException, str], None] | None) -> None:
    """Tests route errors here instead of a modal box (which would wait forever)."""
    _ERROR_SINK[:] = [sink] if sink else []


def show_error(parent: QWidget | None, exc: BaseException, details: str = "") -> None:
    """A message box with the error's sentence in the current language."""
    from ...core.errors import GendanError
    from .db_trouble import trouble

    if isinstance(exc, Cancelled) or trouble().report(exc):  # a failed read: said once by the window
        return
    if not isinstance(exc, GendanError):  # a bug or the world, not a sentence for the user: keep it
        from ...applog import log

        log.error("Operation failed: %s: %s\n%s", type(exc).__name__, exc, details)
    if _ERROR_SINK:
        _ERROR_SINK[0](exc, details)
        return
    if isinstance(exc, GendanError):
        QMessageBox.warning(parent, tr("无法完成"), str(exc))
        return
    box = QMessageBox(QMessageBox.Icon.Critical, tr("出错了"),
                      tr("操作失败:%1").replace("%1", f"{type(exc).__name__}: {exc}"),
                      QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


class QueryOp:
    """A read (or any call) run off the GUI thread. See the module docstring."""

    def __init__(self, parent: QWidget | None, op: Callable[..., Any],
                 success: Callable[[Any], None] | None = None):
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], object] | None = None
        self._finally: Callable[[], None] | None = None
        self._progress_label: str | None = None
        self._cancellable = True
        self._dialog: QProgressDialog | None = None
        self.progress: Progress | None = None
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None
        # a window the success handler opened (callers and tests reach it here)
        self.dialog: QWidget | None = None
        self.keep_alive: Any = None  # an object the running op needs (a QPrinter)

    # -- configuration (chainable) --
    def success(self, fn: Callable[[Any], None]) -> Self:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], object]) -> Self:
        self._failure = fn
        return self

    def finally_(self, fn: Callable[[], None]) -> Self:
        self._finally = fn
        return self

    def with_progress(self, label: str = "", cancellable: bool = True) -> Self:
        """Show a progress dialog (after 300 ms, so quick calls never flash one)."""
        self._progress_label = label or tr("请稍候…")
        self._cancellable = cancellable
        return self

    # -- running --
    def run_in_background(self) -> Self:
        bridge = _Bridge(self)
        self._bridge = bridge
        self.progress = Progress(bridge)
        takes_progress = _accepts_argument(self._op)
        fn = (lambda: self._op(self.progress)) if takes_progress else self._op
        if self._progress_label is not None:
            self._make_dialog(self._progress_label)
        _RUNNING.add(self)
        _pool().submit(_run_in_worker, fn, bridge)
        changes().sig_op_started.emit(self)
        return self

    @property
    def sig_finished(self):
        """Emitted once when the op has reported back (after ``run_in_background``)."""
        return self._bridge.sig_finished

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()

    def _make_dialog(self, label: str) -> None:
        dlg = QProgressDialog(label, tr("取消"), 0, 0, self._parent)
        if not self._cancellable:
            dlg.setCancelButton(None)  # what a null cancel text does in Qt
        dlg.setWindowTitle(tr("跟单桌面"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(300)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        if self._cancellable:
            dlg.canceled.connect(self.cancel)
        self._dialog = dlg

    def _on_progress(self, value: int, maximum: int, label) -> None:
        dlg = self._dialog
        if dlg is None:
            return
        # a modal QProgressDialog.setValue processes events, so the op may finish
        # (and drop self._dialog) in between: keep using the local reference
        if label:
            dlg.setLabelText(label)
        dlg.setMaximum(maximum)
        dlg.setValue(value)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _finish(self) -> None:
        self.finished = True
        self._bridge.deleteLater()  # deferred: sig_finished is still emitted after the handlers
        self._close_dialog()
        _RUNNING.discard(self)
        # like success/failure, the clean-up belongs to the widget that asked:
        # a tab closed while its load ran must not be touched when the load ends
        if self._finally and not self._parent_gone():
            self._finally()

    def _parent_gone(self) -> bool:
        # the widget that asked was closed meanwhile: drop the outcome quietly
        return self._parent is not None and not shiboken6.isValid(self._parent)

    def _on_done(self, result: Any) -> None:
        self.result = result
        self._finish()
        if self._parent_gone():
            return
        self._after_success(result)
        if self._success:
            self._success(result)

    def _after_success(self, result: Any) -> None:
        pass

    def _on_failed(self, exc: BaseException, details: str) -> None:
        self.error = exc
        self._finish()
        if self._parent_gone():
            return
        if self._failure:
            self._failure(exc)
        else:
            show_error(self._parent, exc, details)


class CollectionOp(QueryOp):
    """A change to the data: after success, announces what changed on the ChangeBus.

    A service that says what it changed returns an ``OpChanges`` (core/changes.py),
    alone or after the record it wrote (``(record, OpChanges)``): its kinds are
    announced, and ``success`` receives the record (or the OpChanges). ``kinds``
    names them for services that do not say yet.
    """

    def __init__(self, parent: QWidget | None, op: Callable[..., Any], kinds: Iterable[str] = (),
                 success: Callable[[Any], None] | None = None):
        super().__init__(parent, op, success)
        self.kinds = frozenset(kinds)
        self.changes: OpChanges | None = None  # what the service said it changed

    def _on_done(self, result: Any) -> None:
        result, self.changes = split_changes(result)
        super()._on_done(result)

    def _after_success(self, result: Any) -> None:
        kinds = self.kinds | (self.changes.kinds if self.changes is not None else frozenset())
        if kinds:
            changes().announce(kinds)


def split_changes(result: Any) -> tuple[Any, OpChanges | None]:
    """(what ``success`` receives, the OpChanges the service returned or None)."""
    if isinstance(result, OpChanges):
        return result, result
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], OpChanges):
        return result[0], result[1]
    return result, None


def _accepts_argument(fn: Callable) -> bool:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    params = [p for p in sig.parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
    return len(params) >= 1


class GuiThreadGarbageCollector(QObject):
    """Python's cyclic GC runs in whichever thread happens to allocate: in a
    worker, it destroyed Qt widgets of a closed window off the GUI thread and the
    process segfaulted. As Anki does, automatic collection is turned off and the
    GUI thread collects on a timer instead."""

    def __init__(self, parent: QObject, interval_ms: int = 1000):
        super().__init__(parent)
        import gc

        self._gc = gc
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start(interval_ms)

    def collect_if_due(self) -> None:
        gen0, _, _ = self._gc.get_count()
        if gen0 > 700:  # Python's default first-generation threshold
            self._gc.collect()
