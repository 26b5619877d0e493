"""The log file, and what happens to an exception nobody caught.

A windowed Windows build has ``sys.stdout`` and ``sys.stderr`` set to None:
a traceback written there vanishes (or raises again). ``setup_logging`` writes
a rotating log in the data folder (``logs/gendan.log``) and, where the streams
are missing, points them at the log. ``install_exception_hooks`` routes
uncaught exceptions of the main thread (``sys.excepthook``, which PySide also
calls for an exception in a slot) and of every other thread
(``threading.excepthook``) to the log and to a reporter, which the GUI sets to
its crash dialog (gui/crash_dialog.py). Qt-free: the CLI uses it too.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

LOGGER = "gendan"
MAX_BYTES = 1_000_000
BACKUPS = 5
FATAL_FILE = "fatal.log"  # faulthandler: a crash inside Qt/C leaves its stack here

log = logging.getLogger(LOGGER)
Reporter = Callable[[str, str], None]  # (one-line summary, full details)
_STATE: dict = {"path": None, "reporter": None, "fatal": None}


class _LogStream:
    """A stand-in for a missing sys.stdout/sys.stderr: lines go to the log."""

    def __init__(self, logger: logging.Logger, level: int):
        self._logger, self._level, self._buffer = logger, level, ""
        self.encoding, self.errors = "utf-8", "replace"

    def write(self, text: str) -> int:
        self._buffer += text
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            if line.strip():
                self._logger.log(self._level, line.rstrip())
        return len(text)

    def flush(self) -> None:
        if self._buffer.strip():
            self._logger.log(self._level, self._buffer.rstrip())
        self._buffer = ""

    def isatty(self) -> bool:
        return False


def log_file() -> Path | None:
    """The log file in use (None before ``setup_logging``)."""
    return _STATE["path"]


def setup_logging(path: Path | None = None, *, catch_fatal: bool = True) -> Path:
    """Log to a rotating file (default: ``logs/gendan.log`` in the data folder).

    Safe to call twice. Missing std streams are replaced by the log; with
    ``catch_fatal`` a crash inside C code leaves its stack in ``fatal.log``."""
    if path is None:
        from .core.locations import log_path

        path = log_path()
    path = Path(path)
    if _STATE["path"] == path:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(threadName)s %(levelname)s "
                                           "%(name)s: %(message)s"))
    close_logging()
    handler._gendan = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").addHandler(handler)
    if sys.stdout is None:
        sys.stdout = _LogStream(logging.getLogger(f"{LOGGER}.stdout"), logging.INFO)
    if sys.stderr is None:
        sys.stderr = _LogStream(logging.getLogger(f"{LOGGER}.stderr"), logging.WARNING)
    if catch_fatal:
        _enable_faulthandler(path.parent / FATAL_FILE)
    _STATE["path"] = path
    return path


def close_logging() -> None:
    """Stop writing the log file (tests; the process's end does it otherwise)."""
    for old in [h for h in log.handlers if getattr(h, "_gendan", False)]:
        log.removeHandler(old)
        logging.getLogger("py.warnings").removeHandler(old)
        old.close()
    logging.captureWarnings(False)
    _STATE["path"] = None


def _enable_faulthandler(path: Path) -> None:
    try:
        if _STATE["fatal"] is None:
            _STATE["fatal"] = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process
        faulthandler.enable(_STATE["fatal"], all_threads=True)
    except (OSError, RuntimeError, ValueError):
        pass  # a crash inside C then goes unrecorded, nothing worse


def environment() -> str:
    """One line about this program and computer, for bug reports."""
    from . import __version__
    from .core.locations import is_frozen

    try:
        from PySide6 import __version__ as qt_version
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        qt_version = "?"
    return (f"Gendan Desktop {__version__}{' (bundle)' if is_frozen() else ''}; Python {platform.python_version()}; "
            f"PySide6 {qt_version}; {platform.platform()}")


def describe_exception(exc_type, exc, tb, thread_name: str | None = None) -> tuple[str, str]:
    """(summary, details) of an exception: details carry the traceback and environment."""
    summary = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    where = f" in thread {thread_name}" if thread_name else ""
    details = (f"{environment()}\nUncaught exception{where}:\n"
               + "".join(traceback.format_exception(exc_type, exc, tb)))
    if _STATE["path"] is not None:
        details += f"\nLog: {_STATE['path']}\n"
    return summary, details


def report_exception(exc_type, exc, tb, thread_name: str | None = None) -> None:
    """Log an uncaught exception and hand it to the reporter (the crash dialog)."""
    summary, details = describe_exception(exc_type, exc, tb, thread_name)
    with contextlib.suppress(Exception):  # logging must never raise from a hook
        log.error("Uncaught exception%s", f" in thread {thread_name}" if thread_name else "",
                  exc_info=(exc_type, exc, tb))
    reporter = _STATE["reporter"]
    if reporter is not None:
        try:
            reporter(summary, details)
        except Exception:  # noqa: BLE001
            log.exception("The crash reporter failed")


def _sys_hook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report_exception(exc_type, exc, tb)


def _thread_hook(args) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else None
    report_exception(args.exc_type, args.exc_value, args.exc_traceback, name)


def _unraisable_hook(unraisable) -> None:
    # an exception in __del__ or a finaliser: logged, not worth a dialog
    log.warning("Ignored exception in %r", unraisable.object,
                exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback))


def install_exception_hooks(reporter: Reporter | None = None) -> None:
    """Route uncaught exceptions of every thread to the log and ``reporter``."""
    _STATE["reporter"] = reporter
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook
    sys.unraisablehook = _unraisable_hook


def uninstall_exception_hooks() -> None:
    """Back to Python's own hooks (tests)."""
    _STATE["reporter"] = None
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    sys.unraisablehook = sys.__unraisablehook__
