"""The AI365VIP protocol (a gpt4free seed provider): ``POST {url}/api/chat``, raw text reply.

The public service is gone, so this is unverified against the real thing: it implements the
protocol as gpt4free recorded it, applies ``model_aliases`` (the original never did) and
honours the proxy. Point the base URL at a compatible server to use it.
"""

from __future__ import annotations

import codecs
from collections.abc import AsyncGenerator, Sequence
from typing import Any, ClassVar

from .base import AsyncGeneratorProvider, MediaItem, Message, endpoint, text_of
from .chunks import StreamItem
from .errors import UnsupportedError
from .http import open_session

_MODEL_CARDS: dict[str, tuple[str, int, int]] = {
    # id: (name, maxLength, tokenLimit), as the service's web client sent them
    "gpt-3.5-turbo": ("GPT-3.5", 3000, 2048),
    "gpt-3.5-turbo-16k": ("GPT-3.5-16k", 12000, 16000),
    "gpt-4o": ("GPT-4o", 24000, 4000),
}
DEFAULT_SYSTEM = "You are a helpful assistant."


class AI365VIP(AsyncGeneratorProvider):
    """AI365VIP chat protocol."""

    label = "AI365VIP (unverified)"
    url = "https://chat.ai365vip.com"
    working = False
    supports_base_url = True
    default_model = "gpt-3.5-turbo"
    models = tuple(_MODEL_CARDS)
    model_aliases: ClassVar[dict[str, str]] = {"gpt-3.5": "gpt-3.5-turbo", "gpt-4": "gpt-4o"}
    note = "The public AI365VIP service is gone; this speaks its protocol but is unverified."

    @classmethod
    def build_payload(
        cls, model: str, messages: Sequence[Message], temperature: float
    ) -> dict[str, Any]:
        system = "\n".join(text_of(m["content"]) for m in messages if m.get("role") == "system")
        name, max_length, token_limit = _MODEL_CARDS.get(model, (model, 3000, 2048))
        return {
            "model": {
                "id": model,
                "name": name,
                "maxLength": max_length,
                "tokenLimit": token_limit,
            },
            "messages": [{"role": "user", "content": format_prompt(messages)}],
            "key": "",
            "prompt": system or DEFAULT_SYSTEM,
            "temperature": temperature,
        }

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
        if media:
            raise UnsupportedError("this provider cannot read images", provider=cls.label)
        base = (base_url or cls.url).rstrip("/")
        payload = cls.build_payload(
            cls.get_model(model), messages, float(params.get("temperature") or 1)
        )
        headers = {"Origin": base, "Referer": base + "/en", "Accept": "*/*"}
        url = endpoint(base, "api/chat")
        async with (
            open_session(cls.label, url, proxy=proxy, timeouts=cls.timeouts) as session,
            session.request("POST", url, json_body=payload, headers=headers) as response,
        ):
            decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
            async for chunk in session.iter_chunks(response):
                if text := decoder.decode(chunk):
                    yield text
            if tail := decoder.decode(b"", final=True):
                yield tail


def format_prompt(messages: Sequence[Message]) -> str:
    """gpt4free's flattening of a conversation into one prompt (system messages go apart)."""
    lines = [
        f"{m['role'].capitalize()}: {text_of(m['content'])}"
        for m in messages
        if m.get("role") != "system"
    ]
    return "\n".join(lines) + "\nAssistant:"
