"""Awaiting Qt signals from tests that run on the qasync loop."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from PySide6.QtCore import SignalInstance

GUARD = 30.0  # seconds before a test that waits for a signal fails instead of hanging


def next_signal(signal: SignalInstance, guard: float = GUARD) -> asyncio.Future[tuple[Any, ...]]:
    """The arguments of the next emission of ``signal``.

    The slot is connected at once, before the caller does what emits the signal, so an
    emission delivered early (queued events, direct calls) cannot be missed.
    """
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def receive(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(receive)
    waiter = asyncio.ensure_future(asyncio.wait_for(future, guard))
    waiter.add_done_callback(lambda _done: signal.disconnect(receive))
    return waiter


async def settled(app: Any) -> None:
    """Wait for the background work an app started (model and route lists) to end."""
    while app._tasks:
        await asyncio.gather(*list(app._tasks))


def card_colour(view: Any, message_id: str) -> str:
    """The colour painted just inside a message's card."""
    index = view.index_of(message_id)
    assert index is not None
    card = view._card(index)
    x, y = int(card.center().x()), int(card.y() + 4)  # a user's bubble ends above its actions
    return str(view.viewport().grab().toImage().pixelColor(x, y).name())


def action_names(view: Any, message_id: str) -> list[str]:
    """The names (tooltips) of a message's icon actions, in order."""
    row = view.row(message_id)
    assert row is not None
    last = view.document(row).lastBlock()
    return [view._tooltip(link) for link in view._links(row) if link.start >= last.position()]


def branch_shown(view: Any, message_id: str) -> str:
    """Which of its versions a message's switcher says is shown ("2/3"), or ""."""
    row = view.row(message_id)
    assert row is not None
    found = re.search(r"\d+/\d+", view.document(row).lastBlock().text())
    return found.group() if found else ""
