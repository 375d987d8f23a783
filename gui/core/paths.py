"""Where Confab keeps its files: one profile folder for settings, history and logs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Confab"


def profile_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--profile DIR``, else ``$CONFAB_HOME``, else the user's data dir; created if missing."""
    chosen = explicit or os.environ.get("CONFAB_HOME")
    path = Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
"""Icons and translations: beside the packages in a checkout, and in a PyInstaller bundle."""
