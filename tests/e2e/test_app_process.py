"""`python -m gui` as a real process: it starts, SIGTERM closes it cleanly, saving state, and a
second launch on the same profile hands over to the first."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from gui.single_instance import server_name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ENV = {
    **os.environ,
    "QT_QPA_PLATFORM": "offscreen",
    "CONFAB_DEBUG": "1",
    "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
}


async def launch(profile: Path, *files: Path) -> asyncio.subprocess.Process:
    """`python -m gui --profile PROFILE FILE...`, its log (--debug) on stderr."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gui",
        "--profile",
        str(profile),
        *map(str, files),
        env=ENV,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def read_until(stream: asyncio.StreamReader | None, needle: bytes, seen: list[str]) -> None:
    assert stream is not None
    while needle not in (line := await stream.readline()):
        assert line, f"the app exited before {needle!r}: " + "".join(seen)
        seen.append(line.decode(errors="replace"))


async def test_sigterm_closes_the_window_and_saves(tmp_path: Path) -> None:
    proc = await launch(tmp_path)
    assert proc.stderr is not None
    try:
        async with asyncio.timeout(60):
            await read_until(proc.stderr, b"window shown", [])
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


async def test_a_second_launch_hands_its_files_to_the_first(tmp_path: Path) -> None:
    # Two windows on one profile overwrote each other's settings; the last to close won.
    profile = tmp_path / "profile"
    picture = tmp_path / "cat.png"
    Image.new("RGB", (40, 30), "teal").save(picture)
    first = await launch(profile)
    assert first.stderr is not None
    seen: list[str] = []
    try:
        async with asyncio.timeout(60):
            await read_until(first.stderr, b"window shown", seen)
            second = await launch(profile, picture)
            _, err = await second.communicate()
            assert second.returncode == 0
            assert b"already open on this profile" in err
            await read_until(first.stderr, b"another launch handed over 1 file(s)", seen)
            await read_until(first.stderr, b"attached cat.png", seen)
            first.send_signal(signal.SIGTERM)
            await first.stderr.read()
            assert await first.wait() == 0
    finally:
        if first.returncode is None:
            first.kill()
            await first.wait()


async def test_after_a_crash_the_next_launch_opens_a_window(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    for run in ("crashes", "starts"):
        proc = await launch(profile)
        try:
            async with asyncio.timeout(60):
                await read_until(proc.stderr, b"window shown", [run])
        finally:
            proc.kill()  # SIGKILL: the socket file stays behind, nobody answers on it
            await proc.wait()
    (Path(tempfile.gettempdir()) / server_name(profile)).unlink(missing_ok=True)
