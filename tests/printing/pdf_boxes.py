"""Does a PDF print clean? Word boxes from ``pdftotext -bbox`` against each other,
the page and the ruled lines of its tables.

Three checks, all from the PDF file itself:

* no word's box overlaps another word's box (overprinted text);
* every word lies inside the page, clear of the unprintable edge;
* no ruled line (a stroked, horizontal or vertical segment: table grids, cell
  borders, boxes) runs through a word, so text never leaves its cell.

The word boxes come from poppler (``pdftotext -bbox``). The ruled lines come
from the page content streams, read here with the standard library: our PDFs
are written by reportlab (Flate-compressed streams, direct lengths), and only
path operators outside text objects are interpreted, with the transformation
matrix tracked through ``q``/``Q``/``cm``. Filled shapes (barcode bars, QR
modules, grey cell backgrounds) are not rules and are ignored, as are curves
and slanted lines (the VOID stamp's frame).

Run as a script on PDF files to print what it finds::

    python tests/printing/pdf_boxes.py a.pdf b.pdf
"""

from __future__ import annotations

import base64
import html
import os
import re
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

EDGE = 4.0  # pt: words must stay this far inside the page edge
X_TOL = 0.3  # pt of horizontal overlap forgiven (glyph side bearings)
Y_SHARE = 0.2  # share of a word's height two boxes may share vertically (ascender/descender)


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float  # top (y grows downwards, as pdftotext reports)
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def __str__(self) -> str:
        return f"p{self.page} “{self.text}” ({self.x0:.1f},{self.y0:.1f})-({self.x1:.1f},{self.y1:.1f})"


@dataclass(frozen=True)
class Rule:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) < 0.05

    def __str__(self) -> str:
        return f"rule ({self.x0:.1f},{self.y0:.1f})-({self.x1:.1f},{self.y1:.1f})"


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]
    rules: list[Rule]


# ------------------------------------------------------------------ words --
_PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD_RE = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')


def read_words(path: Path) -> list[tuple[float, float, list[Word]]]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    pages = []
    for n, (w, h, body) in enumerate(_PAGE_RE.findall(out), 1):
        words = [Word(n, html.unescape(t), float(a), float(b), float(c), float(d))
                 for a, b, c, d, t in _WORD_RE.findall(body)]
        pages.append((float(w), float(h), words))
    return pages


# ------------------------------------------------------------------ rules --
_OBJ_RE = re.compile(rb"(\d+) 0 obj\s*")


def _objects(data: bytes) -> dict[int, bytes]:
    """Object number → its body (a dictionary, with the decoded stream appended
    after a ``stream`` marker when it has one)."""
    objs: dict[int, bytes] = {}
    pos = 0
    while (m := _OBJ_RE.search(data, pos)) is not None:
        start = m.end()
        end = data.find(b"endobj", start)
        body = data[start:end]
        s = body.find(b"stream")
        if s >= 0 and body[:s].rstrip().endswith(b">>"):
            head = body[:s]
            length = int(re.search(rb"/Length (\d+)", head).group(1))
            raw_start = start + s + len(b"stream")
            if data[raw_start:raw_start + 2] == b"\r\n":
                raw_start += 2
            elif data[raw_start:raw_start + 1] in (b"\n", b"\r"):
                raw_start += 1
            raw = data[raw_start:raw_start + length]
            if b"ASCII85Decode" in head:  # reportlab's page streams: ASCII85 over Flate
                raw = base64.a85decode(raw.strip().removesuffix(b"~>").removeprefix(b"<~"))
            if b"FlateDecode" in head:
                raw = zlib.decompress(raw)
            end = data.find(b"endobj", raw_start + length)
            body = head + b"stream\n" + raw
        objs[int(m.group(1))] = body
        pos = end + len(b"endobj")
    return objs


def _refs(text: bytes) -> list[int]:
    return [int(n) for n in re.findall(rb"(\d+) 0 R", text)]


def _page_objects(objs: dict[int, bytes]) -> list[bytes]:
    root = next(b for b in objs.values() if b"/Type /Catalog" in b)
    pages_ref = int(re.search(rb"/Pages (\d+) 0 R", root).group(1))
    out: list[bytes] = []

    def walk(n: int) -> None:
        body = objs[n]
        kids = re.search(rb"/Kids \[([^\]]*)\]", body)
        if b"/Type /Pages" in body and kids:
            for k in _refs(kids.group(1)):
                walk(k)
        else:
            out.append(body)

    walk(pages_ref)
    return out


_TOKEN_RE = re.compile(rb"""
    (?P<ws>\s+)
  | (?P<comment>%[^\r\n]*)
  | (?P<str>\()
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dict><<|>>)
  | (?P<arr>[\[\]])
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<num>[-+]?(?:\d+\.?\d*|\.\d+))(?![^\s/\[\]()<>{}%])
  | (?P<op>[^\s/\[\]()<>{}%]+)
""", re.X)


def _tokens(stream: bytes):
    i, n = 0, len(stream)
    while i < n:
        m = _TOKEN_RE.match(stream, i)
        if m is None:
            i += 1
            continue
        kind = m.lastgroup
        if kind == "str":  # literal string: balanced parentheses, backslash escapes
            depth, j = 1, m.end()
            while j < n and depth:
                ch = stream[j:j + 1]
                if ch == b"\\":
                    j += 2
                    continue
                if ch == b"(":
                    depth += 1
                elif ch == b")":
                    depth -= 1
                j += 1
            yield "str", None
            i = j
            continue
        i = m.end()
        if kind == "num":
            yield "num", float(m.group())
        elif kind == "op":
            yield "op", m.group().decode("latin-1")
        elif kind in ("name", "hex", "dict", "arr"):
            yield kind, None


def _mul(m, n):
    """PDF matrix product m × n (each [a b c d e f])."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


def read_rules(content: bytes, page: int, height: float) -> list[Rule]:
    """Stroked horizontal and vertical segments of one page, in top-down coordinates."""
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[list[float]] = []
    nums: list[float] = []
    segs: list[tuple[float, float, float, float]] = []  # current path, device space
    start = cur = None
    in_text = False
    rules: list[Rule] = []

    def pt(x, y):
        a, b, c, d, e, f = ctm
        return a * x + c * y + e, b * x + d * y + f

    for kind, value in _tokens(content):
        if kind == "num":
            nums.append(value)
            continue
        if kind != "op":
            continue
        op = value
        if op == "BT":
            in_text = True
        elif op == "ET":
            in_text = False
        elif in_text:
            pass
        elif op == "q":
            stack.append(ctm[:])
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm" and len(nums) >= 6:
            ctm = _mul(nums[-6:], ctm)
        elif op == "m" and len(nums) >= 2:
            start = cur = pt(*nums[-2:])
        elif op == "l" and len(nums) >= 2 and cur is not None:
            nxt = pt(*nums[-2:])
            segs.append((*cur, *nxt))
            cur = nxt
        elif op in ("c", "v", "y") and len(nums) >= 4:
            cur = pt(*nums[-2:])  # curves are never rules
        elif op == "h" and cur is not None and start is not None:
            segs.append((*cur, *start))
            cur = start
        elif op == "re" and len(nums) >= 4:
            x, y, w, h = nums[-4:]
            corners = [pt(x, y), pt(x + w, y), pt(x + w, y + h), pt(x, y + h)]
            for p, q2 in zip(corners, corners[1:] + corners[:1]):
                segs.append((*p, *q2))
            start = cur = corners[0]
        elif op in ("S", "s", "B", "B*", "b", "b*", "f", "F", "f*", "n"):
            if op in ("S", "s", "B", "B*", "b", "b*"):
                for x0, y0, x1, y1 in segs:
                    straight = abs(x0 - x1) < 0.05 or abs(y0 - y1) < 0.05
                    if straight and abs(x0 - x1) + abs(y0 - y1) > 0.5:
                        rules.append(Rule(page, min(x0, x1), height - max(y0, y1),
                                          max(x0, x1), height - min(y0, y1)))
            segs, start, cur = [], None, None
        nums = []
    return rules


def read_pages(path: Path) -> list[Page]:
    data = Path(path).read_bytes()
    objs = _objects(data)
    words = read_words(path)
    pages = []
    for n, (body, (w, h, page_words)) in enumerate(zip(_page_objects(objs), words), 1):
        contents = re.search(rb"/Contents (\[[^\]]*\]|\d+ 0 R)", body).group(1)
        stream = b"\n".join(objs[r].split(b"stream\n", 1)[1] for r in _refs(contents))
        pages.append(Page(n, w, h, page_words, read_rules(stream, n, h)))
    return pages


# ----------------------------------------------------------------- checks --
def overlapping_words(page: Page, ignore=()) -> list[tuple[Word, Word]]:
    words = sorted((w for w in page.words if w not in ignore), key=lambda w: w.x0)
    out = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if b.x0 >= a.x1 - X_TOL:
                break
            dy = min(a.y1, b.y1) - max(a.y0, b.y0)
            if dy > Y_SHARE * min(a.height, b.height):
                out.append((a, b))
    return out


def words_off_page(page: Page, edge: float = EDGE, ignore=()) -> list[Word]:
    return [w for w in page.words if w not in ignore
            and (w.x0 < edge or w.y0 < edge or w.x1 > page.width - edge or w.y1 > page.height - edge)]


def words_crossing_rules(page: Page, ignore=()) -> list[tuple[Word, Rule]]:
    """Words that a ruled line runs through: text that left its cell or box."""
    out = []
    for w in page.words:
        if w in ignore:
            continue
        cut_y = Y_SHARE * w.height  # a rule may graze the ascender/descender space
        for r in page.rules:
            if r.vertical:
                inside = w.x0 + X_TOL < r.x0 < w.x1 - X_TOL
                span = min(w.y1, r.y1) - max(w.y0, r.y0)
                if inside and span > cut_y:
                    out.append((w, r))
                    break
            else:
                inside = w.y0 + cut_y < r.y0 < w.y1 - cut_y
                span = min(w.x1, r.x1) - max(w.x0, r.x0)
                if inside and span > X_TOL:
                    out.append((w, r))
                    break
    return out


class _Stamp:
    """The VOID stamp lies over the text on purpose: its huge rotated letters
    (which pdftotext cuts into odd pieces: "作", "VO", "I") are left out."""

    def __contains__(self, word) -> bool:
        return (bool(word.text) and set(word.text) <= set("作废VOID")
                and (word.height > 25 or word.x1 - word.x0 > 60))


STAMP = _Stamp()


def problems(path: Path, ignore=STAMP) -> list[str]:
    """Every overprint, word off the page and word crossing a rule, as sentences."""
    out = []
    for page in read_pages(path):
        out += [f"overlap: {a}  ×  {b}" for a, b in overlapping_words(page, ignore)]
        out += [f"off the page: {w}" for w in words_off_page(page, ignore=ignore)]
        out += [f"crosses a rule: {w}  ×  {r}" for w, r in words_crossing_rules(page, ignore)]
    return out


def assert_prints_clean(path: Path, ignore=STAMP) -> None:
    found = problems(path, ignore)
    assert not found, f"{path.name}: {len(found)} problems\n" + "\n".join(found[:40])


if __name__ == "__main__":
    bad = 0
    for name in sys.argv[1:]:
        pages = read_pages(Path(name))
        found = problems(Path(name))
        overlaps = sum(1 for f in found if f.startswith("overlap"))
        crossing = sum(1 for f in found if f.startswith("crosses"))
        off = sum(1 for f in found if f.startswith("off"))
        print(f"{name}: {len(pages)} pages, {sum(len(p.words) for p in pages)} words, "
              f"{sum(len(p.rules) for p in pages)} rules; {overlaps} overlapping pairs, "
              f"{crossing} words crossing a rule, {off} off the page")
        for f in found[:int(os.environ.get("SHOW", "0"))]:
            print("   ", f)
        bad += bool(found)
    raise SystemExit(1 if bad else 0)
