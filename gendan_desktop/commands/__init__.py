"""Subcommands of the command line, one module per feature area (see cli.py)."""

from __future__ import annotations


def say(zh: str, en: str, *, file=None) -> None:
    """One line for the user in the language of the messages (on stdout unless ``file``)."""
    import sys

    from ..core.errors import current_language

    print(en if current_language() == "en" else zh, file=file or sys.stdout)


def db_url(args) -> str:
    """The database ``--db`` names, else the default one."""
    from ..core.db import default_db_url

    return getattr(args, "db", None) or default_db_url()


def bounded_int(bound):
    """An argparse type: a whole number within ``bound`` (core/limits.py), else a
    usage error (exit 2) that names the allowed range, before anything is done."""
    import argparse

    from ..core.errors import current_language

    def parse(text: str) -> int:
        problem = bound.problem(text)
        if problem is not None:
            zh, en = problem
            raise argparse.ArgumentTypeError(en if current_language() == "en" else zh)
        return int(bound.check(text))

    parse.__name__ = bound.en  # argparse names the type in "invalid … value"
    return parse
