"""PySide6's import hook, made cheap: load Qt through ``load_qt()`` before anything else does.

Importing PySide6 replaces ``builtins.__import__`` with shiboken's hook for ``from __feature__
import snake_case``. After every import statement that runs from then on, the hook asks whether
the imported module uses PySide6 (once per module name), and answers by reading the module's
whole source with ``inspect.getsource``: that reads the file and keeps every line of it in
``linecache`` for the life of the process. Confab's start-up runs some 200 such checks (its own
modules and the standard library's: typing, email, asyncio...): 16 ms before the first paint
and 6 MB of source text held in memory (measured: median of 7 starts under Xvfb, and the
``linecache`` size at exit).

``load_qt()`` keeps the hook and its answer but finds the answer in the module's globals
instead: a module uses PySide6 if one of its names is a PySide6 module or was defined there.
The only difference is a module that names PySide6 only under ``TYPE_CHECKING``, which is then
left out of feature switching; Confab selects no feature anywhere, so nothing depends on it.
If a PySide6 release moves or renames the hook's parts, Qt loads as it always did.
"""

from __future__ import annotations

import importlib
import logging
import types

log = logging.getLogger(__name__)

QT_PREFIX = "PySide6"


def uses_pyside(module: types.ModuleType) -> bool:
    """Whether ``module`` has a PySide6 module, or something PySide6 defined, among its names."""
    for value in getattr(module, "__dict__", {}).values():
        name = (
            value.__name__
            if isinstance(value, types.ModuleType)
            else getattr(value, "__module__", None)
        )
        if isinstance(name, str) and name.startswith(QT_PREFIX):
            return True
    return False


def load_qt() -> bool:
    """Import PySide6's core and point its feature check at ``uses_pyside``; True if it did."""
    importlib.import_module("PySide6.QtCore")
    try:
        feature = importlib.import_module("PySide6.support.feature")
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)) or not isinstance(
        getattr(feature, "pyside_feature_dict", None), dict
    ):
        log.info("PySide6's feature check has changed; imports read sources as before")
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
