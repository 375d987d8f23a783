"""`python -m gui` as a real process: it starts, and SIGTERM closes it cleanly, saving state."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


async def test_sigterm_closes_the_window_and_saves(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CONFAB_DEBUG": "1",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gui",
        "--profile",
        str(tmp_path),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stderr is not None
    seen: list[str] = []
    try:
        async with asyncio.timeout(60):
            while b"window shown" not in (line := await proc.stderr.readline()):
                assert line, "the app exited before showing its window: " + "".join(seen)
                seen.append(line.decode(errors="replace"))
            proc.send_signal(signal.SIGTERM)
            await proc.stderr.read()
            code = await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert code == 0
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["window_geometry"]
    assert (tmp_path / "history.sqlite3").exists()
