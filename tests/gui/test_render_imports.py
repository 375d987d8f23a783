"""The renderer's first imports are safe against each other: the start-up warm-up thread and the
window's thread may both reach Pygments first (issue 21, item 13)."""

from __future__ import annotations

import subprocess
import sys

# A fresh interpreter: the warm-up thread is held inside its import of pygments.lexers (at the
# import of the lexer map, half way through the package), and the window's thread then renders a
# code block. Python 3.11 hands a thread that imports a module being imported elsewhere the object
# the module later replaces in sys.modules, so without one lock the warm-up failed with "cannot
# import name 'TextLexer'" (seen in two start-ups). The window's thread must wait instead.
INTERLEAVED = """
import importlib.abc, sys, threading
from gui import render

class Lock:
    def __init__(self):
        self.inner, self.contended = threading.RLock(), threading.Event()
    def __enter__(self):
        if not self.inner.acquire(blocking=False):
            self.contended.set()
            self.inner.acquire()
        return self
    def __exit__(self, *exc):
        self.inner.release()

render.IMPORTS = lock = Lock()
paused, go = threading.Event(), threading.Event()

class Hold(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "pygments.lexers._mapping" and threading.current_thread().name == "warm":
            paused.set()
            go.wait(30)
        return None

sys.meta_path.insert(0, Hold())
errors = []

def run(work, label):
    try:
        work()
    except Exception as exc:
        errors.append(f"{label}: {exc!r}")

warm = threading.Thread(target=run, args=(render.warm_up, "warm-up"), name="warm")
warm.start()
assert paused.wait(30), "the warm-up never imported pygments.lexers"
html = []
window = threading.Thread(
    target=run, args=(lambda: html.append(render.Renderer().code("x = 1", "python")), "window")
)
window.start()
waited = lock.contended.wait(30)
go.set()
warm.join(30)
window.join(30)
print("waited" if waited else "did not wait", errors, bool(html))
"""


def test_the_window_waits_for_the_warm_up_rather_than_importing_beside_it() -> None:
    result = subprocess.run(
        [sys.executable, "-c", INTERLEAVED],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["waited", "[]", "True"], result.stdout + result.stderr
