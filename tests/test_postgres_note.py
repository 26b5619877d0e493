"""Without GENDAN_TEST_PG the PostgreSQL tests are left out, and the run says so
(they used to vanish silently); tests/with_postgres.sh is the one way to include them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pytest(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GENDAN_TEST_PG"}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--basetemp",
                           str(tmp_path / "inner"), *args, "tests/test_migrations.py"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_a_run_without_postgres_says_how_many_tests_it_left_out(tmp_path):
    quiet = _pytest("-q", tmp_path=tmp_path)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert ("PostgreSQL: not configured, 1 test not collected; run tests/with_postgres.sh to include them"
            in quiet.stdout)
    assert "2 passed, 1 deselected" in quiet.stdout

    verbose = _pytest("-v", tmp_path=tmp_path)  # the header says it before anything runs
    header = verbose.stdout.split("\ncollected ", 1)[0]
    assert "PostgreSQL: not configured (GENDAN_TEST_PG is not set)" in header
    assert "tests/with_postgres.sh" in header


def test_ci_and_developers_start_postgres_with_one_script():
    script = ROOT / "tests" / "with_postgres.sh"
    assert os.access(script, os.X_OK)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "source tests/with_postgres.sh" in ci and "start_throwaway_postgres" in ci
    assert "initdb" not in ci  # the recipe lives in the script only
    assert "tests/with_postgres.sh" in (ROOT / "README.md").read_text(encoding="utf-8")
