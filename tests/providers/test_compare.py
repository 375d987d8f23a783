"""`confab-cli compare`: one prompt to several targets at once, as JSON lines, from a real
process against local servers that replay recorded streams; one failing target never stops
the others."""

from __future__ import annotations

import json
from typing import Any

import pytest

from providers import get_provider
from providers.compare import CompareTarget
from tests.localserver import LocalServer, closed_port, transcript
from tests.providers.test_cli import run_cli

NOTHING = "openai-python_parse_nothing_e2aad469b71d.txt"
OLLAMA = "DERIVED_ollama_api_chat_stream.ndjson"


def by_target(out: str) -> dict[int, list[dict[str, Any]]]:
    lines: dict[int, list[dict[str, Any]]] = {}
    for line in out.splitlines():
        event = json.loads(line)
        lines.setdefault(event["target"], []).append(event)
    return lines


def text_of(events: list[dict[str, Any]]) -> str:
    return "".join(e["text"] for e in events if e["type"] == "text")


async def test_three_targets_stream_side_by_side_and_one_fails(server: LocalServer) -> None:
    server.stream("POST", "/v1/chat/completions", transcript(NOTHING), piece=7)
    server.stream("POST", "/api/chat", transcript(OLLAMA), piece=5)
    dead = f"http://127.0.0.1:{await closed_port()}/v1"
    code, out, _err = await run_cli(
        "compare",
        "-p", f"LlamaCpp:local-model@{server.url}/v1",
        "-p", f"LMStudio:gone@{dead}",
        "-p", f"Ollama:llama3.2:1b@{server.url}",
        "What's the weather in SF?",
    )  # fmt: skip
    assert code == 1  # not every target answered
    lines = by_target(out)
    assert [lines[i][0]["label"] for i in range(3)] == [
        "llama.cpp server · local-model",
        "LM Studio · gone",
        "Ollama · llama3.2:1b",
    ]
    assert text_of(lines[0]).startswith("I'm unable to provide real-time weather updates.")
    assert text_of(lines[2]).strip()
    ends = {i: events[-1] for i, events in lines.items()}
    assert all(end["type"] == "end" for end in ends.values())
    assert "error" not in ends[0] and "error" not in ends[2]
    assert ends[0]["time_to_first_token"] is not None and ends[0]["characters"] > 0
    assert ends[2]["usage"]["completion_tokens"] > 0  # Ollama counts its tokens
    assert ends[1]["error"]["kind"] == "connect"
    assert "LM Studio: could not connect" in ends[1]["error"]["message"]
    sent = [r for r in server.requests if r.method == "POST"]
    assert {r.json()["model"] for r in sent} == {"local-model", "llama3.2:1b"}


async def test_compare_takes_two_to_four_targets() -> None:
    code, _out, err = await run_cli("compare", "-p", "LlamaCpp", "hi")
    assert code == 2
    assert "2 to 4 targets" in err


@pytest.mark.parametrize(
    ("spec", "provider", "model", "url"),
    [
        ("Ollama", "Ollama", "", None),
        ("Ollama:llama3:8b", "Ollama", "llama3:8b", None),
        ("llama_cpp:q@http://h:8080/v1", "LlamaCpp", "q", "http://h:8080/v1"),
        ("OpenAI:gpt-4o@https://u:p@proxy.example/v1", "OpenAI", "gpt-4o", "https://u:p@proxy.example/v1"),
    ],
)  # fmt: skip
def test_a_target_spec_names_provider_model_and_address(
    spec: str, provider: str, model: str, url: str | None
) -> None:
    target = CompareTarget.parse(spec)
    assert (target.provider, target.model, target.base_url) == (get_provider(provider), model, url)
