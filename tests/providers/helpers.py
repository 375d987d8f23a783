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


async def _pieces(body: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


async def replay(provider: Any, body: bytes, piece: int = 7) -> list[StreamItem]:
    """A provider's items for a recorded body cut into ``piece``-byte reads, without a server."""
    return await collect(provider.replay(_pieces(body, piece)))


async def replay_until_error(
    provider: Any, body: bytes, piece: int = 7
) -> tuple[list[StreamItem], BaseException]:
    """The items passed on before the body's error, and the error."""
    got: list[StreamItem] = []
    try:
        async for item in provider.replay(_pieces(body, piece)):
            got.append(item)
    except Exception as exc:  # the caller asserts which
        return got, exc
    raise AssertionError(f"no error; items: {got!r}")


PIECES = (1, 7, 64)
"""Read sizes every recorded stream is replayed at: a frame split at every byte, and more."""
