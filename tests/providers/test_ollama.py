"""Ollama's native /api/chat NDJSON stream and /api/tags, from its documentation's examples."""

from __future__ import annotations

import json
from typing import Any

import pytest

from providers.chunks import FinishReason, Reasoning, Usage
from providers.errors import ModelNotFoundError, StreamClosedError, StreamErrorEvent
from providers.ollama import Ollama
from tests.localserver import LocalServer, transcript
from tests.providers.helpers import collect, of_type, png_bytes, reasoning, text


async def chat(server: LocalServer, **params: Any) -> list[Any]:
    return await collect(
        Ollama.create_async_generator(
            "llama3.2",
            [{"role": "user", "content": "Why is the sky blue?"}],
            base_url=server.url,
            **params,
        )
    )


async def test_documented_stream(server: LocalServer) -> None:
    server.stream(
        "POST",
        "/api/chat",
        transcript("DERIVED_ollama_api_chat_stream.ndjson"),
        content_type="application/x-ndjson",
    )
    items = await chat(server)
    assert text(items) == "The"
    assert of_type(items, FinishReason) == [FinishReason("stop", "stop")]
    assert of_type(items, Usage) == [Usage(26, 282)]


async def test_request_carries_images_and_options_without_a_key(server: LocalServer) -> None:
    server.stream("POST", "/api/chat", transcript("DERIVED_ollama_api_chat_stream.ndjson"))
    await chat(server, media=[(png_bytes(), "x.png")], temperature=0.5, max_tokens=64, think=True)
    sent = server.requests[-1]
    body = sent.json()
    assert "Authorization" not in sent.headers
    assert body["stream"] is True
    assert body["options"] == {"temperature": 0.5, "num_predict": 64}
    assert body["think"] is True
    assert len(body["messages"][-1]["images"]) == 1


async def test_thinking_field(server: LocalServer) -> None:
    lines = [
        {
            "model": "qwen3",
            "message": {"role": "assistant", "content": "", "thinking": "hm"},
            "done": False,
        },
        {"model": "qwen3", "message": {"role": "assistant", "content": "42"}, "done": False},
        {
            "model": "qwen3",
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "length",
            "prompt_eval_count": 3,
            "eval_count": 9,
        },
    ]
    server.stream("POST", "/api/chat", "\n".join(json.dumps(x) for x in lines).encode())
    items = await chat(server)
    assert reasoning(items) == "hm"
    assert text(items) == "42"
    assert of_type(items, FinishReason)[0].reason == "length"
    assert all(not isinstance(i, Reasoning) for i in items[items.index("42") :])


async def test_error_line_mid_stream(server: LocalServer) -> None:
    server.stream(
        "POST", "/api/chat", transcript("DERIVED_ollama_api_chat_error_mid_stream.ndjson")
    )
    with pytest.raises(StreamErrorEvent, match="error was encountered while running the model"):
        await chat(server)


async def test_stream_without_done_is_incomplete(server: LocalServer) -> None:
    first = transcript("DERIVED_ollama_api_chat_stream.ndjson").splitlines()[0]
    server.stream("POST", "/api/chat", first + b"\n")
    with pytest.raises(StreamClosedError):
        await chat(server)


async def test_unknown_model(server: LocalServer) -> None:
    server.reply("POST", "/api/chat", {"error": "model 'nope' not found"}, status=404)
    with pytest.raises(ModelNotFoundError, match="model 'nope' not found"):
        await chat(server)


async def test_tags(server: LocalServer) -> None:
    server.reply(
        "GET", "/api/tags", transcript("ollama_api_tags.json"), content_type="application/json"
    )
    models = await Ollama.get_models(base_url=server.url)
    assert [m.id for m in models] == ["deepseek-r1:latest", "llama3.2:latest"]
