"""A message of only an image is a turn: every family sends it, with no empty text part."""

from __future__ import annotations

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
