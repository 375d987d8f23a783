"""The same prompt with an image through every provider family, via `confab-cli chat --jsonl`.

Each local server speaks that API's real wire format (recorded transcripts); the CLI must print
the same normalised chunk types for all of them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from providers.ai365vip import AI365VIP
from tests.localserver import LocalServer, transcript
from tests.providers.helpers import png_bytes
from tests.providers.test_cli import run_cli

G4F_EVENTS = [
    {"type": "provider", "provider": {"name": "Demo", "model": "m"}},
    {"type": "reasoning", "token": "thinking"},
    {"type": "content", "content": "A red square."},
    {"type": "usage", "usage": {"prompt_tokens": 9, "completion_tokens": 4}},
    {"type": "finish", "finish": {"reason": "stop"}},
]
OLLAMA_LINES = [
    {
        "model": "llava",
        "message": {"role": "assistant", "content": "", "thinking": "a square"},
        "done": False,
    },
    *[
        json.loads(line)
        for line in transcript("DERIVED_ollama_api_chat_stream.ndjson").split(b"\n")
        if line.strip()
    ],
]

CASES: dict[str, dict[str, Any]] = {
    "OpenAI": {
        "path": "/v1/chat/completions",
        "base": "/v1",
        "env": {"OPENAI_API_KEY": "sk-e2e-0000000000"},
        "body": (
            b'data: {"choices":[{"index":0,"delta":{"reasoning_content":"hmm"}}]}\n\n'
            + transcript("openai-python_parse_nothing_e2aad469b71d.txt")
        ),
    },
    "Anthropic": {
        "path": "/v1/messages",
        "base": "/v1",
        "env": {"ANTHROPIC_API_KEY": "sk-ant-e2e-000000"},
        "body": transcript("anthropic-sdk-python_stream-a-refusal.txt"),
    },
    "Gemini": {
        "path": "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
        "base": "/v1beta",
        "env": {"GEMINI_API_KEY": "AIza-e2e-00000000000000"},
        "body": transcript(
            "gemini-testdata_googleai_streaming-success-thinking-reply-thought-summary.txt"
        ),
        "model": "gemini-2.5-flash",
    },
    "Ollama": {
        "path": "/api/chat",
        "base": "",
        "env": {},
        "body": "\n".join(json.dumps(x) for x in OLLAMA_LINES).encode(),
    },
    "BackendApi": {
        "path": "/backend-api/v2/conversation",
        "base": "",
        "env": {},
        "body": "".join(
            f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in G4F_EVENTS
        ).encode(),
    },
}
NORMALISED = {"text", "reasoning", "usage", "finish"}


@pytest.mark.parametrize("provider", sorted(CASES))
async def test_same_prompt_with_an_image(server: LocalServer, provider: str, tmp_path: Any) -> None:
    case = CASES[provider]
    image = tmp_path / "square.png"
    image.write_bytes(png_bytes((800, 800)))
    server.stream("POST", case["path"], case["body"])
    args = [
        "chat",
        "-p",
        provider,
        "--base-url",
        server.url + case["base"],
        "--jsonl",
        "--image",
        str(image),
        "What is in this picture?",
    ]
    if model := case.get("model"):
        args += ["-m", model]
    code, out, err = await run_cli(*args, env=case["env"])
    assert code == 0, err
    types = {json.loads(line)["type"] for line in out.splitlines()}
    assert types >= NORMALISED, (provider, types)
    assert server.requests[-1].body.count(b"iVBORw0KGgo") == 1  # the PNG, base64, sent once


async def test_ai365vip_says_it_cannot_read_images(tmp_path: Any) -> None:
    image = tmp_path / "square.png"
    image.write_bytes(png_bytes())
    assert not AI365VIP.supports_images
    code, out, _ = await run_cli(
        "chat",
        "-p",
        "AI365VIP",
        "--base-url",
        "http://127.0.0.1:9",
        "--jsonl",
        "--image",
        str(image),
        "hi",
    )
    assert code == 1
    message = json.loads(out.splitlines()[-1])["message"]
    assert message.startswith("AI365VIP (unverified): this provider cannot read images;")
