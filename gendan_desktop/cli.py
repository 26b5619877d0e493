"""Command line: ``gendan-desktop [--db URL] [COMMAND …]``.

Without a command it opens the main window. Each feature area registers its own
subcommands from a module in ``gendan_desktop/commands/`` (``add_commands``), so
the command line grows without one file owning every feature.
"""

from __future__ import annotations

import argparse
import importlib
import locale
import os
import sqlite3
import sys

from peewee import PeeweeException

from . import __version__

# Modules that define ``add_commands(subparsers, common_parent)``; each command
# sets ``func(args) -> int`` via ``set_defaults``.
COMMAND_MODULES = [
    "gendan_desktop.commands.database",
    "gendan_desktop.commands.excel",
    "gendan_desktop.commands.printing",
    "gendan_desktop.commands.desktop",
]


def _guess_lang(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    env = os.environ.get("GENDAN_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    if not env:
        try:
            env = locale.getlocale()[0] or ""
        except ValueError:
            env = ""
    return "en" if env.lower().startswith("en") else "zh"


def common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after the subcommand.

    SUPPRESS keeps a subparser from overwriting a value given before the
    subcommand with its own default.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="SQLite file path or postgresql://user:pass@host/db (default: $GENDAN_DB or the data "
                             "folder)")
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                        help="language of messages (default: from the locale, else Chinese)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="gendan-desktop", parents=[common],
        description="跟单桌面 Gendan Desktop — the merchandiser's workbench.",
    )
    parser.add_argument("--version", action="version", version=f"gendan-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_commands(sub, common)
    return parser


def open_gui(args) -> int:
    """The window. Whatever stops it is logged and shown in a window: a windowed
    build has no console to print to."""
    from .applog import describe_exception, environment, log, setup_logging
    from .core.errors import GendanError

    setup_logging()
    log.info("Start: %s", environment())
    try:
        from .gui.app import run

        return run(db_url=getattr(args, "db", None), lang=getattr(args, "lang", None))
    except GendanError as exc:
        log.error("Start-up refused: %s", exc)
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication([])  # noqa: F841 - alive while the box shows
        QMessageBox.critical(None, "跟单桌面 Gendan Desktop", str(exc))
        return 1
    except Exception as exc:  # noqa: BLE001 - never a silent exit
        summary, details = describe_exception(type(exc), exc, exc.__traceback__)
        log.error("Start-up failed", exc_info=exc)
        from .gui.crash_dialog import show_fatal

        show_fatal(summary, details)
        return 1


def main(argv: list[str] | None = None) -> int:
    from .core.errors import GendanError, set_language

    argv = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None or sys.stderr is None:
        # a windowed build (GendanDesktop.exe) has no console: output goes to the log
        from .applog import setup_logging

        setup_logging()
    for stream in (sys.stdout, sys.stderr):
        # a console or pipe in a code page without Chinese (cp1252): never crash on 跟单
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    set_language(_guess_lang(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "lang", None):
        set_language(args.lang)
    func = getattr(args, "func", None) or open_gui
    try:
        return int(func(args) or 0)
    except GendanError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces stdout until exit
        return 141
    except (OSError, sqlite3.Error, PeeweeException) as exc:
        # Not a bug of ours but the world (disk full, no permission, server
        # gone): still one sentence, in the user's language.
        from .core.errors import current_language

        if current_language() == "en":
            print(f"The command failed: {exc}. Nothing more was done.", file=sys.stderr)
        else:
            print(f"命令未能完成:{exc}。未做其他操作。", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
