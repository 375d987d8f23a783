"""ProviderError and its kinds, each carrying a plain-language message a user can act on."""

from __future__ import annotations

from typing import Any

CONTEXT = "Providers"
"""The translation context of the sentences providers mark with QT_TRANSLATE_NOOP."""


class ProviderError(Exception):
    """A request to a model provider failed; ``str(err)`` is fit to show to a user.

    ``message`` may be a template with ``{fields}`` given as keyword arguments: ``template``
    and ``values`` keep them apart, so a window can translate the sentence and fill the
    values in after (``message`` is the English sentence, filled in)."""

    retryable = True
    kind = "error"

    def __init__(self, message: str, *, provider: str | None = None, **values: Any) -> None:
        filled = message.format(**values) if values else message
        super().__init__(filled)
        self.message = filled
        self.template = message
        self.values = values
        self.provider = provider

    def __str__(self) -> str:
        return f"{self.provider}: {self.message}" if self.provider else self.message


class MissingKeyError(ProviderError):
    """No API key was found in the keyring, the environment or the request."""

    retryable = False
    kind = "no_key"


class AuthenticationError(ProviderError):
    """The API rejected the key (401/403)."""

    retryable = False
    kind = "auth"


class ModelNotFoundError(ProviderError):
    """The API does not know the model or the endpoint (404)."""

    retryable = False
    kind = "not_found"


class BadRequestError(ProviderError):
    """The API refused the request as malformed or too large (400, 413, 422)."""

    retryable = False
    kind = "bad_request"


class RateLimitError(ProviderError):
    """Too many requests (429); ``retry_after`` is in seconds when the API said."""

    kind = "rate_limit"

    def __init__(
        self,
        message: str,
        *,
        provider: str | None = None,
        retry_after: float | None = None,
        **values: Any,
    ) -> None:
        super().__init__(message, provider=provider, **values)
        self.retry_after = retry_after


class ServerError(ProviderError):
    """The API failed on its side (5xx, overloaded)."""

    kind = "server"


class ConnectionFailedError(ProviderError):
    """No connection: refused, DNS, TLS or proxy failure."""

    kind = "connect"


class ResponseTimeoutError(ProviderError):
    """Nothing arrived in time, before the first byte or in the middle of the stream."""

    kind = "timeout"


class StreamClosedError(ProviderError):
    """The connection ended before the reply was complete."""

    kind = "closed"


class MalformedStreamError(ProviderError):
    """The stream held data the client could not understand."""

    kind = "malformed"


class OversizedLineError(MalformedStreamError):
    """A single line of the stream exceeded the size limit."""

    kind = "oversized"


class StreamErrorEvent(ProviderError):
    """The API reported an error inside an already started stream."""

    kind = "stream_error"


class ContentBlockedError(ProviderError):
    """The provider refused the prompt or the reply for safety or policy reasons."""

    retryable = False
    kind = "blocked"


class UnsupportedError(ProviderError):
    """The provider or model cannot do what was asked (for example images)."""

    retryable = False
    kind = "unsupported"


class MediaError(ProviderError):
    """An attachment cannot be used (not a usable image, PDF or text, or over a limit)."""

    retryable = False
    kind = "media"


class NotAnImageError(MediaError):
    """The bytes are not an image at all (they may still be a PDF or text)."""


class KeyringUnavailableError(ProviderError):
    """No working OS keyring: keys cannot be stored, only kept for this session."""

    retryable = False
    kind = "keyring"
