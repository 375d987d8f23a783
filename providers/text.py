"""Sentences for people, kept translatable by whoever shows them.

A Qt-free module marks a sentence with ``QT_TRANSLATE_NOOP(context, source)``, which returns
it unchanged and which ``pyside6-lupdate`` collects; values go in ``{named}`` fields filled
in only after translation, so a quoted server message or file name is never translated.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; returns it unchanged."""
    return source
