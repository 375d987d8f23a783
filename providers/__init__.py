"""Confab's Qt-free engine: providers that stream replies from LLM APIs.

``PROVIDERS`` lists every provider class; ``get_provider(name)`` finds one by class name or
label, case-insensitively.
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


def get_provider(name: str) -> type[AsyncGeneratorProvider]:
    """The provider called ``name``; KeyError lists the known names when there is none."""
    wanted = name.strip().lower()
    for provider in PROVIDERS:
        if wanted in (provider.__name__.lower(), provider.label.lower()):
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
