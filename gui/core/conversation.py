"""Conversations and messages as the app holds them, independent of Qt and of any provider."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from providers.chunks import Usage
from providers.media import PreparedImage


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
    attachments: list[PreparedImage] = field(default_factory=list)  # as sent
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

    def tokens_per_second(self) -> float | None:
        """Reply speed from first token to end, by reported tokens or else ~4 chars a token."""
        if self.first_token is None or self.finished is None:
            return None
        seconds = self.finished - self.first_token
        if seconds <= 0:
            return None
        tokens = self.usage.completion_tokens if self.usage else None
        return (tokens or max(1, len(self.text) // 4)) / seconds

    def for_api(self) -> dict[str, Any]:
        return {"role": self.role, "content": self.text}


@dataclass
class Conversation:
    title: str = "New chat"
    messages: list[Message] = field(default_factory=list)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created: float = field(default_factory=time.time)
    provider: str = ""  # the provider and model of its last request, restored on reopening
    model: str = ""
    provider_state: dict[str, Any] = field(default_factory=dict)
    """Per provider, what its server asked to have sent back next turn (g4f's conversation
    data). Kept for the session; not stored in history."""

    def api_messages(self, system_prompt: str = "") -> list[dict[str, Any]]:
        """What a provider is sent: the system prompt, then every turn with text or images
        (a message of only an image is a turn too)."""
        out = [{"role": "system", "content": system_prompt}] if system_prompt else []
        return out + [m.for_api() for m in self.messages if m.text or m.attachments]

    def last_user_index(self) -> int:
        for index in range(len(self.messages) - 1, -1, -1):
            if self.messages[index].role == "user":
                return index
        return -1
