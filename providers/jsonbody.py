"""Request bodies as JSON bytes, with the megabytes of an attachment's base64 spliced in.

``json.dumps`` scans every character of a string it writes: a 4 MB picture's base64 held the
window's thread 8 ms a request. Base64 that Confab made (``Base64Text``) holds nothing JSON
escapes, so it goes into the body as it is; a text that merely looks like it (from an imported
archive) is written the usual way if it holds a quote or a backslash.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

SPLICE_LEAST = 65_536  # characters: shorter texts are written by json.dumps as usual


class Base64Text(str):
    """Base64, or a ``data:`` URI of it, made by Confab: writing it as JSON changes nothing."""

    __slots__ = ()


def json_bytes(value: Any) -> bytes:
    """``value`` as UTF-8 JSON, as ``json.dumps`` writes it."""
    token = secrets.token_hex(16)  # a placeholder no text of the request can hold
    spliced: list[str] = []

    def swap(item: Any) -> Any:
        if _spliced_as_is(item):
            spliced.append(item)
            return f"{token}{len(spliced) - 1}."
        if isinstance(item, dict):
            return {key: swap(inner) for key, inner in item.items()}
        if isinstance(item, list | tuple):
            return [swap(inner) for inner in item]
        return item

    text = json.dumps(swap(value))
    if not spliced:
        return text.encode()
    first, *rest = text.split(token)
    out = [first.encode()]
    for piece in rest:
        number, _, after = piece.partition(".")
        out += [spliced[int(number)].encode(), after.encode()]
    return b"".join(out)


def _spliced_as_is(item: Any) -> bool:
    """Long base64 Confab made, which JSON would leave as it is (quotes checked: cheap)."""
    return (
        isinstance(item, Base64Text)
        and len(item) >= SPLICE_LEAST
        and '"' not in item
        and "\\" not in item
    )
