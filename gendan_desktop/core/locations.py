"""Where the program keeps its data, settings and log.

Installed: the user's data folder (on Windows ``%LOCALAPPDATA%\\GendanDesktop``,
which installing, upgrading and uninstalling never touch), Qt's own settings
place (the registry on Windows) and ``logs/`` in the data folder.

Portable (a USB stick): a file or folder named ``portable`` beside the program
keeps all three in the folder ``data`` beside it, so nothing is left on the
computer. "The program" is ``GendanDesktop.exe`` in a frozen bundle, and the
script that started Python otherwise (``gendan-desktop``, or a launcher).
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "GendanDesktop"  # the data folder's name; installer/gendan_desktop.iss names it too
PORTABLE_MARKER = "portable"
PORTABLE_DATA = "data"
LOG_FOLDER = "logs"
LOG_FILE = "gendan.log"
SETTINGS_FILE = "settings.ini"


def is_frozen() -> bool:
    """Whether this runs from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def program_dir() -> Path | None:
    """The folder of the program: the bundle's executable, else the starting script."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    script = sys.argv[0] if sys.argv else ""
    if not script or script in ("-c", "-m"):
        return None
    path = Path(script)
    return path.resolve().parent if path.is_file() else None


def portable_dir() -> Path | None:
    """The data folder beside the program when a ``portable`` marker is there."""
    folder = program_dir()
    if folder is not None and (folder / PORTABLE_MARKER).exists():
        return folder / PORTABLE_DATA
    return None


def data_dir() -> Path:
    """Where the database, its backups and the log live by default."""
    portable = portable_dir()
    if portable is not None:
        return portable
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return data_dir() / LOG_FOLDER / LOG_FILE


def settings_path() -> Path | None:
    """The settings file in portable mode; None means Qt's usual place."""
    portable = portable_dir()
    return portable / SETTINGS_FILE if portable is not None else None
