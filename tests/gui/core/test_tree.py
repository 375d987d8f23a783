"""The conversation tree and its history file, without Qt."""

from __future__ import annotations

from pathlib import Path

from gui.core.conversation import Conversation, Message
from gui.core.history import HistoryStore
from providers.media import PreparedImage


def saved(store: HistoryStore, conversation: Conversation, message: Message) -> Message:
    store.save_message(conversation, message)
    return message


def test_branches_switch_and_the_shown_path_is_remembered(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    chat = Conversation(title="t")
    question = saved(store, chat, chat.add(Message("user", "q")))
    red = saved(store, chat, chat.add(Message("assistant", "red")))
    blue = saved(store, chat, chat.branch(Message("assistant", "blue"), question.id))
    assert [m.text for m in chat.messages] == ["q", "blue"]
    assert chat.siblings(red.id) == [red.id, blue.id]
    follow = saved(store, chat, chat.add(Message("user", "why blue?")))
    store.show_path(chat, chat.newest_leaf(red.id))
    store.set_head(chat.id, chat.head)
    assert [m.text for m in chat.messages] == ["q", "red"]
    reopened = store.load(chat.id)
    assert reopened is not None and [m.text for m in reopened.messages] == ["q", "red"]
    assert reopened.newest_leaf(blue.id) == follow.id
    assert sorted(reopened.subtree(question.id)) == sorted(
        [question.id, red.id, blue.id, follow.id]
    )


def test_an_image_is_stored_once_and_goes_with_its_last_message(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    image = PreparedImage(b"\x89PNG" + b"x" * 1000, "image/png", 8, 8, "a.png")
    chat = Conversation()
    first = saved(store, chat, chat.add(Message("user", "one", attachments=[image])))
    second = saved(store, chat, chat.branch(Message("user", "two", attachments=[image]), None))
    count = "SELECT COUNT(*) FROM blobs"
    assert store._db.execute(count).fetchone() == (1,)
    store.delete_messages([first.id])
    assert store._db.execute(count).fetchone() == (1,)  # still used by the edit
    store.delete_messages([second.id])
    assert store._db.execute(count).fetchone() == (0,)


def test_a_lost_head_falls_back_to_the_newest_path(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    chat = Conversation()
    saved(store, chat, chat.add(Message("user", "q")))
    answer = saved(store, chat, chat.add(Message("assistant", "a")))
    store.set_head(chat.id, "gone")
    loaded = store.load(chat.id)
    assert loaded is not None and loaded.head == answer.id
