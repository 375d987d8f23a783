"""Conversation history in SQLite: WAL, named migrations, FTS5 search, a message tree.

The controller saves the user's message before a request starts and the streamed reply at least
every second, so a crash loses at most the last second. A reply found still "streaming" when the
store opens was cut off by a crash and is marked stopped.

A conversation opens with only the end of its shown path loaded (``PAGE`` messages, one query
for them and one for their images); the rest of the tree is known by ids until it is needed.
Images are stored once per content hash, however many messages carry them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from providers.chunks import Usage
from providers.files import Attachment

from .attachments import fields, from_fields
from .checkpoints import Checkpointer
from .conversation import ChatOptions, Conversation, Message, Status
from .migrations import migrate, sha256_hex
from .text import QT_TRANSLATE_NOOP, Text
from .tool_steps import steps_from_json

PAGE = 50
"""Messages of the shown path loaded when a conversation opens, and per "show earlier"."""

SEARCH_HITS = 500
"""Newest matching messages a search looks at before grouping them into conversations."""

NEW_CHAT = "new chat"
"""The draft key of a chat not sent yet: its draft comes back in the next new chat."""

INTERRUPTED = QT_TRANSLATE_NOOP(
    "Core", "Confab closed while this reply was streaming; the text above is what arrived."
)

_MESSAGE_COLUMNS = (
    "id, parent_id, role, text, reasoning, status, provider, model, error, usage, started, "
    "first_token, finished, tools, thought"
)


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    id: str
    title: str
    updated: float
    pinned: bool = False


@dataclass(frozen=True)
class Deleted:
    """Messages taken out of a chat, as they were, so that Undo can put them back."""

    conversation_id: str
    head: str | None  # the last message of the path the chat showed
    messages: list[tuple[int, Message]]  # (position in the chat, message), in order


log = logging.getLogger(__name__)

_CORRUPT = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
"""The only errors for which a history file is set aside."""


class HistoryStore:
    """One SQLite file; every method is a short transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # A second Confab holding the file waits a second, not sqlite3's default five.
        self._db = sqlite3.connect(path, isolation_level=None, timeout=1.0)
        self._checkpoints: Checkpointer | None = None
        self._in_memory = str(path) == ":memory:"
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA secure_delete=ON")  # deleted messages leave no trace on disk
        migrate(self._db)
        self._recover_interrupted()
        if self._db.execute("SELECT 1 FROM sqlite_master WHERE name='blobs'").fetchone():
            with self._tx() as db:  # bytes kept ahead for a message never sent (keep_blob)
                self._drop_unused_blobs(db)
        if not self._in_memory:  # the WAL is folded back on a thread of its own
            self._db.execute("PRAGMA wal_autocheckpoint=0")
            self._checkpoints = Checkpointer(path)

    @classmethod
    def open_or_recover(cls, path: Path) -> tuple[HistoryStore, Text | None]:
        """Open the store. Only a file SQLite calls corrupt is kept aside and a fresh one
        started; a locked, read-only or unopenable one is left as it is, and this session's
        chats are kept in memory only (nothing is ever renamed that might be fine)."""
        try:
            return cls(path), None
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) not in _CORRUPT:
                return cls.in_memory(), Text(
                    QT_TRANSLATE_NOOP(
                        "Core",
                        "Your history could not be opened ({error}). It was left as it is; "
                        "chats of this session will not be saved. Another Confab may have it "
                        "open, or the folder may be read-only.",
                    ),
                    {"error": exc},
                )
            stamp = int(time.time())
            try:
                for suffix in ("", "-wal", "-shm"):
                    damaged = path.with_name(path.name + suffix)
                    if damaged.exists():
                        damaged.replace(path.with_name(f"{path.name}.corrupt-{stamp}{suffix}"))
                store = cls(path)
            except (OSError, sqlite3.DatabaseError) as again:
                return cls.in_memory(), Text(
                    QT_TRANSLATE_NOOP(
                        "Core",
                        "Your history is damaged ({error}) and could not be set aside "
                        "({reason}); chats of this session will not be saved.",
                    ),
                    {"error": exc, "reason": again},
                )
            notice = Text(
                QT_TRANSLATE_NOOP(
                    "Core",
                    "Your history could not be opened ({error}); it was kept as {name} and a "
                    "new history was started.",
                ),
                {"error": exc, "name": f"{path.name}.corrupt-{stamp}"},
            )
            return store, notice

    @classmethod
    def in_memory(cls) -> HistoryStore:
        """A history that lives as long as the process: when the file cannot be used."""
        return cls(Path(":memory:"))

    def close(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.stop()
            # In use by another Confab: the WAL stays, and is read from next time.
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        if self._checkpoints is not None:
            self._checkpoints.poke()

    def _recover_interrupted(self) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE messages SET status=?, error=? WHERE status=?",
                (Status.STOPPED.value, INTERRUPTED, Status.STREAMING.value),
            )

    # ---- writing ----------------------------------------------------------------------------
    def save_message(self, conversation: Conversation, message: Message) -> None:
        """Insert or update one message, and its conversation's title, target and head. The
        conversation counts as updated (its place in the chat list) when a message is saved
        whole, not at each save of a reply still streaming: two streaming chats would swap
        places every second under the user's pointer."""
        with self._tx() as db:
            self._save_conversation(db, conversation, touch=message.status is not Status.STREAMING)
            if not self._insert_message(db, conversation.id, message):
                db.execute(
                    "UPDATE messages SET text=?, reasoning=?, status=?, error=?, usage=?, "
                    "first_token=?, finished=?, model=?, provider=?, tools=?, thought=? "
                    "WHERE id=?",
                    (
                        message.text,
                        message.reasoning,
                        message.status.value,
                        message.error,
                        _usage_json(message.usage),
                        message.first_token,
                        message.finished,
                        message.model,
                        message.provider,
                        _tools_json(message),
                        message.thought,
                        message.id,
                    ),
                )

    def _save_conversation(
        self, db: sqlite3.Connection, conversation: Conversation, touch: bool
    ) -> None:
        """Insert or update the conversation's row; ``touch``: it was updated now."""
        self._insert_conversation(
            db,
            conversation,
            time.time(),
            "DO UPDATE SET title=excluded.title, "
            + ("updated=excluded.updated, " if touch else "")
            + "provider=excluded.provider, model=excluded.model, head=excluded.head",
        )

    @staticmethod
    def _insert_conversation(
        db: sqlite3.Connection, conversation: Conversation, updated: float, on_conflict: str
    ) -> bool:
        """Insert a conversation's row; ``on_conflict`` says what an existing one gets.
        Whether a row was written."""
        cursor = db.execute(
            "INSERT INTO conversations(id, title, created, updated, provider, model, head, "
            f"options, pinned) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) {on_conflict}",
            (
                conversation.id,
                conversation.title,
                conversation.created,
                updated,
                conversation.provider,
                conversation.model,
                conversation.head,
                json.dumps(asdict(conversation.options)),
                int(conversation.pinned),
            ),
        )
        return cursor.rowcount == 1

    def _insert_message(
        self, db: sqlite3.Connection, conversation_id: str, m: Message, position: int | None = None
    ) -> bool:
        """Insert ``m`` with its images unless a message with its id exists; whether it did.
        It goes after the chat's other messages, or at ``position`` (put back by Undo)."""
        cursor = db.execute(
            f"INSERT INTO messages(conversation_id, position, {_MESSAGE_COLUMNS}) "
            "VALUES (?, COALESCE(?, (SELECT COALESCE(MAX(position), -1) + 1 FROM messages "
            "WHERE conversation_id=?)), ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
            (
                conversation_id,
                position,
                conversation_id,
                m.id,
                m.parent_id,
                m.role,
                m.text,
                m.reasoning,
                m.status.value,
                m.provider,
                m.model,
                m.error,
                _usage_json(m.usage),
                m.started,
                m.first_token,
                m.finished,
                _tools_json(m),
                m.thought,
            ),
        )
        if cursor.rowcount == 0:
            return False
        for position, a in enumerate(m.attachments):
            digest = sha256_hex(a.data)
            if db.execute("SELECT 1 FROM blobs WHERE sha256=?", (digest,)).fetchone() is None:
                db.execute("INSERT INTO blobs VALUES (?, ?)", (digest, a.data))
            f = fields(a)
            db.execute(
                "INSERT INTO attachments(message_id, position, name, mime, width, height, sha256, "
                "pages, language) VALUES (?,?,?,?,?,?,?,?,?)",
                (m.id, position, f["name"], f["mime"], f["width"], f["height"], digest,
                 f["pages"], f["language"]),
            )  # fmt: skip
        return True

    def set_head(self, conversation_id: str, head: str | None) -> None:
        """Remember which path of the tree is shown."""
        with self._tx() as db:
            db.execute("UPDATE conversations SET head=? WHERE id=?", (head, conversation_id))

    def take_messages(self, conversation: Conversation, message_ids: Sequence[str]) -> Deleted:
        """Delete messages of ``conversation``, keeping all ``put_back`` needs to undo it."""
        positions: dict[str, int] = {}
        for chunk in _chunks(message_ids):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT id, position FROM messages WHERE id IN ({marks})", chunk
            )
            positions.update((r[0], r[1]) for r in rows)
        taken = [(positions[m.id], m) for m in self.messages(conversation.id, message_ids)]
        self.delete_messages(message_ids)
        return Deleted(conversation.id, conversation.head, sorted(taken, key=lambda t: t[0]))

    def put_back(self, deleted: Deleted) -> None:
        """Undo ``take_messages``: the messages return to their places in the tree (the
        order of siblings included), and the chat shows the path it showed before."""
        with self._tx() as db:
            for position, message in deleted.messages:
                self._insert_message(db, deleted.conversation_id, message, position)
            db.execute(
                "UPDATE conversations SET head=? WHERE id=?",
                (deleted.head, deleted.conversation_id),
            )

    def delete_messages(self, message_ids: Sequence[str]) -> None:
        with self._tx() as db:
            db.executemany("DELETE FROM messages WHERE id=?", [(i,) for i in message_ids])
            self._drop_unused_blobs(db)

    def keep_blob(self, data: bytes) -> None:
        """Store an attachment's bytes before the message that holds them is saved: called
        from a worker thread while the user is still writing, with a connection of its own.
        Saving the message then finds them, and writes no picture on the window's thread (a 4
        MB one took 6 ms there). Bytes no message holds go when taken out of the message box
        (``drop_kept_blob``) or, kept for a draft or left by a crash, at the next start."""
        if self._in_memory:  # one connection only: the message's save stores them
            return
        try:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=1.0)
            try:
                db.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?)", (sha256_hex(data), data))
            finally:
                db.close()
        except sqlite3.Error:  # busy, read-only, gone: the message's save stores them instead
            log.info("could not keep an attachment ahead", exc_info=True)

    def drop_kept_blob(self, data: bytes) -> None:
        """An attachment taken out of the message box: its kept bytes go, unless a message
        holds them."""
        digest = sha256_hex(data)
        with self._tx() as db:
            db.execute(
                "DELETE FROM blobs WHERE sha256=? "
                "AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256=?)",
                (digest, digest),
            )

    def _drop_unused_blobs(self, db: sqlite3.Connection) -> None:
        db.execute(
            "DELETE FROM blobs WHERE NOT EXISTS "
            "(SELECT 1 FROM attachments a WHERE a.sha256 = blobs.sha256)"
        )

    def merge(self, conversation: Conversation, messages: Sequence[Message]) -> tuple[bool, int]:
        """Add a chat (if new) and those of its messages that are not here (parents first);
        nothing that exists is changed. Whether the chat was new, and messages added."""
        with self._tx() as db:
            updated = max([conversation.created, *(m.started for m in messages)])
            new_chat = self._insert_conversation(db, conversation, updated, "DO NOTHING")
            known = {
                r[0]
                for r in db.execute(
                    "SELECT id FROM messages WHERE conversation_id=?", (conversation.id,)
                )
            }
            added = 0
            for message in messages:
                if message.parent_id is not None and message.parent_id not in known:
                    message.parent_id = None  # its parent is missing: it starts a branch
                if self._insert_message(db, conversation.id, message):
                    known.add(message.id)
                    added += 1
            return new_chat, added

    # ---- conversations ----------------------------------------------------------------------
    def rename(self, conversation_id: str, title: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE conversations SET title=? WHERE id=?", (title, conversation_id))

    def set_pinned(self, conversation_id: str, pinned: bool) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE conversations SET pinned=? WHERE id=?", (int(pinned), conversation_id)
            )

    def save_target(self, conversation: Conversation) -> None:
        """Keep the provider and model that answer a chat from now on."""
        with self._tx() as db:
            db.execute(
                "UPDATE conversations SET provider=?, model=? WHERE id=?",
                (conversation.provider, conversation.model, conversation.id),
            )

    def save_options(self, conversation: Conversation) -> None:
        """Keep a chat's own system prompt and parameters (the chat is saved if it is new)."""
        with self._tx() as db:
            self._save_conversation(db, conversation, touch=False)
            db.execute(
                "UPDATE conversations SET options=? WHERE id=?",
                (json.dumps(asdict(conversation.options)), conversation.id),
            )

    def trash(self, conversation_id: str) -> None:
        """Move a conversation to the trash: hidden from the list and search until restored."""
        with self._tx() as db:
            db.execute(
                "UPDATE conversations SET trashed=? WHERE id=?", (time.time(), conversation_id)
            )

    def restore(self, conversation_id: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE conversations SET trashed=NULL WHERE id=?", (conversation_id,))

    def empty_trash(self, older_than: float | None = None) -> int:
        """Erase trashed conversations (those trashed before ``older_than``, or all)."""
        with self._tx() as db:
            cursor = db.execute(
                "DELETE FROM conversations WHERE trashed IS NOT NULL AND trashed < ?",
                (time.time() + 1 if older_than is None else older_than,),
            )
            if cursor.rowcount:  # at start-up there is usually nothing old: no blob scan
                self._drop_unused_blobs(db)
            return cursor.rowcount

    def delete_conversation(self, conversation_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM conversations WHERE id=?", (conversation_id,))
            self._drop_unused_blobs(db)

    def conversations(self, limit: int = 200) -> list[ConversationSummary]:
        """Pinned first, then the most recently updated; none from the trash."""
        rows = self._db.execute(
            "SELECT id, title, updated, pinned FROM conversations WHERE trashed IS NULL "
            "ORDER BY pinned DESC, updated DESC LIMIT ?",
            (limit,),
        )
        return _summaries(rows)

    def trashed(self) -> list[ConversationSummary]:
        rows = self._db.execute(
            "SELECT id, title, updated, pinned FROM conversations WHERE trashed IS NOT NULL "
            "ORDER BY trashed DESC"
        )
        return _summaries(rows)

    def conversation_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM conversations ORDER BY created")]

    # ---- reading ----------------------------------------------------------------------------
    def load(self, conversation_id: str, page: int = PAGE) -> Conversation | None:
        """A conversation with the last ``page`` messages of its shown path loaded (all of them
        when ``page`` is 0) and the rest of its tree known by id."""
        row = self._db.execute(
            "SELECT title, created, provider, model, head, options, pinned FROM conversations "
            "WHERE id=?",
            (conversation_id,),
        ).fetchone()
        if row is None:
            return None
        conversation = Conversation(
            title=row[0],
            id=conversation_id,
            created=row[1],
            provider=row[2],
            model=row[3],
            options=_options(row[5]),
            pinned=bool(row[6]),
        )
        for message_id, parent in self._db.execute(
            "SELECT id, parent_id FROM messages WHERE conversation_id=? ORDER BY position",
            (conversation_id,),
        ):
            conversation.parent_of[message_id] = parent
            conversation.children.setdefault(parent, []).append(message_id)
        head = row[4] if row[4] in conversation.parent_of else None
        if head is None and conversation.parent_of:  # a head lost to a deletion: newest path
            head = conversation.newest_leaf(conversation.children[None][-1])
        self.show_path(conversation, head, page)
        return conversation

    def load_earlier(self, conversation: Conversation, page: int = PAGE) -> list[Message]:
        """Load up to ``page`` more messages before the loaded ones (0: all); the new ones."""
        ids = conversation.earlier[-page:] if page else conversation.earlier
        loaded = self.messages(conversation.id, ids)
        del conversation.earlier[len(conversation.earlier) - len(ids) :]
        conversation.messages[:0] = loaded
        return loaded

    def show_path(self, conversation: Conversation, head: str | None, page: int = PAGE) -> None:
        """Show the path ending at ``head`` with its last ``page`` messages loaded (0: all);
        messages loaded already are reused."""
        path = conversation.path_to(head)
        shown = path[-page:] if page else path
        have = {m.id: m for m in conversation.messages}
        missing = [i for i in shown if i not in have]
        have.update((m.id, m) for m in self.messages(conversation.id, missing))
        conversation.earlier = path[: len(path) - len(shown)]
        conversation.messages = [have[i] for i in shown if i in have]

    def messages(self, conversation_id: str, ids: Sequence[str]) -> list[Message]:
        """The messages with ``ids``, in that order, with their images: two queries."""
        if not ids:
            return []
        found: dict[str, Message] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id IN ({marks})", chunk
            ):
                found[r[0]] = Message(
                    id=r[0],
                    parent_id=r[1],
                    conversation_id=conversation_id,
                    role=r[2],
                    text=r[3],
                    reasoning=r[4],
                    status=Status(r[5]),
                    provider=r[6],
                    model=r[7],
                    error=r[8],
                    usage=Usage(**json.loads(r[9])) if r[9] else None,
                    started=r[10],
                    first_token=r[11],
                    finished=r[12],
                    tools=steps_from_json(json.loads(r[13])) if r[13] != "[]" else [],
                    thought=r[14],
                )
            for r in self._db.execute(
                "SELECT a.message_id, b.data, a.mime, a.name, a.width, a.height, a.pages, "
                "a.language FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 "
                f"WHERE a.message_id IN ({marks}) ORDER BY a.message_id, a.position",
                chunk,
            ):
                found[r[0]].attachments.append(from_fields(*r[1:]))
        return [found[i] for i in ids if i in found]

    def search(self, query: str, limit: int = 50) -> list[ConversationSummary]:
        """Conversations whose title or messages match ``query`` (words; FTS5 syntax escaped).
        Only the newest ``SEARCH_HITS`` matching messages are joined to their conversations."""
        words = query.split()
        terms = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        if not terms:
            return []
        rows = self._db.execute(
            "SELECT id, title, updated, pinned FROM conversations WHERE trashed IS NULL AND ("
            " id IN (SELECT conversation_id FROM messages WHERE rowid IN ("
            "  SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? "
            "  ORDER BY rowid DESC LIMIT ?))"
            " OR title LIKE ? ESCAPE '\\') "
            "ORDER BY pinned DESC, updated DESC LIMIT ?",
            (terms, SEARCH_HITS, "%" + _like(query.strip()) + "%", limit),
        )
        return _summaries(rows)

    # ---- drafts -----------------------------------------------------------------------------
    def save_draft(self, key: str, text: str, attached: Sequence[Attachment]) -> None:
        """Keep what was typed and attached but not sent (an empty draft is removed)."""
        with self._tx() as db:
            db.execute("DELETE FROM drafts WHERE key=?", (key,))
            if not text.strip() and not attached:
                return
            db.execute("INSERT INTO drafts VALUES (?,?,?)", (key, text, time.time()))
            rows = [(key, i, a.data, fields(a)) for i, a in enumerate(attached)]
            db.executemany(
                "INSERT INTO draft_images(key, position, data, name, mime, width, height, pages, "
                "language) VALUES (?,?,?,?,?,?,?,?,?)",
                [(k, i, data, f["name"], f["mime"], f["width"], f["height"], f["pages"],
                  f["language"]) for k, i, data, f in rows],
            )  # fmt: skip

    def load_draft(self, key: str) -> tuple[str, list[Attachment]]:
        """The draft kept for ``key``: its text and attachments ("" and none without one)."""
        row = self._db.execute("SELECT text FROM drafts WHERE key=?", (key,)).fetchone()
        if row is None:
            return "", []
        attached = [
            from_fields(*r)
            for r in self._db.execute(
                "SELECT data, mime, name, width, height, pages, language FROM draft_images "
                "WHERE key=? ORDER BY position",
                (key,),
            )
        ]
        return str(row[0]), attached


def _summaries(rows: Iterable[tuple[str, str, float, int]]) -> list[ConversationSummary]:
    """Summaries from rows of (id, title, updated, pinned)."""
    return [ConversationSummary(r[0], r[1], r[2], bool(r[3])) for r in rows]


def _tools_json(message: Message) -> str:
    return json.dumps([step.to_json() for step in message.tools]) if message.tools else "[]"


def _usage_json(usage: Usage | None) -> str | None:
    return json.dumps(asdict(usage)) if usage else None


def _options(raw: str) -> ChatOptions:
    try:
        return ChatOptions.from_json(json.loads(raw))
    except ValueError:
        return ChatOptions()


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _chunks(ids: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """Pieces small enough for SQLite's limit on bound parameters."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
