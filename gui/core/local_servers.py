"""Find the local model servers people run, on their default ports on this computer.

Each candidate is asked for its model list with a short time limit, all at once; one that
answers with a model list is found. Nothing but loopback is asked. Qt-free.
"""

from __future__ import annotations

import asyncio
import importlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from gui.core import collector


@dataclass(frozen=True)
class Candidate:
    """A server that may run here: the provider that talks to it, where, and what to ask."""

    provider: str  # the provider's class name
    label: str
    base_url: str
    models_path: str  # relative to base_url


@dataclass(frozen=True)
class Found:
    candidate: Candidate
    models: int  # how many models it lists


DEFAULTS: tuple[Candidate, ...] = (
    Candidate("Ollama", "Ollama", "http://127.0.0.1:11434", "api/tags"),
    Candidate("LMStudio", "LM Studio", "http://127.0.0.1:1234/v1", "models"),
    Candidate("LlamaCpp", "llama.cpp", "http://127.0.0.1:8080/v1", "models"),
    Candidate("BackendApi", "gpt4free", "http://127.0.0.1:1337", "backend-api/v2/models"),
)
PROBE_SECONDS = 1.5


def count_models(body: object) -> int | None:
    """Models in a list body: Ollama's ``{"models": [...]}``, OpenAI's ``{"data": [...]}``,
    gpt4free's provider -> model names, or a bare list; None for anything else (not a model
    server)."""
    if isinstance(body, list):
        return len(body)
    if not isinstance(body, dict) or not body:
        return None
    for key in ("models", "data"):
        if isinstance(body.get(key), list):
            return len(body[key])
    if all(isinstance(names, list) for names in body.values()):
        return len({name for names in body.values() for name in names})
    return None


async def _ask(candidate: Candidate, seconds: float) -> Found | None:
    import aiohttp  # loaded by probe() off the window's thread

    url = candidate.base_url.rstrip("/") + "/" + candidate.models_path
    limit = aiohttp.ClientTimeout(total=seconds)
    try:
        async with (
            aiohttp.ClientSession(timeout=limit, trust_env=False) as session,
            session.get(url) as response,
        ):
            if response.status != 200:
                return None
            body = json.loads(await response.content.read(4_000_000))
    except (aiohttp.ClientError, TimeoutError, ValueError, OSError):
        return None
    count = count_models(body)
    return None if count is None else Found(candidate, count)


def _import_aiohttp() -> None:
    with collector.paused():  # see gui/core/collector.py
        importlib.import_module("aiohttp")


async def probe(
    candidates: Sequence[Candidate] = DEFAULTS, seconds: float = PROBE_SECONDS
) -> list[Found]:
    """The candidates that answer with a model list, in the order given."""
    await asyncio.to_thread(_import_aiohttp)  # ~0.1 s: not on the loop's thread
    answers = await asyncio.gather(*(_ask(c, seconds) for c in candidates))
    return [found for found in answers if found is not None]
