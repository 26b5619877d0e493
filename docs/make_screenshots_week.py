"""Screenshots of the first-start assistant (on a new database), the week view and
the hand-over (on demo data), and the first page of a hand-over report, at
1366×768, in Chinese and English: ``python docs/make_screenshots_week.py
[--lang zh|en|both]``. The screen is set up as docs/make_screenshots.py does it;
the files are docs/screenshots/week_*.png (``_en`` in English).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_screenshots import ROOT, start_display  # noqa: E402


def wait_idle(app, seconds: float = 30.0) -> None:
    """Until every background op has reported back (a script: it may sleep)."""
    import time

    from gendan_desktop.gui.kit import operations

    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        if not operations._RUNNING:
            for _ in range(10):
                app.processEvents()
                time.sleep(0.01)
            return
        time.sleep(0.02)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="both", choices=["zh", "en", "both"])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--shoot", nargs=2, help=argparse.SUPPRESS)  # one language, in a process of its own
    args = ap.parse_args()
    if args.shoot:
        tmp, lang = Path(args.shoot[0]), args.shoot[1]
        sys.path.insert(0, str(ROOT))
        return shoot(tmp, tmp / "demo.sqlite3", lang, Path(args.out))
    tmp = Path(tempfile.mkdtemp(prefix="gendan-week-shots-"))
    subprocess.run([sys.executable, "-m", "gendan_desktop", "demo", "--db", str(tmp / "demo.sqlite3")], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    display = start_display(tmp)
    os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"
    try:
        for lang in (["zh", "en"] if args.lang == "both" else [args.lang]):
            env = {**os.environ, "XDG_CONFIG_HOME": str(tmp / f"config-{lang}")}
            run = subprocess.run([sys.executable, __file__, "--shoot", str(tmp), lang, "--out", args.out],
                                 env=env, cwd=ROOT)
            if run.returncode:
                return run.returncode
        return 0
    finally:
        for proc in reversed(display):
            proc.terminate()
            proc.wait()


def _save(widget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def _assistant(app, url: str, out: Path, suffix: str) -> None:
    from PIL import Image

    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.gui.main_window import MainWindow
    from gendan_desktop.gui.workbench.first_start import maybe_first_start

    open_database(url)
    window = MainWindow(url)
    window.showMaximized()
    wait_idle(app)
    wiz = maybe_first_start(window)
    wait_idle(app)
    c = wiz.company
    en = suffix == "_en"
    c.w("company_name").setText("宁波锦华服饰有限公司")
    c.w("company_name_en").setText("Ningbo Jinhua Garments Co., Ltd.")
    c.w("company_address").setText("浙江省宁波市鄞州区工业园区 88 号")
    c.w("company_phone").setText("+86 574 8888 6666")
    c.w("merchandiser_name").setText("Li Na" if en else "李娜")
    logo = Path(tempfile.mkdtemp()) / "logo.png"
    Image.new("RGB", (360, 140), (20, 60, 160)).save(logo)
    wiz.set_logo_file(str(logo))
    wait_idle(app)
    _save(wiz, out / f"week_first_start_1_company{suffix}.png")
    wiz.next()
    wait_idle(app)
    _save(wiz, out / f"week_first_start_2_currencies{suffix}.png")
    wiz.next()
    wiz.next()
    wait_idle(app)
    _save(wiz, out / f"week_first_start_4_begin{suffix}.png")
    wiz.reject()
    window.close()
    close_database()


def shoot(tmp: Path, demo: Path, lang: str, out: Path) -> int:
    from gendan_desktop.core.db import close_database, open_database
    from gendan_desktop.gui.app import create_application
    from gendan_desktop.gui.main_window import MainWindow

    app = create_application(lang)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if lang == "zh" else "_en"
    _assistant(app, str(tmp / f"new-{lang}.sqlite3"), out, suffix)

    open_database(str(demo))
    window = MainWindow(str(demo))
    window.showMaximized()
    wait_idle(app)
    bench = window.show_tab("workbench")
    wait_idle(app, 40)
    shown = None
    for i in range(bench.tree.topLevelItemCount()):  # every group folded to its count, two days open
        head = bench.tree.topLevelItem(i)
        head.setExpanded(head.data(0, 0x0100) in ("day:1", "day:2"))
        if head.data(0, 0x0100) == "day:1":
            shown = head
    bench.tree.setCurrentItem(shown.child(0))
    wait_idle(app)
    _save(window, out / f"week_ahead{suffix}.png")

    from gendan_desktop.gui.workbench.handover_dialog import open_handover

    dlg = open_handover(window)
    wait_idle(app)
    dlg.leaver.setCurrentText("陈静")
    wait_idle(app)
    dlg.successor.setCurrentText("王磊")
    _save(dlg, out / f"week_handover{suffix}.png")
    ids = dlg.model.checked_ids()[:3]
    from gendan_desktop.printing.handover_pdf import handover_pdf

    pdf = tmp / "handover.pdf"
    pdf.write_bytes(handover_pdf(ids, "陈静", "王磊", lang=lang))
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(out / f"week_handover_report{suffix}")], check=True)
    print(out / f"week_handover_report{suffix}.png")
    dlg.reject()
    window.close()
    close_database()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
