"""UI state between runs (QSettings): window geometry, list headers, language.

Everything about the *data* (company profile, currencies, backup folder …) is
stored in the database through core.common.set_setting instead.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "GendanDesktop"
APPLICATION = "GendanDesktop"


def ui_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def ui_language() -> str:
    """``"zh"`` (default) or ``"en"``, as chosen in the settings dialog."""
    value = str(ui_settings().value("language", "zh") or "zh")
    return "en" if value.startswith("en") else "zh"


def set_ui_language(lang: str) -> None:
    ui_settings().setValue("language", "en" if lang.startswith("en") else "zh")
