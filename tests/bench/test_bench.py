"""`make bench`: start-up, a bare QTextBrowser window vs. Confab's window, each in a fresh
process. Streaming is in test_stream_bench.py, histories in test_history_bench.py."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.bench


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
