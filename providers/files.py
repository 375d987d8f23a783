"""Files in a chat besides images: PDFs, and text or code. What a file is is read from its
bytes (a PDF's header, an image's, text that decodes), not from its name alone.

A text file becomes a fenced block labelled with its name and language; a PDF travels as
OpenAI's ``file`` content part (``providers.file_parts`` turns it into what each API takes).
"""

from __future__ import annotations

import asyncio
import base64
import codecs
import os
import re
from dataclasses import dataclass
from typing import Any

from . import pdf
from .errors import MediaError, NotAnImageError
from .jsonbody import Base64Text
from .media import (
    NOT_IMAGE_HINTS,
    ImageLimits,
    MediaInput,
    PreparedImage,
    load,
    prepare,
    sniff,
    to_data_uri,
)
from .text import QT_TRANSLATE_NOOP

MAX_TEXT_CHARS = 1_500_000
"""Characters of one text file, or of a PDF's text in one request (about 400,000 tokens:
more than any model's context)."""

PDF_MIME = "application/pdf"
TEXT_MIME = "text/plain"

LANGUAGES = {
    "py": "python", "pyw": "python", "pyi": "python", "js": "javascript", "mjs": "javascript",
    "cjs": "javascript", "jsx": "jsx", "ts": "typescript", "tsx": "tsx", "rs": "rust",
    "go": "go", "c": "c", "h": "c", "cc": "cpp", "cpp": "cpp", "cxx": "cpp", "hpp": "cpp",
    "cs": "csharp", "java": "java", "kt": "kotlin", "swift": "swift", "rb": "ruby",
    "php": "php", "pl": "perl", "lua": "lua", "r": "r", "scala": "scala", "dart": "dart",
    "sh": "bash", "bash": "bash", "zsh": "zsh", "fish": "fish", "ps1": "powershell",
    "bat": "batch", "sql": "sql", "html": "html", "htm": "html", "xml": "xml", "svg": "xml",
    "css": "css", "scss": "scss", "json": "json", "jsonl": "json", "yaml": "yaml",
    "yml": "yaml", "toml": "toml", "ini": "ini", "cfg": "ini", "md": "markdown",
    "rst": "rst", "tex": "latex", "csv": "csv", "diff": "diff", "patch": "diff",
    "dockerfile": "dockerfile", "makefile": "makefile", "cmake": "cmake", "vue": "vue",
    "zig": "zig", "hs": "haskell", "ex": "elixir", "exs": "elixir", "erl": "erlang",
    "clj": "clojure", "ml": "ocaml", "nim": "nim", "jl": "julia", "m": "objectivec",
}  # fmt: skip
"""Fence languages by file extension (or by the whole name: Dockerfile, Makefile). A small
table rather than Pygments' lexer lookup, which would import its lexers in a worker thread."""

_SHEBANG_LANGUAGES = {"python": "python", "bash": "bash", "sh": "bash", "node": "javascript",
                      "ruby": "ruby", "perl": "perl", "zsh": "zsh", "php": "php"}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
"""Control characters text does not hold (tab, newlines, form feed and escape excepted)."""


@dataclass(frozen=True, slots=True)
class PreparedFile:
    """A PDF (its bytes) or a text file (its text as UTF-8), ready to send."""

    data: bytes
    mime: str
    name: str
    pages: int = 0
    """A PDF's page count."""
    language: str = ""
    """A text file's fence language ("" for plain text)."""

    @property
    def is_pdf(self) -> bool:
        return self.mime == PDF_MIME

    def text(self) -> str:
        return self.data.decode("utf-8") if not self.is_pdf else ""

    def data_uri(self) -> str:
        return to_data_uri(self.data, self.mime)

    def base64(self) -> str:
        return Base64Text(base64.b64encode(self.data).decode("ascii"))

    def part(self) -> dict[str, Any]:
        """This file as a content part of a user message: OpenAI's ``file`` part for a PDF,
        a text part holding a fenced block for text."""
        if self.is_pdf:
            return {"type": "file", "file": {"filename": self.name, "file_data": self.data_uri()}}
        return {"type": "text", "text": fenced(self.name, self.language, self.text())}


Attachment = PreparedImage | PreparedFile
"""Anything a message can carry."""


def fenced(name: str, language: str, text: str) -> str:
    """``text`` in a Markdown code fence longer than any backtick run inside it, under its
    file name."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{name}:\n{fence}{language}\n{text.rstrip(chr(10))}\n{fence}"


def is_pdf(data: bytes) -> bool:
    """PDF readers accept the header anywhere in the first 1024 bytes."""
    return b"%PDF-" in data[:1024]


def decode_text(data: bytes) -> str | None:
    """The text of ``data``: UTF-8 (with or without BOM), or UTF-16/UTF-32 with a BOM; None
    for anything else (binary data, or text in an encoding that cannot be told)."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    start = text[:65536]
    if "\x00" in start or len(_CONTROL.findall(start)) > len(start) // 100:
        return None  # NULs, or control characters text does not hold: a binary format
    return text.replace("\r\n", "\n")


def language_of(name: str, text: str) -> str:
    """The fence language of a text file: by extension or name, else by its ``#!`` line."""
    base = os.path.basename(name).lower()
    ext = base.rsplit(".", 1)[-1] if "." in base else base
    if ext in LANGUAGES:
        return LANGUAGES[ext]
    return _SHEBANG_LANGUAGES.get(interpreter(text), "")


def interpreter(text: str) -> str:
    """The program a ``#!`` line names (``#!/usr/bin/env python3`` -> ``python``), or ""."""
    if not text.startswith("#!"):
        return ""
    words = text[2:].split("\n", 1)[0].split()
    if words and os.path.basename(words[0]) == "env":
        words = [w for w in words[1:] if not w.startswith("-")]
    name = os.path.basename(words[0]) if words else ""
    return match.group() if (match := re.match(r"[a-z]+", name)) else ""


def text_file(data: bytes, name: str) -> PreparedFile:
    """A text or code file, or MediaError saying why ``data`` is not one."""
    if not data.strip():
        raise MediaError(QT_TRANSLATE_NOOP("Providers", "{name} is empty"), name=name)
    text = decode_text(data)
    if text is None:
        raise not_sendable(data, name)
    if len(text) > MAX_TEXT_CHARS:
        raise MediaError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "{name} holds {chars} characters; at most {most} go in one message (more than "
                "any model reads at once)",
            ),
            name=name,
            chars=len(text),
            most=MAX_TEXT_CHARS,
        )
    return text_attachment(text, name)


def text_attachment(text: str, name: str) -> PreparedFile:
    """Text pasted or typed, carried as a file (a long paste becomes one)."""
    return PreparedFile(text.encode("utf-8"), TEXT_MIME, name, language=language_of(name, text))


def not_sendable(data: bytes, name: str) -> MediaError:
    """Why ``data`` is none of an image, a PDF or text, as far as its first bytes tell."""
    for magic, what in NOT_IMAGE_HINTS:
        if data.startswith(magic):
            return MediaError(
                QT_TRANSLATE_NOOP(
                    "Providers",
                    "{name} cannot be sent: it looks like {what}, not an image, a PDF or text",
                ),
                name=name,
                what=what,
            )
    return MediaError(
        QT_TRANSLATE_NOOP(
            "Providers",
            "{name} cannot be sent: it is not an image, a PDF or text (UTF-8, or UTF-16 with a "
            "byte order mark)",
        ),
        name=name,
    )


async def file_of(item: MediaInput | PreparedFile, name: str | None = None) -> PreparedFile | None:
    """``item`` as a PDF or text file, or None when it is an image (or may be one: an image's
    problems are the image code's to tell)."""
    if isinstance(item, PreparedFile):
        return item
    if isinstance(item, PreparedImage):
        return None
    data, label = await asyncio.to_thread(load, item, name)
    return await _pdf_or_text(data, label)


async def prepare_attachment(
    item: MediaInput | PreparedFile, limits: ImageLimits, name: str | None = None
) -> Attachment:
    """Any file, ready to send: an image shrunk to ``limits``, a PDF with its page count read
    by the PDF worker, or text. Reading and decoding run off the event loop."""
    if isinstance(item, PreparedFile):
        return item
    if isinstance(item, PreparedImage):
        return await asyncio.to_thread(prepare, item, limits, name)
    data, label = await asyncio.to_thread(load, item, name)
    if (file := await _pdf_or_text(data, label)) is not None:
        return file
    return await asyncio.to_thread(prepare, data, limits, label)


async def _pdf_or_text(data: bytes, label: str) -> PreparedFile | None:
    """``data`` as a PDF (its pages read by the worker) or a text file; None when it is an
    image or may be one (a picture with too many pixels is the image code's to refuse)."""
    if is_pdf(data):
        read = await pdf.read(data, label)
        return PreparedFile(data, PDF_MIME, label, pages=read.pages)
    try:
        await asyncio.to_thread(sniff, data)
        return None
    except NotAnImageError:
        return await asyncio.to_thread(text_file, data, label)
    except MediaError:
        return None
