"""OpenAI chat completions, and every vendor that speaks it, as presets of a few lines each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, cast

from .base import (
    LOCAL_SERVER_NOTE,
    Message,
    ModelInfo,
    StreamingProvider,
    StreamState,
    content_parts,
    endpoint,
    last_user_index,
    text_of,
)
from .chunks import FinishReason, Reasoning, StreamItem, Usage
from .errors import MalformedStreamError
from .file_parts import FILE_LIMITS, FileLimits
from .http import error_from_body, open_session
from .media import IMAGE_LIMITS, ImageLimits, PreparedImage
from .text import QT_TRANSLATE_NOOP
from .tools import CallPieces, ToolSpec

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


class OpenaiCompatible(StreamingProvider):
    """Any server with an OpenAI-compatible ``/chat/completions``; the base URL is the user's."""

    label = QT_TRANSLATE_NOOP("Providers", "OpenAI-compatible (custom URL)")
    url = "http://localhost:8000/v1"
    supports_images = True
    images_depend_on_model = True
    supports_tools = True
    supports_base_url = True
    default_model = ""
    image_limits = IMAGE_LIMITS["openai"]
    extra_headers: ClassVar[dict[str, str]] = {}
    framing = "sse"
    needs_end = True

    @classmethod
    def base(cls, base_url: str | None) -> str:
        return (base_url or cls.url).rstrip("/")

    @classmethod
    def request_url(cls, base_url: str | None, model: str) -> str:
        return endpoint(cls.base(base_url), "chat/completions")

    @classmethod
    def request_headers(cls, api_key: str | None, base_url: str | None = None) -> dict[str, str]:
        headers = {"Accept": "text/event-stream", **cls.extra_headers}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        return headers

    @classmethod
    def build_messages(
        cls, messages: Sequence[Message], images: Sequence[PreparedImage]
    ) -> list[Message]:
        out = wire_messages(messages)
        index = last_user_index(out)
        if images and index >= 0:
            parts = content_parts(out[index]["content"])
            parts += [{"type": "image_url", "image_url": {"url": i.data_uri()}} for i in images]
            out[index]["content"] = parts
        return out

    @classmethod
    def build_payload(
        cls,
        model: str,
        messages: Sequence[Message],
        images: Sequence[PreparedImage],
        params: dict[str, Any],
    ) -> dict[str, Any]:
        payload = {
            "model": model,
            "messages": cls.build_messages(messages, images),
            "stream": True,
            "stream_options": {"include_usage": True},
            **{k: v for k, v in params.items() if k in PASSTHROUGH and v is not None},
        }
        if tools := params.get("tools"):
            payload["tools"] = function_tools(tools)
        return payload

    @classmethod
    def parse(cls, value: Any, state: StreamState) -> list[StreamItem]:
        if not isinstance(value, dict):
            raise MalformedStreamError(
                QT_TRANSLATE_NOOP("Providers", "the server sent an event that is not a JSON object")
            )
        if value.get("error"):
            raise error_from_body(cls.display_name(), value)
        items = parse_chunk(value, state.extra.setdefault("calls", CallPieces()))
        if isinstance(usage := value.get("usage"), dict):
            state.usage = usage_of(usage)
        return items

    @classmethod
    def flush(cls, state: StreamState) -> list[StreamItem]:
        pieces: CallPieces | None = state.extra.get("calls")
        return list(pieces.take()) if pieces else []

    @classmethod
    async def get_models(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[ModelInfo]:
        url = endpoint(cls.base(base_url), "models")
        headers = {k: v for k, v in cls.request_headers(api_key).items() if k != "Accept"}
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


def parse_chunk(data: dict[str, Any], calls: CallPieces) -> list[StreamItem]:
    """Text, reasoning, tool call and finish items of one ``chat.completion.chunk`` (usage is
    apart). A call's name and arguments come in pieces under its ``index``; the calls are
    passed on whole, just before the finish reason."""
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
        for piece in delta.get("tool_calls") or []:
            function = piece.get("function") or {}
            calls.add(
                piece.get("index", 0),
                id=piece.get("id"),
                name=function.get("name"),
                text=function.get("arguments") or "",
            )
        if reason := choice.get("finish_reason"):
            held = calls.take()
            items += held
            kind = "tool_calls" if held else _FINISH.get(reason, "other")
            items.append(FinishReason(kind, detail=reason))
    return items


def function_tools(tools: Sequence[ToolSpec]) -> list[dict[str, Any]]:
    """Tool declarations as OpenAI's ``tools`` (Ollama's native API takes the same)."""
    return [
        {
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description,
                "parameters": tool.parameters(),
            },
        }
        for tool in tools
    ]


def wire_messages(messages: Sequence[Message]) -> list[Message]:
    """The conversation as chat completions takes it: tool turns with only the fields the
    API knows, and a tool result's images in a user turn after the results (a ``tool``
    message holds text only)."""
    out: list[Message] = []
    pictures: list[dict[str, Any]] = []
    for message in messages:
        if message.get("role") != "tool" and pictures:
            out.append({"role": "user", "content": pictures})
            pictures = []
        if message.get("role") == "tool":
            content = message.get("content")
            if isinstance(content, list):
                pictures += [p for p in content if p.get("type") == "image_url"]
            out.append(
                {
                    "role": "tool",
                    "tool_call_id": message.get("tool_call_id", ""),
                    "content": text_of(content),
                }
            )
        elif message.get("tool_calls"):
            out.append(
                {
                    "role": "assistant",
                    "content": message.get("content") or None,
                    "tool_calls": [
                        {"id": e.get("id"), "type": "function", "function": e.get("function")}
                        for e in message["tool_calls"]
                    ],
                }
            )
        else:
            out.append(dict(message))
    if pictures:
        out.append({"role": "user", "content": pictures})
    return out


def usage_of(usage: dict[str, Any]) -> Usage:
    """OpenAI's usage object as a Usage."""
    details = usage.get("completion_tokens_details") or {}
    return Usage(
        prompt_tokens=usage.get("prompt_tokens"),
        completion_tokens=usage.get("completion_tokens"),
        total_tokens=usage.get("total_tokens"),
        reasoning_tokens=details.get("reasoning_tokens"),
    )


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
    images_depend_on_model: bool = False,
    tool_models: Sequence[str] = (),
    image_limits: ImageLimits | None = None,
    file_limits: FileLimits | None = None,
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
        "tool_models": tuple(tool_models),
        "supports_images": supports_images,
        "images_depend_on_model": images_depend_on_model,
        "note": note,
        "supports_base_url": not needs_auth,
        "__doc__": f"{label} (OpenAI-compatible preset).",
    }
    if image_limits:
        attrs["image_limits"] = image_limits
    if file_limits:
        attrs["file_limits"] = file_limits
    return cast(type[OpenaiCompatible], type(name, (OpenaiCompatible,), attrs))


_LOCAL_SERVER: dict[str, Any] = {
    "needs_auth": False,
    "images_depend_on_model": True,  # only a vision model (llama.cpp: with --mmproj) reads them
    "note": LOCAL_SERVER_NOTE,
}

OpenAI = preset(
    "OpenAI",
    "OpenAI",
    "https://api.openai.com/v1",
    env_key="OPENAI_API_KEY",
    default_model="gpt-4o-mini",
    models=("gpt-4o-mini", "gpt-4o", "gpt-4.1"),
    tool_models=("gpt-4o-mini", "gpt-4o", "gpt-4.1"),
    file_limits=FILE_LIMITS["openai"],
)
OpenRouter = preset(
    "OpenRouter",
    "OpenRouter",
    "https://openrouter.ai/api/v1",
    env_key="OPENROUTER_API_KEY",
    default_model="openrouter/auto",
    file_limits=FILE_LIMITS["openai"],  # it takes OpenAI's file part for every model
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
LMStudio = preset("LMStudio", "LM Studio", "http://localhost:1234/v1", **_LOCAL_SERVER)
LlamaCpp = preset(
    "LlamaCpp",
    QT_TRANSLATE_NOOP("Providers", "llama.cpp server"),
    "http://localhost:8080/v1",
    **_LOCAL_SERVER,
)
VLLM = preset("VLLM", "vLLM", "http://localhost:8000/v1", **_LOCAL_SERVER)
OllamaOpenAI = preset(
    "OllamaOpenAI",
    QT_TRANSLATE_NOOP("Providers", "Ollama (OpenAI API)"),
    "http://localhost:11434/v1",
    **_LOCAL_SERVER,
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
        images_depend_on_model=True,
        note=f"Your endpoint at {base_url.strip()}",
    )
