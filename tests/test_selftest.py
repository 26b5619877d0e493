"""``gendan-desktop selftest``: one line per check of the real parts, exit 0; the
user's own data folder and settings untouched. (A broken installation failing
it, and the wheel in a fresh venv passing it: tests/test_packaging.py.)"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK_NAMES = ["database", "pdf", "xlsx", "modules", "forms", "translations", "window"]


def run_selftest(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GENDAN_DB", "GENDAN_LANG", "QT_QPA_PLATFORM")}
    env.update({"XDG_DATA_HOME": str(tmp_path / "home" / "data"), "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
                "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"})
    return subprocess.run([sys.executable, "-m", "gendan_desktop", *args, "selftest"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_selftest_passes_with_one_line_per_check(tmp_path):
    proc = run_selftest(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert [ln.split()[:2] for ln in lines[:-1]] == [["OK", name] for name in CHECK_NAMES]
    assert "WenQuanYi" in lines[1] and "二维码" in lines[1]
    assert lines[-1].startswith("自检通过:7 项")
    assert not (tmp_path / "home").exists()  # no data folder, no settings of the user's touched


def test_selftest_in_english(tmp_path):
    proc = run_selftest(tmp_path, "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("selftest passed: 7 checks")


def test_pdf_font_check_tells_embedded_from_not_embedded():
    from reportlab.pdfgen.canvas import Canvas

    from gendan_desktop.printing.fonts import FONT, register_fonts
    from gendan_desktop.selftest import pdf_fonts

    def pdf(font: str) -> bytes:
        buf = io.BytesIO()
        c = Canvas(buf, initialFontName=font)
        c.setFont(font, 12)
        c.drawString(50, 700, "Gendan 跟单" if font == FONT else "Gendan")
        c.showPage()
        c.save()
        return buf.getvalue()

    register_fonts()
    assert pdf_fonts(pdf("Helvetica")) == [("Helvetica", False)]  # reportlab's standard font: not embedded
    fonts = pdf_fonts(pdf(FONT))
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("WenQuanYi" in name for name, _ in fonts)
