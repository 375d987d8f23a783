"""What a message carries, stored and restored the same way everywhere (history, drafts,
archives): images and files share one row shape, told apart by their MIME type."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from providers.files import PDF_MIME, TEXT_MIME, Attachment, PreparedFile
from providers.media import PreparedImage

FILE_MIMES = frozenset({PDF_MIME, TEXT_MIME})


def fields(a: Attachment) -> dict[str, Any]:
    """The columns of ``a`` besides its bytes."""
    if isinstance(a, PreparedFile):
        return {"name": a.name, "mime": a.mime, "width": 0, "height": 0,
                "pages": a.pages, "language": a.language}  # fmt: skip
    return {"name": a.name, "mime": a.mime, "width": a.width, "height": a.height,
            "pages": 0, "language": ""}  # fmt: skip


def from_fields(
    data: bytes,
    mime: str,
    name: str,
    width: int = 0,
    height: int = 0,
    pages: int = 0,
    language: str = "",
) -> Attachment:
    """An attachment from its stored columns."""
    if mime in FILE_MIMES:
        return PreparedFile(data, mime, name or "file", pages=pages, language=language)
    return PreparedImage(data, mime, width, height, name or "image")


def files_in(attachments: Iterable[Attachment]) -> list[PreparedFile]:
    return [a for a in attachments if isinstance(a, PreparedFile)]
