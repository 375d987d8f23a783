"""Each chat keeps its own scroll position, and a chat that was following its streaming reply
still follows it when switched back to (issue 21, item 3)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from tests.gui.test_parallel_streams import shows, started
from tests.localserver import Feed, Feeds, LocalServer

PARAGRAPH = "Owls hunt at night and fly without a sound. " * 6 + "\n\n"


async def a_long_streaming_reply(qtbot: QtBot, confab: ConfabApp, server: LocalServer) -> Feed:
    """A chat whose reply streams on past the window's height; its feed, still open."""
    confab.window.resize(900, 600)
    owls = await started(qtbot, confab, Feeds(server), "Tell me about owls")
    for _ in range(12):
        await shows(confab, owls, PARAGRAPH)
    return owls


async def test_a_streaming_chat_switched_back_to_still_follows_its_reply(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    view = confab.window.chat_view
    owls = await a_long_streaming_reply(qtbot, confab, server)
    assert view.verticalScrollBar().maximum() > 0 and view.at_bottom()
    owls_chat = confab.controller.conversation.id
    confab.new_chat()
    await shows(confab, owls, PARAGRAPH)  # it goes on while another chat is shown
    confab.controller.open_conversation(owls_chat)
    assert view.at_bottom()
    for _ in range(4):
        await shows(confab, owls, PARAGRAPH)
        assert view.at_bottom()  # before: left at a middle position


async def test_a_chat_scrolled_up_is_shown_where_it_was_left(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    view = confab.window.chat_view
    owls = await a_long_streaming_reply(qtbot, confab, server)
    owls_chat = confab.controller.conversation.id
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    left_at = bar.value()
    confab.new_chat()
    confab.controller.open_conversation(owls_chat)
    assert bar.value() == left_at and not view.at_bottom()
    await shows(confab, owls, PARAGRAPH)
    assert bar.value() == left_at  # reading above: the new text does not pull it down
