"""The CJK font every document embeds: WenQuanYi Micro Hei (shipped in resources/fonts).

reportlab's built-in CID font STSong-Light is *not* embedded, and a machine
without CJK fonts then shows every Chinese glyph blank. WenQuanYi Micro Hei
(Apache-2.0 or GPL-3 with the font exception, licence beside the file) covers
Latin and CJK, so one embedded TrueType subset serves all text, numbers too.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .. import resources_path

FONT = "WQYMicroHei"  # proportional: all text
MONO = "WQYMicroHeiMono"  # numbers that should line up
FONT_FILE = "wqy-microhei.ttc"
LICENCE_FILE = "LICENSE-wqy-microhei.txt"

_lock = threading.Lock()
_done = [False]


def font_path():
    return resources_path("fonts", FONT_FILE)


def register_fonts() -> str:
    """Register the fonts with reportlab once per process; returns the main font name.

    Loading the 5 MB .ttc takes ~50 ms, so it is done once, not per document.
    """
    if _done[0]:
        return FONT
    with _lock:
        if not _done[0]:
            path = str(font_path())
            pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=0))
            pdfmetrics.registerFont(TTFont(MONO, path, subfontIndex=1))
            _done[0] = True
    return FONT


def text_width(text: str, size: float, font: str = FONT) -> float:
    return pdfmetrics.stringWidth(text, font, size)
