"""GUI tests run their async code on the Qt event loop (qasync), offscreen, in a temp profile."""

from __future__ import annotations

import gc
import json
import os
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QApplication

from gui.app import ConfabApp, ensure_application
from gui.event_loop import EventLoop
from gui.widgets import chat_view
from providers.keys import KeyStore
from tests.gui.helpers import settled
from tests.localserver import LocalServer


def _qt_loop() -> Any:
    ensure_application([])
    return EventLoop(QApplication.instance())


@pytest.fixture(autouse=True)
def collect_qt_garbage_here() -> Iterator[None]:
    """Collect each test's Qt objects on the GUI thread. Left to chance, Python's cyclic GC
    runs in whatever thread allocates (an image worker), where a widget's destructor cannot
    stop its timers; one then fires for a deleted object and the process crashes."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def steps_without_a_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chat view renders a streaming reply in steps of STEP_SECONDS, leaving the rest for
    the next turn of the event loop. How much one step takes depends on the machine, so
    tests do not let a clock decide: a step here takes all that has arrived, and the tests
    of stepping set STEP_SECONDS to 0 (one piece a step). `make bench` runs the real value."""
    monkeypatch.setattr(chat_view, "STEP_SECONDS", float("inf"))


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> Mapping[str, Any]:
    return {"qasync": _qt_loop}


def write_settings(profile: Path, provider: str, base_url: str, **extra: Any) -> None:
    profile.mkdir(parents=True, exist_ok=True)
    data = {"provider": provider, "providers": {provider: {"base_url": base_url, **extra}}}
    (profile / "settings.json").write_text(json.dumps(data))


def local_confab(profile: Path, server: LocalServer, **settings: Any) -> ConfabApp:
    """An app on a local llama.cpp-style server with one model, no keyring, and ``settings``
    (top-level fields of settings.json: language, window_geometry, ...)."""
    server.reply("GET", "/v1/models", {"data": [{"id": "local-model"}]})
    write_settings(profile, "LlamaCpp", server.url + "/v1", model="local-model")
    path = profile / "settings.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **settings}))
    return ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()), local_servers=())


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
async def confab(server: LocalServer, profile: Path) -> AsyncIterator[ConfabApp]:
    """The app wired to a local llama.cpp-style server, with no keyring (none needed)."""
    server.reply("GET", "/v1/models", {"data": [{"id": "local-model"}, {"id": "other-model"}]})
    write_settings(profile, "LlamaCpp", server.url + "/v1", model="local-model")
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    app.window.show()
    # Its start (model list, key banner) runs in worker threads: let it end on this loop run,
    # not in the gap before the test's own.
    await settled(app)
    yield app
    await app.close()
