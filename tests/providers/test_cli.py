"""confab-cli, run as a real process against local servers."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from providers import get_provider
from providers.backend_api import BackendApi
from tests.localserver import LocalServer, transcript
from tests.pdfs import RUSSIAN, text_pdf


async def run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    full_env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **(env or {}),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "providers",
        *args,
        env=full_env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode or 0, out.decode(), err.decode()


async def test_list() -> None:
    code, out, _ = await run_cli("list")
    assert code == 0
    for name in ("OpenAI", "OpenRouter", "LlamaCpp", "BackendApi", "AI365VIP"):
        assert name in out
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert rows["LlamaCpp"].endswith("images-if-the-model-can")  # not a claim of vision
    assert rows["OpenAI"].endswith("key images")
    assert rows["BackendApi"].endswith("images routes")


async def test_chat_streams_from_a_local_openai_compatible_server(server: LocalServer) -> None:
    server.stream(
        "POST", "/v1/chat/completions", transcript("openai-python_parse_nothing_e2aad469b71d.txt")
    )
    code, out, _ = await run_cli(
        "chat", "-p", "LlamaCpp", "--base-url", server.url + "/v1", "What's the weather?"
    )
    assert code == 0
    assert out.startswith("I'm unable to provide real-time weather updates.")


async def test_chat_jsonl_from_a_local_g4f_backend(server: LocalServer) -> None:
    body = "".join(
        f"event: {e['type']}\ndata: {json.dumps(e)}\n\n"
        for e in [
            {"type": "provider", "provider": {"name": "Demo", "model": "m"}},
            {"type": "content", "content": "Hi"},
            {"type": "usage", "usage": {"prompt_tokens": 1, "completion_tokens": 1}},
            {"type": "finish", "finish": {"reason": "stop"}},
        ]
    ).encode()
    server.stream("POST", "/backend-api/v2/conversation", body)
    code, out, _ = await run_cli(
        "chat", "-p", "BackendApi", "--base-url", server.url, "--jsonl", "hello"
    )
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["type"] for line in lines] == ["provider", "text", "finish", "usage"]
    assert lines[1] == {"type": "text", "text": "Hi"}


async def test_key_comes_from_the_environment(server: LocalServer) -> None:
    server.stream(
        "POST", "/v1/chat/completions", transcript("openai-python_parse_nothing_e2aad469b71d.txt")
    )
    code, _, _ = await run_cli(
        "chat",
        "-p",
        "OpenAI",
        "--base-url",
        server.url + "/v1",
        "hi",
        env={"OPENAI_API_KEY": "sk-env-key-0000000000"},
    )
    assert code == 0
    assert server.requests[-1].headers["Authorization"] == "Bearer sk-env-key-0000000000"


async def test_failure_is_one_line_and_non_zero(server: LocalServer) -> None:
    server.reply("POST", "/v1/chat/completions", {"error": {"message": "Invalid key"}}, status=401)
    code, out, err = await run_cli(
        "chat",
        "-p",
        "OpenAI",
        "--base-url",
        server.url + "/v1",
        "hi",
        env={"OPENAI_API_KEY": "sk-env-key-1111111111"},
    )
    assert code == 1
    assert err.strip() == (
        "confab-cli: OpenAI: the API key was rejected (HTTP 401): Invalid key. "
        "Check the key in Settings."
    )
    assert "sk-env-key" not in out + err


async def test_missing_key_and_unknown_provider() -> None:
    code, _, err = await run_cli("chat", "-p", "OpenAI", "hi", env={"OPENAI_API_KEY": ""})
    assert code == 1 and "no API key is set" in err
    code, _, err = await run_cli("models", "-p", "Nope")
    assert code == 2 and "unknown provider 'Nope'" in err


async def test_models(server: LocalServer) -> None:
    server.reply("GET", "/v1/models", {"data": [{"id": "qwen2.5-7b"}, {"id": "llama-3.2-3b"}]})
    code, out, _ = await run_cli("models", "-p", "LMStudio", "--base-url", server.url + "/v1")
    assert code == 0
    assert out.split() == ["llama-3.2-3b", "qwen2.5-7b"]


@pytest.mark.parametrize("name", ["BackendApi", "backend_api", "backend-api", "gpt4free backend"])
def test_provider_names_are_matched_loosely(name: str) -> None:
    assert get_provider(name) is BackendApi


async def test_without_a_keyring_the_missing_key_message_says_so() -> None:
    code, _, err = await run_cli("chat", "-p", "Anthropic", "hi", env={"ANTHROPIC_API_KEY": ""})
    assert code == 1
    assert err.strip() == (
        "confab-cli: Anthropic: no API key is set. Set ANTHROPIC_API_KEY; "
        "this machine has no system keyring to keep one in."
    )


async def test_routes_and_via_with_a_g4f_server(server: LocalServer) -> None:
    g4f = Path(__file__).parents[1] / "fixtures" / "g4f"
    server.reply(
        "GET",
        "/backend-api/v2/providers",
        json.loads((g4f / "g4f-8.8.6_providers.json").read_bytes()),
    )
    server.reply(
        "GET",
        "/backend-api/v2/models/Cloudflare",
        json.loads((g4f / "g4f-8.8.6_models_Cloudflare.json").read_bytes()),
    )
    code, out, _ = await run_cli("routes", "-p", "backend-api", "--base-url", server.url)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 60
    assert lines[0].split() == ["Antigravity", "Google", "Antigravity", "key"]
    code, out, _ = await run_cli(
        "models", "-p", "BackendApi", "--base-url", server.url, "--via", "Cloudflare"
    )
    assert code == 0 and len(out.split()) == 54
    server.stream(
        "POST",
        "/backend-api/v2/conversation",
        (g4f / "g4f-8.8.6_conversation_ok.txt").read_bytes(),
    )
    code, out, _ = await run_cli(
        "chat", "-p", "BackendApi", "--base-url", server.url, "--via", "Cloudflare", "hi"
    )
    assert code == 0 and out.strip() == "Hello from upstream"
    assert server.requests[-1].json()["provider"] == "Cloudflare"


async def test_via_is_refused_for_a_provider_that_does_not_route() -> None:
    code, _, err = await run_cli("models", "-p", "Ollama", "--via", "x")
    assert code == 2 and "Ollama does not route to other providers" in err


async def test_attach_sends_a_pdf_as_text_to_an_openai_compatible_server(
    server: LocalServer, tmp_path: Path
) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(text_pdf(["Revenue grew 12%.", RUSSIAN]))
    server.stream(
        "POST", "/v1/chat/completions", transcript("openai-python_parse_nothing_e2aad469b71d.txt")
    )
    code, _out, err = await run_cli(
        "chat", "-p", "LlamaCpp", "--base-url", server.url + "/v1", "--attach", str(report), "Sum?"
    )
    assert code == 0, err
    [message] = server.requests[-1].json()["messages"]
    assert message["content"].startswith("report.pdf (2 pages)\n\n--- page 1 ---\nRevenue grew")
    assert RUSSIAN in message["content"] and message["content"].endswith("Sum?")


async def test_attach_sends_a_pdf_as_a_document_to_an_anthropic_server(
    server: LocalServer, tmp_path: Path
) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(text_pdf(["Revenue grew 12%."]))
    server.stream("POST", "/v1/messages", transcript("anthropic-sdk-python_basic_response.txt"))
    code, _out, err = await run_cli(
        "chat",
        "-p",
        "Anthropic",
        "--base-url",
        server.url + "/v1",
        "--attach",
        str(report),
        "Sum?",
        env={"ANTHROPIC_API_KEY": "test-key-not-secret"},
    )
    assert code == 0, err
    [message] = server.requests[-1].json()["messages"]
    [document, question] = message["content"]
    assert document["type"] == "document" and document["title"] == "report.pdf"
    assert document["source"]["media_type"] == "application/pdf"
    assert question == {"type": "text", "text": "Sum?"}


async def test_attach_a_locked_pdf_says_so_and_sends_nothing(
    server: LocalServer, tmp_path: Path
) -> None:
    locked = tmp_path / "plan.pdf"
    locked.write_bytes(text_pdf(["secret"], password="pw"))
    code, _out, err = await run_cli(
        "chat", "-p", "LlamaCpp", "--base-url", server.url + "/v1", "--attach", str(locked), "?"
    )
    assert code != 0 and "plan.pdf is protected by a password" in err
    assert server.requests == []
