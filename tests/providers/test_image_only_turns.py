"""A message of only an image is a turn: every family sends it, with no empty text part."""

from __future__ import annotations

import json
from typing import Any

import pytest

from providers.anthropic import Anthropic
from providers.base import StreamingProvider
from providers.gemini import Gemini
from providers.media import ImageLimits, prepare
from providers.ollama import Ollama
from providers.openai_compat import OpenAI
from tests.providers.helpers import png_bytes

IMAGE = prepare(png_bytes(), ImageLimits())
MESSAGES = [{"role": "user", "content": ""}]


def parts(provider: type[StreamingProvider]) -> Any:
    payload = provider.build_payload("m", MESSAGES, [IMAGE], {})
    turns = payload.get("messages") or payload.get("contents")
    assert len(turns) == 1, payload
    return turns[0]


@pytest.mark.parametrize(
    ("provider", "expected"),
    [
        (
            OpenAI,
            {
                "role": "user",
                "content": [{"type": "image_url", "image_url": {"url": IMAGE.data_uri()}}],
            },
        ),
        (
            Anthropic,
            {
                "role": "user",
                "content": [
                    {
                        "type": "image",
                        "source": {
                            "type": "base64",
                            "media_type": "image/png",
                            "data": IMAGE.base64(),
                        },
                    }
                ],
            },
        ),
        (
            Gemini,
            {
                "role": "user",
                "parts": [{"inline_data": {"mime_type": "image/png", "data": IMAGE.base64()}}],
            },
        ),
        (Ollama, {"role": "user", "content": "", "images": [IMAGE.base64()]}),
    ],
    ids=["OpenAI", "Anthropic", "Gemini", "Ollama"],
)
def test_an_image_without_text_is_sent(provider: type[StreamingProvider], expected: Any) -> None:
    assert parts(provider) == expected


EARLIER = [
    {
        "role": "user",
        "content": [
            {"type": "text", "text": "what is this?"},
            {"type": "image_url", "image_url": {"url": IMAGE.data_uri()}},
        ],
    },
    {"role": "assistant", "content": "a square"},
    {"role": "user", "content": "and this?"},
]


def image_counts(provider: type[StreamingProvider]) -> list[int]:
    """How many images each turn of the payload carries, in the family's own shape."""
    payload = provider.build_payload("m", EARLIER, [IMAGE], {})
    turns = payload.get("messages") or payload.get("contents")
    counts = []
    for turn in turns:
        body = turn.get("content") or turn.get("parts") or []
        counts.append(
            len(turn.get("images", []))
            + sum(
                1
                for part in (body if isinstance(body, list) else [])
                if part.get("type") in ("image", "image_url") or "inline_data" in part
            )
        )
    return counts


@pytest.mark.parametrize("provider", [OpenAI, Anthropic, Gemini, Ollama], ids=lambda p: p.__name__)
def test_an_earlier_turn_keeps_its_image(provider: type[StreamingProvider]) -> None:
    assert image_counts(provider) == [1, 0, 1]
    payload = json.dumps(provider.build_payload("m", EARLIER, [IMAGE], {}))
    assert payload.count(IMAGE.base64()) == 2
    assert "what is this?" in payload
