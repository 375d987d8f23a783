"""Which history files are set aside: only corrupt ones. Locked or unopenable ones are left."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gui.core import migrations
from gui.core.conversation import Conversation, Message
from gui.core.history import HistoryStore


def a_history(path: Path) -> None:
    store = HistoryStore(path)
    conversation = Conversation(title="Keep me")
    conversation.add(Message("user", "hello"))
    store.save_message(conversation, conversation.messages[0])
    store.close()


def test_a_corrupt_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"not a database" * 100)
    store, notice = HistoryStore.open_or_recover(path)
    assert notice and "kept as history.sqlite3.corrupt-" in str(notice)
    assert len(list(tmp_path.glob("history.sqlite3.corrupt-*"))) == 1
    assert store.conversations() == []


def test_a_locked_file_is_left_alone(tmp_path: Path) -> None:
    # Another Confab on the same profile held the lock: the history was renamed and hidden.
    path = tmp_path / "history.sqlite3"
    a_history(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store, notice = HistoryStore.open_or_recover(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert notice and "left as it is" in str(notice) and "locked" in str(notice)
    assert list(tmp_path.glob("*.corrupt-*")) == []
    assert store.conversations() == []  # this session runs in memory
    assert [c.title for c in HistoryStore(path).conversations()] == ["Keep me"]


def test_an_unopenable_path_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.mkdir()  # something that is not a file stands where the history goes
    store, notice = HistoryStore.open_or_recover(path)
    assert notice and "left as it is" in str(notice)
    assert path.is_dir() and list(tmp_path.glob("*.corrupt-*")) == []
    conversation = Conversation()
    conversation.add(Message("user", "still works"))
    store.save_message(conversation, conversation.messages[0])
    assert store.conversations()[0].title == conversation.title


def test_an_older_history_opens_unchanged_and_gains_chat_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])  # first release
    HistoryStore(path).close()
    monkeypatch.undo()
    with sqlite3.connect(path) as db:  # rows as the first release wrote them
        db.execute("INSERT INTO conversations VALUES ('c1', 'Keep me', 1.0, 2.0)")
        db.execute(
            "INSERT INTO messages VALUES "
            "('m1', 'c1', 0, 'user', 'hello', '', 'done', '', '', '', NULL, 1.0, NULL, NULL)"
        )
    store = HistoryStore(path)
    (summary,) = store.conversations()
    old = store.load(summary.id)
    assert old is not None and old.title == "Keep me" and old.provider == old.model == ""
    assert [m.text for m in old.messages] == ["hello"]
    old.provider, old.model = "LlamaCpp", "qwen2.5-7b"
    store.save_message(old, old.messages[0])
    again = HistoryStore(path).load(old.id)
    assert again is not None and (again.provider, again.model) == ("LlamaCpp", "qwen2.5-7b")


def test_a_first_release_history_becomes_a_tree_with_its_images_kept_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
    HistoryStore(path).close()
    monkeypatch.undo()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO conversations VALUES ('c1', 'Photos', 1.0, 2.0)")
        for position, (mid, role, text) in enumerate(
            [("m1", "user", "look"), ("m2", "assistant", "a cat"), ("m3", "user", "again")]
        ):
            db.execute(
                "INSERT INTO messages VALUES (?, 'c1', ?, ?, ?, '', 'done', '', '', '', NULL, "
                "1.0, NULL, NULL)",
                (mid, position, role, text),
            )
        for mid in ("m1", "m3"):  # the same picture sent twice
            db.execute(
                "INSERT INTO attachments VALUES (?, 0, 'cat.png', 'image/png', 2, 2, ?)",
                (mid, b"\x89PNG same bytes"),
            )
    store = HistoryStore(path)
    loaded = store.load("c1")
    assert loaded is not None
    assert [m.text for m in loaded.messages] == ["look", "a cat", "again"]
    assert [m.parent_id for m in loaded.messages] == [None, "m1", "m2"]
    assert loaded.head == "m3"
    assert [a.data for m in loaded.messages for a in m.attachments] == [b"\x89PNG same bytes"] * 2
    assert store._db.execute("SELECT COUNT(*) FROM blobs").fetchone() == (1,)
    assert [c.title for c in store.search("cat")] == ["Photos"]
    store.close()
