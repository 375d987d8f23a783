"""The gpt4free backend: ``POST {url}/backend-api/v2/conversation`` (a seed provider).

Servers since late 2025 send SSE (``event: <type>`` + ``data: {"type": <type>, ...}``); older
ones send one bare JSON object per line. Both are accepted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from .base import Message, ModelInfo, Route, StreamingProvider, StreamState, endpoint
from .chunks import (
    FinishReason,
    ProviderInfo,
    RawResponse,
    Reasoning,
    StreamItem,
    Usage,
)
from .errors import (
    AuthenticationError,
    MalformedStreamError,
    ModelNotFoundError,
    ProviderError,
    RateLimitError,
    ResponseTimeoutError,
    ServerError,
    StreamErrorEvent,
)
from .http import error_from_body, open_session
from .media import IMAGE_LIMITS, PreparedImage
from .openai_compat import function_tools, wire_messages
from .redact import excerpt
from .text import QT_TRANSLATE_NOOP
from .tools import CallPieces

INFO_EVENTS = frozenset(
    {
        "parameters",
        "conversation",
        "message",
        "log",
        "request",
        "response",
        "headers",
        "preview",
        "title",
        "suggestions",
        "continue",
        "variant",
    }
)
_PARAMS = frozenset(
    {
        "temperature",
        "max_tokens",
        "top_p",
        "web_search",
        "conversation_id",
        "action",
        "download_media",
        "aspect_ratio",
    }
)
ANY_PROVIDER = "AnyProvider"
"""What the server routes through when no provider is named."""

_ERROR_KINDS: dict[str, type[ProviderError]] = {
    # g4f's exception class names (g4f/errors.py) -> Confab's kinds
    "RateLimitError": RateLimitError,
    "MissingAuthError": AuthenticationError,
    "NoValidHarFileError": AuthenticationError,
    "ModelNotFoundError": ModelNotFoundError,
    "ModelNotSupportedError": ModelNotFoundError,
    "ProviderNotFoundError": ModelNotFoundError,
    "ProviderNotWorkingError": ServerError,
    "ResponseStatusError": ServerError,
    "TimeoutError": ResponseTimeoutError,
}


class BackendApi(StreamingProvider):
    """A gpt4free server (``g4f gui`` or ``g4f api``) that routes to many providers.

    Params beyond the OpenAI ones: ``provider`` (a Route name; the server picks when it is
    empty) and ``conversation``, the data of earlier ``conversation`` events merged with
    ``merge_conversation``, sent back as g4f's own web client does.

    Tools: the request's ``tools`` (OpenAI's shape) reach the routed provider as they are; its
    calls come back in pieces, one ``tool_calls`` event per streamed ``delta.tool_calls`` (by
    ``index``, as OpenAI's), and are passed on whole before the finish reason. Tool turns go
    back in OpenAI's shape, which g4f hands on to the provider unchanged (captured:
    tests/fixtures/g4f/SOURCES.md).
    """

    label = QT_TRANSLATE_NOOP("Providers", "gpt4free backend")
    url = "http://localhost:8080"
    supports_images = True
    images_in_history = False  # g4f takes images as ``media`` for the newest turn only
    supports_base_url = True
    supports_routes = True
    supports_tools = True
    env_key = "G4F_API_KEY"
    default_model = ""
    image_limits = IMAGE_LIMITS["g4f"]
    endpoint_path = "backend-api/v2/conversation"
    framing = "sse-or-json"  # servers before late 2025 send one bare JSON object per line
    needs_end = False  # and end without a finish event

    @classmethod
    def request_headers(cls, api_key: str | None, base_url: str | None = None) -> dict[str, str]:
        # The conversation endpoint reads the key from Authorization; the lists from x-api-key.
        bearer = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        return {"Accept": "text/event-stream", **_key_header(api_key), **bearer}

    @classmethod
    def build_payload(
        cls,
        model: str,
        messages: Sequence[Message],
        images: Sequence[PreparedImage],
        params: dict[str, Any],
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "model": model,
            "messages": wire_messages(messages),
            **{k: v for k, v in params.items() if k in _PARAMS and v is not None},
        }
        provider = params.get("provider") or None
        if provider:
            payload["provider"] = provider
        if sent := conversation_for(provider, params.get("conversation")):
            payload["conversation"] = sent
        if images:
            payload["media"] = [[image.data_uri(), image.name] for image in images]
        if tools := params.get("tools"):
            payload["tools"] = function_tools(tools)
        return payload

    @classmethod
    def parse(cls, value: Any, state: StreamState) -> list[StreamItem]:
        items = parse_event(value, state.extra.setdefault("calls", CallPieces()))
        for item in items:
            if isinstance(item, Usage):
                state.usage = item
        return [item for item in items if not isinstance(item, Usage)]

    @classmethod
    def flush(cls, state: StreamState) -> list[StreamItem]:
        pieces: CallPieces | None = state.extra.get("calls")
        return list(pieces.take()) if pieces else []

    @classmethod
    async def get_routes(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[Route]:
        """The providers the server can route to (``/backend-api/v2/providers``)."""
        url = endpoint(base_url or cls.url, "backend-api/v2/providers")
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, _key_header(api_key))
        return [
            Route(
                str(entry["name"]),
                str(entry.get("label") or entry["name"]),
                needs_auth=bool(entry.get("auth")),
                vision=bool(entry.get("vision")),
            )
            for entry in (data if isinstance(data, list) else [])
            if isinstance(entry, dict) and entry.get("name")
        ]

    @classmethod
    async def get_models(
        cls,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        proxy: str | None = None,
        provider: str | None = None,
    ) -> list[ModelInfo]:
        """Models of one sub-provider, or of every provider the server knows."""
        path = "backend-api/v2/models"
        if provider:
            path += "/" + quote(provider, safe="")
        url = endpoint(base_url or cls.url, path)
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, _key_header(api_key))
        return models_of(data)


def _key_header(api_key: str | None) -> dict[str, str]:
    return {"x-api-key": api_key} if api_key else {}


def models_of(data: Any) -> list[ModelInfo]:
    """Every model list shape g4f 8.8 sends, deduplicated in order: a dict of provider -> names
    (``/models``), a list of ``{"id", "label", "vision"}`` (``/models/<provider>``), and groups
    of those (``/models/AnyProvider``); older servers used ``model`` or ``name`` for the id."""
    found: dict[str, ModelInfo] = {}

    def add(entry: Any) -> None:
        if isinstance(entry, str) and entry:
            found.setdefault(entry, ModelInfo(entry))
        elif isinstance(entry, dict):
            if isinstance(entry.get("models"), list):  # a group
                for inner in entry["models"]:
                    add(inner)
                return
            ident = entry.get("id") or entry.get("model") or entry.get("name")
            if isinstance(ident, str) and ident:
                label = entry.get("label")
                vision = entry.get("vision")
                found.setdefault(
                    ident,
                    ModelInfo(
                        ident,
                        label=label if isinstance(label, str) and label != ident else None,
                        vision=vision if isinstance(vision, bool) else None,
                    ),
                )

    entries = [e for names in data.values() for e in names] if isinstance(data, dict) else data
    for entry in entries if isinstance(entries, list) else []:
        add(entry)
    return list(found.values())


def merge_conversation(stored: Mapping[str, Any] | None, event: RawResponse) -> dict[str, Any]:
    """``stored`` with a ``conversation`` event's data merged in, keyed by provider name, as
    g4f's web client keeps it between turns."""
    merged = dict(stored or {})
    data = event.data.get("conversation")
    if isinstance(data, dict):
        merged.update(data)
    return merged


def conversation_for(provider: str | None, stored: Any) -> Any:
    """What to send back as ``conversation``: the chosen provider's entry, or all of it when the
    server routes (AnyProvider), as g4f's web client does."""
    if not isinstance(stored, dict) or not stored:
        return None
    if not provider or provider == ANY_PROVIDER:
        return stored
    return stored.get(provider)


def parse_event(data: Any, calls: CallPieces | None = None) -> list[StreamItem]:
    """The chunks of one backend event, or the ProviderError it reports. Pieces of tool
    calls go to ``calls``, whose whole calls come out before the finish reason."""
    if isinstance(data, dict) and "type" not in data and data.get("error"):
        raise error_from_body(BackendApi.display_name(), data)  # a JSON error document
    if not isinstance(data, dict) or not isinstance(kind := data.get("type"), str):
        raise MalformedStreamError(
            QT_TRANSLATE_NOOP("Providers", "the server sent an event without a type")
        )
    value = data.get(kind)
    if kind == "content":
        return [value] if isinstance(value, str) and value else []
    if kind == "reasoning":
        token, status = data.get("token") or value, data.get("status")
        if isinstance(token, str) or status:
            return [Reasoning(token if isinstance(token, str) else "", status)]
        return []
    if kind == "provider" and isinstance(value, dict):
        return [ProviderInfo(str(value.get("name", "")), value.get("model"), value.get("label"))]
    if kind == "finish":
        reason = value.get("reason") if isinstance(value, dict) else value
        held: list[StreamItem] = list(calls.take()) if calls else []
        return [*held, FinishReason("tool_calls" if held else str(reason or "stop"))]
    if kind == "usage" and isinstance(value, dict):
        return [
            Usage(
                prompt_tokens=value.get("prompt_tokens"),
                completion_tokens=value.get("completion_tokens"),
                total_tokens=value.get("total_tokens"),
                reasoning_tokens=value.get("reasoning_tokens"),
            )
        ]
    if kind in ("error", "auth"):
        raise error_of_event(kind, value, data.get("message"))
    if kind == "tool_calls" and isinstance(value, list) and calls is not None:
        for entry in value:
            if isinstance(entry, dict):
                add_piece(calls, entry)
        return []
    # INFO_EVENTS and any type a newer server adds: passed on for the app to ignore or use.
    return [RawResponse(kind, {k: v for k, v in data.items() if k != "type"})]


def add_piece(calls: CallPieces, entry: dict[str, Any]) -> None:
    """One entry of a ``tool_calls`` event: OpenAI's streamed ``{"index", "id", "function":
    {"name", "arguments"}}``. Its arguments are JSON text, or an object from a provider that
    sent its call whole (g4f passes Anthropic's ``input`` on as it is)."""
    function = entry.get("function") or {}
    arguments = function.get("arguments")
    calls.add(
        entry.get("index", 0),
        id=entry.get("id"),
        name=function.get("name"),
        text=json.dumps(arguments) if isinstance(arguments, dict) else str(arguments or ""),
    )


def error_of_event(kind: str, value: Any, message: Any) -> ProviderError:
    """An ``error`` or ``auth`` event as the matching ProviderError. g4f sends the exception's
    class name as the value and "ClassName: text" as the message; the name is shown once."""
    class_name = value if isinstance(value, str) else ""
    if isinstance(message, dict):
        message = message.get("message") or str(message)
    text = str(message or class_name or "unknown error")
    if class_name and text.startswith(class_name + ": "):
        text = text[len(class_name) + 2 :]
    shown = f"{text} ({class_name})" if class_name and text != class_name else text
    default = AuthenticationError if kind == "auth" else StreamErrorEvent
    return _ERROR_KINDS.get(class_name, default)(excerpt(shown, 300))
