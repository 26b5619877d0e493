"""The one table: printed to the terminal, and written to docs/benchmarks.md
with the machine and the versions it ran on."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import re
import sqlite3
import subprocess
from pathlib import Path

from .core import Row, fmt_value
from .data import ROOT

HEADER = ("benchmark", "ours", "baseline", "ratio", "target", "result")


def cells(row: Row) -> tuple[str, ...]:
    if row.skipped:
        return (row.name, "–", "–", "–", row.target_text(), f"skipped: {row.skipped}")
    ratio = row.ratio
    if row.delta:
        ratio_text = f"+{row.ours - row.base:.0f} {row.unit}" if row.ours is not None else "–"
    else:
        ratio_text = f"{ratio:.2f}×" if ratio is not None else "–"
    result = {True: "pass", False: "FAIL", None: "–"}[row.passed]
    return (row.name, fmt_value(row.ours, row.unit), fmt_value(row.base, row.unit), ratio_text,
            row.target_text(), result)


def text_table(rows: list[Row]) -> str:
    lines = []
    groups: dict[str, list[Row]] = {}
    for r in rows:
        groups.setdefault(r.group or "whole process", []).append(r)
    table = [HEADER] + [cells(r) for r in rows]
    widths = [max(len(t[i]) for t in table) for i in range(len(HEADER))]

    def line(t):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(t, widths)))

    lines.append(line(HEADER))
    lines.append("  ".join("-" * w for w in widths))
    for group, members in groups.items():
        lines.append(f"[{group}]")
        lines.extend(line(cells(r)) for r in members)
    passed = sum(r.passed is True for r in rows)
    failed = sum(r.passed is False for r in rows)
    lines.append(f"targets: {passed} met, {failed} missed, {len(rows) - passed - failed} not run")
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    out = ["| " + " | ".join(HEADER + ("notes",)) + " |", "|" + "---|" * (len(HEADER) + 1)]
    group = None
    for r in rows:
        g = r.group or "whole process"
        if g != group:
            out.append(f"| **{g}** |" + " |" * len(HEADER))
            group = g
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells(r) + (r.note,)) + " |")
    passed = sum(r.passed is True for r in rows)
    failed = sum(r.passed is False for r in rows)
    out.append("")
    out.append(f"Targets: {passed} met, {failed} missed.")
    return "\n".join(out)


def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # noqa: BLE001
        return "?"


def machine(pg_url: str | None = None) -> list[str]:
    cpu = "?"
    with contextlib.suppress(Exception):  # the figure is only informative
        cpu = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                   if ln.startswith("model name"))
    mem = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 2**20:.0f} GiB"
    except Exception:  # noqa: BLE001, S110 - the figure is only informative
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT, check=False).stdout.strip()
    except OSError:
        commit = "?"
    lines = [
        (f"- machine: {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {mem} "
         "(shared with other work: medians of alternating runs)"),
        (f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, PySide6 {_version('PySide6')}, "
         f"peewee {_version('peewee')}, reportlab {_version('reportlab')}, xlsxwriter {_version('xlsxwriter')}, "
         f"python-calamine {_version('python-calamine')}"),
        f"- code: commit {commit}, run {dt.datetime.now():%Y-%m-%d %H:%M}",
    ]
    if pg_url:
        try:
            import psycopg2

            conn = psycopg2.connect(pg_url)
            with conn.cursor() as cur:
                cur.execute("SHOW server_version")
                lines.append(f"- PostgreSQL {cur.fetchone()[0]} on this machine (psycopg2 {_version('psycopg2')})")
            conn.close()
        except Exception:  # noqa: BLE001, S110 - the figure is only informative
            pass
    return lines


DOC_HEAD = """# Benchmarks

`python -m bench` runs every benchmark and prints this table; `--size big|huge`
picks 100,000 or 1,000,000 orders, `--db postgresql://…` adds the list and
import rows on PostgreSQL, `--quick` runs a small set, `--write-docs` rewrites
the section of this file for the size it ran. Each row compares our median
with a baseline's median measured in the same run on the same data, the two
alternating. "Raw SQL" baselines replay the very statements our code sent
during the action on a plain DB-API connection.

Data sets are cached under `bench/.data/` (or `GENDAN_BENCH_DATA`); one made
by older code is migrated once, with a log line, before any row runs (never
inside a timed row), and one of a newer schema is refused.
"""


def write_docs(rows: list[Row], size: str, pg_url: str | None, extra: list[str]) -> Path:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else DOC_HEAD
    tag = f"bench:{size}"
    section = "\n".join([
        f"<!-- {tag} -->",
        f"## {size}",
        "",
        *machine(pg_url),
        *extra,
        "",
        markdown_table(rows),
        f"<!-- /{tag} -->",
    ])
    pattern = re.compile(rf"<!-- {re.escape(tag)} -->.*?<!-- /{re.escape(tag)} -->", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
