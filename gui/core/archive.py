"""Every chat in one file, and back: export all, and import that merges by id.

An archive holds whole trees (every branch, every image). Importing never changes anything
that is already here: a chat or a message whose id exists is left as it is, and the report says
what was added and what was skipped.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from providers.chunks import Usage

from .attachments import fields, from_fields
from .conversation import ChatOptions, Conversation, Message, Status
from .history import HistoryStore
from .text import QT_TRANSLATE_NOOP, Text
from .tool_steps import steps_from_json

FORMAT = "confab-archive"
VERSION = 1


class ArchiveError(ValueError):
    """The file is not a Confab archive this version can read; the message says why."""


@dataclass(frozen=True)
class ImportReport:
    chats_added: int
    messages_added: int
    messages_skipped: int

    def summary(self) -> Text:
        values = {
            "chats": self.chats_added,
            "messages": self.messages_added,
            "skipped": self.messages_skipped,
        }
        if self.messages_skipped:
            return Text(
                QT_TRANSLATE_NOOP(
                    "Core",
                    "Imported {chats} new chats and {messages} messages; {skipped} messages "
                    "were here already and were left as they are.",
                ),
                values,
            )
        return Text(
            QT_TRANSLATE_NOOP("Core", "Imported {chats} new chats and {messages} messages."),
            values,
        )


def export_all(store: HistoryStore, path: Path) -> int:
    """Write every chat, those in the trash too, to ``path`` (atomically); how many."""
    chats = []
    for conversation_id in store.conversation_ids():
        conversation = store.load(conversation_id, page=1)
        if conversation is None:
            continue
        messages = store.messages(conversation_id, list(conversation.parent_of))
        chats.append(_chat_json(conversation, messages))
    data = {"format": FORMAT, "version": VERSION, "conversations": chats}
    _write_atomically(path, json.dumps(data, ensure_ascii=False))
    return len(chats)


def import_file(store: HistoryStore, path: Path) -> ImportReport:
    """Add the chats and messages of an archive that are not here yet."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveError(f"{path.name} is not a Confab archive (not JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArchiveError(f"{path.name} is not a Confab archive")
    if data.get("version") != VERSION:
        raise ArchiveError(
            f"{path.name} was written by a newer Confab (format {data.get('version')})"
        )
    chats = messages = skipped = 0
    for raw in data.get("conversations") or []:
        try:
            conversation, tree = _chat_from_json(raw)
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            raise ArchiveError(
                f"{path.name} has a damaged chat ({type(exc).__name__}: {exc})"
            ) from exc
        new_chat, added = store.merge(conversation, tree)
        chats += new_chat
        messages += added
        skipped += len(tree) - added
    return ImportReport(chats, messages, skipped)


def _chat_json(conversation: Conversation, messages: list[Message]) -> dict[str, Any]:
    return {
        "id": conversation.id,
        "title": conversation.title,
        "created": conversation.created,
        "provider": conversation.provider,
        "model": conversation.model,
        "pinned": conversation.pinned,
        "options": asdict(conversation.options),
        "head": conversation.head,
        "messages": [
            {
                "id": m.id,
                "parent_id": m.parent_id,
                "role": m.role,
                "text": m.text,
                "reasoning": m.reasoning,
                "status": m.status.value,
                "provider": m.provider,
                "model": m.model,
                "error": m.error,
                "usage": asdict(m.usage) if m.usage else None,
                "started": m.started,
                "first_token": m.first_token,
                "thought": m.thought,
                "finished": m.finished,
                "tools": [step.to_json() for step in m.tools],
                "attachments": [{**fields(a), "data": a.base64()} for a in m.attachments],
            }
            for m in messages
        ],
    }


def _chat_from_json(raw: dict[str, Any]) -> tuple[Conversation, list[Message]]:
    conversation = Conversation(
        title=str(raw["title"]),
        id=str(raw["id"]),
        created=float(raw["created"]),
        provider=str(raw.get("provider") or ""),
        model=str(raw.get("model") or ""),
        pinned=bool(raw.get("pinned")),
        options=ChatOptions.from_json(raw.get("options")),
    )
    messages = [
        Message(
            id=str(m["id"]),
            parent_id=m.get("parent_id"),
            conversation_id=conversation.id,
            role=str(m["role"]),
            text=str(m.get("text") or ""),
            reasoning=str(m.get("reasoning") or ""),
            status=Status(m.get("status") or "done"),
            provider=str(m.get("provider") or ""),
            model=str(m.get("model") or ""),
            error=str(m.get("error") or ""),
            usage=Usage(**m["usage"]) if m.get("usage") else None,
            started=float(m.get("started") or conversation.created),
            first_token=m.get("first_token"),
            thought=m.get("thought"),
            finished=m.get("finished"),
            tools=steps_from_json(m.get("tools")),
            attachments=[
                from_fields(
                    base64.b64decode(a["data"], validate=True),
                    str(a["mime"]),
                    str(a.get("name") or ""),
                    int(a.get("width") or 0),
                    int(a.get("height") or 0),
                    int(a.get("pages") or 0),
                    str(a.get("language") or ""),
                )
                for a in m.get("attachments") or []
            ],
        )
        for m in raw.get("messages") or []
    ]
    if messages:  # the archive's shown path, for a chat that is new here
        conversation.messages = [
            next((m for m in messages if m.id == raw.get("head")), messages[-1])
        ]
    return conversation, messages


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".confab-export-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
