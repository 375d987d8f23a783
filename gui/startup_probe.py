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


class StartupProbe(QObject):
    """Watches ``window``: stamps its first paint, then times a 5 ms timer for WATCH_S."""

    def __init__(self, window: QWidget, report: Path) -> None:
        super().__init__(window)
        self.window = window
        self.report = report
        self.first_paint: float | None = None
        self.lateness: list[float] = []
        self._last = 0.0
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.first_paint is None:
            self.first_paint = time.monotonic()
            self.window.removeEventFilter(self)
            self._last = self.first_paint
            self._ticker.start()
            QTimer.singleShot(int(WATCH_S * 1000), self._done)
        return False

    def _tick(self) -> None:
        now = time.monotonic()
        self.lateness.append(max(0.0, now - self._last - TICK_MS / 1000))
        self._last = now

    def _done(self) -> None:
        self._ticker.stop()
        late = sorted(self.lateness) or [0.0]
        result = {
            "first_paint": self.first_paint,
            "worst_stall_ms": late[-1] * 1000,
            "p99_stall_ms": late[min(len(late) - 1, int(len(late) * 0.99))] * 1000,
            "rss_mb": rss_mb(),
        }
        self.report.write_text(json.dumps(result))
        self.window.close()


def watch(window: QWidget) -> StartupProbe | None:
    """Measure this start-up if ``$CONFAB_STARTUP_PROBE`` names a file to report to."""
    target = os.environ.get(ENV)
    return StartupProbe(window, Path(target)) if target else None
