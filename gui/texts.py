"""Interface texts that follow a change of language while the window is open.

A widget sets a text with ``texts.set(label.setText, QT_TRANSLATE_NOOP("Class", "Source"))``
instead of ``label.setText(self.tr("Source"))``: the text is shown translated now and again
each time the language changes (the widget calls ``texts.again()`` on Qt's LanguageChange).
The source is marked with its class's name as the context, which is the context ``self.tr``
gives, so the translations are the same ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.core.text import QT_TRANSLATE_NOOP

__all__ = ["QT_TRANSLATE_NOOP", "Texts"]

Setter = Callable[[str], Any]


class Texts:
    """The texts one widget set, to set again in another language."""

    def __init__(self, context: str) -> None:
        self.context = context
        self._uses: list[tuple[Setter, str, dict[str, Any]]] = []

    def tr(self, source: str, **values: Any) -> str:
        text = QCoreApplication.translate(self.context, source)
        return text.format(**values) if values else text

    def set(self, setter: Setter, source: str, **values: Any) -> None:
        """``setter(translated source)`` now, and again after each change of language."""
        self._uses.append((setter, source, values))
        setter(self.tr(source, **values))

    def again(self) -> None:
        for setter, source, values in self._uses:
            setter(self.tr(source, **values))
