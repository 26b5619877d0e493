"""Subcommands of the command line, one module per feature area (see cli.py)."""


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
