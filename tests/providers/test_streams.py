"""Line splitting, SSE and NDJSON decoding: byte-exact, split anywhere, fuzzed."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from providers.errors import MalformedStreamError, OversizedLineError
from providers.streams import (
    LineSplitter,
    ServerSentEvent,
    cooperative,
    decode_sse,
    iter_lines,
    iter_ndjson,
    iter_sse,
    iter_sse_or_json,
    split_lines,
)
from tests.localserver import TRANSCRIPTS, transcript

SSE_FILES = sorted(p.name for p in TRANSCRIPTS.glob("*.txt"))


def split_at(data: bytes, cuts: Iterable[int]) -> list[bytes]:
    points = [0, *sorted(set(cuts)), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(points)]


def feed_all(pieces: Iterable[bytes]) -> list[str]:
    splitter = LineSplitter()
    lines: list[str] = []
    for piece in pieces:
        lines += splitter.feed(piece)
    return lines + splitter.flush()


async def agen(items: Iterable[bytes]) -> AsyncIterator[bytes]:
    for item in items:
        yield item


async def test_a_large_read_is_split_a_slice_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: a 512 KiB read was split into lines all at once (~10 ms on the UI thread)
    # before its first line was handed on.
    body = b"".join(f"data: {n}\n\n".encode() for n in range(50_000))
    split = 0
    feed = LineSplitter.feed

    def counted(self: LineSplitter, data: bytes) -> list[str]:
        nonlocal split
        split += len(data)
        return feed(self, data)

    monkeypatch.setattr(LineSplitter, "feed", counted)
    lines = iter_lines(agen([body]))
    first = await anext(lines)
    assert first == "data: 0" and split <= 64 * 1024  # not the whole read
    rest = [line async for line in lines]
    assert [first, *rest] == feed_all([body])


def test_every_line_ending_ends_a_line() -> None:
    assert split_lines(b"a\nb\rc\r\nd") == ["a", "b", "c", "d"]
    assert split_lines(b"a\r\n\r\nb\n\n") == ["a", "", "b", ""]


def test_crlf_split_across_reads_is_one_line_break() -> None:
    assert feed_all([b"a\r", b"\nb\r", b"", b"\nc"]) == ["a", "b", "c"]
    assert feed_all([b"a\r", b"\r", b"\n"]) == ["a", ""]


def test_utf8_character_split_across_reads_stays_whole() -> None:
    data = "привет 👋\n".encode()
    assert feed_all([bytes([b]) for b in data]) == ["привет 👋"]


@pytest.mark.parametrize("name", SSE_FILES)
def test_transcript_split_at_every_byte_gives_the_same_events(name: str) -> None:
    data = transcript(name)
    whole = list(decode_sse(split_lines(data)))
    assert whole, "every recorded transcript has at least one event"
    for cut in range(1, len(data), max(1, len(data) // 400)):
        assert list(decode_sse(feed_all(split_at(data, [cut])))) == whole


def test_byte_by_byte_feed_of_a_crlf_transcript() -> None:
    data = transcript("gemini-testdata_googleai_streaming-success-basic-reply-short.txt")
    assert b"\r\n" in data
    assert feed_all([data[i : i + 1] for i in range(len(data))]) == split_lines(data)


def test_oversized_line_is_refused_with_a_clear_error() -> None:
    splitter = LineSplitter(max_line_bytes=64)
    splitter.feed(b"x" * 60)
    with pytest.raises(OversizedLineError, match="longer than"):
        splitter.feed(b"y" * 10)


def test_sse_spec_fields() -> None:
    lines = split_lines(
        b": a comment\n"
        b"event: add\ndata: first\ndata:second\ndata:  spaced\nid: 7\nretry: 3000\n\n"
        b"data\n\n"
        b"event: ignored-without-data\n\n"
        b"data: last"
    )
    assert list(decode_sse(lines)) == [
        ServerSentEvent("first\nsecond\n spaced", "add", "7", 3000),
        ServerSentEvent("", "message", "7", 3000),
        ServerSentEvent("last", "message", "7", 3000),
    ]


def test_sse_id_with_nul_is_ignored_and_bad_retry_is_ignored() -> None:
    events = list(decode_sse(["id: a\0b", "retry: 1x", "data: x", ""]))
    assert events == [ServerSentEvent("x")]


def test_event_json_error_names_the_bad_data() -> None:
    with pytest.raises(MalformedStreamError, match="not valid JSON"):
        ServerSentEvent("{nope").json()


async def test_async_lines_and_events() -> None:
    data = transcript("anthropic-sdk-python_basic_response.txt")
    pieces = [data[i : i + 5] for i in range(0, len(data), 5)]
    events = [e async for e in iter_sse(iter_lines(agen(pieces)))]
    assert [e.event for e in events][-2:] == ["message_delta", "message_stop"]


async def test_bare_json_mid_stream_is_gathered_across_lines() -> None:
    data = transcript("gemini-testdata_vertexai_streaming-failure-error-mid-stream.txt")
    items = [i async for i in iter_sse_or_json(iter_lines(agen([data])))]
    assert isinstance(items[0], ServerSentEvent)
    assert items[-1]["error"]["code"] == 499


async def test_legacy_bare_json_lines() -> None:
    data = b'{"type": "content", "content": "a"}\n{"type": "finish", "finish": {}}\n'
    items = [i async for i in iter_sse_or_json(iter_lines(agen([data])))]
    assert items == [{"type": "content", "content": "a"}, {"type": "finish", "finish": {}}]


async def test_unparseable_stray_text_is_malformed() -> None:
    with pytest.raises(MalformedStreamError, match="neither an event nor JSON"):
        [i async for i in iter_sse_or_json(iter_lines(agen([b"<html>oops\n"])))]


async def test_ndjson_reader() -> None:
    data = transcript("DERIVED_ollama_api_chat_stream.ndjson")
    objects = [o async for o in iter_ndjson(iter_lines(agen([data[:50], data[50:]])))]
    assert objects[-1]["done"] is True
    with pytest.raises(MalformedStreamError):
        [o async for o in iter_ndjson(iter_lines(agen([b'{"a": 1}\n{"b"\n'])))]


async def test_cooperative_passes_everything_through() -> None:
    async def numbers() -> AsyncIterator[int]:
        for n in range(100):
            yield n

    assert [n async for n in cooperative(numbers(), every=7)] == list(range(100))


event_text = st.text(
    alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=40
)


@settings(max_examples=200, deadline=None)
@given(
    payloads=st.lists(st.lists(event_text, min_size=1, max_size=3), min_size=1, max_size=8),
    ending=st.sampled_from([b"\n", b"\r\n", b"\r"]),
    cuts=st.lists(st.integers(min_value=0, max_value=4000), max_size=12),
)
def test_fuzzed_events_survive_any_chunking(
    payloads: list[list[str]], ending: bytes, cuts: list[int]
) -> None:
    wire = b"".join(
        b"".join(b"data: " + line.encode() + ending for line in event) + ending
        for event in payloads
    )
    events = list(decode_sse(feed_all(split_at(wire, [c % (len(wire) + 1) for c in cuts]))))
    assert [e.data for e in events] == ["\n".join(event) for event in payloads]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.lists(st.integers(0, 2000), max_size=8))
def test_fuzzed_bytes_never_break_the_decoder(data: bytes, cuts: list[int]) -> None:
    lines = feed_all(split_at(data, [c % (len(data) + 1) for c in cuts]))
    assert lines == split_lines(data)
    list(decode_sse(lines))


class CountingBytes(bytes):
    """Bytes that count how many bytes their ``find`` calls look at."""

    scanned = 0

    def find(self, sub: Any, start: Any = 0, *rest: Any) -> int:
        found = super().find(sub, start, *rest)
        CountingBytes.scanned += (len(self) if found == -1 else found) - int(start) + 1
        return found


def test_splitting_a_big_chunk_is_linear() -> None:
    # aiohttp hands over ~512 KiB at once: scanning to the end for a CR on every line made
    # this quadratic (10,000 LF lines scanned ~10^8 bytes).
    data = CountingBytes(b"x\n" * 10_000)
    CountingBytes.scanned = 0
    lines = LineSplitter().feed(data)
    assert len(lines) == 10_000
    assert CountingBytes.scanned <= 3 * len(data)
