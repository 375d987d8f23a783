"""The g4f backend provider: SSE and legacy JSON lines, every event type, errors and lists."""

from __future__ import annotations

import json
from typing import Any

import pytest

from providers.backend_api import BackendApi, parse_event
from providers.chunks import FinishReason, ProviderInfo, RawResponse, Reasoning, Usage
from providers.errors import (
    AuthenticationError,
    BadRequestError,
    MalformedStreamError,
    ModelNotFoundError,
    StreamErrorEvent,
)
from tests.localserver import LocalServer
from tests.providers.helpers import collect, of_type, png_bytes, reasoning, text

PATH = "/backend-api/v2/conversation"

# The event sequence a g4f server sends for one reply (shapes from g4f's backend_api/api code).
EVENTS: list[dict[str, Any]] = [
    {
        "type": "provider",
        "provider": {"name": "PollinationsAI", "label": "Pollinations AI", "model": "openai"},
    },
    {"type": "parameters", "parameters": {"temperature": 1}},
    {"type": "conversation", "conversation": {"id": "c1"}},
    {"type": "reasoning", "token": "Let me think. "},
    {"type": "reasoning", "status": "Thought for 1.2s"},
    {"type": "content", "content": "Hello"},
    {"type": "preview", "preview": "<img>"},
    {"type": "content", "content": ", world"},
    {"type": "title", "title": "Greeting"},
    {"type": "suggestions", "suggestions": ["And?"]},
    {"type": "log", "log": "switched"},
    {"type": "usage", "usage": {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}},
    {"type": "finish", "finish": {"reason": "stop"}},
]


def sse(events: list[dict[str, Any]]) -> bytes:
    return "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events).encode()


def legacy(events: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(e) + "\n" for e in events).encode()


async def chat(server: LocalServer, **params: Any) -> list[Any]:
    return await collect(
        BackendApi.create_async_generator(
            "gpt-4o", [{"role": "user", "content": "hi"}], base_url=server.url, **params
        )
    )


@pytest.mark.parametrize("encode", [sse, legacy], ids=["sse", "legacy-json-lines"])
async def test_every_event_type_maps_to_a_chunk(server: LocalServer, encode: Any) -> None:
    server.stream("POST", PATH, encode(EVENTS))
    items = await chat(server)
    assert text(items) == "Hello, world"
    assert reasoning(items) == "Let me think. "
    assert of_type(items, Reasoning)[1].status == "Thought for 1.2s"
    assert of_type(items, ProviderInfo) == [
        ProviderInfo("PollinationsAI", "openai", "Pollinations AI")
    ]
    assert of_type(items, Usage)[0].total_tokens == 8
    assert of_type(items, FinishReason) == [FinishReason("stop")]
    raw = {r.type for r in of_type(items, RawResponse)}
    assert raw == {"parameters", "conversation", "preview", "title", "suggestions", "log"}


async def test_request_carries_model_provider_media_and_key(server: LocalServer) -> None:
    server.stream("POST", PATH, sse(EVENTS))
    await chat(
        server,
        provider="PollinationsAI",
        api_key="g4f-key-123456",
        media=[(png_bytes(), "dot.png")],
    )
    sent = server.requests[-1]
    body = sent.json()
    assert body["model"] == "gpt-4o"
    assert body["provider"] == "PollinationsAI"
    assert body["api_key"] == "g4f-key-123456"
    assert sent.headers["x-api-key"] == "g4f-key-123456"
    assert sent.headers["Accept"] == "text/event-stream"
    [[uri, name]] = body["media"]
    assert uri.startswith("data:image/png;base64,") and name == "dot.png"


async def test_error_event_after_the_stream_started(server: LocalServer) -> None:
    events = [
        EVENTS[0],
        {"type": "content", "content": "Part"},
        {"type": "error", "error": "RateLimitError", "message": "Too many requests"},
    ]
    server.stream("POST", PATH, sse(events))
    got: list[Any] = []
    with pytest.raises(StreamErrorEvent, match="RateLimitError: Too many requests"):
        async for item in BackendApi.create_async_generator(
            "m", [{"role": "user", "content": "hi"}], base_url=server.url
        ):
            got.append(item)
    assert text(got) == "Part"


async def test_auth_event(server: LocalServer) -> None:
    server.stream("POST", PATH, legacy([{"type": "auth", "message": "Add a .har file"}]))
    with pytest.raises(AuthenticationError, match="Add a .har file"):
        await chat(server)


@pytest.mark.parametrize(("status", "error"), [(400, BadRequestError), (404, ModelNotFoundError)])
async def test_json_errors_before_the_stream(
    server: LocalServer, status: int, error: type[Exception]
) -> None:
    server.reply("POST", PATH, {"error": {"message": "Model not supported: x"}}, status=status)
    with pytest.raises(error, match="Model not supported: x"):
        await chat(server)


def test_event_without_type_is_malformed() -> None:
    with pytest.raises(MalformedStreamError):
        parse_event({"content": "x"}, "g4f")


async def test_provider_and_model_lists(server: LocalServer) -> None:
    server.reply(
        "GET",
        "/backend-api/v2/providers",
        [
            {"name": "PollinationsAI", "label": "Pollinations AI", "vision": True, "auth": False},
            {"name": "OpenaiChat", "label": "OpenAI ChatGPT", "auth": True},
        ],
    )
    server.reply(
        "GET",
        "/backend-api/v2/models/PollinationsAI",
        [
            {"model": "openai", "default": True, "vision": True},
            {"model": "mistral", "default": False, "vision": False},
        ],
    )
    providers = await BackendApi.get_providers(base_url=server.url, api_key="g4f-key-123456")
    assert [p["name"] for p in providers] == ["PollinationsAI", "OpenaiChat"]
    assert server.requests[-1].headers["x-api-key"] == "g4f-key-123456"
    models = await BackendApi.get_models(base_url=server.url, provider="PollinationsAI")
    assert [(m.id, m.vision) for m in models] == [("openai", True), ("mistral", False)]
