"""What reaches the history file while a reply streams, and after the process is killed."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Conversation, Message
from gui.reply_stream import SAVE_EVERY
from tests.gui.conftest import write_settings
from tests.gui.helpers import GUARD
from tests.gui.test_chat_window import PATH, sent_and_answered, sse, type_and_send
from tests.localserver import LocalServer


def saved_reply(profile: Path) -> tuple[str, str] | None:
    """The last assistant message in the history file, read as another process would."""
    with sqlite3.connect(profile / "history.sqlite3") as db:
        row = db.execute(
            "SELECT text, status FROM messages WHERE role = 'assistant' "
            "ORDER BY started DESC LIMIT 1"
        ).fetchone()
    return (row[0], row[1]) if row else None


async def test_a_paused_stream_is_saved_within_a_second(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, profile: Path
) -> None:
    # Text that came just before a pause was saved only when more text came after a second:
    # a crash during the pause lost it.
    server.stream("POST", PATH, sse("partial", finish=False), then="stall")
    saved = asyncio.get_running_loop().create_future()

    def on_saved(message: Message) -> None:
        if message.role == "assistant" and message.text == "partial" and not saved.done():
            saved.set_result(message)

    confab.controller.message_saved.connect(on_saved)
    await type_and_send(qtbot, confab, "hello")
    await asyncio.wait_for(saved, GUARD)
    assert confab.controller.busy  # still streaming: the save did not wait for the end
    assert saved_reply(profile) == ("partial", "streaming")
    confab.controller.stop()
    await confab.controller.wait_idle()


KILLS = 20
CHUNKS = 20
CHUNK_EVERY = 0.05  # seconds between writes, then the stream pauses until the kill
SLACK = 0.5  # scheduling slack on a busy machine, on top of the one-second save period


def paced_stream(sent: list[tuple[float, str]], started: asyncio.Event) -> Any:
    """A handler that writes CHUNKS words, noting when each went out, then pauses."""

    async def paced(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        started.set()
        for n in range(CHUNKS):
            word = f"w{n} "
            chunk = {"choices": [{"index": 0, "delta": {"content": word}}]}
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
            sent.append((time.monotonic(), word))
            await asyncio.sleep(CHUNK_EVERY)  # pacing, as a model writes
        await asyncio.Event().wait()  # paused until the client dies
        return response

    return paced


async def test_kill_9_loses_no_user_message_and_at_most_a_second_of_reply(
    server: LocalServer, tmp_path: Path
) -> None:
    rng = random.Random(9)
    for kill in range(KILLS):
        profile = tmp_path / f"kill{kill}"
        sent: list[tuple[float, str]] = []
        started = asyncio.Event()

        server.route("POST", PATH, paced_stream(sent, started))
        write_settings(profile, "LlamaCpp", server.url + "/v1", model="m")
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.gui.durability_child",
            str(profile),
            cwd=Path(__file__).parents[2],
            env={
                **os.environ,
                "QT_QPA_PLATFORM": "offscreen",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            },
        )
        try:
            await asyncio.wait_for(started.wait(), GUARD)
            await asyncio.sleep(rng.uniform(0.05, CHUNKS * CHUNK_EVERY + 1.5))  # when to kill
        finally:
            child.send_signal(signal.SIGKILL)
            await child.wait()
        killed_at = time.monotonic()

        with sqlite3.connect(profile / "history.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            users = db.execute("SELECT text FROM messages WHERE role = 'user'").fetchall()
        assert users == [("hello",)], kill
        reply = saved_reply(profile)
        text = reply[0] if reply else ""
        everything = "".join(word for _, word in sent)
        assert everything.startswith(text), (kill, text)
        due = "".join(word for at, word in sent if killed_at - at > SAVE_EVERY + SLACK)
        assert text.startswith(due), (kill, text, due)


async def test_a_prompt_that_could_not_be_saved_is_saved_before_its_reply(
    qtbot: QtBot,
    confab: ConfabApp,
    server: LocalServer,
    profile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Disk full at send, space back later: the reply was stored without its prompt.
    history = confab.controller.history
    real_save = history.save_message
    failures = iter([True])  # the first save (the prompt) fails, as on a full disk

    def save(conversation: Conversation, message: Message) -> None:
        if next(failures, False):
            raise sqlite3.OperationalError("database or disk is full")
        real_save(conversation, message)

    monkeypatch.setattr(history, "save_message", save)
    server.stream("POST", PATH, sse("Hi there"))
    await sent_and_answered(qtbot, confab, "hello")
    with sqlite3.connect(profile / "history.sqlite3") as db:
        rows = db.execute("SELECT role, text FROM messages ORDER BY position").fetchall()
    assert rows == [("user", "hello"), ("assistant", "Hi there")]
