"""The history's write-ahead log is copied into the database file on a thread of its own.

SQLite folds its WAL back into the file (a checkpoint) on the commit that grows it past 1,000
pages, on whatever thread commits: after a 4 MB picture was saved, the window's next save took
12 ms doing it. The store's own connection has that turned off; this thread checkpoints after
commits instead, with a connection of its own (sqlite3 lets other threads run meanwhile), at most
once a second, and the store checkpoints what is left when it closes.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

PAUSE = 1.0  # seconds between two checkpoints, at least: commits in between share one


class Checkpointer:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._due = threading.Event()
        self._stopping = threading.Event()
        self.ran = threading.Event()  # set after each checkpoint
        self._thread = threading.Thread(target=self._run, name="history-checkpoints", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        """A transaction was committed: checkpoint soon."""
        self._due.set()

    def stop(self) -> None:
        self._stopping.set()
        self._due.set()
        self._thread.join(5.0)

    def _run(self) -> None:
        db = sqlite3.connect(self._path, isolation_level=None, timeout=1.0)
        try:
            while True:
                self._due.wait()
                if self._stopping.is_set():
                    return
                self._due.clear()
                # Busy or gone: the next commit, or the store's close, tries again.
                with contextlib.suppress(sqlite3.Error):
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                self.ran.set()
                self._stopping.wait(PAUSE)
        finally:
            db.close()
