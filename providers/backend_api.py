"""The gpt4free backend: ``POST {url}/backend-api/v2/conversation`` (a seed provider).

Servers since late 2025 send SSE (``event: <type>`` + ``data: {"type": <type>, ...}``); older
ones send one bare JSON object per line. Both are accepted.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from typing import Any
from urllib.parse import quote

from .base import AsyncGeneratorProvider, MediaItem, Message, ModelInfo, endpoint
from .chunks import FinishReason, ProviderInfo, RawResponse, Reasoning, StreamItem, Usage
from .errors import (
    AuthenticationError,
    MalformedStreamError,
    ProviderError,
    StreamErrorEvent,
)
from .http import open_session
from .media import IMAGE_LIMITS
from .redact import redact
from .streams import ServerSentEvent, iter_sse_or_json

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
        "tool_calls",
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


class BackendApi(AsyncGeneratorProvider):
    """A gpt4free server (``g4f gui`` or ``g4f api``) that routes to many providers."""

    label = "gpt4free backend"
    url = "http://localhost:8080"
    supports_images = True
    supports_base_url = True
    env_key = "G4F_API_KEY"
    default_model = ""
    image_limits = IMAGE_LIMITS["g4f"]

    @classmethod
    async def create_async_generator(
        cls,
        model: str,
        messages: list[Message],
        *,
        media: Sequence[MediaItem] | None = None,
        api_key: str | None = None,
        proxy: str | None = None,
        base_url: str | None = None,
        **params: Any,
    ) -> AsyncGenerator[StreamItem, None]:
        images = await cls.prepare_media(media)
        payload: dict[str, Any] = {
            "model": cls.get_model(model),
            "messages": messages,
            **{k: v for k, v in params.items() if k in _PARAMS and v is not None},
        }
        if provider := params.get("provider"):
            payload["provider"] = provider
        if images:
            payload["media"] = [[image.data_uri(), image.name] for image in images]
        if api_key:
            payload["api_key"] = api_key
        url = endpoint(base_url or cls.url, "backend-api/v2/conversation")
        name = cls.display_name()
        headers = {"Accept": "text/event-stream", **({"x-api-key": api_key} if api_key else {})}
        async with (
            open_session(name, url, proxy=proxy, timeouts=cls.timeouts) as session,
            session.request("POST", url, json_body=payload, headers=headers) as response,
        ):
            # Old servers end without a finish event, so only a cut-off body is an error here.
            async for item in iter_sse_or_json(session.iter_lines(response)):
                data = item.json() if isinstance(item, ServerSentEvent) else item
                for chunk in parse_event(data, name):
                    yield chunk

    @classmethod
    async def get_providers(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[dict[str, Any]]:
        url = endpoint(base_url or cls.url, "backend-api/v2/providers")
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, _key_header(api_key))
        return [p for p in data if isinstance(p, dict)] if isinstance(data, list) else []

    @classmethod
    async def get_models(
        cls,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        proxy: str | None = None,
        provider: str | None = None,
    ) -> list[ModelInfo]:
        path = (
            f"backend-api/v2/models/{quote(provider, safe='')}"
            if provider
            else ("backend-api/v2/models")
        )
        url = endpoint(base_url or cls.url, path)
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, _key_header(api_key))
        models: list[ModelInfo] = []
        for entry in data if isinstance(data, list) else []:
            if isinstance(entry, str):
                models.append(ModelInfo(entry))
            elif isinstance(entry, dict) and (ident := entry.get("model") or entry.get("name")):
                models.append(ModelInfo(str(ident), vision=entry.get("vision")))
        return models


def _key_header(api_key: str | None) -> dict[str, str]:
    return {"x-api-key": api_key} if api_key else {}


def parse_event(data: Any, provider: str) -> list[StreamItem]:
    """The chunks of one backend event, or the ProviderError it reports."""
    if not isinstance(data, dict) or not isinstance(kind := data.get("type"), str):
        raise MalformedStreamError("the server sent an event without a type", provider=provider)
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
        return [FinishReason(str(reason or "stop"))]
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
        message = data.get("message") or value or "unknown error"
        if isinstance(message, dict):
            message = message.get("message") or str(message)
        label = f"{value}: " if kind == "error" and data.get("message") and value else ""
        error_type: type[ProviderError] = (
            AuthenticationError if kind == "auth" else (StreamErrorEvent)
        )
        raise error_type(redact(f"{label}{message}"), provider=provider)
    # INFO_EVENTS and any type a newer server adds: passed on for the app to ignore or use.
    return [RawResponse(kind, {k: v for k, v in data.items() if k != "type"})]
