"""Start-up as a user meets it, measured inside the process: when the window first paints, the
worst stalls of the event loop in the seconds after, and the memory it then settles at.

Off unless ``CONFAB_STARTUP_PROBE=<file>`` is set; then the window closes itself once measured
and the file gets one JSON object. ``make bench`` (tests/bench/test_startup_bench.py) reads it.
The first paint is stamped with ``time.monotonic()``, the clock the parent process reads too
(CLOCK_MONOTONIC), so the parent can count from the moment it started the process.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

ENV = "CONFAB_STARTUP_PROBE"
TICK_MS = 5
WATCH_S = 3.0


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class StallMeter:
    """How late a 5 ms timer fires, tick by tick, while running (also a context manager): what
    a user sees as a stall. The start-up probe and ``make bench`` both measure with it."""

    INTERVAL = TICK_MS / 1000

    def __init__(self) -> None:
        self.late: list[float] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def __enter__(self) -> StallMeter:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late.append(max(0.0, now - self._last - self.INTERVAL))
        self._last = now

    @property
    def worst(self) -> float:
        return max(self.late, default=0.0)

    @property
    def p99(self) -> float:
        if len(self.late) < 2:
            return self.worst
        return statistics.quantiles(self.late, n=100, method="inclusive")[98]


class StartupProbe(QObject):
    """Watches ``window``: stamps its first paint, then meters stalls for WATCH_S."""

    def __init__(self, window: QWidget, report: Path) -> None:
        super().__init__(window)
        self.window = window
        self.report = report
        self.first_paint: float | None = None
        self.stalls = StallMeter()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.first_paint is None:
            self.first_paint = time.monotonic()
            self.window.removeEventFilter(self)
            self.stalls.start()
            QTimer.singleShot(int(WATCH_S * 1000), self._done)
        return False

    def _done(self) -> None:
        self.stalls.stop()
        result = {
            "first_paint": self.first_paint,
            "worst_stall_ms": self.stalls.worst * 1000,
            "p99_stall_ms": self.stalls.p99 * 1000,
            "rss_mb": rss_mb(),
        }
        self.report.write_text(json.dumps(result))
        self.window.close()


def watch(window: QWidget) -> StartupProbe | None:
    """Measure this start-up if ``$CONFAB_STARTUP_PROBE`` names a file to report to."""
    target = os.environ.get(ENV)
    return StartupProbe(window, Path(target)) if target else None
