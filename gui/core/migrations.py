"""The history file's schema, as named migrations applied once each, in order.

A migration never changes once released; a new one is added instead. Each runs in one
transaction, so a file is either before or after it.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time

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
    (
        "005_message_tree",
        """
        ALTER TABLE messages ADD COLUMN parent_id TEXT;
        UPDATE messages SET parent_id = (
            SELECT p.id FROM messages p
            WHERE p.conversation_id = messages.conversation_id AND p.position < messages.position
            ORDER BY p.position DESC LIMIT 1);
        CREATE INDEX messages_by_parent ON messages(conversation_id, parent_id);
        ALTER TABLE conversations ADD COLUMN head TEXT;
        UPDATE conversations SET head = (
            SELECT m.id FROM messages m WHERE m.conversation_id = conversations.id
            ORDER BY m.position DESC LIMIT 1);
    """,
    ),
    (
        "006_attachment_blobs",
        """
        CREATE TABLE blobs(sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
        INSERT OR IGNORE INTO blobs SELECT sha256_hex(data), data FROM attachments;
        CREATE TABLE attachments_by_hash(
            message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL,
            width INTEGER NOT NULL, height INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            PRIMARY KEY(message_id, position));
        INSERT INTO attachments_by_hash
            SELECT message_id, position, name, mime, width, height, sha256_hex(data)
            FROM attachments;
        DROP TABLE attachments;
        ALTER TABLE attachments_by_hash RENAME TO attachments;
        CREATE INDEX attachments_by_blob ON attachments(sha256);
    """,
    ),
    (
        "007_chat_options",
        """
        ALTER TABLE conversations ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE conversations ADD COLUMN trashed REAL;
        CREATE INDEX conversations_listed ON conversations(trashed, pinned, updated);
    """,
    ),
    (
        # A streaming reply is saved every second: indexing its whole text again each time
        # cost ~15 ms a save for a 1 MB reply. It is indexed once it ends (the index holds a
        # message's text exactly when it is not streaming).
        "008_index_replies_when_they_end",
        """
        INSERT INTO messages_fts(messages_fts, rowid, text)
            SELECT 'delete', rowid, text FROM messages WHERE status = 'streaming';
        DROP TRIGGER messages_ai;
        DROP TRIGGER messages_ad;
        DROP TRIGGER messages_au;
        CREATE TRIGGER messages_ai AFTER INSERT ON messages WHEN new.status != 'streaming' BEGIN
            INSERT INTO messages_fts(rowid, text) VALUES (new.rowid, new.text);
        END;
        CREATE TRIGGER messages_ad AFTER DELETE ON messages WHEN old.status != 'streaming' BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, text)
                VALUES('delete', old.rowid, old.text);
        END;
        CREATE TRIGGER messages_au AFTER UPDATE OF text, status ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, text)
                SELECT 'delete', old.rowid, old.text WHERE old.status != 'streaming';
            INSERT INTO messages_fts(rowid, text)
                SELECT new.rowid, new.text WHERE new.status != 'streaming';
        END;
    """,
    ),
    (
        # A reply's tool calls and their results (gui/core/tool_steps.py), as a JSON list.
        "009_tool_steps",
        """
        ALTER TABLE messages ADD COLUMN tools TEXT NOT NULL DEFAULT '[]';
    """,
    ),
    (
        # Files besides images (gui/core/attachments.py): a PDF's pages, a text file's language.
        "010_files",
        """
        ALTER TABLE attachments ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE attachments ADD COLUMN language TEXT NOT NULL DEFAULT '';
        ALTER TABLE draft_images ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE draft_images ADD COLUMN language TEXT NOT NULL DEFAULT '';
    """,
    ),
    (
        # How long a reply thought before it answered (seconds; NULL: not measured).
        "011_thought",
        """
        ALTER TABLE messages ADD COLUMN thought REAL;
    """,
    ),
)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def migrate(db: sqlite3.Connection) -> None:
    """Apply the migrations ``db`` has not had yet (``db`` is in autocommit mode)."""
    db.create_function("sha256_hex", 1, sha256_hex, deterministic=True)
    db.execute("CREATE TABLE IF NOT EXISTS schema_migrations(name TEXT PRIMARY KEY, applied REAL)")
    done = {row[0] for row in db.execute("SELECT name FROM schema_migrations")}
    for name, script in MIGRATIONS:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                db.execute(statement)
            db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, time.time()))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


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
