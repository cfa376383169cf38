"""Interface language: which language the app speaks and the Qt translators that make it so.

Our strings come from ``resources/i18n/fieldapp_<lang>.qm`` (built from the committed .ts
sources by ``python -m fieldapp.gui.i18n_build``); Qt's own strings (standard buttons,
file dialogs, context menus) from ``qtbase_<lang>.qm`` in Qt's translations folder.
English is the source language, so it needs no catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldapp.resources import resource

SUPPORTED = ("en", "ko")
SOURCE_LANGUAGE = "en"


def resolve_language(setting: str, system_locale: QLocale | None = None) -> str:
    """The language to use: the setting unless "system", else the OS locale if we have it."""
    if setting in SUPPORTED:
        return setting
    locale = system_locale or QLocale.system()
    for name in [locale.name(), *locale.uiLanguages()]:
        code = name.replace("-", "_").split("_")[0].lower()
        if code in SUPPORTED:
            return code
    return SOURCE_LANGUAGE


def catalogue_path(language: str):
    return resource("i18n", f"fieldapp_{language}.qm")


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our catalogue and Qt's for ``language``; returns the installed translators.

    A missing catalogue is not fatal (the app then shows English): a source checkout
    without ``make translations`` must still start.
    """
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # English is the source language, but its catalogue carries the plural forms ("1
    # interview", "2 interviews") of every "%n ...(s)" string; Qt's own dialogs are English.
    candidates = [] if language == SOURCE_LANGUAGE else [(f"qtbase_{language}", qt_dir)]
    candidates.append((f"fieldapp_{language}", str(resource("i18n"))))
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
