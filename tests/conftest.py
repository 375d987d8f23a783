"""Fixtures shared by every test: local HTTP servers and a private profile folder."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.localserver import LocalServer


@pytest.fixture
async def server() -> AsyncIterator[LocalServer]:
    """A real aiohttp server on 127.0.0.1 with no routes yet."""
    local = await LocalServer().start()
    yield local
    await local.stop()
