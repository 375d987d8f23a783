"""Anthropic Messages API: ``POST /v1/messages`` streamed as ``event:`` + ``data:`` SSE."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import (
    Message,
    ModelInfo,
    StreamingProvider,
    StreamState,
    endpoint,
    images_of,
    text_of,
)
from .chunks import FinishReason, ProviderInfo, Reasoning, StreamItem, Usage
from .errors import (
    AuthenticationError,
    BadRequestError,
    ModelNotFoundError,
    ProviderError,
    RateLimitError,
    ServerError,
    StreamErrorEvent,
)
from .file_parts import FILE_LIMITS, files_of
from .files import PDF_MIME
from .http import open_session
from .media import IMAGE_LIMITS, PreparedImage
from .redact import excerpt
from .tools import CallPieces, calls_in

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
_ERROR_KINDS: dict[str, type[ProviderError]] = {
    "overloaded_error": ServerError,
    "api_error": ServerError,
    "rate_limit_error": RateLimitError,
    "authentication_error": AuthenticationError,
    "permission_error": AuthenticationError,
    "not_found_error": ModelNotFoundError,
    "invalid_request_error": BadRequestError,
    "request_too_large": BadRequestError,
}


class Anthropic(StreamingProvider):
    """Claude models through the Messages API."""

    label = "Anthropic"
    url = "https://api.anthropic.com/v1"
    needs_auth = True
    supports_images = True
    supports_tools = True
    supports_base_url = True
    env_key = "ANTHROPIC_API_KEY"
    default_model = "claude-sonnet-4-5"
    models = ("claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "claude-3-5-haiku-latest")
    tool_models = models  # every Claude model takes tools
    image_limits = IMAGE_LIMITS["anthropic"]
    file_limits = FILE_LIMITS["anthropic"]
    endpoint_path = "messages"
    framing = "sse"
    needs_end = True  # message_stop, or at least a stop_reason

    @classmethod
    def request_headers(cls, api_key: str | None, base_url: str | None = None) -> dict[str, str]:
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
        last_user = max((i for i, m in enumerate(messages) if m["role"] == "user"), default=-1)
        turns: list[dict[str, Any]] = []
        for i, m in enumerate(messages):
            if m["role"] == "tool":
                add_blocks(turns, "user", [tool_result_block(m)])
                continue
            text, pictures = text_of(m["content"]), images_of(m["content"])
            if i == last_user:
                pictures += [(image.mime, image.base64()) for image in images]
            blocks = [document_block(name, data) for name, data in files_of(m["content"])]
            blocks += [image_block(mime, data) for mime, data in pictures]
            blocks += [{"type": "text", "text": text}] if text else []
            blocks += [
                {"type": "tool_use", "id": call.id, "name": call.name, "input": call.arguments}
                for call in calls_in(m)
            ]
            if m["role"] not in ("user", "assistant") or not blocks:
                continue
            if len(blocks) == 1 and blocks[0]["type"] == "text":
                add_blocks(turns, m["role"], text)
            else:
                add_blocks(turns, m["role"], blocks)
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
        if tools := params.get("tools"):
            payload["tools"] = [
                {"name": t.name, "description": t.description, "input_schema": t.parameters()}
                for t in tools
            ]
        return payload

    @classmethod
    def parse(cls, value: Any, state: StreamState) -> list[StreamItem]:
        data: dict[str, Any] = value if isinstance(value, dict) else {}
        kind = data.get("type")
        if kind == "message_start":
            message = data.get("message") or {}
            count_usage(state, message.get("usage"))
            return [ProviderInfo(cls.get_name(), message.get("model"))]
        calls: CallPieces = state.extra.setdefault("calls", CallPieces())
        if kind == "content_block_start":
            block = data.get("content_block") or {}
            if block.get("type") == "tool_use":  # not server_tool_use: the API runs those
                calls.add(data.get("index"), id=block.get("id"), name=block.get("name"))
        elif kind == "content_block_delta":
            delta = data.get("delta") or {}
            if delta.get("type") == "text_delta" and delta.get("text"):
                return [delta["text"]]
            if delta.get("type") == "thinking_delta" and delta.get("thinking"):
                return [Reasoning(delta["thinking"])]
            if delta.get("type") == "input_json_delta":
                calls.add(data.get("index"), text=delta.get("partial_json") or "")
        elif kind == "content_block_stop":
            return list(calls.take(data.get("index")))
        elif kind == "message_delta":
            count_usage(state, data.get("usage"))
            if reason := (data.get("delta") or {}).get("stop_reason"):
                held: list[StreamItem] = list(calls.take())  # a block the stream left open
                return [*held, FinishReason(_FINISH.get(reason, "other"), detail=reason)]
        elif kind == "message_stop":
            state.done = True
        elif kind == "error":
            error = data.get("error") or {}
            error_type = str(error.get("type", "error"))
            kind_of = _ERROR_KINDS.get(error_type, StreamErrorEvent)
            raise kind_of(excerpt(f"{error.get('message', 'unknown error')} ({error_type})", 300))
        return []

    @classmethod
    async def get_models(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[ModelInfo]:
        url = endpoint(base_url or cls.url, "models?limit=1000")
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, cls.request_headers(cls.require_key(api_key)))
        return [
            ModelInfo(str(m["id"]), label=m.get("display_name"), vision=True, tools=True)
            for m in data.get("data", [])
            if isinstance(m, dict) and m.get("id")
        ]


def document_block(name: str, data: str) -> dict[str, Any]:
    """A PDF as Anthropic's ``document`` block, titled with its file name."""
    source = {"type": "base64", "media_type": PDF_MIME, "data": data}
    return {"type": "document", "source": source, "title": name}


def image_block(mime: str, data: str) -> dict[str, Any]:
    return {"type": "image", "source": {"type": "base64", "media_type": mime, "data": data}}


def tool_result_block(message: Message) -> dict[str, Any]:
    """A conversation's tool turn as a ``tool_result`` block (its images inside it)."""
    content = message.get("content")
    parts: list[dict[str, Any]] = [{"type": "text", "text": text_of(content) or "(no output)"}]
    parts += [image_block(mime, data) for mime, data in images_of(content)]
    block = {
        "type": "tool_result",
        "tool_use_id": message.get("tool_call_id", ""),
        "content": parts,
    }
    if message.get("is_error"):
        block["is_error"] = True
    return block


def add_blocks(turns: list[dict[str, Any]], role: str, content: str | list[dict[str, Any]]) -> None:
    """Append a turn, joined to the last one when both are the user's and either holds tool
    results: the results of parallel calls, and what the user wrote after them, go back in
    one user turn, as the API asks."""
    last = turns[-1] if turns else None
    if last and last["role"] == role == "user" and (has_results(last) or isinstance(content, list)):
        blocks = content if isinstance(content, list) else [{"type": "text", "text": content}]
        earlier = last["content"]
        if isinstance(earlier, str):
            earlier = [{"type": "text", "text": earlier}]
        last["content"] = [*earlier, *blocks]
        return
    turns.append({"role": role, "content": content})


def has_results(turn: dict[str, Any]) -> bool:
    content = turn["content"]
    return isinstance(content, list) and any(b.get("type") == "tool_result" for b in content)


def count_usage(state: StreamState, usage: Any) -> None:
    """Fold one usage object into the reply's counts. Prompt tokens include the cached ones
    (read or written): Anthropic counts them apart from ``input_tokens``."""
    if not isinstance(usage, dict):
        return
    counts: dict[str, int] = state.extra.setdefault("usage", {})
    counts.update({k: v for k, v in usage.items() if isinstance(v, int)})
    prompt_parts = ("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")
    prompt = sum(counts.get(k, 0) for k in prompt_parts) if "input_tokens" in counts else None
    state.usage = Usage(prompt, counts.get("output_tokens"))
