"""Sentences for the user written outside Qt, kept translatable until the window shows them.

Qt-free code cannot call ``tr()``, so it marks a sentence with ``QT_TRANSLATE_NOOP`` (which
``pyside6-lupdate`` collects) and returns a ``Text``: the English source and the values for
its ``{fields}``. The GUI translates the source first and fills the fields in after
(``gui.i18n.localized``), so a quoted file name or server message is never translated. A value
may be a ProviderError: its own sentence is translated the same way, without the provider's
name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from providers.errors import ProviderError
from providers.text import QT_TRANSLATE_NOOP

__all__ = ["CONTEXT", "QT_TRANSLATE_NOOP", "Text"]

CONTEXT = "Core"
"""The translation context of every sentence marked here."""


@dataclass(frozen=True)
class Text:
    """An English sentence with ``{fields}`` and their values; ``str()`` gives it in English."""

    source: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        values = {
            name: value.message if isinstance(value, ProviderError) else value
            for name, value in self.values.items()
        }
        return self.source.format(**values)
