"""Files sent the way each API takes them.

Messages carry a PDF as OpenAI's ``file`` content part (``{"type": "file", "file":
{"filename", "file_data": "data:application/pdf;base64,…"}}``) and a text file as a text part
(``PreparedFile.part``). Before a request, ``for_provider`` keeps PDF parts for a family that
reads PDFs (its own converter writes its shape) and, for any other, replaces each with the
PDF's text, labelled with the file name and page markers; a scanned PDF (no text layer) goes as
page images to a provider that reads images, and is refused with a clear message otherwise.

The shapes and limits, from each vendor's documentation and SDK types (read 2026-12-05):

- OpenAI chat completions: a ``file`` part with ``filename`` and ``file_data`` (a data URI),
  PDFs only; up to 100 pages and 32 MB per request
  (developers.openai.com/api/docs/guides/file-inputs; openai-python
  ``ChatCompletionContentPartFileParam``). OpenRouter takes the same part.
- Anthropic Messages: a ``document`` block, ``source: {"type": "base64", "media_type":
  "application/pdf", "data"}`` and an optional ``title``; 100 pages and 32 MB per request
  (docs.anthropic.com PDF support; anthropic-sdk-python ``DocumentBlockParam``,
  ``Base64PDFSourceParam``).
- Gemini: an ``inline_data`` part with ``mime_type: application/pdf``; up to 1,000 pages, and
  20 MB for a request with inline data (ai.google.dev document processing).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import pdf
from .errors import MediaError
from .files import MAX_TEXT_CHARS, PDF_MIME
from .jsonbody import Base64Text
from .media import to_data_uri
from .text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from .base import BaseProvider, Message

_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileLimits:
    """What one API takes in files per request."""

    pdf: bool = False
    """PDFs are sent as they are (else as their text, or page images when scanned)."""
    max_pages: int = 100
    """Pages of PDFs sent as they are."""
    max_pdf_bytes: int = 32 * _MB
    """Bytes of PDFs sent as they are."""
    max_text_chars: int = MAX_TEXT_CHARS
    """Characters of PDF text in one request."""


FILE_LIMITS: dict[str, FileLimits] = {
    "openai": FileLimits(pdf=True, max_pages=100, max_pdf_bytes=32 * _MB),
    "anthropic": FileLimits(pdf=True, max_pages=100, max_pdf_bytes=32 * _MB),
    "gemini": FileLimits(pdf=True, max_pages=1000, max_pdf_bytes=20 * _MB),
    "text": FileLimits(),
}


class FileLimitError(MediaError):
    """Files over what the provider takes in one request; ``pdf`` (its place among the
    request's PDFs, in order), ``name`` and ``fits`` say which PDF could go if cut to its first
    ``fits`` pages (0: cutting one PDF is not enough)."""

    kind = "file_limit"

    def __init__(self, message: str, *, pdf: int, name: str, fits: int, **values: Any) -> None:
        super().__init__(message, name=name, **values)
        self.pdf = pdf
        self.name = name
        self.fits = fits


@dataclass(frozen=True, slots=True)
class PdfPart:
    """A PDF found in a message: where, its name and bytes."""

    message: int
    part: int
    name: str
    data: bytes


def _pdf_in(part: Any) -> tuple[str, str] | None:
    """The (file name, base64 data) of a ``file`` part holding a PDF data URI, else None."""
    if not (isinstance(part, dict) and part.get("type") == "file"):
        return None
    file = part.get("file") or {}
    header, _, data = str(file.get("file_data", "")).partition(",")
    if header != f"data:{PDF_MIME};base64":
        return None
    return str(file.get("filename") or "document.pdf"), Base64Text(data)


def pdf_parts(messages: Sequence[Message]) -> list[PdfPart]:
    """Every PDF ``file`` part of ``messages``, in order."""
    found = []
    for i, message in enumerate(messages):
        content = message.get("content")
        for j, part in enumerate(content if isinstance(content, list) else ()):
            if (pdf_file := _pdf_in(part)) is not None:
                found.append(PdfPart(i, j, pdf_file[0], base64.b64decode(pdf_file[1])))
    return found


def files_of(content: Any) -> list[tuple[str, str]]:
    """The (file name, base64 data) of each PDF ``file`` part of a message's content: what a
    family that reads PDFs writes in its own shape."""
    if not isinstance(content, list):
        return []
    return [found for part in content if (found := _pdf_in(part)) is not None]


async def check(provider: type[BaseProvider], messages: Sequence[Message]) -> None:
    """FileLimitError if the PDFs in ``messages`` are more than ``provider`` takes at once."""
    limits = provider.file_limits
    parts = pdf_parts(messages)
    if not parts:
        return
    reads = [await pdf.read(p.data, p.name) for p in parts]
    largest = max(range(len(parts)), key=lambda i: reads[i].pages)
    others = sum(r.pages for i, r in enumerate(reads) if i != largest)
    name = parts[largest].name
    if limits.pdf:
        pages = sum(r.pages for r in reads)
        if pages > limits.max_pages:
            raise FileLimitError(
                QT_TRANSLATE_NOOP(
                    "Providers",
                    "the PDFs have {pages} pages; at most {most} can be sent in one request",
                ),
                pdf=largest,
                name=name,
                fits=max(0, limits.max_pages - others),
                pages=pages,
                most=limits.max_pages,
                provider=provider.display_name(),
            )
        size = sum(len(p.data) for p in parts)
        if size > limits.max_pdf_bytes:
            raise FileLimitError(
                QT_TRANSLATE_NOOP(
                    "Providers",
                    "the PDFs come to {size} MB; at most {most} MB can be sent in one request",
                ),
                pdf=largest,
                name=name,
                fits=0,
                size=round(size / _MB, 1),
                most=limits.max_pdf_bytes // _MB,
                provider=provider.display_name(),
            )
        return
    chars = sum(sum(len(t) for t in r.texts) for r in reads)
    if chars > limits.max_text_chars:
        own = sum(len(t) for t in reads[largest].texts)
        raise FileLimitError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "the PDFs hold {chars} characters of text; at most {most} are sent in one request",
            ),
            pdf=largest,
            name=name,
            fits=_pages_within(reads[largest].texts, limits.max_text_chars - (chars - own)),
            chars=chars,
            most=limits.max_text_chars,
        )
    scanned = [i for i, r in enumerate(reads) if r.scanned]
    if scanned and provider.supports_images:
        pages = sum(reads[i].pages for i in scanned)
        most = provider.image_limits.max_count
        if pages > most:
            raise FileLimitError(
                QT_TRANSLATE_NOOP(
                    "Providers",
                    "scanned PDFs go as one image per page: {pages} pages, and at most {most} "
                    "images can be sent in one request",
                ),
                pdf=scanned[-1],
                name=parts[scanned[-1]].name,
                fits=max(0, most - (pages - reads[scanned[-1]].pages)),
                pages=pages,
                most=most,
                provider=provider.display_name(),
            )


def _pages_within(texts: Sequence[str], room: int) -> int:
    count = used = 0
    for text in texts:
        used += len(text)
        if used > room:
            break
        count += 1
    return count


async def for_provider(provider: type[BaseProvider], messages: list[Message]) -> list[Message]:
    """``messages`` with their PDFs in a form ``provider`` takes (see the module's text);
    FileLimitError or MediaError when they cannot go."""
    from .base import text_of  # base builds on this module

    parts = pdf_parts(messages)
    if not parts:
        return messages
    await check(provider, messages)
    if provider.file_limits.pdf:
        return messages
    out = [dict(m) for m in messages]
    replaced: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for p in parts:
        read = await pdf.read(p.data, p.name)
        if not read.scanned:
            replaced[p.message, p.part] = [{"type": "text", "text": read.labelled(p.name)}]
            continue
        if not provider.supports_images:
            raise MediaError(
                QT_TRANSLATE_NOOP(
                    "Providers",
                    "{name} has no text, only pictures of its pages (a scan), and this "
                    "provider cannot read images",
                ),
                name=p.name,
                provider=provider.display_name(),
            )
        side = provider.image_limits.max_side
        pngs = await pdf.render(p.data, p.name, list(range(read.pages)), side)
        replaced[p.message, p.part] = [
            {"type": "text", "text": f"{p.name} ({read.pages} pages, scanned: one image each)"},
            *({"type": "image_url", "image_url": {"url": to_data_uri(png, "image/png")}}
              for png in pngs),
        ]  # fmt: skip
    for i, message in enumerate(out):
        content = message.get("content")
        if not isinstance(content, list):
            continue
        new: list[dict[str, Any]] = []
        for j, part in enumerate(content):
            new += replaced.get((i, j), [part])
        only_text = all(part.get("type") == "text" for part in new)
        message["content"] = text_of(new) if only_text else new  # plain text where it can be
    return out
