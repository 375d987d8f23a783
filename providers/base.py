"""The provider contract, compatible with gpt4free's AsyncGeneratorProvider and its mixin."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from .chunks import StreamItem
from .errors import MediaError, MissingKeyError, UnsupportedError
from .http import DEFAULT_TIMEOUTS, Timeouts
from .media import ImageLimits, MediaInput, PreparedImage, prepare

Message = dict[str, Any]
"""OpenAI-style: ``{"role": "system"|"user"|"assistant", "content": str | list[part]}``."""

MediaItem = tuple[MediaInput, str | None]
"""``(data, filename)``: bytes, a path or a data URI, and a name to show."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One entry of a live model list."""

    id: str
    label: str | None = None
    vision: bool | None = None
    owned_by: str | None = None


class BaseProvider:
    """Capability flags and identity shared by all providers. Class state is read-only."""

    label: ClassVar[str] = ""
    url: ClassVar[str] = ""
    working: ClassVar[bool] = True
    needs_auth: ClassVar[bool] = False
    supports_images: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_base_url: ClassVar[bool] = False
    env_key: ClassVar[str | None] = None
    note: ClassVar[str] = ""
    image_limits: ClassVar[ImageLimits] = ImageLimits()

    @classmethod
    def get_name(cls) -> str:
        return cls.__name__

    @classmethod
    def display_name(cls) -> str:
        return cls.label or cls.__name__


class ProviderModelMixin:
    """A default model, a static list, and aliases resolved before a request."""

    default_model: ClassVar[str] = ""
    models: ClassVar[Sequence[str]] = ()
    model_aliases: ClassVar[dict[str, str]] = {}
    vision_models: ClassVar[Sequence[str]] = ()

    @classmethod
    def get_model(cls, model: str | None) -> str:
        """The API's name for ``model``: the default when empty, an alias resolved."""
        if not model:
            return cls.default_model
        return cls.model_aliases.get(model, model)


class AsyncGeneratorProvider(BaseProvider, ProviderModelMixin):
    """A provider whose reply is an async generator of ``str`` text and chunk objects."""

    timeouts: ClassVar[Timeouts] = DEFAULT_TIMEOUTS

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: list[Message],
        *,
        media: Sequence[MediaItem] | None = None,
        api_key: str | None = None,
        proxy: str | None = None,
        base_url: str | None = None,
        **params: Any,
    ) -> AsyncGenerator[StreamItem, None]:
        raise NotImplementedError

    @classmethod
    async def get_models(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[ModelInfo]:
        """The live model list; providers without one return their static list."""
        return cls.static_models()

    @classmethod
    def static_models(cls) -> list[ModelInfo]:
        return [ModelInfo(m, vision=m in cls.vision_models or None) for m in cls.models]

    @classmethod
    def require_key(cls, api_key: str | None) -> str | None:
        if cls.needs_auth and not api_key:
            where = f" or set {cls.env_key}" if cls.env_key else ""
            raise MissingKeyError(
                f"no API key is set. Add one in Settings{where}.", provider=cls.display_name()
            )
        return api_key

    @classmethod
    async def prepare_media(cls, media: Sequence[MediaItem] | None) -> list[PreparedImage]:
        """Validate and shrink attachments to this provider's limits, off the event loop."""
        if not media:
            return []
        name = cls.display_name()
        if not cls.supports_images:
            raise UnsupportedError(
                "this provider cannot read images; remove them or switch to a provider with vision",
                provider=name,
            )
        limits = cls.image_limits
        if len(media) > limits.max_count:
            raise MediaError(
                f"at most {limits.max_count} images can be sent at once", provider=name
            )
        try:
            return [
                await asyncio.to_thread(prepare, data, limits, filename) for data, filename in media
            ]
        except MediaError as exc:
            exc.provider = name
            raise


def text_of(content: Any) -> str:
    """The text of a message's content, whether a string or a list of parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return "" if content is None else str(content)


def last_user_index(messages: Sequence[Message]) -> int:
    """Index of the last user message (images attach to it), or -1."""
    for index in range(len(messages) - 1, -1, -1):
        if messages[index].get("role") == "user":
            return index
    return -1


def endpoint(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + path.lstrip("/")
