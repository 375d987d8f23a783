"""ToolsRoom: the user's MCP servers wired into the window: the host that runs them, the
approval bar each call asks at, and Settings ▸ Tools, which adds, changes and removes them.

The settings file keeps each server as the ``mcpServers`` JSON has it, but an HTTP server's
header values go to the keyring (``mcp/<server>/<header>``); the file keeps their names only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from gui.core.settings import Settings
from gui.tools_host import ToolsHost, configs_of, secret_name

if TYPE_CHECKING:
    from gui.widgets.tools_page import ToolsPage
from providers.keys import KeyStore
from providers.mcp_config import ServerConfig

Start = Callable[[Coroutine[Any, Any, None]], None]


class ToolsRoom(QObject):
    def __init__(
        self,
        host: ToolsHost,
        settings: Settings,
        keys: KeyStore,
        save: Callable[[], object],
        start: Start,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host, self.settings, self.keys = host, settings, keys
        self._save, self._start = save, start
        self.page: ToolsPage | None = None
        host.changed.connect(self._show)

    def run(self) -> None:
        """Start the servers in the settings (in the background)."""
        configs = configs_of(self.settings)
        if configs:
            self.host.apply(configs)

    def make_page(self) -> ToolsPage:
        from gui.widgets.tools_page import ToolsPage  # with the settings dialog, not at start

        page = ToolsPage()
        page.added.connect(self._added)
        page.edited.connect(self._edited)
        page.removed.connect(self._removed)
        page.steps.setValue(self.settings.max_tool_steps)
        page.steps_changed.connect(self._steps_changed)
        self.page = page
        self._show()
        return page

    def _steps_changed(self, steps: int) -> None:
        self.settings.max_tool_steps = steps
        self._save()

    def _show(self) -> None:
        if self.page is not None:
            configs = configs_of(self.settings)
            states = {c.name: c for c in self.host.connections}
            self.page.set_servers(configs, states)

    def _added(self, servers: list[ServerConfig]) -> None:
        self._start(self._keep(servers))

    def _edited(self, server: ServerConfig) -> None:
        self._start(self._keep([server]))

    async def _keep(self, servers: list[ServerConfig]) -> None:
        """Store servers: header values in the keyring (off the window's thread), the rest in
        the settings file; then run the new set."""
        for server in servers:
            secrets = {h: v for h, v in server.headers.items() if v}
            if secrets:
                await asyncio.to_thread(self._store_secrets, server.name, secrets)
            blank = replace(server, headers=dict.fromkeys(server.headers, ""))
            self.settings.mcp_servers[server.name] = blank.to_json()
        self._apply()

    def _store_secrets(self, server: str, secrets: dict[str, str]) -> None:
        for header, value in secrets.items():
            self.keys.set(secret_name(server, header), value)

    def _removed(self, name: str) -> None:
        entry = self.settings.mcp_servers.pop(name, None) or {}
        headers = list((entry.get("headers") or {}) if isinstance(entry, dict) else {})
        self._start(asyncio.to_thread(self._forget_secrets, name, headers))
        self._apply()

    def _forget_secrets(self, server: str, headers: list[str]) -> None:
        for header in headers:
            self.keys.delete(secret_name(server, header))

    def _apply(self) -> None:
        self._save()
        configs = configs_of(self.settings)
        self.host.apply(configs)
        self._show()
