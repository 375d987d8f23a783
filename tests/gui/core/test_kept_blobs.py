"""An attachment's bytes stored while the user writes, so that sending writes no picture on the
window's thread (issue 25), and gone again when the message is never sent."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from gui.core.conversation import Conversation, Message
from gui.core.history import HistoryStore
from providers.media import PreparedImage

PICTURE = PreparedImage(os.urandom(2_000_000), "image/png", 2000, 1000, "photo.png")


def blobs(store: HistoryStore) -> int:
    return int(store._db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0])


def kept_on_a_worker_thread(store: HistoryStore, data: bytes) -> None:
    worker = threading.Thread(target=store.keep_blob, args=(data,))
    worker.start()
    worker.join(30)


def save_with_the_picture(store: HistoryStore) -> Conversation:
    """A chat whose message holds PICTURE, saved."""
    chat = Conversation()
    chat.add(Message("user", "What is this?", attachments=[PICTURE]))
    store.save_message(chat, chat.messages[-1])
    return chat


def test_a_kept_picture_is_not_written_again_when_its_message_is_saved(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    kept_on_a_worker_thread(store, PICTURE.data)
    assert blobs(store) == 1
    chat = Conversation()
    chat.add(Message("user", "What is this?", attachments=[PICTURE]))
    written: list[str] = []
    store._db.set_trace_callback(written.append)
    store.save_message(chat, chat.messages[-1])
    store._db.set_trace_callback(None)
    assert not [s for s in written if s.startswith("INSERT INTO blobs")]  # before: always
    store.drop_kept_blob(PICTURE.data)  # held by the message now: it stays
    store.close()
    again = HistoryStore(tmp_path / "history.sqlite3")
    kept = again.load(chat.id)
    assert kept is not None and kept.messages[0].attachments[0].data == PICTURE.data
    again.close()


def test_a_kept_picture_never_sent_goes(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    kept_on_a_worker_thread(store, PICTURE.data)
    store.drop_kept_blob(PICTURE.data)  # taken out of the message box
    assert blobs(store) == 0
    kept_on_a_worker_thread(store, PICTURE.data)  # left in a draft, or by a crash
    store.close()
    again = HistoryStore(tmp_path / "history.sqlite3")
    assert blobs(again) == 0  # gone at the next start
    again.close()


def test_a_picture_not_kept_ahead_is_still_saved_with_its_message() -> None:
    store = HistoryStore.in_memory()
    store.keep_blob(PICTURE.data)  # in memory: nothing kept ahead
    assert blobs(store) == 0
    save_with_the_picture(store)
    assert blobs(store) == 1
    store.close()


def test_a_picture_that_cannot_be_kept_ahead_is_saved_with_its_message(tmp_path: Path) -> None:
    import sqlite3

    store = HistoryStore(tmp_path / "history.sqlite3")
    other = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another Confab writing: the file is locked
    kept_on_a_worker_thread(store, PICTURE.data)  # waits its second, then gives up quietly
    other.execute("ROLLBACK")
    other.close()
    assert blobs(store) == 0
    save_with_the_picture(store)
    assert blobs(store) == 1
    store.close()
