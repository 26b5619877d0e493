"""Build the one-folder bundle with installer/gendan_desktop.spec and prove it works.

    python installer/build_bundle.py              # build, then run the frozen checks
    python installer/build_bundle.py --no-build   # check an existing dist/GendanDesktop
    python installer/build_bundle.py --no-check   # build only

The same on Linux (.ci/run, before the tests) and on Windows
(.github/workflows/windows.yml, before Inno Setup packs the folder). The checks
run the frozen programs, so a hidden import or data file the spec missed fails
here and not at a merchandiser's first start:

- ``--version`` and ``selftest`` (database, PDF with the embedded CJK font,
  xlsx, every module, form and translation, the main window);
- the command line in a folder whose name has Chinese characters and spaces:
  ``demo``, ``check``, ``export``, ``print``, ``import``, ``backup``;
- portable mode: with a ``portable`` marker beside the program, the database
  and log go to ``data`` beside it;
- the windowed program opens its main window (offscreen) and logs so.

Prints the bundle's size. Exit 1 at the first failed check.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "gendan_desktop.spec"
BUNDLE = "GendanDesktop"  # the spec's COLLECT name: dist/GendanDesktop
GUI_EXE = "GendanDesktop"
CLI_EXE = "GendanDesktop-cli"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
WINDOW_SHOWN = "Main window shown"  # what gui/app.py logs once the window is up


class CheckFailed(Exception):
    pass


def program(bundle: Path, name: str) -> Path:
    return bundle / (name + (".exe" if os.name == "nt" else ""))


def build(dist: Path, work: Path) -> Path:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work)], cwd=ROOT, check=True)
    print(f"built {dist / BUNDLE} in {time.perf_counter() - started:.0f} s", flush=True)
    return dist / BUNDLE


def bundle_size(bundle: Path) -> tuple[int, int]:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]  # Linux: .so names link
    return sum(p.stat().st_size for p in files), len(files)


def isolated_env(home: Path) -> dict[str, str]:
    """The frozen programs' environment: offscreen Qt, data and settings under ``home``
    (Linux; Windows asks the shell for its folders, so CI's user folders are used)."""
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "GENDAN_NO_AUTO_BACKUP": "1", "GENDAN_LANG": "zh",
                "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")})
    env.pop("GENDAN_DB", None)
    return env


def run(cmd: list, env: dict, *, timeout: float = 300, expect: int = 0) -> str:
    shown = " ".join(f'"{c}"' if " " in str(c) else str(c) for c in cmd)
    print(f"$ {shown}", flush=True)
    proc = subprocess.run([str(c) for c in cmd], env=env, capture_output=True, timeout=timeout)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    for line in (out.strip().splitlines()[:12] + [f"  (stderr) {x}" for x in err.strip().splitlines()[-12:]]):
        print(f"    {line}")
    if proc.returncode != expect:
        raise CheckFailed(f"{shown} exited {proc.returncode}, expected {expect}")
    return out


def order_with_flow_cards(db: Path) -> str:
    """The number of a demo order that has a production sheet and flow cards."""
    # read after the frozen program exited: this process holds no other connection
    conn = sqlite3.connect(f"file:{db.as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute('SELECT o.number FROM "order" o JOIN production_sheet s ON s.order_id = o.id '
                            "WHERE EXISTS (SELECT 1 FROM flow_card f WHERE f.order_id = o.id) "
                            "ORDER BY o.id LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def check_cli(bundle: Path, work: Path, env: dict) -> None:
    """The frozen command line, every path with Chinese characters and spaces."""
    from gendan_desktop import __version__

    cli = program(bundle, CLI_EXE)
    out = run([cli, "--version"], env)
    if __version__ not in out:
        raise CheckFailed(f"--version says {out.strip()!r}, the package is {__version__}")
    out = run([cli, "selftest"], env)
    if "FAIL" in out:
        raise CheckFailed("selftest reported a failure")
    folder = work / "跟单 数据" / "客户 资料"
    folder.mkdir(parents=True)
    db = folder / "跟单 数据库.sqlite3"
    run([cli, "--db", db, "demo", "--clients", "6", "--orders", "12", "--seed", "3"], env)
    run([cli, "--db", db, "check"], env)
    for what in ("clients", "orders"):
        run([cli, "--db", db, "export", what, folder / f"导出 {what}.xlsx"], env)
    order_no = order_with_flow_cards(db)
    run([cli, "--db", db, "print", "production-sheet", order_no, folder / "生产 单.pdf"], env)
    run([cli, "--db", db, "print", "flow-cards", order_no, folder / "流程 卡.pdf", "--layout", "a4x2"], env)
    for pdf in ("生产 单.pdf", "流程 卡.pdf"):
        if not (folder / pdf).read_bytes().startswith(b"%PDF-"):
            raise CheckFailed(f"{pdf} is not a PDF")
    second = folder / "导入 测试.sqlite3"
    run([cli, "--db", second, "demo", "--clients", "0", "--orders", "0"], env)  # import needs a database
    run([cli, "--db", second, "import", "clients", folder / "导出 clients.xlsx"], env)
    run([cli, "--db", db, "backup", folder / "备份 1.sqlite3"], env)
    run([cli, "--db", folder / "备份 1.sqlite3", "check"], env)


def check_portable(bundle: Path, env: dict) -> None:
    """A ``portable`` marker beside the program: database, settings and log beside it too."""
    marker, data = bundle / "portable", bundle / "data"
    if data.exists():
        raise CheckFailed(f"{data} exists before the portable check")
    marker.write_text("", encoding="utf-8")
    try:
        out = run([program(bundle, CLI_EXE), "--lang", "en", "info"], env)
        if f"Data folder: {data}" not in out or f"Settings: {data / 'settings.ini'}" not in out:
            raise CheckFailed(f"portable mode does not keep the data and settings in {data}")
        wait_for_window([program(bundle, GUI_EXE)], env, data / "logs" / "gendan.log")  # the default database
        if not (data / "gendan.sqlite3").is_file():
            raise CheckFailed(f"portable mode did not put the database in {data}")
        print(f"    portable: database and log in {data}", flush=True)
    finally:
        marker.unlink()
        shutil.rmtree(data, ignore_errors=True)


def wait_for_window(cmd: list, env: dict, log: Path, timeout: float = 60) -> float:
    """Start the window program; seconds until it logs its window shown. It is then stopped."""
    start_size = log.stat().st_size if log.exists() else 0
    started = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in cmd], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < timeout:
            if log.exists():
                with open(log, "rb") as fh:
                    fh.seek(start_size)
                    if WINDOW_SHOWN.encode() in fh.read():
                        return time.perf_counter() - started
            if proc.poll() is not None:
                raise CheckFailed(f"{cmd[0]} exited {proc.returncode} before showing its window: "
                                  f"{proc.stderr.read().decode('utf-8', 'replace')[-2000:]}")
            time.sleep(0.02)
        raise CheckFailed(f"{cmd[0]} showed no window within {timeout:.0f} s (log: {log})")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        remove_stale_lock(log, start_size)


def remove_stale_lock(log: Path, offset: int) -> None:
    """A terminated window leaves its single-instance lock and socket in the temp folder."""
    if not log.exists():
        return
    with open(log, "rb") as fh:
        fh.seek(offset)
        for line in fh.read().decode("utf-8", "replace").splitlines():
            if " holds " in line:
                lock = Path(line.rsplit(" holds ", 1)[1].strip())
                lock.unlink(missing_ok=True)
                lock.with_suffix("").unlink(missing_ok=True)


def log_file(bundle: Path, env: dict) -> Path:
    """Where the frozen program writes its log (``info`` says)."""
    out = run([program(bundle, CLI_EXE), "--lang", "en", "info"], env)
    return Path(next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("Log file: ")))


def check_window(bundle: Path, work: Path, env: dict) -> float:
    db = work / "窗口 测试.sqlite3"
    # an existing file: for a missing --db the window first asks whether to make one
    run([program(bundle, CLI_EXE), "--db", db, "demo", "--clients", "2", "--orders", "2"], env)
    seconds = wait_for_window([program(bundle, GUI_EXE), "--db", db], env, log_file(bundle, env))
    print(f"    the windowed program showed its window after {seconds:.1f} s", flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-build", action="store_true", help="check the bundle already in --dist")
    ap.add_argument("--no-check", action="store_true", help="build only")
    ap.add_argument("--dist", type=Path, default=DIST, help="where PyInstaller writes the bundle (default: dist/)")
    ap.add_argument("--work", type=Path, default=WORK, help="PyInstaller's work folder (default: build/pyinstaller)")
    args = ap.parse_args(argv)
    bundle = args.dist / BUNDLE if args.no_build else build(args.dist, args.work)
    size, count = bundle_size(bundle)
    print(f"bundle {bundle}: {size / 2**20:.0f} MB in {count} files", flush=True)
    if args.no_check:
        return 0
    with tempfile.TemporaryDirectory(prefix="gendan-bundle ") as tmp:
        work = Path(tmp)
        env = isolated_env(work / "home")
        try:
            check_cli(bundle, work, env)
            check_portable(bundle, env)
            check_window(bundle, work, env)
        except (CheckFailed, subprocess.TimeoutExpired) as exc:
            print(f"FROZEN CHECK FAILED: {exc}", file=sys.stderr, flush=True)
            return 1
    print("frozen checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
