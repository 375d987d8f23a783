"""Google Gemini: ``models/{model}:streamGenerateContent?alt=sse``, key in a header."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from .base import (
    Message,
    ModelInfo,
    StreamingProvider,
    StreamState,
    endpoint,
    images_of,
    text_of,
)
from .chunks import FinishReason, Reasoning, StreamItem, ToolCall, Usage
from .errors import ContentBlockedError, MalformedStreamError
from .file_parts import FILE_LIMITS, files_of
from .files import PDF_MIME
from .http import error_from_body, open_session
from .media import IMAGE_LIMITS, PreparedImage
from .redact import excerpt
from .text import QT_TRANSLATE_NOOP
from .tools import GENERATED_ID, calls_in, whole_call

BLOCK_REASONS = {
    "SAFETY": QT_TRANSLATE_NOOP("Providers", "it was flagged by Google's safety filters"),
    "RECITATION": QT_TRANSLATE_NOOP(
        "Providers", "it repeated existing web or copyrighted text too closely"
    ),
    "BLOCKLIST": QT_TRANSLATE_NOOP("Providers", "it contained a blocked term"),
    "PROHIBITED_CONTENT": QT_TRANSLATE_NOOP("Providers", "it touched prohibited content"),
    "SPII": QT_TRANSLATE_NOOP("Providers", "it contained sensitive personal information"),
    "IMAGE_SAFETY": QT_TRANSLATE_NOOP(
        "Providers", "an image was flagged by Google's safety filters"
    ),
    "OTHER": QT_TRANSLATE_NOOP("Providers", "of an unspecified policy"),
}
_FINISH = {"STOP": "stop", "MAX_TOKENS": "length", "MALFORMED_FUNCTION_CALL": "other"}
_KNOWN_KEYS = ("candidates", "promptFeedback", "usageMetadata", "error", "modelVersion")


class Gemini(StreamingProvider):
    """Gemini models through the Generative Language API."""

    label = "Google Gemini"
    url = "https://generativelanguage.googleapis.com/v1beta"
    needs_auth = True
    supports_images = True
    supports_tools = True
    supports_base_url = True
    env_key = "GEMINI_API_KEY"
    default_model = "gemini-2.5-flash"
    models = ("gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite", "gemini-2.0-flash")
    image_limits = IMAGE_LIMITS["gemini"]
    file_limits = FILE_LIMITS["gemini"]
    framing = "sse-or-json"  # a mid-stream failure comes as a bare, pretty-printed JSON object
    needs_end = False  # some real streams end without a finishReason

    @classmethod
    def build_payload(
        cls,
        model: str,
        messages: Sequence[Message],
        images: Sequence[PreparedImage],
        params: dict[str, Any],
    ) -> dict[str, Any]:
        contents: list[dict[str, Any]] = []
        for m in messages:
            if m["role"] not in ("user", "assistant", "tool"):
                continue
            role = "model" if m["role"] == "assistant" else "user"
            parts = [function_response(m)] if m["role"] == "tool" else []
            if m["role"] != "tool" and (text := text_of(m["content"])):
                parts.append({"text": text})
            parts[:0] = [  # a PDF before the question, as Google advises
                {"inline_data": {"mime_type": PDF_MIME, "data": data}}
                for _name, data in files_of(m["content"])
            ]
            parts += [
                {"inline_data": {"mime_type": mime, "data": data}}
                for mime, data in images_of(m["content"])
            ]
            parts += [function_call(call) for call in calls_in(m)]
            if m["role"] == "tool" and contents and contents[-1]["role"] == "user":
                contents[-1]["parts"] += parts  # parallel calls' results: one turn
            else:
                contents.append({"role": role, "parts": parts})
        if images and contents and contents[-1]["role"] == "user":
            contents[-1]["parts"] += [
                {"inline_data": {"mime_type": image.mime, "data": image.base64()}}
                for image in images
            ]
        contents = [c for c in contents if c["parts"]]  # an empty part is refused
        config: dict[str, Any] = {}
        if params.get("temperature") is not None:
            config["temperature"] = params["temperature"]
        if params.get("max_tokens"):
            config["maxOutputTokens"] = int(params["max_tokens"])
        if params.get("include_thoughts", "2.5" in model or "thinking" in model):
            config["thinkingConfig"] = {"includeThoughts": True}
        payload: dict[str, Any] = {"contents": contents}
        if system := "\n\n".join(text_of(m["content"]) for m in messages if m["role"] == "system"):
            payload["systemInstruction"] = {"parts": [{"text": system}]}
        if config:
            payload["generationConfig"] = config
        if tools := params.get("tools"):
            payload["tools"] = [
                {
                    "functionDeclarations": [
                        {
                            "name": t.name,
                            "description": t.description,
                            "parametersJsonSchema": t.parameters(),
                        }
                        for t in tools
                    ]
                }
            ]
        return payload

    @classmethod
    def get_model(cls, model: str | None) -> str:
        return super().get_model(model).removeprefix("models/")

    @classmethod
    def request_url(cls, base_url: str | None, model: str) -> str:
        path = f"models/{quote(model, safe='')}:streamGenerateContent?alt=sse"
        return endpoint(base_url or cls.url, path)

    @classmethod
    def request_headers(cls, api_key: str | None, base_url: str | None = None) -> dict[str, str]:
        return {"x-goog-api-key": api_key or "", "Accept": "text/event-stream"}

    @classmethod
    def parse(cls, value: Any, state: StreamState) -> list[StreamItem]:
        return parse_response(value, state)

    @classmethod
    async def get_models(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[ModelInfo]:
        url = endpoint(base_url or cls.url, "models?pageSize=1000")
        headers = cls.request_headers(cls.require_key(api_key))
        del headers["Accept"]
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, headers)
        return [
            ModelInfo(str(m["name"]).removeprefix("models/"), label=m.get("displayName"))
            for m in data.get("models", [])
            if "generateContent" in m.get("supportedGenerationMethods", [])
        ]


def function_call(call: ToolCall) -> dict[str, Any]:
    """A call the model made, as a ``functionCall`` part (with its thought signature, which
    Gemini asks to be sent back with it)."""
    part: dict[str, Any] = {"functionCall": {"name": call.name, "args": call.arguments}}
    if not call.id.startswith(GENERATED_ID):
        part["functionCall"]["id"] = call.id
    if call.signature:
        part["thoughtSignature"] = call.signature
    return part


def function_response(message: Message) -> dict[str, Any]:
    """A conversation's tool turn as a ``functionResponse`` part: ``output``, or ``error``
    for a failed call, the keys the API documents for a response object."""
    key = "error" if message.get("is_error") else "output"
    response: dict[str, Any] = {
        "name": message.get("name", ""),
        "response": {key: text_of(message.get("content"))},
    }
    call_id = str(message.get("tool_call_id") or "")
    if call_id and not call_id.startswith(GENERATED_ID):
        response["id"] = call_id
    return {"functionResponse": response}


def parse_response(data: Any, state: StreamState) -> list[StreamItem]:
    """The chunks of one GenerateContentResponse; usage goes to ``state``, and a block becomes
    ``state.error`` so that the text and finish reason that came with it are not lost."""
    if not isinstance(data, dict) or not any(key in data for key in _KNOWN_KEYS):
        raise MalformedStreamError(
            QT_TRANSLATE_NOOP("Providers", "the server sent an unexpected response: {data}"),
            data=excerpt(json.dumps(data)),
        )
    if "error" in data:
        raise error_from_body(Gemini.display_name(), data)
    meta = data.get("usageMetadata")
    if isinstance(meta, dict):
        state.usage = Usage(
            prompt_tokens=meta.get("promptTokenCount"),
            completion_tokens=meta.get("candidatesTokenCount"),
            total_tokens=meta.get("totalTokenCount"),
            reasoning_tokens=meta.get("thoughtsTokenCount"),
        )
    feedback = data.get("promptFeedback") or {}
    if block := feedback.get("blockReason"):
        why = BLOCK_REASONS.get(block, BLOCK_REASONS["OTHER"])
        state.error = ContentBlockedError(
            QT_TRANSLATE_NOOP("Providers", "the prompt was blocked because {why} ({code})"),
            why=why,
            code=block,
        )
        return [FinishReason("content_filter", detail=block)]
    chunks: list[StreamItem] = []
    for candidate in data.get("candidates", [])[:1]:
        for part in (candidate.get("content") or {}).get("parts") or []:
            text = part.get("text")
            if isinstance(text, str) and text:
                chunks.append(Reasoning(text) if part.get("thought") else text)
            if isinstance(call := part.get("functionCall"), dict):
                state.extra["calls"] = True
                signature = part.get("thoughtSignature")
                chunks.append(
                    whole_call(call.get("id"), call.get("name"), call.get("args"), signature)
                )
        if reason := candidate.get("finishReason"):
            if reason == "STOP" and state.extra.get("calls"):
                chunks.append(FinishReason("tool_calls", detail=reason))
                continue
            if reason in BLOCK_REASONS:
                chunks.append(FinishReason("content_filter", detail=reason))
                state.error = ContentBlockedError(
                    QT_TRANSLATE_NOOP("Providers", "the reply was stopped because {why} ({code})"),
                    why=BLOCK_REASONS[reason],
                    code=reason,
                )
            else:
                chunks.append(FinishReason(_FINISH.get(reason, "other"), detail=reason))
    return chunks
