"""Conversations written out for the user: Markdown to read, JSON to import elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

from .conversation import Conversation, Status


def to_markdown(conversation: Conversation) -> str:
    lines = [f"# {conversation.title}", ""]
    for message in conversation.messages:
        who = "You" if message.role == "user" else f"Assistant ({message.model or '?'})"
        lines += [f"## {who}", ""]
        lines += [f"*[image: {a.name}, {a.width}×{a.height}]*" for a in message.attachments]
        lines += [message.text, ""]
        if message.status is not Status.DONE and message.error:
            lines += [f"> {message.status.value}: {message.error}", ""]
    return "\n".join(lines)


def to_json(conversation: Conversation) -> str:
    return json.dumps(
        {
            "id": conversation.id,
            "title": conversation.title,
            "created": conversation.created,
            "messages": [
                {
                    "role": m.role,
                    "text": m.text,
                    "reasoning": m.reasoning,
                    "model": m.model,
                    "provider": m.provider,
                    "status": m.status.value,
                    "error": m.error,
                    "attachments": [{"name": a.name, "mime": a.mime} for a in m.attachments],
                }
                for m in conversation.messages
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def write(conversation: Conversation, path: Path) -> None:
    """Markdown for ``.md`` files, JSON otherwise."""
    text = to_markdown(conversation) if path.suffix.lower() == ".md" else to_json(conversation)
    path.write_text(text, encoding="utf-8")
