"""What reaches the history file while a reply streams, and after the process is killed."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Message
from tests.gui.helpers import GUARD
from tests.gui.test_chat_window import PATH, sse, type_and_send
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
