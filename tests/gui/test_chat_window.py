"""The main window driven like a user would: type, send, watch the stream, stop, retry."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import keyring.backends.fail
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Message, Status
from providers.keys import KeyStore
from tests.gui.conftest import write_settings
from tests.gui.helpers import GUARD, action_names, branch_shown, card_colour, next_signal, settled
from tests.localserver import LocalServer, transcript

PATH = "/v1/chat/completions"
NOTHING = "openai-python_parse_nothing_e2aad469b71d.txt"
REPLY = "I'm unable to provide real-time weather updates."


def sse(*contents: str, finish: bool = True) -> bytes:
    events = [{"choices": [{"index": 0, "delta": {"content": c}}]} for c in contents]
    if finish:
        events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    body = "".join(f"data: {json.dumps(e)}\n\n" for e in events)
    return (body + ("data: [DONE]\n\n" if finish else "")).encode()


async def type_and_send(qtbot: QtBot, app: ConfabApp, text: str) -> None:
    field = app.window.composer.input
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


async def sent_and_answered(
    qtbot: QtBot, app: ConfabApp, text: str, guard: float = GUARD
) -> Message:
    """Type and send ``text``; the reply once it has finished (done, stopped or failed)."""
    finished = asyncio.ensure_future(next_signal(app.controller.message_finished, guard))
    await type_and_send(qtbot, app, text)
    (reply,) = await finished
    return reply


async def test_typing_and_sending_streams_the_reply(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, transcript(NOTHING), piece=3)
    reply = await sent_and_answered(qtbot, confab, "What's the weather in SF?")
    assert reply.status is Status.DONE
    shown = confab.window.chat_view.toPlainText()
    assert "What's the weather in SF?" in shown
    assert REPLY in shown
    assert "tokens/s" in shown
    assert confab.window.composer.input.toPlainText() == ""
    sent = server.requests[-1].json()
    assert sent["model"] == "local-model"
    assert sent["messages"] == [{"role": "user", "content": "What's the weather in SF?"}]
    saved = confab.history.load(confab.controller.conversation.id)
    assert saved is not None
    assert [m.role for m in saved.messages] == ["user", "assistant"]
    assert saved.messages[1].text.startswith(REPLY)


async def test_shift_enter_is_a_new_line(qtbot: QtBot, confab: ConfabApp) -> None:
    field = confab.window.composer.input
    qtbot.keyClicks(field, "one")
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(field, "two")
    assert field.toPlainText() == "one\ntwo"
    assert confab.controller.conversation.messages == []


async def test_stop_keeps_the_partial_reply(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("Partial ", "answer", finish=False), then="stall")
    updated = asyncio.ensure_future(next_signal(confab.controller.message_updated))
    await type_and_send(qtbot, confab, "Tell me a long story")
    await updated
    assert confab.window.composer.send_button.text() == "Stop"
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished))
    qtbot.mouseClick(confab.window.composer.send_button, Qt.MouseButton.LeftButton)
    (reply,) = await finished
    await asyncio.wait_for(server.disconnected.wait(), 10)  # the connection was closed
    assert reply.status is Status.STOPPED
    assert reply.text == "Partial answer"
    shown = confab.window.chat_view.toPlainText()
    assert "Partial answer" in shown
    assert "Stopped" in shown
    assert confab.window.composer.send_button.text() == "Send"
    saved = confab.history.load(confab.controller.conversation.id)
    assert saved is not None
    assert (saved.messages[1].status, saved.messages[1].text) == (Status.STOPPED, "Partial answer")


async def test_escape_stops(qtbot: QtBot, confab: ConfabApp, server: LocalServer) -> None:
    server.stream("POST", PATH, sse("x", finish=False), then="stall")
    updated = asyncio.ensure_future(next_signal(confab.controller.message_updated))
    await type_and_send(qtbot, confab, "hi")
    await updated
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished))
    qtbot.keyClick(confab.window.composer.input, Qt.Key.Key_Escape)
    (reply,) = await finished
    assert reply.status is Status.STOPPED


async def test_error_is_shown_inline_and_retry_works(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.reply(
        "POST",
        PATH,
        "<html><title>503 Service Unavailable</title></html>",
        status=503,
        content_type="text/html",
    )
    failed = await sent_and_answered(qtbot, confab, "hello?")
    assert failed.status is Status.FAILED
    shown = confab.window.chat_view.toPlainText()
    assert "llama.cpp server: the server is overloaded (HTTP 503): 503 Service Unavailable" in shown
    assert "Retry" in shown
    server.stream("POST", PATH, sse("Back ", "online."))
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished))
    confab.window.chat_view.anchorClicked.emit(QUrl(f"confab:retry/{failed.id}"))
    (reply,) = await finished
    assert reply.status is Status.DONE
    shown = confab.window.chat_view.toPlainText()
    assert "Back online." in shown
    assert "503" not in shown
    assert [m.role for m in confab.controller.conversation.messages] == ["user", "assistant"]


async def test_regenerate_and_edit_last(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("First."))
    await sent_and_answered(qtbot, confab, "question")
    server.stream("POST", PATH, sse("Second."))
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished))
    confab.window.regenerate_action.trigger()
    await finished
    texts = [m.text for m in confab.controller.conversation.messages]
    assert texts == ["question", "Second."]
    reply = confab.controller.conversation.messages[-1]
    assert branch_shown(confab.window.chat_view, reply.id) == "2/2"  # "First." is kept beside it
    assert action_names(confab.window.chat_view, reply.id)[0] == "Previous version"
    confab.window.edit_action.trigger()
    assert [m.text for m in confab.controller.conversation.messages] == texts  # nothing removed
    assert confab.window.composer.input.toPlainText() == "question"
    assert confab.window.composer.editing.isVisible()
    qtbot.keyClick(confab.window.composer.input, Qt.Key.Key_Escape)  # cancel: nothing changes
    assert not confab.window.composer.editing.isVisible()
    assert confab.window.composer.input.toPlainText() == ""
    assert "Second." in confab.window.chat_view.toPlainText()


async def test_model_list_loads_and_is_cached(confab: ConfabApp, server: LocalServer) -> None:
    await asyncio.gather(*confab._tasks)
    picker = confab.window.model_picker
    assert [picker.itemText(i) for i in range(picker.count())] == ["local-model", "other-model"]
    assert picker.currentText() == "local-model"
    gets = [r for r in server.requests if r.path == "/v1/models"]
    confab.window.select_provider("Ollama")
    confab.window.select_provider("LlamaCpp")
    await asyncio.gather(*confab._tasks)
    assert [r for r in server.requests if r.path == "/v1/models"] == gets
    assert picker.count() == 2


async def test_manual_model_entry(qtbot: QtBot, confab: ConfabApp, server: LocalServer) -> None:
    await asyncio.gather(*confab._tasks)
    picker = confab.window.model_picker
    picker.setEditText("my-finetune-7b")
    line = picker.lineEdit()
    assert line is not None
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert confab.controller.model == "my-finetune-7b"
    server.stream("POST", PATH, sse("ok"))
    await sent_and_answered(qtbot, confab, "hi")
    assert server.requests[-1].json()["model"] == "my-finetune-7b"


async def test_twenty_thousand_token_reply_completes(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    tokens = [f"w{n} " if (n + 1) % 200 else f"w{n}\n\n" for n in range(20_000)]
    server.stream("POST", PATH, sse(*tokens), piece=64 * 1024)
    reply = await sent_and_answered(qtbot, confab, "long please", guard=120)
    assert reply.status is Status.DONE
    assert reply.text == "".join(tokens)
    shown = confab.window.chat_view.toPlainText()
    assert "w0 w1" in shown
    assert "w19999" in shown


async def test_conversations_reopen_from_the_sidebar_and_can_be_deleted(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("Paris."))
    await sent_and_answered(qtbot, confab, "Capital of France?")
    first_id = confab.controller.conversation.id
    qtbot.keyClick(confab.window.composer.input, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert confab.controller.conversation.id != first_id
    assert "Paris." not in confab.window.chat_view.toPlainText()
    sidebar = confab.window.sidebar
    assert sidebar.list.item(0).text() == "Capital of France?"
    qtbot.mouseClick(
        sidebar.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=sidebar.list.visualItemRect(sidebar.list.item(0)).center(),
    )
    assert confab.controller.conversation.id == first_id
    assert "Paris." in confab.window.chat_view.toPlainText()
    sidebar.search.setText("nothing-matches-this")
    assert sidebar.list.count() == 0
    sidebar.search.setText("France")
    assert sidebar.list.count() == 1
    sidebar.list.setCurrentRow(0)
    sidebar.delete_action.trigger()
    assert first_id not in [c.id for c in confab.history.conversations()]
    assert confab.history.search("France") == []
    assert confab.controller.conversation.id != first_id
    assert confab.window.undo_button.isVisible()
    qtbot.mouseClick(confab.window.undo_button, Qt.MouseButton.LeftButton)
    assert [c.id for c in confab.history.search("France")] == [first_id]
    assert not confab.window.undo_button.isVisible()


async def test_model_list_is_searchable_by_any_part_of_a_name(confab: ConfabApp) -> None:
    await asyncio.gather(*confab._tasks)
    completer = confab.window.model_picker.completer()
    assert completer is not None
    completer.setCompletionPrefix("HER")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "other-model"


async def test_dark_mode_follows_the_system(confab: ConfabApp) -> None:
    from PySide6.QtGui import QGuiApplication

    from gui.core.conversation import Message
    from gui.theme import DARK, LIGHT

    message = Message("user", "hello")
    confab.controller.conversation.add(message)
    confab.window.chat_view.add_message(message)
    view = confab.window.chat_view
    assert card_colour(view, message.id) == LIGHT.user_bg
    hints = QGuiApplication.styleHints()
    # The desktop switches to dark: Qt says so with this signal (offscreen Qt has no desktop
    # to ask, so the test sends what the platform would).
    changed = asyncio.ensure_future(next_signal(view.theme_changed))
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    try:
        await changed
        assert card_colour(view, message.id) == DARK.user_bg
        assert QGuiApplication.palette().base().color().name() == DARK.page  # every widget
        assert confab.window.appearance_actions[""].isChecked()  # still following the system
    finally:
        changed = asyncio.ensure_future(next_signal(view.theme_changed))
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        await changed
    assert card_colour(view, message.id) == LIGHT.user_bg


async def test_view_appearance_dark_is_applied_and_remembered(
    confab: ConfabApp, profile: Path
) -> None:
    from PySide6.QtGui import QGuiApplication

    from gui.theme import DARK, LIGHT

    confab.window.appearance_actions["dark"].trigger()
    try:
        assert confab.window.chat_view.theme == DARK
        assert QGuiApplication.palette().window().color().name() == DARK.surface
        QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert confab.window.chat_view.theme == DARK  # a chosen theme stays
        saved = json.loads((profile / "settings.json").read_text())
        assert saved["appearance"] == "dark"
    finally:
        confab.window.appearance_actions[""].trigger()
    assert confab.window.chat_view.theme == LIGHT


async def test_a_server_without_a_default_model_gets_the_model_shown(
    qtbot: QtBot, server: LocalServer, profile: Path
) -> None:
    # llama.cpp, vLLM, LM Studio and custom endpoints have no built-in model: the request
    # carried "model": "" while the box showed the first listed one.
    server.reply("GET", "/v1/models", {"data": [{"id": "qwen2.5-7b"}, {"id": "llama-3.2-3b"}]})
    write_settings(profile, "LlamaCpp", server.url + "/v1")
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    try:
        app.window.show()
        await settled(app)
        assert app.window.model_picker.currentText() == "llama-3.2-3b"
        server.stream("POST", PATH, sse("Hi"))
        await sent_and_answered(qtbot, app, "hello")
        assert server.requests[-1].json()["model"] == "llama-3.2-3b"
    finally:
        await app.close()


async def test_enter_while_a_reply_streams_says_why(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("partial", finish=False), then="stall")
    started = asyncio.ensure_future(next_signal(confab.controller.message_updated))
    await type_and_send(qtbot, confab, "first")
    await started
    await type_and_send(qtbot, confab, "second")  # Enter did nothing, and said nothing
    composer = confab.window.composer
    assert composer.notice.text() == (
        "A reply is still coming in: press Esc to stop it, or wait for it."
    )
    assert composer.input.toPlainText() == "second"  # nothing typed is lost
    confab.controller.stop()
    await confab.controller.wait_idle()
    assert composer.notice.text() == ""  # the reason goes with the reply


async def test_a_reopened_chat_answers_with_its_own_model(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("Hi"))
    await sent_and_answered(qtbot, confab, "with local-model")
    first = confab.controller.conversation.id
    confab.controller.new_conversation()
    confab.window.model_picker.setCurrentText("other-model")
    confab.window.model_picker.model_chosen.emit("other-model")
    assert confab.controller.model == "other-model"
    confab.controller.open_conversation(first)
    assert confab.controller.model == "local-model"
    assert confab.window.model_picker.currentText() == "local-model"
    server.stream("POST", PATH, sse("Again"))
    await sent_and_answered(qtbot, confab, "still local?")
    assert server.requests[-1].json()["model"] == "local-model"


async def test_information_never_hides_a_warning(confab: ConfabApp) -> None:
    bar = confab.window.statusBar()
    confab.messages.warning("Could not save to the history file (disk full)")
    confab.messages.info("Code copied")
    assert bar.currentMessage() == "Could not save to the history file (disk full)"
    confab.messages.error("Export failed: read-only folder")
    assert bar.currentMessage() == "Export failed: read-only folder"
    bar.clearMessage()
    confab.messages.info("Saved all.json")
    assert bar.currentMessage() == "Saved all.json"
