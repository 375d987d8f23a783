"""OpenAI chat completions, and every vendor that speaks it, as presets of a few lines each."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Sequence
from typing import Any, ClassVar, cast

from .base import AsyncGeneratorProvider, MediaItem, Message, ModelInfo, endpoint, last_user_index
from .chunks import FinishReason, Reasoning, StreamItem, Usage
from .errors import MalformedStreamError, StreamClosedError, StreamErrorEvent
from .http import extract_message, open_session
from .media import IMAGE_LIMITS, ImageLimits, PreparedImage
from .redact import redact
from .streams import iter_sse

PASSTHROUGH = frozenset(
    {
        "temperature",
        "max_tokens",
        "max_completion_tokens",
        "top_p",
        "stop",
        "seed",
        "presence_penalty",
        "frequency_penalty",
        "reasoning_effort",
        "response_format",
    }
)
_FINISH = {
    "stop": "stop",
    "length": "length",
    "content_filter": "content_filter",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
}


class OpenaiCompatible(AsyncGeneratorProvider):
    """Any server with an OpenAI-compatible ``/chat/completions``; the base URL is the user's."""

    label = "OpenAI-compatible (custom URL)"
    url = "http://localhost:8000/v1"
    supports_images = True
    supports_base_url = True
    default_model = ""
    image_limits = IMAGE_LIMITS["openai"]
    extra_headers: ClassVar[dict[str, str]] = {}

    @classmethod
    def base(cls, base_url: str | None) -> str:
        return (base_url or cls.url).rstrip("/")

    @classmethod
    def headers(cls, api_key: str | None) -> dict[str, str]:
        headers = {"Accept": "text/event-stream", **cls.extra_headers}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        return headers

    @classmethod
    def build_messages(
        cls, messages: Sequence[Message], images: Sequence[PreparedImage]
    ) -> list[Message]:
        out = [dict(m) for m in messages]
        index = last_user_index(out)
        if images and index >= 0:
            content = out[index]["content"]
            parts: list[dict[str, Any]] = (
                list(content) if isinstance(content, list) else [{"type": "text", "text": content}]
            )
            parts += [{"type": "image_url", "image_url": {"url": i.data_uri()}} for i in images]
            out[index]["content"] = parts
        return out

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
        payload: dict[str, Any] = {
            "model": cls.get_model(model),
            "messages": cls.build_messages(messages, images),
            "stream": True,
            "stream_options": {"include_usage": True},
            **{k: v for k, v in params.items() if k in PASSTHROUGH and v is not None},
        }
        url = endpoint(cls.base(base_url), "chat/completions")
        name = cls.display_name()
        async with (
            open_session(name, url, proxy=proxy, timeouts=cls.timeouts) as session,
            session.request("POST", url, json_body=payload, headers=cls.headers(api_key)) as resp,
        ):
            finished = False
            async for event in iter_sse(session.iter_lines(resp)):
                if event.data.strip() == "[DONE]":
                    return
                data = event.json()
                if not isinstance(data, dict):
                    raise MalformedStreamError("unexpected event in the stream", provider=name)
                if data.get("error"):
                    raise StreamErrorEvent(
                        "the server reported an error during the reply: "
                        + redact(extract_message(json.dumps(data))),
                        provider=name,
                    )
                for item in parse_chunk(data):
                    finished = finished or isinstance(item, FinishReason)
                    yield item
            if not finished:
                raise StreamClosedError(
                    "the connection closed before the reply was complete", provider=name
                )

    @classmethod
    async def get_models(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[ModelInfo]:
        url = endpoint(cls.base(base_url), "models")
        headers = {k: v for k, v in cls.headers(api_key).items() if k != "Accept"}
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, headers)
        if isinstance(data, dict):
            data = data.get("data") or data.get("models")
        entries = data if isinstance(data, list) else []
        models = [
            ModelInfo(str(e["id"]), label=e.get("name"), owned_by=e.get("owned_by"))
            for e in entries
            if isinstance(e, dict) and e.get("id")
        ]
        return sorted(models, key=lambda m: m.id)


def parse_chunk(data: dict[str, Any]) -> list[StreamItem]:
    """Text, reasoning, finish and usage items of one ``chat.completion.chunk``."""
    items: list[StreamItem] = []
    for choice in data.get("choices") or []:
        if not isinstance(choice, dict) or choice.get("index", 0) != 0:
            continue  # with n > 1 only the first choice is shown
        delta = choice.get("delta") or {}
        reasoning = delta.get("reasoning_content") or delta.get("reasoning")
        if isinstance(reasoning, str) and reasoning:
            items.append(Reasoning(reasoning))
        for key in ("content", "refusal"):
            if isinstance(text := delta.get(key), str) and text:
                items.append(text)
        if reason := choice.get("finish_reason"):
            items.append(FinishReason(_FINISH.get(reason, "other"), detail=reason))
    if isinstance(usage := data.get("usage"), dict):
        details = usage.get("completion_tokens_details") or {}
        items.append(
            Usage(
                prompt_tokens=usage.get("prompt_tokens"),
                completion_tokens=usage.get("completion_tokens"),
                total_tokens=usage.get("total_tokens"),
                reasoning_tokens=details.get("reasoning_tokens"),
            )
        )
    return items


def preset(
    name: str,
    label: str,
    url: str,
    *,
    env_key: str | None = None,
    needs_auth: bool = True,
    default_model: str = "",
    models: Sequence[str] = (),
    supports_images: bool = True,
    image_limits: ImageLimits | None = None,
    note: str = "",
) -> type[OpenaiCompatible]:
    """A named OpenAI-compatible vendor: data only, no code."""
    attrs: dict[str, Any] = {
        "label": label,
        "url": url,
        "env_key": env_key,
        "needs_auth": needs_auth,
        "default_model": default_model,
        "models": tuple(models),
        "supports_images": supports_images,
        "note": note,
        "supports_base_url": not needs_auth,
        "__doc__": f"{label} (OpenAI-compatible preset).",
    }
    if image_limits:
        attrs["image_limits"] = image_limits
    return cast(type[OpenaiCompatible], type(name, (OpenaiCompatible,), attrs))


_LOCAL = "Runs on your machine; no key needed."

OpenAI = preset(
    "OpenAI",
    "OpenAI",
    "https://api.openai.com/v1",
    env_key="OPENAI_API_KEY",
    default_model="gpt-4o-mini",
    models=("gpt-4o-mini", "gpt-4o", "gpt-4.1"),
)
OpenRouter = preset(
    "OpenRouter",
    "OpenRouter",
    "https://openrouter.ai/api/v1",
    env_key="OPENROUTER_API_KEY",
    default_model="openrouter/auto",
)
Groq = preset(
    "Groq",
    "Groq",
    "https://api.groq.com/openai/v1",
    env_key="GROQ_API_KEY",
    default_model="llama-3.3-70b-versatile",
    supports_images=False,
)
DeepSeek = preset(
    "DeepSeek",
    "DeepSeek",
    "https://api.deepseek.com/v1",
    env_key="DEEPSEEK_API_KEY",
    default_model="deepseek-chat",
    models=("deepseek-chat", "deepseek-reasoner"),
    supports_images=False,
)
Mistral = preset(
    "Mistral",
    "Mistral",
    "https://api.mistral.ai/v1",
    env_key="MISTRAL_API_KEY",
    default_model="mistral-small-latest",
)
XAI = preset(
    "XAI", "xAI", "https://api.x.ai/v1", env_key="XAI_API_KEY", default_model="grok-3-mini"
)
Together = preset(
    "Together",
    "Together AI",
    "https://api.together.xyz/v1",
    env_key="TOGETHER_API_KEY",
    default_model="meta-llama/Llama-3.3-70B-Instruct-Turbo",
)
LMStudio = preset(
    "LMStudio", "LM Studio", "http://localhost:1234/v1", needs_auth=False, note=_LOCAL
)
LlamaCpp = preset(
    "LlamaCpp", "llama.cpp server", "http://localhost:8080/v1", needs_auth=False, note=_LOCAL
)
VLLM = preset("VLLM", "vLLM", "http://localhost:8000/v1", needs_auth=False, note=_LOCAL)
OllamaOpenAI = preset(
    "OllamaOpenAI",
    "Ollama (OpenAI API)",
    "http://localhost:11434/v1",
    needs_auth=False,
    note=_LOCAL,
)

PRESETS: tuple[type[OpenaiCompatible], ...] = (
    OpenAI,
    OpenRouter,
    Groq,
    DeepSeek,
    Mistral,
    XAI,
    Together,
    LMStudio,
    LlamaCpp,
    VLLM,
    OllamaOpenAI,
)


def custom_endpoint(name: str, base_url: str) -> type[OpenaiCompatible]:
    """A provider class for a server the user added by name and base URL."""
    slug = "".join(ch if ch.isalnum() else "_" for ch in name.strip()) or "Endpoint"
    return preset(
        f"Custom_{slug}",
        name.strip(),
        base_url.strip(),
        needs_auth=False,
        note=f"Your endpoint at {base_url.strip()}",
    )
