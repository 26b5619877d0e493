"""What the About dialog and ``gendan-desktop info`` say: where this installation
keeps things, and the parts the program ships with, their versions and licences.

The list of parts is kept by hand: a bundle need not carry every package's metadata,
and a licence is a fact about the part, not something to guess at run time.
Versions come from the installed metadata when it is there (the PyInstaller
spec copies it), else from the module.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata


@dataclass(frozen=True)
class Part:
    name: str
    distribution: str | None  # for the version; None: see ``version``
    licence: str
    url: str
    module: str | None = None  # fallback for the version: module.__version__
    licence_file: tuple[str, ...] | None = None  # a file under resources/ with the full text


FONT_LICENCE = ("fonts", "LICENSE-wqy-microhei.txt")
PARTS: tuple[Part, ...] = (
    Part("WenQuanYi Micro Hei 文泉驿微米黑 (font)", None,
         "Apache-2.0 or GPL-3.0-or-later with the font embedding exception",
         "http://wenq.org/wqy2/index.cgi?MicroHei", licence_file=FONT_LICENCE),
    Part("Python", None, "PSF-2.0", "https://docs.python.org/3/license.html"),
    Part("Qt 6 / PySide6", "PySide6",
         "LGPL-3.0-only (Qt's libraries are separate files in the program folder and may be replaced)",
         "https://www.qt.io/licensing/ ; source: https://code.qt.io", "PySide6"),
    Part("peewee", "peewee", "MIT", "https://github.com/coleifer/peewee", "peewee"),
    Part("ReportLab", "reportlab", "BSD-3-Clause", "https://www.reportlab.com/", "reportlab"),
    Part("openpyxl", "openpyxl", "MIT", "https://foss.heptapod.net/openpyxl/openpyxl", "openpyxl"),
    Part("XlsxWriter", "xlsxwriter", "BSD-2-Clause", "https://github.com/jmcnamara/XlsxWriter", "xlsxwriter"),
    Part("python-calamine", "python-calamine", "MIT", "https://github.com/dimastbk/python-calamine"),
    Part("segno", "segno", "BSD-3-Clause", "https://github.com/heuer/segno", "segno"),
    Part("cn2an", "cn2an", "MIT", "https://github.com/Ailln/cn2an"),
    Part("pypinyin", "pypinyin", "MIT", "https://github.com/mozillazg/python-pinyin", "pypinyin"),
    Part("defusedxml", "defusedxml", "PSF-2.0", "https://github.com/tiran/defusedxml", "defusedxml"),
    Part("platformdirs", "platformdirs", "MIT", "https://github.com/tox-dev/platformdirs", "platformdirs"),
    Part("python-dateutil", "python-dateutil", "Apache-2.0 or BSD-3-Clause",
         "https://github.com/dateutil/dateutil", "dateutil"),
    Part("Pillow", "pillow", "MIT-CMU", "https://python-pillow.org/", "PIL"),
    Part("psycopg2 (team mode)", "psycopg2-binary", "LGPL-3.0-or-later with exceptions",
         "https://www.psycopg.org/", "psycopg2"),
)


def part_version(part: Part) -> str:
    if part.name == "Python":
        return platform.python_version()
    if part.distribution:
        try:
            return metadata.version(part.distribution)
        except metadata.PackageNotFoundError:
            pass
    if part.module:
        try:
            module = __import__(part.module)
        except Exception:  # noqa: BLE001 - an optional part (psycopg2) may be absent
            return ""
        return str(getattr(module, "__version__", "")).split()[0] if getattr(module, "__version__", "") else ""
    return "0.2.0-beta" if part.licence_file == FONT_LICENCE else ""


def licence_text(part: Part) -> str:
    """The licence to show for a part: the shipped file, else its name and where to read it."""
    if part.licence_file:
        from . import resources_path

        try:
            return resources_path(*part.licence_file).read_text(encoding="utf-8")
        except OSError:
            pass
    return f"{part.name} {part_version(part)}\n{part.licence}\n{part.url}\n"


def installation_facts(db_url: str) -> list[tuple[str, str, str]]:
    """(key, value, English label) of where this installation keeps things."""
    from . import __version__
    from .applog import log_file
    from .core.db import describe, is_postgres_url, sqlite_path
    from .core.locations import data_dir, is_frozen, log_path, portable_dir, program_dir
    from .core.network_share import network_location

    network = None if is_postgres_url(db_url) else network_location(sqlite_path(db_url))
    portable = portable_dir()
    return [
        ("version", f"{__version__}{' (bundle)' if is_frozen() else ''}", "Version"),
        ("program_folder", str(program_dir() or ""), "Program folder"),
        ("portable", str(portable) if portable else "-", "Portable mode"),
        ("data_folder", str(data_dir()), "Data folder"),
        ("database", describe(db_url), "Database"),
        ("network_share", network or "-", "Network share"),
        ("log_file", str(log_file() or log_path()), "Log file"),
        ("settings", settings_location(), "Settings"),
    ]


def settings_location() -> str:
    """The settings file, or (Windows) the registry key Qt keeps them under."""
    from PySide6.QtCore import QSettings

    from .gui.kit.uistate import APPLICATION, ORGANIZATION, settings_file

    return settings_file() or QSettings(ORGANIZATION, APPLICATION).fileName()
