"""The AI365VIP protocol (a gpt4free seed provider): ``POST {url}/api/chat``, raw text reply.

The public service is gone, so this is unverified against the real thing: it implements the
protocol as gpt4free recorded it, applies ``model_aliases`` (the original never did) and
honours the proxy. Point the base URL at a compatible server to use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from .base import Message, StreamingProvider, StreamState, text_of
from .chunks import StreamItem
from .media import PreparedImage
from .text import QT_TRANSLATE_NOOP

_MODEL_CARDS: dict[str, tuple[str, int, int]] = {
    # id: (name, maxLength, tokenLimit), as the service's web client sent them
    "gpt-3.5-turbo": ("GPT-3.5", 3000, 2048),
    "gpt-3.5-turbo-16k": ("GPT-3.5-16k", 12000, 16000),
    "gpt-4o": ("GPT-4o", 24000, 4000),
}
DEFAULT_SYSTEM = "You are a helpful assistant."


class AI365VIP(StreamingProvider):
    """AI365VIP chat protocol."""

    label = QT_TRANSLATE_NOOP("Providers", "AI365VIP (unverified)")
    url = "https://chat.ai365vip.com"
    working = False
    supports_base_url = True
    default_model = "gpt-3.5-turbo"
    models = tuple(_MODEL_CARDS)
    model_aliases: ClassVar[dict[str, str]] = {"gpt-3.5": "gpt-3.5-turbo", "gpt-4": "gpt-4o"}
    note = QT_TRANSLATE_NOOP(
        "Providers",
        "The public AI365VIP service is gone; this speaks its protocol but is unverified.",
    )
    endpoint_path = "api/chat"
    framing = "raw"  # the reply body is the text itself
    needs_end = False

    @classmethod
    def request_headers(cls, api_key: str | None, base_url: str | None = None) -> dict[str, str]:
        base = (base_url or cls.url).rstrip("/")
        return {"Origin": base, "Referer": base + "/en", "Accept": "*/*"}

    @classmethod
    def build_payload(
        cls,
        model: str,
        messages: Sequence[Message],
        images: Sequence[PreparedImage],
        params: dict[str, Any],
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
            "temperature": float(params.get("temperature") or 1),
        }

    @classmethod
    def parse(cls, value: Any, state: StreamState) -> list[StreamItem]:
        return [value] if isinstance(value, str) and value else []


def format_prompt(messages: Sequence[Message]) -> str:
    """gpt4free's flattening of a conversation into one prompt (system messages go apart)."""
    lines = [
        f"{m['role'].capitalize()}: {text_of(m['content'])}"
        for m in messages
        if m.get("role") != "system"
    ]
    return "\n".join(lines) + "\nAssistant:"
