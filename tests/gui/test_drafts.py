"""Drafts belong to their chat: they stay behind on Ctrl+N and come back after a restart."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
from PIL import Image
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from providers.keys import KeyStore
from tests.gui.conftest import write_settings
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.gui.test_images import drop
from tests.localserver import LocalServer


async def test_a_draft_stays_with_its_chat(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("Hi"))
    await sent_and_answered(qtbot, confab, "first chat")
    first = confab.controller.conversation.id
    composer = confab.window.composer
    qtbot.keyClicks(composer.input, "half a thought")
    confab.controller.new_conversation()  # Ctrl+N: the draft followed into the new chat
    assert composer.input.toPlainText() == ""
    confab.controller.open_conversation(first)
    assert composer.input.toPlainText() == "half a thought"


async def test_an_unsent_draft_survives_a_restart(
    qtbot: QtBot, server: LocalServer, profile: Path, tmp_path: Path
) -> None:
    server.reply("GET", "/v1/models", {"data": [{"id": "local-model"}]})
    write_settings(profile, "LlamaCpp", server.url + "/v1", model="local-model")
    confab = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    composer = confab.window.composer
    qtbot.keyClicks(composer.input, "not sent yet")
    picture = tmp_path / "p.png"
    Image.new("RGB", (30, 20), "teal").save(picture)
    drop(confab.window.chat_view.viewport(), [picture])
    await composer.wait_attachments()
    await confab.close()  # the draft was lost here

    again = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    try:
        assert again.window.composer.input.toPlainText() == "not sent yet"
        (image,) = again.window.composer.attachments.images()
        assert (image.name, image.width, image.height) == ("p.png", 30, 20)
    finally:
        await again.close()
