"""OpenAI-compatible provider against a local server replaying recorded OpenAI streams."""

from __future__ import annotations

import json
from typing import Any

import pytest

from providers.chunks import FinishReason, Reasoning, Usage
from providers.errors import (
    AuthenticationError,
    ConnectionFailedError,
    MalformedStreamError,
    MissingKeyError,
    ModelNotFoundError,
    OversizedLineError,
    RateLimitError,
    ResponseTimeoutError,
    ServerError,
    StreamClosedError,
    StreamErrorEvent,
)
from providers.http import Timeouts
from providers.openai_compat import OpenAI
from providers.streams import MAX_LINE_BYTES
from tests.localserver import LocalServer, closed_port, transcript
from tests.providers.helpers import collect, of_type, png_bytes, reasoning, text

PATH = "/v1/chat/completions"
NOTHING = "openai-python_parse_nothing_e2aad469b71d.txt"
KEY = "sk-test-0123456789abcdef"


def expected_text(name: str) -> str:
    out = []
    for line in transcript(name).decode().splitlines():
        if line.startswith("data: {"):
            for choice in json.loads(line[6:])["choices"]:
                if choice["index"] == 0:
                    out.append(choice["delta"].get("content") or "")
    return "".join(out)


async def chat(server: LocalServer, api_key: str | None = KEY, **params: Any) -> list[Any]:
    return await collect(
        OpenAI.create_async_generator(
            "gpt-4o",
            [{"role": "user", "content": "hi"}],
            api_key=api_key,
            base_url=server.url + "/v1",
            **params,
        )
    )


@pytest.mark.parametrize(
    "name",
    [
        NOTHING,
        "openai-python_non_pydantic_response_format_d61558011839.txt",
        "openai-python_parse_pydantic_model_multiple_choices_a491adda08c3.txt",
        "openai-python_content_logprobs_events_83b060bae42e.txt",
    ],
)
async def test_recorded_stream_text_usage_and_finish(server: LocalServer, name: str) -> None:
    server.stream("POST", PATH, transcript(name))
    items = await chat(server)
    assert text(items) == expected_text(name)
    assert of_type(items, FinishReason)[0].reason == "stop"
    usage = of_type(items, Usage)[-1]
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens > 0


async def test_request_asks_for_streamed_usage_and_sends_the_key(server: LocalServer) -> None:
    server.stream("POST", PATH, transcript(NOTHING))
    await chat(server, temperature=0.2, max_tokens=50, not_an_api_param=1)
    sent = server.requests[-1]
    body = sent.json()
    assert sent.headers["Authorization"] == f"Bearer {KEY}"
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["temperature"] == 0.2
    assert body["max_tokens"] == 50
    assert "not_an_api_param" not in body


async def test_length_finish_and_refusal_text(server: LocalServer) -> None:
    server.stream(
        "POST", PATH, transcript("openai-python_parse_max_tokens_reached_4cc50a6135d2.txt")
    )
    assert of_type(await chat(server), FinishReason)[0].reason == "length"
    server.stream(
        "POST", PATH, transcript("openai-python_parse_pydantic_model_refusal_173417d55340.txt")
    )
    assert "sorry" in text(await chat(server)).lower()


async def test_images_become_image_url_parts_on_the_last_user_message(server: LocalServer) -> None:
    server.stream("POST", PATH, transcript(NOTHING))
    await chat(server, media=[(png_bytes(), "red.png")])
    content = server.requests[-1].json()["messages"][-1]["content"]
    assert content[0] == {"type": "text", "text": "hi"}
    assert content[1]["image_url"]["url"].startswith("data:image/png;base64,")


async def test_reasoning_content_and_reasoning_fields(server: LocalServer) -> None:
    # Synthetic stream in the shape DeepSeek (reasoning_content) and OpenRouter (reasoning) send.
    events = [
        {"choices": [{"index": 0, "delta": {"reasoning_content": "think "}}]},
        {"choices": [{"index": 0, "delta": {"reasoning": "more"}}]},
        {"choices": [{"index": 0, "delta": {"content": "answer"}, "finish_reason": "stop"}]},
    ]
    body = (
        "".join(f"data: {json.dumps(e)}\n\n" for e in events) + ": keep-alive\n\ndata: [DONE]\n\n"
    )
    server.stream("POST", PATH, body.encode())
    items = await chat(server)
    assert reasoning(items) == "think more"
    assert text(items) == "answer"
    assert all(isinstance(i, Reasoning) for i in items[:2])


async def test_no_key_is_a_clear_error_before_any_request() -> None:
    with pytest.raises(MissingKeyError, match="OPENAI_API_KEY"):
        await collect(OpenAI.create_async_generator("gpt-4o", [{"role": "user", "content": "hi"}]))


async def test_preset_pointed_elsewhere_lets_that_server_decide_about_the_key(
    server: LocalServer,
) -> None:
    server.stream("POST", PATH, transcript(NOTHING))
    items = await chat(server, api_key=None)
    assert text(items) == expected_text(NOTHING)
    assert "Authorization" not in server.requests[0].headers


@pytest.mark.parametrize(
    ("status", "body", "headers", "error", "message"),
    [
        (
            401,
            {"error": {"message": f"Incorrect API key provided: {KEY}"}},
            None,
            AuthenticationError,
            "rejected",
        ),
        (
            404,
            {"error": {"message": "The model `nope` does not exist"}},
            None,
            ModelNotFoundError,
            "does not exist",
        ),
        (
            429,
            {"error": {"message": "Rate limit reached"}},
            {"Retry-After": "20"},
            RateLimitError,
            "in 20 seconds",
        ),
        (
            500,
            "<html><head><title>502 Bad Gateway</title></head><body>x</body></html>",
            None,
            ServerError,
            "502 Bad Gateway",
        ),
    ],
)
async def test_http_errors_have_plain_messages(
    server: LocalServer,
    status: int,
    body: object,
    headers: dict[str, str] | None,
    error: type[Exception],
    message: str,
) -> None:
    ctype = "text/html" if isinstance(body, str) else None
    server.reply("POST", PATH, body, status=status, headers=headers, content_type=ctype)
    with pytest.raises(error, match=message) as caught:
        await chat(server)
    assert KEY not in str(caught.value)
    assert str(caught.value).startswith("OpenAI: ")
    if isinstance(caught.value, RateLimitError):
        assert caught.value.retry_after == 20


async def test_connection_refused() -> None:
    port = await closed_port()
    with pytest.raises(ConnectionFailedError, match="could not connect"):
        await collect(
            OpenAI.create_async_generator(
                "m",
                [{"role": "user", "content": "hi"}],
                api_key=KEY,
                base_url=f"http://127.0.0.1:{port}/v1",
            )
        )


async def test_connection_cut_mid_stream_keeps_what_arrived(server: LocalServer) -> None:
    data = transcript(NOTHING)
    server.stream("POST", PATH, data[: len(data) // 2], then="cut")
    received: list[Any] = []
    with pytest.raises(StreamClosedError, match="closed before the reply was complete"):
        async for item in OpenAI.create_async_generator(
            "m", [{"role": "user", "content": "hi"}], api_key=KEY, base_url=server.url + "/v1"
        ):
            received.append(item)
    assert text(received) and expected_text(NOTHING).startswith(text(received))


async def test_stream_that_ends_without_done_or_finish_is_incomplete(server: LocalServer) -> None:
    server.stream("POST", PATH, b'data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n')
    with pytest.raises(StreamClosedError):
        await chat(server)


async def test_malformed_line(server: LocalServer) -> None:
    server.stream(
        "POST",
        PATH,
        b'data: {"choices":[{"index":0,"delta":{"content":"ok"}}]}\n\ndata: {not json\n\n',
    )
    with pytest.raises(MalformedStreamError, match="not valid JSON") as caught:
        await chat(server)
    assert caught.value.provider == "OpenAI"


async def test_oversized_line(server: LocalServer) -> None:
    server.stream("POST", PATH, b"data: " + b"x" * MAX_LINE_BYTES, piece=256 * 1024)
    with pytest.raises(OversizedLineError, match="longer than 8 MB"):
        await chat(server)


async def test_error_object_mid_stream(server: LocalServer) -> None:
    server.stream(
        "POST",
        PATH,
        b'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n'
        b'data: {"error":{"message":"Upstream provider failed","code":502}}\n\n',
    )
    with pytest.raises(ServerError, match="Upstream provider failed"):
        await chat(server)


async def test_error_object_mid_stream_without_a_code(server: LocalServer) -> None:
    server.stream(
        "POST",
        PATH,
        b'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n'
        b'data: {"error":{"message":"Upstream provider failed"}}\n\n',
    )
    with pytest.raises(StreamErrorEvent, match="Upstream provider failed"):
        await chat(server)


async def test_rate_limit_inside_the_stream_is_a_rate_limit(server: LocalServer) -> None:
    # OpenRouter reports upstream failures mid-stream with the HTTP-equivalent code.
    server.stream(
        "POST",
        PATH,
        b'data: {"error":{"message":"Rate limit exceeded: free-models-per-min","code":429}}\n\n',
    )
    with pytest.raises(RateLimitError, match="free-models-per-min"):
        await chat(server)


async def test_stall_mid_stream(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(OpenAI, "timeouts", Timeouts(connect=5, first_byte=5, stall=0.2))
    server.stream(
        "POST", PATH, b'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n', then="stall"
    )
    with pytest.raises(ResponseTimeoutError, match="stalled"):
        await chat(server)


async def test_live_model_list(server: LocalServer) -> None:
    server.reply(
        "GET",
        "/v1/models",
        {
            "object": "list",
            "data": [
                {"id": "gpt-4o", "object": "model", "owned_by": "openai"},
                {"id": "gpt-4o-mini", "object": "model", "owned_by": "openai"},
            ],
        },
    )
    models = await OpenAI.get_models(api_key=KEY, base_url=server.url + "/v1")
    assert [m.id for m in models] == ["gpt-4o", "gpt-4o-mini"]
    assert server.requests[-1].headers["Authorization"] == f"Bearer {KEY}"
