"""A Confab process for the kill -9 test: the real app objects, one message sent, streaming
until the test kills it. Usage: python -m tests.gui.durability_child PROFILE"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import keyring.backends.fail

from gui.app import ConfabApp, ensure_application
from gui.event_loop import EventLoop
from providers.keys import KeyStore


async def main(profile: Path) -> None:
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    app.window.show()
    app.controller.send("hello")
    await asyncio.Event().wait()  # until SIGKILL


if __name__ == "__main__":
    ensure_application([])
    with asyncio.Runner(loop_factory=EventLoop) as runner:
        runner.run(main(Path(sys.argv[1])))
