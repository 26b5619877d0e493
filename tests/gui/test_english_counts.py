"""English count labels read right for one as for many: "Rows: 1", never "1 rows"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

pytestmark = pytest.mark.gui

# (context, source) of the labels that show a count which is often 1
COUNT_LABELS = [
    ("ListPane", "共 %1 条"),
    ("ListPane", "已显示 %1 条,正在统计…"),
    ("PrintPreview", "共 %1 页"),
    ("Workbench", "%1 · 今天有 %2 件事要处理 · 未来 %3 天 %4 件"),
]


def test_counts_of_one_in_english(qapp):
    from gendan_desktop.gui.app import install_translators

    install_translators("en")
    try:
        for context, source in COUNT_LABELS:
            text = QCoreApplication.translate(context, source)
            assert text != source, f"{context}: {source} has no English"
            one = text.replace("%1", "11月29日" if "%2" in text else "1").replace("%2", "1").replace(
                "%3", "7").replace("%4", "1")
            for plural in ("rows", "pages", "things"):
                assert f"1 {plural}" not in one, one
    finally:
        install_translators("zh")
