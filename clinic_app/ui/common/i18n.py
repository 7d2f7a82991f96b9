"""The window's language: Qt's translators, and the choice stored on this workstation.

Every text of the window goes through Qt's translation system (``self.tr()`` in QObject
subclasses, ``QCoreApplication.translate(context, text)`` elsewhere). ``pyside6-lupdate``
extracts them to ``resources/i18n/clinic_<language>.ts``; ``pyside6-lrelease`` compiles that to
the ``.qm`` file shipped in the wheel (``python -m clinic_app.ui.i18n_build``,
docs/language.md). Texts written at module level (column titles, tables of labels) are marked
with :func:`QT_TRANSLATE_NOOP` and translated where they are shown.

At start, :func:`install_window_language` loads the app's translator and Qt's own
(``qtbase_<language>.qm``, for the buttons of file, print and message dialogs) for the language
chosen on this workstation, or else the system's. A change of the choice applies at the next
start: widgets built before it keep their texts.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from clinic_app.ui.common import formatting

ENGLISH = "en"
SPANISH = "es"
SYSTEM = ""  # follow the system's language
# The languages the window speaks, each named in itself (English is the source text).
LANGUAGES = {ENGLISH: "English", SPANISH: "Español"}
SETTINGS_FILENAME = "workstation.ini"
LANGUAGE_KEY = "window/language"

# The installed translators: Qt keeps only a pointer, so they must live as long as the app.
_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text`` unchanged: marks it for ``pyside6-lupdate`` under ``context`` (typed, unlike
    PySide6's own, which returns ``object``)."""
    del context
    return text


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / SETTINGS_FILENAME), QSettings.Format.IniFormat)


def stored_language(data_dir: Path | None) -> str:
    """The language chosen on this workstation: a key of LANGUAGES, or SYSTEM."""
    if data_dir is None:
        return SYSTEM
    value = _settings(data_dir).value(LANGUAGE_KEY, SYSTEM)
    return value if isinstance(value, str) and value in LANGUAGES else SYSTEM


def store_language(data_dir: Path, language: str) -> None:
    """Remember ``language`` (a key of LANGUAGES, or SYSTEM) for the next start."""
    if language != SYSTEM and language not in LANGUAGES:
        raise ValueError(f"Unknown window language {language!r}")
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = _settings(data_dir)
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        raise OSError(f"{settings.fileName()} could not be written")


def system_language(locale: QLocale | None = None) -> str:
    """The system's language if the window speaks it, else English."""
    code = (locale or QLocale.system()).name().split("_")[0]
    return code if code in LANGUAGES else ENGLISH


def window_language(data_dir: Path | None) -> str:
    """The language the window starts in: the workstation's choice, else the system's."""
    return stored_language(data_dir) or system_language()


def app_translation_file(language: str) -> Path:
    """The compiled translation of the window's texts into ``language`` (shipped in the wheel)."""
    with as_file(files("clinic_app.resources").joinpath(f"i18n/clinic_{language}.qm")) as path:
        return Path(path)


def install_translators(language: str) -> list[QTranslator]:
    """Install the app's and Qt's translators for ``language`` (none for English); the ones
    loaded. A missing file leaves those texts in English, never stops the start."""
    app = QCoreApplication.instance()
    if app is None or language == ENGLISH:
        return []
    formatting.set_window_language(language)  # the window's dates follow its words
    loaded: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        (f"qtbase_{language}", qt_folder),
        (f"clinic_{language}", str(app_translation_file(language).parent)),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            loaded.append(translator)
    _installed.extend(loaded)
    return loaded


def remove_translators() -> None:
    """Back to the source texts (English): remove what :func:`install_translators` installed."""
    app = QCoreApplication.instance()
    formatting.set_window_language(ENGLISH)
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)


def install_window_language(data_dir: Path | None) -> str:
    """At start: install the translators of the window's language; that language."""
    language = window_language(data_dir)
    install_translators(language)
    return language
