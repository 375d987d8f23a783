"""Tools in the window: the kit MCP server (tests/mcp/kit_server.py) run from the settings, a
local OpenAI-compatible server that calls a tool (the recorded openai-python tool-call stream),
the approval bar, the reply's tool cards, and what is kept."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Message, Status
from gui.core.history import HistoryStore
from gui.tools_host import OFF_IN_THIS_CHAT, ChatTools
from providers.chunks import ToolCall
from providers.keys import KeyStore
from tests.gui.conftest import local_confab
from tests.gui.helpers import next_signal, settled
from tests.gui.test_chat_window import NOTHING, PATH, REPLY, type_and_send
from tests.localserver import LocalServer, openai_tool_call, transcript
from tests.providers.test_keys import secret_service  # noqa: F401 - a fixture

pytest.importorskip("mcp")

KIT = str(Path(__file__).parents[1] / "mcp" / "kit_server.py")
SERVERS = {"kit": {"command": sys.executable, "args": [KIT, "stdio"]}}


async def ready(app: ConfabApp) -> None:
    """Wait until the servers in the settings run and list their tools."""
    while not app.tools.has_tools():
        await next_signal(app.tools.changed)


@contextlib.asynccontextmanager
async def tooled_app(server: LocalServer, profile: Path) -> AsyncIterator[ConfabApp]:
    """The app with the kit server running. Not an async fixture: pytest-asyncio runs a
    fixture's setup in a run of the loop of its own, and the stdio pipes the SDK opened there
    closed when that run ended (a test harness matter: the app's loop runs without a break)."""
    app = local_confab(profile, server, mcp_servers=SERVERS)
    app.window.show()
    await ready(app)
    try:
        yield app
    finally:
        await app.close()


def model_calls_add(server: LocalServer, *then: bytes) -> None:
    """The model asks for add(2, 3), then answers with the recorded plain reply."""
    server.stream_in_turn(
        "POST",
        PATH,
        [openai_tool_call("add", {"a": 2, "b": 3}), transcript(NOTHING), *then],
    )


async def asked_about_add(qtbot: QtBot, app: ConfabApp) -> asyncio.Future[tuple[Any, ...]]:
    """Send the prompt and wait until its call is asked about; the future of the finished
    reply (as ``next_signal`` gives it)."""
    finished = asyncio.ensure_future(next_signal(app.controller.message_finished))
    asked = next_signal(app.window.approval.asked)
    await type_and_send(qtbot, app, "What is 2 + 3?")
    await asked
    return finished


async def send_and_answer(qtbot: QtBot, app: ConfabApp, answer: str) -> object:
    """Send a prompt, answer the approval bar with ``answer``, return the finished reply."""
    finished = await asked_about_add(qtbot, app)
    bar = app.window.approval
    assert bar.isVisible()
    assert bar.title.text() == "Run add from the kit server?"  # the chat on screen: unnamed
    assert json.loads(bar.arguments.toPlainText()) == {"a": 2, "b": 3}
    assert bar.allow.hasFocus()  # Enter allows once; every button is a tab stop
    view = app.window.chat_view
    live = app.controller.conversation.messages[-1]
    assert "add kit · waiting for your approval" in view.document(view.row(live.id)).toPlainText()
    {"allow": bar.allow, "always": bar.always, "deny": bar.deny}[answer].click()
    (reply,) = await finished
    assert not bar.isVisible()
    return reply


async def test_a_call_runs_once_allowed_and_shows_as_a_card(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    async with tooled_app(server, profile) as tooled:
        model_calls_add(server)
        reply = await send_and_answer(qtbot, tooled, "allow")
        assert reply.status is Status.DONE and reply.text.startswith(REPLY)
        [step] = reply.tools
        assert step.server == "kit" and step.call.name == "add"
        assert step.result is not None and (step.result.text, step.result.status) == ("5", "ok")
        tool_turn = server.requests[-1].json()["messages"][-1]
        assert tool_turn == {"role": "tool", "tool_call_id": step.call.id, "content": "5"}
        view = tooled.window.chat_view
        shown = view.document(view.row(reply.id)).toPlainText()
        assert "add kit · done" in shown and shown.index("add kit") < shown.index(REPLY)
        # opened, the card shows its arguments and result, as plain text
        view._on_anchor(QUrl(f"confab:toolstep/{reply.id}/{step.call.id}"))
        opened = view.document(view.row(reply.id)).toPlainText()
        assert '"a": 2' in opened and "Result" in opened
        await settled(tooled)
        store = HistoryStore(profile / "history.sqlite3")
        kept = store.load(reply.conversation_id)
        assert kept is not None and kept.messages[-1].tools == reply.tools
        store.close()


async def test_deny_runs_nothing_and_tells_the_model(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    async with tooled_app(server, profile) as tooled:
        model_calls_add(server)
        reply = await send_and_answer(qtbot, tooled, "deny")
        [step] = reply.tools
        assert step.result is not None and step.result.status == "denied"
        assert server.requests[-1].json()["messages"][-1]["content"] == (
            "The user declined to run this tool."
        )


async def test_the_card_in_the_conversation_asks_too(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    """The waiting call's card shows its arguments and Allow once / Always / Deny as links
    (Tab stops of the message); a link answers as the bar's button does."""
    async with tooled_app(server, profile) as tooled:
        model_calls_add(server)
        finished = await asked_about_add(qtbot, tooled)
        view = tooled.window.chat_view
        live = tooled.controller.conversation.messages[-1]
        row = view.row(live.id)
        assert row is not None
        card = view.document(row).toPlainText()
        assert "Allow once · Always allow this tool · Deny" in card and '"a": 2' in card
        links = [link.href for link in view._links(row) if "approve/" in link.href]
        call_id = live.tools[0].call.id
        assert links == [f"confab:approve/{call_id}/{c}" for c in ("allow", "always", "deny")]
        view.anchorClicked.emit(QUrl(links[0]))
        (reply,) = await finished
        assert reply.tools[0].result is not None and reply.tools[0].result.text == "5"
        assert not tooled.window.approval.isVisible()
        assert tooled.settings.tools_always == []  # once, not always


async def test_always_allow_is_remembered_and_not_asked_again(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    async with tooled_app(server, profile) as tooled:
        model_calls_add(server, openai_tool_call("add", {"a": 2, "b": 3}), transcript(NOTHING))
        await send_and_answer(qtbot, tooled, "always")
        assert tooled.settings.tools_always == ["kit/add"]
        saved = json.loads((profile / "settings.json").read_text())
        assert saved["tools_always"] == ["kit/add"]
        asked: list[object] = []
        tooled.window.approval.asked.connect(lambda: asked.append(1))
        finished = asyncio.ensure_future(next_signal(tooled.controller.message_finished))
        await type_and_send(qtbot, tooled, "And again?")
        (reply,) = await finished
        assert asked == [] and reply.tools[0].result.text == "5"


async def test_stop_while_asking_runs_nothing(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    async with tooled_app(server, profile) as tooled:
        model_calls_add(server)
        finished = asyncio.ensure_future(next_signal(tooled.controller.message_finished))
        asked = next_signal(tooled.window.approval.asked)
        await type_and_send(qtbot, tooled, "What is 2 + 3?")
        await asked
        tooled.window.composer.stop_requested.emit()
        (reply,) = await finished
        assert reply.status is Status.STOPPED
        assert reply.tools[0].result is None and not tooled.window.approval.isVisible()
        posts = [r for r in server.requests if r.method == "POST"]
        assert len(posts) == 1  # the request with the call, and nothing after it


async def test_a_chat_with_tools_off_sends_none(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    async with tooled_app(server, profile) as tooled:
        server.stream("POST", PATH, transcript(NOTHING))
        tooled.controller.conversation.options.tools = False
        finished = asyncio.ensure_future(next_signal(tooled.controller.message_finished))
        await type_and_send(qtbot, tooled, "Hi")
        await finished
        assert "tools" not in server.requests[-1].json()


async def test_a_chat_can_turn_one_server_off(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    async with tooled_app(server, profile) as tooled:
        dialog = tooled.open_chat_options()
        assert list(dialog.servers) == ["kit"] and dialog.servers["kit"].isChecked()
        dialog.tools.setChecked(False)
        assert not dialog.servers["kit"].isEnabled()  # no tools at all: no server to pick
        dialog.tools.setChecked(True)
        dialog.servers["kit"].setChecked(False)
        dialog.accept()
        conversation = tooled.controller.conversation
        assert conversation.options.servers_off == ["kit"]
        assert tooled.tools.toolbox_for(conversation) is None  # its only server is off
        server.stream("POST", PATH, transcript(NOTHING))
        finished = asyncio.ensure_future(next_signal(tooled.controller.message_finished))
        await type_and_send(qtbot, tooled, "Hi")
        await finished
        assert "tools" not in server.requests[-1].json()
        # A call to a tool of a server that is off (a model may remember one) is not run.
        [spec, *_] = tooled.tools.specs()
        refused = await ChatTools(tooled.tools, frozenset({"kit"})).call(
            ToolCall("c1", spec.name, {})
        )
        assert refused.status == "error" and refused.text == OFF_IN_THIS_CHAT


async def test_compared_targets_each_call_tools_asked_one_by_one(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    for path in (PATH, "/other/v1/chat/completions"):  # one model server per target
        server.stream_in_turn(
            "POST", path, [openai_tool_call("add", {"a": 2, "b": 3}), transcript(NOTHING)]
        )
    async with tooled_app(server, profile) as tooled:
        tooled.settings.for_provider("VLLM").base_url = server.url + "/other/v1"
        tooled.start_comparing([("LlamaCpp", "local-model"), ("VLLM", "local-model")])
        finished: list[Message] = []
        both = asyncio.get_running_loop().create_future()

        def done(reply: Message) -> None:
            finished.append(reply)
            if len(finished) == 2 and not both.done():
                both.set_result(None)

        tooled.controller.message_finished.connect(done)
        bar = tooled.window.approval
        asked = next_signal(bar.asked)
        await type_and_send(qtbot, tooled, "What is 2 + 3?")
        for _ in range(2):  # each target's call is its own question
            await asked
            asked = next_signal(bar.asked)
            bar.allow.click()
        await both
        for reply in finished:
            [step] = reply.tools
            assert step.call.name == "add" and step.result is not None
            assert step.result.text == "5" and reply.text.startswith(REPLY)
        columns = tooled.window.compare_view.columns
        for column in columns:
            assert column.reply is not None
            row = column.text.row(column.reply.id)
            assert row is not None and "add" in column.text.document(row).toPlainText()


async def test_quitting_ends_every_server(server: LocalServer, profile: Path) -> None:
    app = local_confab(profile, server, mcp_servers=SERVERS)
    await ready(app)
    [connection] = app.tools.connections
    answer = await connection.call("pid", {})
    pid = int(answer.content[0].text)
    await app.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_servers_added_in_settings_keep_header_values_in_the_keyring(
    server: LocalServer,
    profile: Path,
    secret_service: object,  # noqa: F811
) -> None:
    app = local_confab(profile, server)
    app.keys = app.tools._keys = app.tools_room.keys = KeyStore(
        secret_service,  # type: ignore[arg-type]
        service=f"confab-test-{uuid.uuid4().hex[:8]}",
    )
    dialog = app.open_settings()
    page = app.tools_room.page
    assert page is not None
    pasted = {
        "mcpServers": {
            "kit": SERVERS["kit"],
            "remote": {
                "url": "http://127.0.0.1:9/mcp",
                "headers": {"Authorization": "Bearer sk-x9"},
            },
        }
    }
    assert not page.add_json("{broken")
    assert "not valid JSON" in page.problem.text()
    changed = next_signal(app.tools.changed)
    assert page.add_json(json.dumps(pasted))
    await changed
    await ready(app)
    await settled(app)
    settings_text = (profile / "settings.json").read_text()
    assert "sk-x9" not in settings_text
    assert json.loads(settings_text)["mcp_servers"]["remote"]["headers"] == {"Authorization": ""}
    assert app.keys.get("mcp/remote/Authorization") == "Bearer sk-x9"
    texts = [page.servers.item(i).text() for i in range(page.servers.count())]
    assert texts[0].startswith("kit — ready")
    page.servers.setCurrentRow(1)
    page.remove.click()
    await settled(app)
    assert app.keys.get("mcp/remote/Authorization") is None
    dialog.close()
    await app.close()


async def test_a_server_is_edited_in_place(server: LocalServer, profile: Path) -> None:
    app = local_confab(profile, server, mcp_servers=SERVERS)
    dialog = app.open_settings()
    page = app.tools_room.page
    assert page is not None
    page.servers.setCurrentRow(0)
    page.edit.click()
    assert page.add.text() == "Save"
    entry = json.loads(page.paste.toPlainText())
    assert entry["mcpServers"]["kit"]["args"] == SERVERS["kit"]["args"]
    entry["mcpServers"]["kit"]["env"] = {"KIT_MOOD": "calm"}
    changed = next_signal(app.tools.changed)
    assert page.add_json(json.dumps(entry))
    await changed
    assert list(app.settings.mcp_servers) == ["kit"]  # replaced, not added beside it
    assert app.settings.mcp_servers["kit"]["env"] == {"KIT_MOOD": "calm"}
    assert page.add.text() == "Add"
    dialog.close()
    await app.close()


async def test_the_step_limit_is_set_on_the_tools_page_and_kept(
    server: LocalServer, profile: Path
) -> None:
    app = local_confab(profile, server)
    dialog = app.open_settings()
    page = app.tools_room.page
    assert page is not None and page.steps.value() == 10
    page.steps.setValue(3)
    assert app.tools.max_steps == 3
    assert json.loads((profile / "settings.json").read_text())["max_tool_steps"] == 3
    dialog.close()
    await app.close()


async def test_a_provider_without_tools_gets_earlier_calls_as_text_and_the_user_is_told(
    server: LocalServer, qtbot: QtBot, profile: Path
) -> None:
    model_calls_add(server)
    async with tooled_app(server, profile) as tooled:
        await send_and_answer(qtbot, tooled, "allow")
        tooled.settings.for_provider("AI365VIP").base_url = server.url
        tooled.window.select_provider("AI365VIP")
        assert tooled.controller.provider.get_name() == "AI365VIP"
        server.stream("POST", "/api/chat", b"Five.", content_type="text/plain")
        told = next_signal(tooled.messages.shown)
        finished = asyncio.ensure_future(next_signal(tooled.controller.message_finished))
        await type_and_send(qtbot, tooled, "Thanks")
        (note,) = await told
        (reply,) = await finished
        assert reply.text == "Five."
        assert "sent to AI365VIP (unverified) as text: it cannot call tools" in note.text
        prompt = server.requests[-1].json()["messages"][0]["content"]
        assert '[called add({"a": 2, "b": 3})]' in prompt and "[add returned: 5]" in prompt


async def test_the_bar_shows_arguments_itself_only_for_another_chats_call(qtbot: QtBot) -> None:
    from gui.widgets.approval_bar import ApprovalBar

    bar = ApprovalBar()
    qtbot.addWidget(bar)
    here = bar.ask(ToolCall("c1", "add", {"a": 2}), "kit")
    assert bar.isVisible() and not bar.arguments.isVisibleTo(bar)  # its card shows them
    asked = next_signal(bar.asked)
    elsewhere = bar.ask(ToolCall("c2", "add", {"a": 3}), "kit", chat="Taxes")  # queued
    assert bar.answer_call("c1", "deny")
    assert await here == "deny"
    await asked  # the next question is on screen
    assert bar.title.text() == "Run add from the kit server? (in “Taxes”)"
    assert bar.arguments.isVisibleTo(bar) and '"a": 3' in bar.arguments.toPlainText()
    bar.allow.click()
    assert await elsewhere == "allow"
