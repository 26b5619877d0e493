"""CI runs exactly the test command README.md gives a new developer."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```\n(.*?)\n```", readme, re.DOTALL)
    install_and_test = next(b for b in blocks if "[test]" in b)
    readme_test_command = install_and_test.split("&&", 1)[1].strip()
    ci_lines = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if ln.strip() and not ln.strip().startswith("#")]
    assert ci_lines[-1] == readme_test_command
    assert 'python -m pip install -q -e ".[test]"' in ci_lines  # the README's install, quieter
    assert readme.index(install_and_test) < readme.index("## ")  # the two commands open the README
    assert "pip install . && gendan-desktop" in readme.split("## ")[0]
