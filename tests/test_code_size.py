"""No source file over 450 lines and no function over 60 lines: a module says one
thing and a function does one thing (issue 11). Measured on the source, with ast."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE_LINES = 450
MAX_FUNCTION_LINES = 60
CHECKED = ("gendan_desktop", "tests", "bench", "installer")
# Still over a limit (issue 11, GUI half): long widget-building __init__s and a long
# file. Delete each line when fixed.
NOT_YET = (
    "gendan_desktop/gui/orders/quotation_editor.py",  # 490 lines, __init__ 108
    "gendan_desktop/gui/clients/client_detail.py",  # __init__ 101
    "gendan_desktop/gui/orders/order_editor.py",  # __init__ 95
    "gendan_desktop/gui/production/production_tab.py",  # __init__ 71
    "gendan_desktop/gui/aftersales/complaint_editor.py",  # __init__ 68
    "gendan_desktop/gui/kit/list_view.py",  # ListPane.__init__ 72
    "gendan_desktop/gui/production/progress_panel.py",  # ProgressGridModel.data 66
    "tests/gui/test_keyboard_input.py",  # 453 lines
    "tests/gui/test_clients_workbench.py",  # a 76-line test
    "tests/gui/test_first_start_window.py",  # a 63-line test (came with i13-week)
)


def _sources() -> list[Path]:
    files = [p for top in CHECKED for p in (ROOT / top).rglob("*.py")]
    return sorted(p for p in files if not str(p.relative_to(ROOT)).startswith(NOT_YET))


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
