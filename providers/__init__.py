"""Confab's Qt-free engine: providers that stream replies from LLM APIs.

``PROVIDERS`` lists every provider class; ``get_provider(name)`` finds one by class name or
label, ignoring case and punctuation.
"""

from __future__ import annotations

from .ai365vip import AI365VIP
from .anthropic import Anthropic
from .backend_api import BackendApi
from .base import AsyncGeneratorProvider, ModelInfo, ProviderModelMixin
from .gemini import Gemini
from .ollama import Ollama
from .openai_compat import PRESETS, OpenaiCompatible

PROVIDERS: tuple[type[AsyncGeneratorProvider], ...] = (
    PRESETS[0],  # OpenAI first: the provider most people start with
    Anthropic,
    Gemini,
    Ollama,
    *PRESETS[1:],
    OpenaiCompatible,
    BackendApi,
    AI365VIP,
)


def _folded(name: str) -> str:
    """A name without case, spaces and punctuation: backend_api, backend-api, BackendApi."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def get_provider(name: str) -> type[AsyncGeneratorProvider]:
    """The provider called ``name`` (class name or label, however it is cased or punctuated);
    KeyError lists the known names when there is none."""
    wanted = _folded(name)
    for provider in PROVIDERS:
        if wanted in (_folded(provider.__name__), _folded(provider.label)):
            return provider
    known = ", ".join(p.__name__ for p in PROVIDERS)
    raise KeyError(f"unknown provider {name!r}; known providers: {known}")


__all__ = [
    "PROVIDERS",
    "AsyncGeneratorProvider",
    "ModelInfo",
    "ProviderModelMixin",
    "get_provider",
]
