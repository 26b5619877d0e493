"""No source file over 450 lines and no function over 60 lines: a module says one
thing and a function does one thing (issue 11). Measured on the source, with ast."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE_LINES = 450
MAX_FUNCTION_LINES = 60
CHECKED = ("gendan_desktop", "tests", "bench", "installer")


def _sources() -> list[Path]:
    return sorted(p for top in CHECKED for p in (ROOT / top).rglob("*.py"))


def long_files() -> list[tuple[str, int]]:
    out = []
    for path in _sources():
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_FILE_LINES:
            out.append((str(path.relative_to(ROOT)), n))
    return out


def long_functions() -> list[tuple[str, int]]:
    """Functions and methods whose body (decorators and docstring included) is over the limit."""
    out = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    out.append((f"{path.relative_to(ROOT)}:{node.lineno} {node.name}",
                                n))
    return out


def test_no_file_is_too_long():
    assert long_files() == []


def test_no_function_is_too_long():
    assert long_functions() == []


if __name__ == "__main__":  # python tests/test_code_size.py: the offenders, longest first
    for name, n in sorted(long_files() + long_functions(), key=lambda x: -x[1]):
        print(f"{n:5d}  {name}")
