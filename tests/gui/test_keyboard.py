"""The keyboard reaches everything (issue 21, items 4 and 10): a chat opened from the list keeps
the keyboard in the list so its shortcuts act on it, Tab leaves the message field, the toolbar's
buttons are Tab stops, and the menu bar has every chat action."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.widgets.sidebar import PINNED_MARK
from tests.gui.helpers import next_signal
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.localserver import LocalServer

CTRL = Qt.KeyboardModifier.ControlModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def click_chat(qtbot: QtBot, app: ConfabApp, row: int) -> None:
    chats = app.window.sidebar.list
    rect = chats.visualItemRect(chats.item(row))
    qtbot.mouseClick(chats.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


async def test_a_chat_clicked_in_the_list_keeps_the_keyboard_there(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("Owls hunt at night."))
    await sent_and_answered(qtbot, confab, "Tell me about owls")
    owls = confab.controller.conversation.id
    confab.new_chat()
    assert QApplication.focusWidget() is confab.window.composer.input  # a new chat: type
    server.stream("POST", PATH, sse("Bats echolocate."))
    await sent_and_answered(qtbot, confab, "Tell me about bats")
    window = confab.window
    window.activateWindow()
    click_chat(qtbot, confab, 1)
    assert confab.controller.conversation.id == owls
    chats = window.sidebar.list
    assert QApplication.focusWidget() is chats  # before: the composer took it
    qtbot.keyClick(chats, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert chats.currentItem().text() == PINNED_MARK + "Tell me about owls"
    qtbot.keyClick(chats, Qt.Key.Key_F2)
    rename = window.sidebar.findChild(QInputDialog)
    assert rename is not None and rename.textValue() == "Tell me about owls"
    rename.reject()


async def test_ctrl_k_searches_and_an_opened_hit_shows_where_it_matched(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("Owls hunt at night, silently."))
    await sent_and_answered(qtbot, confab, "Tell me about owls")
    owls = confab.controller.conversation.id
    confab.new_chat()
    window = confab.window
    window.activateWindow()
    qtbot.keyClick(window.composer.input, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.sidebar.search
    qtbot.keyClicks(window.sidebar.search, "zebra")
    assert window.sidebar.empty.text() == "No chats match" and window.sidebar.empty.isVisible()
    window.sidebar.search.clear()
    qtbot.keyClicks(window.sidebar.search, "SILENTLY")
    click_chat(qtbot, confab, 0)
    assert confab.controller.conversation.id == owls
    assert window.chat_view.selected_text() == "silently"


async def test_tab_leaves_the_message_field_and_a_code_fence_takes_a_tab(
    qtbot: QtBot, confab: ConfabApp
) -> None:
    field = confab.window.composer.input
    confab.window.activateWindow()
    field.setFocus()
    qtbot.keyClicks(field, "one")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.toPlainText() == "one" and not field.hasFocus()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() == "one\t"
    field.setPlainText("```python\ndef f():\n")
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.toPlainText().endswith("def f():\n\t") and field.hasFocus()


async def test_the_toolbar_buttons_are_tab_stops_and_the_menus_have_every_chat_action(
    confab: ConfabApp,
) -> None:
    window = confab.window
    buttons = window.toolbar.findChildren(QToolButton)
    named = {b.accessibleName(): b for b in buttons if b.defaultAction() is not None}
    for name in ("Reload the model list", window.settings_action.toolTip()):
        assert named[name].focusPolicy() & Qt.FocusPolicy.TabFocus
    texts = {
        action.text().replace("&", "")
        for menu in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
        for action in menu.actions()
    }
    assert {"Rename chat…", "Pin or unpin chat", "Delete chat", "Search chats"} <= texts


def key(qtbot: QtBot, name: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """Press a key where the keyboard is (the focused widget), as a user would."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, name, modifiers)


async def active(window: QWidget) -> None:
    """Wait until ``window`` is the active one (the window system activates a dialog, and
    the main window again after it, in an event of its own)."""
    while QApplication.activeWindow() is not window:
        await next_signal(QGuiApplication.instance().focusWindowChanged)


def tab_to(qtbot: QtBot, app: ConfabApp, verb: str, limit: int = 12) -> str:
    """Tab through the focused message's actions until the one with ``verb``."""
    for _ in range(limit):
        key(qtbot, Qt.Key.Key_Tab)
        href = app.window.chat_view.focused_link()
        if href.startswith(f"confab:{verb}/"):
            return href
    raise AssertionError(f"no {verb} action reached")


async def test_a_keyboard_only_walk_through_a_chat(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    # Issue 21: open a chat, rename it, pin it, send, regenerate, switch a branch, copy a code
    # block, delete a message and undo it, with the keyboard alone.
    server.stream("POST", PATH, sse("Use:\n\n```bash\nls -la\n```\n"))
    await sent_and_answered(qtbot, confab, "How do I list files?")
    confab.new_chat()
    window = confab.window
    window.activateWindow()
    # Open the chat: Ctrl+K to the search, Tab to the list, Enter on the chat.
    key(qtbot, Qt.Key.Key_K, CTRL)
    assert QApplication.focusWidget() is window.sidebar.search
    key(qtbot, Qt.Key.Key_Tab)
    chats = window.sidebar.list
    assert QApplication.focusWidget() is chats
    chats.setCurrentRow(0)
    key(qtbot, Qt.Key.Key_Return)
    assert confab.controller.conversation.messages[0].text == "How do I list files?"
    # Rename (F2, type, Enter) and pin (Ctrl+P), still in the list.
    key(qtbot, Qt.Key.Key_F2)
    rename = window.sidebar.findChild(QInputDialog)
    assert rename is not None
    await active(rename)
    rename.setTextValue("")
    qtbot.keyClicks(QApplication.focusWidget(), "Listing files")
    key(qtbot, Qt.Key.Key_Return)
    assert chats.currentItem().text() == "Listing files"
    window.activateWindow()  # what a window manager does when the dialog closes
    await active(window)
    key(qtbot, Qt.Key.Key_P, CTRL)
    assert chats.currentItem().text() == PINNED_MARK + "Listing files"
    # Send: Ctrl+L to the message field, type, Enter.
    key(qtbot, Qt.Key.Key_L, CTRL)
    assert QApplication.focusWidget() is window.composer.input
    server.stream("POST", PATH, sse("Try:\n\n```bash\nls -a\n```\n"))
    await sent_and_answered(qtbot, confab, "And hidden ones?")
    # Regenerate: Ctrl+R.
    server.stream("POST", PATH, sse("Also:\n\n```bash\nls -A\n```\n"))
    finished = asyncio.ensure_future(next_signal(confab.controller.message_finished))
    key(qtbot, Qt.Key.Key_R, CTRL)
    await finished
    assert "ls -A" in window.chat_view.toPlainText()
    # Into the conversation: Shift+Tab from the message field lands on the newest reply.
    view = window.chat_view
    key(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is view
    reply = confab.controller.conversation.messages[-1]
    assert view.current_row() is not None and view.current_row().key == reply.id
    # Switch to the older branch: Tab to ‹, Enter.
    tab_to(qtbot, confab, "branch")
    key(qtbot, Qt.Key.Key_Return)
    assert "ls -a" in view.toPlainText() and "ls -A" not in view.toPlainText()
    # Copy its code block: Tab to the block's Copy, Enter.
    view.setFocus()
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Down)  # back on the reply shown now
    tab_to(qtbot, confab, "copy")
    key(qtbot, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "ls -a"
    # Delete the reply (Tab to Delete, Enter), then undo with Ctrl+Z.
    tab_to(qtbot, confab, "delete")
    key(qtbot, Qt.Key.Key_Return)
    assert "ls -a" not in view.toPlainText()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert "ls -a" in view.toPlainText()
    QGuiApplication.clipboard().clear()
