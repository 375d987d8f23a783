"""GUI tests run their async code on the Qt event loop (qasync), offscreen, in a temp profile."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring.backends.fail
import pytest
import qasync
from PySide6.QtWidgets import QApplication

from gui.app import ConfabApp, ensure_application
from providers.keys import KeyStore
from tests.localserver import LocalServer


def _qt_loop() -> Any:
    ensure_application([])
    return qasync.QEventLoop(QApplication.instance())


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> Mapping[str, Any]:
    return {"qasync": _qt_loop}


def write_settings(profile: Path, provider: str, base_url: str, **extra: Any) -> None:
    profile.mkdir(parents=True, exist_ok=True)
    data = {"provider": provider, "providers": {provider: {"base_url": base_url, **extra}}}
    (profile / "settings.json").write_text(json.dumps(data))


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
    yield app
    await app.close()
