"""A gpt4free server in the window: its providers as a third choice, its conversation data
sent back. Bodies from a real g4f 8.8.6 server (fixtures/g4f)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import keyring.backends.fail
import pytest
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from providers.keys import KeyStore
from tests.gui.conftest import write_settings
from tests.gui.helpers import settled
from tests.gui.test_chat_window import sent_and_answered
from tests.localserver import LocalServer

G4F = Path(__file__).parents[1] / "fixtures" / "g4f"
CONVERSATION = "/backend-api/v2/conversation"


@pytest.fixture
async def g4f_app(server: LocalServer, profile: Path) -> AsyncIterator[ConfabApp]:
    providers = json.loads((G4F / "g4f-8.8.6_providers.json").read_bytes())
    server.reply("GET", "/backend-api/v2/providers", providers)
    server.reply(
        "GET", "/backend-api/v2/models", json.loads((G4F / "g4f-8.8.6_models.json").read_bytes())
    )
    cloudflare = json.loads((G4F / "g4f-8.8.6_models_Cloudflare.json").read_bytes())
    server.reply("GET", "/backend-api/v2/models/Cloudflare", cloudflare)
    write_settings(profile, "BackendApi", server.url)
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    app.window.show()
    await settled(app)
    yield app
    await app.close()


def conversation_stream(reply: str) -> bytes:
    events = [
        {"type": "provider", "provider": {"name": "Cloudflare", "model": "llama-3.3-70b"}},
        {"type": "conversation", "conversation": {"Cloudflare": {"conversation_id": "c-42"}}},
        {"type": "content", "content": reply},
        {"type": "finish", "finish": {"reason": "stop"}},
    ]
    return "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events).encode()


async def test_the_servers_providers_are_a_third_choice(
    qtbot: QtBot, g4f_app: ConfabApp, server: LocalServer
) -> None:
    window = g4f_app.window
    assert window.route_action.isVisible()
    assert window.route_box.count() == 61  # "Automatic" and the server's 60 providers
    assert window.route_box.itemText(0) == "Automatic (the server picks)"
    assert window.model_picker.count() == 218  # every provider's models, deduplicated
    window.route_box.setCurrentIndex(window.route_box.findData("Cloudflare"))
    await settled(g4f_app)
    assert server.requests[-1].path == "/backend-api/v2/models/Cloudflare"
    assert window.model_picker.count() == 54
    assert g4f_app.settings.for_provider("BackendApi").route == "Cloudflare"

    server.stream("POST", CONVERSATION, conversation_stream("Hello"))
    await sent_and_answered(qtbot, g4f_app, "Hi")
    first = server.requests[-1].json()
    assert first["provider"] == "Cloudflare" and "conversation" not in first

    server.stream("POST", CONVERSATION, conversation_stream("Again"))
    await sent_and_answered(qtbot, g4f_app, "And now?")
    assert server.requests[-1].json()["conversation"] == {"conversation_id": "c-42"}


async def test_other_providers_have_no_third_choice(qtbot: QtBot, confab: ConfabApp) -> None:
    assert not confab.window.route_action.isVisible()
