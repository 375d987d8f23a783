"""A provider without a key asks for one inline; without a keyring it is kept for the session."""

from __future__ import annotations

import asyncio
from pathlib import Path

import keyring.backends.fail
import pytest
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from providers.keys import KeySource, KeyStore
from tests.gui.conftest import write_settings
from tests.gui.helpers import settled
from tests.localserver import LocalServer


async def test_missing_key_prompt_and_session_only_key(
    qtbot: QtBot, server: LocalServer, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    server.reply("GET", "/v1/models", {"data": [{"id": "gpt-4o"}]})
    write_settings(profile, "OpenAI", server.url + "/v1")
    keys = KeyStore(keyring.backends.fail.Keyring())
    app = ConfabApp(profile, keys=keys)
    app.window.show()
    try:
        await settled(app)  # the key is looked up in a worker thread
        banner = app.window.banner
        assert banner.isVisible()
        assert "OpenAI needs an API key" in banner.message.text()
        qtbot.keyClicks(banner.field, "sk-typed-in-banner-0001")
        banner.save.click()
        assert "kept for this session only" in banner.message.text()
        found = keys.find("OpenAI")
        assert found is not None
        assert found.source is KeySource.SESSION
        await asyncio.gather(*app._tasks)
        assert server.requests[-1].headers["Authorization"] == "Bearer sk-typed-in-banner-0001"
    finally:
        await app.close()
    for path in profile.rglob("*"):
        if path.is_file():
            assert b"sk-typed-in-banner-0001" not in path.read_bytes(), path
