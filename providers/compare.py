"""One prompt to several provider/model pairs at once, each reply streamed on its own.

``confab-cli compare -p LlamaCpp:qwen@http://127.0.0.1:8080/v1 -p Ollama:llama3 "prompt"``
prints one JSON object per chunk, each with its target's index; one failing target never
stops the others. The GUI's compare mode runs its targets the same way, one stream each.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import get_provider
from .base import AsyncGeneratorProvider, MediaItem, Message
from .chunks import Reasoning, StreamItem, Usage, to_json, tokens_per_second
from .errors import ProviderError

MAX_TARGETS = 4


@dataclass(frozen=True)
class CompareTarget:
    """``PROVIDER[:MODEL][@BASE_URL]``: who answers, with which model, at which address."""

    provider: type[AsyncGeneratorProvider]
    model: str = ""
    base_url: str | None = None

    @classmethod
    def parse(cls, spec: str) -> CompareTarget:
        """The provider's name ends at the first ``:``; the model (which may hold ``:``, as
        Ollama's ``llama3:8b``) at the first ``@``; the rest is the base URL."""
        spec, _, url = spec.partition("@")
        name, _, model = spec.partition(":")
        return cls(get_provider(name), model, url or None)

    @property
    def label(self) -> str:
        model = self.provider.get_model(self.model) or "?"
        return f"{self.provider.display_name()} · {model}"


@dataclass
class Outcome:
    """How one target's reply went: timings, what arrived, and why it failed if it did."""

    target: CompareTarget
    started: float = field(default_factory=time.monotonic)
    first_token: float | None = None
    ended: float | None = None
    characters: int = 0
    usage: Usage | None = None
    error: ProviderError | None = None

    def summary(self) -> dict[str, Any]:
        took = (self.ended or time.monotonic()) - self.started
        first = None if self.first_token is None else round(self.first_token - self.started, 3)
        speed = tokens_per_second(self.usage, self.characters, self.first_token, self.ended)
        return {
            "seconds": round(took, 3),
            "time_to_first_token": first,
            "tokens_per_second": round(speed, 1) if speed and self.characters else None,
            "characters": self.characters,
            "usage": to_json(self.usage) if self.usage else None,
        }


Sink = Callable[[int, StreamItem | None, Outcome], None]
"""Called with each chunk of target ``index`` as it arrives, and with None when it ended."""


async def stream_one(
    index: int,
    target: CompareTarget,
    messages: list[Message],
    sink: Sink,
    *,
    media: Sequence[MediaItem] = (),
    api_key: str | None = None,
    proxy: str | None = None,
    **params: Any,
) -> Outcome:
    """Stream one target's reply into ``sink``; its failure is kept, never raised."""
    outcome = Outcome(target)
    stream = target.provider.create_async_generator(
        target.model,
        messages,
        media=list(media),
        api_key=api_key,
        proxy=proxy,
        base_url=target.base_url,
        **params,
    )
    try:
        async with contextlib.aclosing(stream) as items:
            async for item in items:
                if isinstance(item, str | Reasoning) and outcome.first_token is None:
                    outcome.first_token = time.monotonic()
                if isinstance(item, str):
                    outcome.characters += len(item)
                elif isinstance(item, Usage):
                    outcome.usage = item
                sink(index, item, outcome)
    except ProviderError as exc:
        exc.provider = exc.provider or target.provider.display_name()
        outcome.error = exc
    outcome.ended = time.monotonic()
    sink(index, None, outcome)
    return outcome


async def compare(
    targets: Sequence[CompareTarget],
    messages: list[Message],
    sink: Sink,
    keys: Callable[[CompareTarget], str | None] = lambda _t: None,
    **params: Any,
) -> list[Outcome]:
    """Every target's reply at once; the outcomes in the targets' order."""
    return list(
        await asyncio.gather(
            *(
                stream_one(i, t, messages, sink, api_key=keys(t), **params)
                for i, t in enumerate(targets)
            )
        )
    )
