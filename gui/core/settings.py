"""Settings without secrets, saved atomically as JSON in the profile folder.

Unknown fields from newer versions are kept, missing ones take defaults, and a corrupt file is
moved aside (``settings.json.corrupt-<time>``) with a notice instead of a crash.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypedDict

from providers.keys import FoundKey

from .text import QT_TRANSLATE_NOOP, Text

FILE_NAME = "settings.json"


class Connection(TypedDict):
    """How to reach a provider: what each of its requests needs besides the prompt."""

    api_key: str | None
    base_url: str | None
    proxy: str | None


@dataclass
class ProviderSettings:
    """Per-provider choices; the key itself lives in the keyring, never here."""

    base_url: str = ""
    proxy: str = ""  # "" = system, "none", or an http(s):// or socks5:// URL
    model: str = ""
    temperature: float | None = None
    max_tokens: int | None = None
    system_prompt: str = ""
    route: str = ""  # which of a routing server's providers answers; "" = the server picks

    def connection(self, key: FoundKey | None) -> Connection:
        """The key found for the provider, with this base URL and proxy ("" means default)."""
        return Connection(
            api_key=key.value if key else None,
            base_url=self.base_url or None,
            proxy=self.proxy or None,
        )

    @classmethod
    def from_json(cls, data: Any) -> ProviderSettings:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})


@dataclass(frozen=True)
class Endpoint:
    """A user-added OpenAI-compatible server."""

    name: str
    base_url: str


@dataclass
class Settings:
    provider: str = "OpenAI"
    providers: dict[str, ProviderSettings] = field(default_factory=dict)
    endpoints: list[Endpoint] = field(default_factory=list)
    language: str = ""  # "" follows the system; else a code from gui.i18n.LANGUAGES
    window_geometry: str = ""
    splitter_sizes: list[int] = field(default_factory=list)
    files_folder: str = ""  # where files were last exported, imported or attached from
    appearance: str = ""  # "" follows the system's colour scheme; "light" or "dark"
    zoom: int = 100  # the conversation's text size, in percent (View ▸ Zoom)
    mcp_servers: dict[str, Any] = field(default_factory=dict)
    """MCP servers as the ``mcpServers`` JSON has them; header values are in the keyring."""
    tools_always: list[str] = field(default_factory=list)  # "server/tool" run without asking
    max_tool_steps: int = 10  # requests one reply may make with tools
    extra: dict[str, Any] = field(default_factory=dict)  # fields this version does not know

    def for_provider(self, name: str) -> ProviderSettings:
        return self.providers.setdefault(name, ProviderSettings())

    def to_json(self) -> dict[str, Any]:
        data = {**self.extra, **asdict(self)}
        data.pop("extra")
        return data


def load(folder: Path) -> tuple[Settings, Text | None]:
    """The settings in ``folder`` and a notice for the user when the file had to be set aside."""
    path = folder / FILE_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValueError) as exc:
        aside = path.with_name(f"{FILE_NAME}.corrupt-{int(time.time())}")
        try:
            path.replace(aside)
        except OSError:
            aside = path
        return Settings(), Text(
            QT_TRANSLATE_NOOP(
                "Core",
                "Your settings file could not be read ({error}); it was kept as {name} and "
                "defaults are in use.",
            ),
            {"error": exc.__class__.__name__, "name": aside.name},
        )
    known = {f.name for f in fields(Settings)}
    settings = Settings(
        provider=str(raw.get("provider") or Settings.provider),
        providers={
            str(name): ProviderSettings.from_json(value)
            for name, value in (raw.get("providers") or {}).items()
            if isinstance(value, dict)
        },
        endpoints=[
            Endpoint(str(e["name"]), str(e["base_url"]))
            for e in raw.get("endpoints") or []
            if isinstance(e, dict) and e.get("name") and e.get("base_url")
        ],
        language=str(raw.get("language") or ""),
        window_geometry=str(raw.get("window_geometry") or ""),
        splitter_sizes=[int(x) for x in raw.get("splitter_sizes") or [] if isinstance(x, int)],
        files_folder=str(raw.get("files_folder") or ""),
        appearance=str(raw.get("appearance") or ""),
        zoom=min(300, max(50, int(raw.get("zoom") or 100))) if _is_number(raw.get("zoom")) else 100,
        mcp_servers=dict(raw.get("mcp_servers") or {})
        if isinstance(raw.get("mcp_servers"), dict)
        else {},
        tools_always=[str(x) for x in raw.get("tools_always") or [] if isinstance(x, str)],
        max_tool_steps=min(50, max(1, int(raw.get("max_tool_steps") or 10)))
        if _is_number(raw.get("max_tool_steps"))
        else 10,
        extra={k: v for k, v in raw.items() if k not in known},
    )
    return settings, None


def save(folder: Path, settings: Settings) -> None:
    """Write atomically: a temporary file in the same folder, fsynced, then renamed over."""
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(settings.to_json(), indent=2, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, folder / FILE_NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
