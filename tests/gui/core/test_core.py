"""Qt-free application logic: history, settings files, the model catalog."""

from __future__ import annotations

from pathlib import Path

from gui.core import migrations
from gui.core import settings as settings_file
from gui.core.conversation import Conversation, Message
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
