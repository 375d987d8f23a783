"""The conversation tree through the window: regenerate, edit, retry, delete and switch branches,
each addressed by message id; nothing is lost and the shown path is remembered."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Message, Status
from tests.gui.helpers import branch_shown, next_signal
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.localserver import LocalServer


def shown(app: ConfabApp) -> str:
    """The transcript's text, its no-break spaces (around the branch arrows) as spaces."""
    return app.window.chat_view.toPlainText().replace("\xa0", " ")


def texts(app: ConfabApp) -> list[str]:
    return [m.text for m in app.controller.conversation.messages]


async def click(app: ConfabApp, link: str) -> Message:
    """Click a ``confab:`` link in the transcript; the reply it starts, once finished."""
    finished = asyncio.ensure_future(next_signal(app.controller.message_finished))
    app.window.chat_view.anchorClicked.emit(QUrl(f"confab:{link}"))
    (reply,) = await finished
    return reply


async def test_retry_on_an_older_failed_reply_asks_again_for_that_one(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.reply("POST", PATH, {"error": {"message": "model is loading"}}, status=503)
    failed = await sent_and_answered(qtbot, confab, "first question")
    assert failed.status is Status.FAILED
    server.stream("POST", PATH, sse("Second answer."))
    await sent_and_answered(qtbot, confab, "second question")
    server.stream("POST", PATH, sse("First answer, at last."))
    retried = await click(confab, f"retry/{failed.id}")
    assert server.requests[-1].json()["messages"] == [{"role": "user", "content": "first question"}]
    assert retried.parent_id == failed.parent_id
    assert texts(confab) == ["first question", "First answer, at last."]
    # The later turn lives on in the other branch, and can be shown again.
    confab.window.chat_view.anchorClicked.emit(QUrl(f"confab:branch/{retried.id}/-1"))
    assert texts(confab)[1:] == ["", "second question", "Second answer."]


async def test_regenerate_keeps_every_reply_and_the_choice_survives_a_restart(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("Red."))
    first = await sent_and_answered(qtbot, confab, "A colour?")
    server.stream("POST", PATH, sse("Blue."))
    second = await click(confab, f"retry/{first.id}")
    assert branch_shown(confab.window.chat_view, second.id) == "2/2"
    assert "Blue." in shown(confab) and "Red." not in shown(confab)
    confab.window.chat_view.anchorClicked.emit(QUrl(f"confab:branch/{second.id}/-1"))
    assert texts(confab) == ["A colour?", "Red."]
    assert branch_shown(confab.window.chat_view, first.id) == "1/2"
    conversation_id = confab.controller.conversation.id
    stored = confab.history.load(conversation_id)
    assert stored is not None and [m.text for m in stored.messages] == ["A colour?", "Red."]
    assert stored.siblings(first.id) == [first.id, second.id]


async def test_editing_an_older_message_branches_and_the_original_stays(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("Four."))
    await sent_and_answered(qtbot, confab, "2+2?")
    server.stream("POST", PATH, sse("Six."))
    await sent_and_answered(qtbot, confab, "3+3?")
    question = confab.controller.conversation.messages[0]
    confab.window.chat_view.anchorClicked.emit(QUrl(f"confab:edit/{question.id}"))
    field = confab.window.composer.input
    assert field.toPlainText() == "2+2?"
    field.selectAll()
    qtbot.keyClicks(field, "2+3?")
    server.stream("POST", PATH, sse("Five."))
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished))
    qtbot.keyClick(field, Qt.Key.Key_Return)
    await finished
    assert server.requests[-1].json()["messages"] == [{"role": "user", "content": "2+3?"}]
    assert texts(confab) == ["2+3?", "Five."]
    edited = confab.controller.conversation.messages[0]
    assert edited.parent_id is None and edited.id != question.id
    confab.window.chat_view.anchorClicked.emit(QUrl(f"confab:branch/{edited.id}/-1"))
    assert texts(confab) == ["2+2?", "Four.", "3+3?", "Six."]  # down to the newest reply


async def test_delete_removes_a_message_and_what_followed_it_only(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("One."))
    await sent_and_answered(qtbot, confab, "first")
    server.stream("POST", PATH, sse("Two."))
    await sent_and_answered(qtbot, confab, "second")
    second = confab.controller.conversation.messages[2]
    confab.window.chat_view.anchorClicked.emit(QUrl(f"confab:delete/{second.id}"))
    assert texts(confab) == ["first", "One."]
    stored = confab.history.load(confab.controller.conversation.id)
    assert stored is not None and [m.text for m in stored.messages] == ["first", "One."]
    assert len(stored.parent_of) == 2


async def test_a_deleted_message_comes_back_with_undo_where_it_was(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    # Issue 21, item 5: deleting a message had no Undo (deleting a chat had).
    server.stream("POST", PATH, sse("Red."))
    first = await sent_and_answered(qtbot, confab, "A colour?")
    server.stream("POST", PATH, sse("Blue, with a long explanation."))
    second = await click(confab, f"retry/{first.id}")
    server.stream("POST", PATH, sse("Green."))
    third = await click(confab, f"retry/{second.id}")
    window, conversation = confab.window, confab.controller.conversation
    confab.window.chat_view.anchorClicked.emit(QUrl(f"confab:branch/{third.id}/-1"))
    assert texts(confab) == ["A colour?", "Blue, with a long explanation."]
    window.chat_view.anchorClicked.emit(QUrl(f"confab:delete/{second.id}"))
    assert "Blue" not in shown(confab) and branch_shown(window.chat_view, third.id) == "2/2"
    assert window.undo_button.isVisible() and window.statusBar().currentMessage() == (
        "Deleted 1 message."
    )
    window.undo_action.trigger()  # Ctrl+Z, while the Undo is offered
    assert texts(confab) == ["A colour?", "Blue, with a long explanation."]
    assert conversation.siblings(first.id) == [first.id, second.id, third.id]  # its place
    assert branch_shown(window.chat_view, second.id) == "2/3" and not window.undo_action.isEnabled()
    stored = confab.history.load(conversation.id)
    assert stored is not None and [m.text for m in stored.messages] == texts(confab)
    assert stored.siblings(first.id) == [first.id, second.id, third.id]
    assert [c.id for c in confab.history.search("explanation")] == [conversation.id]
    # The whole chat's first message, and so everything: back by the Undo button.
    question = conversation.messages[0]
    window.chat_view.anchorClicked.emit(QUrl(f"confab:delete/{question.id}"))
    assert texts(confab) == [] and window.statusBar().currentMessage() == "Deleted 4 messages."
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert texts(confab) == ["A colour?", "Blue, with a long explanation."]
    assert len(confab.controller.conversation.parent_of) == 4


async def test_a_long_conversation_opens_at_its_last_page_and_sends_all_of_it(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    from gui.core.conversation import Conversation
    from gui.core.history import PAGE

    conversation = Conversation(title="Long one")
    for n in range(PAGE + 30):
        message = conversation.add(Message("user" if n % 2 == 0 else "assistant", f"number {n}"))
        confab.history.save_message(conversation, message)
    confab.controller.open_conversation(conversation.id)
    loaded = confab.controller.conversation
    assert len(loaded.messages) == PAGE and len(loaded.earlier) == 30
    assert "Show earlier messages (30)" in shown(confab)
    assert "number 29" not in shown(confab) and f"number {PAGE + 29}" in shown(confab)
    confab.window.chat_view.anchorClicked.emit(QUrl("confab:earlier/"))
    assert "number 0" in shown(confab) and "Show earlier" not in shown(confab)
    confab.controller.open_conversation(conversation.id)  # a page again, then a new turn
    server.stream("POST", PATH, sse("ok"))
    await sent_and_answered(qtbot, confab, "and now?")
    sent = server.requests[-1].json()["messages"]
    assert len(sent) == PAGE + 31 and sent[0]["content"] == "number 0"
