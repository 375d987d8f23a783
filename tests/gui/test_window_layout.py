"""The window fits the screen it opens on, a hidden chat list comes back, and the menu bar
offers every action with its shortcut."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from tests.gui.conftest import local_confab
from tests.gui.helpers import settled
from tests.localserver import LocalServer


def inside(inner: QRect, outer: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


async def test_the_first_window_fits_a_small_screen(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    """The offscreen screen is 800×600, smaller than the 1100×760 a new window asks for (as a
    1366×768 laptop at 2× scale is): the window, and Send with it, stays on screen."""
    app = local_confab(profile, server)
    app.window.show()
    await settled(app)
    try:
        free = app.window.screen().availableGeometry()
        assert free.width() < 1100 or free.height() < 760  # the case this test is about
        assert inside(app.window.frameGeometry(), free)
        send = app.window.composer.send_button
        corner = send.mapToGlobal(send.rect().bottomRight())
        assert free.contains(corner)
    finally:
        await app.close()


async def test_a_geometry_saved_on_a_bigger_screen_is_fitted(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    big = QMainWindow()
    qtbot.addWidget(big)
    big.setGeometry(1500, 900, 1800, 1100)  # a 4K desktop's window, off this screen entirely
    saved = base64.b64encode(bytes(big.saveGeometry().data())).decode()
    app = local_confab(profile, server, window_geometry=saved)
    app.window.show()
    await settled(app)
    try:
        assert inside(app.window.frameGeometry(), app.window.screen().availableGeometry())
    finally:
        await app.close()


async def test_a_chat_list_dragged_shut_comes_back(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    app = local_confab(profile, server)
    app.window.show()
    await settled(app)
    window = app.window
    try:
        total = sum(window.splitter.sizes())
        window.splitter.setSizes([0, total])  # what dragging the handle to the edge does
        window.splitter.splitterMoved.emit(0, 1)
        assert not window.sidebar_action.isChecked()
        qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        assert window.splitter.sizes()[0] > 0
        assert window.sidebar.isVisible()
        assert window.sidebar_action.isChecked()
        window.sidebar_action.trigger()  # and the menu hides it again
        assert window.splitter.sizes()[0] == 0
    finally:
        await app.close()


async def test_a_chat_list_shut_when_confab_closed_can_be_restored(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    app = local_confab(profile, server, splitter_sizes=[0, 800])
    app.window.show()
    await settled(app)
    try:
        assert app.window.splitter.sizes()[0] == 0
        assert not app.window.sidebar_action.isChecked()
        app.window.sidebar_action.trigger()
        assert app.window.splitter.sizes()[0] > 0
    finally:
        await app.close()


async def test_every_action_is_in_the_menu_bar_with_its_shortcut(
    qtbot: QtBot, profile: Path, server: LocalServer
) -> None:
    app = local_confab(profile, server)
    app.window.show()
    await settled(app)
    try:
        in_menus = {
            action.text().replace("&", ""): action.shortcut().toString()
            for menu in app.window.menuBar().actions()
            for action in menu.menu().actions()  # type: ignore[union-attr]
            if not action.isSeparator()
        }
        assert in_menus == {
            "New chat": QKeySequence(QKeySequence.StandardKey.New).toString(),
            "Search chats": "Ctrl+K",
            "Rename chat…": "F2",
            "Pin or unpin chat": "Ctrl+P",
            "Delete chat": QKeySequence(QKeySequence.StandardKey.Delete).toString(),
            "Export…": "",
            "Export all chats…": "",
            "Import chats…": "",
            "Settings…": "Ctrl+,",
            "Quit": QKeySequence(QKeySequence.StandardKey.Quit).toString(),
            "Undo": QKeySequence(QKeySequence.StandardKey.Undo).toString(),
            "Send": "Ctrl+Return",
            "Stop the reply": "Esc",
            "Regenerate": "Ctrl+R",
            "Edit last": "Ctrl+E",
            "Chat options…": "Ctrl+Shift+O",
            "Compare models…": "Ctrl+Shift+M",
            "Show the chat list": "Ctrl+B",
            "Go to the message field": "Ctrl+L",
            "Reload the model list": "F5",
            "Zoom in": "Ctrl+=",
            "Zoom out": "Ctrl+-",
            "Actual size": "Ctrl+0",
            "Next pane": "F6",
            "Previous pane": "Shift+F6",
            "Appearance": "",
            "About Confab": "",
        }
    finally:
        await app.close()


async def test_about_names_the_version(qtbot: QtBot, profile: Path, server: LocalServer) -> None:
    from gui import __version__

    app = local_confab(profile, server)
    try:
        box = app.show_about()
        assert box.text() == f"Confab {__version__}"
        assert str(profile) in box.informativeText()
        box.close()
    finally:
        await app.close()
