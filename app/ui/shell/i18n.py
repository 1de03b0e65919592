"""Languages: Chinese is the source language of every string; English comes from Qt .qm files built
from translations/*.ts. The choice is a user setting and takes effect at the next start."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
SETTING_KEY = "ui/language"
QM_PREFIX = "union_inspector"

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "translations"


def settings() -> QSettings:
    return QSettings("UnionInspector", "UnionInspector")


def saved_language() -> str | None:
    value = settings().value(SETTING_KEY, "")
    return str(value) if value else None


def save_language(language: str | None) -> None:
    store = settings()
    if language:
        store.setValue(SETTING_KEY, language)
    else:
        store.remove(SETTING_KEY)
    store.sync()


def resolve_language(language: str | None) -> str:
    """An explicit choice, else the saved setting, else the system locale; Chinese when unsure."""
    chosen = language or saved_language()
    if chosen in LANGUAGES:
        return chosen
    system = QLocale.system().name()  # e.g. "en_US", "zh_CN"
    if system.startswith("zh"):
        return SOURCE_LANGUAGE
    if system.startswith("en"):
        return "en"
    return SOURCE_LANGUAGE


def install_translators(app: QCoreApplication, language: str | None) -> str:
    """Loads our .qm and Qt's own qtbase translations (dialog buttons, context menus) for the
    language; returns the language in use."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    lang = resolve_language(language)
    ours = QTranslator(app)
    if ours.load(f"{QM_PREFIX}_{lang}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    elif lang != SOURCE_LANGUAGE:
        log.warning("no translation file for %s in %s", lang, translations_dir())
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang
