"""Closing while a reply streams: the partial reply is saved, nothing is left running."""

from __future__ import annotations

import asyncio
import errno
import gc
import logging
import warnings
from pathlib import Path

import keyring.backends.fail
import pytest
from pytestqt.qtbot import QtBot

from gui.__main__ import setup_logging
from gui.app import ConfabApp
from gui.core import settings as settings_file
from gui.core.conversation import Status
from gui.core.history import HistoryStore
from providers.keys import KeyStore
from tests.gui.conftest import write_settings
from tests.gui.core.test_core import saved_mid_reply
from tests.gui.helpers import next_signal
from tests.gui.test_chat_window import PATH, sent_and_answered, sse, type_and_send
from tests.localserver import LocalServer


async def test_close_while_streaming(qtbot: QtBot, server: LocalServer, profile: Path) -> None:
    write_settings(profile, "LlamaCpp", server.url + "/v1", model="m")
    server.reply("GET", "/v1/models", {"data": [{"id": "m"}]})
    server.stream("POST", PATH, sse("half a ", "reply", finish=False), then="stall")
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    runner = asyncio.ensure_future(app.run())
    updated = asyncio.ensure_future(next_signal(app.controller.message_updated))
    await type_and_send(qtbot, app, "write a novel")
    await updated
    conversation_id = app.controller.conversation.id
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        app.window.close()
        await asyncio.wait_for(runner, 10)
        gc.collect()
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert not [t for t in others if "confab" in repr(t.get_coro()).lower()], others
    store = HistoryStore(profile / "history.sqlite3")
    saved = store.load(conversation_id)
    store.close()
    assert saved is not None
    assert saved.messages[1].status is Status.STOPPED
    assert saved.messages[1].text == "half a reply"
    assert settings_file.load(profile)[0].window_geometry


def test_killed_process_leaves_a_readable_reply(profile: Path) -> None:
    profile.mkdir(parents=True)
    store = HistoryStore(profile / "history.sqlite3")
    conversation = saved_mid_reply(store, "t", "q", "partial")
    del store  # no close(): as if the process died here
    gc.collect()
    reopened = HistoryStore(profile / "history.sqlite3")
    loaded = reopened.load(conversation.id)
    reopened.close()
    assert loaded is not None
    assert loaded.messages[1].status is Status.STOPPED
    assert "Confab closed while this reply was streaming" in loaded.messages[1].error
    assert loaded.messages[1].text == "partial"


async def test_window_size_and_splitter_are_remembered(
    qtbot: QtBot, server: LocalServer, profile: Path
) -> None:
    write_settings(profile, "LlamaCpp", server.url + "/v1")
    server.reply("GET", "/v1/models", {"data": []})
    keys = KeyStore(keyring.backends.fail.Keyring())
    first = ConfabApp(profile, keys=keys)
    first.window.show()
    first.window.resize(640, 480)
    first.window.splitter.setSizes([200, 440])
    size = (first.window.width(), first.window.height())
    await first.close()
    second = ConfabApp(profile, keys=keys)
    second.window.show()
    try:
        assert (second.window.width(), second.window.height()) == size
        assert second.window.splitter.sizes()[0] == 200
    finally:
        await second.close()


async def test_unreadable_history_is_kept_aside(
    qtbot: QtBot, server: LocalServer, profile: Path
) -> None:
    write_settings(profile, "LlamaCpp", server.url + "/v1")
    server.reply("GET", "/v1/models", {"data": []})
    (profile / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    try:
        assert "history could not be opened" in app.window.statusBar().currentMessage()
        assert app.history.conversations() == []
    finally:
        await app.close()
    (aside,) = profile.glob("history.sqlite3.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")


async def test_history_write_failure_is_reported_and_the_reply_still_shows(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    from tests.gui.test_chat_window import sse

    confab.history.close()  # every later write fails, as on a vanished or full disk
    server.stream("POST", PATH, sse("still here"))
    reply = await sent_and_answered(qtbot, confab, "hi")
    assert reply.text == "still here"
    assert "still here" in confab.window.chat_view.toPlainText()
    assert "Could not save to the history file" in confab.window.statusBar().currentMessage()


async def test_a_full_disk_at_close_is_logged_not_a_crash(
    profile: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    app.window.show()

    def full(*_: object) -> None:  # no test machine can fill its disk on demand
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(settings_file, "save", full)
    await app.close()  # raised OSError: the window's close handler died with it
    assert "settings not saved" in caplog.text


def test_a_profile_that_cannot_take_logs_still_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "logs").write_text("a file where the log folder goes")
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        setup_logging(profile, debug=False)  # raised FileExistsError at start
        assert any(isinstance(h, logging.StreamHandler) for h in root.handlers[len(before) :])
    finally:
        for handler in root.handlers[len(before) :]:
            root.removeHandler(handler)
    assert "cannot write logs" in capsys.readouterr().err
