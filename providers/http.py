"""The one place that makes HTTP requests: sessions, timeouts, proxies and error mapping."""

from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import json
import re
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .errors import (
    AuthenticationError,
    BadRequestError,
    ConnectionFailedError,
    MalformedStreamError,
    ModelNotFoundError,
    ProviderError,
    RateLimitError,
    ResponseTimeoutError,
    ServerError,
    StreamClosedError,
    StreamErrorEvent,
    UnsupportedError,
)
from .jsonbody import json_bytes
from .redact import excerpt, redact
from .streams import Framing
from .text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import aiohttp

# aiohttp is imported where a request is made, not at module load: it is a tenth of a second
# the window does not have to wait for at start-up.


def warm_up() -> None:
    """Import aiohttp now; an app calls this in a worker thread before its first request, so
    the event loop's thread never spends the import's time."""
    import aiohttp  # noqa: F401


BODY_LIMIT = 256 * 1024
"""Most of an error or non-stream body read: more than any real error document."""


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds to wait: to connect, for the response to start, and between two reads."""

    connect: float = 15.0
    first_byte: float = 120.0
    stall: float = 120.0


DEFAULT_TIMEOUTS = Timeouts()


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_proxy(url: str, proxy: str | None) -> str | None:
    """The proxy to use for ``url``.

    ``proxy`` is an http(s):// or socks4/5:// URL, "none", or None/"system" for the environment's
    HTTP(S)_PROXY. Loopback addresses are never proxied, and NO_PROXY is honoured either way.
    """
    host = urlsplit(url).hostname or ""
    if is_loopback(host) or proxy in ("", "none"):
        return None
    import urllib.request  # (http.client and ssl behind it: not needed to start)

    if host and urllib.request.proxy_bypass(host):
        return None
    if proxy is None or proxy == "system":
        scheme = urlsplit(url).scheme
        return urllib.request.getproxies_environment().get(scheme) or None
    return proxy


ERROR_BODY_WAIT = 5.0
"""Seconds an error's body may take: its status is known, so the user hears of it then, with
whatever of the body came (not after the stream's stall limit of minutes)."""


class Session:
    """An aiohttp session bound to one provider label, proxy and timeouts."""

    def __init__(
        self,
        provider: str,
        client: aiohttp.ClientSession,
        http_proxy: str | None,
        t: Timeouts,
        proxy: str | None = None,
    ) -> None:
        self.provider = provider
        self.client = client
        self._http_proxy = http_proxy
        self.timeouts = t
        self.proxy = proxy
        """The proxy in use (http or socks), for error messages; None when direct."""

    @asynccontextmanager
    async def request(
        self,
        method: str,
        url: str,
        *,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> AsyncIterator[aiohttp.ClientResponse]:
        """Send a request and yield the response once its status is known to be a success."""
        import aiohttp

        failures: tuple[type[BaseException], ...] = (
            aiohttp.ClientError,
            TimeoutError,
            OSError,
            *socks_errors(self.proxy),
        )

        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=self.timeouts.connect,
            sock_connect=self.timeouts.connect,
            sock_read=None,  # stalls are timed per read in iter_chunks
        )
        try:
            async with asyncio.timeout(self.timeouts.connect + self.timeouts.first_byte):
                body = None if json_body is None else json_bytes(json_body)
                response = await self.client.request(
                    method,
                    url,
                    data=body,
                    headers={
                        **({"Content-Type": "application/json"} if body is not None else {}),
                        **(headers or {}),
                    },
                    proxy=self._http_proxy,
                    timeout=timeout,
                )
        except failures as exc:
            raise connection_error(self.provider, url, exc, self.timeouts, self.proxy) from None
        try:
            if response.status >= 400:
                raise error_from_status(
                    self.provider,
                    response.status,
                    await self.read_text(response, within=ERROR_BODY_WAIT),
                    response.headers.get("Retry-After"),
                )
            yield response
        finally:
            response.release()

    async def read_text(
        self,
        response: aiohttp.ClientResponse,
        limit: int = BODY_LIMIT,
        within: float | None = None,
    ) -> str:
        """A whole (error or non-stream) body up to ``limit`` bytes, however many reads it
        takes, for at most ``within`` seconds; what arrived is kept when the connection
        breaks or stalls, or the time is up."""
        body = bytearray()
        try:
            async with asyncio.timeout(within):
                async for chunk in self.iter_chunks(response):
                    body += chunk
                    if len(body) >= limit:
                        break
        except (ProviderError, TimeoutError):
            pass
        return bytes(body[:limit]).decode("utf-8", errors="replace")

    async def iter_chunks(self, response: aiohttp.ClientResponse) -> AsyncIterator[bytes]:
        """The body as it arrives, with stalls and early disconnects as ProviderErrors."""
        import aiohttp

        stall = self.timeouts.stall
        content = response.content
        while True:
            try:
                async with asyncio.timeout(stall):
                    chunk = await content.readany()
            except TimeoutError:
                raise ResponseTimeoutError(
                    QT_TRANSLATE_NOOP(
                        "Providers", "the stream stalled: nothing arrived for {seconds} seconds"
                    ),
                    seconds=f"{stall:g}",
                    provider=self.provider,
                ) from None
            except (aiohttp.ClientPayloadError, aiohttp.ServerDisconnectedError, OSError) as exc:
                raise StreamClosedError(
                    QT_TRANSLATE_NOOP(
                        "Providers", "the connection closed before the reply was complete ({why})"
                    ),
                    why=type(exc).__name__,
                    provider=self.provider,
                ) from None
            except aiohttp.ClientError as exc:
                raise StreamClosedError(
                    QT_TRANSLATE_NOOP("Providers", "the stream broke off: {why}"),
                    why=redact(str(exc)),
                    provider=self.provider,
                ) from None
            if not chunk:
                return
            yield chunk

    async def get_json(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        async with self.request("GET", url, headers=headers) as response:
            body = b"".join([chunk async for chunk in self.iter_chunks(response)])
            content_type = response.content_type
        try:
            return json.loads(body)
        except ValueError:
            what = describe_body(content_type, body.decode("utf-8", errors="replace"))
            raise ServerError(
                QT_TRANSLATE_NOOP(
                    "Providers",
                    "the server answered {path} with {what} instead of JSON; check the base URL",
                ),
                path=urlsplit(url).path,
                what=what,
                provider=self.provider,
            ) from None

    async def check_reply(self, response: aiohttp.ClientResponse, framing: Framing) -> None:
        """Refuse a 200 that is not a stream: a web page (a login or a wrong URL), or for SSE
        and raw text a JSON document (an error, or a server that does not stream)."""
        content_type = response.content_type
        if content_type not in ("text/html", "application/json"):
            return
        if content_type == "application/json" and framing in ("ndjson", "sse-or-json"):
            return  # JSON values are what these framings carry; their parsers read errors
        body = await self.read_text(response)
        if content_type == "application/json":
            with contextlib.suppress(ValueError):
                data = json.loads(body)
                if isinstance(data, dict) and data.get("error"):
                    raise error_from_body(self.provider, data)
        if framing == "raw":
            instead = QT_TRANSLATE_NOOP(
                "Providers",
                "the server sent {what} instead of raw text; check the base URL, or whether "
                "the server wants you to sign in",
            )
        else:
            instead = QT_TRANSLATE_NOOP(
                "Providers",
                "the server sent {what} instead of a streamed reply; check the base URL, or "
                "whether the server wants you to sign in",
            )
        raise MalformedStreamError(
            instead, what=describe_body(content_type, body), provider=self.provider
        )


@asynccontextmanager
async def open_session(
    provider: str, url: str, *, proxy: str | None = None, timeouts: Timeouts = DEFAULT_TIMEOUTS
) -> AsyncIterator[Session]:
    """A session for requests to ``url``'s server through the proxy that applies to it."""
    import aiohttp

    chosen = resolve_proxy(url, proxy)
    connector: aiohttp.BaseConnector | None = None
    http_proxy: str | None = chosen
    if chosen and chosen.startswith("socks"):
        connector = socks_connector(provider, chosen)
        http_proxy = None
    async with aiohttp.ClientSession(connector=connector, trust_env=False) as client:
        try:
            yield Session(provider, client, http_proxy, timeouts, chosen)
        except ProviderError as exc:  # decoding errors are raised without knowing whose stream
            exc.provider = exc.provider or provider
            raise


def socks_errors(proxy: str | None) -> tuple[type[Exception], ...]:
    """What aiohttp_socks raises for a dead or refusing SOCKS ``proxy``: none of them is an
    OSError, a TimeoutError or an aiohttp.ClientError. Without a SOCKS proxy there are none,
    and aiohttp_socks (30 ms) is not imported for every first request."""
    if not (proxy and proxy.startswith("socks")):
        return ()
    from aiohttp_socks import ProxyConnectionError, ProxyError, ProxyTimeoutError

    return (ProxyConnectionError, ProxyError, ProxyTimeoutError)


def socks_connector(provider: str, url: str) -> aiohttp.BaseConnector:
    """A connector through a SOCKS proxy; socks5h:// and socks4a:// resolve names remotely."""
    from aiohttp_socks import ProxyConnector

    scheme, sep, rest = url.partition("://")
    plain = {"socks5h": "socks5", "socks4a": "socks4"}.get(scheme, scheme)
    try:
        connector: aiohttp.BaseConnector = ProxyConnector.from_url(
            plain + sep + rest, rdns=plain != scheme
        )
    except ValueError:
        raise ConnectionFailedError(
            QT_TRANSLATE_NOOP("Providers", "the proxy address {address} is not valid"),
            address=repr(redact(url)),
            provider=provider,
        ) from None
    return connector


def connection_error(
    provider: str,
    url: str,
    exc: BaseException,
    timeouts: Timeouts,
    proxy: str | None = None,
) -> ProviderError:
    """A plain-language error for a request that got no response."""
    import aiohttp

    parts = urlsplit(url)
    where = parts.netloc or url
    if isinstance(exc, (*socks_errors(proxy), aiohttp.ClientProxyConnectionError)) or (
        proxy and "proxy" in type(exc).__name__.lower()
    ):
        return ConnectionFailedError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "could not reach {where} through the proxy {proxy}: {why}; check the proxy setting",
            ),
            where=where,
            proxy=proxy_label(proxy),
            why=redact(str(exc)) or type(exc).__name__,
            provider=provider,
        )
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return ConnectionFailedError(
            QT_TRANSLATE_NOOP("Providers", "could not connect to {where} within {seconds} seconds"),
            where=where,
            seconds=f"{timeouts.connect:g}",
            provider=provider,
        )
    if isinstance(exc, TimeoutError | aiohttp.ServerTimeoutError):
        return ResponseTimeoutError(
            QT_TRANSLATE_NOOP("Providers", "no response from {where} within {seconds} seconds"),
            where=where,
            seconds=f"{timeouts.first_byte:g}",
            provider=provider,
        )
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return ConnectionFailedError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "could not find the server {host} (DNS lookup failed); check the address and "
                "your network",
            ),
            host=parts.hostname,
            provider=provider,
        )
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
        return ConnectionFailedError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "the secure connection to {where} failed (TLS certificate or handshake): {why}",
            ),
            where=where,
            why=redact(str(exc)),
            provider=provider,
        )
    if isinstance(exc, aiohttp.ClientConnectorError):
        return ConnectionFailedError(
            QT_TRANSLATE_NOOP("Providers", "could not connect to {where}: {why}"),
            where=where,
            why=exc.strerror or "connection refused",
            provider=provider,
        )
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return StreamClosedError(
            QT_TRANSLATE_NOOP("Providers", "{where} closed the connection without answering"),
            where=where,
            provider=provider,
        )
    return ConnectionFailedError(
        QT_TRANSLATE_NOOP("Providers", "request to {where} failed: {why}"),
        where=where,
        why=redact(str(exc)),
        provider=provider,
    )


def proxy_label(proxy: str | None) -> str:
    """A proxy URL fit to show: without its user name and password."""
    if not proxy:
        return "(none)"
    parts = urlsplit(proxy)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}" if parts.scheme else redact(proxy)


def describe_body(content_type: str, body: str) -> str:
    """What a body is, in words: "a web page titled 'Sign in' (text/html)" and so on."""
    text = body.strip()
    if not text:
        return "an empty reply"
    if content_type == "text/html" or text[:200].lower().startswith(("<!doctype", "<html")):
        title = extract_message(text)
        return f"a web page ({content_type or 'HTML'}) «{title}»" if title else "a web page"
    message = extract_message(text)
    return f"{content_type or 'data'} «{message}»"


def error_from_body(provider: str, data: dict[str, Any]) -> ProviderError:
    """The error a JSON error document describes, with its status when it names one (Gemini's
    ``{"error": {"code": 429, ...}}``, OpenAI's mid-stream errors)."""
    error = data.get("error")
    code = error.get("code") if isinstance(error, dict) else None
    code = code if isinstance(code, int) else data.get("status")
    body = json.dumps(data)
    if isinstance(code, int) and (code in _MAPPED_STATUSES or 500 <= code < 600):
        return error_from_status(provider, code, body)
    return StreamErrorEvent(
        QT_TRANSLATE_NOOP("Providers", "the server reported an error: {detail}"),
        detail=extract_message(body),
        provider=provider,
    )


_NO_VISION = re.compile(
    r"(?i)image input is not supported|does not support (?:image|vision)|"
    r"(?:vision|multimodal|image) (?:input )?is not (?:supported|enabled)"
)
_MAPPED_STATUSES = frozenset({400, 401, 403, 404, 413, 422, 429})


def error_from_status(
    provider: str, status: int, body: str, retry_after: str | None = None
) -> ProviderError:
    """The error an HTTP status means, with what the body says (``detail``, maybe empty)."""
    detail = extract_message(body)
    said: dict[str, Any] = {"status": status, "detail": f": {detail}" if detail else ""}
    if _NO_VISION.search(detail):
        # llama.cpp answers 500 for this; it is the model, not a passing server fault.
        return UnsupportedError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "this model cannot read images{detail}. Remove the images or load a vision model.",
            ),
            provider=provider,
            **said,
        )
    if status in (401, 403):
        return AuthenticationError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "the API key was rejected (HTTP {status}){detail}. Check the key in Settings.",
            ),
            provider=provider,
            **said,
        )
    if status == 404:
        return ModelNotFoundError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "not found (HTTP 404){detail}. The model name or the base URL may be wrong.",
            ),
            provider=provider,
            **said,
        )
    if status == 429:
        seconds = parse_retry_after(retry_after)
        if seconds is None:
            return RateLimitError(
                QT_TRANSLATE_NOOP("Providers", "rate limit reached (HTTP 429){detail}."),
                provider=provider,
                **said,
            )
        return RateLimitError(
            QT_TRANSLATE_NOOP(
                "Providers",
                "rate limit reached (HTTP 429){detail}. Try again in {seconds} seconds.",
            ),
            retry_after=seconds,
            seconds=f"{seconds:.0f}",
            provider=provider,
            **said,
        )
    if status in (400, 413, 422):
        return BadRequestError(
            QT_TRANSLATE_NOOP("Providers", "the request was refused (HTTP {status}){detail}"),
            provider=provider,
            **said,
        )
    if status in (503, 529):
        return ServerError(
            QT_TRANSLATE_NOOP("Providers", "the server is overloaded (HTTP {status}){detail}"),
            provider=provider,
            **said,
        )
    if status >= 500:
        return ServerError(
            QT_TRANSLATE_NOOP(
                "Providers", "the server had an internal error (HTTP {status}){detail}"
            ),
            provider=provider,
            **said,
        )
    return ProviderError(
        QT_TRANSLATE_NOOP("Providers", "unexpected HTTP {status}{detail}"),
        provider=provider,
        **said,
    )


def extract_message(body: str) -> str:
    """The human part of an error body (a JSON error message, an HTML title, or plain text),
    redacted and then shortened."""
    text = body.strip()
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if data is not None:
        found = _json_message(data)
        if found:
            return excerpt(found, 300)
    if text.startswith("<") or "<html" in text[:200].lower():
        title = re.search(r"(?is)<title[^>]*>(.*?)</title>", text)
        inner = title.group(1) if title else re.sub(r"(?s)<[^>]+>", " ", text)
        return excerpt(" ".join(html.unescape(inner).split()), 200)
    return excerpt(" ".join(text.split()), 300)


def _json_message(data: Any) -> str | None:
    if isinstance(data, list) and data:
        return _json_message(data[0])
    if isinstance(data, str):
        return data
    if not isinstance(data, dict):
        return None
    for key in ("error", "message", "detail", "error_description"):
        value = data.get(key)
        if isinstance(value, str) and value:
            if key == "error" and isinstance(data.get("message"), str):
                return f"{value}: {data['message']}"
            return value
        if isinstance(value, dict | list) and (found := _json_message(value)):
            return found
    return None


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        import email.utils

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
