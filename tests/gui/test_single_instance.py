"""One window per database, with real processes: a second start for the same
database brings the first window to the front and opens nothing; another
database gets its own window; a lock left by a killed process does not block.

Each process is the real program (``python -m gendan_desktop --db …``,
offscreen); what each did is read from the log they share in the data folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


class App:
    """The program in a subprocess, with its data folder under ``home``."""

    def __init__(self, home: Path, *args: str, cwd: Path | None = None):
        env = {k: v for k, v in os.environ.items() if k != "GENDAN_DB"}
        env.update({"QT_QPA_PLATFORM": "offscreen", "GENDAN_NO_AUTO_BACKUP": "1",
                    "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")})
        self.log = home / "data" / "GendanDesktop" / "logs" / "gendan.log"
        self.proc = subprocess.Popen([sys.executable, "-m", "gendan_desktop", *args], cwd=cwd or ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def lines(self) -> list[str]:
        if not self.log.exists():
            return []
        return [ln for ln in self.log.read_text(encoding="utf-8").splitlines()
                if re.match(rf"^\S+ \S+ {self.pid} ", ln)]

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """Poll the log (another process writes it) until this process logged ``text``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [ln for ln in self.lines() if text in ln]
            if found:
                return found[0]
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        out, err = self.proc.communicate(timeout=5) if self.proc.poll() is not None else (b"", b"")
        raise AssertionError(f"process {self.pid} did not log {text!r}; exit {self.proc.poll()}; log: "
                             f"{self.lines()}; stderr: {err.decode('utf-8', 'replace')[-1500:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.communicate(timeout=30)


@pytest.fixture
def apps(tmp_path):
    started: list[App] = []

    def start(*args: str, cwd: Path | None = None) -> App:
        app = App(tmp_path / "home", *args, cwd=cwd)
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()
        for line in app.lines():  # a terminated process leaves its (stale) lock and socket in the temp folder
            if " holds " in line:
                lock = Path(line.rsplit(" holds ", 1)[1])
                lock.unlink(missing_ok=True)
                lock.with_suffix("").unlink(missing_ok=True)


def _new_database(path: Path) -> Path:
    """A window opens an existing --db file (only its own default one is made unasked)."""
    from gendan_desktop.core.db import close_database, open_database

    open_database(str(path))
    close_database()
    return path


def test_second_start_brings_the_first_window_forward_and_opens_nothing(apps, tmp_path):
    folder = tmp_path / "跟单 数据"
    db = _new_database(folder / "工厂 A.sqlite3")
    _new_database(folder / "工厂 B.sqlite3")
    first = apps("--db", str(db))
    first.wait_for("Main window shown")

    # the same file named differently (relative, from another folder) is the same database
    second = apps("--db", "跟单 数据/工厂 A.sqlite3", cwd=tmp_path)
    assert second.proc.wait(timeout=60) == 0
    assert f"already open in process {first.pid}" in second.wait_for("already open")
    assert not [ln for ln in second.lines() if "Main window shown" in ln or "holds" in ln]
    first.wait_for("window brought to the front")
    assert first.proc.poll() is None  # the first window is still there

    # another database: its own window, while the first stays open
    other = apps("--db", str(folder / "工厂 B.sqlite3"))
    other.wait_for("Main window shown")
    assert first.proc.poll() is None


def test_a_lock_left_by_a_crash_does_not_block(apps, tmp_path):
    db = _new_database(tmp_path / "崩溃 测试.sqlite3")
    crashed = apps("--db", str(db))
    lock_line = crashed.wait_for("holds")
    crashed.wait_for("Main window shown")
    crashed.proc.kill()  # a crash: SIGKILL, no clean-up at all
    crashed.proc.wait(timeout=30)
    lock_file = Path(lock_line.rsplit(" holds ", 1)[1])
    assert lock_file.exists()  # the crash left its lock behind

    again = apps("--db", str(db))
    again.wait_for("Main window shown")
    assert again.proc.poll() is None
