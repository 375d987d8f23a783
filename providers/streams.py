"""Byte streams to lines, Server-Sent Events and JSON objects, with size limits.

The line splitter follows the SSE spec (CR, LF and CRLF all end a line, even when a CRLF pair is
split across two reads) and decodes UTF-8 per line, so a character split across reads is whole.
"""

from __future__ import annotations

import asyncio
import codecs
import json
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from .errors import MalformedStreamError, OversizedLineError
from .redact import excerpt
from .text import QT_TRANSLATE_NOOP

MAX_LINE_BYTES = 8 * 1024 * 1024
"""Longest line accepted: larger than any real event (a base64 image included), small enough
that a broken server cannot make the client buffer without bound."""

YIELD_EVERY = 32
"""Hand control back to the event loop after this many items (aiohttp returns buffered data
without suspending, so a fast stream would otherwise starve the UI)."""

SPLIT_SLICE = 16 * 1024
"""Bytes of a read split into lines at a time (splitting 512 KiB at once took ~10 ms)."""

T = TypeVar("T")


class LineSplitter:
    """Incremental splitter: feed bytes, get complete lines (without terminators) back."""

    def __init__(self, max_line_bytes: int = MAX_LINE_BYTES) -> None:
        self._buffer = bytearray()
        self._pending_cr = False
        self._max = max_line_bytes

    def feed(self, data: bytes) -> list[str]:
        if not data:
            return []
        lines: list[str] = []
        start = 0
        if self._pending_cr and data[:1] == b"\n":
            start = 1
        self._pending_cr = False
        buf = self._buffer
        n = len(data)
        i = start
        # The next CR and LF are searched for again only once they are behind the cursor, so a
        # chunk of many LF-only lines costs one pass, not one pass per line.
        cr = data.find(b"\r", i)
        lf = data.find(b"\n", i)
        while i < n:
            if -1 < cr < i:
                cr = data.find(b"\r", i)
            if -1 < lf < i:
                lf = data.find(b"\n", i)
            if cr == -1 and lf == -1:
                buf += data[i:]
                break
            end = lf if cr == -1 or (lf != -1 and lf < cr) else cr
            buf += data[i:end]
            self._check(len(buf))
            lines.append(buf.decode("utf-8", errors="replace"))
            buf.clear()
            if data[end] == 13:  # CR: swallow a following LF, which may only come next read
                if end + 1 == n:
                    self._pending_cr = True
                    i = n
                    break
                i = end + 2 if data[end + 1] == 10 else end + 1
            else:
                i = end + 1
        self._check(len(buf))
        return lines

    def flush(self) -> list[str]:
        """The last line when the stream ended without a terminator."""
        if not self._buffer:
            return []
        line = self._buffer.decode("utf-8", errors="replace")
        self._buffer.clear()
        return [line]

    def _check(self, size: int) -> None:
        if size > self._max:
            raise OversizedLineError(
                QT_TRANSLATE_NOOP(
                    "Providers",
                    "the server sent a line longer than {size} MB; the stream was stopped to "
                    "protect memory",
                ),
                size=self._max // (1024 * 1024),
            )


async def iter_lines(
    chunks: AsyncIterable[bytes], max_line_bytes: int = MAX_LINE_BYTES
) -> AsyncIterator[str]:
    """Lines of a byte stream, however its reads are split."""
    splitter = LineSplitter(max_line_bytes)
    async for chunk in chunks:
        # aiohttp hands over all it has buffered (half a megabyte from a fast server): split
        # a slice at a time, so the consumer's turns of the event loop stay short.
        for start in range(0, len(chunk), SPLIT_SLICE):
            for line in splitter.feed(chunk[start : start + SPLIT_SLICE]):
                yield line
    for line in splitter.flush():
        yield line


def split_lines(data: bytes, max_line_bytes: int = MAX_LINE_BYTES) -> list[str]:
    """All lines of a complete byte string (a convenience for tests and small bodies)."""
    splitter = LineSplitter(max_line_bytes)
    return splitter.feed(data) + splitter.flush()


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched SSE event."""

    data: str
    event: str = "message"
    id: str | None = None
    retry: int | None = None

    def json(self) -> Any:
        try:
            return json.loads(self.data)
        except ValueError as exc:
            raise MalformedStreamError(
                QT_TRANSLATE_NOOP(
                    "Providers", "the server sent an event that is not valid JSON: {data}"
                ),
                data=repr(excerpt(self.data)),
            ) from exc


class SSEDecoder:
    """The HTML Living Standard event-stream interpretation, one line at a time.

    Deviation: ``flush()`` dispatches an event cut off by the end of the stream (several real
    servers omit the last blank line), where the spec would drop it.
    """

    def __init__(self) -> None:
        self._data: list[str] = []
        self._event = ""
        self._last_id: str | None = None
        self._retry: int | None = None

    def decode(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._last_id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)
        return None

    def flush(self) -> ServerSentEvent | None:
        return self._dispatch()

    def _dispatch(self) -> ServerSentEvent | None:
        if not self._data:
            # Spec: an event with no data is not dispatched; its type is reset.
            self._event = ""
            return None
        event = ServerSentEvent(
            data="\n".join(self._data),
            event=self._event or "message",
            id=self._last_id,
            retry=self._retry,
        )
        self._data = []
        self._event = ""
        return event


def decode_sse(lines: Iterable[str]) -> Iterator[ServerSentEvent]:
    """Events of a complete list of lines."""
    decoder = SSEDecoder()
    for line in lines:
        if (event := decoder.decode(line)) is not None:
            yield event
    if (event := decoder.flush()) is not None:
        yield event


async def iter_sse(lines: AsyncIterable[str]) -> AsyncIterator[ServerSentEvent]:
    """Events of an async stream of lines."""
    decoder = SSEDecoder()
    async for line in lines:
        if (event := decoder.decode(line)) is not None:
            yield event
    if (event := decoder.flush()) is not None:
        yield event


_SSE_FIELDS = ("data:", "event:", "id:", "retry:", ":")


def _is_sse_line(line: str) -> bool:
    return not line or line.startswith(_SSE_FIELDS) or line in ("data", "event", "id", "retry")


async def iter_sse_or_json(
    lines: AsyncIterable[str], max_bytes: int = MAX_LINE_BYTES
) -> AsyncIterator[ServerSentEvent | Any]:
    """SSE events, and JSON values that arrive outside SSE framing.

    Some servers mix the two: the g4f backend's older versions send one bare JSON object per
    line, and Gemini reports a mid-stream failure as a pretty-printed JSON object over several
    lines. Bare lines are gathered until they parse as JSON.
    """
    decoder = SSEDecoder()
    stray: list[str] = []
    stray_size = 0
    async for line in lines:
        if stray or not _is_sse_line(line):
            stray.append(line)
            stray_size += len(line)
            if stray_size > max_bytes:
                raise OversizedLineError(
                    QT_TRANSLATE_NOOP(
                        "Providers", "the server sent an oversized JSON body mid-stream"
                    )
                )
            try:
                value = json.loads("\n".join(stray))
            except ValueError:
                continue
            stray, stray_size = [], 0
            yield value
            continue
        if (event := decoder.decode(line)) is not None:
            yield event
    if (event := decoder.flush()) is not None:
        yield event
    if stray and "".join(stray).strip():
        raise MalformedStreamError(
            QT_TRANSLATE_NOOP(
                "Providers", "the server sent data that is neither an event nor JSON: {data}"
            ),
            data=repr(excerpt(stray[0])),
        )


async def iter_ndjson(lines: AsyncIterable[str]) -> AsyncIterator[Any]:
    """One JSON value per non-empty line."""
    async for line in lines:
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except ValueError as exc:
            raise MalformedStreamError(
                QT_TRANSLATE_NOOP(
                    "Providers", "the server sent a line that is not valid JSON: {data}"
                ),
                data=repr(excerpt(line)),
            ) from exc


async def cooperative(items: AsyncIterable[T], every: int = YIELD_EVERY) -> AsyncIterator[T]:
    """Pass items through, yielding to the event loop every ``every`` items."""
    count = 0
    async for item in items:
        yield item
        count += 1
        if count % every == 0:
            await asyncio.sleep(0)


Framing = Literal["sse", "ndjson", "sse-or-json", "raw"]
"""How a reply body is cut into values: SSE events of JSON, JSON lines, either, or raw text."""


class EndOfStream:
    """The in-band end marker (OpenAI's ``data: [DONE]``)."""


END = EndOfStream()


async def iter_values(framing: Framing, chunks: AsyncIterable[bytes]) -> AsyncIterator[Any]:
    """The values of a reply body: parsed JSON, ``str`` pieces for raw text, or ``END``."""
    if framing == "raw":
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        async for chunk in chunks:
            if text := decoder.decode(chunk):
                yield text
        if tail := decoder.decode(b"", final=True):
            yield tail
        return
    lines = iter_lines(chunks)
    if framing == "ndjson":
        async for value in iter_ndjson(lines):
            yield value
    elif framing == "sse":
        async for event in iter_sse(lines):
            yield END if event.data.strip() == "[DONE]" else event.json()
    else:
        async for item in iter_sse_or_json(lines):
            yield item.json() if isinstance(item, ServerSentEvent) else item
