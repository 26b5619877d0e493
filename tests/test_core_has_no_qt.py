"""The domain core never imports Qt: it must run in scripts, the CLI and tests without a display."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "gendan_desktop" / "core"

PROBE = """
import importlib, pkgutil, sys
import gendan_desktop.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, core.__name__ + ".")]
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
print(len(names))
print(",".join(qt))
"""


def test_importing_every_core_module_loads_no_qt():
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    count, qt = proc.stdout.splitlines()[:2] if proc.stdout.count("\n") >= 2 else (proc.stdout.strip(), "")
    assert int(count) >= 10  # the walk really found the modules
    assert qt == "", f"Qt loaded by the core: {qt}"


def test_no_core_source_mentions_qt_imports():
    pattern = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|PyQt[56])\b|importlib\.import_module\(['\"]PySide6",
                         re.MULTILINE)
    offenders = [str(p.relative_to(ROOT)) for p in CORE.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
