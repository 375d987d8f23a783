"""The settings dialog: keys in the real keyring, settings in JSON without secrets."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.__main__ import setup_logging
from gui.app import ConfabApp
from gui.core import settings as settings_file
from gui.core.conversation import Status
from providers.keys import SERVICE, KeySource, KeyStore
from tests.gui.conftest import write_settings
from tests.gui.helpers import next_signal, settled
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.localserver import LocalServer, closed_port
from tests.providers.test_keys import LockedKeyring


@pytest.fixture
def private_keyring() -> Iterator[KeyringBackend]:
    """The real Secret Service of scripts/with-keyring.sh, where service "confab" is ours."""
    if not os.environ.get("CONFAB_PRIVATE_KEYRING"):
        if os.environ.get("CONFAB_REQUIRE_KEYRING"):
            pytest.fail("CONFAB_REQUIRE_KEYRING is set but not running in scripts/with-keyring.sh")
        pytest.skip("needs the private keyring of scripts/with-keyring.sh")
    from keyring.backends.SecretService import Keyring

    backend = Keyring()
    yield backend
    for name in ("OpenAI", "LlamaCpp"):
        KeyStore(backend).delete(name)


def files_containing(folder: Path, needle: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


async def test_dialog_edits_settings_without_blocking(
    qtbot: QtBot, confab: ConfabApp, profile: Path
) -> None:
    dialog = confab.open_settings()
    assert dialog.isVisible()
    assert dialog.provider_list.currentItem().text() == "llama.cpp server"
    await asyncio.sleep(0)  # the loop still runs: open(), not exec()
    dialog.model.setText("qwen-coder")
    dialog.model.editingFinished.emit()
    dialog.proxy_mode.setCurrentIndex(dialog.proxy_mode.findData("custom"))
    dialog.proxy_url.setText("socks5://127.0.0.1:1080")
    dialog.proxy_url.editingFinished.emit()
    dialog.temperature.setValue(0.7)
    dialog.max_tokens.setValue(512)
    dialog.system_prompt.setPlainText("Answer in French.")
    dialog.close()
    saved = json.loads((profile / "settings.json").read_text())["providers"]["LlamaCpp"]
    assert saved["model"] == "qwen-coder"
    assert saved["proxy"] == "socks5://127.0.0.1:1080"
    assert saved["temperature"] == pytest.approx(0.7)
    assert saved["max_tokens"] == 512
    assert saved["system_prompt"] == "Answer in French."


async def test_parameters_reach_the_request(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    dialog = confab.open_settings()
    dialog.temperature.setValue(0.2)
    dialog.max_tokens.setValue(64)
    dialog.system_prompt.setPlainText("Be terse.")
    dialog.close()
    server.stream("POST", PATH, sse("ok"))
    await sent_and_answered(qtbot, confab, "hi")
    body = server.requests[-1].json()
    assert body["temperature"] == pytest.approx(0.2)
    assert body["max_tokens"] == 64
    assert body["messages"][0] == {"role": "system", "content": "Be terse."}


async def test_test_connection_lists_models_or_shows_the_failure(
    confab: ConfabApp, server: LocalServer
) -> None:
    dialog = confab.open_settings()
    await dialog.test_connection()
    assert dialog.test_result.text() == "Connected: 2 models (local-model, other-model)"
    server.reply("GET", "/v1/models", {"error": {"message": "bad key"}}, status=401)
    await dialog.test_connection()
    assert dialog.test_result.text() == (
        "Failed: llama.cpp server: the API key was rejected (HTTP 401): bad key. "
        "Check the key in Settings."
    )


HOSTILE = '<h1>Pwned</h1><a href="https://evil.example/">click</a><img src="file:///etc/hosts">'


async def test_server_text_is_shown_as_plain_text(confab: ConfabApp, server: LocalServer) -> None:
    # A server's error text could draw headings and links, or make Qt read a local file.
    server.reply("GET", "/v1/models", {"error": {"message": HOSTILE}}, status=401)
    dialog = confab.open_settings()
    await dialog.test_connection()
    assert dialog.test_result.textFormat() == Qt.TextFormat.PlainText
    assert HOSTILE in dialog.test_result.text()
    await confab._fill_models(refresh=True)
    window = confab.window
    assert window.model_status.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;h1&gt;Pwned&lt;/h1&gt;" in window.model_picker.toolTip()
    assert "<h1>" not in window.model_picker.toolTip()


async def test_custom_endpoint_is_added_and_used(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, profile: Path
) -> None:
    dialog = confab.open_settings()
    dialog.new_name.setText("Work vLLM")
    dialog.new_url.setText(server.url + "/v1")
    dialog.add_endpoint.click()
    assert dialog.provider_list.currentItem().text() == "Work vLLM"
    box = confab.window.provider_box
    assert box.findText("Work vLLM") >= 0
    dialog.close()
    confab.window.select_provider("Custom_Work_vLLM")
    server.stream("POST", PATH, sse("from my server"))
    reply = await sent_and_answered(qtbot, confab, "hi")
    assert reply.text == "from my server"
    endpoints = json.loads((profile / "settings.json").read_text())["endpoints"]
    assert endpoints == [{"name": "Work vLLM", "base_url": server.url + "/v1"}]


def test_corrupt_settings_are_kept_aside(profile: Path) -> None:
    profile.mkdir(parents=True)
    (profile / "settings.json").write_text("{not json")
    settings, notice = settings_file.load(profile)
    assert settings.provider == "OpenAI"
    assert notice is not None
    assert "could not be read" in str(notice)
    (aside,) = profile.glob("settings.json.corrupt-*")
    assert aside.read_text() == "{not json"


def test_unknown_fields_survive_and_missing_ones_default(profile: Path) -> None:
    profile.mkdir(parents=True)
    (profile / "settings.json").write_text(
        json.dumps(
            {
                "provider": "Groq",
                "future_option": {"x": 1},
                "providers": {"Groq": {"model": "m", "new_field": True}},
            }
        )
    )
    settings, notice = settings_file.load(profile)
    assert notice is None
    assert settings.for_provider("Groq").model == "m"
    assert settings.for_provider("Groq").temperature is None
    settings_file.save(profile, settings)
    assert json.loads((profile / "settings.json").read_text())["future_option"] == {"x": 1}


async def test_corrupt_settings_notice_in_the_window(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    profile.mkdir(parents=True)
    (profile / "settings.json").write_text("[1, 2")
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    try:
        assert "could not be read" in app.window.statusBar().currentMessage()
    finally:
        await app.close()


@pytest.mark.parametrize(
    ("backend", "words"),
    [
        (keyring.backends.fail.Keyring(), "No system keyring is available"),
        (LockedKeyring(), "keyring is locked"),
    ],
    ids=["no-backend", "locked"],
)
async def test_keyring_problems_show_a_banner(
    profile: Path,
    server: LocalServer,
    backend: KeyringBackend,
    words: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    server.reply("GET", "/v1/models", {"data": []})
    write_settings(profile, "OpenAI", server.url + "/v1")
    app = ConfabApp(profile, keys=KeyStore(backend))
    app.window.show()
    try:
        await settled(app)  # the key is looked up in a worker thread
        assert app.window.banner.isVisible()
        assert words in app.window.banner.message.text()
    finally:
        await app.close()


async def test_environment_key_is_used_and_named(
    confab: ConfabApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-000000000")
    dialog = confab.open_settings()
    dialog.select("OpenAI")
    assert "environment variable OPENAI_API_KEY" in dialog.key_status.text()


@pytest.mark.skipif(shutil.which("secret-tool") is None, reason="needs libsecret-tools")
async def test_key_from_the_dialog_lives_only_in_the_keyring(
    qtbot: QtBot,
    private_keyring: KeyringBackend,
    server: LocalServer,
    profile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    server.reply("GET", "/v1/models", {"data": [{"id": "gpt-4o"}]})
    write_settings(profile, "OpenAI", server.url + "/v1", model="gpt-4o")
    key = "sk-dialog-" + secrets.token_hex(12)
    app = ConfabApp(profile, keys=KeyStore(private_keyring))
    dialog = app.open_settings()
    qtbot.keyClicks(dialog.key_field, key)
    qtbot.keyClick(dialog.key_field, Qt.Key.Key_Tab)
    dialog.save_key.click()
    assert dialog.key_status.text() == "A key is stored in the system keyring."
    await app.close()

    proc = await asyncio.create_subprocess_exec(
        "secret-tool",
        "search",
        "service",
        SERVICE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert f"secret = {key}" in out.decode()
    assert files_containing(profile, key) == []

    restarted = ConfabApp(profile, keys=KeyStore(private_keyring))
    try:
        await settled(restarted)
        assert not restarted.window.banner.isVisible()
        found_key = restarted.keys.find("OpenAI")
        assert found_key is not None
        assert found_key.source is KeySource.KEYRING
        server.stream("POST", PATH, sse("hello again"))
        reply = await sent_and_answered(qtbot, restarted, "hi")
        assert reply.text == "hello again"
        assert server.requests[-1].headers["Authorization"] == f"Bearer {key}"
        dialog = restarted.open_settings()
        dialog.remove_key.click()
        assert dialog.key_status.text() == "No key set."
    finally:
        await restarted.close()


async def test_canary_key_appears_in_no_file_and_no_log_line(
    qtbot: QtBot,
    private_keyring: KeyringBackend,
    server: LocalServer,
    profile: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    canary = "sk-canary-" + secrets.token_hex(16)
    KeyStore(private_keyring).set("OpenAI", canary)
    server.reply("GET", "/v1/models", {"data": [{"id": "gpt-4o"}]})
    write_settings(profile, "OpenAI", server.url + "/v1", model="gpt-4o")
    setup_logging(profile, debug=True)
    root = logging.getLogger()
    handler = root.handlers[-1]
    app = ConfabApp(profile, keys=KeyStore(private_keyring))
    try:
        with caplog.at_level(logging.DEBUG):
            server.reply(
                "POST",
                PATH,
                {
                    "error": {
                        "message": f"Incorrect API key provided: {canary}. "
                        f"Authorization: Bearer {canary}"
                    }
                },
                status=401,
            )
            failed = await sent_and_answered(qtbot, app, "first try")
            assert failed.status is Status.FAILED
            assert "the API key was rejected" in failed.error
            shown_failure = app.window.chat_view.toPlainText()
            stored = app.history.load(app.controller.conversation.id)
            assert stored is not None
            stored_failure = stored.messages[-1].error
            logging.getLogger("confab.test").debug(
                "request failed: %s key=%s", failed.error, canary
            )
            server.stream("POST", PATH, sse("works now"))
            finished = asyncio.ensure_future(next_signal(app.controller.message_finished))
            app.controller.retry()
            (reply,) = await finished
            assert reply.status is Status.DONE
            app.export_to(profile / "export.md")
            app.export_to(profile / "export.json")
            shown = app.window.chat_view.toPlainText()
    finally:
        await app.close()
        root.removeHandler(handler)
        handler.close()
    assert canary not in shown
    assert "rejected" in shown_failure
    assert canary not in shown_failure
    assert canary not in stored_failure
    assert server.requests[-1].headers["Authorization"] == f"Bearer {canary}"  # it was used
    assert (profile / "export.md").exists()
    assert "rejected" in (profile / "logs" / "confab.log").read_text() or caplog.records
    assert files_containing(profile, canary) == []
    assert [r for r in caplog.records if canary in r.getMessage()] == []
    KeyStore(private_keyring).delete("OpenAI")


async def test_ctrl_comma_opens_settings(qtbot: QtBot, confab: ConfabApp) -> None:
    confab.window.activateWindow()
    qtbot.keyClick(
        confab.window.composer.input, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier
    )
    assert confab.settings_dialog is not None
    assert confab.settings_dialog.isVisible()


async def test_the_dialog_edits_a_copy_and_commits_only_its_own_fields(
    qtbot: QtBot, confab: ConfabApp, profile: Path
) -> None:
    await settled(confab)
    dialog = confab.open_settings()
    assert dialog.settings is not confab.settings
    qtbot.keyClicks(dialog.system_prompt, "Be brief.")
    assert confab.settings.for_provider("LlamaCpp").system_prompt == ""  # not per keystroke
    confab.window.model_picker.setEditText("other-model")  # chosen in the toolbar meanwhile
    confab._model_chosen("other-model")
    dialog.temperature.setValue(0.5)  # commits the page: its own fields only
    options = confab.settings.for_provider("LlamaCpp")
    assert (options.model, options.temperature) == ("other-model", 0.5)
    assert options.system_prompt == "Be brief."
    saved = json.loads((profile / "settings.json").read_text())["providers"]["LlamaCpp"]
    assert (saved["model"], saved["temperature"], saved["system_prompt"]) == (
        "other-model",
        0.5,
        "Be brief.",
    )
    dialog.close()
    confab._model_chosen("local-model")
    again = confab.open_settings()
    assert again.model.text() == "local-model"  # a fresh copy each time it opens
    again.close()


async def test_a_changed_address_reloads_the_model_list_at_once(
    server: LocalServer, profile: Path
) -> None:
    # Issue 21, item 1: the list stayed the built-in one until the user found the reload button.
    server.reply("GET", "/v1/models", {"data": [{"id": "served-model"}]})
    write_settings(profile, "LlamaCpp", f"http://127.0.0.1:{await closed_port()}/v1")
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    try:
        await settled(app)
        window = app.window
        assert window.model_status.text() == "(offline: the built-in list)"
        dialog = app.open_settings()
        dialog.base_url.setText(server.url + "/v1")
        dialog.base_url.editingFinished.emit()
        dialog.close()
        await settled(app)
        assert [m.id for m in window.model_picker.models] == ["served-model"]
        assert window.model_status.text() == ""
        assert server.requests[-1].path == "/v1/models"
    finally:
        await app.close()


async def test_a_key_saved_in_settings_reloads_the_model_list(
    confab: ConfabApp, server: LocalServer
) -> None:
    server.reply("GET", "/v1/models", {"data": [{"id": "keyed-model"}]})
    dialog = confab.open_settings()
    dialog.keys_changed.emit("LlamaCpp")
    await settled(confab)
    assert [m.id for m in confab.window.model_picker.models] == ["keyed-model"]
    dialog.close()


async def test_a_local_server_needing_no_key_shows_no_key_field_until_asked(
    confab: ConfabApp,
) -> None:
    # Issue 21, item 11: a local server's page showed a key field and a paragraph on keyrings.
    dialog = confab.open_settings()
    assert dialog.title.text() == "llama.cpp server"
    assert not dialog.key_field.isVisible() and not dialog.key_status.isVisible()
    assert dialog.optional_key.isVisible()
    dialog.optional_key.click()
    assert dialog.key_field.isVisible() and not dialog.optional_key.isVisible()
    dialog.select("OpenAI")  # a cloud provider: its key row, and one short sentence
    assert dialog.key_field.isVisible() and not dialog.optional_key.isVisible()
    assert dialog.key_status.text() == (
        "No key set. No system keyring is available: a key you enter is kept until Confab closes."
    )
    assert "GNOME Keyring" in dialog.key_status.toolTip()  # the rest, on demand
    dialog.close()
