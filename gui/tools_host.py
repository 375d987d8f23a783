"""ToolsHost: the user's MCP servers, run for the window in the background.

The MCP SDK costs 0.4 s and ~50 MB to import, so it is imported in a worker thread (with the
collector paused, see gui/core/collector.py) only when there are servers to run, never at
start-up. Servers start in tasks of the window's event loop (the SDK's anyio runs on qasync:
measured, ~1 ms a call) and never block it. Header values of HTTP servers live in the keyring
under ``mcp/<server>/<header>``; the settings file holds only the header names.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from gui.core.collector import paused
from gui.core.conversation import Conversation
from gui.core.settings import Settings
from providers.chunks import ToolCall, ToolResult
from providers.errors import ProviderError
from providers.keys import KeyStore
from providers.mcp_config import ServerConfig, server_from
from providers.tools import ToolSpec

log = logging.getLogger(__name__)

Asker = Callable[[ToolCall, str, Conversation], Awaitable[str]]


def secret_name(server: str, header: str) -> str:
    """The keyring entry of one HTTP header's value."""
    return f"mcp/{server}/{header}"


def configs_of(settings: Settings) -> list[ServerConfig]:
    """The servers in the settings; an entry that cannot be read (a hand-edited file) is
    logged and left out, and the rest run."""
    configs = []
    for name, entry in settings.mcp_servers.items():
        try:
            configs.append(server_from(str(name), entry))
        except ProviderError as exc:
            log.warning("MCP server entry %r left out: %s", name, exc)
    return configs


def with_secrets(configs: list[ServerConfig], keys: KeyStore) -> list[ServerConfig]:
    """The configs with their header values read from the keyring (off the window's thread)."""
    out = []
    for config in configs:
        headers = {h: keys.get(secret_name(config.name, h)) or v for h, v in config.headers.items()}
        out.append(replace(config, headers=headers))
    return out


OFF_IN_THIS_CHAT = "This tool's server is turned off in this chat; the tool was not run."
"""What the model is told (in English, as every tool result it gets from Confab)."""


class ChatTools:
    """One chat's view of the host's tools: those of the servers the chat has on. A call to
    another (a model may name a tool it saw in an earlier turn) is refused, not run."""

    def __init__(self, host: ToolsHost, off: frozenset[str]) -> None:
        self.host, self.off = host, off

    def _on(self, tool: str) -> bool:
        server = self.host.server_of(tool)
        return server is not None and server.name not in self.off

    def specs(self) -> list[ToolSpec]:
        return [spec for spec in self.host.specs() if self._on(spec.name)]

    async def call(self, call: ToolCall) -> ToolResult:
        if not self._on(call.name):
            return ToolResult(call.id, call.name, OFF_IN_THIS_CHAT, status="error")
        return await self.host.call(call)


class ToolsHost(QObject):
    """Runs the enabled servers; ``changed`` fires when one starts, fails or lists new tools."""

    changed = Signal()
    asking_changed = Signal(str)  # a call's id: the user is asked about it, or has answered

    def __init__(
        self,
        keys: KeyStore,
        settings: Settings,
        ask: Asker | None = None,
        save: Callable[[], object] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._keys = keys
        self.settings = settings
        self.ask = ask
        """Puts a question to the user: (call, server name, chat) -> allow, always or deny."""
        self.asking: set[str] = set()
        """Ids of the calls the user is being asked about."""
        self._save = save or (lambda: None)
        self._hub: Any = None  # providers.mcp_hub.McpHub, once imported
        self._task: asyncio.Task[None] | None = None
        self._configs: list[ServerConfig] = []

    @property
    def connections(self) -> list[Any]:
        return list(self._hub.connections) if self._hub is not None else []

    def specs(self) -> list[ToolSpec]:
        return self._hub.specs() if self._hub is not None else []

    def server_of(self, tool: str) -> ServerConfig | None:
        return self._hub.server_of(tool) if self._hub is not None else None

    def has_tools(self) -> bool:
        return bool(self.specs())

    async def call(self, call: ToolCall) -> ToolResult:
        result: ToolResult = await self._hub.call(call)
        return result

    @property
    def max_steps(self) -> int:
        return self.settings.max_tool_steps

    def toolbox_for(self, conversation: Conversation) -> ChatTools | None:
        """The tools ``conversation`` offers: those of the servers it has on, if any."""
        options = conversation.options
        if not options.tools:
            return None
        tools = ChatTools(self, frozenset(options.servers_off))
        return tools if tools.specs() else None

    async def approve(self, call: ToolCall, conversation: Conversation) -> bool:
        """Whether ``call`` may run: its server is trusted, the user said "always" for it
        before, or says yes now. Nothing runs unasked otherwise."""
        server = self.server_of(call.name)
        name = server.name if server else ""
        if (server and server.trusted) or f"{name}/{call.name}" in self.settings.tools_always:
            return True
        if self.ask is None:
            return False
        self.asking.add(call.id)
        self.asking_changed.emit(call.id)
        try:
            answer = await self.ask(call, name, conversation)
        finally:
            self.asking.discard(call.id)
            self.asking_changed.emit(call.id)
        if answer == "always":
            self.settings.tools_always.append(f"{name}/{call.name}")
            self._save()
        return answer in ("allow", "always")

    def apply(self, configs: list[ServerConfig]) -> None:
        """Run these servers (stopping the ones run before), in the background."""
        self._configs = [c for c in configs if c.enabled]
        previous = self._task
        self._task = asyncio.ensure_future(self._restart(previous))

    async def _restart(self, previous: asyncio.Task[None] | None) -> None:
        if previous is not None:
            previous.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await previous
        await self._stop_hub()
        if not self._configs:
            self.changed.emit()
            return
        configs = await asyncio.to_thread(with_secrets, self._configs, self._keys)
        hub_module = await asyncio.to_thread(_import_hub)
        self._hub = hub_module.McpHub(configs, on_change=lambda _c: self.changed.emit())
        self.changed.emit()
        await self._hub.start()

    async def _stop_hub(self) -> None:
        hub, self._hub = self._hub, None
        if hub is not None:
            await hub.stop()

    async def close(self) -> None:
        """End every server (no process outlives the window)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._stop_hub()


def _import_hub() -> Any:
    with paused():
        return importlib.import_module("providers.mcp_hub")
