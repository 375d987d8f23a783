"""providers and gui.core must import without Qt, so the engine runs headless and in the CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "providers",
    "providers.__main__",
    "providers.anthropic",
    "providers.gemini",
    "providers.ollama",
    "gui.core",
]


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
