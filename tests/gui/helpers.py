"""Awaiting Qt signals from tests that run on the qasync loop."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import SignalInstance

GUARD = 30.0  # seconds before a test that waits for a signal fails instead of hanging


async def next_signal(signal: SignalInstance, guard: float = GUARD) -> tuple[Any, ...]:
    """The arguments of the next emission of ``signal``."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def receive(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(receive)
    try:
        return await asyncio.wait_for(future, guard)
    finally:
        signal.disconnect(receive)
