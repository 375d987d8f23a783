"""Google Gemini: ``models/{model}:streamGenerateContent?alt=sse``, key in a header."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Sequence
from typing import Any
from urllib.parse import quote

from .base import AsyncGeneratorProvider, MediaItem, Message, ModelInfo, endpoint, text_of
from .chunks import FinishReason, Reasoning, StreamItem, Usage
from .errors import (
    ContentBlockedError,
    MalformedStreamError,
    StreamErrorEvent,
)
from .http import extract_message, open_session
from .media import IMAGE_LIMITS, PreparedImage
from .redact import redact
from .streams import ServerSentEvent, iter_sse_or_json

BLOCK_REASONS = {
    "SAFETY": "it was flagged by Google's safety filters",
    "RECITATION": "it repeated existing web or copyrighted text too closely",
    "BLOCKLIST": "it contained a blocked term",
    "PROHIBITED_CONTENT": "it touched prohibited content",
    "SPII": "it contained sensitive personal information",
    "IMAGE_SAFETY": "an image was flagged by Google's safety filters",
    "OTHER": "of an unspecified policy",
}
_FINISH = {"STOP": "stop", "MAX_TOKENS": "length", "MALFORMED_FUNCTION_CALL": "other"}
_KNOWN_KEYS = ("candidates", "promptFeedback", "usageMetadata", "error", "modelVersion")


class Gemini(AsyncGeneratorProvider):
    """Gemini models through the Generative Language API."""

    label = "Google Gemini"
    url = "https://generativelanguage.googleapis.com/v1beta"
    needs_auth = True
    supports_images = True
    supports_base_url = True
    env_key = "GEMINI_API_KEY"
    default_model = "gemini-2.5-flash"
    models = ("gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite", "gemini-2.0-flash")
    image_limits = IMAGE_LIMITS["gemini"]

    @classmethod
    def build_payload(
        cls,
        model: str,
        messages: Sequence[Message],
        images: Sequence[PreparedImage],
        params: dict[str, Any],
    ) -> dict[str, Any]:
        contents: list[dict[str, Any]] = [
            {
                "role": "model" if m["role"] == "assistant" else "user",
                "parts": [{"text": text_of(m["content"])}],
            }
            for m in messages
            if m["role"] in ("user", "assistant")
        ]
        if images and contents and contents[-1]["role"] == "user":
            contents[-1]["parts"] += [
                {"inline_data": {"mime_type": image.mime, "data": image.base64()}}
                for image in images
            ]
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
        model = cls.get_model(model).removeprefix("models/")
        images = await cls.prepare_media(media)
        payload = cls.build_payload(model, messages, images, params)
        url = endpoint(
            base_url or cls.url, f"models/{quote(model, safe='')}:streamGenerateContent?alt=sse"
        )
        name = cls.display_name()
        headers = {"x-goog-api-key": api_key or "", "Accept": "text/event-stream"}
        async with (
            open_session(name, url, proxy=proxy, timeouts=cls.timeouts) as session,
            session.request("POST", url, json_body=payload, headers=headers) as resp,
        ):
            # Some real streams end without a finishReason, so a clean end of body is the end;
            # a body cut short still fails in the transport (StreamClosedError).
            usage: Usage | None = None
            async for item in iter_sse_or_json(session.iter_lines(resp)):
                data = item.json() if isinstance(item, ServerSentEvent) else item
                chunks, usage_now = parse_response(data, name)
                usage = usage_now or usage
                for chunk in chunks:
                    yield chunk
            if usage:
                yield usage

    @classmethod
    async def get_models(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[ModelInfo]:
        url = endpoint(base_url or cls.url, "models?pageSize=1000")
        headers = {"x-goog-api-key": cls.require_key(api_key) or ""}
        async with open_session(cls.display_name(), url, proxy=proxy) as session:
            data = await session.get_json(url, headers)
        return [
            ModelInfo(str(m["name"]).removeprefix("models/"), label=m.get("displayName"))
            for m in data.get("models", [])
            if "generateContent" in m.get("supportedGenerationMethods", [])
        ]


def parse_response(data: Any, provider: str) -> tuple[list[StreamItem], Usage | None]:
    """The chunks and usage of one GenerateContentResponse, or the error it carries."""
    if not isinstance(data, dict) or not any(key in data for key in _KNOWN_KEYS):
        raise MalformedStreamError(
            f"the server sent an unexpected response: {json.dumps(data)[:80]}", provider=provider
        )
    if "error" in data:
        raise StreamErrorEvent(redact(extract_message(json.dumps(data))), provider=provider)
    feedback = data.get("promptFeedback") or {}
    if block := feedback.get("blockReason"):
        why = BLOCK_REASONS.get(block, BLOCK_REASONS["OTHER"])
        raise ContentBlockedError(
            f"the prompt was blocked because {why} ({block})", provider=provider
        )
    chunks: list[StreamItem] = []
    for candidate in data.get("candidates", [])[:1]:
        for part in (candidate.get("content") or {}).get("parts") or []:
            text = part.get("text")
            if isinstance(text, str) and text:
                chunks.append(Reasoning(text) if part.get("thought") else text)
        if reason := candidate.get("finishReason"):
            if reason in BLOCK_REASONS:
                raise ContentBlockedError(
                    f"the reply was stopped because {BLOCK_REASONS[reason]} ({reason})",
                    provider=provider,
                )
            chunks.append(FinishReason(_FINISH.get(reason, "other"), detail=reason))
    meta = data.get("usageMetadata")
    usage = None
    if isinstance(meta, dict):
        usage = Usage(
            prompt_tokens=meta.get("promptTokenCount"),
            completion_tokens=meta.get("candidatesTokenCount"),
            total_tokens=meta.get("totalTokenCount"),
            reasoning_tokens=meta.get("thoughtsTokenCount"),
        )
    return chunks, usage
