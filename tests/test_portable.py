"""Portable mode: a ``portable`` marker beside the program keeps the database,
the settings and the log in ``data`` beside it (a USB stick), and nothing in
the user's folders. "The program" is a launcher script in a folder with
Chinese characters and a space, as a stick's folder may be named."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = "from gendan_desktop.cli import main\nraise SystemExit(main())\n"
SET_SETTING = ("from gendan_desktop.gui.kit.uistate import ui_settings\n"
               "s = ui_settings(); s.setValue('language', 'en'); s.sync(); print(s.fileName())\n")


@pytest.fixture
def stick(tmp_path):
    folder = tmp_path / "U盘 便携" / "跟单桌面"
    folder.mkdir(parents=True)
    (folder / "launch.py").write_text(LAUNCHER, encoding="utf-8")
    (folder / "set_setting.py").write_text(SET_SETTING, encoding="utf-8")
    return folder


def env_for(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GENDAN_DB", "GENDAN_LANG")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "GENDAN_NO_AUTO_BACKUP": "1", "PYTHONIOENCODING": "utf-8",
                "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
                "XDG_CONFIG_HOME": str(tmp_path / "home" / "config")})
    return env


def run(script: Path, *args: str, env: dict) -> str:
    proc = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def info(stick: Path, env: dict) -> dict[str, str]:
    out = run(stick / "launch.py", "--lang", "en", "info", env=env)
    return dict(line.split(": ", 1) for line in out.splitlines())


def wait_for_log(path: Path, text: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(encoding="utf-8"):
            return
        assert proc.poll() is None, proc.communicate()[1]
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not in {path}")


def remove_stale_lock(log: Path) -> None:
    """A terminated window leaves its single-instance lock and socket in the temp folder."""
    for line in log.read_text(encoding="utf-8").splitlines():
        if " holds " in line:
            lock = Path(line.rsplit(" holds ", 1)[1])
            lock.unlink(missing_ok=True)
            lock.with_suffix("").unlink(missing_ok=True)


def test_portable_marker_keeps_data_settings_and_log_beside_the_program(stick, tmp_path):
    env = env_for(tmp_path)
    home = tmp_path / "home"
    installed = info(stick, env)
    assert installed["Portable mode"] == "-"
    assert Path(installed["Data folder"]) == home / "data" / "GendanDesktop"

    (stick / "portable").write_text("", encoding="utf-8")
    data = stick / "data"
    facts = info(stick, env)
    assert Path(facts["Portable mode"]) == data
    assert Path(facts["Data folder"]) == data
    assert Path(facts["Database"]) == data / "gendan.sqlite3"
    assert Path(facts["Log file"]) == data / "logs" / "gendan.log"
    assert Path(facts["Settings"]) == data / "settings.ini"

    run(stick / "launch.py", "demo", "--clients", "3", "--orders", "4", env=env)  # the default database
    assert (data / "gendan.sqlite3").is_file()
    assert Path(run(stick / "set_setting.py", env=env).strip()) == data / "settings.ini"
    assert "language=en" in (data / "settings.ini").read_text(encoding="utf-8")

    window = subprocess.Popen([sys.executable, str(stick / "launch.py")], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_log(data / "logs" / "gendan.log", "Main window shown", window)
    finally:
        window.terminate()
        window.communicate(timeout=30)
        remove_stale_lock(data / "logs" / "gendan.log")
    assert not (home / "data").exists() and not (home / "config").exists()  # nothing left on the computer


def test_without_the_marker_settings_stay_in_the_users_place(stick, tmp_path):
    env = env_for(tmp_path)
    path = Path(run(stick / "set_setting.py", env=env).strip())
    assert path.is_relative_to(tmp_path / "home" / "config")
    assert not (stick / "data").exists()
