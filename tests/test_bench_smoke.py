"""``python -m bench --quick`` on tiny data prints the one table (a smoke test:
the benchmarks themselves are never part of the test suite, and their figures
are not checked here, only that every row ran and the table has its shape)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^(?P<name>\S.*?)\s{2,}(?P<ours>[\d.]+ (?:ms|s|MB))\s+(?P<base>[\d.]+ (?:ms|s|MB))\s+"
                 r"(?P<ratio>[\d.]+×|\+\d+ MB)\s+(?P<target>≤ .+?)\s+(?P<result>pass|FAIL)$")


def test_quick_bench_prints_one_table_of_every_group(tmp_path):
    env = dict(os.environ, GENDAN_BENCH_DATA=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "bench", "--quick", "--size", "tiny", "--runs", "1"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.splitlines()
    header = next(i for i, ln in enumerate(lines) if ln.startswith("benchmark"))
    assert lines[header].split() == ["benchmark", "ours", "baseline", "ratio", "target", "result"]
    rows = [m for m in map(ROW.match, lines[header + 2:]) if m]
    names = [m["name"] for m in rows]
    for expected in ("start to a usable window", "CLI fixed cost", "import 10 rows", "orders: open",
                     "orders: sort by", "orders: end", "orders: filter", "orders: search", "workbench, all sections",
                     "statement: one client, one year", "export 1,000 order lines", "flow cards, Code128 + QR",
                     "demo fill"):
        assert any(expected in n for n in names), (expected, out.stdout)
    # rows name the data set they ran on (they said "big DB" whatever the size)
    assert any("CLI fixed cost" in n and "tiny DB (300 orders)" in n for n in names), names
    assert not any("big DB" in n for n in names), names
    # every line between the header and the summary is a row or a group title: no row crashed
    body = [ln for ln in lines[header + 2:] if not ln.startswith(("[", "targets:"))]
    assert len(body) == len(rows), out.stdout
    summary = lines[-1]
    met, missed, not_run = map(int, re.match(r"targets: (\d+) met, (\d+) missed, (\d+) not run$", summary).groups())
    assert (met + missed, not_run) == (len(rows), 0)
    # the data sets were built once, into the folder given, and are reused
    assert (tmp_path / "data" / "tiny.sqlite3").exists()
