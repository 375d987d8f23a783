"""Connections to MCP servers through the official ``mcp`` SDK: start, list tools, call, stop.

Importing this module imports the SDK (about 0.4 s and 50 MB), so callers import it only when
the user has servers to run. Each server runs in a task of its own that holds the SDK client
open, so starting and stopping happen in one task as the SDK's task groups require; calls
come from any task. A stdio server gets only the SDK's short list of safe environment
variables (PATH, HOME, ...) plus its own ``env``: never the API keys in Confab's environment.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

import mcp_types as types
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from .chunks import ToolCall, ToolResult
from .mcp_config import ServerConfig
from .redact import excerpt
from .tools import ToolSpec

START_TIMEOUT = 30.0
"""Seconds a server may take from its start to listing its tools."""

STDERR_LINES = 12
"""Lines of a failed server's standard error shown with its failure."""

_NAME = re.compile(r"[^A-Za-z0-9_-]")

Listener = Callable[["Connection"], None]


class Connection:
    """One MCP server: its state (``stopped``, ``starting``, ``ready``, ``failed``), tools,
    the reason it failed and the end of its standard error."""

    def __init__(self, config: ServerConfig, on_change: Listener | None = None) -> None:
        self.config = config
        self.state = "stopped"
        self.tools: list[types.Tool] = []
        self.error = ""
        self._on_change = on_change
        self._client: Client | None = None
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._stop = asyncio.Event()
        self._stderr: TextIO | None = None

    @property
    def name(self) -> str:
        return self.config.name

    async def start(self) -> None:
        """Start the server and list its tools; returns once it is ready or has failed."""
        if self._task is not None:
            return
        self._set("starting")
        self._task = asyncio.create_task(self._run(), name=f"mcp {self.name}")
        try:
            async with asyncio.timeout(START_TIMEOUT):
                await self._ready.wait()
        except TimeoutError:
            await self.stop()
            self._set(
                "failed",
                f"the server did not answer within {START_TIMEOUT:.0f} s",
            )

    async def stop(self) -> None:
        """End the server (its process, for stdio) and wait until it is gone."""
        self._stop.set()
        if self._task is not None:
            if not self._ready.is_set():
                self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._stderr is not None:
            self._stderr.close()
        if self.state != "failed":
            self._set("stopped")

    def stderr_tail(self, lines: int = STDERR_LINES) -> str:
        """The last lines the server wrote to its standard error (stdio servers)."""
        if self._stderr is None or self._stderr.closed:
            return ""
        self._stderr.flush()
        self._stderr.seek(0)
        text = self._stderr.read()
        self._stderr.seek(0, 2)
        return "\n".join(text.rstrip().splitlines()[-lines:])

    async def call(self, name: str, arguments: dict[str, Any]) -> types.CallToolResult:
        if self._client is None or self.state != "ready":
            raise ConnectionError(f"the server '{self.name}' is not running ({self.state})")
        return await self._client.call_tool(name, arguments)

    def failed(self, reason: str) -> None:
        """A call found the server gone (it crashed): say so, with its last words."""
        self._set("failed", reason)

    async def _run(self) -> None:
        try:
            async with contextlib.AsyncExitStack() as stack:
                client = Client(await self._transport(stack), message_handler=self._on_message)
                self._client = await stack.enter_async_context(client)
                await self._list_tools()
                self._set("ready")
                self._ready.set()
                follower = asyncio.create_task(self._follow_tool_changes(self._client))
                try:
                    await self._stop.wait()
                finally:
                    follower.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await follower
        except Exception as exc:  # the SDK's, the OS's or the network's: all end the server
            self._set("failed", describe_failure(exc))
        finally:
            self._client = None
            self._ready.set()

    async def _transport(self, stack: contextlib.AsyncExitStack) -> Any:
        config = self.config
        if config.url:
            http = await stack.enter_async_context(create_mcp_http_client(headers=config.headers))
            return streamable_http_client(config.url, http_client=http)
        if self._stderr is None:  # kept after a failure, to show its end; closed by stop()
            self._stderr = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")  # noqa: SIM115
        params = StdioServerParameters(command=config.command, args=list(config.args))
        params.env = dict(config.env) or None
        return stdio_client(params, errlog=self._stderr)

    async def _list_tools(self) -> None:
        tools: list[types.Tool] = []
        cursor: str | None = None
        for _page in range(100):
            page = await self._client.list_tools(cursor=cursor, cache_mode="refresh")  # type: ignore[union-attr]
            tools += page.tools
            cursor = page.next_cursor
            if not cursor:
                break
        self.tools = tools

    async def _follow_tool_changes(self, client: Client) -> None:
        """Read the tools again when the server says they changed: on a 2026-07-28 connection
        by subscribing; older servers send ``notifications/tools/list_changed`` unasked."""
        with contextlib.suppress(Exception):  # ListenNotSupportedError, or the server went
            async with client.listen(tools_list_changed=True) as changes:
                async for _change in changes:
                    await self._relist()

    async def _on_message(self, message: Any) -> None:
        if isinstance(message, types.ToolListChangedNotification):
            asyncio.get_running_loop().create_task(self._relist())

    async def _relist(self) -> None:
        with contextlib.suppress(Exception):  # a server gone meanwhile says so at its next call
            await self._list_tools()
            self._notify()

    def _set(self, state: str, error: str = "") -> None:
        self.state, self.error = state, error
        self._notify()

    def _notify(self) -> None:
        if self._on_change is not None:
            self._on_change(self)


def describe_failure(exc: BaseException) -> str:
    """A sentence for why a server could not start or went away."""
    if isinstance(exc, FileNotFoundError):
        return f"the command was not found: {exc.filename or exc}"
    if isinstance(exc, PermissionError):
        return f"the command may not be run: {exc.filename or exc}"
    if isinstance(exc, BaseExceptionGroup):
        return describe_failure(exc.exceptions[0])
    text = str(exc) or type(exc).__name__
    if "Connection closed" in text:
        return "the server closed the connection (it exited or crashed)"
    return excerpt(text, 300)


class McpHub:
    """Every enabled server's tools as one toolbox, under names every API accepts."""

    def __init__(self, configs: list[ServerConfig], on_change: Listener | None = None) -> None:
        self.connections = [Connection(c, on_change) for c in configs if c.enabled]

    async def __aenter__(self) -> McpHub:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        await asyncio.gather(*(c.start() for c in self.connections))

    async def stop(self) -> None:
        await asyncio.gather(*(c.stop() for c in self.connections))

    def _table(self) -> dict[str, tuple[Connection, types.Tool]]:
        """Tool names as models see them: the tool's own, made safe (letters, digits, _ and -,
        at most 64), prefixed by its server's name where two servers share a name."""
        ready = [(c, t) for c in self.connections if c.state == "ready" for t in c.tools]
        seen = Counter(safe_name(tool.name) for _c, tool in ready)
        table: dict[str, tuple[Connection, types.Tool]] = {}
        for connection, tool in ready:
            name = safe_name(tool.name)
            if seen[name] > 1:
                name = safe_name(f"{connection.name}_{tool.name}")
            table[name] = (connection, tool)
        return table

    def specs(self) -> list[ToolSpec]:
        return [
            ToolSpec(name, tool.description or "", dict(tool.input_schema))
            for name, (_c, tool) in self._table().items()
        ]

    def server_of(self, name: str) -> ServerConfig | None:
        found = self._table().get(name)
        return found[0].config if found else None

    async def call(self, call: ToolCall) -> ToolResult:
        """Run one call within its server's time limit; every failure is a result the model
        reads (and the user sees), never an exception, except cancellation (Stop)."""
        found = self._table().get(call.name)
        if found is None:
            return ToolResult(call.id, call.name, f"There is no tool named {call.name}.", "error")
        connection, tool = found
        started = time.perf_counter()

        def result(text: str, status: str = "ok", images: tuple[Any, ...] = ()) -> ToolResult:
            seconds = time.perf_counter() - started
            return ToolResult(call.id, call.name, text, status, images, seconds)

        try:
            async with asyncio.timeout(connection.config.timeout):
                answer = await connection.call(tool.name, call.arguments)
        except TimeoutError:
            limit = connection.config.timeout
            return result(f"The tool did not answer within {limit:g} s.", "timeout")
        except Exception as exc:  # the server went away or refused: the chat goes on
            reason = describe_failure(exc)
            if connection.state == "ready" and "closed the connection" in reason:
                connection.failed(reason)
            tail = connection.stderr_tail()
            return result(f"The call failed: {reason}" + (f"\n{tail}" if tail else ""), "error")
        text, images = content_of(answer)
        return result(text, "error" if answer.is_error else "ok", tuple(images))


def safe_name(name: str) -> str:
    return _NAME.sub("_", name)[:64] or "tool"


def content_of(answer: types.CallToolResult) -> tuple[str, list[tuple[str, str]]]:
    """A result's text (resources written out as text) and its images as (mime, base64)."""
    texts: list[str] = []
    images: list[tuple[str, str]] = []
    for block in answer.content:
        if isinstance(block, types.TextContent):
            texts.append(block.text)
        elif isinstance(block, types.ImageContent):
            images.append((block.mime_type, block.data))
        elif isinstance(block, types.EmbeddedResource):
            resource = block.resource
            if isinstance(resource, types.TextResourceContents):
                texts.append(f"[{resource.uri}]\n{resource.text}")
            else:
                texts.append(f"[{resource.uri}: {resource.mime_type or 'binary'} data]")
        elif isinstance(block, types.ResourceLink):
            texts.append(f"[{block.name}: {block.uri}]")
        elif isinstance(block, types.AudioContent):
            texts.append(f"[audio: {block.mime_type}]")
    if not texts and answer.structured_content is not None:
        texts.append(json.dumps(answer.structured_content, ensure_ascii=False))
    return "\n".join(texts), images
