"""A reply's tool calls: kept in the history file and in export/import, and sent again as the
turns the provider saw."""

from __future__ import annotations

from pathlib import Path

from gui.core.archive import export_all, import_file
from gui.core.conversation import Conversation, Message
from gui.core.history import HistoryStore
from gui.core.tool_steps import NOT_FINISHED, ToolStep, api_turns
from providers.anthropic import Anthropic
from providers.chunks import ToolCall, ToolResult

PNG = ("image/png", "iVBORw0KGgo=")


def reply_with_tools() -> Message:
    """'Checking.' then two parallel calls, 'Paris is warmer.' after them, then one call
    that was stopped before it had a result."""
    text = "Checking.Paris is warmer."
    return Message(
        "assistant",
        text,
        tools=[
            ToolStep(
                9,
                ToolCall("c1", "weather", {"city": "Paris"}),
                ToolResult("c1", "weather", "18 C", images=(PNG,), seconds=0.2),
                server="kit",
            ),
            ToolStep(
                9, ToolCall("c2", "weather", {"city": "Oslo"}), ToolResult("c2", "weather", "4 C")
            ),
            ToolStep(len(text), ToolCall("c3", "note", {"text": "warm"})),
        ],
    )


def test_a_reply_is_sent_again_as_the_turns_the_provider_saw() -> None:
    reply = reply_with_tools()
    turns = api_turns(reply.text, reply.tools)
    assert [t["role"] for t in turns] == ["assistant", "tool", "tool", "assistant", "tool"]
    assert turns[0]["content"] == "Checking."
    assert [c["id"] for c in turns[0]["tool_calls"]] == ["c1", "c2"]
    assert turns[1]["tool_call_id"] == "c1" and turns[2]["content"] == "4 C"
    assert turns[3]["content"] == "Paris is warmer." and turns[3]["tool_calls"][0]["id"] == "c3"
    assert turns[4]["content"] == NOT_FINISHED and turns[4]["is_error"]


def test_the_next_request_carries_the_tool_turns_in_the_familys_format() -> None:
    chat = Conversation()
    chat.add(Message("user", "Which is warmer?"))
    chat.add(reply_with_tools())
    chat.add(Message("user", "Thanks"))
    payload = Anthropic.build_payload("claude", chat.api_messages(), [], {})
    roles = [
        (t["role"], [b["type"] for b in t["content"]] if isinstance(t["content"], list) else "text")
        for t in payload["messages"]
    ]
    assert roles == [
        ("user", "text"),
        ("assistant", ["text", "tool_use", "tool_use"]),
        ("user", ["tool_result", "tool_result"]),
        ("assistant", ["text", "tool_use"]),
        ("user", ["tool_result", "text"]),
    ]


def test_steps_survive_the_history_file(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    chat = Conversation()
    store.save_message(chat, chat.add(Message("user", "Which is warmer?")))
    reply = chat.add(reply_with_tools())
    store.save_message(chat, reply)
    reply.tools[2].result = ToolResult("c3", "note", "saved", seconds=0.1)
    store.save_message(chat, reply)  # an update, as a streaming reply is saved
    store.close()
    again = HistoryStore(tmp_path / "history.sqlite3")
    loaded = again.load(chat.id)
    assert loaded is not None
    assert loaded.messages[1].tools == reply.tools
    assert loaded.messages[0].tools == []
    again.close()


def test_steps_survive_export_and_import(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "a.sqlite3")
    chat = Conversation()
    store.save_message(chat, chat.add(Message("user", "Which is warmer?")))
    store.save_message(chat, chat.add(reply_with_tools()))
    export_all(store, tmp_path / "chats.json")
    store.close()
    other = HistoryStore(tmp_path / "b.sqlite3")
    import_file(other, tmp_path / "chats.json")
    loaded = other.load(chat.id)
    assert loaded is not None and loaded.messages[1].tools == reply_with_tools().tools
    other.close()
