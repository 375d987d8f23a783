"""The history's WAL is folded back into its file off the thread that saves (issue 25)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from gui.core.conversation import Conversation, Message
from gui.core.history import HistoryStore
from providers.media import PreparedImage

PICTURE = PreparedImage(os.urandom(5_000_000), "image/png", 2000, 1500, "photo.png")


def test_a_big_save_is_checkpointed_by_the_store_thread_not_by_the_next_save(
    tmp_path: Path,
) -> None:
    # Before: the save after a 4 MB picture folded the WAL back on the window's thread (12 ms).
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    assert store._db.execute("PRAGMA wal_autocheckpoint").fetchone() == (0,)
    chat = Conversation()
    chat.add(Message("user", "What is this?", attachments=[PICTURE]))
    assert store._checkpoints is not None
    store._checkpoints.ran.clear()
    store.save_message(chat, chat.messages[-1])
    assert store._checkpoints.ran.wait(30)
    other = sqlite3.connect(path)
    busy, log, folded = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    other.close()
    assert busy == 0 and log == folded  # nothing left to fold back: the thread did it
    store.close()
    assert (
        not (tmp_path / "history.sqlite3-wal").exists()
        or os.path.getsize(tmp_path / "history.sqlite3-wal") == 0
    )  # closed: what was left is in the file
    again = HistoryStore(path)
    kept = again.load(chat.id)
    assert kept is not None and kept.messages[0].attachments[0].data == PICTURE.data
    again.close()


def test_a_history_in_memory_has_no_checkpoint_thread() -> None:
    store = HistoryStore.in_memory()
    assert store._checkpoints is None
    store.close()
