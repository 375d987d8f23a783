"""PySide6 6.12.0 on Python 3.11 aborts after a few thousand void calls; the pin must hold."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 50_000


def test_fifty_thousand_void_qt_calls(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    for n in range(CALLS // 2):
        label.setText(str(n))  # returns void
        label.setEnabled(n % 2 == 0)  # returns void
    assert label.text() == str(CALLS // 2 - 1)
