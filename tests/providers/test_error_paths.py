"""Every provider family meets the same transport failures with the same plain errors."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest

from providers import http
from providers.ai365vip import AI365VIP
from providers.anthropic import Anthropic
from providers.backend_api import BackendApi
from providers.base import AsyncGeneratorProvider
from providers.errors import (
    AuthenticationError,
    BadRequestError,
    ConnectionFailedError,
    MalformedStreamError,
    ModelNotFoundError,
    OversizedLineError,
    RateLimitError,
    ResponseTimeoutError,
    ServerError,
    StreamClosedError,
)
from providers.gemini import Gemini
from providers.http import Timeouts
from providers.ollama import Ollama
from providers.openai_compat import OpenAI
from providers.streams import MAX_LINE_BYTES
from tests.localserver import LocalServer, closed_port
from tests.providers.helpers import collect
from tests.socks5 import Socks5Server


@dataclass(frozen=True)
class Family:
    provider: type[AsyncGeneratorProvider]
    path: str
    base: str
    model: str = "m"

    async def chat(self, base_url: str, proxy: str | None = None) -> list[Any]:
        return await collect(
            self.provider.create_async_generator(
                self.model,
                [{"role": "user", "content": "hi"}],
                api_key="test-key-0000000000",
                base_url=base_url + self.base,
                proxy=proxy,
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


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_an_error_whose_body_stalls_is_told_by_its_status(
    server: LocalServer, family: Family, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status line says enough: the body gets its own short wait, not the stream's stall
    limit (two minutes), and what came of it is kept."""
    monkeypatch.setattr(http, "ERROR_BODY_WAIT", 0.05)
    server.stream(
        "POST", family.path, b"<html><title>Bad gateway", status=502, content_type="text/html",
        then="stall",
    )  # fmt: skip
    with pytest.raises(ServerError, match="HTTP 502"):
        await family.chat(server.url)


LOGIN_PAGE = b"""<!DOCTYPE html><html><head><title>Sign in - Acme Gateway</title></head>
<body><form action="/login"><input name="user"></form></body></html>"""


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_a_web_page_with_status_200_is_named(server: LocalServer, family: Family) -> None:
    server.reply("POST", family.path, LOGIN_PAGE, content_type="text/html")
    with pytest.raises(MalformedStreamError, match="web page .*«Sign in - Acme Gateway»"):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_a_json_error_with_status_200_is_an_error(
    server: LocalServer, family: Family
) -> None:
    body = {"error": {"message": "Your credit balance is too low", "code": 429}}
    server.reply("POST", family.path, body)
    with pytest.raises(RateLimitError, match="Your credit balance is too low"):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_an_empty_200_is_an_error_not_an_empty_reply(
    server: LocalServer, family: Family
) -> None:
    server.stream("POST", family.path, b"")
    with pytest.raises(MalformedStreamError, match="empty reply"):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_an_error_body_in_two_reads_is_read_whole(
    server: LocalServer, family: Family, monkeypatch: pytest.MonkeyPatch
) -> None:
    between = asyncio.Event()
    for method in ("read", "readany"):
        original = getattr(aiohttp.StreamReader, method)

        async def reading(self: Any, *args: Any, _original: Any = original) -> bytes:
            data: bytes = await _original(self, *args)
            between.set()  # the client has read the first half; the server may send the rest
            return data

        monkeypatch.setattr(aiohttp.StreamReader, method, reading)
    body = b'{"error": {"message": "max_tokens is too large: 99999 > 8192 for this model"}}'
    server.reply_in_two_writes("POST", family.path, body, status=400, between=between)
    with pytest.raises(BadRequestError, match="max_tokens is too large: 99999 > 8192"):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_a_dead_socks_proxy_is_named(family: Family) -> None:
    port = await closed_port()
    with pytest.raises(
        ConnectionFailedError, match=f"through the proxy socks5h://127.0.0.1:{port}"
    ):
        await family.chat("http://api.example.invalid", proxy=f"socks5h://127.0.0.1:{port}")


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_a_socks_proxy_that_refuses_is_named(family: Family) -> None:
    proxy = await Socks5Server(await closed_port(), refuse=True).start()  # socks5h: no DNS here
    try:
        with pytest.raises(ConnectionFailedError, match="through the proxy socks5h://127.0.0.1:"):
            await family.chat(
                "http://api.example.invalid", proxy=proxy.url.replace("socks5://", "socks5h://")
            )
    finally:
        await proxy.stop()
    assert proxy.requested == [("api.example.invalid", 80)]  # resolved by the proxy, not here


@pytest.mark.parametrize(
    "family", [f for f in FAMILIES if f.provider is not AI365VIP], ids=IDS[:-1]
)
async def test_garbage_in_the_stream_is_malformed(server: LocalServer, family: Family) -> None:
    server.stream("POST", family.path, b"data: {not json\n\n", content_type="text/event-stream")
    with pytest.raises(MalformedStreamError):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (400, BadRequestError, r"refused \(HTTP 400\): nope"),
        (403, AuthenticationError, r"rejected \(HTTP 403\)"),
        (404, ModelNotFoundError, r"not found \(HTTP 404\)"),
    ],
)
async def test_client_errors(
    server: LocalServer, family: Family, status: int, error: type[Exception], words: str
) -> None:
    server.reply("POST", family.path, {"error": {"message": "nope"}}, status=status)
    with pytest.raises(error, match=words):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_an_html_503_is_named_by_its_title(server: LocalServer, family: Family) -> None:
    page = b"<html><head><title>503 Service Temporarily Unavailable</title></head></html>"
    server.reply("POST", family.path, page, status=503, content_type="text/html")
    with pytest.raises(ServerError, match=r"overloaded \(HTTP 503\): 503 Service Temporarily"):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_no_response_before_the_first_byte(
    server: LocalServer, family: Family, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(family.provider, "timeouts", Timeouts(connect=1, first_byte=0.2, stall=5))
    never = asyncio.Event()

    async def silent(request: Any) -> Any:
        await never.wait()  # headers never come; the client gives up and the handler is cancelled

    server.route("POST", family.path, silent)
    with pytest.raises(ResponseTimeoutError, match="no response from 127.0.0.1"):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_tls_to_a_plain_http_server(server: LocalServer, family: Family) -> None:
    with pytest.raises(ConnectionFailedError, match="secure connection to 127.0.0.1"):
        await family.chat(server.url.replace("http://", "https://"))


@pytest.mark.parametrize("family", FAMILIES, ids=IDS)
async def test_cut_right_after_the_headers(server: LocalServer, family: Family) -> None:
    server.stream("POST", family.path, b"", then="cut")
    with pytest.raises((StreamClosedError, MalformedStreamError)):
        await family.chat(server.url)


@pytest.mark.parametrize("family", FAMILIES[:-1], ids=IDS[:-1])  # raw text has no lines
async def test_an_oversized_line_is_refused(server: LocalServer, family: Family) -> None:
    server.stream("POST", family.path, b"data: " + b"x" * (MAX_LINE_BYTES + 1), piece=1 << 20)
    with pytest.raises(OversizedLineError):
        await family.chat(server.url)
