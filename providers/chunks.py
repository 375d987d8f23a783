"""What a provider's generator yields besides plain ``str`` text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Reasoning:
    """A piece of the model's visible thinking, or a status line about it."""

    token: str = ""
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts reported by the API; a field is None when the API did not say."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    reasoning_tokens: int | None = None

    def __post_init__(self) -> None:
        if self.total_tokens is None and None not in (self.prompt_tokens, self.completion_tokens):
            object.__setattr__(
                self, "total_tokens", (self.prompt_tokens or 0) + (self.completion_tokens or 0)
            )


@dataclass(frozen=True, slots=True)
class FinishReason:
    """Why the model stopped, normalised: stop, length, content_filter, tool_calls or other."""

    reason: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class ProviderInfo:
    """Which provider and model actually answered (a router may pick another one)."""

    provider: str
    model: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class RawResponse:
    """An event the app may ignore (titles, logs, suggestions...), kept for completeness."""

    type: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ToolCall:
    """The model asks to run a tool; passed on once its arguments are complete.

    ``invalid`` holds the arguments' text when it was not a JSON object (cut off by the token
    limit, or malformed): such a call is answered with an error, never run. ``signature`` is
    an opaque token some APIs want back with the call (Gemini's ``thoughtSignature``)."""

    id: str
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    invalid: str | None = None
    signature: str | None = None


@dataclass(frozen=True, slots=True)
class ToolResult:
    """What running a call gave, as the model will read it.

    ``status`` is ``ok``, ``error`` (the tool failed or answered ``isError``), ``denied`` (the
    user declined), ``timeout`` or ``cancelled``; ``images`` are ``(mime, base64)`` pairs."""

    call_id: str
    name: str
    text: str
    status: str = "ok"
    images: tuple[tuple[str, str], ...] = ()
    seconds: float | None = None

    @property
    def is_error(self) -> bool:
        return self.status != "ok"


Chunk = Reasoning | Usage | FinishReason | ProviderInfo | RawResponse | ToolCall | ToolResult
StreamItem = str | Chunk

_TYPE_NAMES: dict[type, str] = {
    Reasoning: "reasoning",
    Usage: "usage",
    FinishReason: "finish",
    ProviderInfo: "provider",
    RawResponse: "raw",
    ToolCall: "tool_call",
    ToolResult: "tool_result",
}


def to_json(item: StreamItem) -> dict[str, Any]:
    """One JSON-ready object per stream item, as ``confab-cli chat --jsonl`` prints it."""
    if isinstance(item, str):
        return {"type": "text", "text": item}
    if isinstance(item, RawResponse):
        return {"type": "raw", "event": item.type, "data": item.data}
    return {"type": _TYPE_NAMES[type(item)], **asdict(item)}


def tokens_per_second(
    usage: Usage | None, characters: int, first_token: float | None, ended: float | None
) -> float | None:
    """Reply speed from the first token to the end: by the tokens the API counted, else about
    four characters a token; None before the end or without a first token."""
    if first_token is None or ended is None or ended <= first_token:
        return None
    tokens = usage.completion_tokens if usage else None
    return (tokens or max(1, characters // 4)) / (ended - first_token)
