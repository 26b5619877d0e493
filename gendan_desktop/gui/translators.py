"""The UI language: our translations and Qt's own, installed together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_TRANSLATORS: list[QTranslator] = []


def qt_translations_dir() -> str:
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if path and Path(path, "qtbase_zh_CN.qm").exists():
        return path
    import PySide6

    return str(Path(PySide6.__file__).parent / "Qt" / "translations")


def install_translators(lang: str) -> str:
    """Install our strings (source language is Chinese; English from gendan_en.qm)
    and Qt's own dialogs in the same language. Returns the language applied."""
    from .. import resources_path
    from ..core.errors import set_language

    app = QCoreApplication.instance()
    for t in _TRANSLATORS:
        QCoreApplication.removeTranslator(t)
    _TRANSLATORS.clear()
    lang = "en" if lang.startswith("en") else "zh"
    if lang == "en":
        ours = QTranslator(app)
        if ours.load(str(resources_path("translations", "gendan_en.qm"))):
            _TRANSLATORS.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_translations_dir()):
            _TRANSLATORS.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    for t in _TRANSLATORS:
        QCoreApplication.installTranslator(t)
    set_language(lang)  # core error sentences follow the UI
    return lang

