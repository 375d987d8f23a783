"""Start-up keeps the window's thread free: aiohttp's import and every keyring lookup run in
worker threads, and the start-up probe `make bench` uses reports from a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ENV = {
    **os.environ,
    "QT_QPA_PLATFORM": "offscreen",
    "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
}

WATCH_THREADS = """
import asyncio, importlib.abc, json, sys, tempfile, threading
from pathlib import Path

on_ui_thread = []

class Spy(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in ("aiohttp", "markdown_it", "pygments", "ziamath", "PIL", "keyring", "mcp",
                    "pypdfium2"):
            if threading.current_thread() is threading.main_thread():
                on_ui_thread.append("import " + name)
        return None

sys.meta_path.insert(0, Spy())

from gui.event_loop import EventLoop
from gui.app import ConfabApp, ensure_application
from providers.keys import KeyStore

original = KeyStore.for_provider
def for_provider(self, provider):
    if threading.current_thread() is threading.main_thread():
        on_ui_thread.append("key lookup for " + provider.get_name())
    return original(self, provider)
KeyStore.for_provider = for_provider

profile = Path(tempfile.mkdtemp())
(profile / "settings.json").write_text(json.dumps({"provider": "OpenAI"}))
ensure_application([])

async def main():
    app = ConfabApp(profile)
    app.window.show()
    while app._tasks:  # the model list (it fails: no key, no network) and the key banner
        await asyncio.gather(*list(app._tasks))
    assert {"aiohttp", "markdown_it", "keyring"} <= set(sys.modules)
    assert "mcp" not in sys.modules  # the MCP SDK (0.4 s, 50 MB) waits for a server to run
    assert "pypdfium2" not in sys.modules  # PDFium runs only in the PDF worker's process
    dialogs = ("settings_dialog", "chat_options", "compare_targets", "tools_page", "image_viewer")
    assert not [d for d in dialogs if f"gui.widgets.{d}" in sys.modules]  # when first opened
    from pygments.lexers.python import PythonLexer
    assert "_tokens" in PythonLexer.__dict__  # compiled before the first code block
    assert app.window.banner.isVisible()
    await app.close()

with asyncio.Runner(loop_factory=EventLoop) as runner:
    runner.run(main())
print(json.dumps(on_ui_thread))
"""


def test_imports_and_key_lookups_at_start_stay_off_the_window_thread(tmp_path: Path) -> None:
    env = {**ENV, "OPENAI_BASE_URL": "http://127.0.0.1:9"}
    env.pop("OPENAI_API_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", WATCH_THREADS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_startup_probe_reports_a_real_start_and_closes_the_window(tmp_path: Path) -> None:
    report = tmp_path / "startup.json"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "gui", "--profile", str(tmp_path / "profile")],
        env={**ENV, "CONFAB_STARTUP_PROBE": str(report)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    measured = json.loads(report.read_text())
    assert started < measured["first_paint"] < time.monotonic()
    assert 0 <= measured["p99_stall_ms"] <= measured["worst_stall_ms"]
    assert measured["rss_mb"] > 10


FREEZE = """
import asyncio, gc, json, sys, tempfile
from pathlib import Path
from gui.event_loop import EventLoop
from gui.app import ConfabApp, ensure_application

ensure_application([])

async def frozen_after_start(freeze_heap):
    profile = Path(tempfile.mkdtemp())
    (profile / "settings.json").write_text(json.dumps({"provider": "OpenAI"}))
    app = ConfabApp(profile, freeze_heap=freeze_heap)
    app.window.show()
    while app._tasks:  # the model list (it fails: no key, no network): start-up's imports
        await asyncio.gather(*list(app._tasks))
    count = gc.get_freeze_count()
    await app.close()
    return count

async def main():
    return [await frozen_after_start(False), await frozen_after_start(True)]

with asyncio.Runner(loop_factory=EventLoop) as runner:
    print(json.dumps(runner.run(main())))
"""


def test_the_app_takes_what_start_up_made_out_of_the_collectors_walk(tmp_path: Path) -> None:
    # Before: every full collection walked the whole heap (modules, Qt wrappers, markdown-it,
    # Pygments): 25-60 ms stalls, several during one long streamed reply.
    env = {**ENV, "OPENAI_BASE_URL": "http://127.0.0.1:9"}
    env.pop("OPENAI_API_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", FREEZE], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    without, frozen = json.loads(result.stdout.strip().splitlines()[-1])
    assert without == 0 and frozen > 10_000
