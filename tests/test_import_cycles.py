"""No module of gendan_desktop imports itself back through others.

The graph is read from the source with ``ast``: every ``import`` of a
gendan_desktop module, at the top of a file or inside a function (an import
moved into a function hides a cycle; it does not break it), except those under
``if TYPE_CHECKING:``, which never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gendan_desktop"


def _module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom, known: dict[str, Path]) -> set[str]:
    """The gendan_desktop modules ``node`` loads (``from .x import y`` loads x.y when y is a module)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = module.split(".") if is_package else module.split(".")[:-1]
        if node.level:
            base = base[:len(base) - (node.level - 1)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        names = [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]
    out = set()
    for name in names:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name.startswith("gendan_desktop"):
            out.add(name)
    return out


def import_graph() -> dict[str, set[str]]:
    known = _module_names()
    graph = {}
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        deps: set[str] = set()
        for node in _imports(tree):
            deps |= _targets(module, path.name == "__init__.py", node, known)
        deps.discard(module)
        graph[module] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def _short(component: set[str]) -> frozenset[str]:
    return frozenset(name.removeprefix("gendan_desktop.") for name in component)


def test_no_import_cycles():
    found = [_short(c) for c in cycles(import_graph())]
    assert [sorted(c) for c in found] == [], "modules that import each other (move what both need one level down)"


def test_the_core_imports_nothing_above_it():
    graph = import_graph()
    upward = {(m, d) for m, deps in graph.items() if m.startswith("gendan_desktop.core")
              for d in deps if not d.startswith("gendan_desktop.core")}
    assert upward == set()


def test_the_graph_sees_imports_inside_functions():
    # the check would pass vacuously if it read only the top of each file
    graph = cycles({"a": {"b"}, "b": {"a"}, "c": set()})
    assert graph == [{"a", "b"}]
    source = "def f():\n    from .db import x\n"
    nodes = _imports(ast.parse(source))
    assert _targets("gendan_desktop.core.search", False, nodes[0], _module_names()) == {"gendan_desktop.core.db"}
