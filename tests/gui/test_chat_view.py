"""The transcript's own behaviour: copy buttons, reasoning, lazy pages, scrolling, themes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QImage, QTextDocument
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Conversation, Message, Status
from gui.core.markdown_tail import MAX_TAIL
from gui.theme import DARK, LIGHT
from gui.widgets.chat_view import ChatView
from tests.gui.helpers import card_colour, next_signal
from tests.gui.test_chat_window import PATH, type_and_send
from tests.localserver import LocalServer

CODE_REPLY = "Run this:\n\n```python\nprint('hi')\n```\n\nThen this:\n\n```sh\nls -la\n```\n"


def render_sizes(view: ChatView, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each text the view's renderer is given from now on."""
    sizes: list[int] = []
    render = view.renderer.render

    def measured(text: str, *args: Any) -> str:
        sizes.append(len(text))
        return render(text, *args)

    monkeypatch.setattr(view.renderer, "render", measured)
    return sizes


def view_with(qtbot: QtBot, *messages: Message) -> ChatView:
    view = ChatView(LIGHT)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show_conversation(Conversation(messages=list(messages)))
    return view


async def test_copy_link_copies_that_code_block(qtbot: QtBot, confab: ConfabApp) -> None:
    view = confab.window.chat_view
    message = Message("assistant", CODE_REPLY, model="m")
    confab.controller.conversation.add(message)
    view.add_message(message)
    row = view.row(message.id)
    assert row is not None
    copies = [link.href for link in view._links(row) if link.href.startswith("confab:copy/")]
    assert copies == [f"confab:copy/{message.id}/0", f"confab:copy/{message.id}/1"]  # each block
    view.anchorClicked.emit(QUrl(f"confab:copy/{message.id}/1"))
    assert QGuiApplication.clipboard().text() == "ls -la"
    view.anchorClicked.emit(QUrl(f"confab:copy/{message.id}/0"))
    assert QGuiApplication.clipboard().text() == "print('hi')"
    QGuiApplication.clipboard().clear()


def test_a_reply_says_how_long_it_thought_where_that_was_measured(qtbot: QtBot) -> None:
    timed = Message("assistant", "Yes.", reasoning="a b c", model="m", thought=12.4)
    untimed = Message("assistant", "No.", reasoning="a b c", model="m")  # from older history
    view = view_with(qtbot, timed, untimed)
    shown = view.toPlainText()
    assert "Thought for 12 s" in shown and "Reasoning (3 words)" in shown


def test_reasoning_is_collapsed_until_clicked(qtbot: QtBot) -> None:
    message = Message("assistant", "The answer.", reasoning="secret chain of thought", model="m")
    view = view_with(qtbot, message)
    assert "Reasoning (4 words)" in view.toPlainText()
    assert "secret chain of thought" not in view.toPlainText()
    view.anchorClicked.emit(QUrl(f"confab:reasoning/{message.id}"))
    assert "secret chain of thought" in view.toPlainText()
    view.anchorClicked.emit(QUrl(f"confab:reasoning/{message.id}"))
    assert "secret chain of thought" not in view.toPlainText()


async def test_scrolling_up_stops_auto_scroll(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    view = confab.window.chat_view
    for n in range(40):
        view.add_message(Message("user", f"filler line {n}\n" * 3))
    lines = "".join(
        f'data: {{"choices":[{{"index":0,"delta":{{"content":"line {n}\\n\\n"}}}}]}}\n\n'
        for n in range(30)
    )
    server.stream("POST", PATH, lines.encode(), then="stall")
    updated = asyncio.ensure_future(next_signal(confab.controller.message_updated))
    await type_and_send(qtbot, confab, "go")
    await updated
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum()  # following the stream
    bar.setValue(0)  # the user scrolls up to read
    reply = confab.controller.conversation.messages[-1]
    reply.text += "more text\n\n" * 20
    view.update_live(reply)
    assert bar.value() == 0
    confab.controller.stop()
    await confab.controller.wait_idle()


def test_theme_follows_the_palette(qtbot: QtBot) -> None:
    message = Message("user", "hello")
    view = view_with(qtbot, message)
    assert card_colour(view, message.id) == LIGHT.user_bg
    view.set_theme(DARK)
    assert card_colour(view, message.id) == DARK.user_bg


def test_failed_reply_keeps_partial_text_and_offers_retry(qtbot: QtBot) -> None:
    message = Message(
        "assistant",
        "Half of it",
        status=Status.FAILED,
        model="m",
        error="Groq: the connection closed before the reply was complete",
    )
    view = view_with(qtbot, message)
    shown = view.toPlainText()
    assert "Half of it" in shown
    assert "\ufffc  Groq: the connection closed before the reply was complete  Retry" in shown


def test_live_tail_shows_an_open_code_block_as_code(qtbot: QtBot) -> None:
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    message.text = "Look:\n\n```python\nprint(1)\n"
    view.update_live(message)
    shown = view.toPlainText()
    assert "Look:" in shown
    assert "print(1)" in shown
    assert "```" not in shown
    message.text += "```\n\nDone."
    view.update_live(message)
    assert "```" not in view.toPlainText()
    assert "Done." in view.toPlainText()
    message.status = Status.DONE
    view.finish_message(message)
    assert view.toPlainText().count("print(1)") == 1


def test_raw_text_without_newlines_renders_in_bounded_pieces(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = view_with(qtbot)
    rendered = render_sizes(view, monkeypatch)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    words = ("lorem ipsum dolor sit amet " * 10_000)[: 256 * 1024]
    step = 2048
    for end in range(step, len(words) + step, step):
        message.text = words[:end]
        view.update_live(message)
    # Each update renders what is new and a bounded tail, never the reply from its start.
    assert max(rendered) <= MAX_TAIL + 2 * step
    shown = view.toPlainText().split()
    assert shown[-len(words.split()) :] == words.split()  # every word, in order, once


def test_a_tools_pictures_are_shown_under_its_card(qtbot: QtBot) -> None:
    import base64

    from gui.core.tool_steps import ToolStep
    from providers.chunks import ToolCall, ToolResult
    from tests.providers.helpers import png_bytes

    picture = base64.b64encode(png_bytes((400, 200), "navy")).decode()
    call = ToolCall("c1", "screenshot")
    result = ToolResult("c1", "screenshot", "a picture", images=(("image/png", picture),))
    message = Message("assistant", "Here it is.", model="m", tools=[ToolStep(0, call, result)])
    view = view_with(qtbot, message)
    row = view.row(message.id)
    assert row is not None
    doc = view.document(row)
    url = f"confab-image:tool/{message.id}/c1/0"
    assert url in doc.toHtml()
    shown = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    assert isinstance(shown, QImage) and shown.width() == 180  # small, from the tool's PNG


@pytest.mark.parametrize(
    "hostile", ["[" * 30000, "*a" * 20000, "[a](" * 10000, "_a" * 20000], ids=str.__len__
)
def test_a_reply_of_markdown_punctuation_is_shown_as_typed(qtbot: QtBot, hostile: str) -> None:
    """Issue 25: such text took markdown-it 0.1-0.2 s on the window's thread; it is shown
    as plain text, whole, and ordinary Markdown with brackets still renders."""
    from gui.render import hostile as is_hostile

    assert is_hostile(hostile)
    message = Message("assistant", hostile, model="m")
    normal = Message("assistant", "See [the docs](https://example.com) and *this*.", model="m")
    view = view_with(qtbot, message, normal)
    shown = view.toPlainText()
    assert hostile[:5000] in shown.replace("\u2029", "\n")
    assert "See the docs and this." in shown


def _clock_steps(first_at: int, second_at: int) -> list[Any]:
    from gui.core.tool_steps import ToolStep
    from providers.chunks import ToolCall, ToolResult

    return [
        ToolStep(first_at, ToolCall("c1", "clock"), ToolResult("c1", "clock", "12:00")),
        ToolStep(second_at, ToolCall("c2", "weather"), ToolResult("c2", "weather", "sunny")),
    ]


def _in_order(text: str, *parts: str) -> bool:
    places = [text.find(part) for part in parts]
    return -1 not in places and places == sorted(places)


def test_tool_cards_sit_in_the_reply_where_the_calls_were_made(qtbot: QtBot) -> None:
    # Before: every card of a reply stood above all of its text.
    first, second = "Let me look.", "It is noon.\n\n```python\nprint('noon')\n```\n"
    text = first + second + "Sunny, too."
    message = Message(
        "assistant", text, model="m", tools=_clock_steps(len(first), len(first + second))
    )
    view = view_with(qtbot, message)
    row = view.row(message.id)
    assert row is not None
    shown = view.document(row).toPlainText()
    assert _in_order(shown, "Let me look.", "clock", "It is noon.", "print", "weather", "Sunny")
    view._on_anchor(QUrl(f"confab:copy/{message.id}/0"))  # the code after the first card
    assert QGuiApplication.clipboard().text() == "print('noon')"


async def test_a_streaming_reply_shows_each_card_where_its_call_was_made(qtbot: QtBot) -> None:
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    message.text = "Let me look."
    view.update_live(message)
    message.tools = _clock_steps(len(message.text), 10**6)[:1]
    view.tools_changed(message)
    message.text += "It is noon."
    view.update_live(message)
    row = view.row(message.id)
    assert row is not None
    assert _in_order(view.document(row).toPlainText(), "Let me look.", "clock", "It is noon.")
    message.status = Status.DONE
    shown = next_signal(view.reply_shown)
    view.finish_message(message)
    await shown
    assert _in_order(view.document(row).toPlainText(), "Let me look.", "clock", "It is noon.")
    assert view.document(row).toPlainText().count("Let me look.") == 1


def test_the_heights_of_rows_not_laid_out_are_guessed_without_asking_qt_for_each(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: each guessed row asked Qt for the font, the viewport, the scroll bar and the
    # style again: 2,000 rows at every theme switch (47 -> 34 ms with the answers taken once).
    view = view_with(qtbot)
    asked: list[str] = []
    width_for = view._width_for
    monkeypatch.setattr(view, "_width_for", lambda kind: asked.append(kind) or width_for(kind))
    messages = [
        Message("user" if n % 2 else "assistant", f"message {n}", model="m") for n in range(2000)
    ]
    view.show_conversation(Conversation(messages=messages))
    guessed = [row for row in view.rows if row.width == -1]
    assert len(guessed) > 1900  # only those near the end are laid out
    assert len(asked) < 100  # two for the guesses of a pass, one for each row laid out
