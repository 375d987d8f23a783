"""Text from servers and files shown as plain text: never as rich text that could draw
headings, links or make Qt load a local file."""

from __future__ import annotations

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(parent: QWidget | None = None) -> QLabel:
    """A label whose text is always taken literally, even when it looks like HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip shows it literally (Qt guesses rich text for tooltips otherwise)."""
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal) if text else ""
