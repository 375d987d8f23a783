"""Gemini against a local server replaying the Firebase SDK test data (CRLF streams included)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from providers.chunks import FinishReason, Usage
from providers.errors import ContentBlockedError, MalformedStreamError, StreamErrorEvent
from providers.gemini import Gemini
from tests.localserver import LocalServer, transcript
from tests.providers.helpers import (
    PIECES,
    collect,
    of_type,
    png_bytes,
    reasoning,
    replay_until_error,
    text,
)

MODEL = "gemini-2.5-flash"
PATH = f"/v1beta/models/{MODEL}:streamGenerateContent"
KEY = "AIzaSyTest-0000000000000000000000"


def recorded_text(name: str, thought: bool = False) -> str:
    out = []
    for line in transcript(name).decode().splitlines():
        if line.startswith("data: "):
            for cand in json.loads(line[6:]).get("candidates", [])[:1]:
                for part in (cand.get("content") or {}).get("parts") or []:
                    if "text" in part and bool(part.get("thought")) == thought:
                        out.append(part["text"])
    return "".join(out)


async def chat(server: LocalServer, **params: Any) -> list[Any]:
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello"},
        {"role": "user", "content": "Why?"},
    ]
    return await collect(
        Gemini.create_async_generator(
            MODEL, messages, api_key=KEY, base_url=server.url + "/v1beta", **params
        )
    )


@pytest.mark.parametrize(
    "name",
    [
        "gemini-testdata_googleai_streaming-success-basic-reply-short.txt",
        "gemini-testdata_googleai_streaming-success-basic-reply-long.txt",
        "gemini-testdata_vertexai_streaming-success-utf8.txt",
        "gemini-testdata_vertexai_streaming-success-quotes-escaped.txt",
        "gemini-testdata_googleai_streaming-success-empty-parts.txt",
        "gemini-testdata_googleai_streaming-success-no-content-parts.txt",
    ],
)
async def test_recorded_replies(server: LocalServer, name: str) -> None:
    server.stream("POST", PATH, transcript(name), piece=5)
    items = await chat(server)
    assert text(items) == recorded_text(name)


async def test_crlf_stream_usage_and_finish(server: LocalServer) -> None:
    name = "gemini-testdata_googleai_streaming-success-basic-reply-short.txt"
    assert b"\r\n" in transcript(name)
    server.stream("POST", PATH, transcript(name), piece=1)
    items = await chat(server)
    assert text(items).endswith("is **Cheyenne**.\n")
    assert of_type(items, FinishReason) == [FinishReason("stop", "STOP")]
    assert of_type(items, Usage) == [Usage(7, 10, 17)]


async def test_thought_parts_are_reasoning(server: LocalServer) -> None:
    name = "gemini-testdata_googleai_streaming-success-thinking-reply-thought-summary.txt"
    server.stream("POST", PATH, transcript(name))
    items = await chat(server)
    assert reasoning(items) == recorded_text(name, thought=True)
    assert reasoning(items).startswith("**Exploring Sky Color**")
    assert text(items) == recorded_text(name)
    assert of_type(items, Usage)[-1].reasoning_tokens


async def test_request_shape(server: LocalServer) -> None:
    server.stream(
        "POST", PATH, transcript("gemini-testdata_googleai_streaming-success-basic-reply-short.txt")
    )
    await chat(server, media=[(png_bytes(), "p.png")], temperature=0.1, max_tokens=99)
    sent = server.requests[-1]
    assert sent.query == {"alt": "sse"}
    assert sent.headers["x-goog-api-key"] == KEY
    assert KEY not in sent.path
    body = sent.json()
    assert body["systemInstruction"] == {"parts": [{"text": "Be brief."}]}
    assert [c["role"] for c in body["contents"]] == ["user", "model", "user"]
    assert body["contents"][-1]["parts"][1]["inline_data"]["mime_type"] == "image/png"
    assert body["generationConfig"] == {
        "temperature": 0.1,
        "maxOutputTokens": 99,
        "thinkingConfig": {"includeThoughts": True},
    }


async def test_blocked_prompt_is_explained(server: LocalServer) -> None:
    server.stream(
        "POST",
        PATH,
        transcript("gemini-testdata_googleai_streaming-failure-prompt-blocked-safety.txt"),
    )
    with pytest.raises(
        ContentBlockedError, match=r"prompt was blocked .*safety filters \(SAFETY\)"
    ):
        await chat(server)


async def test_recitation_stop_keeps_the_partial_reply(server: LocalServer) -> None:
    server.stream(
        "POST",
        PATH,
        transcript("gemini-testdata_googleai_streaming-failure-recitation-no-content.txt"),
    )
    got: list[Any] = []
    with pytest.raises(ContentBlockedError, match="RECITATION"):
        async for item in Gemini.create_async_generator(
            MODEL, [{"role": "user", "content": "x"}], api_key=KEY, base_url=server.url + "/v1beta"
        ):
            got.append(item)
    assert "text8" in text(got)


async def test_bare_json_error_mid_stream(server: LocalServer) -> None:
    server.stream(
        "POST", PATH, transcript("gemini-testdata_vertexai_streaming-failure-error-mid-stream.txt")
    )
    got: list[Any] = []
    with pytest.raises(StreamErrorEvent, match="The operation was cancelled"):
        async for item in Gemini.create_async_generator(
            MODEL, [{"role": "user", "content": "x"}], api_key=KEY, base_url=server.url + "/v1beta"
        ):
            got.append(item)
    assert text(got) == "First Second "


async def test_unexpected_shape_is_malformed(server: LocalServer) -> None:
    server.stream(
        "POST", PATH, transcript("gemini-testdata_vertexai_streaming-failure-invalid-json.txt")
    )
    with pytest.raises(MalformedStreamError, match="unexpected response"):
        await chat(server)


async def test_model_list_keeps_only_generators(server: LocalServer) -> None:
    server.reply(
        "GET",
        "/v1beta/models",
        {
            "models": [
                {
                    "name": "models/gemini-2.5-flash",
                    "displayName": "Gemini 2.5 Flash",
                    "supportedGenerationMethods": ["generateContent", "countTokens"],
                },
                {
                    "name": "models/text-embedding-004",
                    "supportedGenerationMethods": ["embedContent"],
                },
            ]
        },
    )
    models = await Gemini.get_models(api_key=KEY, base_url=server.url + "/v1beta")
    assert [m.id for m in models] == ["gemini-2.5-flash"]


@pytest.mark.parametrize("piece", PIECES)
async def test_text_in_the_same_chunk_as_a_safety_stop_is_kept(piece: int) -> None:
    body = transcript("DERIVED_gemini_text_with_safety_stop.txt")
    items, error = await replay_until_error(Gemini, body, piece)
    assert isinstance(error, ContentBlockedError) and "SAFETY" in str(error)
    assert text(items) == "The capital of Wyoming is **Cheyenne**.\n"
    assert of_type(items, FinishReason) == [FinishReason("content_filter", "SAFETY")]
    assert of_type(items, Usage) == [Usage(7, 10, 17)]


async def test_recitation_stop_keeps_usage_and_finish() -> None:
    body = transcript("gemini-testdata_googleai_streaming-failure-recitation-no-content.txt")
    items, error = await replay_until_error(Gemini, body)
    assert isinstance(error, ContentBlockedError)
    assert of_type(items, FinishReason) == [FinishReason("content_filter", "RECITATION")]
    assert of_type(items, Usage) == [Usage(9, 261, 270)]


async def test_blocked_prompt_keeps_its_finish_reason() -> None:
    body = transcript("gemini-testdata_googleai_streaming-failure-prompt-blocked-safety.txt")
    items, error = await replay_until_error(Gemini, body)
    assert isinstance(error, ContentBlockedError) and error.provider == "Google Gemini"
    assert of_type(items, FinishReason) == [FinishReason("content_filter", "SAFETY")]
