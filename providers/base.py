"""The provider contract, compatible with gpt4free's AsyncGeneratorProvider and its mixin."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .chunks import FinishReason, StreamItem, Usage
from .errors import (
    MalformedStreamError,
    MediaError,
    MissingKeyError,
    ProviderError,
    StreamClosedError,
    UnsupportedError,
)
from .file_parts import FILE_LIMITS, FileLimits, for_provider
from .files import PreparedFile, file_of
from .http import DEFAULT_TIMEOUTS, Timeouts, open_session
from .jsonbody import Base64Text
from .media import ImageLimits, MediaInput, PreparedImage, prepare
from .streams import END, Framing, iter_values
from .text import QT_TRANSLATE_NOOP
from .tools import flatten

Message = dict[str, Any]
"""OpenAI-style: ``{"role": "system"|"user"|"assistant", "content": str | list[part]}``."""

ImageItem = tuple[MediaInput, str | None]
MediaItem = tuple[MediaInput | PreparedFile, str | None]
"""``(data, filename)``: bytes, a path or a data URI, and a name to show; an image, a PDF or
a text file."""


LOCAL_SERVER_NOTE = QT_TRANSLATE_NOOP("Providers", "Runs on your machine; no key needed.")
"""The note of every provider that is a server on the user's own machine."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One entry of a live model list."""

    id: str
    label: str | None = None
    vision: bool | None = None
    owned_by: str | None = None
    tools: bool | None = None
    """Known to call tools (None: not known either way)."""


@dataclass(frozen=True, slots=True)
class Route:
    """One provider a routing server can send a request to (a g4f server's providers)."""

    name: str
    label: str
    needs_auth: bool = False
    vision: bool = False


class BaseProvider:
    """Capability flags and identity shared by all providers. Class state is read-only."""

    label: ClassVar[str] = ""
    url: ClassVar[str] = ""
    working: ClassVar[bool] = True
    needs_auth: ClassVar[bool] = False
    supports_images: ClassVar[bool] = False
    images_in_history: ClassVar[bool] = True
    """Images of earlier turns are sent again, inside those turns (as content parts)."""
    images_depend_on_model: ClassVar[bool] = False
    """Images may be sent, but only some models read them (a local server's loaded model)."""
    supports_tools: ClassVar[bool] = False
    """The API takes tool declarations and answers with tool calls (``tools=`` in a request).
    A provider without them is sent earlier tool turns written out as text."""
    supports_stream: ClassVar[bool] = True
    supports_base_url: ClassVar[bool] = False
    supports_routes: ClassVar[bool] = False
    """The server routes to providers of its own, one of which may be chosen (g4f)."""
    env_key: ClassVar[str | None] = None
    note: ClassVar[str] = ""
    image_limits: ClassVar[ImageLimits] = ImageLimits()
    file_limits: ClassVar[FileLimits] = FILE_LIMITS["text"]
    """Whether PDFs go as they are, and how many pages (``providers.file_parts``)."""

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
    tool_models: ClassVar[Sequence[str]] = ()
    """Models of the static list known to call tools."""

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
    async def get_routes(
        cls, *, api_key: str | None = None, base_url: str | None = None, proxy: str | None = None
    ) -> list[Route]:
        """The providers a routing server offers (``supports_routes``); none otherwise."""
        return []

    @classmethod
    def static_models(cls) -> list[ModelInfo]:
        return [
            ModelInfo(m, vision=m in cls.vision_models or None, tools=m in cls.tool_models or None)
            for m in cls.models
        ]

    @classmethod
    def no_tools(cls) -> UnsupportedError:
        """The error for tools asked of a provider without ``supports_tools``."""
        return UnsupportedError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "this provider cannot call tools; turn tools off for this chat or switch to a "
                "provider that can",
            ),
            provider=cls.display_name(),
        )

    @classmethod
    def require_key(cls, api_key: str | None, base_url: str | None = None) -> str | None:
        """The key, or MissingKeyError when this provider needs one. A preset pointed at another
        server (a proxy, a local gateway) lets that server decide: it answers 401 if it must."""
        elsewhere = bool(base_url) and str(base_url).rstrip("/") != cls.url.rstrip("/")
        if cls.needs_auth and not api_key and not elsewhere:
            if cls.env_key:
                raise MissingKeyError(
                    QT_TRANSLATE_NOOP(
                        "Providers", "no API key is set. Add one in Settings or set {variable}."
                    ),
                    variable=cls.env_key,
                    provider=cls.display_name(),
                )
            raise MissingKeyError(
                QT_TRANSLATE_NOOP("Providers", "no API key is set. Add one in Settings."),
                provider=cls.display_name(),
            )
        return api_key

    @classmethod
    async def with_files(
        cls, messages: list[Message], media: Sequence[MediaItem] | None
    ) -> tuple[list[Message], list[ImageItem]]:
        """The PDFs and text files among ``media`` put into the last user message (before its
        text) in the form this provider takes, and the images left to send."""
        files: list[PreparedFile] = []
        images: list[ImageItem] = []
        try:
            for data, name in media or ():
                if (file := await file_of(data, name)) is not None:
                    files.append(file)
                elif not isinstance(data, PreparedFile):
                    images.append((data, name))
            index = last_user_index(messages)
            if files and index >= 0:
                messages = list(messages)
                parts = content_parts(messages[index]["content"])
                messages[index] = {
                    **messages[index],
                    "content": [*(f.part() for f in files), *parts],
                }
            return await for_provider(cls, messages), images
        except MediaError as exc:
            exc.provider = exc.provider or cls.display_name()
            raise

    @classmethod
    async def prepare_media(cls, media: Sequence[ImageItem] | None) -> list[PreparedImage]:
        """Validate and shrink attachments to this provider's limits, off the event loop."""
        if not media:
            return []
        name = cls.display_name()
        if not cls.supports_images:
            raise UnsupportedError(
                QT_TRANSLATE_NOOP(
                    "Providers",
                    "this provider cannot read images; remove them or switch to a provider with "
                    "vision",
                ),
                provider=name,
            )
        limits = cls.image_limits
        if len(media) > limits.max_count:
            raise MediaError(
                QT_TRANSLATE_NOOP("Providers", "at most {count} images can be sent at once"),
                count=limits.max_count,
                provider=name,
            )
        try:
            return [
                await asyncio.to_thread(prepare, data, limits, filename) for data, filename in media
            ]
        except MediaError as exc:
            exc.provider = name
            raise


@dataclass(slots=True)
class StreamState:
    """What one reply's parser remembers between values; ``parse`` is pure apart from this."""

    model: str = ""
    done: bool = False
    """The end marker arrived: stop reading."""
    finished: bool = False
    """A FinishReason was passed on."""
    usage: Usage | None = None
    """The latest token counts, passed on once at the end or just before an error."""
    error: ProviderError | None = None
    """Raised once the items parsed with it are passed on (text in the same chunk as a block)."""
    extra: dict[str, Any] = field(default_factory=dict)


class StreamingProvider(AsyncGeneratorProvider):
    """The one streaming skeleton: a family supplies the hooks, this runs the request.

    Hooks: ``endpoint_path`` (or ``request_url``), ``request_headers``, ``build_payload``, a
    ``framing`` and a pure ``parse(value, state)``; ``needs_end`` says whether a body that just
    stops, without an end marker or finish reason, was cut off. ``replay`` runs the same path on
    recorded bytes, so parsers are tested straight from transcripts.
    """

    framing: ClassVar[Framing] = "sse"
    needs_end: ClassVar[bool] = True
    endpoint_path: ClassVar[str] = ""

    @classmethod
    def request_url(cls, base_url: str | None, model: str) -> str:
        return endpoint(base_url or cls.url, cls.endpoint_path)

    @classmethod
    def request_headers(cls, api_key: str | None, base_url: str | None = None) -> dict[str, str]:
        return {"Accept": "text/event-stream"}

    @classmethod
    def build_payload(
        cls,
        model: str,
        messages: Sequence[Message],
        images: Sequence[PreparedImage],
        params: dict[str, Any],
    ) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def parse(cls, value: Any, state: StreamState) -> list[StreamItem]:
        """The items of one decoded value (JSON, or a ``str`` piece for raw framing)."""
        raise NotImplementedError

    @classmethod
    def flush(cls, state: StreamState) -> list[StreamItem]:
        """Items still held when the body ends well (tool calls no finish reason closed)."""
        return []

    @classmethod
    async def create_async_generator(
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
        api_key = cls.require_key(api_key, base_url)
        messages, media = await cls.with_files(messages, media)
        images = await cls.prepare_media(media)
        model = cls.get_model(model)
        if not cls.supports_tools:
            if params.pop("tools", None):
                raise cls.no_tools()
            messages = flatten(messages)
        payload = cls.build_payload(model, messages, images, params)
        url = cls.request_url(base_url, model)
        name = cls.display_name()
        async with (
            open_session(name, url, proxy=proxy, timeouts=cls.timeouts) as session,
            session.request(
                "POST", url, json_body=payload, headers=cls.request_headers(api_key, base_url)
            ) as response,
        ):
            await session.check_reply(response, cls.framing)
            async with contextlib.aclosing(
                cls.replay(session.iter_chunks(response), model)
            ) as items:
                async for item in items:
                    yield item

    @classmethod
    async def replay(
        cls, chunks: AsyncIterable[bytes], model: str = ""
    ) -> AsyncGenerator[StreamItem, None]:
        """The items of a reply body as it arrives: framing, ``parse``, and the end rules."""
        state = StreamState(model)
        received = ended = False
        try:
            async for value in iter_values(cls.framing, chunks):
                received = True
                if value is END:
                    ended = True
                    break
                for item in cls.parse(value, state):
                    state.finished = state.finished or isinstance(item, FinishReason)
                    yield item
                if state.error is not None:
                    raise state.error
                if state.done:
                    ended = True
                    break
            if not received:
                raise MalformedStreamError(
                    QT_TRANSLATE_NOOP(
                        "Providers",
                        "the server answered with an empty reply (HTTP 200, no data); the "
                        "model or the server may have failed",
                    )
                )
            if cls.needs_end and not (ended or state.finished):
                raise StreamClosedError(
                    QT_TRANSLATE_NOOP(
                        "Providers", "the connection closed before the reply was complete"
                    )
                )
            for item in cls.flush(state):
                yield item
        except ProviderError as exc:
            exc.provider = exc.provider or cls.display_name()
            if state.usage is not None:  # what was counted before the failure still counts
                yield state.usage
            raise
        if state.usage is not None:
            yield state.usage


def images_of(content: Any) -> list[tuple[str, str]]:
    """The (MIME type, base64 data) of each ``data:`` image in a message's content parts
    (OpenAI's ``image_url`` shape, which earlier turns with images are given in)."""
    if not isinstance(content, list):
        return []
    found: list[tuple[str, str]] = []
    for part in content:
        url = part.get("image_url", {}).get("url", "") if isinstance(part, dict) else ""
        header, comma, data = str(url).partition(",")
        if comma and header.startswith("data:") and header.endswith(";base64"):
            found.append((header[5:-7], Base64Text(data)))
    return found


def content_parts(content: Any) -> list[dict[str, Any]]:
    """A message's content as a list of parts (a string becomes one text part, if any)."""
    if isinstance(content, list):
        return list(content)
    return [{"type": "text", "text": content}] if content else []


def text_of(content: Any) -> str:
    """The text of a message's content, whether a string or a list of parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # a file's text, then the question: paragraphs apart
        texts = (part.get("text", "") for part in content if isinstance(part, dict))
        return "\n\n".join(text for text in texts if text)
    return "" if content is None else str(content)


def last_user_index(messages: Sequence[Message]) -> int:
    """Index of the last user message (images attach to it), or -1."""
    for index in range(len(messages) - 1, -1, -1):
        if messages[index].get("role") == "user":
            return index
    return -1


def endpoint(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + path.lstrip("/")
