"""The keyboard reaches everything (issue 21, items 4 and 10): a chat opened from the list keeps
the keyboard in the list so its shortcuts act on it, Tab leaves the message field, the toolbar's
buttons are Tab stops, and the menu bar has every chat action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QToolButton
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.widgets.sidebar import PINNED_MARK
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.localserver import LocalServer


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
