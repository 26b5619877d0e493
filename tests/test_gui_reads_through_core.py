"""The window reads and writes through the core: nothing under gui/ imports the
tables (core.models) or peewee, so every query has one home in the core (issue 11).

Read from the source with ``ast``: imports inside functions count (an import
moved into a function still queries from the GUI)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "gendan_desktop" / "gui"

# Lists another branch moves into the core; the lead deletes a line when its branch lands.
NOT_YET: set[str] = set()


def _imports_tables(node: ast.AST, path: Path) -> bool:
    if isinstance(node, ast.Import):
        return any(a.name == "peewee" or a.name.startswith(("peewee.", "gendan_desktop.core.models"))
                   for a in node.names)
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        if node.level == 0:
            return module == "peewee" or module.startswith(("peewee.", "gendan_desktop.core.models")) or (
                module == "gendan_desktop.core" and any(a.name == "models" for a in node.names))
        # relative: resolve against the file's package
        package = list(path.relative_to(ROOT).parent.parts)
        base = package[:len(package) - (node.level - 1)]
        target = ".".join(base + ([module] if module else []))
        return target.startswith("gendan_desktop.core.models") or (
            target == "gendan_desktop.core" and any(a.name == "models" for a in node.names))
    return False


def offenders() -> list[str]:
    found = []
    for path in sorted(GUI.rglob("*.py")):
        if path.name in NOT_YET:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        lines = sorted({n.lineno for n in ast.walk(tree) if _imports_tables(n, path)})
        found += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    return found


def test_nothing_under_gui_imports_the_tables_or_peewee():
    assert offenders() == [], "read and write through core services (core/lists/… for lists)"


def test_the_check_sees_relative_and_function_imports(tmp_path):
    # the check would pass vacuously if it missed these shapes
    sample = GUI / "clients_tab.py"
    for source in ("def f():\n    from ..core.models import Client\n", "from ..core import models\n",
                   "import peewee\n", "from peewee import fn\n"):
        node = ast.parse(source).body[0]
        node = node.body[0] if isinstance(node, ast.FunctionDef) else node
        assert _imports_tables(node, sample), source
    assert not _imports_tables(ast.parse("from ..core.lists import clients\n").body[0], sample)
