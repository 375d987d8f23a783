"""The g4f backend provider: SSE and legacy JSON lines, every event type, errors and lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from providers.backend_api import BackendApi, merge_conversation, parse_event
from providers.base import Route
from providers.chunks import FinishReason, ProviderInfo, RawResponse, Reasoning, Usage
from providers.errors import (
    AuthenticationError,
    BadRequestError,
    MalformedStreamError,
    ModelNotFoundError,
    ProviderError,
    RateLimitError,
    StreamErrorEvent,
)
from tests.localserver import LocalServer
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

PATH = "/backend-api/v2/conversation"
FIXTURES = Path(__file__).parent.parent / "fixtures" / "g4f"

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
    assert "api_key" not in body  # g4f reads it from Authorization; bodies end up in logs
    assert sent.headers["Authorization"] == "Bearer g4f-key-123456"
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
    with pytest.raises(RateLimitError, match=r"Too many requests \(RateLimitError\)"):
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
        parse_event({"content": "x"})


def g4f_body(name: str) -> bytes:
    """A body captured from a real g4f 8.8.6 server (fixtures/g4f/SOURCES.md)."""
    return (FIXTURES / name).read_bytes()


def g4f_json(name: str) -> Any:
    return json.loads(g4f_body(name))


async def test_provider_list_from_a_real_server(server: LocalServer) -> None:
    server.reply("GET", "/backend-api/v2/providers", g4f_json("g4f-8.8.6_providers.json"))
    providers = await BackendApi.get_routes(base_url=server.url, api_key="g4f-key-123456")
    assert len(providers) == 60
    assert providers[0] == Route("Antigravity", "Google Antigravity", needs_auth=True)
    assert Route("Airforce", "Api.Airforce") in providers
    assert server.requests[-1].headers["x-api-key"] == "g4f-key-123456"


@pytest.mark.parametrize(
    ("path", "name", "count", "first"),
    [
        ("/backend-api/v2/models", "g4f-8.8.6_models.json", 218, "claude-opus-4-6-thinking"),
        (
            "/backend-api/v2/models/Cloudflare",
            "g4f-8.8.6_models_Cloudflare.json",
            54,
            "deepseek-coder-6.7b",
        ),
        ("/backend-api/v2/models/AnyProvider", "g4f-8.8.6_models_AnyProvider.json", 214, "auto"),
    ],
    ids=["all-providers-dict", "one-provider", "any-provider-groups"],
)
async def test_model_lists_from_a_real_server(
    server: LocalServer, path: str, name: str, count: int, first: str
) -> None:
    server.reply("GET", path, g4f_json(name))
    provider = path.rsplit("/", 1)[1] if path.count("/") == 4 else None
    models = await BackendApi.get_models(base_url=server.url, provider=provider)
    assert len(models) == count
    assert models[0].id == first
    assert len({m.id for m in models}) == len(models)


async def test_real_stream_with_an_image(server: LocalServer) -> None:
    server.stream("POST", PATH, g4f_body("g4f-8.8.6_conversation_image.txt"))
    items = await chat(server, provider="G4FSpace", media=[(png_bytes(), "teal.png")])
    assert text(items) == "Hello from upstream"
    assert of_type(items, ProviderInfo)[0] == ProviderInfo("G4FSpace", "llava-local", None)
    assert of_type(items, Usage) == [Usage(9, 3, 12)]
    assert of_type(items, FinishReason) == [FinishReason("stop")]


@pytest.mark.parametrize("piece", PIECES)
async def test_real_stream_replayed(piece: int) -> None:
    items = await replay(BackendApi, g4f_body("g4f-8.8.6_conversation_ok.txt"), piece)
    assert text(items) == "Hello from upstream"
    raw = [r.type for r in of_type(items, RawResponse)]
    assert raw.count("response") == 5 and "parameters" in raw


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        (
            "g4f-8.8.6_conversation_upstream_429.txt",
            RateLimitError,
            "Error 429: Error rate_limit_exceeded: Rate limit reached for requests "
            "(RateLimitError)",
        ),
        (
            "g4f-8.8.6_conversation_missing_auth.txt",
            AuthenticationError,
            'Add a "api_key" (MissingAuthError)',
        ),
        (
            "g4f-8.8.6_conversation_runtime_error.txt",
            StreamErrorEvent,
            "Google Chrome / Chromium / Edge executable not found. (RuntimeError)",
        ),
    ],
    ids=["upstream-429", "missing-auth", "runtime-error"],
)
async def test_real_error_events_map_to_kinds(
    name: str, error: type[ProviderError], message: str
) -> None:
    _, caught = await replay_until_error(BackendApi, g4f_body(name))
    assert type(caught) is error
    assert str(caught) == f"gpt4free backend: {message}"


@pytest.mark.parametrize(
    ("name", "status", "error"),
    [
        ("g4f-8.8.6_conversation_provider_not_found_404.json", 404, ModelNotFoundError),
        ("g4f-8.8.6_conversation_invalid_json_400.json", 400, BadRequestError),
    ],
)
async def test_real_json_errors_before_the_stream(
    server: LocalServer, name: str, status: int, error: type[ProviderError]
) -> None:
    server.reply("POST", PATH, g4f_json(name), status=status)
    with pytest.raises(error, match=g4f_json(name)["error"]["message"]):
        await chat(server)


async def test_conversation_data_goes_back_on_the_next_turn(server: LocalServer) -> None:
    first = [
        {"type": "conversation", "conversation": {"G4FSpace": {"conversation_id": "abc"}}},
        {"type": "content", "content": "Hi"},
    ]
    server.stream("POST", PATH, sse(first))
    items = await chat(server, provider="G4FSpace")
    stored: dict[str, Any] | None = None
    for event in of_type(items, RawResponse):
        if event.type == "conversation":
            stored = merge_conversation(stored, event)
    await chat(server, provider="G4FSpace", conversation=stored)
    assert "conversation" not in server.requests[0].json()
    assert server.requests[1].json()["conversation"] == {"conversation_id": "abc"}
    await chat(server, conversation=stored)  # no provider: the server routes, gets all of it
    assert server.requests[2].json()["conversation"] == {"G4FSpace": {"conversation_id": "abc"}}
