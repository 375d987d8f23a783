"""One channel for everything the user must be told that is not part of a reply.

After qutebrowser's ``utils/message.py``: code anywhere says ``messages.info(...)``,
``.warning(...)`` or ``.error(...)`` on the app's bridge and need not know where it is shown;
the window shows notes in its status bar. Information goes away after a few seconds; warnings
and errors stay until something else is said, and information never hides them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QObject, Signal

from gui.core.text import Text
from gui.i18n import localized


class Level(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2


@dataclass(frozen=True, slots=True)
class Note:
    level: Level
    text: str  # plain text, translated: it may quote a server or a file name

    @property
    def timeout_ms(self) -> int:
        """How long the note stays; 0 means until something else is said."""
        return 4000 if self.level is Level.INFO else 0


class MessageBridge(QObject):
    shown = Signal(object)  # Note

    def info(self, text: str | Text) -> None:
        self.shown.emit(Note(Level.INFO, localized(text)))

    def warning(self, text: str | Text) -> None:
        self.shown.emit(Note(Level.WARNING, localized(text)))

    def error(self, text: str | Text) -> None:
        self.shown.emit(Note(Level.ERROR, localized(text)))
