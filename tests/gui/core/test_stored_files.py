"""Files in the history file: each stored once by its hash (shared by branches), kept with
its pages and language through an archive, and gone when no message holds it any more."""

from __future__ import annotations

from pathlib import Path

from gui.core import archive
from gui.core.attachments import files_in
from gui.core.conversation import Conversation, Message
from gui.core.history import HistoryStore
from providers.files import PDF_MIME, PreparedFile, text_attachment
from tests.pdfs import text_pdf

REPORT = PreparedFile(text_pdf(["one", "two"]), PDF_MIME, "report.pdf", pages=2)
CODE = text_attachment("print('hi')\n", "main.py")


def blobs(store: HistoryStore) -> int:
    return int(store._db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0])


def test_a_file_is_stored_once_kept_whole_and_dropped_when_unused(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    chat = Conversation(title="Files")
    first = chat.add(Message("user", "read", attachments=[REPORT, CODE]))
    store.save_message(chat, first)
    edited = chat.branch(Message("user", "read again", attachments=[REPORT]), None)
    store.save_message(chat, edited)
    assert blobs(store) == 2  # the PDF once for both branches, the code once

    loaded = store.load(chat.id)
    assert loaded is not None
    assert files_in(loaded.messages[0].attachments) == [REPORT]
    copy = tmp_path / "all.json"
    archive.export_all(store, copy)
    other = HistoryStore(tmp_path / "other.sqlite3")
    archive.import_file(other, copy)
    imported = other.messages(chat.id, [first.id])
    assert imported[0].attachments == [REPORT, CODE]
    assert isinstance(imported[0].attachments[1], PreparedFile)
    assert imported[0].attachments[1].language == "python"
    other.close()

    store.delete_messages([edited.id])
    assert blobs(store) == 2  # the first message still holds the PDF
    store.delete_messages([first.id])
    assert blobs(store) == 0
    store.close()


def test_a_draft_keeps_its_files(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    store.save_draft("new", "about these", [CODE, REPORT])
    assert store.load_draft("new") == ("about these", [CODE, REPORT])
    store.close()
