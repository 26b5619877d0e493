"""Rebuild gendan_en.ts / gendan_en.qm from the GUI sources and ui/*.ui.

    python resources/translations/update_translations.py          # write .ts + .qm
    python resources/translations/update_translations.py --check  # exit 1 if stale or untranslated

The source language is Chinese. Strings are found by reading the code (ast),
the way our GUI marks them:
- ``tr("…")`` where the module defines ``def tr(text): return
  QCoreApplication.translate("Context", text)`` (any such one-line wrapper),
- ``self.tr("…")`` inside ``class X`` → context ``X``,
- ``QCoreApplication.translate("Context", "…")``,
- ``QT_TR_NOOP("…")`` → contexts ``columns`` and ``filters`` (list headers and filter labels),
- ``TabSpec(key, "…")`` → ``tabs``; dicts ``KIND_LABELS`` → ``kinds``, ``SECTION_TITLES`` → ``Workbench``,
- every ``<string>`` of a .ui form → the form's ``<class>``.
English comes from ``en.tsv`` beside this file (``中文<TAB>English``, one per line),
so a string used in several places is translated once.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GUI = ROOT / "gendan_desktop" / "gui"
UI = ROOT / "ui"
TS = HERE / "gendan_en.ts"
QM = HERE / "gendan_en.qm"
TSV = HERE / "en.tsv"
DICT_CONTEXTS = {"KIND_LABELS": "kinds", "SECTION_TITLES": "Workbench"}


def _const(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _wrappers(tree: ast.Module) -> dict[str, str]:
    """Module-level one-line functions ``return X.translate("ctx", arg)`` → {name: ctx}."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and len(node.body) == 1 and isinstance(node.body[0], ast.Return):
            call = node.body[0].value
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate" and call.args and _const(call.args[0]) is not None):
                out[node.name] = _const(call.args[0])
    return out


def python_strings(path: Path) -> set[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrappers = _wrappers(tree)
    found: set[tuple[str, str]] = set()

    def visit(node, cls: str | None):
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call):
            f = node.func
            first = _const(node.args[0]) if node.args else None
            if isinstance(f, ast.Name) and f.id in wrappers and first:
                found.add((wrappers[f.id], first))
            elif isinstance(f, ast.Name) and f.id == "QT_TR_NOOP" and first:
                found.update({("columns", first), ("filters", first)})
            elif isinstance(f, ast.Name) and f.id == "TabSpec" and len(node.args) > 1 and _const(node.args[1]):
                found.add(("tabs", _const(node.args[1])))
            elif isinstance(f, ast.Attribute) and f.attr == "tr" and first and cls:
                found.add((cls, first))
            elif (isinstance(f, ast.Attribute) and f.attr == "translate" and len(node.args) >= 2
                  and first is not None and _const(node.args[1])):
                found.add((first, _const(node.args[1])))
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in DICT_CONTEXTS:
                    for v in node.value.values:
                        if _const(v):
                            found.add((DICT_CONTEXTS[target.id], _const(v)))
        for child in ast.iter_child_nodes(node):
            visit(child, cls)

    visit(tree, None)
    return {(c, s) for c, s in found if s.strip()}


def ui_strings(path: Path) -> set[tuple[str, str]]:
    root = ET.parse(path).getroot()
    ctx = root.findtext("class") or path.stem
    return {(ctx, el.text) for el in root.iter("string")
            if el.text and el.text.strip() and el.get("notr") != "true"}


def collect() -> dict[str, set[str]]:
    pairs: set[tuple[str, str]] = set()
    for p in sorted(GUI.rglob("*.py")):
        pairs |= python_strings(p)
    for p in sorted(UI.glob("*.ui")):
        pairs |= ui_strings(p)
    out: dict[str, set[str]] = {}
    for ctx, s in pairs:
        out.setdefault(ctx, set()).add(s)
    return out


def load_dictionary() -> dict[str, str]:
    table = {}
    if TSV.exists():
        for line in TSV.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                zh, en = line.split("\t", 1)
                table[zh.replace("\\n", "\n")] = en.replace("\\n", "\n")
    return table


def render_ts(strings: dict[str, set[str]], table: dict[str, str]) -> tuple[str, list[str]]:
    missing = []
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="en_US" sourcelanguage="zh_CN">']
    for ctx in sorted(strings):
        lines += ["<context>", f"    <name>{escape(ctx)}</name>"]
        for s in sorted(strings[ctx]):
            en = table.get(s)
            lines += ["    <message>", f"        <source>{escape(s)}</source>"]
            if en:
                lines.append(f"        <translation>{escape(en)}</translation>")
            else:
                missing.append(s)
                lines.append('        <translation type="unfinished"></translation>')
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n", sorted(set(missing))


def lrelease() -> str | None:
    for name in ("pyside6-lrelease", "lrelease"):
        exe = shutil.which(name)
        if exe:
            return exe
    try:
        import PySide6

        exe = Path(PySide6.__file__).parent / "lrelease"
        return str(exe) if exe.exists() else None
    except ImportError:
        return None


def compile_qm(ts_path: Path, qm_path: Path) -> None:
    exe = lrelease()
    if exe is None:
        raise SystemExit("pyside6-lrelease not found (it comes with the PySide6 wheel)")
    subprocess.run([exe, "-silent", str(ts_path), "-qm", str(qm_path)], check=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="report only; exit 1 if stale or untranslated")
    args = ap.parse_args()
    text, missing = render_ts(collect(), load_dictionary())
    if args.check:
        stale = not TS.exists() or TS.read_text(encoding="utf-8") != text
        if not stale and lrelease() is not None:  # the .qm the app loads must match the .ts
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / "check.qm"
                compile_qm(TS, fresh)
                if not QM.exists() or QM.read_bytes() != fresh.read_bytes():
                    print("gendan_en.qm is out of date: run resources/translations/update_translations.py")
                    stale = True
        if missing:
            print("untranslated:", *missing, sep="\n  ")
        if stale:
            print("gendan_en.ts is out of date: run resources/translations/update_translations.py")
        return 1 if (stale or missing) else 0
    TS.write_text(text, encoding="utf-8")
    compile_qm(TS, QM)
    for s in missing:
        print("untranslated:", s)
    print(f"{TS.name}: {text.count('<message>')} messages, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
