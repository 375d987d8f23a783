"""Every provider family meets the same transport failures with the same plain errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from providers.ai365vip import AI365VIP
from providers.anthropic import Anthropic
from providers.backend_api import BackendApi
from providers.base import AsyncGeneratorProvider
from providers.errors import (
    AuthenticationError,
    ConnectionFailedError,
    RateLimitError,
    ResponseTimeoutError,
    ServerError,
    StreamClosedError,
)
from providers.gemini import Gemini
from providers.http import Timeouts
from providers.ollama import Ollama
from providers.openai_compat import OpenAI
from tests.localserver import LocalServer, closed_port
from tests.providers.helpers import collect


@dataclass(frozen=True)
class Family:
    provider: type[AsyncGeneratorProvider]
    path: str
    base: str
    model: str = "m"

    async def chat(self, base_url: str) -> list[Any]:
        return await collect(
            self.provider.create_async_generator(
                self.model,
                [{"role": "user", "content": "hi"}],
                api_key="test-key-0000000000",
                base_url=base_url + self.base,
            )
        )


FAMILIES = [
    Family(OpenAI, "/v1/chat/completions", "/v1"),
    Family(Anthropic, "/v1/messages", "/v1"),
    Family(Gemini, "/v1beta/models/m:streamGenerateContent", "/v1beta"),
    Family(Ollama, "/api/chat", ""),
    Family(BackendApi, "/backend-api/v2/conversation", ""),
    Family(AI365VIP, "/api/chat", ""),
]
IDS = [f.provider.__name__ for f in FAMILIES]


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (401, AuthenticationError, "rejected"),
        (429, RateLimitError, "Try again in 7 seconds"),
        (500, ServerError, "internal error"),
    ],
)
async def test_http_errors(
    server: LocalServer, family: Family, status: int, error: type[Exception], words: str
) -> None:
    server.reply(
        "POST",
        family.path,
        {"error": {"message": "nope"}},
        status=status,
        headers={"Retry-After": "7"},
    )
    with pytest.raises(error, match=words) as caught:
        await family.chat(server.url)
    assert str(caught.value).startswith(family.provider.display_name() + ": ")


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_connection_refused(family: Family) -> None:
    port = await closed_port()
    with pytest.raises(ConnectionFailedError, match=f"could not connect to 127.0.0.1:{port}"):
        await family.chat(f"http://127.0.0.1:{port}")


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_cut_mid_stream(server: LocalServer, family: Family) -> None:
    server.stream("POST", family.path, b'data: {"partial', then="cut")
    with pytest.raises(StreamClosedError, match="closed before the reply was complete"):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_stall(server: LocalServer, family: Family, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(family.provider, "timeouts", Timeouts(connect=5, first_byte=5, stall=0.2))
    server.stream("POST", family.path, b"", then="stall")
    with pytest.raises(ResponseTimeoutError, match="stalled"):
        await family.chat(server.url)
