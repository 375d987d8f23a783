"""Several chats stream at once: switching never stops or blocks a reply, each chat has its own
Stop, and the sidebar marks the chats that are streaming."""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Status
from gui.reply_stream import FLUSH_GAP
from gui.widgets.sidebar import STREAMING_MARK
from tests.gui.helpers import next_signal
from tests.gui.test_chat_window import type_and_send
from tests.localserver import Feed, Feeds, LocalServer


async def started(qtbot: QtBot, app: ConfabApp, feeds: Feeds, prompt: str) -> Feed:
    """Send ``prompt`` in the chat on screen; its feed once the request has arrived."""
    await type_and_send(qtbot, app, prompt)
    return await feeds.opened(prompt)


async def shows(app: ConfabApp, feed: Feed, text: str) -> None:
    """Send ``text`` on ``feed`` and wait until the controller has flushed it."""
    updated = asyncio.ensure_future(next_signal(app.controller.message_updated))
    feed.send(text)
    await updated


async def two_chats_streaming(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, shown: str, feeds: Feeds | None = None
) -> str:
    """Chats "one" and "two" streaming, each showing ``shown`` and its name; the first's id."""
    feeds = feeds or Feeds(server)
    first = await started(qtbot, confab, feeds, "one")
    await shows(confab, first, f"{shown}one")
    first_chat = confab.controller.conversation.id
    confab.controller.new_conversation()
    second = await started(qtbot, confab, feeds, "two")
    await shows(confab, second, f"{shown}two")
    return first_chat


def sidebar_titles(app: ConfabApp) -> list[str]:
    items = app.window.sidebar.list
    return [items.item(i).text() for i in range(items.count())]


async def test_two_chats_stream_at_once_and_stop_separately(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    feeds = Feeds(server)
    controller, window = confab.controller, confab.window
    first = await started(qtbot, confab, feeds, "Tell me about owls")
    await shows(confab, first, "Owls hunt ")
    first_chat = controller.conversation.id
    # A new chat while the first streams: nothing is locked, nothing is stopped.
    for widget in (window.provider_box, window.model_picker, window.sidebar):
        assert widget.isEnabled()
    qtbot.keyClick(window.composer.input, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.composer.send_button.text() == "Send"
    second = await started(qtbot, confab, feeds, "Tell me about bats")
    await shows(confab, second, "Bats echolocate ")
    second_chat = controller.conversation.id
    assert controller.streaming() == {first_chat, second_chat}
    assert sorted(sidebar_titles(confab)) == [
        STREAMING_MARK + "Tell me about bats",
        STREAMING_MARK + "Tell me about owls",
    ]
    # Text for the chat not on screen is kept, and shown live when the chat is opened.
    await shows(confab, first, "at night.")
    assert "Owls" not in window.chat_view.toPlainText()
    controller.open_conversation(first_chat)
    assert "Owls hunt at night." in window.chat_view.toPlainText()
    assert window.composer.send_button.text() == "Stop"
    await shows(confab, first, " Silently.")
    assert "Owls hunt at night. Silently." in window.chat_view.toPlainText()
    # Esc stops the chat on screen only.
    finished = asyncio.ensure_future(next_signal(controller.message_finished))
    qtbot.keyClick(window.composer.input, Qt.Key.Key_Escape)
    (stopped,) = await finished
    assert stopped.status is Status.STOPPED and stopped.conversation_id == first_chat
    await asyncio.wait_for(first.disconnected.wait(), 10)
    assert controller.streaming() == {second_chat}
    assert not second.disconnected.is_set()
    assert "Bats" not in window.chat_view.toPlainText()
    # The other reply ends on its own, saved, without touching the chat on screen.
    finished = asyncio.ensure_future(next_signal(controller.message_finished))
    second.finish()
    (done,) = await finished
    assert done.status is Status.DONE and done.text == "Bats echolocate "
    assert "Bats" not in window.chat_view.toPlainText()
    assert controller.streaming() == set()
    assert STREAMING_MARK not in "".join(sidebar_titles(confab))
    stored = confab.history.load(second_chat)
    assert stored is not None and stored.messages[-1].text == "Bats echolocate "


async def test_closing_the_app_stops_and_saves_every_streaming_chat(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    first_chat = await two_chats_streaming(qtbot, confab, server, "partial ")
    await confab.controller.shutdown()
    for chat, text in (
        (first_chat, "partial one"),
        (confab.controller.conversation.id, "partial two"),
    ):
        stored = confab.history.load(chat)
        assert stored is not None
        assert (stored.messages[-1].status, stored.messages[-1].text) == (Status.STOPPED, text)


async def test_replies_streaming_at_once_are_shown_in_turns(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    # Before: replies whose text came together were each rendered and painted in the same
    # turn of the event loop: four compared at 200 tokens/s held it 25-40 ms at a time.
    feeds = Feeds(server)
    await two_chats_streaming(qtbot, confab, server, "", feeds)
    first, second = await feeds.opened("one"), await feeds.opened("two")
    shown: list[tuple[str, float]] = []
    confab.controller.message_updated.connect(
        lambda message: shown.append((message.text, time.perf_counter()))
    )
    both = asyncio.ensure_future(next_signal(confab.controller.message_updated))
    first.send(" words")
    second.send(" words")
    await both
    while len(shown) < 2:
        await next_signal(confab.controller.message_updated)
    (_, one), (_, two) = shown[:2]
    assert sorted(text for text, _ in shown[:2]) == ["one words", "two words"]
    assert abs(two - one) >= FLUSH_GAP
