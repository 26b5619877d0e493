"""Fixtures and PDF helpers of the printing tests (orders with paper: builders.make_order_with_paper)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gendan_desktop.core.common import set_setting


@pytest.fixture
def company(db):
    set_setting("company_name", "宁波华美服饰有限公司 Ningbo Huamei Garment Co., Ltd.")
    set_setting("company_address", "浙江省宁波市鄞州区工业园区 88 号")
    set_setting("company_phone", "+86 574 8888 6666")
    return db


def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path) -> str:
    return run("pdftotext", "-layout", str(path), "-")


def page_count(path: Path) -> int:
    for line in run("pdfinfo", str(path)).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def render_pages(path: Path, dpi: int = 200, colour: bool = False) -> list[Path]:
    prefix = path.with_suffix("")
    run("pdftoppm", "-r", str(dpi), *([] if colour else ["-gray"]), "-png", str(path), str(prefix))
    return sorted(path.parent.glob(prefix.name + "-*.png"))


def red_share(png: Path, top: float = 0.0, bottom: float = 1.0) -> float:
    """Share of the pixels in a horizontal band of the page that are stamp-red."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    w, h = img.size
    band = img.crop((0, int(h * top), w, int(h * bottom))).resize((w // 4, max(1, int(h * (bottom - top)) // 4)))
    data = band.tobytes()
    reds = sum(1 for r, g, b in zip(data[0::3], data[1::3], data[2::3]) if r - g > 40 and r - b > 40)
    return reds / (len(data) // 3)


def decode(png: Path) -> list[tuple[str, str]]:
    """Every symbol zbarimg finds on a page: (type, data)."""
    res = subprocess.run(["zbarimg", "--quiet", str(png)], capture_output=True, text=True)
    out = []
    for line in res.stdout.splitlines():
        kind, _, data = line.partition(":")
        out.append((kind, data))
    return out


needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("zbarimg")),
                                   reason="poppler-utils and zbar-tools are needed")
