"""Managing chats: own options per chat, rename, pin, trash with undo, export all and import
with merge by id."""

from __future__ import annotations

import json
from pathlib import Path

import keyring.backends.fail
import pytest
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core import archive
from gui.core.conversation import Message
from gui.core.history import HistoryStore
from gui.widgets.sidebar import PINNED_MARK
from providers.keys import KeyStore
from tests.gui.test_chat_window import PATH, sent_and_answered, sse
from tests.localserver import LocalServer


async def test_a_chat_has_its_own_system_prompt_and_parameters(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer, profile: Path
) -> None:
    server.stream("POST", PATH, sse("Arr."))
    await sent_and_answered(qtbot, confab, "hello")
    dialog = confab.open_chat_options()
    dialog.system_prompt.setPlainText("Answer like a pirate.")
    dialog.temperature.setValue(0.3)
    dialog.max_tokens.setValue(64)
    dialog.accept()
    server.stream("POST", PATH, sse("Aye."))
    await sent_and_answered(qtbot, confab, "and again")
    sent = server.requests[-1].json()
    assert sent["messages"][0] == {"role": "system", "content": "Answer like a pirate."}
    assert (sent["temperature"], sent["max_tokens"]) == (0.3, 64)
    chat = confab.controller.conversation.id
    confab.controller.new_conversation()  # another chat keeps the provider's settings
    server.stream("POST", PATH, sse("Hi."))
    await sent_and_answered(qtbot, confab, "plain")
    sent = server.requests[-1].json()
    assert sent["messages"] == [{"role": "user", "content": "plain"}]
    assert "temperature" not in sent and "max_tokens" not in sent
    await confab.close()
    again = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    try:
        again.controller.open_conversation(chat)
        options = again.controller.conversation.options
        assert (options.system_prompt, options.temperature, options.max_tokens) == (
            "Answer like a pirate.",
            0.3,
            64,
        )
    finally:
        await again.close()


async def test_rename_pin_and_trash_with_undo(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    server.stream("POST", PATH, sse("ok"))
    await sent_and_answered(qtbot, confab, "older chat")
    older = confab.controller.conversation.id
    confab.controller.new_conversation()
    await sent_and_answered(qtbot, confab, "newer chat")
    sidebar = confab.window.sidebar

    def titles() -> list[str]:
        return [sidebar.list.item(i).text() for i in range(sidebar.list.count())]

    assert titles() == ["newer chat", "older chat"]
    confab.controller.pin_conversation(older, True)
    assert titles() == [PINNED_MARK + "older chat", "newer chat"]
    confab.controller.rename_conversation(older, "  Trip   plans ")
    assert titles() == [PINNED_MARK + "Trip plans", "newer chat"]
    assert [c.title for c in confab.history.search("trip")] == ["Trip plans"]
    confab.trash_conversation(older)
    assert titles() == ["newer chat"]
    assert confab.history.trashed()[0].id == older
    confab.window.undo_button.click()
    assert titles() == [PINNED_MARK + "Trip plans", "newer chat"]
    assert confab.history.empty_trash() == 0


def a_chat(store: HistoryStore, title: str, *texts: str) -> list[Message]:
    from gui.core.conversation import Conversation

    conversation = Conversation(title=title)
    for n, text in enumerate(texts):
        message = conversation.add(Message("user" if n % 2 == 0 else "assistant", text))
        store.save_message(conversation, message)
    return conversation.messages


def test_export_all_then_import_adds_only_what_is_missing(tmp_path: Path) -> None:
    from providers.media import PreparedImage

    source = HistoryStore(tmp_path / "a.sqlite3")
    cat = PreparedImage(b"\x89PNG cat", "image/png", 2, 2, "cat.png")
    first = a_chat(source, "Cats", "look", "a cat")
    first[0].attachments.append(cat)  # saved with its image below, as a new message would be
    source.delete_messages([first[0].id, first[1].id])
    conversation = source.load(first[0].conversation_id) or None
    assert conversation is not None
    for message in first:
        conversation.add(message)
        source.save_message(conversation, message)
    a_chat(source, "Dogs", "woof?", "a dog")
    archive_path = tmp_path / "all.json"
    assert archive.export_all(source, archive_path) == 2
    assert "sk-" not in archive_path.read_text()

    target = HistoryStore(tmp_path / "b.sqlite3")
    mine = a_chat(target, "Mine", "only here")
    report = archive.import_file(target, archive_path)
    assert (report.chats_added, report.messages_added, report.messages_skipped) == (2, 4, 0)
    cats = target.load(first[0].conversation_id)
    assert cats is not None and [m.text for m in cats.messages] == ["look", "a cat"]
    assert cats.messages[0].attachments == [cat]
    # Changed here since: an import again adds nothing and overwrites nothing.
    cats.messages[1].text = "my own note"
    target.save_message(cats, cats.messages[1])
    again = archive.import_file(target, archive_path)
    assert (again.chats_added, again.messages_added, again.messages_skipped) == (0, 0, 4)
    reloaded = target.load(cats.id)
    assert reloaded is not None and reloaded.messages[1].text == "my own note"
    assert [m.text for m in target.messages(mine[0].conversation_id, [mine[0].id])] == ["only here"]
    assert "were here already" in str(again.summary())


def test_import_refuses_what_is_not_an_archive(tmp_path: Path) -> None:
    import pytest

    store = HistoryStore(tmp_path / "h.sqlite3")
    bad = tmp_path / "notes.json"
    for content, message in (
        ("not json", "not JSON"),
        (json.dumps({"format": "other"}), "not a Confab archive"),
        (json.dumps({"format": "confab-archive", "version": 99}), "newer Confab"),
        (
            json.dumps({"format": "confab-archive", "version": 1, "conversations": [{"id": 1}]}),
            "damaged chat",
        ),
    ):
        bad.write_text(content)
        with pytest.raises(archive.ArchiveError, match=message):
            archive.import_file(store, bad)
    assert store.conversations() == []


async def test_the_trash_is_emptied_of_old_chats_at_start(profile: Path) -> None:
    import time

    from gui.app import TRASH_DAYS

    profile.mkdir(parents=True)
    store = HistoryStore(profile / "history.sqlite3")
    old, recent = a_chat(store, "old", "a")[0], a_chat(store, "recent", "b")[0]
    for message, days in ((old, TRASH_DAYS + 1), (recent, 1)):
        store.trash(message.conversation_id)
        store._db.execute(
            "UPDATE conversations SET trashed=? WHERE id=?",
            (time.time() - days * 86400, message.conversation_id),
        )
    store.close()
    app = ConfabApp(profile, keys=KeyStore(keyring.backends.fail.Keyring()))
    try:
        assert [c.title for c in app.history.trashed()] == ["recent"]
        assert app.history.load(old.conversation_id) is None
    finally:
        await app.close()


async def test_file_dialogs_open_in_documents_then_where_the_user_last_was(
    confab: ConfabApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 21, item 8: they opened in the process's working directory (the code folder).
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    dialogs = [
        confab._choose_export(),
        confab._choose_import(),
        confab.window.composer.pick_files(),
    ]
    assert [Path(d.directory().absolutePath()) for d in dialogs] == [home / "Documents"] * 3
    for dialog in dialogs:
        dialog.close()
    chosen = tmp_path / "exports"
    chosen.mkdir()
    export = confab._choose_export()
    export.fileSelected.emit(str(chosen / "conversation.md"))
    export.close()
    assert (chosen / "conversation.md").exists()
    dialogs = [confab._choose_import(), confab.window.composer.pick_files()]
    assert [Path(d.directory().absolutePath()) for d in dialogs] == [chosen] * 2
    for dialog in dialogs:
        dialog.close()
    await confab.close()
    saved = json.loads((confab.profile / "settings.json").read_text())
    assert saved["files_folder"] == str(chosen)  # and after a restart
