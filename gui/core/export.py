"""Conversations written out for the user: Markdown to read, JSON to import elsewhere."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from providers.files import Attachment, PreparedFile

from .conversation import Conversation, Message, Status

Alternatives = Mapping[str, Sequence[Message]]
"""Per message on the shown path, the other replies to the same prompt (a comparison's, or
regenerations), oldest first; they are written after it, each with its model."""


def _mention(a: Attachment) -> str:
    if isinstance(a, PreparedFile):
        return f"*[file: {a.name}, {a.pages} pages]*" if a.is_pdf else f"*[file: {a.name}]*"
    return f"*[image: {a.name}, {a.width}×{a.height}]*"


def _markdown_message(message: Message, heading: str) -> list[str]:
    if message.role == "user":
        who = "You"
    else:
        who = f"Assistant ({' · '.join(filter(None, [message.provider, message.model])) or '?'})"
    lines = [f"{heading} {who}", ""]
    lines += [_mention(a) for a in message.attachments]
    lines += [message.text, ""]
    if message.status is not Status.DONE and message.error:
        lines += [f"> {message.status.value}: {message.error}", ""]
    return lines


def to_markdown(conversation: Conversation, alternatives: Alternatives | None = None) -> str:
    lines = [f"# {conversation.title}", ""]
    for message in conversation.messages:
        lines += _markdown_message(message, "##")
        others = (alternatives or {}).get(message.id, ())
        if others:
            lines += [f"### Other replies to this message ({len(others)})", ""]
            for other in others:
                lines += _markdown_message(other, "####")
    return "\n".join(lines)


def _json_message(m: Message) -> dict[str, Any]:
    return {
        "role": m.role,
        "text": m.text,
        "reasoning": m.reasoning,
        "model": m.model,
        "provider": m.provider,
        "status": m.status.value,
        "error": m.error,
        "attachments": [{"name": a.name, "mime": a.mime} for a in m.attachments],
    }


def to_json(conversation: Conversation, alternatives: Alternatives | None = None) -> str:
    messages = []
    for m in conversation.messages:
        data = _json_message(m)
        others = (alternatives or {}).get(m.id, ())
        if others:
            data["alternatives"] = [_json_message(o) for o in others]
        messages.append(data)
    return json.dumps(
        {
            "id": conversation.id,
            "title": conversation.title,
            "created": conversation.created,
            "messages": messages,
        },
        ensure_ascii=False,
        indent=2,
    )


def write(conversation: Conversation, path: Path, alternatives: Alternatives | None = None) -> None:
    """Markdown for ``.md`` files, JSON otherwise."""
    if path.suffix.lower() == ".md":
        text = to_markdown(conversation, alternatives)
    else:
        text = to_json(conversation, alternatives)
    path.write_text(text, encoding="utf-8")
