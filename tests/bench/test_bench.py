"""`make bench`: start-up of a real window, next to a bare PySide6 window started the same way.

Each start is a fresh process measured by its own start-up probe (gui/startup_probe.py): the
time from spawning it to its window's first paint, the worst and p99 lateness of a 5 ms timer
in the 3 s after, and the memory it has then. Nine starts each, taken in turns (a bare window,
Confab, the bundle, and again), so the machine's drift falls on all alike; the median is
printed, with a mark against each target. Under a display (`make bench` runs in xvfb-run) the
windows are real X11 windows; without one they are offscreen, and the bench says so. The
packaged app (dist/confab, from `make package`) is measured the same way when it has been built.
Streaming is in test_stream_bench.py, histories in test_history_bench.py.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.bench.test_history_bench import mark

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "confab" / "confab"
RUNS = 9
PAINT_TARGET = 0.5  # s from spawn to first paint
STALL_TARGET = 50.0  # ms, worst lateness of a 5 ms timer in the first 3 s
RSS_TARGET = 100.0  # MB, settled, empty profile (issue 25)
RATIO_TARGET = 2.0  # start to first paint, against a bare window of the same size (issue 25)
BUNDLE_TARGET = 1.1  # bundle start / venv start

BARE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser
from gui.startup_probe import StartupProbe
app = QApplication(sys.argv)
window = QMainWindow(); window.setCentralWidget(QTextBrowser()); window.resize(1100, 760)
probe = StartupProbe(window, Path(sys.argv[1]))
window.show()
app.exec()
"""


def platform_env() -> dict[str, str]:
    real = bool(os.environ.get("DISPLAY"))
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/root"),
        "QT_QPA_PLATFORM": "xcb" if real else "offscreen",
    }
    if real:
        env["DISPLAY"] = os.environ["DISPLAY"]
    for name in ("XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "LANG"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def start(command: list[str], probe_arg: bool = False) -> dict[str, float]:
    """Spawn one start and return its probe's report, with ``paint_s`` from the spawn."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "startup.json"
        env = {**platform_env(), "CONFAB_STARTUP_PROBE": str(report)}
        args = [*command, str(report)] if probe_arg else [*command, "--profile", scratch]
        spawned = time.monotonic()
        subprocess.run(args, env=env, check=True, timeout=120, capture_output=True)
        measured: dict[str, float] = json.loads(report.read_text())
    measured["paint_s"] = measured["first_paint"] - spawned
    return measured


def medians(*commands: tuple[list[str], bool]) -> list[dict[str, float]]:
    """The median report of each ``(command, probe_arg)``, started in turns (one start of
    each, RUNS times over), so that the machine's drift during the bench falls on all alike."""
    runs: list[list[dict[str, float]]] = [[] for _ in commands]
    for _ in range(RUNS):
        for command, seen in zip(commands, runs, strict=True):
            seen.append(start(*command))
    return [{key: statistics.median(run[key] for run in seen) for key in seen[0]} for seen in runs]


def line(label: str, m: dict[str, float], bare: dict[str, float]) -> str:
    paint_ok = m["paint_s"] <= min(PAINT_TARGET, RATIO_TARGET * bare["paint_s"])
    return (
        f"[bench] {label:<22} paint {m['paint_s']:6.3f} s ({m['paint_s'] / bare['paint_s']:4.2f}x "
        f"bare) {mark(paint_ok)} · worst stall {m['worst_stall_ms']:5.1f} ms "
        f"(p99 {m['p99_stall_ms']:4.1f}) {mark(m['worst_stall_ms'] <= STALL_TARGET)} · "
        f"RSS {m['rss_mb']:5.1f} MB ({m['rss_mb'] - bare['rss_mb']:+5.1f} over bare) "
        f"{mark(m['rss_mb'] <= RSS_TARGET)}"
    )


def test_startup_against_a_bare_qt_window() -> None:
    where = "real X11 windows" if os.environ.get("DISPLAY") else "offscreen (no DISPLAY)"
    print(f"\n[bench] start-up, median of {RUNS} starts each, {where}")
    print(
        f"[bench] targets: paint ≤ {PAINT_TARGET} s and ≤ {RATIO_TARGET}x bare, worst stall "
        f"≤ {STALL_TARGET:.0f} ms in the first 3 s, RSS ≤ {RSS_TARGET:.0f} MB, "
        f"bundle ≤ {BUNDLE_TARGET}x venv"
    )
    commands = [([sys.executable, "-c", BARE], True), ([sys.executable, "-m", "gui"], False)]
    if BUNDLE.exists():
        commands.append(([str(BUNDLE)], False))
    bare, venv, *packaged = medians(*commands)
    print(
        f"[bench] {'bare PySide6 window':<22} paint {bare['paint_s']:6.3f} s (1.00x bare)      · "
        f"worst stall {bare['worst_stall_ms']:5.1f} ms (p99 {bare['p99_stall_ms']:4.1f})    · "
        f"RSS {bare['rss_mb']:5.1f} MB"
    )
    print(line("Confab (venv)", venv, bare))
    if packaged:
        (bundle,) = packaged
        print(line("Confab (bundle)", bundle, bare))
        ratio = bundle["paint_s"] / venv["paint_s"]
        print(f"[bench] bundle / venv paint {ratio:4.2f}x {mark(ratio <= BUNDLE_TARGET)}")
    else:
        print("[bench] Confab (bundle)         not built: run `make package` first")
