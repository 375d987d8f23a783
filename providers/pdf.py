"""PDFs read by the PDF worker (``providers.pdf_worker``): text per page, page images, a copy
without its password, the first pages. Each call starts the worker, gives it a time limit, and
kills it past that; what it read is remembered by the file's hash for this session."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import signal
import sys
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import MediaError
from .text import QT_TRANSLATE_NOOP

TIME_LIMIT = 60.0
"""Seconds one worker run may take (a 300-page PDF's text takes well under one)."""

MAX_PAGES_READ = 2000
"""Pages whose text is read at most; a longer PDF is refused before sending, not cut."""

_CACHE_SIZE = 16
_read_cache: OrderedDict[tuple[str, int], PdfText] = OrderedDict()


class PdfPasswordError(MediaError):
    """The PDF is encrypted: it opens only with its password (``wrong`` if one was given)."""

    kind = "password"

    def __init__(self, name: str, *, wrong: bool) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Providers", "{name}: the password is not right")
            if wrong
            else QT_TRANSLATE_NOOP("Providers", "{name} is protected by a password"),
            name=name,
        )
        self.wrong = wrong


@dataclass(frozen=True, slots=True)
class PdfText:
    """What the worker read from a PDF: its page count and each page's text, in order."""

    pages: int
    texts: tuple[str, ...]

    @property
    def scanned(self) -> bool:
        """No page has a text layer: pictures of pages, readable only as images."""
        return not any(self.texts)

    def labelled(self, name: str, count: int | None = None) -> str:
        """The text of the first ``count`` pages (all without it), with the file name and a
        marker before each page, as a model that cannot read PDFs is sent it."""
        shown = self.texts[: count or self.pages]
        pages = "1 page" if self.pages == 1 else f"{self.pages} pages"
        head = f"{name} ({pages}" + (
            f", the first {len(shown)} of them)" if len(shown) < self.pages else ")"
        )
        body = "\n\n".join(f"--- page {i} ---\n{text}" for i, text in enumerate(shown, 1))
        return f"{head}\n\n{body}"


def worker_command() -> list[str]:
    """How to start the worker: this Python with the module's file (run as a script, it
    imports no more than it needs: as ``-m providers.pdf_worker`` the package's providers
    would load too, 65 ms), or the packaged app itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--pdf-worker"]
    return [sys.executable, str(Path(__file__).with_name("pdf_worker.py"))]


async def _ask(data: bytes, name: str, request: dict[str, Any]) -> dict[str, Any]:
    time_limit = TIME_LIMIT
    request = {**request, "cpu_seconds": int(time_limit) + 1}
    process = await asyncio.create_subprocess_exec(
        *worker_command(),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        payload = json.dumps(request).encode() + b"\n" + data
        out, _ = await asyncio.wait_for(process.communicate(payload), time_limit)
    except TimeoutError:
        raise _error("time", name, False) from None
    finally:
        if process.returncode is None:  # a timeout or a Stop: the worker goes with it
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
    try:
        answer: dict[str, Any] = json.loads(out)
    except ValueError:  # the worker died without a word: PDFium crashed, or used its CPU time
        cpu = process.returncode == -getattr(signal, "SIGXCPU", 0)
        answer = {"error": "time" if cpu else "broken"}
    if (error := answer.get("error")) is not None:
        raise _error(error, name, bool(request.get("password")))
    return answer


def _error(kind: str, name: str, had_password: bool) -> MediaError:
    if kind == "password":
        return PdfPasswordError(name, wrong=had_password)
    if kind == "time":
        return MediaError(
            QT_TRANSLATE_NOOP("Providers", "{name} took too long to read (over {seconds} s)"),
            name=name,
            seconds=int(TIME_LIMIT),
        )
    if kind == "memory":
        return MediaError(
            QT_TRANSLATE_NOOP(
                "Providers", "{name} needs more memory to read than Confab gives a PDF"
            ),
            name=name,
        )
    return MediaError(
        QT_TRANSLATE_NOOP("Providers", "{name} is damaged or not a PDF Confab can read"),
        name=name,
    )


async def read(data: bytes, name: str, *, max_pages: int = MAX_PAGES_READ) -> PdfText:
    """The page count and the text of up to ``max_pages`` pages (remembered by hash)."""
    key = (hashlib.sha256(data).hexdigest(), max_pages)
    if (known := _read_cache.get(key)) is not None:
        _read_cache.move_to_end(key)
        return known
    answer = await _ask(data, name, {"op": "read", "max_pages": max_pages})
    found = PdfText(int(answer["pages"]), tuple(str(t) for t in answer["texts"]))
    _read_cache[key] = found
    while len(_read_cache) > _CACHE_SIZE:
        _read_cache.popitem(last=False)
    return found


async def render(data: bytes, name: str, pages: list[int], max_side: int) -> list[bytes]:
    """Pages (0-based) as PNG images, the longer side at most ``max_side`` pixels."""
    answer = await _ask(data, name, {"op": "render", "pages": pages, "max_side": max_side})
    return [base64.b64decode(png) for png in answer["png"]]


async def unlock(data: bytes, name: str, password: str) -> bytes:
    """The same PDF without its password (PdfPasswordError if ``password`` is wrong)."""
    answer = await _ask(data, name, {"op": "unlock", "password": password})
    return base64.b64decode(answer["pdf"])


async def first_pages(data: bytes, name: str, count: int) -> bytes:
    """A PDF of the first ``count`` pages of this one."""
    answer = await _ask(data, name, {"op": "first_pages", "count": count})
    return base64.b64decode(answer["pdf"])
