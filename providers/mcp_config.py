"""MCP servers as the user configures them, read from the ``mcpServers`` JSON other clients use.

Claude Desktop, Cursor and most MCP server READMEs write::

    {"mcpServers": {"time": {"command": "uvx", "args": ["mcp-server-time"], "env": {...}},
                    "docs": {"url": "https://example.com/mcp", "headers": {...}}}}

A stdio server has ``command`` (with ``args`` and ``env``); a streamable HTTP server has
``url`` (with ``headers``, and ``type`` of ``http``, ``streamable-http`` or ``streamableHttp``).
This module only reads and writes that shape; it does not import the MCP SDK.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import BadRequestError
from .text import QT_TRANSLATE_NOOP

DEFAULT_TIMEOUT = 60.0
"""Seconds one tool call may take before it is given up."""

_HTTP_TYPES = {"http", "streamable-http", "streamablehttp", "streamable_http"}


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """One MCP server: a command to start (stdio) or a URL to reach (streamable HTTP)."""

    name: str
    command: str = ""
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    enabled: bool = True
    trusted: bool = False
    """Its tools run without asking."""
    timeout: float = DEFAULT_TIMEOUT

    @property
    def transport(self) -> str:
        return "http" if self.url else "stdio"

    def to_json(self) -> dict[str, Any]:
        """The entry as ``mcpServers`` writes it (plus Confab's own ``enabled``/``trusted``)."""
        entry: dict[str, Any] = (
            {"type": "http", "url": self.url, "headers": dict(self.headers)}
            if self.url
            else {"command": self.command, "args": list(self.args), "env": dict(self.env)}
        )
        if not self.enabled:
            entry["disabled"] = True
        if self.trusted:
            entry["trusted"] = True
        if self.timeout != DEFAULT_TIMEOUT:
            entry["timeout"] = self.timeout
        return entry

    def without_secrets(self, secret_names: set[str]) -> ServerConfig:
        """The entry with the named header values left out (they live in the keyring)."""
        return replace(
            self, headers={k: v for k, v in self.headers.items() if k not in secret_names}
        )


def invalid(message: str, **values: Any) -> BadRequestError:
    return BadRequestError(message, provider="MCP", **values)


def parse_servers(text: str) -> list[ServerConfig]:
    """The servers of an ``mcpServers`` document (or of a bare name → entry mapping).

    Raises BadRequestError with a sentence naming the entry and what is wrong with it."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise invalid(
            QT_TRANSLATE_NOOP("Providers", "this is not valid JSON: {why}"), why=str(exc)
        ) from None
    if isinstance(data, dict) and isinstance(data.get("mcpServers"), dict):
        data = data["mcpServers"]
    elif isinstance(data, dict) and isinstance(data.get("servers"), dict):  # VS Code's mcp.json
        data = data["servers"]
    if not isinstance(data, dict):
        raise invalid(
            QT_TRANSLATE_NOOP(
                "Providers", 'expected an object like {{"mcpServers": {{"name": {{...}}}}}}'
            )
        )
    return [server_from(str(name), entry) for name, entry in data.items()]


def server_from(name: str, entry: Any) -> ServerConfig:
    if not isinstance(entry, dict):
        raise invalid(QT_TRANSLATE_NOOP("Providers", "server '{name}' is not an object"), name=name)
    kind = str(entry.get("type") or entry.get("transport") or "").lower()
    common: dict[str, Any] = {
        "name": name,
        "enabled": not entry.get("disabled", False),
        "trusted": bool(entry.get("trusted", False)),
        "timeout": _timeout(name, entry.get("timeout", DEFAULT_TIMEOUT)),
    }
    if kind == "sse":
        raise invalid(
            QT_TRANSLATE_NOOP(
                "Providers",
                "server '{name}' uses the old SSE transport; Confab speaks streamable HTTP "
                "(most servers offer it at /mcp)",
            ),
            name=name,
        )
    if entry.get("url") or kind in _HTTP_TYPES:
        url = str(entry.get("url") or "")
        if not url.startswith(("http://", "https://")):
            raise invalid(
                QT_TRANSLATE_NOOP("Providers", "server '{name}' needs an http:// or https:// url"),
                name=name,
            )
        return ServerConfig(url=url, headers=_strings(name, entry, "headers"), **common)
    command = entry.get("command")
    if not isinstance(command, str) or not command.strip():
        raise invalid(
            QT_TRANSLATE_NOOP("Providers", "server '{name}' needs a command or a url"), name=name
        )
    args = entry.get("args") or []
    if not isinstance(args, list):
        raise invalid(
            QT_TRANSLATE_NOOP("Providers", "server '{name}': args must be a list"), name=name
        )
    return ServerConfig(
        command=command.strip(),
        args=tuple(str(a) for a in args),
        env=_strings(name, entry, "env"),
        **common,
    )


def dump_servers(servers: list[ServerConfig]) -> str:
    """The servers as an ``mcpServers`` document."""
    return json.dumps({"mcpServers": {s.name: s.to_json() for s in servers}}, indent=2)


def _strings(name: str, entry: dict[str, Any], key: str) -> dict[str, str]:
    value = entry.get(key) or {}
    if not isinstance(value, dict):
        raise invalid(
            QT_TRANSLATE_NOOP("Providers", "server '{name}': {key} must be an object"),
            name=name,
            key=key,
        )
    return {str(k): str(v) for k, v in value.items()}


def _timeout(name: str, value: Any) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = 0.0
    if seconds <= 0:
        raise invalid(
            QT_TRANSLATE_NOOP("Providers", "server '{name}': timeout must be a number of seconds"),
            name=name,
        )
    return seconds
