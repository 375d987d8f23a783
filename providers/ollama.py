"""Ollama's native API: ``POST /api/chat`` streamed as one JSON object per line."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from typing import Any

from .base import (
    AsyncGeneratorProvider,
    MediaItem,
    Message,
    ModelInfo,
    endpoint,
    last_user_index,
    text_of,
)
from .chunks import FinishReason, ProviderInfo, Reasoning, StreamItem, Usage
from .errors import StreamClosedError, StreamErrorEvent
from .http import open_session
from .media import IMAGE_LIMITS
from .redact import redact
from .streams import iter_ndjson

_OPTIONS = {
    "temperature": "temperature",
    "max_tokens": "num_predict",
    "top_p": "top_p",
    "seed": "seed",
    "num_ctx": "num_ctx",
}


class Ollama(AsyncGeneratorProvider):
    """Local models served by Ollama; no key needed."""

    label = "Ollama"
    url = "http://localhost:11434"
    supports_images = True
    supports_base_url = True
    default_model = "llama3.2"
    models = ("llama3.2", "qwen2.5", "llava", "deepseek-r1")
    vision_models = ("llava", "llama3.2-vision", "gemma3", "qwen2.5vl")
    image_limits = IMAGE_LIMITS["ollama"]
    note = "Runs on your machine; no key needed."

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
        turns: list[dict[str, Any]] = [
            {"role": m["role"], "content": text_of(m["content"])} for m in messages
        ]
        if images and (index := last_user_index(turns)) >= 0:
            turns[index]["images"] = [image.base64() for image in images]
        payload: dict[str, Any] = {"model": cls.get_model(model), "messages": turns, "stream": True}
        options = {_OPTIONS[k]: v for k, v in params.items() if k in _OPTIONS and v is not None}
        if options:
            payload["options"] = options
        if params.get("think") is not None:
            payload["think"] = params["think"]
        url = endpoint(base_url or cls.url, "api/chat")
        name = cls.display_name()
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        async with (
            open_session(name, url, proxy=proxy, timeouts=cls.timeouts) as session,
            session.request("POST", url, json_body=payload, headers=headers) as resp,
        ):
            first = True
            async for data in iter_ndjson(session.iter_lines(resp)):
                if error := data.get("error"):
                    raise StreamErrorEvent(redact(str(error)), provider=name)
                if first:
                    first = False
                    yield ProviderInfo(cls.get_name(), data.get("model"))
                message = data.get("message") or {}
                if thinking := message.get("thinking"):
                    yield Reasoning(thinking)
                if content := message.get("content"):
                    yield content
                if data.get("done"):
                    reason = data.get("done_reason", "stop")
                    yield FinishReason("length" if reason == "length" else "stop", detail=reason)
                    yield Usage(data.get("prompt_eval_count"), data.get("eval_count"))
                    return
            raise StreamClosedError(
                "the connection closed before the reply was complete", provider=name
            )

    @classmethod
    async def get_models(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[ModelInfo]:
        url = endpoint(base_url or cls.url, "api/tags")
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url)
        return [
            ModelInfo(str(m["name"]), vision=_is_vision(m))
            for m in data.get("models", [])
            if isinstance(m, dict) and m.get("name")
        ]


def _is_vision(entry: dict[str, Any]) -> bool | None:
    families = (entry.get("details") or {}).get("families") or []
    if "clip" in families or "mllama" in families:
        return True
    return None
