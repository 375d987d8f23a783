"""Remove API keys from text: known key values and the usual header and query patterns."""

from __future__ import annotations

import logging
import re
import threading

MASK = "[redacted]"
_MIN_SECRET_LENGTH = 8

_HEADER_PATTERNS: tuple[re.Pattern[str], ...] = (
    # Authorization: Bearer xyz / Basic xyz, in headers, reprs and JSON alike.
    re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?(?:bearer|basic|token)?\s*)([^\s'\",}]+)"),
    re.compile(
        r"(?i)((?:x-api-key|x-goog-api-key|api[_-]?key)['\"]?\s*[:=]\s*['\"]?)([^\s'\",}&]+)"
    ),
    re.compile(r"(?i)([?&](?:key|api_key|apikey|token|access_token)=)([^&#\s'\"]+)"),
)
"""A name a key travels under, then its value: masked only when the value looks like a key."""

_KEY_SHAPES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?:sk|gsk|xai|pk|rk)-[A-Za-z0-9_\-]{12,}"),
    re.compile(r"\bAIza[0-9A-Za-z_\-]{20,}"),
)
"""Vendor key formats, masked wherever they appear."""

_LONG_VALUE = 16


def _looks_like_key(value: str) -> bool:
    """A value after ``api-key:`` is a key when it has a digit or is long; "Invalid" is a word."""
    return len(value) >= _LONG_VALUE or any(ch.isdigit() for ch in value)


def _mask_value(match: re.Match[str]) -> str:
    name, value = match.group(1), match.group(2)
    return name + MASK if _looks_like_key(value) else match.group(0)


_lock = threading.Lock()
_known: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a key so that it is masked wherever it shows up later."""
    if value and len(value) >= _MIN_SECRET_LENGTH:
        with _lock:
            _known.add(value)


def redact(text: str) -> str:
    """Return ``text`` with every known key and key-shaped value masked."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _HEADER_PATTERNS:
        text = pattern.sub(_mask_value, text)
    for pattern in _KEY_SHAPES:
        text = pattern.sub(MASK, text)
    return text


def excerpt(text: str, limit: int = 80) -> str:
    """``text`` redacted, then cut to ``limit`` characters: never the other way round, or the
    cut could leave the head of a key that no pattern recognises any more."""
    text = redact(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RedactingFilter(logging.Filter):
    """A logging filter that masks keys in the message, its arguments and any traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            record.exc_info = None
        return True


def install_log_redaction(logger: logging.Logger | None = None) -> RedactingFilter:
    """Attach a RedactingFilter to every handler of ``logger`` (the root logger by default)."""
    target = logger or logging.getLogger()
    flt = RedactingFilter()
    target.addFilter(flt)
    for handler in target.handlers:
        handler.addFilter(flt)
    return flt
