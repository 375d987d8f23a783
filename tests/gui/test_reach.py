"""Size and reach (issue 22): zoom the conversation (remembered), F6 between the panes, and an
accessible name on every control a user can reach."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from providers.keys import KeyStore
from tests.gui.conftest import local_confab
from tests.gui.helpers import settled
from tests.localserver import LocalServer


async def test_zoom_changes_the_conversation_text_and_is_remembered(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    app = local_confab(profile, server)
    app.window.show()
    await settled(app)
    view = app.window.chat_view
    normal = view.font().pointSizeF()
    try:
        app.window.zoom_in_action.trigger()  # Ctrl+=
        app.window.zoom_in_action.trigger()
        assert view.font().pointSizeF() > normal
        assert app.settings.zoom == 125
        app.window.zoom_out_action.trigger()
        assert app.settings.zoom == 110
    finally:
        await app.close()
    again = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()), local_servers=())
    try:
        assert again.settings.zoom == 110
        assert again.window.chat_view.font().pointSizeF() > normal  # remembered
        again.window.zoom_reset_action.trigger()  # Ctrl+0
        assert again.window.chat_view.font().pointSizeF() == normal
    finally:
        await again.close()


async def test_f6_cycles_the_chat_list_the_conversation_and_the_message_field(
    qtbot: QtBot, confab: ConfabApp
) -> None:
    window = confab.window
    window.activateWindow()
    window.composer.input.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    assert seen == [
        window.sidebar.list,
        window.chat_view,
        window.composer.input,
        window.sidebar.list,
    ]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.composer.input


def reachable(root: QWidget) -> list[QWidget]:
    """The visible widgets under ``root`` that take focus (Tab or click): the controls. A spin
    box's own text field is part of the spin box, which carries the name."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if widget.isVisibleTo(root)
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(widget.parent(), QAbstractSpinBox)
    ]


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


async def test_every_control_a_user_can_reach_has_an_accessible_name(
    qtbot: QtBot, confab: ConfabApp
) -> None:
    window = confab.window
    window.show()
    controls = reachable(window)
    assert len(controls) > 8  # the walk sees the window's controls
    nameless = [
        f"{type(w).__name__}#{w.objectName()}/{type(w.parent()).__name__}#{w.parent().objectName()}"
        for w in controls
        if not accessible_name(w).strip()
    ]
    assert nameless == []
    dialog = confab.open_settings()
    try:
        nameless = [
            f"{type(w).__name__}#{w.objectName()}"
            for w in reachable(dialog)
            if not accessible_name(w).strip()
        ]
        assert nameless == []
    finally:
        dialog.close()
