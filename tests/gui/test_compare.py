"""Compare mode through the window: one prompt, several targets streaming into columns side by
side from real local servers, one failing without stopping the others, each with its own
Stop, and "Continue with this one" keeping every reply as a branch of the same message."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import keyring.backends.fail
from PIL import Image
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core import archive
from gui.core.conversation import Message, Status
from gui.core.history import HistoryStore
from gui.theme import LIGHT
from gui.widgets.chat_view import ChatView
from gui.widgets.compare_targets import CompareTargetsDialog
from gui.widgets.compare_view import CompareView
from providers.keys import KeyStore
from tests.gui.helpers import GUARD, action_names, next_signal, settled
from tests.gui.test_chat_window import type_and_send
from tests.localserver import LocalServer, closed_port, transcript
from tests.pdfs import text_pdf

NOTHING = "openai-python_parse_nothing_e2aad469b71d.txt"
OLLAMA = "DERIVED_ollama_api_chat_stream.ndjson"


async def open_app(profile: Path, server: LocalServer) -> ConfabApp:
    """Three OpenAI-compatible targets and Ollama, all on local addresses."""
    server.reply("GET", "/v1/models", {"data": [{"id": "local-model"}]})
    server.reply("GET", "/api/tags", {"models": []})
    dead = f"http://127.0.0.1:{await closed_port()}/v1"
    providers = {
        "LlamaCpp": {"base_url": server.url + "/v1", "model": "local-model"},
        "Groq": {"base_url": server.url + "/v1", "model": "text-only"},
        "LMStudio": {"base_url": dead, "model": "gone"},
        "Ollama": {"base_url": server.url, "model": "llama3.2:1b"},
        "Anthropic": {"base_url": server.url + "/v1", "model": "claude-test"},
    }
    profile.mkdir(parents=True, exist_ok=True)
    settings = {"provider": "LlamaCpp", "providers": providers}
    (profile / "settings.json").write_text(json.dumps(settings))
    return ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))


def reply_start() -> bytes:
    """The first events of a recorded reply: served before a stall, the reply starts and then
    nothing more comes."""
    events = transcript(NOTHING).split(b"\n\n")
    return b"\n\n".join(events[:4]) + b"\n\n"


def finished_replies(app: ConfabApp, count: int) -> asyncio.Future[list[Message]]:
    """The next ``count`` replies to finish: one slot, connected now, collects them all (they
    may finish in one turn of the loop, between two awaits)."""
    future: asyncio.Future[list[Message]] = asyncio.get_running_loop().create_future()
    replies: list[Message] = []

    def collect(reply: Message) -> None:
        replies.append(reply)
        if len(replies) == count and not future.done():
            future.set_result(replies)
            app.controller.message_finished.disconnect(collect)

    app.controller.message_finished.connect(collect)
    return asyncio.ensure_future(asyncio.wait_for(future, GUARD))


async def test_three_targets_answer_side_by_side_and_one_fails(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    server.stream("POST", "/v1/chat/completions", transcript(NOTHING), piece=5)
    app = await open_app(profile, server)
    app.window.show()
    await settled(app)
    try:
        app.start_comparing([("LlamaCpp", ""), ("LMStudio", ""), ("Ollama", "")])
        view = app.window.compare_view
        assert view.isVisible() and not app.window.chat_view.isVisible()
        server.stream("POST", "/api/chat", transcript(OLLAMA), piece=5)
        done = finished_replies(app, 3)
        await type_and_send(qtbot, app, "What's the weather in SF?")
        replies = {r.provider: r for r in await done}
        assert replies["LMStudio"].status is Status.FAILED
        assert replies["LlamaCpp"].status is Status.DONE
        assert replies["Ollama"].status is Status.DONE
        first, failed, third = view.columns
        assert "I'm unable to provide real-time weather" in first.text.toPlainText()
        assert "What's the weather in SF?" in third.text.toPlainText()  # the prompt answered
        assert action_names(third.text, replies["Ollama"].id) == ["Copy", "Copy Markdown"]
        assert "tokens/s" in first.footer.text() and "first token after" in first.footer.text()
        assert "could not connect" in failed.footer.text()
        assert not failed.keep.isEnabled() and first.keep.isEnabled()
        # One prompt, three replies beside each other; the first is on the path.
        conversation = app.controller.conversation
        prompt = conversation.messages[-2]
        assert prompt.role == "user"
        assert len(conversation.children[prompt.id]) == 3
        qtbot.mouseClick(third.keep, Qt.MouseButton.LeftButton)
        assert app.window.chat_view.isVisible() and not view.isVisible()
        assert conversation.messages[-1].id == replies["Ollama"].id
        assert "3/3" in app.window.chat_view.toPlainText()  # the branch switcher
        # The chosen target answers from now on.
        assert app.controller.provider.get_name() == "Ollama"
        assert app.controller.model == replies["Ollama"].model
        # An export has every reply, each with its model; the chosen one first.
        app.export_to(profile / "compare.md")
        written = (profile / "compare.md").read_text()
        assert written.index("## Assistant (Ollama") < written.index("### Other replies")
        assert "#### Assistant (LlamaCpp · local-model)" in written
        assert "#### Assistant (LMStudio · gone)" in written and "could not connect" in written
        app.export_to(profile / "compare.json")
        exported = json.loads((profile / "compare.json").read_text())["messages"]
        assert [a["provider"] for a in exported[-1]["alternatives"]] == ["LlamaCpp", "LMStudio"]
    finally:
        await app.close()
    reopened = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    try:
        saved = reopened.history.load(conversation.id)
        assert saved is not None
        assert saved.messages[-1].provider == "Ollama"  # the branch chosen is remembered
        assert len(saved.children[prompt.id]) == 3
        assert saved.messages[-1].model == replies["Ollama"].model  # the model that answered
        # Issue 21, item 7: the chat reopens with the model continued with, not the first one.
        assert (saved.provider, saved.model) == ("Ollama", replies["Ollama"].model)
        reopened.controller.open_conversation(conversation.id)
        assert reopened.controller.provider.get_name() == "Ollama"
        assert reopened.controller.model == replies["Ollama"].model
        archive.export_all(reopened.history, profile / "all.json")
    finally:
        await reopened.close()
    elsewhere = HistoryStore(profile.parent / "elsewhere.sqlite3")
    try:
        archive.import_file(elsewhere, profile / "all.json")
        imported = elsewhere.load(conversation.id)
        assert imported is not None
        assert (imported.provider, imported.model) == ("Ollama", replies["Ollama"].model)
    finally:
        elsewhere.close()


async def test_each_column_stops_on_its_own(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    server.stream("POST", "/v1/chat/completions", reply_start(), piece=50, then="stall")
    app = await open_app(profile, server)
    app.window.show()
    await settled(app)
    try:
        app.start_comparing([("LlamaCpp", ""), ("Ollama", "")])
        server.stream("POST", "/api/chat", transcript(OLLAMA), piece=5)
        ollama_done = finished_replies(app, 1)
        await type_and_send(qtbot, app, "hi")
        (first_done,) = await ollama_done  # Ollama ends; llama.cpp stalls mid-reply
        assert first_done.provider == "Ollama"
        stalled, _ollama = app.window.compare_view.columns
        assert stalled.reply is not None
        while not stalled.reply.text:  # its first events may come after Ollama's end
            await next_signal(app.controller.message_updated)
        assert stalled.stop.isEnabled()
        stopped = finished_replies(app, 1)
        qtbot.mouseClick(stalled.stop, Qt.MouseButton.LeftButton)
        (reply,) = await stopped
        assert reply.provider == "LlamaCpp" and reply.status is Status.STOPPED
        assert reply.text  # what had arrived is kept
        assert "Stopped" in stalled.footer.text()
    finally:
        await app.close()


async def test_images_go_only_to_targets_that_read_them(
    qtbot: QtBot, profile: Path, server: LocalServer, tmp_path: Path
) -> None:
    server.stream("POST", "/v1/chat/completions", transcript(NOTHING), piece=50)
    picture = tmp_path / "cat.png"
    Image.new("RGB", (40, 30), "teal").save(picture)
    app = await open_app(profile, server)
    app.window.show()
    await settled(app)
    try:
        app.start_comparing([("LlamaCpp", ""), ("Groq", "")])
        notes = [c.note.text() for c in app.window.compare_view.columns]
        assert notes[0] == "" and "Cannot read images" in notes[1]  # said before sending
        composer = app.window.composer
        composer.attach_urls([QUrl.fromLocalFile(str(picture))])
        await composer.wait_attachments()
        done = finished_replies(app, 2)
        await type_and_send(qtbot, app, "What is this?")
        await done
        sent = {
            r.json()["model"]: r.json()["messages"][-1]
            for r in server.requests
            if r.method == "POST"
        }
        assert isinstance(sent["local-model"]["content"], list)  # text and the image
        assert sent["text-only"]["content"] == "What is this?"  # the text only
    finally:
        await app.close()


async def test_a_pdf_goes_to_every_target_in_the_form_it_takes(
    qtbot: QtBot, profile: Path, server: LocalServer, tmp_path: Path
) -> None:
    server.stream("POST", "/v1/chat/completions", transcript(NOTHING), piece=50)
    server.stream("POST", "/v1/messages", transcript("anthropic-sdk-python_basic_response.txt"))
    report = tmp_path / "report.pdf"
    report.write_bytes(text_pdf(["Revenue grew 12%."]))
    app = await open_app(profile, server)
    app.window.show()
    await settled(app)
    try:
        app.start_comparing([("LlamaCpp", ""), ("Anthropic", "")])
        composer = app.window.composer
        composer.attach_urls([QUrl.fromLocalFile(str(report))])
        await composer.wait_attachments()
        done = finished_replies(app, 2)
        await type_and_send(qtbot, app, "Sum up")
        await done
        sent = {r.path: r.json()["messages"][-1] for r in server.requests if r.method == "POST"}
        as_text = sent["/v1/chat/completions"]["content"]
        assert as_text.startswith("report.pdf (1 page)\n\n--- page 1 ---\nRevenue grew 12%.")
        [document, question] = sent["/v1/messages"]["content"]
        assert document["type"] == "document" and document["title"] == "report.pdf"
        assert question == {"type": "text", "text": "Sum up"}
    finally:
        await app.close()


async def test_ctrl_shift_m_picks_targets_and_ok_starts_comparing(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    app = await open_app(profile, server)
    app.window.show()
    await settled(app)
    try:
        app.window.composer.input.setFocus()
        qtbot.keyClick(
            app.window.composer.input,
            Qt.Key.Key_M,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        dialog = app.window.findChild(CompareTargetsDialog)
        assert dialog is not None and dialog.isVisible()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # one target (the current one) is not a comparison
        use, box, _model = dialog.rows[1]
        box.setCurrentIndex(box.findData("Ollama"))
        use.setChecked(True)
        assert ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        labels = [c.title.text() for c in app.window.compare_view.columns]
        assert labels == ["llama.cpp server · local-model", "Ollama · llama3.2:1b"]
        qtbot.mouseClick(app.window.compare_view.back, Qt.MouseButton.LeftButton)
        assert app.window.chat_view.isVisible() and not app.comparing
    finally:
        await app.close()


async def test_the_target_dialog_offers_each_providers_model_list(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    # Issue 21, item 6: the model fields were plain text, without the lists the toolbar has.
    app = await open_app(profile, server)
    server.reply("GET", "/api/tags", json.loads(transcript("ollama_api_tags.json")))
    await settled(app)
    try:
        dialog = app.open_compare()
        await asyncio.gather(*dialog._loading)
        _use, _box, first = dialog.rows[0]
        assert [m.id for m in first.models] == ["local-model"]
        assert first.currentText() == "local-model"
        _use, box, second = dialog.rows[1]
        box.setCurrentIndex(box.findData("Ollama"))
        await asyncio.gather(*dialog._loading)
        assert [m.id for m in second.models] == ["deepseek-r1:latest", "llama3.2:latest"]
        second.setCurrentText("llama3.2:latest")
        assert dialog.choices() == [("LlamaCpp", "local-model"), ("Ollama", "llama3.2:latest")]
        dialog.reject()
    finally:
        await app.close()


async def test_back_to_the_conversation_while_replies_stream(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    server.stream("POST", "/v1/chat/completions", reply_start(), then="stall")
    app = await open_app(profile, server)
    app.window.show()
    await settled(app)
    try:
        app.start_comparing([("LlamaCpp", ""), ("Groq", "")])
        updated = asyncio.ensure_future(next_signal(app.controller.message_updated))
        await type_and_send(qtbot, app, "hi")
        await updated
        qtbot.mouseClick(app.window.compare_view.back, Qt.MouseButton.LeftButton)
        view = app.window.chat_view
        assert view.isVisible()
        first = app.controller.conversation.messages[-1]
        assert first.provider == "LlamaCpp" and first.text in view.toPlainText()
        both = finished_replies(app, 2)
        qtbot.keyClick(app.window.composer.input, Qt.Key.Key_Escape)  # stops both
        replies = await both
        assert {r.status for r in replies} == {Status.STOPPED}
        assert first.text and first.text in view.toPlainText()
    finally:
        await app.close()


def one_column(qtbot: QtBot) -> tuple[CompareView, Message]:
    """A comparison of one target, its reply streaming."""
    view = CompareView(LIGHT)
    qtbot.addWidget(view)
    view.set_targets(["A"], [""])
    reply = Message("assistant", status=Status.STREAMING, model="m")
    view.start([reply], Message("user", "Show me code"))
    return view, reply


def test_a_column_appends_an_open_code_block_instead_of_writing_it_again(qtbot: QtBot) -> None:
    # Before: the open block's lines were part of the plain tail, written again on every
    # update: a long block cost more with each line (a 1 MB block, quadratically).
    view, reply = one_column(qtbot)
    (column,) = view.columns
    row = column.text.row(reply.id)
    assert row is not None
    written: list[int] = []
    column.text.document(row).contentsChange.connect(lambda _at, _out, added: written.append(added))
    reply.text = "Code:\n\n```python\n"
    for n in range(300):
        reply.text += f"value_{n} = {n}\n"
        written.clear()
        view.update_reply(reply)
        assert sum(written) < 100  # the new line, not the block so far
    reply.text += "```\n\nDone."
    reply.status = Status.DONE
    view.finish(reply)
    shown = column.text.toPlainText()
    assert shown.count("value_") == 300 and "Done." in shown
    assert "```" not in shown


def test_a_column_whose_reply_ends_inside_a_code_block_shows_all_of_it(qtbot: QtBot) -> None:
    view, reply = one_column(qtbot)
    reply.text = "```python\nfirst = 1\n"
    view.update_reply(reply)
    reply.text += "second = 2"
    reply.status = Status.STOPPED
    view.finish(reply)
    (column,) = view.columns
    lines = column.text.toPlainText().split("\n")
    assert lines.index("second = 2") == lines.index("first = 1") + 1


def test_a_column_renders_markdown_as_the_conversation_does(qtbot: QtBot) -> None:
    # Issue 21, item 6: a fence after a list came out as a third list item "3. python", the
    # code and an empty grey bar; code blocks had no Copy; nothing between table and formula.
    text = (
        "Steps:\n\n1. one\n2. two\n\n```python\nprint('hi')\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n$$x^2$$\n\nDone.\n"
    )
    view, reply = one_column(qtbot)
    (column,) = view.columns
    conversation = ChatView(LIGHT)
    qtbot.addWidget(conversation)
    same = Message("assistant", status=Status.STREAMING, model="m", id=reply.id)
    same.started = reply.started
    conversation.add_message(same)
    for end in range(0, len(text) + 7, 7):
        reply.text = same.text = text[:end]
        view.update_reply(reply)
        conversation.update_live(same)
    reply.status = same.status = Status.DONE
    view.finish(reply)
    conversation.finish_message(same)
    row, same_row = column.text.row(reply.id), conversation.row(reply.id)
    assert row is not None and same_row is not None
    body = column.text.document(row).toPlainText()
    assert "3. python" not in body and "print('hi')" in body
    assert "Copy" in body.split("print('hi')")[0]  # the block's header has Copy
    shown, in_chat = (
        v.document(r).toHtml() for v, r in ((column.text, row), (conversation, same_row))
    )
    actions = "confab:copytext/"  # the action rows differ: a column has only Copy
    assert shown[: shown.index(actions)] == in_chat[: in_chat.index(actions)]
