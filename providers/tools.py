"""Tools a model may call: their declarations, and tool turns in the conversation.

A conversation keeps tool turns in one shape, OpenAI's, whatever provider wrote them: an
assistant message with ``tool_calls`` (each ``{"id", "type": "function", "function": {"name",
"arguments": <JSON text>}}``), then one ``{"role": "tool", "tool_call_id", "name", "content"}``
message per call. Each family turns that shape into its own wire format when it sends it
(Anthropic ``tool_use`` / ``tool_result`` blocks, Gemini ``functionCall`` / ``functionResponse``
parts, Ollama ``tool_calls`` with argument objects), so a chat can move between families.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .chunks import ToolCall, ToolResult

Message = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """One tool as a model sees it: a name, what it does, and its arguments' JSON Schema."""

    name: str
    description: str = ""
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "object", "properties": {}})

    def parameters(self) -> dict[str, Any]:
        """The schema as an object schema (some servers declare none, or leave out ``type``)."""
        return {"type": "object", "properties": {}, **self.schema}


def parse_arguments(text: str) -> tuple[dict[str, Any], str | None]:
    """A call's arguments from their JSON text: ``(object, None)``, or ``({}, text)`` when the
    text is not a JSON object. Empty text is no arguments."""
    if not text.strip():
        return {}, None
    try:
        value = json.loads(text)
    except ValueError:
        return {}, text
    return (value, None) if isinstance(value, dict) else ({}, text)


class CallPieces:
    """A streamed reply's tool calls, whose name and arguments arrive in pieces under a key
    (OpenAI's ``index``, Anthropic's content block index), taken whole when they are done."""

    def __init__(self) -> None:
        self._calls: dict[Any, dict[str, Any]] = {}

    def add(
        self, key: Any, *, id: str | None = None, name: str | None = None, text: str = ""
    ) -> None:
        if key not in self._calls and not (id or name):
            return  # a piece of a block that is not a call of ours (Anthropic's server tools)
        call = self._calls.setdefault(key, {"id": "", "name": "", "text": []})
        call["id"] = call["id"] or id or ""
        call["name"] = call["name"] or name or ""
        if text:
            call["text"].append(text)

    def __bool__(self) -> bool:
        return bool(self._calls)

    def take(self, key: Any = None) -> list[ToolCall]:
        """The call under ``key`` (all of them when None), removed from the pieces."""
        keys = list(self._calls) if key is None else [key] if key in self._calls else []
        return [self._whole(self._calls.pop(k)) for k in keys]

    def _whole(self, call: dict[str, Any]) -> ToolCall:
        arguments, invalid = parse_arguments("".join(call["text"]))
        return ToolCall(call["id"] or new_call_id(), call["name"], arguments, invalid)


GENERATED_ID = "call_confab_"
"""The start of every id Confab made up (an API that gives ids is not sent these back)."""


def new_call_id() -> str:
    """An id for a call whose API gives none (Gemini, Ollama)."""
    return f"{GENERATED_ID}{secrets.token_hex(6)}"


def whole_call(call_id: Any, name: Any, arguments: Any, signature: str | None = None) -> ToolCall:
    """A call an API sent whole, its arguments an object (Gemini, Ollama); an id made up
    when the API gave none."""
    return ToolCall(
        str(call_id or new_call_id()),
        str(name or ""),
        arguments if isinstance(arguments, dict) else {},
        signature=signature,
    )


def call_message(text: str, calls: Sequence[ToolCall]) -> Message:
    """The assistant turn that asked for ``calls``, in the conversation's shape."""
    entries = []
    for call in calls:
        entry: dict[str, Any] = {
            "id": call.id,
            "type": "function",
            "function": {
                "name": call.name,
                "arguments": call.invalid
                if call.invalid is not None
                else json.dumps(call.arguments, ensure_ascii=False),
            },
        }
        if call.signature:  # where Gemini's own OpenAI endpoint keeps it
            entry["extra_content"] = {"google": {"thought_signature": call.signature}}
        entries.append(entry)
    return {"role": "assistant", "content": text, "tool_calls": entries}


def result_message(result: ToolResult) -> Message:
    """The tool turn that answers one call: its text, then any images as ``image_url`` parts."""
    content: str | list[dict[str, Any]] = result.text
    if result.images:
        content = [{"type": "text", "text": result.text}] + [
            {"type": "image_url", "image_url": {"url": f"data:{mime};base64,{data}"}}
            for mime, data in result.images
        ]
    message: Message = {
        "role": "tool",
        "tool_call_id": result.call_id,
        "name": result.name,
        "content": content,
    }
    if result.is_error:
        message["is_error"] = True
    return message


def calls_in(message: Message) -> list[ToolCall]:
    """The tool calls an assistant turn made (none for other turns)."""
    calls = []
    for entry in message.get("tool_calls") or []:
        function = entry.get("function") or {}
        raw = function.get("arguments")
        arguments, invalid = (
            (raw, None) if isinstance(raw, dict) else parse_arguments(str(raw or ""))
        )
        google = (entry.get("extra_content") or {}).get("google") or {}
        calls.append(
            ToolCall(
                str(entry.get("id") or ""),
                str(function.get("name") or ""),
                arguments,
                invalid,
                google.get("thought_signature"),
            )
        )
    return calls


def is_tool_turn(message: Message) -> bool:
    return message.get("role") == "tool"


def flatten(messages: Sequence[Message]) -> list[Message]:
    """The conversation with tool turns written out as text, for a provider that takes no
    tools: each call and its result become lines of the assistant's reply."""
    out: list[Message] = []
    for message in messages:
        if is_tool_turn(message):
            text = message.get("content")
            if isinstance(text, list):
                text = "".join(p.get("text", "") for p in text if isinstance(p, dict))
            line = f"[{message.get('name') or 'tool'} returned: {text}]"
            if out and out[-1]["role"] == "assistant":
                out[-1] = {**out[-1], "content": f"{out[-1]['content']}\n{line}".strip()}
            else:
                out.append({"role": "assistant", "content": line})
            continue
        if message.get("tool_calls"):
            lines = [
                f"[called {c.name}({json.dumps(c.arguments, ensure_ascii=False)})]"
                for c in calls_in(message)
            ]
            text = "\n".join([str(message.get("content") or ""), *lines]).strip()
            out.append({"role": "assistant", "content": text})
            continue
        out.append(message)
    return out
