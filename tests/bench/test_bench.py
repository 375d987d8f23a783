"""`make bench`: speed as ratios against baselines measured in the same run.

- streaming: a 20,000-token reply, raw aiohttp read of the same bytes vs. the provider's parse vs.
  the whole window (controller + view), and the longest stall of the Qt event loop meanwhile;
- start-up: a bare QTextBrowser window vs. Confab's window, each in a fresh process.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import aiohttp
import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from providers.openai_compat import LlamaCpp
from tests.gui.helpers import next_signal
from tests.gui.test_chat_window import PATH, type_and_send
from tests.localserver import LocalServer

pytestmark = pytest.mark.bench
TOKENS = 20_000


def stream_body() -> bytes:
    words = [f"word{n} " if (n + 1) % 120 else f"word{n}\n\n" for n in range(TOKENS)]
    events = [{"choices": [{"index": 0, "delta": {"content": w}}]} for w in words]
    events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    return ("".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n").encode()


class StallMeter:
    """Longest gap between ticks of a 5 ms timer: how long the window could not repaint."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


async def test_streaming_throughput(qtbot: QtBot, confab: ConfabApp, server: LocalServer) -> None:
    body = stream_body()
    server.stream("POST", PATH, body, piece=16 * 1024)

    start = time.perf_counter()
    async with aiohttp.ClientSession() as session, session.post(server.url + PATH) as resp:
        lines = [line async for line in resp.content]  # line by line, as a stream is read
    t_raw = time.perf_counter() - start
    assert b"".join(lines) == body

    start = time.perf_counter()
    items = [
        i
        async for i in LlamaCpp.create_async_generator(
            "m", [{"role": "user", "content": "x"}], base_url=server.url + "/v1"
        )
    ]
    t_parse = time.perf_counter() - start
    assert len(items) > TOKENS

    meter = StallMeter()
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished, 300))
    meter.start()
    start = time.perf_counter()
    await type_and_send(qtbot, confab, "go")
    (reply,) = await finished
    t_window = time.perf_counter() - start
    meter.stop()
    assert len(reply.text.split()) == TOKENS

    print(f"\n[bench] {TOKENS} tokens, {len(body) / 1e6:.1f} MB over loopback")
    print(f"[bench] raw aiohttp line read {t_raw:7.3f} s   1.00x")
    print(f"[bench] provider parse        {t_parse:7.3f} s   {t_parse / t_raw:5.2f}x raw")
    print(
        f"[bench] window (stream+view)  {t_window:7.3f} s   {t_window / t_raw:5.2f}x raw"
        f"   {TOKENS / t_window:,.0f} tokens/s"
    )
    print(
        f"[bench] worst event-loop stall while streaming: {meter.worst * 1000:.0f} ms "
        f"({meter.worst / t_raw:.2f}x the raw read)"
    )


# Both measure from interpreter start to the first paint of the text browser's viewport.
FIRST_PAINT = """
import time
t = time.perf_counter()
from PySide6.QtCore import QEvent, QObject
class FirstPaint(QObject):
    at = None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and FirstPaint.at is None:
            FirstPaint.at = time.perf_counter()
        return False
"""
STARTUP_BASELINE = (
    FIRST_PAINT
    + """
from PySide6.QtWidgets import QApplication, QTextBrowser
app = QApplication([])
w = QTextBrowser(); spy = FirstPaint(); w.viewport().installEventFilter(spy); w.show()
while FirstPaint.at is None:
    app.processEvents()
print(FirstPaint.at - t)
"""
)
STARTUP_CONFAB = (
    FIRST_PAINT
    + """
import asyncio, tempfile, pathlib
import qasync
from gui.app import ConfabApp, ensure_application
app = ensure_application([])
async def main():
    confab = ConfabApp(pathlib.Path(tempfile.mkdtemp()))
    spy = FirstPaint(); confab.window.chat_view.viewport().installEventFilter(spy)
    confab.window.show()
    while FirstPaint.at is None:
        await asyncio.sleep(0.005)
    print(FirstPaint.at - t)
    await confab.close()
with asyncio.Runner(loop_factory=qasync.QEventLoop) as r:
    r.run(main())
"""
)


def run_timed(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={
            "QT_QPA_PLATFORM": "offscreen",
            "PATH": "/usr/bin",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )
    return float(out.stdout.strip().splitlines()[-1])


def test_startup_against_a_bare_qt_window() -> None:
    bare = min(run_timed(STARTUP_BASELINE) for _ in range(3))
    confab = min(run_timed(STARTUP_CONFAB) for _ in range(3))
    print(f"\n[bench] bare QTextBrowser painted  {bare:6.3f} s   1.00x")
    print(f"[bench] Confab window painted     {confab:6.3f} s   {confab / bare:5.2f}x bare")
