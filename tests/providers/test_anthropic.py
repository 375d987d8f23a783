"""Anthropic Messages API against a local server replaying the SDK's recorded streams."""

from __future__ import annotations

from typing import Any

import pytest

from providers.anthropic import Anthropic
from providers.chunks import FinishReason, ProviderInfo, Reasoning, Usage
from providers.errors import (
    AuthenticationError,
    ProviderError,
    ServerError,
    StreamClosedError,
)
from tests.localserver import LocalServer, transcript
from tests.providers.helpers import (
    PIECES,
    collect,
    of_type,
    png_bytes,
    reasoning,
    replay,
    replay_until_error,
    text,
)

PATH = "/v1/messages"
KEY = "sk-ant-api03-test-key-0000000000"


async def chat(server: LocalServer, **params: Any) -> list[Any]:
    messages = [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Hi"}]
    return await collect(
        Anthropic.create_async_generator(
            "claude-x", messages, api_key=KEY, base_url=server.url + "/v1", **params
        )
    )


async def test_text_ping_usage_and_stop_reason(server: LocalServer) -> None:
    server.stream("POST", PATH, transcript("anthropic-sdk-python_basic_response.txt"))
    items = await chat(server)
    assert text(items) == "Hello there!"
    assert of_type(items, ProviderInfo)[0].model == "claude-3-opus-latest"
    assert of_type(items, FinishReason) == [FinishReason("stop", "end_turn")]
    assert of_type(items, Usage) == [Usage(11, 6)]


async def test_request_shape(server: LocalServer) -> None:
    server.stream("POST", PATH, transcript("anthropic-sdk-python_basic_response.txt"))
    await chat(
        server, media=[(png_bytes((3000, 1500)), "wide.png")], temperature=0.3, thinking_budget=2048
    )
    sent = server.requests[-1]
    assert sent.headers["x-api-key"] == KEY
    assert sent.headers["anthropic-version"] == "2023-06-01"
    body = sent.json()
    assert body["system"] == "Be kind."
    assert body["max_tokens"] == 4096
    assert body["temperature"] == 0.3
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    image, words = body["messages"][-1]["content"]
    assert words == {"type": "text", "text": "Hi"}
    assert image["source"]["media_type"] == "image/png"
    assert image["source"]["type"] == "base64"


async def test_thinking_deltas_become_reasoning(server: LocalServer) -> None:
    server.stream("POST", PATH, transcript("anthropic-sdk-python_stream-a-refusal.txt"))
    items = await chat(server)
    assert reasoning(items).startswith("Simple educational question")
    assert text(items)
    first_text = next(i for i, item in enumerate(items) if isinstance(item, str))
    assert all(not isinstance(item, Reasoning) for item in items[first_text:])
    assert of_type(items, FinishReason)[0].reason == "content_filter"


async def test_error_event_mid_stream_keeps_the_text(server: LocalServer) -> None:
    server.stream("POST", PATH, transcript("DERIVED_anthropic_text_then_error.txt"))
    got: list[Any] = []
    with pytest.raises(ServerError, match=r"Overloaded \(overloaded_error\)"):
        async for item in Anthropic.create_async_generator(
            "m", [{"role": "user", "content": "Hi"}], api_key=KEY, base_url=server.url + "/v1"
        ):
            got.append(item)
    assert text(got) == "Hello there"


async def test_529_overloaded_and_401(server: LocalServer) -> None:
    body = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    server.reply("POST", PATH, body, status=529)
    with pytest.raises(ServerError, match=r"overloaded \(HTTP 529\): Overloaded"):
        await chat(server)
    server.reply(
        "POST",
        PATH,
        {
            "type": "error",
            "error": {"type": "authentication_error", "message": "invalid x-api-key"},
        },
        status=401,
    )
    with pytest.raises(AuthenticationError, match="invalid x-api-key"):
        await chat(server)


async def test_stream_without_message_stop_is_incomplete(server: LocalServer) -> None:
    data = transcript("anthropic-sdk-python_basic_response.txt")
    server.stream("POST", PATH, data[: data.index(b"event: message_delta")])
    with pytest.raises(StreamClosedError):
        await chat(server)


async def test_live_models(server: LocalServer) -> None:
    server.reply(
        "GET",
        "/v1/models",
        {
            "data": [
                {"id": "claude-sonnet-4-5", "display_name": "Claude Sonnet 4.5", "type": "model"}
            ]
        },
    )
    models = await Anthropic.get_models(api_key=KEY, base_url=server.url + "/v1")
    assert [(m.id, m.label) for m in models] == [("claude-sonnet-4-5", "Claude Sonnet 4.5")]
    assert server.requests[-1].headers["x-api-key"] == KEY


@pytest.mark.parametrize("piece", PIECES)
async def test_prompt_tokens_count_cached_ones(piece: int) -> None:
    items = await replay(Anthropic, transcript("DERIVED_anthropic_cached_prompt.txt"), piece)
    # input 377 + cache read 2048 + cache write 100; output from message_delta
    assert of_type(items, Usage) == [Usage(2525, 65)]


@pytest.mark.parametrize("piece", PIECES)
async def test_stop_reason_without_message_stop_is_a_complete_reply(piece: int) -> None:
    items = await replay(Anthropic, transcript("DERIVED_anthropic_no_message_stop.txt"), piece)
    assert text(items) == "Hello there!"
    assert of_type(items, FinishReason) == [FinishReason("stop", "end_turn")]
    assert of_type(items, Usage) == [Usage(11, 6)]


async def test_usage_counted_before_an_error_is_passed_on() -> None:
    body = transcript("DERIVED_anthropic_text_then_error.txt")
    items, error = await replay_until_error(Anthropic, body)
    assert isinstance(error, ServerError) and "Overloaded" in str(error)
    assert text(items) == "Hello there"
    assert of_type(items, Usage) == [Usage(11, 1)]


async def test_error_types_map_to_error_kinds() -> None:
    body = transcript("anthropic-sdk-python_test_streaming_error_type.txt")
    _, error = await replay_until_error(Anthropic, body)
    assert isinstance(error, ProviderError) and error.provider == "Anthropic"
