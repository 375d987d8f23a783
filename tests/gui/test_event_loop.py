"""The event loop's ready callbacks (gui/event_loop.py): run in the order scheduled, a turn
at a time with Qt's events between turns, cancelled ones skipped, a failing one reported
without stopping the rest, and none left to run after the loop closes. Every GUI test runs on
this loop too (tests/gui/conftest.py)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui.app import ensure_application
from gui.event_loop import EventLoop


async def test_callbacks_run_in_order_and_what_they_schedule_waits_for_qt() -> None:
    loop = asyncio.get_running_loop()
    assert isinstance(loop, EventLoop)
    seen: list[str] = []
    done = loop.create_future()

    def first() -> None:
        seen.append("first")
        QTimer.singleShot(0, lambda: seen.append("qt"))
        loop.call_soon(later)

    def later() -> None:
        seen.append("later")
        done.set_result(None)

    loop.call_soon(first)
    loop.call_soon(seen.append, "second")
    await done
    assert seen == ["first", "second", "qt", "later"]


async def test_a_cancelled_callback_does_not_run_and_a_failing_one_stops_nothing() -> None:
    loop = asyncio.get_running_loop()
    seen: list[str] = []
    reported: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    try:

        def fail() -> None:
            raise ValueError("boom")

        loop.call_soon(fail)
        loop.call_soon(seen.append, "cancelled").cancel()
        loop.call_soon(seen.append, "after")
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(None)
    assert seen == ["after"]
    assert [type(c.get("exception")) for c in reported] == [ValueError]


async def test_other_threads_hand_callbacks_over_safely() -> None:
    loop = asyncio.get_running_loop()
    arrived = loop.create_future()
    worker = threading.Thread(
        target=lambda: loop.call_soon_threadsafe(arrived.set_result, threading.get_ident())
    )
    worker.start()
    assert await asyncio.wait_for(arrived, 10) != threading.get_ident()
    worker.join()


def test_a_closed_loop_runs_nothing_it_had_queued() -> None:
    ensure_application([])
    loop = EventLoop(QApplication.instance())
    seen: list[str] = []
    loop.call_soon(seen.append, "queued")
    loop.close()
    QApplication.processEvents()
    assert seen == []
    with pytest.raises(RuntimeError, match="closed"):
        loop.call_soon(seen.append, "refused")
