"""UI state between runs (QSettings): window geometry, list headers, language.

Everything about the *data* (company profile, currencies, backup folder …) is
stored in the database through core.common.set_setting instead. In portable
mode (core/locations.py) the settings are an .ini file in the portable data
folder instead of Qt's usual place (the registry on Windows).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "GendanDesktop"
APPLICATION = "GendanDesktop"
_FILE: list[str | None] = []  # decided once: a settings file, or None for Qt's usual place


def use_settings_file(path) -> None:
    """Keep the UI settings in the .ini file ``path`` (None: Qt's usual place)."""
    _FILE[:] = [str(path) if path else None]


def settings_file() -> str | None:
    if not _FILE:
        from ...core.locations import settings_path

        use_settings_file(settings_path())
    return _FILE[0]


def ui_settings() -> QSettings:
    path = settings_file()
    return QSettings(path, QSettings.Format.IniFormat) if path else QSettings(ORGANIZATION, APPLICATION)


def ui_language() -> str:
    """``"zh"`` (default) or ``"en"``, as chosen in the settings dialog."""
    value = str(ui_settings().value("language", "zh") or "zh")
    return "en" if value.startswith("en") else "zh"


def set_ui_language(lang: str) -> None:
    ui_settings().setValue("language", "en" if lang.startswith("en") else "zh")
