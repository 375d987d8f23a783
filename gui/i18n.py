"""The interface language: Confab's and Qt's own translations, chosen by the system or the user.

Sources are ``resources/translations/confab_<lang>.ts`` (``make translations`` updates them
from the code with ``pyside6-lupdate`` and compiles the ``.qm`` files the app loads).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from gui.core.paths import RESOURCES
from gui.core.text import CONTEXT, Text
from providers.base import AsyncGeneratorProvider
from providers.errors import CONTEXT as ERRORS
from providers.errors import ProviderError
from providers.keys import KEYRING_DETAILS

TRANSLATIONS = RESOURCES / "translations"
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("ru", "Русский"))
"""Languages Confab speaks, each named in itself (a user who cannot read the current one
still finds their own)."""
SOURCE_LANGUAGE = "en"


def ui_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show: the user's choice if Confab has it, else the first of the
    system's preferred languages that it has, else English."""
    codes = [code for code, _name in LANGUAGES]
    if setting in codes:
        return setting
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in codes:
            return code
    return SOURCE_LANGUAGE


def install(app: QCoreApplication, setting: str) -> str:
    """Load the translations for ``setting`` ("" follows the system); the language used.

    Dates and numbers follow the chosen language too, so a Russian UI on an English system
    does not mix "Dec 2" into Russian sentences.
    """
    language = ui_language(setting)
    for old in app.findChildren(QTranslator, "confabTranslator"):
        app.removeTranslator(old)
        old.deleteLater()
    # The system's when following it (set again: an earlier choice in this process stays
    # otherwise), the chosen language's when one is chosen.
    QLocale.setDefault(QLocale(language) if setting else QLocale.system())
    # Confab's English file too: it holds the plural forms ("1 model", "2 models").
    sources = [(f"confab_{language}", str(TRANSLATIONS))]
    if language != SOURCE_LANGUAGE:
        qt = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        sources.append((f"qtbase_{language}", qt))  # Qt's own dialogs and buttons
    for name, folder in sources:
        translator = QTranslator(app)
        translator.setObjectName("confabTranslator")
        if translator.load(name, folder):
            app.installTranslator(translator)
    return language


def localized(text: str | Text) -> str:
    """``text`` in the interface language; a plain ``str`` is shown as it is."""
    if isinstance(text, str):
        return text
    values = {
        name: provider_error(value, named=False) if isinstance(value, ProviderError) else value
        for name, value in text.values.items()
    }
    return QCoreApplication.translate(CONTEXT, text.source).format(**values)


def provider_error(error: ProviderError, named: bool = True) -> str:
    """What went wrong, in the interface language: the error's sentence translated, then its
    values filled in (those that are provider sentences themselves, such as why Gemini blocked
    a prompt, translated too; a server's own words stay as they are). ``named``: prefixed with
    the provider's name, as ``str(error)`` is."""
    translate = QCoreApplication.translate
    sentence = translate(ERRORS, error.template)
    if error.values:
        values = {
            name: translate(ERRORS, value) if isinstance(value, str) else value
            for name, value in error.values.items()
        }
        sentence = sentence.format(**values)
    if named and error.provider:
        return f"{translate(ERRORS, error.provider)}: {sentence}"
    return sentence


def provider_text(text: str | None) -> str:
    """A fixed sentence from the Qt-free providers (marked there with QT_TRANSLATE_NOOP) in
    the interface language; others, which quote a server or a name, as they are."""
    return QCoreApplication.translate(ERRORS, text) if text else ""


def keyring_details(refused: str | None) -> str:
    """More about the system keyring than a banner's sentence: what to install, and the
    keyring Confab found and did not use (``refused``, module.Class), if any."""
    details = provider_text(KEYRING_DETAILS)
    if refused:
        found = QCoreApplication.translate("Keyring", "Found and not used: {name}.")
        details += " " + found.format(name=refused)
    return details


def provider_label(provider: type[AsyncGeneratorProvider]) -> str:
    """A provider's name as the interface shows it ("llama.cpp server" is a description in
    the interface language; a brand or a user's own endpoint name stays as it is)."""
    return provider_text(provider.display_name())


def provider_note(provider: type[AsyncGeneratorProvider]) -> str:
    """What is worth knowing about a provider, in the interface language."""
    return provider_text(provider.note)
