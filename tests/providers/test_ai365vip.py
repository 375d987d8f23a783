"""The AI365VIP protocol: payload shape, aliases, raw text replies, proxies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from providers.ai365vip import AI365VIP, format_prompt
from providers.errors import ServerError, UnsupportedError
from tests.localserver import LocalServer
from tests.providers.helpers import collect, png_bytes, text
from tests.socks5 import Socks5Server

REPLY = "Привет! Это ответ — по кусочкам. 👋".encode()
MESSAGES = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Hi"},
    {"role": "assistant", "content": "Hello"},
    {"role": "user", "content": "Say hi in Russian"},
]


async def chat(base_url: str, model: str = "gpt-4", **params: Any) -> list[Any]:
    return await collect(
        AI365VIP.create_async_generator(model, MESSAGES, base_url=base_url, **params)
    )


async def test_payload_and_raw_text_reply_split_inside_characters(server: LocalServer) -> None:
    server.stream("POST", "/api/chat", REPLY, content_type="text/plain", piece=3)
    items = await chat(server.url, temperature=0.5)
    assert text(items) == REPLY.decode()
    body = server.requests[-1].json()
    assert body["model"] == {
        "id": "gpt-4o",
        "name": "GPT-4o",
        "maxLength": 24000,
        "tokenLimit": 4000,
    }  # the alias gpt-4 -> gpt-4o was applied
    assert body["messages"] == [{"role": "user", "content": format_prompt(MESSAGES)}]
    assert body["prompt"] == "Be brief."
    assert body["key"] == ""
    assert body["temperature"] == 0.5
    headers = server.requests[-1].headers
    assert (headers["Origin"], headers["Referer"]) == (server.url, server.url + "/en")
    assert (
        format_prompt(MESSAGES) == "User: Hi\nAssistant: Hello\nUser: Say hi in Russian\nAssistant:"
    )


async def test_server_error(server: LocalServer) -> None:
    server.reply(
        "POST",
        "/api/chat",
        "<html><title>Service gone</title></html>",
        status=503,
        content_type="text/html",
    )
    with pytest.raises(ServerError, match="overloaded.*Service gone"):
        await chat(server.url)


async def test_images_are_refused_plainly() -> None:
    with pytest.raises(UnsupportedError, match="cannot read images"):
        await collect(
            AI365VIP.create_async_generator(
                "gpt-4o", MESSAGES, media=[(png_bytes(), "x.png")], base_url="http://127.0.0.1:9"
            )
        )


async def test_http_proxy_carries_the_request(server: LocalServer) -> None:
    # The local server plays the proxy: aiohttp sends it the absolute URL of the remote host.
    server.stream("POST", "/api/chat", REPLY, content_type="text/plain")
    items = await chat("http://ai365.example", proxy=server.url)
    assert text(items) == REPLY.decode()
    assert server.requests[-1].headers["Host"] == "ai365.example"


@pytest.fixture
async def socks(server: LocalServer) -> AsyncIterator[Socks5Server]:
    port = int(server.url.rsplit(":", 1)[1])
    proxy = await Socks5Server(port).start()
    yield proxy
    await proxy.stop()


async def test_socks5_proxy_carries_the_request(server: LocalServer, socks: Socks5Server) -> None:
    server.stream("POST", "/api/chat", REPLY, content_type="text/plain")
    items = await chat("http://ai365.example", proxy=socks.url.replace("socks5", "socks5h"))
    assert text(items) == REPLY.decode()
    assert socks.requested == [("ai365.example", 80)]
