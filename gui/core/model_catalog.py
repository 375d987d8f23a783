"""Live model lists, cached per provider and base URL, with the built-in list as a fallback."""

from __future__ import annotations

from dataclasses import dataclass

from providers.base import AsyncGeneratorProvider, ModelInfo
from providers.errors import ProviderError

from .text import QT_TRANSLATE_NOOP, Text


@dataclass(frozen=True, slots=True)
class ModelList:
    models: list[ModelInfo]
    live: bool
    note: Text | str = ""  # why the built-in list is shown instead of the live one


class ModelCatalog:
    """Fetches each (provider, base URL) list once; ``refresh`` fetches again."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, str], ModelList] = {}

    def cached(
        self, provider: type[AsyncGeneratorProvider], base_url: str, route: str = ""
    ) -> ModelList | None:
        return self._cache.get((provider.get_name(), base_url or provider.url, route))

    async def load(
        self,
        provider: type[AsyncGeneratorProvider],
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        proxy: str | None = None,
        route: str = "",
        refresh: bool = False,
    ) -> ModelList:
        key = (provider.get_name(), base_url or provider.url, route)
        if not refresh and key in self._cache:
            return self._cache[key]
        try:
            scope = {"provider": route} if route else {}  # a routing server's one provider
            models = await provider.get_models(
                api_key=api_key, base_url=base_url or None, proxy=proxy, **scope
            )
        except ProviderError as exc:
            # Not cached: the next attempt tries the live list again.
            return ModelList(
                provider.static_models(),
                live=False,
                note=Text(
                    QT_TRANSLATE_NOOP("Core", "Built-in list shown; the live list failed: {error}"),
                    {"error": exc},
                ),
            )
        result = ModelList(models or provider.static_models(), live=bool(models))
        self._cache[key] = result
        return result
