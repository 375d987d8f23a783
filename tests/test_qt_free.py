"""providers and gui.core must import without Qt, so the engine runs headless and in the CLI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def modules_of(package: str) -> list[str]:
    """The package and every module in it, found on disk (importing the empty gui.core
    package alone proved nothing: gui/core/history.py could import Qt and pass)."""
    folder = ROOT.joinpath(*package.split("."))
    found = [m.name for m in pkgutil.walk_packages([str(folder)], prefix=package + ".")]
    return [package, *sorted(found)]


MODULES = modules_of("providers") + modules_of("gui.core")


def test_every_module_is_checked() -> None:
    assert {"providers.streams", "gui.core.history", "gui.core.markdown_tail"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_imports_without_pyside(module: str) -> None:
    code = (
        "import importlib, importlib.util, sys\n"
        f"if importlib.util.find_spec({module!r}) is None: sys.exit(3)\n"
        f"importlib.import_module({module!r})\n"
        "qt = ('PySide6', 'shiboken6', 'qasync', 'gui.widgets')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(qt))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    if result.returncode == 3:
        pytest.fail(f"{module} does not exist")
    assert result.returncode == 0, result.stderr
