"""Domain errors carry a message in Chinese and English.

Services raise these; the CLI prints ``str(err)`` in the user's language and the
GUI shows it next to the field (``field``) or in a message box.
"""

from __future__ import annotations

_LANG = ["zh"]


def set_language(lang: str) -> None:
    """Choose the language of error messages: ``"zh"`` (default) or ``"en"``."""
    _LANG[0] = "en" if lang.lower().startswith("en") else "zh"


def current_language() -> str:
    return _LANG[0]


class GendanError(Exception):
    """Base of every error a user may see. ``zh``/``en`` are whole sentences."""

    def __init__(self, zh: str, en: str | None = None, *, field: str | None = None):
        self.zh = zh
        self.en = en or zh
        self.field = field
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        return self.en if (lang or _LANG[0]) == "en" else self.zh

    def __str__(self) -> str:
        return self.message()


class ValidationError(GendanError):
    """Input that breaks a rule; nothing was written."""


class NotFound(GendanError):
    """The record asked for does not exist."""


class StateError(GendanError):
    """The action is not allowed in the record's current state."""


class StaleEdit(GendanError):
    """Saving over a version that someone else changed meanwhile."""

    def __init__(self, what_zh: str, what_en: str, expected: int, actual: int):
        super().__init__(
            f"{what_zh}已被其他窗口或同事修改(版本 {actual},您编辑的是版本 {expected}),"
            "未保存。请重新载入后再修改。",
            f"{what_en} was changed elsewhere (version {actual}, you edited version "
            f"{expected}); nothing was saved. Reload it and edit again.",
        )
        self.expected = expected
        self.actual = actual


class DatabaseError(GendanError):
    """The database file cannot be used (not a database, corrupt, wrong version)."""
