"""Small helpers for provider tests."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from typing import Any

from PIL import Image

from providers.chunks import Reasoning, StreamItem


async def collect(stream: AsyncIterator[StreamItem]) -> list[StreamItem]:
    return [item async for item in stream]


def text(items: list[StreamItem]) -> str:
    return "".join(i for i in items if isinstance(i, str))


def reasoning(items: list[StreamItem]) -> str:
    return "".join(i.token for i in items if isinstance(i, Reasoning))


def of_type(items: list[Any], kind: type) -> list[Any]:
    return [i for i in items if isinstance(i, kind)]


def png_bytes(size: tuple[int, int] = (64, 48), color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()
