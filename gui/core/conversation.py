"""Conversations and messages as the app holds them, independent of Qt and of any provider.

A conversation is a tree: every message has a parent (``None`` for the first turn), and editing
a message or asking again for a reply adds a sibling instead of replacing anything. One path
through the tree is shown, from the first message to ``head``; ``messages`` holds the loaded
end of that path (a long conversation is loaded a page at a time, see ``earlier``).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from providers.chunks import Usage, tokens_per_second
from providers.files import Attachment, PreparedFile
from providers.media import PreparedImage

from .tool_steps import ToolStep, api_turns


class Status(StrEnum):
    """Where a message stands; a reply keeps its partial text in every state."""

    DONE = "done"
    STREAMING = "streaming"
    STOPPED = "stopped"
    FAILED = "failed"


@dataclass
class Message:
    role: str  # "user" | "assistant" | "system"
    text: str = ""
    reasoning: str = ""
    attachments: list[Attachment] = field(default_factory=list)  # as sent
    status: Status = Status.DONE
    provider: str = ""
    model: str = ""
    error: str = ""
    error_kind: str = ""
    usage: Usage | None = None
    started: float = field(default_factory=time.time)
    first_token: float | None = None
    finished: float | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    parent_id: str | None = None
    conversation_id: str = ""
    tools: list[ToolStep] = field(default_factory=list)
    """The tool calls this reply made, where in its text, and what they gave."""
    thought: float | None = None
    """Seconds from the first reasoning token to the first answer (None: not measured)."""

    def tokens_per_second(self) -> float | None:
        """Reply speed from first token to end, by reported tokens or else ~4 chars a token."""
        return tokens_per_second(self.usage, len(self.text), self.first_token, self.finished)


@dataclass
class ChatOptions:
    """What a chat asks of its provider; empty or ``None`` means the provider's setting."""

    system_prompt: str = ""
    temperature: float | None = None
    max_tokens: int | None = None
    tools: bool = True  # the user's MCP servers' tools may be used in this chat
    servers_off: list[str] = field(default_factory=list)
    """MCP servers whose tools this chat does not offer the model (by name)."""

    @classmethod
    def from_json(cls, data: Any) -> ChatOptions:
        """Options from their JSON object (history file or archive); anything else: none."""
        if not isinstance(data, dict):
            return cls()
        return cls(
            system_prompt=str(data.get("system_prompt") or ""),
            temperature=data.get("temperature"),
            max_tokens=data.get("max_tokens"),
            tools=bool(data.get("tools", True)),
            servers_off=[str(name) for name in data.get("servers_off") or []],
        )


@dataclass
class Conversation:
    title: str = "New chat"
    messages: list[Message] = field(default_factory=list)
    """The shown path's loaded messages, oldest first; the last one is the head."""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created: float = field(default_factory=time.time)
    provider: str = ""  # the provider and model of its last request, restored on reopening
    model: str = ""
    options: ChatOptions = field(default_factory=ChatOptions)
    pinned: bool = False
    earlier: list[str] = field(default_factory=list)
    """Ids of the shown path before ``messages[0]``, oldest first: not loaded yet."""
    parent_of: dict[str, str | None] = field(default_factory=dict)
    """Every message of the tree, loaded or not, and its parent."""
    children: dict[str | None, list[str]] = field(default_factory=dict)
    """Each message's replies or edits, oldest first; ``None`` holds the first turns."""
    provider_state: dict[str, Any] = field(default_factory=dict)
    """Per provider, what its server asked to have sent back next turn (g4f's conversation
    data). Kept for the session; not stored in history."""

    def __post_init__(self) -> None:
        previous: str | None = None
        for message in self.messages:  # built from a plain list: one path, in order
            if message.id not in self.parent_of:
                self._link(message, previous)
            previous = message.id

    # ---- the tree ---------------------------------------------------------------------------
    @property
    def head(self) -> str | None:
        return self.messages[-1].id if self.messages else None

    def add(self, message: Message) -> Message:
        """Append ``message`` to the shown path, as a reply to the head."""
        self._link(message, self.head)
        self.messages.append(message)
        return message

    def branch(self, message: Message, parent_id: str | None) -> Message:
        """Add ``message`` as a new child of ``parent_id`` (a loaded message on the shown path,
        or ``None`` for a first turn) and show the path through it; nothing is removed."""
        if parent_id is None:
            self.messages, self.earlier = [], []
        else:
            del self.messages[self.index_of(parent_id) + 1 :]
        self._link(message, parent_id)
        self.messages.append(message)
        return message

    def add_sibling(self, message: Message, of: Message) -> Message:
        """Add ``message`` beside ``of`` (a reply to the same message) without showing it:
        the shown path stays as it is."""
        self._link(message, of.parent_id)
        return message

    def _link(self, message: Message, parent: str | None) -> None:
        message.parent_id = parent
        message.conversation_id = self.id
        self.parent_of[message.id] = parent
        siblings = self.children.setdefault(parent, [])
        if message.id not in siblings:
            siblings.append(message.id)

    def siblings(self, message_id: str) -> list[str]:
        """The message and its alternatives (edits, regenerations), oldest first."""
        return self.children.get(self.parent_of.get(message_id), [message_id])

    def subtree(self, message_id: str) -> list[str]:
        """``message_id`` and everything below it."""
        found, todo = [], [message_id]
        while todo:
            current = todo.pop()
            found.append(current)
            todo.extend(self.children.get(current, []))
        return found

    def newest_leaf(self, message_id: str) -> str:
        """Where a branch switched to at ``message_id`` ends: its newest reply, repeatedly."""
        while self.children.get(message_id):
            message_id = self.children[message_id][-1]
        return message_id

    def path_to(self, message_id: str | None) -> list[str]:
        """Ids from the first message down to ``message_id``."""
        path: list[str] = []
        while message_id is not None:
            path.append(message_id)
            message_id = self.parent_of.get(message_id)
        return path[::-1]

    def forget(self, message_ids: list[str]) -> None:
        """Drop messages from the tree (they were deleted)."""
        gone = set(message_ids)
        for message_id in message_ids:
            parent = self.parent_of.pop(message_id, None)
            siblings = self.children.get(parent, [])
            if message_id in siblings:
                siblings.remove(message_id)
            self.children.pop(message_id, None)
        self.messages = [m for m in self.messages if m.id not in gone]

    def index_of(self, message_id: str) -> int:
        """Position of a loaded message on the shown path, or -1."""
        for index in range(len(self.messages) - 1, -1, -1):
            if self.messages[index].id == message_id:
                return index
        return -1

    def find(self, message_id: str) -> Message | None:
        index = self.index_of(message_id)
        return self.messages[index] if index >= 0 else None

    # ---- what a provider is sent ------------------------------------------------------------
    def api_messages(
        self,
        system_prompt: str = "",
        upto: Message | None = None,
        images: Mapping[str, Sequence[PreparedImage]] | None = None,
        files: Collection[int] | None = None,
    ) -> list[dict[str, Any]]:
        """What a provider is sent: the system prompt, then every turn of the shown path before
        ``upto`` (all of them without it) with text, images or files. ``images`` are sent
        inside the turns they belong to (by message id), as OpenAI-style content parts, and so
        are the files of earlier turns (those whose ``id()`` is in ``files``; all without it);
        the prompt's own go separately, as ``media``. The caller loads the path first
        (``earlier`` is empty)."""
        end = self.index_of(upto.id) if upto is not None else len(self.messages)
        out: list[dict[str, Any]] = []
        if system_prompt:
            out.append({"role": "system", "content": system_prompt})
        for m in self.messages[:end]:
            if m.tools:
                out += api_turns(m.text, m.tools)
                continue
            if not (m.text or m.attachments):
                continue
            inline = (images or {}).get(m.id, ())
            sent = [
                a.part()
                for a in m.attachments
                if isinstance(a, PreparedFile) and (files is None or id(a) in files)
            ]
            if not (inline or sent):
                out.append({"role": m.role, "content": m.text})
                continue
            text: list[dict[str, Any]] = [{"type": "text", "text": m.text}] if m.text else []
            parts = [{"type": "image_url", "image_url": {"url": a.data_uri()}} for a in inline]
            out.append({"role": m.role, "content": [*sent, *text, *parts]})
        return out

    def earlier_attachments(self, prompt: Message) -> Iterator[tuple[str, Attachment]]:
        """(message id, attachment) of everything sent before ``prompt`` on the shown path,
        newest first: what a follow-up request sends again, as far as the provider allows."""
        for m in reversed(self.messages[: self.index_of(prompt.id)]):
            if m.role == "user":
                yield from ((m.id, a) for a in reversed(m.attachments))

    def earlier_images(self, prompt: Message) -> list[tuple[str, PreparedImage]]:
        """(message id, image) of every image sent before ``prompt``, newest first."""
        return [
            (mid, a) for mid, a in self.earlier_attachments(prompt) if isinstance(a, PreparedImage)
        ]

    def earlier_files(self, prompt: Message) -> list[PreparedFile]:
        """The files sent before ``prompt`` on the shown path, newest first."""
        return [a for _mid, a in self.earlier_attachments(prompt) if isinstance(a, PreparedFile)]

    def last_user_index(self) -> int:
        for index in range(len(self.messages) - 1, -1, -1):
            if self.messages[index].role == "user":
                return index
        return -1
