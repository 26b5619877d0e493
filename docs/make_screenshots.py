"""Screenshots of every tab on demo data: ``python docs/make_screenshots.py``.

Fills a temporary database with ``python -m gendan_desktop demo``, starts the
app under Xvfb (started here when DISPLAY is unset and Xvfb is installed;
otherwise the offscreen platform), opens each tab, waits for its background
loads, and saves docs/screenshots/<n>_<tab>.png. ``--lang en`` for English,
``--db FILE`` to reuse a database, ``--out DIR`` elsewhere.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_display() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY") or not shutil.which("Xvfb"):
        if not os.environ.get("DISPLAY"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    display = ":97"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = display
    os.environ.pop("QT_QPA_PLATFORM", None)
    time.sleep(1.0)  # a script, not a test: give the X server a moment to listen
    probe = subprocess.run([sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"],
                           capture_output=True, text=True)
    if probe.returncode != 0:  # e.g. libxcb-cursor0 missing: fall back to offscreen rendering
        print("xcb platform unavailable, using offscreen:", probe.stderr.strip().splitlines()[:1], file=sys.stderr)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return proc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="existing database (default: fresh demo data)")
    ap.add_argument("--lang", default="zh", choices=["zh", "en"])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--clients", default="200")
    ap.add_argument("--orders", default="1000")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gendan-shots-"))
    db = args.db
    if not db:
        db = str(tmp / "demo.sqlite3")
        subprocess.run([sys.executable, "-m", "gendan_desktop", "demo", "--db", db, "--clients", args.clients,
                        "--orders", args.orders], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    xvfb = start_display()
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")  # fresh QSettings: default layout
    os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"
    sys.path.insert(0, str(ROOT))
    try:
        return shoot(db, args.lang, Path(args.out))
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()


def wait_idle(app, seconds: float = 20.0) -> None:
    from gendan_desktop.gui import operations

    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        if not operations._RUNNING:
            for _ in range(5):
                app.processEvents()
            return
        time.sleep(0.02)


def shoot(db: str, lang: str, out: Path) -> int:
    from gendan_desktop.gui.app import create_application, open_database_or_ask
    from gendan_desktop.gui.main_window import MainWindow

    app = create_application(lang)
    database = open_database_or_ask(db)
    window = MainWindow(database.gendan_url)
    window.resize(1500, 900)
    window.show()
    wait_idle(app)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if lang == "zh" else "_en"
    for n, spec in enumerate(window.specs, 1):
        tab = window.show_tab(spec.key)
        wait_idle(app)
        pane = getattr(tab, "pane", None)
        if pane is not None and pane.current_id() is None and pane.model.rowCount():
            pane.table.selectRow(0)  # show a filled detail panel
            wait_idle(app)
        path = out / f"{n}_{spec.key}{suffix}.png"
        window.grab().save(str(path))
        print(path)
    from gendan_desktop.gui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(window)
    dlg.show()
    wait_idle(app)
    path = out / f"{len(window.specs) + 1}_settings{suffix}.png"
    dlg.grab().save(str(path))
    print(path)
    dlg.close()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
