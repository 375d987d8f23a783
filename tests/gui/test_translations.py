"""The interface speaks the user's language: every visible string is translatable, the Russian
translation is complete and compiled, and a Russian profile shows Russian menus, dialogs and
errors."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui import i18n
from gui.core.conversation import Status
from gui.core.text import Text
from providers import PROVIDERS
from providers.errors import MediaError
from providers.http import error_from_status
from providers.media import ImageLimits, prepare
from tests.gui.conftest import local_confab
from tests.gui.helpers import next_signal, settled
from tests.localserver import LocalServer

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent
MARK = "⟦"


class Marking(QTranslator):
    """Translates every string to itself in ⟦brackets⟧: what is shown unbracketed did not go
    through Qt's translation system."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"{MARK}{source}⟧"

    def isEmpty(self) -> bool:
        return False  # Qt tells the widgets of a new language only for a translator with texts


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)  # only the marks, none of Confab's own
    app = QCoreApplication.instance()
    assert app is not None
    marking = Marking()
    app.installTranslator(marking)
    yield
    app.removeTranslator(marking)


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """A test that switches the language leaves the next test in English."""
    yield
    app = QCoreApplication.instance()
    assert app is not None
    i18n.install(app, "en")
    QLocale.setDefault(QLocale("en_US"))


DATA = {
    "Confab",  # the name
    "↻",
    "✕",
    *(name for _code, name in i18n.LANGUAGES),  # each language in itself
    *(p.display_name() for p in PROVIDERS),
    "local-model",
}


def is_data(text: str) -> bool:
    """Names, numbers, addresses and symbols: shown as they are in every language."""
    bare = text.replace("&", "").strip()
    return (
        not bare
        or bare in DATA
        or not re.search(r"[A-Za-z]{2}", bare)
        or bare.startswith(("http://", "https://"))
        or "://" in bare
        or _is_json(bare)  # an example of a file format (the mcpServers JSON)
    )


def _is_json(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def visible_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every string a user can read or hear on ``top`` and its children."""
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow():
            yield name + " title", widget.windowTitle()
        yield name + " tooltip", widget.toolTip()
        yield name + " accessible name", widget.accessibleName()
        if isinstance(widget, QLabel):
            yield name, widget.text()
        if isinstance(widget, QAbstractButton):
            yield name, widget.text()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            yield name + " placeholder", widget.placeholderText()
        if isinstance(widget, QAbstractSpinBox):
            yield name + " special value", widget.specialValueText()
        if isinstance(widget, QComboBox) and not widget.isEditable():
            for index in range(widget.count()):
                yield f"{name} item {index}", widget.itemText(index)
        for action in widget.actions():
            yield f"{name} action", action.text()
            yield f"{name} action tooltip", action.toolTip()
            if action.menu() is not None:
                yield f"{name} menu", action.text()
    for action in top.findChildren(QAction):
        yield "action", action.text()


def untranslated(top: QWidget) -> list[str]:
    return sorted(
        {f"{where}: {text!r}" for where, text in visible_texts(top) if not is_data(text)}
        - {f"{where}: {text!r}" for where, text in visible_texts(top) if MARK in text}
    )


async def test_every_string_in_the_window_and_dialogs_is_translatable(
    qtbot: QtBot, marked: None, profile: Path, server: LocalServer
) -> None:
    app = local_confab(profile, server)
    app.window.show()
    await settled(app)
    try:
        assert untranslated(app.window) == []
        settings = app.open_settings()
        assert untranslated(settings) == []
        settings.close()
        options = app.open_chat_options()
        assert untranslated(options) == []
        options.close()
        about = app.show_about()
        assert MARK in about.windowTitle() and MARK in about.informativeText()
        about.close()
        welcome = app.window.welcome  # the empty chat: its greeting and cards were walked too
        assert welcome.isVisibleTo(app.window) and MARK in welcome.suggestions[0].text()
    finally:
        await app.close()


async def test_a_new_language_reaches_the_whole_window_at_once(
    qtbot: QtBot, profile: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 25: no restart. The window is built in English; a translator installed later
    (the marks) must reach every string it shows, as a new language from Settings does."""
    app = local_confab(profile, server)
    app.window.show()
    await settled(app)
    qt = QCoreApplication.instance()
    assert qt is not None
    marking = Marking()
    try:
        assert untranslated(app.window) != []  # English: nothing marked yet
        changed = next_signal(app.window.language_changed)  # Qt's LanguageChange reached it
        qt.installTranslator(marking)
        await changed
        await settled(app)  # the model list the app loads again, in the new language
        left = untranslated(app.window)
        assert left == [], "\n".join(left)
    finally:
        qt.removeTranslator(marking)
        await app.close()


async def test_choosing_russian_in_settings_speaks_it_at_once(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    app = local_confab(profile, server)
    app.window.show()
    await settled(app)
    try:
        settings = app.open_settings()
        settings.pages.setCurrentRow(1)  # General
        changed = next_signal(app.window.language_changed)
        settings.language.setCurrentIndex(settings.language.findData("ru"))
        await changed
        await asyncio.sleep(0)  # the dialog is made again after the signal returns (call_soon)
        menus = [a.text() for a in app.window.menuBar().actions()]
        assert menus == ["&Чаты", "&Беседа", "&Вид", "&Справка"]
        assert app.window.composer.input.placeholderText() != "Ask anything"
        assert app.window.welcome.findChild(QLabel, "greeting").text() == "Чем могу помочь?"
        again = app.settings_dialog
        assert again is not None and again is not settings and again.isVisible()
        assert again.windowTitle() == "Настройки Confab" and again.pages.currentRow() == 1
        assert json.loads((profile / "settings.json").read_text())["language"] == "ru"
        again.close()
    finally:
        await app.close()


def test_the_check_sees_an_untranslated_string(qtbot: QtBot, marked: None) -> None:
    """The walk above would miss nothing it is meant to catch: a plain label is reported."""
    top = QWidget()
    qtbot.addWidget(top)
    QLabel("Plain English", top)
    QLabel(QCoreApplication.translate("Test", "Marked"), top)
    assert untranslated(top) == ["QLabel#: 'Plain English'"]


def messages(language: str) -> list[ET.Element]:
    return list(ET.parse(TRANSLATIONS / f"confab_{language}.ts").getroot().iter("message"))


def test_the_translation_sources_are_up_to_date_with_the_code() -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "translations.sh"), "--check"],
        env={"BIN": str(BIN), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_compiled_translations_match_their_sources(language: str, tmp_path: Path) -> None:
    compiled = tmp_path / f"confab_{language}.qm"
    subprocess.run(
        [
            str(BIN / "pyside6-lrelease"),
            "-silent",
            str(TRANSLATIONS / f"confab_{language}.ts"),
            "-qm",
            str(compiled),
        ],
        check=True,
    )
    assert compiled.read_bytes() == (TRANSLATIONS / compiled.name).read_bytes(), (
        "run scripts/translations.sh"
    )


def test_russian_is_complete_and_keeps_every_placeholder() -> None:
    for message in messages("ru"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, f"not translated: {source!r}"
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if message.get("numerus") == "yes":
            assert len(forms) == 3, source  # one, few, many
        for form in forms:
            assert form.strip(), source
            assert set(re.findall(r"\{\w+\}", form)) == set(re.findall(r"\{\w+\}", source)), (
                source,
                form,
            )
            assert ("%n" in form) == ("%n" in source), (source, form)
            assert form.count("&") == source.count("&"), (source, form)  # one mnemonic


def test_every_provider_note_and_keyring_sentence_reads_in_russian(qtbot: QtBot) -> None:
    from providers import keys

    app = QCoreApplication.instance()
    assert app is not None
    notes = {p.note for p in PROVIDERS if p.note}
    sentences = [*notes, keys.UNAVAILABLE_HELP, keys.REFUSED_HELP, keys.KEYRING_DETAILS]
    sentences.append(keys.LOCKED_HELP)
    assert len(notes) >= 2
    i18n.install(app, "ru")
    for sentence in sentences:
        assert i18n.provider_text(sentence) != sentence, sentence  # found in the catalogue


def test_the_language_follows_the_system_unless_chosen() -> None:
    russian, german = QLocale("ru_RU"), QLocale("de_DE")
    assert i18n.ui_language("", russian) == "ru"
    assert i18n.ui_language("", german) == "en"
    assert i18n.ui_language("en", russian) == "en"
    assert i18n.ui_language("ru", german) == "ru"
    assert i18n.ui_language("xx", russian) == "ru"  # a language Confab lost: the system's


async def test_a_russian_profile_shows_russian_menus_dialogs_and_errors(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    app = local_confab(profile, server, language="ru")
    app.window.show()
    await settled(app)
    try:
        menus = [a.text() for a in app.window.menuBar().actions()]
        assert menus == ["&Чаты", "&Беседа", "&Вид", "&Справка"]
        assert app.window.composer.send_button.text() == "Отправить"
        assert app.window.welcome.findChild(QLabel, "greeting").text() == "Чем могу помочь?"
        settings = app.open_settings()
        assert settings.windowTitle() == "Настройки Confab"
        settings.close()
        server.reply(
            "POST",
            "/v1/chat/completions",
            {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}},
            status=401,
        )
        finished = asyncio.ensure_future(next_signal(app.controller.message_finished))
        app.controller.send("Привет")
        (reply,) = await finished
        assert reply.status is Status.FAILED
        shown = app.window.chat_view.toPlainText()
        assert "ключ API отклонён (HTTP 401): Incorrect API key provided" in shown
        assert "Сервер llama.cpp: " in shown  # the provider's name, translated too
        assert "Повторить" in shown  # Retry
    finally:
        await app.close()


async def test_russian_names_the_providers_and_the_keyring_and_fits_the_toolbar(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    # Issue 21, item 9: provider names and the keyring explanation stayed English, and the
    # longer Russian labels overflowed the toolbar into "»".
    app = local_confab(profile, server, language="ru")
    app.window.show()
    await settled(app)
    try:
        window = app.window
        names = [window.provider_box.itemText(i) for i in range(window.provider_box.count())]
        assert {"Сервер llama.cpp", "Совместимый с OpenAI (свой адрес)", "Сервер gpt4free"} <= set(
            names
        )
        extension = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert extension is None or not extension.isVisible()
        assert window.toolbar.height() < 2 * window.provider_box.sizeHint().height()  # one row
        window.select_provider("OpenAI")
        await settled(app)
        assert "хранилища ключей нет" in window.banner.message.text()
        assert "GNOME Keyring" in window.banner.details.toolTip()  # details on demand, in Russian
        assert "Confab хранит API-ключи" in window.banner.details.toolTip()
    finally:
        await app.close()


def test_plurals_read_right_in_both_languages(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    i18n.install(app, "en")
    english = [
        QCoreApplication.translate("SettingsDialog", "Connected: %n model(s)", "", n)
        for n in (1, 2, 5)
    ]
    assert english == ["Connected: 1 model", "Connected: 2 models", "Connected: 5 models"]
    i18n.install(app, "ru")
    russian = [
        QCoreApplication.translate("SettingsDialog", "Connected: %n model(s)", "", n)
        for n in (1, 2, 5, 21)
    ]
    assert russian == [
        "Соединение есть: 1 модель",
        "Соединение есть: 2 модели",
        "Соединение есть: 5 моделей",
        "Соединение есть: 21 модель",
    ]


def test_provider_errors_read_in_russian_with_the_servers_words_kept(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    busy = error_from_status("OpenAI", 503, '{"error": {"message": "engine busy"}}')
    with pytest.raises(MediaError) as pdf:
        prepare(b"%PDF-1.7 not a picture", ImageLimits(), "report.pdf")
    note = Text("Built-in list shown; the live list failed: {error}", {"error": busy})
    assert str(busy) == "OpenAI: the server is overloaded (HTTP 503): engine busy"
    assert str(note) == "Built-in list shown; the live list failed: " + busy.message
    i18n.install(app, "ru")
    assert i18n.provider_error(busy) == "OpenAI: сервер перегружен (HTTP 503): engine busy"
    assert i18n.provider_error(pdf.value, named=False) == (
        "этот файл — не изображение (похоже, это документ PDF)"
    )
    assert i18n.localized(note) == (
        "Показан встроенный список; актуальный получить не удалось: "
        "сервер перегружен (HTTP 503): engine busy"
    )
