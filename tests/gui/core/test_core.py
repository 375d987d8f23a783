"""Qt-free application logic: history, settings files, the model catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from gui.core import migrations
from gui.core import settings as settings_file
from gui.core.conversation import Conversation, Message, Status
from gui.core.history import HistoryStore
from gui.core.model_catalog import ModelCatalog
from providers.chunks import Usage
from providers.media import PreparedImage
from providers.openai_compat import LlamaCpp
from tests.localserver import LocalServer, closed_port


def test_history_round_trip_and_search(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    conversation = Conversation(title="Weather")
    user = Message(
        "user",
        "Is it raining in Lisbon?",
        attachments=[PreparedImage(b"\x89PNG", "image/png", 2, 2, "sky.png")],
    )
    reply = Message("assistant", "Sunny, 24°C.", usage=Usage(10, 5), model="m")
    conversation.add(user)
    conversation.add(reply)
    for message in conversation.messages:
        store.save_message(conversation, message)
    reply.text += " Take sunscreen."
    store.save_message(conversation, reply)
    loaded = store.load(conversation.id)
    assert loaded is not None
    assert [m.text for m in loaded.messages] == [user.text, "Sunny, 24°C. Take sunscreen."]
    assert loaded.messages[0].attachments == user.attachments
    assert loaded.messages[1].usage == Usage(10, 5, 15)
    assert [c.title for c in store.search("sunscreen")] == ["Weather"]
    assert store.search('lisbon "') != []  # quotes in the query cannot break FTS syntax
    store.delete_conversation(conversation.id)
    assert store.search("sunscreen") == []
    store.close()


def test_a_streaming_reply_is_indexed_for_search_once_it_ends(tmp_path: Path) -> None:
    # Before: every save of a streaming reply (one a second) indexed its whole text again.
    store = HistoryStore(tmp_path / "h.sqlite3")
    conversation = Conversation(title="Long answer")
    prompt = Message("user", "Tell me about tides")
    reply = Message("assistant", status=Status.STREAMING)
    conversation.add(prompt)
    conversation.add(reply)
    store.save_message(conversation, prompt)
    for word in ("Tides", "follow", "the", "moon"):
        reply.text += word + " "
        store.save_message(conversation, reply)
        assert indexed_messages(store) == 1  # the prompt: no index work while it streams
    assert store.search("moon") == []
    reply.status = Status.DONE
    reply.text += "mostly."
    store.save_message(conversation, reply)
    assert [c.title for c in store.search("moon")] == ["Long answer"]
    reply.text = "Edited: the sun too."
    store.save_message(conversation, reply)
    assert store.search("moon") == [] and store.search("sun") != []
    check_index(store)
    store.delete_conversation(conversation.id)
    assert store.search("sun") == []
    check_index(store)
    store.close()


def test_a_reply_left_streaming_by_a_crash_is_indexed_when_recovered(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    saved_mid_reply(store, "Cut off", "Volcanoes?", "Half an answer about volcanoes")
    store.close()  # as if the process died: the reply is still "streaming" in the file
    store = HistoryStore(tmp_path / "h.sqlite3")
    assert [c.title for c in store.search("volcanoes")] == ["Cut off"]
    check_index(store)
    store.close()


def test_a_history_from_before_then_gets_a_consistent_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:  # a file written before 008, left mid-reply
        # (with the later migrations' columns, which today's code writes: 008 is what this
        # test is about)
        before = migrations.MIGRATIONS[:7] + migrations.MIGRATIONS[8:]
        patch.setattr(migrations, "MIGRATIONS", before)
        old = HistoryStore(tmp_path / "h.sqlite3")
        saved_mid_reply(old, "Old", "Glaciers?", "Glaciers move slowly")
        old._db.close()  # closed without recovering, as a crash leaves it
    store = HistoryStore(tmp_path / "h.sqlite3")
    check_index(store)
    assert [c.title for c in store.search("slowly")] == ["Old"]
    store.close()


def saved_mid_reply(store: HistoryStore, title: str, prompt: str, partial: str) -> Conversation:
    """A chat saved with its reply still streaming, as a process that dies mid-reply leaves it."""
    conversation = Conversation(title=title)
    conversation.add(Message("user", prompt))
    conversation.add(Message("assistant", partial, status=Status.STREAMING))
    for message in conversation.messages:
        store.save_message(conversation, message)
    return conversation


def check_index(store: HistoryStore) -> None:
    """FTS5's own check that the search index matches the messages (raises if not)."""
    store._db.execute("INSERT INTO messages_fts(messages_fts) VALUES('integrity-check')")


def indexed_messages(store: HistoryStore) -> int:
    """How many messages the search index holds (FTS5 keeps a size row for each)."""
    return int(store._db.execute("SELECT count(*) FROM messages_fts_docsize").fetchone()[0])


def test_migrations_run_once(tmp_path: Path) -> None:
    HistoryStore(tmp_path / "h.sqlite3").close()
    store = HistoryStore(tmp_path / "h.sqlite3")
    names = [r[0] for r in store._db.execute("SELECT name FROM schema_migrations")]
    assert names == [name for name, _ in migrations.MIGRATIONS]
    assert names[:4] == ["001_initial", "002_fts", "003_drafts", "004_chat_target"]
    store.close()


def test_settings_save_is_atomic_and_has_no_key_fields(tmp_path: Path) -> None:
    settings = settings_file.Settings(provider="Groq")
    settings.for_provider("Groq").model = "llama"
    settings_file.save(tmp_path, settings)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    text = (tmp_path / "settings.json").read_text()
    assert "key" not in text.lower()
    assert settings_file.load(tmp_path)[0].for_provider("Groq").model == "llama"


async def test_model_catalog_caches_and_falls_back_offline(server: LocalServer) -> None:
    server.reply("GET", "/v1/models", {"data": [{"id": "a"}]})
    catalog = ModelCatalog()
    first = await catalog.load(LlamaCpp, base_url=server.url + "/v1")
    again = await catalog.load(LlamaCpp, base_url=server.url + "/v1")
    assert first is again
    assert [m.id for m in first.models] == ["a"]
    assert first.live
    assert len(server.requests) == 1
    port = await closed_port()
    offline = await catalog.load(LlamaCpp, base_url=f"http://127.0.0.1:{port}/v1")
    assert not offline.live
    assert str(offline.note).startswith(
        "Built-in list shown; the live list failed: could not connect"
    )


def test_a_streaming_reply_does_not_move_its_chat_up_the_list() -> None:
    # Issue 21, item 2: a reply saved every second while it streamed made two streaming chats
    # swap places once a second, so a click landed on the other chat. A chat moves up when a
    # message is sent or received whole.
    store = HistoryStore.in_memory()
    owls, bats = Conversation(title="owls"), Conversation(title="bats")
    owl_reply = Message("assistant", status=Status.STREAMING)
    store.save_message(owls, owls.add(Message("user", "Tell me about owls")))
    store.save_message(owls, owls.add(owl_reply))
    store.save_message(bats, bats.add(Message("user", "Tell me about bats")))
    assert [c.title for c in store.conversations()] == ["bats", "owls"]
    for word in ("Owls ", "hunt ", "at night."):
        owl_reply.text += word
        store.save_message(owls, owl_reply)
        assert [c.title for c in store.conversations()] == ["bats", "owls"]
    owl_reply.status = Status.DONE
    store.save_message(owls, owl_reply)
    assert [c.title for c in store.conversations()] == ["owls", "bats"]
