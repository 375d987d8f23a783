"""Proxy choice, error messages from status codes and bodies, Retry-After, and redaction."""

from __future__ import annotations

import email.utils
import json
import logging
import time

import pytest

from providers.errors import RateLimitError, ServerError, UnsupportedError
from providers.http import error_from_status, extract_message, parse_retry_after, resolve_proxy
from providers.redact import MASK, RedactingFilter, redact, register_secret


@pytest.fixture(autouse=True)
def no_env_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "http_proxy",
        "https_proxy",
        "no_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


def test_loopback_is_never_proxied() -> None:
    for url in ("http://127.0.0.1:8080/v1", "http://localhost:1234", "http://[::1]:11434"):
        assert resolve_proxy(url, "http://proxy:3128") is None


def test_explicit_proxy_and_none(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_proxy("https://api.openai.com", "socks5://p:1080") == "socks5://p:1080"
    assert resolve_proxy("https://api.openai.com", "none") is None
    monkeypatch.setenv("NO_PROXY", "openai.com,.internal")
    assert resolve_proxy("https://api.openai.com", "socks5://p:1080") is None
    assert resolve_proxy("https://api.anthropic.com", "socks5://p:1080") == "socks5://p:1080"


def test_system_proxy_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://corp:3128")
    assert resolve_proxy("https://api.openai.com", None) == "http://corp:3128"
    assert resolve_proxy("https://api.openai.com", "system") == "http://corp:3128"
    assert resolve_proxy("http://localhost:11434", None) is None


def test_retry_after_seconds_and_date() -> None:
    assert parse_retry_after("7") == 7
    future = email.utils.formatdate(time.time() + 60, usegmt=True)
    assert 55 <= (parse_retry_after(future) or 0) <= 61
    assert parse_retry_after("soon") is None
    error = error_from_status("Groq", 429, "{}", "3")
    assert isinstance(error, RateLimitError) and error.retry_after == 3


def test_messages_from_bodies() -> None:
    assert extract_message('{"error": {"message": "bad model"}}') == "bad model"
    assert extract_message('{"detail": "nope"}') == "nope"
    assert (
        extract_message('{"type":"error","error":{"type":"overloaded_error","message":"Over"}}')
        == "Over"
    )
    assert extract_message("<html><title>Gateway Timeout</title></html>") == "Gateway Timeout"
    assert extract_message("<p>just <b>tags</b></p>") == "just tags"
    overloaded = error_from_status("Anthropic", 529, "")
    assert isinstance(overloaded, ServerError) and "overloaded" in str(overloaded)


def test_error_messages_never_echo_keys() -> None:
    body = '{"error": {"message": "Incorrect API key provided: sk-proj-abcdefghijklmnop1234"}}'
    assert "abcdefghijklmnop" not in str(error_from_status("OpenAI", 401, body))


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abc.def-123", "abc.def-123"),
        ("{'Authorization': 'Bearer abc.def-123'}", "abc.def-123"),
        ("x-api-key: abc.def-123", "abc.def-123"),
        ("GET /v1beta/models?key=abc.def-123&alt=sse", "abc.def-123"),
        ('{"api_key": "abc.def-123"}', "abc.def-123"),
        ("token sk-ant-api03-Zx81kq_0123456789", "Zx81kq_0123456789"),
        ("gemini AIzaSyA-1234567890abcdefghijkl", "1234567890abcdefghijkl"),
    ],
)
def test_redaction_patterns(text: str, secret: str) -> None:
    out = redact(text)
    assert secret not in out
    assert MASK in out


def test_known_secret_anywhere_and_logging_filter(caplog: pytest.LogCaptureFixture) -> None:
    register_secret("zq-unusual-key-98765")
    logger = logging.getLogger("confab.test.redact")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.DEBUG, logger="confab.test.redact"):
        logger.debug("sending %s", {"key": "zq-unusual-key-98765"})
        try:
            raise ValueError("failed with zq-unusual-key-98765")
        except ValueError:
            logger.exception("boom")
    assert "zq-unusual-key-98765" not in caplog.text
    assert caplog.text.count(MASK) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "Invalid API key",
        "API-Key: Invalid API key",
        "Authorization: Invalid API key",
        '{"error": "x-api-key: missing"}',
        "authorization: Basic realm",
    ],
)
def test_ordinary_words_after_a_key_name_stay(text: str) -> None:
    assert redact(text) == text


def test_a_long_message_is_redacted_before_it_is_cut() -> None:
    # The key starts just before the cut at 300 characters: cut first, and its head would leak.
    key = "sk-proj-ABCDEFGHIJKLMNOPQRSTUV0123456789"
    body = json.dumps({"error": {"message": "x" * 273 + " Incorrect key " + key}})
    message = str(error_from_status("OpenAI", 401, body))
    assert "sk-proj" not in message and "ABCD" not in message
    assert len(extract_message(body)) <= 300


def test_llama_cpp_without_vision_says_the_model_cannot_read_images() -> None:
    # The body llama.cpp's server sends when a text-only model gets an image part.
    body = (
        '{"error":{"code":500,"message":"image input is not supported - hint: if this is '
        'unexpected, you may need to provide the mmproj","type":"server_error"}}'
    )
    error = error_from_status("llama.cpp server", 500, body)
    assert isinstance(error, UnsupportedError) and not error.retryable
    assert "this model cannot read images" in str(error)
