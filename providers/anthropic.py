"""Anthropic Messages API: ``POST /v1/messages`` streamed as ``event:`` + ``data:`` SSE."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from typing import Any

from .base import AsyncGeneratorProvider, MediaItem, Message, ModelInfo, endpoint, text_of
from .chunks import FinishReason, ProviderInfo, Reasoning, StreamItem, Usage
from .errors import StreamClosedError, StreamErrorEvent
from .http import open_session
from .media import IMAGE_LIMITS, PreparedImage
from .redact import redact
from .streams import iter_sse

API_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = 4096
_FINISH = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
    "pause_turn": "other",
}


class Anthropic(AsyncGeneratorProvider):
    """Claude models through the Messages API."""

    label = "Anthropic"
    url = "https://api.anthropic.com/v1"
    needs_auth = True
    supports_images = True
    supports_base_url = True
    env_key = "ANTHROPIC_API_KEY"
    default_model = "claude-sonnet-4-5"
    models = ("claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "claude-3-5-haiku-latest")
    image_limits = IMAGE_LIMITS["anthropic"]

    @classmethod
    def headers(cls, api_key: str | None) -> dict[str, str]:
        return {
            "x-api-key": api_key or "",
            "anthropic-version": API_VERSION,
            "Accept": "text/event-stream",
        }

    @classmethod
    def build_payload(
        cls,
        model: str,
        messages: Sequence[Message],
        images: Sequence[PreparedImage],
        params: dict[str, Any],
    ) -> dict[str, Any]:
        system = "\n\n".join(text_of(m["content"]) for m in messages if m["role"] == "system")
        turns = [
            {"role": m["role"], "content": text_of(m["content"])}
            for m in messages
            if m["role"] in ("user", "assistant") and text_of(m["content"])
        ]
        if images and turns and turns[-1]["role"] == "user":
            blocks: list[dict[str, Any]] = [
                {
                    "type": "image",
                    "source": {"type": "base64", "media_type": image.mime, "data": image.base64()},
                }
                for image in images
            ]
            turns[-1]["content"] = [*blocks, {"type": "text", "text": turns[-1]["content"]}]
        payload: dict[str, Any] = {
            "model": model,
            "max_tokens": int(params.get("max_tokens") or DEFAULT_MAX_TOKENS),
            "messages": turns,
            "stream": True,
        }
        if system:
            payload["system"] = system
        for key in ("temperature", "top_p", "top_k"):
            if params.get(key) is not None:
                payload[key] = params[key]
        if budget := params.get("thinking_budget"):
            payload["thinking"] = {"type": "enabled", "budget_tokens": int(budget)}
        return payload

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
        api_key = cls.require_key(api_key)
        images = await cls.prepare_media(media)
        payload = cls.build_payload(cls.get_model(model), messages, images, params)
        url = endpoint(base_url or cls.url, "messages")
        name = cls.display_name()
        async with (
            open_session(name, url, proxy=proxy, timeouts=cls.timeouts) as session,
            session.request("POST", url, json_body=payload, headers=cls.headers(api_key)) as resp,
        ):
            usage: dict[str, int] = {}
            async for event in iter_sse(session.iter_lines(resp)):
                data = event.json()
                kind = data.get("type", event.event) if isinstance(data, dict) else event.event
                if kind == "message_start":
                    message = data.get("message", {})
                    usage.update(message.get("usage") or {})
                    yield ProviderInfo(cls.get_name(), message.get("model"))
                elif kind == "content_block_delta":
                    delta = data.get("delta", {})
                    if delta.get("type") == "text_delta" and delta.get("text"):
                        yield delta["text"]
                    elif delta.get("type") == "thinking_delta" and delta.get("thinking"):
                        yield Reasoning(delta["thinking"])
                elif kind == "message_delta":
                    usage.update(data.get("usage") or {})
                    if reason := (data.get("delta") or {}).get("stop_reason"):
                        yield FinishReason(_FINISH.get(reason, "other"), detail=reason)
                elif kind == "message_stop":
                    yield Usage(usage.get("input_tokens"), usage.get("output_tokens"))
                    return
                elif kind == "error":
                    error = data.get("error") or {}
                    raise StreamErrorEvent(
                        redact(
                            f"{error.get('message', 'unknown error')} "
                            f"({error.get('type', 'error')})"
                        ),
                        provider=name,
                    )
            raise StreamClosedError(
                "the connection closed before the reply was complete", provider=name
            )

    @classmethod
    async def get_models(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[ModelInfo]:
        url = endpoint(base_url or cls.url, "models?limit=1000")
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, cls.headers(cls.require_key(api_key)))
        return [
            ModelInfo(str(m["id"]), label=m.get("display_name"), vision=True)
            for m in data.get("data", [])
            if isinstance(m, dict) and m.get("id")
        ]
