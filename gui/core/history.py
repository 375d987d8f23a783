"""Conversation history in SQLite: WAL, named migrations, FTS5 search.

The controller saves the user's message before a request starts and the streamed reply at least
every second, so a crash loses at most the last second. A reply found still "streaming" when the
store opens was cut off by a crash and is marked stopped.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from providers.chunks import Usage
from providers.media import PreparedImage

from .conversation import Conversation, Message, Status

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "001_initial",
        """
        CREATE TABLE conversations(
            id TEXT PRIMARY KEY, title TEXT NOT NULL, created REAL NOT NULL,
            updated REAL NOT NULL);
        CREATE TABLE messages(
            id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
            reasoning TEXT NOT NULL, status TEXT NOT NULL, provider TEXT NOT NULL,
            model TEXT NOT NULL, error TEXT NOT NULL, usage TEXT, started REAL,
            first_token REAL, finished REAL);
        CREATE INDEX messages_by_conversation ON messages(conversation_id, position);
        CREATE TABLE attachments(
            message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL,
            width INTEGER NOT NULL, height INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY(message_id, position));
    """,
    ),
    (
        "002_fts",
        """
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            text, content='messages', content_rowid='rowid');
        INSERT INTO messages_fts(rowid, text) SELECT rowid, text FROM messages;
        CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts(rowid, text) VALUES (new.rowid, new.text);
        END;
        CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, text)
                VALUES('delete', old.rowid, old.text);
        END;
        CREATE TRIGGER messages_au AFTER UPDATE OF text ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, text)
                VALUES('delete', old.rowid, old.text);
            INSERT INTO messages_fts(rowid, text) VALUES (new.rowid, new.text);
        END;
    """,
    ),
    (
        "003_drafts",
        """
        CREATE TABLE drafts(
            key TEXT PRIMARY KEY, text TEXT NOT NULL, updated REAL NOT NULL);
        CREATE TABLE draft_images(
            key TEXT NOT NULL REFERENCES drafts(key) ON DELETE CASCADE,
            position INTEGER NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL,
            width INTEGER NOT NULL, height INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY(key, position));
    """,
    ),
    (
        "004_chat_target",
        """
        ALTER TABLE conversations ADD COLUMN provider TEXT NOT NULL DEFAULT '';
        ALTER TABLE conversations ADD COLUMN model TEXT NOT NULL DEFAULT '';
    """,
    ),
)

NEW_CHAT = "new chat"
"""The draft key of a chat not sent yet: its draft comes back in the next new chat."""

INTERRUPTED = "Confab closed while this reply was streaming; the text above is what arrived."


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    id: str
    title: str
    updated: float


_CORRUPT = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
"""The only errors for which a history file is set aside."""


class HistoryStore:
    """One SQLite file; every method is a short transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # A second Confab holding the file waits a second, not sqlite3's default five.
        self._db = sqlite3.connect(path, isolation_level=None, timeout=1.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA secure_delete=ON")  # deleted messages leave no trace on disk
        self._migrate()
        self._recover_interrupted()

    @classmethod
    def open_or_recover(cls, path: Path) -> tuple[HistoryStore, str | None]:
        """Open the store. Only a file SQLite calls corrupt is kept aside and a fresh one
        started; a locked, read-only or unopenable one is left as it is, and this session's
        chats are kept in memory only (nothing is ever renamed that might be fine)."""
        try:
            return cls(path), None
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) not in _CORRUPT:
                return cls.in_memory(), (
                    f"Your history could not be opened ({exc}). It was left as it is; chats "
                    "of this session will not be saved. Another Confab may have it open, or "
                    "the folder may be read-only."
                )
            stamp = int(time.time())
            try:
                for suffix in ("", "-wal", "-shm"):
                    damaged = path.with_name(path.name + suffix)
                    if damaged.exists():
                        damaged.replace(path.with_name(f"{path.name}.corrupt-{stamp}{suffix}"))
                store = cls(path)
            except (OSError, sqlite3.DatabaseError) as again:
                return cls.in_memory(), (
                    f"Your history is damaged ({exc}) and could not be set aside ({again}); "
                    "chats of this session will not be saved."
                )
            notice = (
                f"Your history could not be opened ({exc}); it was kept as "
                f"{path.name}.corrupt-{stamp} and a new history was started."
            )
            return store, notice

    @classmethod
    def in_memory(cls) -> HistoryStore:
        """A history that lives as long as the process: when the file cannot be used."""
        return cls(Path(":memory:"))

    def close(self) -> None:
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

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations(name TEXT PRIMARY KEY, applied REAL)"
        )
        done = {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")}
        for name, script in MIGRATIONS:
            if name in done:
                continue
            with self._tx() as db:
                for statement in _statements(script):
                    db.execute(statement)
                db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, time.time()))

    def _recover_interrupted(self) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE messages SET status=?, error=? WHERE status=?",
                (Status.STOPPED.value, INTERRUPTED, Status.STREAMING.value),
            )

    def save_message(self, conversation: Conversation, message: Message) -> None:
        """Insert or update one message (and its conversation's timestamp)."""
        position = conversation.messages.index(message)
        usage = json.dumps(asdict(message.usage)) if message.usage else None
        with self._tx() as db:
            db.execute(
                "INSERT INTO conversations(id, title, created, updated, provider, model) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "title=excluded.title, updated=excluded.updated, "
                "provider=excluded.provider, model=excluded.model",
                (
                    conversation.id,
                    conversation.title,
                    conversation.created,
                    time.time(),
                    conversation.provider,
                    conversation.model,
                ),
            )
            existed = db.execute("SELECT 1 FROM messages WHERE id=?", (message.id,)).fetchone()
            db.execute(
                "INSERT INTO messages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO "
                "UPDATE SET position=excluded.position, text=excluded.text, "
                "reasoning=excluded.reasoning, status=excluded.status, error=excluded.error, "
                "usage=excluded.usage, first_token=excluded.first_token, "
                "finished=excluded.finished, model=excluded.model, provider=excluded.provider",
                (
                    message.id,
                    conversation.id,
                    position,
                    message.role,
                    message.text,
                    message.reasoning,
                    message.status.value,
                    message.provider,
                    message.model,
                    message.error,
                    usage,
                    message.started,
                    message.first_token,
                    message.finished,
                ),
            )
            if not existed:
                db.executemany(
                    "INSERT INTO attachments VALUES (?,?,?,?,?,?,?)",
                    [
                        (message.id, i, a.name, a.mime, a.width, a.height, a.data)
                        for i, a in enumerate(message.attachments)
                    ],
                )

    def delete_message(self, message_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM messages WHERE id=?", (message_id,))

    def delete_conversation(self, conversation_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM conversations WHERE id=?", (conversation_id,))

    def conversations(self, limit: int = 200) -> list[ConversationSummary]:
        rows = self._db.execute(
            "SELECT id, title, updated FROM conversations ORDER BY updated DESC LIMIT ?", (limit,)
        )
        return [ConversationSummary(*row) for row in rows]

    def load(self, conversation_id: str) -> Conversation | None:
        row = self._db.execute(
            "SELECT title, created, provider, model FROM conversations WHERE id=?",
            (conversation_id,),
        ).fetchone()
        if row is None:
            return None
        conversation = Conversation(
            title=row[0], id=conversation_id, created=row[1], provider=row[2], model=row[3]
        )
        for r in self._db.execute(
            "SELECT id, role, text, reasoning, status, provider, model, error, usage, started, "
            "first_token, finished FROM messages WHERE conversation_id=? ORDER BY position",
            (conversation_id,),
        ).fetchall():
            conversation.messages.append(
                Message(
                    id=r[0],
                    role=r[1],
                    text=r[2],
                    reasoning=r[3],
                    status=Status(r[4]),
                    provider=r[5],
                    model=r[6],
                    error=r[7],
                    usage=Usage(**json.loads(r[8])) if r[8] else None,
                    started=r[9],
                    first_token=r[10],
                    finished=r[11],
                    attachments=self._attachments(r[0]),
                )
            )
        return conversation

    def save_draft(self, key: str, text: str, images: Sequence[PreparedImage]) -> None:
        """Keep what was typed and attached but not sent (an empty draft is removed)."""
        with self._tx() as db:
            db.execute("DELETE FROM drafts WHERE key=?", (key,))
            if not text.strip() and not images:
                return
            db.execute("INSERT INTO drafts VALUES (?,?,?)", (key, text, time.time()))
            db.executemany(
                "INSERT INTO draft_images VALUES (?,?,?,?,?,?,?)",
                [(key, i, a.name, a.mime, a.width, a.height, a.data) for i, a in enumerate(images)],
            )

    def load_draft(self, key: str) -> tuple[str, list[PreparedImage]]:
        """The draft kept for ``key``: its text and images ("" and none without one)."""
        row = self._db.execute("SELECT text FROM drafts WHERE key=?", (key,)).fetchone()
        if row is None:
            return "", []
        images = [
            PreparedImage(r[0], r[1], r[2], r[3], r[4])
            for r in self._db.execute(
                "SELECT data, mime, width, height, name FROM draft_images WHERE key=? "
                "ORDER BY position",
                (key,),
            )
        ]
        return str(row[0]), images

    def _attachments(self, message_id: str) -> list[PreparedImage]:
        rows = self._db.execute(
            "SELECT data, mime, width, height, name FROM attachments WHERE message_id=? "
            "ORDER BY position",
            (message_id,),
        )
        return [PreparedImage(*row) for row in rows]

    def search(self, query: str, limit: int = 50) -> list[ConversationSummary]:
        """Conversations with a message matching ``query`` (words, FTS5 syntax escaped)."""
        terms = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
        if not terms:
            return []
        rows = self._db.execute(
            "SELECT DISTINCT c.id, c.title, c.updated FROM messages_fts f "
            "JOIN messages m ON m.rowid = f.rowid JOIN conversations c ON c.id = m.conversation_id "
            "WHERE messages_fts MATCH ? ORDER BY c.updated DESC LIMIT ?",
            (terms, limit),
        )
        return [ConversationSummary(*row) for row in rows]


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    return statements
