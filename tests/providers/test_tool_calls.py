"""Tool calls in each family's wire format: streams recorded from the real APIs (the SDKs'
fixtures, origins in fixtures/transcripts/SOURCES.md), and the requests that send the results
back, checked against each API's documented shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from providers.anthropic import Anthropic
from providers.backend_api import BackendApi
from providers.base import StreamingProvider
from providers.chunks import FinishReason, ToolCall, ToolResult
from providers.errors import UnsupportedError
from providers.gemini import Gemini
from providers.ollama import Ollama
from providers.openai_compat import OpenAI
from providers.tool_loop import DECLINED, run_with_tools
from providers.tools import GENERATED_ID, ToolSpec, call_message, flatten, result_message
from tests.localserver import LocalServer, transcript
from tests.providers.helpers import PIECES, collect, of_type, replay, text

KEY = "test-key-not-secret"


@pytest.mark.parametrize("piece", PIECES)
async def test_openai_parallel_calls_arrive_whole_with_arguments_split_over_many_events(
    piece: int,
) -> None:
    items = await replay(
        OpenAI, transcript("openai-python_parse_multiple_pydantic_tools_f82268f2fefd.txt"), piece
    )
    calls = of_type(items, ToolCall)
    assert [(c.id, c.name, c.arguments) for c in calls] == [
        (
            "call_JMW1whyEaYG438VE1OIflxA2",
            "GetWeatherArgs",
            {"city": "Edinburgh", "country": "GB", "units": "c"},
        ),
        (
            "call_DNYTawLBoN8fj3KN6qU9N1Ou",
            "get_stock_price",
            {"ticker": "AAPL", "exchange": "NASDAQ"},
        ),
    ]
    finish = of_type(items, FinishReason)
    assert [f.reason for f in finish] == ["tool_calls"]
    assert items.index(calls[-1]) < items.index(finish[0])


@pytest.mark.parametrize("piece", PIECES)
async def test_anthropic_tool_use_block_follows_its_text(piece: int) -> None:
    items = await replay(Anthropic, transcript("anthropic-sdk-python_tool_use_response.txt"), piece)
    assert text(items) == "I'll check the current weather in Paris for you."
    [call] = of_type(items, ToolCall)
    assert (call.id, call.name, call.arguments) == (
        "toolu_01NRLabsLyVHZPKxbKvkfSMn",
        "get_weather",
        {"location": "Paris"},
    )
    assert of_type(items, FinishReason)[0].reason == "tool_calls"


async def test_anthropic_call_cut_off_by_the_token_limit_is_passed_on_as_invalid() -> None:
    items = await replay(
        Anthropic, transcript("anthropic-sdk-python_incomplete_partial_json_response.txt")
    )
    [call] = of_type(items, ToolCall)
    assert call.name == "make_file" and call.arguments == {}
    assert call.invalid is not None and call.invalid.startswith('{"filename": "taxes.txt"')
    assert of_type(items, FinishReason)[0].reason == "length"


async def test_anthropic_server_tools_are_not_calls_for_the_client() -> None:
    items = await replay(Anthropic, transcript("anthropic-sdk-python_stream-a-toolrefusal.txt"))
    assert of_type(items, ToolCall) == []


async def test_gemini_function_call_part() -> None:
    items = await replay(
        Gemini, transcript("gemini-testdata_vertexai_streaming-success-function-call-short.txt")
    )
    [call] = of_type(items, ToolCall)
    assert (call.name, call.arguments) == ("getTemperature", {"city": "San Jose"})
    assert call.id.startswith(GENERATED_ID)  # this API gave none
    assert of_type(items, FinishReason)[0].reason == "tool_calls"


async def test_gemini_call_keeps_its_thought_signature_to_send_back() -> None:
    name = (
        "gemini-testdata_googleai_"
        "streaming-success-thinking-function-call-thought-summary-signature.txt"
    )
    [call] = of_type(await replay(Gemini, transcript(name)), ToolCall)
    assert call.name == "now" and call.arguments == {}
    assert call.signature and call.signature.startswith("CiIBVKhc7vB+")
    part = Gemini.build_payload("m", [call_message("", [call])], [], {})["contents"][0]["parts"][0]
    assert part["thoughtSignature"] == call.signature
    assert part["functionCall"] == {"name": "now", "args": {}}  # no made-up id sent


async def test_ollama_tool_calls_with_argument_objects() -> None:
    items = await replay(Ollama, transcript("DERIVED_ollama_api_chat_stream_tools.ndjson"))
    [call] = of_type(items, ToolCall)
    assert (call.name, call.arguments) == ("get_weather", {"city": "Tokyo"})
    assert of_type(items, FinishReason)[0].reason == "tool_calls"


# --- requests: the conversation's tool turns in each family's shape ---------------------------

WEATHER = ToolSpec(
    "get_weather",
    "Current weather",
    {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
)
PNG = ("image/png", "iVBORw0KGgo=")


def history() -> list[dict[str, Any]]:
    """A user turn, an assistant turn with two parallel calls, and their two results: one
    with an image, one an error."""
    calls = [
        ToolCall("call_a", "get_weather", {"city": "Paris"}),
        ToolCall("call_b", "get_weather", {"city": "Oslo"}),
    ]
    return [
        {"role": "user", "content": "Weather in Paris and Oslo?"},
        call_message("Checking both.", calls),
        result_message(ToolResult("call_a", "get_weather", "18 C, sunny", images=(PNG,))),
        result_message(ToolResult("call_b", "get_weather", "no such city", "error")),
    ]


def test_openai_request_shape() -> None:
    payload = OpenAI.build_payload("gpt", history(), [], {"tools": [WEATHER]})
    assert payload["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Current weather",
                "parameters": WEATHER.schema,
            },
        }
    ]
    _user, asked, first, second, pictures = payload["messages"]
    assert asked == {
        "role": "assistant",
        "content": "Checking both.",
        "tool_calls": [
            {
                "id": "call_a",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
            },
            {
                "id": "call_b",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
            },
        ],
    }
    assert first == {"role": "tool", "tool_call_id": "call_a", "content": "18 C, sunny"}
    assert second == {"role": "tool", "tool_call_id": "call_b", "content": "no such city"}
    # a tool message holds text only: the image follows the results in a user turn
    assert pictures == {
        "role": "user",
        "content": [
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
        ],
    }


def test_anthropic_request_shape() -> None:
    payload = Anthropic.build_payload("claude", history(), [], {"tools": [WEATHER]})
    assert payload["tools"] == [
        {"name": "get_weather", "description": "Current weather", "input_schema": WEATHER.schema}
    ]
    _user, asked, results = payload["messages"]
    assert asked == {
        "role": "assistant",
        "content": [
            {"type": "text", "text": "Checking both."},
            {"type": "tool_use", "id": "call_a", "name": "get_weather", "input": {"city": "Paris"}},
            {"type": "tool_use", "id": "call_b", "name": "get_weather", "input": {"city": "Oslo"}},
        ],
    }
    image = {"type": "image", "source": {"type": "base64", "media_type": PNG[0], "data": PNG[1]}}
    assert results == {  # both results in one user turn, as the API asks
        "role": "user",
        "content": [
            {
                "type": "tool_result",
                "tool_use_id": "call_a",
                "content": [{"type": "text", "text": "18 C, sunny"}, image],
            },
            {
                "type": "tool_result",
                "tool_use_id": "call_b",
                "content": [{"type": "text", "text": "no such city"}],
                "is_error": True,
            },
        ],
    }


def test_gemini_request_shape() -> None:
    payload = Gemini.build_payload("gemini-2.0-flash", history(), [], {"tools": [WEATHER]})
    assert payload["tools"] == [
        {
            "functionDeclarations": [
                {
                    "name": "get_weather",
                    "description": "Current weather",
                    "parametersJsonSchema": WEATHER.schema,
                }
            ]
        }
    ]
    _user, asked, results = payload["contents"]
    assert asked == {
        "role": "model",
        "parts": [
            {"text": "Checking both."},
            {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}, "id": "call_a"}},
            {"functionCall": {"name": "get_weather", "args": {"city": "Oslo"}, "id": "call_b"}},
        ],
    }
    assert results == {
        "role": "user",
        "parts": [
            {
                "functionResponse": {
                    "name": "get_weather",
                    "response": {"output": "18 C, sunny"},
                    "id": "call_a",
                }
            },
            {"inline_data": {"mime_type": PNG[0], "data": PNG[1]}},
            {
                "functionResponse": {
                    "name": "get_weather",
                    "response": {"error": "no such city"},
                    "id": "call_b",
                }
            },
        ],
    }


def test_ollama_request_shape() -> None:
    payload = Ollama.build_payload("llama3.2", history(), [], {"tools": [WEATHER]})
    assert payload["tools"][0]["function"]["name"] == "get_weather"
    _user, asked, first, second = payload["messages"]
    assert asked == {
        "role": "assistant",
        "content": "Checking both.",
        "tool_calls": [
            {"function": {"name": "get_weather", "arguments": {"city": "Paris"}}},
            {"function": {"name": "get_weather", "arguments": {"city": "Oslo"}}},
        ],
    }
    assert first == {
        "role": "tool",
        "content": "18 C, sunny",
        "images": [PNG[1]],
        "tool_name": "get_weather",
    }
    assert second == {"role": "tool", "content": "no such city", "tool_name": "get_weather"}


def test_a_provider_without_tools_reads_tool_turns_as_text() -> None:
    flat = flatten(history())
    assert [m["role"] for m in flat] == ["user", "assistant"]
    assert flat[1]["content"] == (
        "Checking both.\n"
        '[called get_weather({"city": "Paris"})]\n'
        '[called get_weather({"city": "Oslo"})]\n'
        "[get_weather returned: 18 C, sunny]\n"
        "[get_weather returned: no such city]"
    )


# --- the loop, two steps per family, over HTTP -------------------------------------------------


@dataclass
class Kit:
    """A toolbox of Python functions that records what ran."""

    ran: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    tools: tuple[str, ...] = (
        "get_weather",
        "GetWeatherArgs",
        "get_stock_price",
        "getTemperature",
        "add",
    )

    def specs(self) -> list[ToolSpec]:
        return [ToolSpec(name, "a test tool") for name in self.tools]

    async def call(self, call: ToolCall) -> ToolResult:
        self.ran.append((call.name, call.arguments))
        return ToolResult(call.id, call.name, f"result of {call.name}")


async def allow(call: ToolCall) -> bool:
    return True


@dataclass(frozen=True)
class Family:
    provider: type[StreamingProvider]
    base: str
    path: str
    with_calls: str
    answer: str
    content_type: str = "text/event-stream"
    source: Callable[[str], bytes] = transcript


def g4f_capture(name: str) -> bytes:
    """A body captured from a real gpt4free 8.8.6 server (fixtures/g4f/SOURCES.md)."""
    return (Path(__file__).parents[1] / "fixtures" / "g4f" / name).read_bytes()


FAMILIES = {
    "openai": Family(
        OpenAI,
        "/v1",
        "/v1/chat/completions",
        "openai-python_parse_multiple_pydantic_tools_f82268f2fefd.txt",
        "openai-python_parse_nothing_e2aad469b71d.txt",
    ),
    "anthropic": Family(
        Anthropic,
        "/v1",
        "/v1/messages",
        "anthropic-sdk-python_tool_use_response.txt",
        "anthropic-sdk-python_basic_response.txt",
    ),
    "gemini": Family(
        Gemini,
        "/v1beta",
        "/v1beta/models/gemini-2.0-flash:streamGenerateContent",
        "gemini-testdata_vertexai_streaming-success-function-call-short.txt",
        "gemini-testdata_googleai_streaming-success-basic-reply-short.txt",
    ),
    "ollama": Family(
        Ollama,
        "",
        "/api/chat",
        "DERIVED_ollama_api_chat_stream_tools.ndjson",
        "DERIVED_ollama_api_chat_stream.ndjson",
        "application/x-ndjson",
    ),
    "g4f": Family(
        BackendApi,
        "",
        "/backend-api/v2/conversation",
        "g4f-8.8.6_conversation_tool_call.txt",
        "g4f-8.8.6_conversation_tool_result.txt",
        source=g4f_capture,
    ),
}


@pytest.mark.parametrize("family", FAMILIES)
async def test_two_step_loop(server: LocalServer, family: str) -> None:
    """The model calls tools, the results go back in the family's format, the model answers."""
    f = FAMILIES[family]
    server.stream_in_turn(
        "POST",
        f.path,
        [f.source(f.with_calls), f.source(f.answer)],
        content_type=f.content_type,
    )
    kit = Kit()
    added: list[dict[str, Any]] = []
    items = await collect(
        run_with_tools(
            f.provider,
            "gemini-2.0-flash" if family == "gemini" else "m",
            [{"role": "user", "content": "Go"}],
            toolbox=kit,
            approve=allow,
            history=added,
            api_key=KEY,
            base_url=server.url + f.base,
        )
    )
    calls, results = of_type(items, ToolCall), of_type(items, ToolResult)
    assert [c.name for c in calls] == [name for name, _args in kit.ran]
    assert [r.call_id for r in results] == [c.id for c in calls]
    assert text(items)  # the second step's answer streamed
    first, second = (r.json() for r in server.requests)
    declared = first.get("tools")
    assert declared, "the first request declares the tools"
    assert declared == second["tools"]
    sent = json.dumps(second)
    for call in calls:
        assert f"result of {call.name}" in sent
        if not call.id.startswith(GENERATED_ID):
            assert call.id in sent
    assert [m["role"] for m in added] == ["assistant"] + ["tool"] * len(calls)


async def test_deny_sends_the_model_a_refusal_and_runs_nothing(server: LocalServer) -> None:
    f = FAMILIES["anthropic"]
    server.stream_in_turn("POST", f.path, [transcript(f.with_calls), transcript(f.answer)])
    kit = Kit()

    async def deny(call: ToolCall) -> bool:
        return False

    items = await collect(
        run_with_tools(
            Anthropic,
            "m",
            [{"role": "user", "content": "Go"}],
            toolbox=kit,
            approve=deny,
            api_key=KEY,
            base_url=server.url + "/v1",
        )
    )
    assert kit.ran == []
    [result] = of_type(items, ToolResult)
    assert result.status == "denied"
    [_user, _asked, results] = server.requests[1].json()["messages"]
    assert results["content"][0]["content"][0]["text"] == DECLINED
    assert results["content"][0]["is_error"] is True


async def test_step_limit_stops_asking_and_says_why(server: LocalServer) -> None:
    f = FAMILIES["ollama"]
    calls = transcript(f.with_calls)
    server.stream_in_turn("POST", f.path, [calls, calls, calls], content_type=f.content_type)
    kit = Kit()
    items = await collect(
        run_with_tools(
            Ollama,
            "m",
            [{"role": "user", "content": "Go"}],
            toolbox=kit,
            approve=allow,
            max_steps=2,
            base_url=server.url,
        )
    )
    assert len(server.requests) == 2 and len(kit.ran) == 1
    assert [r.status for r in of_type(items, ToolResult)] == ["ok", "limit"]


async def test_a_call_with_broken_arguments_is_answered_not_run() -> None:
    kit = Kit(tools=("make_file",))
    from providers.tool_loop import run_one

    result = await run_one(ToolCall("t1", "make_file", {}, invalid='{"filename": "ta'), kit, allow)
    assert result.status == "error" and "not a valid JSON object" in result.text
    assert kit.ran == []


async def test_a_long_result_is_cut_for_the_model_with_a_note() -> None:
    from providers.tool_loop import MAX_RESULT_CHARS, run_one

    class Big(Kit):
        async def call(self, call: ToolCall) -> ToolResult:
            return ToolResult(call.id, call.name, "x" * (MAX_RESULT_CHARS + 5))

    result = await run_one(ToolCall("t1", "get_weather"), Big(), allow)
    assert result.text.startswith("x" * MAX_RESULT_CHARS)
    assert f"had {MAX_RESULT_CHARS + 5:,} characters" in result.text


async def test_a_provider_without_tools_says_so() -> None:
    from providers.ai365vip import AI365VIP

    with pytest.raises(UnsupportedError, match="cannot call tools"):
        await collect(
            run_with_tools(
                AI365VIP, "m", [{"role": "user", "content": "x"}], toolbox=Kit(), approve=allow
            )
        )


@pytest.mark.parametrize("piece", PIECES)
async def test_g4f_call_arrives_whole_from_its_pieces(piece: int) -> None:
    """gpt4free passes each streamed ``delta.tool_calls`` on as a ``tool_calls`` event."""
    items = await replay(BackendApi, g4f_capture("g4f-8.8.6_conversation_tool_call.txt"), piece)
    [call] = of_type(items, ToolCall)
    assert (call.id, call.name, call.arguments) == (
        "call_c91SqDXlYFuETYv8mUHzz6pp",
        "add",
        {"a": 2, "b": 3},
    )
    [finish] = of_type(items, FinishReason)
    assert finish.reason == "tool_calls" and items.index(call) < items.index(finish)


def test_g4f_request_shape() -> None:
    """What a real g4f 8.8.6 server handed on to its OpenAI-compatible upstream unchanged
    (fixtures/g4f/SOURCES.md): OpenAI's ``tools``, and tool turns in OpenAI's shape."""
    payload = BackendApi.build_payload("m", history(), [], {"tools": [WEATHER]})
    assert payload["tools"] == OpenAI.build_payload("m", [], [], {"tools": [WEATHER]})["tools"]
    messages = payload["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "tool", "tool", "user"]
    assert messages[1]["tool_calls"][0] == {
        "id": "call_a",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
    }
    assert (messages[2]["tool_call_id"], messages[2]["content"]) == ("call_a", "18 C, sunny")
    assert messages[4]["content"][0]["type"] == "image_url"  # a result's picture, after them
