"""The chat list: rows never move under the pointer, and an empty list says why."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.core.history import ConversationSummary
from gui.widgets.sidebar import GROUP_ROLE, STREAMING_MARK, Sidebar, chat_rect, more_rect

OWLS, BATS, CATS = (ConversationSummary(i, i, 0.0) for i in ("owls", "bats", "cats"))


def shown_texts(sidebar: Sidebar) -> list[str]:
    return [sidebar.list.item(i).text() for i in range(sidebar.list.count())]


def test_rows_keep_their_places_while_the_pointer_is_over_the_list(qtbot: QtBot) -> None:
    # Issue 21, item 2: a re-sort under the pointer turned a click into one on another chat.
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.show_conversations([OWLS, BATS], "owls")
    sidebar.list.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    sidebar.show_conversations([BATS, OWLS], "owls", streaming={"bats"})
    assert shown_texts(sidebar) == ["owls", STREAMING_MARK + "bats"]  # marks change, not order
    sidebar.list.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    QApplication.sendEvent(sidebar.list, QEvent(QEvent.Type.Leave))
    assert shown_texts(sidebar) == [STREAMING_MARK + "bats", "owls"]
    assert sidebar.list.currentItem().text() == "owls"  # still the chat on screen


def test_a_chat_added_or_gone_shows_at_once_even_under_the_pointer(qtbot: QtBot) -> None:
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.show_conversations([OWLS, BATS], "owls")
    sidebar.list.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    sidebar.show_conversations([CATS, BATS, OWLS], "cats")
    assert shown_texts(sidebar) == ["cats", "bats", "owls"]


def test_an_empty_list_says_so(qtbot: QtBot) -> None:
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.show()
    sidebar.show_conversations([], "")
    assert sidebar.empty.isVisible() and sidebar.empty.text() == "No chats yet"
    sidebar.search.setText("zebra")
    sidebar.show_conversations([], "")
    assert sidebar.empty.text() == "No chats match"
    sidebar.show_conversations([OWLS], "")
    assert not sidebar.empty.isVisible()


def test_chats_are_grouped_by_when_they_were_last_written(qtbot: QtBot) -> None:
    now = datetime.combine(date.today(), datetime.min.time()).timestamp() + 12 * 3600  # noon
    day = 86400
    chats = [
        ConversationSummary("p", "pinned", now - 40 * day, pinned=True),
        ConversationSummary("a", "this morning", now),
        ConversationSummary("b", "also today", now),
        ConversationSummary("c", "yesterday's", now - day),
        ConversationSummary("d", "last week", now - 4 * day),
        ConversationSummary("e", "long ago", now - 40 * day),
    ]
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.resize(260, 600)
    sidebar.show()
    sidebar.show_conversations(chats, "a")
    headings = [sidebar.list.item(i).data(GROUP_ROLE) for i in range(sidebar.list.count())]
    assert headings == ["Pinned", "Today", None, "Yesterday", "Previous 7 days", "Older"]
    assert sidebar.shown_ids() == ["p", "a", "b", "c", "d", "e"]  # every row is a chat
    first, second = (sidebar.list.visualItemRect(sidebar.list.item(i)) for i in (1, 2))
    assert first.height() > second.height()  # the heading's room above the group's first
    sidebar.search.setText("o")  # search hits come by relevance: no groups
    sidebar.show_conversations(chats[1:3], "a")
    assert [sidebar.list.item(i).data(GROUP_ROLE) for i in range(2)] == [None, None]


def test_a_chats_ellipsis_opens_its_menu(qtbot: QtBot) -> None:
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.resize(260, 400)
    sidebar.show()
    sidebar.show_conversations([OWLS, BATS], "owls")
    item = sidebar.list.item(1)
    row = chat_rect(sidebar.list.visualItemRect(item), bool(item.data(GROUP_ROLE)))
    qtbot.mouseClick(
        sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=more_rect(row).center()
    )
    menu = sidebar.more_menu
    assert menu is not None and menu.isVisible()
    names = [a.text().replace("&", "") for a in menu.actions()]
    assert names == ["Rename chat…", "Pin or unpin chat", "Delete chat"]
    assert sidebar.list.currentItem() is item  # the menu acts on the chat it belongs to
    menu.close()


def test_a_long_title_never_scrolls_the_list_sideways(qtbot: QtBot) -> None:
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.resize(230, 400)
    sidebar.show()
    title = "Review the report and these two files, then the appendix " * 3
    sidebar.show_conversations([ConversationSummary("long", title, 0.0)], "long")
    assert not sidebar.list.horizontalScrollBar().isVisible()
