"""Start time of the frozen bundle against the installed package (same machine).

    python installer/build_bundle.py --no-check      # or a full build_bundle run
    python bench/bundle_start_bench.py [--dist dist] [--runs 5]

Measures, as the user waits for them (wall clock from starting the process):
``--version``, ``selftest``, and the window shown (until the program logs
"Main window shown", offscreen, on a new database). One warm-up run of each is
not counted; the median of the others is printed, with the bundle's size.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build_bundle():
    spec = importlib.util.spec_from_file_location("build_bundle", ROOT / "installer" / "build_bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(cmd: list, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([str(c) for c in cmd], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def median_of(runs: int, measure) -> float:
    measure()  # warm-up: file caches
    return statistics.median(measure() for _ in range(runs))


def main() -> int:
    bb = _build_bundle()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dist", type=Path, default=bb.DIST)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    bundle = args.dist / bb.BUNDLE
    size, count = bb.bundle_size(bundle)
    print(f"bundle {bundle}: {size / 2**20:.0f} MB in {count} files")
    programs = {
        "unfrozen": ([sys.executable, "-m", "gendan_desktop"], [sys.executable, "-m", "gendan_desktop"]),
        "frozen": ([bb.program(bundle, bb.CLI_EXE)], [bb.program(bundle, bb.GUI_EXE)]),
    }
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="gendan-bench ") as tmp:
        env = bb.isolated_env(Path(tmp) / "home")
        log = bb.log_file(bundle, env)  # both write the log of the same data folder
        for name, (cli, gui) in programs.items():
            n = iter(range(1000))
            results[name] = {
                "--version": median_of(args.runs, lambda: timed([*cli, "--version"], env)),
                "selftest": median_of(args.runs, lambda: timed([*cli, "selftest"], env)),
                "window shown": median_of(args.runs, lambda: bb.wait_for_window(
                    [*gui, "--db", Path(tmp) / f"{name}-{next(n)}.sqlite3"], env, log)),
            }
    print(f"{'':14}{'unfrozen':>10}{'frozen':>10}{'ratio':>8}")
    for what in results["frozen"]:
        u, f = results["unfrozen"][what], results["frozen"][what]
        print(f"{what:14}{u:9.2f}s{f:9.2f}s{f / u:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
