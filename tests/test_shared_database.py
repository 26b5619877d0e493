"""A window, the command line and a second window on one SQLite file, as real processes.

The window once lost its SQLite locks (its background check read the file's
header with open(); on POSIX closing any descriptor drops the process's locks),
so the next command or second window to close believed it was the last user and
deleted the -wal under the window: blank lists, "database disk image is
malformed", and a corrupt file after the next write. Here a real window
(tests/window_process.py) keeps writing and reading while other processes run
``check``, ``export``, ``print`` and ``statement`` and a second window opens
and closes; its -wal is never deleted and quick_check stays ok.

GENDAN_SOAK_ROUNDS sets the number of rounds (default 3; the issue's 20 take
about two minutes).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("GENDAN_SOAK_ROUNDS", "3"))
ENV = {**{k: v for k, v in os.environ.items() if k not in ("GENDAN_DB", "GENDAN_LANG")},
       "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gendan_desktop", *args], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, encoding="utf-8", timeout=180)


class Window:
    def __init__(self, db: Path):
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "window_process.py"), str(db)],
                                     cwd=ROOT, env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8")
        first = self.read()
        assert first.get("up"), first

    def read(self) -> dict:
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read()
        return json.loads(line)

    def ask(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.read()

    def quit(self) -> int:
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        return self.proc.wait(timeout=60)


def _sample_refs(db: Path) -> tuple[str, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        order = conn.execute('SELECT o.number FROM "order" o JOIN production_sheet s ON s.order_id = o.id '
                             "ORDER BY o.id LIMIT 1").fetchone()[0]
        client = conn.execute('SELECT c.code FROM client c JOIN "order" o ON o.client_id = c.id '
                              "ORDER BY c.id LIMIT 1").fetchone()[0]
    finally:
        conn.close()
    return order, client


def test_window_keeps_its_wal_while_commands_and_a_second_window_come_and_go(tmp_path):
    db = tmp_path / "shared.sqlite3"
    assert _cli("demo", "--db", str(db), "--clients", "20", "--orders", "40").returncode == 0
    order, client = _sample_refs(db)
    commands = [
        ["check"],
        ["export", "orders", str(tmp_path / "orders.xlsx")],
        ["print", "production-sheet", order, str(tmp_path / "sheet.pdf")],
        ["statement", client, "--from", "2000-01-01", "--to", "2100-12-31", str(tmp_path / "st")],
    ]
    window = Window(db)
    kept, io_errors, last_rows = 0, [], 0
    try:
        for n in range(ROUNDS):
            for args in commands:
                if args[0] == "statement":
                    args = [*args[:-1], f"{args[-1]}-{n}.xlsx"]
                proc = _cli(*args, "--db", str(db))
                assert proc.returncode == 0, (args, proc.stderr)
            second = Window(db)
            assert second.quit() == 0
            state = window.ask("round")
            io_errors += state["errors"]
            assert state["wal_open"] and not state["wal_deleted"], (n, state)
            assert state["rows"] == state["clients"] > last_rows, (n, state)  # the list shows every write
            last_rows = state["rows"]
            kept += 1
    finally:
        code = window.quit()
    assert code == 0
    assert io_errors == []
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    print(f"\n{ROUNDS} rounds: -wal kept {kept}/{ROUNDS}, {len(io_errors)} I/O errors, quick_check ok")
