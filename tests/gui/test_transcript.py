"""The transcript as a user meets it: streaming cost, lists, math, wide tables, the keyboard,
the action row, the welcome card and scrolling back through a long chat."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest
from pygments.token import Keyword
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from gui import math_render
from gui.app import ConfabApp
from gui.core.conversation import Conversation, Message, Status
from gui.core.history import PAGE
from gui.core.markdown_tail import MAX_TAIL
from gui.render import FOLD_LINES, TABLE_COLUMNS, Renderer
from gui.widgets import chat_view
from gui.widgets.chat_view import ChatView
from gui.widgets.message_list import Row
from tests.gui.helpers import action_names, next_signal
from tests.gui.test_chat_view import render_sizes, view_with

REPLY = (
    "Intro paragraph with **bold** text.\n\n"
    + "".join(
        f"## Part {n}\n\nSome words about part {n}.\n\n```python\nprint({n})\n```\n\n"
        for n in range(200)
    )
    + "The end.\n"
)


def streamed(view: ChatView, text: str, step: int) -> Message:
    """Stream ``text`` into the view ``step`` characters an update, then finish it."""
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    for end in range(step, len(text) + step, step):
        message.text = text[:end]
        view.update_live(message)
    message.status = Status.DONE
    view.finish_message(message)
    return message


def test_a_streamed_reply_is_rendered_piece_by_piece_and_never_whole(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: finishing rendered the whole reply (Markdown and Pygments) in one go, and the
    # tail of an open code block was rendered again from its start on every update.
    view = view_with(qtbot)
    calls = render_sizes(view, monkeypatch)
    message = streamed(view, REPLY, step=40)
    assert max(calls) <= MAX_TAIL
    assert sum(calls) < 4 * len(REPLY)  # each piece once, plus a short tail each update
    shown = view.toPlainText()
    assert shown.count("print(") == 200 and "The end." in shown
    assert action_names(view, message.id) == ["Copy", "Copy Markdown", "Regenerate", "Delete"]
    assert message.text == REPLY


async def test_a_reply_that_arrives_faster_than_it_renders_is_shown_in_steps(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: one update rendered everything that had arrived, however much: a stream at
    # loopback speed handed the view 100 KB at once and froze the window for its render.
    monkeypatch.setattr(chat_view, "STEP_SECONDS", 0.0)  # a step renders one piece
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    message.text = REPLY
    view.update_live(message)
    row = view.row(message.id)
    assert row is not None
    assert view.document(row).toPlainText().count("print(") < 5
    turns = 0

    def turn() -> None:  # the event loop's other work runs between steps
        nonlocal turns
        turns += 1
        if view.document(row).toPlainText().count("print(") < 200:
            QTimer.singleShot(0, turn)

    QTimer.singleShot(0, turn)
    shown = asyncio.ensure_future(next_signal(view.reply_shown))
    message.status = Status.DONE
    view.finish_message(message)
    assert not shown.done()  # finishing waits for the steps to catch up
    assert await shown == (message.id,)
    assert turns > 100
    text = view.document(row).toPlainText()
    assert text.count("print(") == 200 and "The end." in text
    assert action_names(view, message.id) == ["Copy", "Copy Markdown", "Regenerate", "Delete"]


@pytest.mark.parametrize("frame", [3600.0, 0.0], ids=["a frame never due", "no frame"])
async def test_a_view_behind_its_stream_shows_what_changed_at_most_once_a_frame(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, frame: float
) -> None:
    # Before: each step (5 ms of rendering) was measured and painted at once: while a fast
    # stream was caught up with, a third of the window's time went to paints no screen shows.
    monkeypatch.setattr(chat_view, "STEP_SECONDS", 0.0)  # a step renders one piece
    monkeypatch.setattr(chat_view, "FRAME_SECONDS", frame)
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    steps = count_calls(monkeypatch, view, "_step")
    shows = count_calls(monkeypatch, view, "changed")
    message.text = REPLY
    view.update_live(message)
    shown = asyncio.ensure_future(next_signal(view.reply_shown))
    message.status = Status.DONE
    view.finish_message(message)
    assert await shown == (message.id,)
    assert len(steps) > 100
    # With a frame that never falls due, only the last step: it shows all since the card came.
    assert len(shows) == (1 if frame else len(steps))
    row = view.row(message.id)
    assert row is not None
    assert view.document(row).toPlainText().count("print(") == 200


def count_calls(monkeypatch: pytest.MonkeyPatch, view: ChatView, name: str) -> list[None]:
    """A list that grows by one at each call of ``view``'s method ``name``."""
    calls: list[None] = []
    original = getattr(view, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(None)
        return original(*args, **kwargs)

    monkeypatch.setattr(view, name, counted)
    return calls


def test_a_new_reply_first_shows_the_one_still_catching_up_whole(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chat_view, "STEP_SECONDS", 0.0)
    view = view_with(qtbot)
    first = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(first)
    first.text, first.status = REPLY, Status.DONE
    view.finish_message(first)
    second = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(second)
    row = view.row(first.id)
    assert row is not None
    text = view.document(row).toPlainText()
    assert text.count("print(") == 200 and action_names(view, first.id) == [
        "Copy",
        "Copy Markdown",
        "Regenerate",
        "Delete",
    ]


def test_finishing_a_reply_leaves_the_top_of_its_card_alone(qtbot: QtBot) -> None:
    # Before: finishing wrote the header again, and an edit at the top of a card makes Qt
    # lay all of it out again: 0.2 s for a 1 MB code block, in one go.
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    message.text = "```\n" + "x = 1\n" * 10_000  # too long to highlight: stays as it streamed
    view.update_live(message)
    row = view.row(message.id)
    assert row is not None
    edits: list[int] = []
    view.document(row).contentsChange.connect(lambda at, _removed, _added: edits.append(at))
    message.text += "```\n"
    message.status = Status.DONE
    view.finish_message(message)
    assert edits and min(edits) > FOLD_LINES * len("x = 1\n")  # after the lines shown


SAMPLE = (
    "# Heading one\n\nSome text with *emphasis*, `code` and a list:\n\n- item one goes on\n"
    "- item two\n\n1. first\n2. second is longer\n\n> quoted words here\n\n"
    "End &amp; more words; done. A [link](https://example.com) and $x^2$ too.\n\n"
    "```python\ndef f(x):\n    return x * 2\n```\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\nLast words.\n"
)


def live_cards(view: ChatView, text: str, seed: int) -> list[str]:
    """The live card's rich text after each update, streaming ``text`` in random steps."""
    rng = random.Random(seed)
    # One start time for every run: the card's header shows it, and two runs either side of
    # a minute's turn would differ there.
    message = Message("assistant", status=Status.STREAMING, model="m", started=1_700_000_000)
    view.add_message(message)
    row = view.row(message.id)
    assert row is not None
    cards, end = [], 0
    while end < len(text):
        end = min(len(text), end + rng.randint(1, 7))
        message.text = text[:end]
        view.update_live(message)
        cards.append(view.document(row).toHtml().replace(message.id, "ID"))
    return cards


def test_words_appended_to_the_tail_show_as_rendering_it_again_would(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SAMPLE + REPLY[:3000]
    for seed in range(3):
        fast = live_cards(view_with(qtbot), text, seed)
        with monkeypatch.context() as patch:
            patch.setattr(chat_view, "plain_extension", lambda _shown, _tail: None)
            slow = live_cards(view_with(qtbot), text, seed)
        assert fast == slow


def test_plain_words_are_appended_without_rendering_the_tail_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: every update rendered the tail again (Markdown to HTML, Qt's HTML parser), the
    # most of what an update cost at a reading pace.
    view = view_with(qtbot)
    message = Message("assistant", "A paragraph", status=Status.STREAMING, model="m")
    view.add_message(message)
    rendered = render_sizes(view, monkeypatch)
    for word in ("that", "goes", "on,", "word", "after", "word,", "at", "a", "reading", "pace"):
        message.text += " " + word
        view.update_live(message)
    assert rendered == []
    assert "A paragraph that goes on, word after word, at a reading pace" in view.toPlainText()
    message.text += " and then **bold**"
    view.update_live(message)
    assert len(rendered) == 1  # a delimiter: rendered again


def test_a_huge_code_block_streams_folded_as_a_reopened_chat_shows_it(qtbot: QtBot) -> None:
    # Before: every line of a streaming code block went into the card (19,000 lines of a
    # 1 MB block laid out while streaming), though the reopened chat shows FOLD_LINES of them.
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    text = "Here:\n\n```\n" + "".join(f"line {n}\n" for n in range(2000))
    for end in range(500, len(text) + 500, 500):
        message.text = text[:end]
        view.update_live(message)
    row = view.row(message.id)
    assert row is not None
    shown = view.document(row).toPlainText()
    assert f"line {FOLD_LINES - 1}\n" in shown and f"line {FOLD_LINES}\n" not in shown
    more = QLocale().toString(2000 - FOLD_LINES)
    assert shown.endswith(f"… {more} more lines")
    message.text += "```\n\nDone."
    message.status = Status.DONE
    view.finish_message(message)
    shown = view.document(row).toPlainText()
    total = QLocale().toString(2000)
    assert f"Show all {total} lines\nDone." in shown  # as a reopened chat offers it
    assert shown.count("line ") == FOLD_LINES


def test_a_code_block_highlighted_when_it_closes_is_painted_again_whole(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: only what followed the tail's start was painted again, so the top of a block
    # highlighted on closing kept its plain, streamed pixels on screen.
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    message.text = "Intro\n\n```python\nx = 1\ny = 2\n"
    view.update_live(message)
    painted_from: list[float] = []
    changed = view.changed

    def record(row: Row, follow: bool, from_y: float = 0.0, text_from: float | None = None) -> None:
        painted_from.append(from_y)
        changed(row, follow, from_y, text_from)

    monkeypatch.setattr(view, "changed", record)
    message.text += "```\n\nAfter"
    view.update_live(message)
    row = view.row(message.id)
    assert row is not None
    doc = view.document(row)
    code_top = doc.documentLayout().blockBoundingRect(doc.find("x = 1").block()).y()
    assert painted_from and painted_from[-1] <= code_top


async def test_a_closed_code_block_is_coloured_in_place_a_few_tokens_a_step(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: closing a block highlighted all of it in one go and put the result in its
    # place: 23 ms for an 8 KB block, 53 ms for 20 KB, in one turn of the event loop.
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    message.text = "```python\n" + "".join(f"def f{n}(x):\n    return x\n" for n in range(150))
    view.update_live(message)
    row = view.row(message.id)
    assert row is not None
    doc = view.document(row)
    keyword = "#" + view.renderer.token_style(Keyword)["color"].lower()

    def colour_of(text: str) -> str:  # of the first character of ``text``
        cursor = QTextCursor(doc)
        cursor.setPosition(doc.find(text).selectionStart() + 1)
        return str(cursor.charFormat().foreground().color().name())

    monkeypatch.setattr(chat_view, "STEP_SECONDS", 0.0)  # a step: one piece, or 64 tokens
    message.text += "```\n\nDone."
    view.update_live(message)
    assert colour_of("def f0(") != keyword  # closing it did not colour it all in one go
    seen: list[tuple[bool, bool]] = []  # first and last line coloured, between steps

    def turn() -> None:
        seen.append((colour_of("def f0(") == keyword, colour_of("def f149(") == keyword))
        if not shown.done():
            QTimer.singleShot(0, turn)

    shown = asyncio.ensure_future(next_signal(view.reply_shown))
    QTimer.singleShot(0, turn)
    message.status = Status.DONE
    view.finish_message(message)
    await shown
    assert (True, False) in seen  # coloured from the top, the rest in later steps
    assert colour_of("def f149(") == keyword
    assert doc.toPlainText().count("def f") == 150
    assert action_names(view, message.id) == ["Copy", "Copy Markdown", "Regenerate", "Delete"]


async def test_a_step_still_due_when_the_view_goes_is_dropped(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: the next step was a bare callable, run after the view was deleted (at close):
    # "Internal C++ object (ChatView) already deleted" in the event loop.
    monkeypatch.setattr(chat_view, "STEP_SECONDS", 0.0)
    view = ChatView(Renderer().theme)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.show_conversation(Conversation(messages=[message]))
    message.text = REPLY
    view.update_live(message)  # the rest is due in the next turns
    gone = asyncio.ensure_future(next_signal(view.destroyed))
    view.deleteLater()
    await gone
    after = asyncio.get_running_loop().create_future()
    QTimer.singleShot(0, lambda: after.set_result(None))  # runs after the step was due
    await after


def list_numbers(doc: QTextDocument) -> list[str]:
    numbers = []
    block = doc.begin()
    while block.isValid():
        if block.textList() is not None:
            numbers.append(block.textList().itemText(block))
        block = block.next()
    return numbers


def test_a_numbered_list_streams_with_its_numbers(qtbot: QtBot) -> None:
    # Before: each item of a loose list was its own list while streaming: "1." three times.
    view = view_with(qtbot)
    message = Message("assistant", status=Status.STREAMING, model="m")
    view.add_message(message)
    text = "Steps:\n\n1. first\n\n2. second\n\n3. third\n\nDone.\n"
    for end in range(1, len(text) + 1):
        message.text = text[:end]
        view.update_live(message)
    row = view.row(message.id)
    assert row is not None
    assert list_numbers(view.document(row)) == ["1.", "2.", "3."]


def test_math_is_typeset_and_money_stays_money() -> None:
    math_render.load()
    markup = Renderer().render("Euler: $e^{i\\pi} + 1 = 0$, and it costs $5 or $6.")
    doc = QTextDocument()
    doc.setHtml(markup)
    assert markup.count('<img src="math:') == 1  # the formula, as a picture
    assert "$5 or $6" in doc.toPlainText()  # money stays money


def test_a_table_too_wide_to_lay_out_shows_as_its_source() -> None:
    columns = TABLE_COLUMNS + 1
    table = (
        "| " + " | ".join(f"c{n}" for n in range(columns)) + " |\n"
        "|" + "---|" * columns + "\n"
        "| " + " | ".join(str(n) for n in range(columns)) + " |\n"
    )
    assert "<table" not in Renderer().render(table)
    assert "<pre" in Renderer().render(table)
    narrow = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert "<table" in Renderer().render(narrow)


def tab_through(qtbot: QtBot, view: ChatView) -> list[str]:
    """Tab from the message in focus until focus leaves it: the verbs of the links reached."""
    reached = []
    for _ in range(12):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        if not view.focused_link():  # past the last link: focus moves on
            break
        reached.append(view.focused_link().split(":", 1)[1].split("/", 1)[0])
    return reached


def test_the_keyboard_reaches_every_action_and_enter_acts(qtbot: QtBot) -> None:
    # Issue 21, item 10: the conversation is one Tab stop; arrows pick a message, Tab walks
    # that message's actions. Before, Tab and Shift+Tab walked every link of every message.
    message = Message("assistant", "**Hello** there", model="m")
    prompt = Message("user", "hi")
    view = view_with(qtbot, prompt, message)
    view.show()
    view.setFocus()
    assert view.current_row() is not None and view.current_row().key == message.id  # newest
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.current_row().key == prompt.id
    assert tab_through(qtbot, view) == ["copytext", "edit", "delete"]  # its card, then out
    qtbot.keyClick(view, Qt.Key.Key_Down)
    reached = tab_through(qtbot, view)
    assert {"copytext", "copymd", "retry", "delete"} <= set(reached)
    assert "edit" not in reached  # only the focused message's actions
    while view.focused_link() != f"confab:copymd/{message.id}":
        view.focusNextPrevChild(True)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "**Hello** there"
    view.focusNextPrevChild(False)  # back to Copy: the text as shown, without Markdown
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "Hello there"
    assert view.focusNextPrevChild(False) and view.focused_link() == ""  # on the message
    QGuiApplication.clipboard().clear()


async def test_scrolling_to_the_top_loads_earlier_messages_in_place(
    qtbot: QtBot, confab: ConfabApp
) -> None:
    chat = Conversation(title="long")
    for n in range(PAGE * 2 + 10):
        confab.history.save_message(chat, chat.add(Message("user", f"message {n}\n" * 3)))
    confab.controller.open_conversation(chat.id)
    view = confab.window.chat_view
    assert len(view.rows) == PAGE + 1  # a page, and the row that loads more
    bar = view.verticalScrollBar()
    first = confab.controller.conversation.messages[0]
    loaded = asyncio.ensure_future(next_signal(view.earlier_requested))
    bar.setValue(0)
    await loaded
    await asyncio.sleep(0)
    assert len(confab.controller.conversation.messages) == 2 * PAGE
    index = view.index_of(first.id)
    assert index is not None and index > PAGE - 10
    assert bar.value() > 0  # the message the user was reading stayed on screen
    assert abs(view._card(index).y()) < view.viewport().height()
