"""Start Confab: ``confab [--profile DIR] [FILE...]`` or ``python -m gui``; ``--smoke URL``
checks a build, ``--version`` names it."""

from __future__ import annotations

import argparse
import asyncio
import logging
import logging.handlers
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gui import __version__
from gui.core.paths import profile_dir
from providers.redact import install_log_redaction


def setup_logging(profile: Path, debug: bool) -> None:
    """Log to <profile>/logs/confab.log (and to stderr with --debug), keys always redacted."""
    handlers: list[logging.Handler] = []
    try:
        folder = profile / "logs"
        folder.mkdir(exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                folder / "confab.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        )
    except OSError as exc:  # a read-only or full profile must not stop the app from starting
        print(f"confab: cannot write logs in {profile}: {exc.strerror or exc}", file=sys.stderr)
    if debug or not handlers:
        handlers.append(logging.StreamHandler(sys.stderr))
    root = logging.getLogger()
    for handler in handlers:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    install_log_redaction(root)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="confab", description="Chat with language models.")
    parser.add_argument("--profile", help="folder for settings and history (or $CONFAB_HOME)")
    parser.add_argument("--debug", action="store_true", help="verbose log in <profile>/logs")
    parser.add_argument("--version", action="version", version=f"Confab {__version__}")
    parser.add_argument(
        "--smoke",
        metavar="URL",
        help="check this build: stream one reply from the OpenAI-compatible server at URL "
        "in a window on a throwaway profile, with FILEs attached, then exit (0: it worked)",
    )
    parser.add_argument("files", nargs="*", help="images to attach to a new chat")
    args = parser.parse_args(argv)
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        print(
            "confab: no graphical session here (neither DISPLAY nor WAYLAND_DISPLAY is set). "
            "Run it on a desktop, or try it headless with: xvfb-run make run",
            file=sys.stderr,
        )
        return 2
    from gui.qt_imports import load_qt

    load_qt()  # before anything imports Qt: see gui/qt_imports.py
    from gui.event_loop import EventLoop

    files = [str(Path(f).resolve()) for f in args.files]
    if args.smoke:
        from gui.app import ensure_application
        from gui.smoke import smoke

        ensure_application(sys.argv[:1])
        with asyncio.Runner(loop_factory=EventLoop) as runner:
            return runner.run(smoke(args.smoke, files))

    profile = profile_dir(args.profile)
    setup_logging(profile, args.debug or bool(os.environ.get("CONFAB_DEBUG")))

    from gui import startup_probe
    from gui.app import ConfabApp, close_on_signals, ensure_application
    from gui.single_instance import InstanceServer, hand_over

    ensure_application(sys.argv[:1])
    if hand_over(profile, files):
        print("confab: already open on this profile; brought that window forward", file=sys.stderr)
        return 0

    async def run() -> None:
        app = ConfabApp(profile, freeze_heap=True)
        probe = startup_probe.watch(app.window)  # noqa: F841 (kept alive while the app runs)
        instance = InstanceServer(profile, app.window)
        instance.activation_requested.connect(app.bring_forward)
        instance.files_received.connect(app.attach_files)
        close_on_signals(app.window)
        if files:
            app.attach_files(files)
        try:
            await app.run()
        finally:
            instance.close()

    with asyncio.Runner(loop_factory=EventLoop) as runner:
        runner.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
