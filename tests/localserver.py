"""Real HTTP servers on 127.0.0.1 for tests: replay recorded streams and produce each failure."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def transcript(name: str) -> bytes:
    """The raw bytes of a recorded stream (origins in fixtures/transcripts/SOURCES.md)."""
    return (TRANSCRIPTS / name).read_bytes()


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class LocalServer:
    """An aiohttp server; register routes, then read ``requests`` to see what clients sent."""

    app: web.Application = field(default_factory=web.Application)
    requests: list[Recorded] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None
    _release: asyncio.Event = field(default_factory=asyncio.Event)
    _handlers: dict[tuple[str, str], Handler] = field(default_factory=dict)
    disconnected: asyncio.Event = field(default_factory=asyncio.Event)
    """Set when a client hangs up on a stalled stream (the handler is cancelled)."""

    async def start(self) -> LocalServer:
        self.app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(
            self.app, handle_signals=False, access_log=None, handler_cancellation=True
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        self._release.set()
        if self._runner:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.requests.append(
            Recorded(request.method, request.path, dict(request.query), dict(request.headers), body)
        )
        handler = self._handlers.get((request.method, request.path))
        if handler is None:
            return web.json_response({"error": {"message": "no such route"}}, status=404)
        return await handler(request)

    def route(self, method: str, path: str, handler: Handler) -> None:
        """Answer ``method path`` with ``handler`` (routes may be added while running)."""
        self._handlers[(method, path)] = handler

    def stream(
        self,
        method: str,
        path: str,
        body: bytes,
        *,
        content_type: str = "text/event-stream",
        piece: int = 7,
        status: int = 200,
        then: str = "end",
    ) -> None:
        """Send ``body`` in ``piece``-byte writes; then end, ``stall`` or ``cut`` the connection."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(status=status, headers={"Content-Type": content_type})
            await response.prepare(request)
            for start in range(0, len(body), piece):
                await response.write(body[start : start + piece])
            if then == "stall":
                try:
                    await self._release.wait()
                except asyncio.CancelledError:
                    self.disconnected.set()
                    raise
            elif then == "cut":
                assert request.transport is not None
                request.transport.abort()
                return response
            await response.write_eof()
            return response

        self.route(method, path, handler)

    def stream_in_turn(
        self,
        method: str,
        path: str,
        bodies: list[bytes],
        *,
        content_type: str = "text/event-stream",
    ) -> None:
        """Answer the n-th request with ``bodies[n]``, each in small writes (a tool loop's
        steps: a reply with calls, then the reply that reads their results)."""
        queue = list(bodies)

        async def handler(request: web.Request) -> web.StreamResponse:
            body = queue.pop(0)
            response = web.StreamResponse(headers={"Content-Type": content_type})
            await response.prepare(request)
            for start in range(0, len(body), 7):
                await response.write(body[start : start + 7])
            await response.write_eof()
            return response

        self.route(method, path, handler)

    def reply(
        self,
        method: str,
        path: str,
        body: bytes | str | Any,
        *,
        status: int = 200,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """A whole response: JSON for dicts and lists, the bytes or text as given otherwise."""
        if isinstance(body, dict | list):
            data, ctype = json.dumps(body).encode(), "application/json"
        elif isinstance(body, str):
            data, ctype = body.encode(), "text/plain"
        else:
            data, ctype = body, "application/octet-stream"

        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(
                body=data,
                status=status,
                content_type=content_type or ctype,
                headers=headers,
            )

        self.route(method, path, handler)

    def reply_in_two_writes(
        self,
        method: str,
        path: str,
        body: bytes,
        *,
        status: int,
        between: asyncio.Event,
        content_type: str = "application/json",
    ) -> None:
        """Write the first half of ``body``, wait for ``between`` (the test sets it once the
        client has read that half), then the rest: a body that arrives in two network reads."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(status=status, headers={"Content-Type": content_type})
            await response.prepare(request)
            between.clear()  # reads so far were the server's own (the request body)
            await response.write(body[: len(body) // 2])
            await between.wait()
            await response.write(body[len(body) // 2 :])
            await response.write_eof()
            return response

        self.route(method, path, handler)


def openai_tool_call(name: str, arguments: dict[str, Any]) -> bytes:
    """The recorded OpenAI stream of one tool call (openai-python's parse_pydantic_tool),
    made to call ``name`` with ``arguments``: every event, id and the usage chunk as recorded;
    the name replaced, and the new arguments' JSON spread over the recorded argument events."""
    events = transcript("openai-python_parse_pydantic_tool_c6aa7e397b71.txt").split(b"\n\n")
    carrying = [i for i, e in enumerate(events) if b'"arguments":"' in e and b'"name"' not in e]
    text = json.dumps(arguments)
    size = -(-len(text) // len(carrying))
    out = []
    for i, event in enumerate(events):
        if not event.startswith(b"data: {"):
            out.append(event)
            continue
        data = json.loads(event[6:])
        for choice in data.get("choices", []):
            for call in (choice.get("delta") or {}).get("tool_calls") or []:
                function = call.get("function", {})
                if "name" in function:
                    function["name"] = name
                elif i in carrying:
                    k = carrying.index(i)
                    function["arguments"] = text[k * size : (k + 1) * size]
        out.append(b"data: " + json.dumps(data, separators=(",", ":")).encode())
    return b"\n\n".join(out)


@dataclass
class Feed:
    """One streaming reply of a ``Feeds`` endpoint, written by the test event by event."""

    prompt: str
    request: Any
    _queue: asyncio.Queue[bytes | None] = field(default_factory=asyncio.Queue)
    disconnected: asyncio.Event = field(default_factory=asyncio.Event)

    def send(self, text: str) -> None:
        """One SSE event with ``text``, as an OpenAI-compatible server writes it."""
        event = {"choices": [{"index": 0, "delta": {"content": text}}]}
        self._queue.put_nowait(f"data: {json.dumps(event)}\n\n".encode())

    def finish(self) -> None:
        event = {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        self._queue.put_nowait(f"data: {json.dumps(event)}\n\ndata: [DONE]\n\n".encode())
        self._queue.put_nowait(None)


class Feeds:
    """An OpenAI-style chat endpoint whose replies the test writes: each request becomes a
    ``Feed``, found by the text of its last message. Replies run side by side, and end only
    when the test says so (or the client hangs up)."""

    def __init__(self, server: LocalServer, path: str = "/v1/chat/completions") -> None:
        self._feeds: dict[str, asyncio.Future[Feed]] = {}
        server.route("POST", path, self._handle)

    def _slot(self, prompt: str) -> asyncio.Future[Feed]:
        return self._feeds.setdefault(prompt, asyncio.get_running_loop().create_future())

    def expect(self, prompt: str) -> None:
        """A new request with ``prompt`` is coming (a regeneration): forget the last one."""
        if self._slot(prompt).done():
            del self._feeds[prompt]

    async def opened(self, prompt: str) -> Feed:
        """The feed of the request whose last message is ``prompt``, once it has arrived."""
        return await asyncio.wait_for(asyncio.shield(self._slot(prompt)), 30)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        sent = await request.json()
        prompt = str(sent["messages"][-1]["content"])
        feed = Feed(prompt, sent)
        slot = self._slot(prompt)
        if slot.done():  # asked again (a regeneration): a new feed under the same prompt
            slot = self._feeds[prompt] = asyncio.get_running_loop().create_future()
        slot.set_result(feed)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        try:
            while (data := await feed._queue.get()) is not None:
                await response.write(data)
        except (asyncio.CancelledError, ConnectionResetError):
            feed.disconnected.set()
            raise
        await response.write_eof()
        return response


async def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = int(server.sockets[0].getsockname()[1])
    server.close()
    await server.wait_closed()
    return port
