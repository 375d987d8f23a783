"""First run with nothing usable set up (issue 22): the empty chat's setup card looks for local
servers in the background, offers the one the test started and not the one that is absent,
and one click talks to it; suggestions fill the composer."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.local_servers import Candidate, count_models, probe
from providers.keys import KeyStore
from tests.gui.conftest import write_settings
from tests.gui.helpers import next_signal, settled
from tests.gui.test_chat_window import sse
from tests.localserver import LocalServer, transcript

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port bound but not listening: nothing answers there while the test runs."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def candidates(server: LocalServer, closed_port: int) -> tuple[Candidate, ...]:
    return (
        Candidate("LlamaCpp", "llama.cpp", f"http://127.0.0.1:{closed_port}/v1", "models"),
        Candidate("Ollama", "Ollama", server.url, "api/tags"),
    )


def test_model_lists_of_every_kind_of_local_server_are_counted() -> None:
    ollama = json.loads(transcript("ollama_api_tags.json"))
    g4f = json.loads((FIXTURES / "g4f" / "g4f-8.8.6_models.json").read_text())
    assert count_models(ollama) == len(ollama["models"])
    assert count_models(g4f) and count_models(g4f) > 100  # provider -> model names
    assert count_models({"data": [{"id": "local-model"}]}) == 1
    assert count_models({"error": "not found"}) is None and count_models("hello") is None


async def test_the_probe_finds_the_server_that_runs_and_not_the_absent_one(
    server: LocalServer, closed_port: int
) -> None:
    server.reply(
        "GET", "/api/tags", transcript("ollama_api_tags.json"), content_type="application/json"
    )
    found = await probe(candidates(server, closed_port))
    assert [(f.candidate.provider, f.models) for f in found] == [("Ollama", 2)]


async def test_first_run_offers_the_local_server_found_and_one_click_uses_it(
    qtbot: QtBot, profile: Path, server: LocalServer, closed_port: int
) -> None:
    server.reply(
        "GET", "/api/tags", transcript("ollama_api_tags.json"), content_type="application/json"
    )
    write_settings(profile, "OpenAI", "")  # the default: a cloud provider, and no key
    probed = asyncio.ensure_future(next_signal_of_app(profile, server, closed_port))
    app, found = await probed
    try:
        card = app.window.welcome.setup
        assert card.isVisibleTo(app.window)
        assert [f.candidate.label for f in found] == ["Ollama"]
        rows = card.findChildren(type(card.again), "useServer")
        assert [b.accessibleName() for b in rows] == ["Use Ollama"]  # not the absent llama.cpp
        assert card.key.isVisibleTo(app.window)  # or OpenAI's key, in place
        assert "platform.openai.com" in card.key_label.text()
        rows[0].click()
        await settled(app)
        assert app.controller.provider.get_name() == "Ollama"
        assert app.settings.for_provider("Ollama").base_url == server.url
        assert app.window.model_picker.findText("deepseek-r1:latest") >= 0  # its list, live
        assert not card.isVisibleTo(app.window)  # set up now: the card goes
    finally:
        await app.close()


async def next_signal_of_app(
    profile: Path, server: LocalServer, closed_port: int
) -> tuple[ConfabApp, list[object]]:
    app = ConfabApp(
        profile,
        keys=KeyStore(keyring.backends.fail.Keyring()),
        local_servers=candidates(server, closed_port),
    )
    app.window.show()
    (found,) = await next_signal(app.first_run.probed)
    return app, found


async def test_a_suggestion_fills_the_message_field(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    welcome = confab.window.welcome
    assert welcome.isVisibleTo(confab.window) and not welcome.setup.isVisibleTo(confab.window)
    welcome.suggestions[1].click()
    field = confab.window.composer.input
    assert field.toPlainText().startswith("Write a Python function")
    assert confab.window.focusWidget() is field
    server.stream("POST", "/v1/chat/completions", sse("Here it is."))
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished))
    confab.window.composer.submit()
    await finished
    assert not welcome.isVisibleTo(confab.window)  # the chat has messages now
    title = confab.controller.conversation.title
    assert title and confab.window.chat_title.text() == title  # in the header, and the title bar
    assert confab.window.windowTitle() == f"{title} — Confab"
