"""Ollama's native API: ``POST /api/chat`` streamed as one JSON object per line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import (
    LOCAL_SERVER_NOTE,
    Message,
    ModelInfo,
    StreamingProvider,
    StreamState,
    endpoint,
    images_of,
    last_user_index,
    text_of,
)
from .chunks import FinishReason, ProviderInfo, Reasoning, StreamItem, Usage
from .errors import MalformedStreamError, StreamErrorEvent
from .http import error_from_body, open_session
from .media import IMAGE_LIMITS, PreparedImage
from .openai_compat import function_tools
from .redact import excerpt
from .text import QT_TRANSLATE_NOOP
from .tools import calls_in, whole_call

_OPTIONS = {
    "temperature": "temperature",
    "max_tokens": "num_predict",
    "top_p": "top_p",
    "seed": "seed",
    "num_ctx": "num_ctx",
}


class Ollama(StreamingProvider):
    """Local models served by Ollama; no key needed."""

    label = "Ollama"
    url = "http://localhost:11434"
    supports_images = True
    supports_tools = True
    supports_base_url = True
    default_model = "llama3.2"
    models = ("llama3.2", "qwen2.5", "llava", "deepseek-r1")
    vision_models = ("llava", "llama3.2-vision", "gemma3", "qwen2.5vl")
    image_limits = IMAGE_LIMITS["ollama"]
    note = LOCAL_SERVER_NOTE
    endpoint_path = "api/chat"
    framing = "ndjson"
    needs_end = True  # the last line says done: true

    @classmethod
    def request_headers(cls, api_key: str | None, base_url: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {api_key}"} if api_key else {}

    @classmethod
    def build_payload(
        cls,
        model: str,
        messages: Sequence[Message],
        images: Sequence[PreparedImage],
        params: dict[str, Any],
    ) -> dict[str, Any]:
        turns: list[dict[str, Any]] = []
        for m in messages:
            turns.append({"role": m["role"], "content": text_of(m["content"])})
            if earlier := images_of(m["content"]):
                turns[-1]["images"] = [data for _mime, data in earlier]
            if calls := calls_in(m):
                turns[-1]["tool_calls"] = [
                    {"function": {"name": c.name, "arguments": c.arguments}} for c in calls
                ]
            if m["role"] == "tool":
                turns[-1]["tool_name"] = m.get("name", "")
        if images and (index := last_user_index(turns)) >= 0:
            turns[index]["images"] = [
                *turns[index].get("images", []),
                *(image.base64() for image in images),
            ]
        payload: dict[str, Any] = {"model": model, "messages": turns, "stream": True}
        options = {_OPTIONS[k]: v for k, v in params.items() if k in _OPTIONS and v is not None}
        if options:
            payload["options"] = options
        if params.get("think") is not None:
            payload["think"] = params["think"]
        if tools := params.get("tools"):
            payload["tools"] = function_tools(tools)
        return payload

    @classmethod
    def parse(cls, value: Any, state: StreamState) -> list[StreamItem]:
        if not isinstance(value, dict):
            raise MalformedStreamError(
                QT_TRANSLATE_NOOP("Providers", "the server sent an unexpected line: {line}"),
                line=excerpt(str(value)),
            )
        if error := value.get("error"):
            if isinstance(error, dict):  # a gateway's JSON error document, not Ollama's string
                raise error_from_body(cls.display_name(), value)
            raise StreamErrorEvent(excerpt(str(error), 300))
        items: list[StreamItem] = []
        if not state.extra.get("started"):
            state.extra["started"] = True
            items.append(ProviderInfo(cls.get_name(), value.get("model")))
        message = value.get("message") or {}
        if thinking := message.get("thinking"):
            items.append(Reasoning(thinking))
        if content := message.get("content"):
            items.append(content)
        for call in message.get("tool_calls") or []:
            function = call.get("function") or {}
            items.append(
                whole_call(call.get("id"), function.get("name"), function.get("arguments"))
            )
            state.extra["calls"] = True
        if value.get("done"):
            reason = value.get("done_reason", "stop")
            kind = "length" if reason == "length" else "stop"
            if state.extra.get("calls") and kind == "stop":
                kind = "tool_calls"
            items.append(FinishReason(kind, detail=reason))
            state.usage = Usage(value.get("prompt_eval_count"), value.get("eval_count"))
            state.done = True
        return items

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
