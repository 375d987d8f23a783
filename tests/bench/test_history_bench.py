"""`make bench`: the conversation core with big histories, each next to a floor from this run.

- opening a 10,000-message conversation, to its latest page painted in the window, against
  opening a conversation that is only that page long;
- full-text search over 100,000 messages, worst of 20 queries, against the bare FTS lookup of
  the same words;
- the cost per streamed token in a chat with 2,000 earlier messages against an empty chat, one
  write per SSE event as servers send them.
"""

from __future__ import annotations

import asyncio
import gc
import json
import statistics
import time
import uuid
from collections.abc import Callable

import pytest
from aiohttp import web
from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from gui.app import ConfabApp
from gui.core.conversation import Conversation, Message
from gui.core.history import PAGE, HistoryStore
from tests.gui.helpers import next_signal
from tests.gui.test_chat_window import PATH, type_and_send
from tests.localserver import LocalServer

pytestmark = pytest.mark.bench

OPEN_TARGET = 0.250  # s, 10,000 messages to the latest page painted (issue 8)
SEARCH_TARGET = 0.030  # s, worst of 20 queries over 100,000 messages
TOKEN_TARGET = 1.2  # per-token cost with 2,000 earlier messages, times an empty chat's

WORDS = [f"w{n:04d}" for n in range(5000)]


def mark(ok: bool) -> str:
    return "ok" if ok else "MISS"


def long_chat(store: HistoryStore, count: int) -> str:
    """A conversation of ``count`` messages of ~60 words, written in one transaction."""
    chat = Conversation(title=f"{count} messages")
    store.save_message(chat, chat.add(Message("user", "start")))
    rows, parent = [], chat.head
    for n in range(1, count):
        text = " ".join(WORDS[(n * 7 + k) % len(WORDS)] for k in range(60))
        mid = uuid.uuid4().hex
        rows.append((mid, chat.id, n, parent, "user" if n % 2 == 0 else "assistant", text))
        parent = mid
    with store._tx() as db:
        db.executemany(
            "INSERT INTO messages(id, conversation_id, position, parent_id, role, text, "
            "reasoning, status, provider, model, error, started) "
            "VALUES (?,?,?,?,?,?,'','done','','','',0)",
            rows,
        )
        db.execute("UPDATE conversations SET head=? WHERE id=?", (parent, chat.id))
    return chat.id


class Painted(QObject):
    """Set when the watched widget paints."""

    def __init__(self) -> None:
        super().__init__()
        self.done = asyncio.Event()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.done.set()
        return False


async def time_to_paint(app: ConfabApp, conversation_id: str) -> float:
    """From asking for a conversation to its page painted in the window."""
    viewport = app.window.chat_view.viewport()
    app.controller.new_conversation()
    await asyncio.sleep(0.05)  # let the blank chat paint first (not what is measured)
    painted = Painted()
    viewport.installEventFilter(painted)
    start = time.perf_counter()
    app.controller.open_conversation(conversation_id)
    viewport.update()
    await painted.done.wait()
    elapsed = time.perf_counter() - start
    viewport.removeEventFilter(painted)
    return elapsed


async def test_opening_a_long_conversation(confab: ConfabApp) -> None:
    big = long_chat(confab.history, 10_000)
    page = long_chat(confab.history, PAGE)
    floor = statistics.median([await time_to_paint(confab, page) for _ in range(5)])
    opened = statistics.median([await time_to_paint(confab, big) for _ in range(5)])
    start = time.perf_counter()
    confab.history.load(big, page=0)
    whole = time.perf_counter() - start
    print(f"\n[bench] open {PAGE}-message chat, page painted   {floor * 1000:6.1f} ms   1.00x")
    print(
        f"[bench] open 10,000-message chat, page painted {opened * 1000:6.1f} ms   "
        f"{opened / floor:5.2f}x   target {OPEN_TARGET * 1000:.0f} ms  "
        f"{mark(opened <= OPEN_TARGET)}"
    )
    print(f"[bench] (loading all 10,000 messages instead:   {whole * 1000:6.1f} ms, not done)")


def test_search_over_a_hundred_thousand_messages(tmp_path: object) -> None:
    from pathlib import Path

    store = HistoryStore(Path(str(tmp_path)) / "h.sqlite3")
    for _ in range(100):
        long_chat(store, 1000)
    queries = [WORDS[n] for n in range(0, 5000, 250)]  # 20 words, each in ~1,200 messages
    queries[-1] = "w0001 w0002"  # and one of two words

    def worst(run: Callable[[str], object]) -> float:
        times = []
        for query in queries:
            start = time.perf_counter()
            run(query)
            times.append(time.perf_counter() - start)
        return max(times)

    def bare(query: str) -> object:
        terms = " ".join(f'"{w}"' for w in query.split())
        sql = "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? LIMIT 50"
        return store._db.execute(sql, (terms,)).fetchall()

    floor = worst(bare)
    searched = worst(store.search)
    assert store.search("w0001")
    print(
        f"\n[bench] 100,000 messages: bare FTS lookup, worst of 20   {floor * 1000:6.2f} ms  1.00x"
    )
    print(
        f"[bench] 100,000 messages: search(), worst of 20          {searched * 1000:6.2f} ms  "
        f"{searched / floor:5.2f}x   target {SEARCH_TARGET * 1000:.0f} ms  "
        f"{mark(searched <= SEARCH_TARGET)}"
    )
    store.close()


TOKENS = 4000


def one_write_per_event(server: LocalServer) -> None:
    """An OpenAI-style stream of TOKENS events, each its own write, as servers send them."""
    events = [
        f"data: {json.dumps({'choices': [{'index': 0, 'delta': {'content': f'tok{n} '}}]})}\n\n"
        for n in range(TOKENS)
    ]
    stop = {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    events += [f"data: {json.dumps(stop)}\n\n", "data: [DONE]\n\n"]

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for event in events:
            await response.write(event.encode())
        await response.write_eof()
        return response

    server.route("POST", PATH, handler)


async def per_token(qtbot: QtBot, app: ConfabApp) -> float:
    finished = asyncio.ensure_future(next_signal(app.controller.message_finished, 300))
    await type_and_send(qtbot, app, "go on")
    (reply,) = await finished
    assert reply.first_token is not None and reply.finished is not None
    assert reply.text.count("tok") == TOKENS
    return (reply.finished - reply.first_token) / TOKENS


async def test_token_cost_with_a_long_history(
    qtbot: QtBot, confab: ConfabApp, server: LocalServer
) -> None:
    one_write_per_event(server)
    long = long_chat(confab.history, 2000)
    empty, full = [], []
    for _ in range(3):  # interleaved, so drift on the machine hits both alike
        confab.controller.new_conversation()
        empty.append(await per_token(qtbot, confab))
        confab.controller.open_conversation(long)
        full.append(await per_token(qtbot, confab))
    floor, cost = statistics.median(empty), statistics.median(full)
    print(f"\n[bench] per token, empty chat                {floor * 1e6:7.1f} µs   1.00x")
    print(
        f"[bench] per token, 2,000 earlier messages     {cost * 1e6:7.1f} µs   "
        f"{cost / floor:5.2f}x   target {TOKEN_TARGET:.1f}x  {mark(cost / floor <= TOKEN_TARGET)}"
    )


THEME_TARGET = 0.050  # s: the longest the window may block (issue 25's rule for any work)


async def test_switching_theme_on_a_two_thousand_message_chat(confab: ConfabApp) -> None:
    """Light to dark and back with a long chat open (all 2,000 messages loaded), against the
    same switch on an empty chat in this run: time to the next paint, and the worst lateness
    of a 5 ms timer meanwhile."""
    # As the app's own process runs (ConfabApp._start_up_done): what lived once it started
    # is out of the collector's view. Without it, a full collection here walked this test
    # process's heap (pytest, earlier benches' leftovers): 80-98 ms stalls no user meets.
    gc.freeze()
    try:
        await theme_switches(confab)
    finally:
        gc.unfreeze()


async def theme_switches(confab: ConfabApp) -> None:
    from gui.startup_probe import StallMeter

    viewport = confab.window.chat_view.viewport()

    async def switch() -> tuple[float, float]:
        times, worst = [], 0.0
        for choice in ("dark", "light", "dark", "light"):
            painted = Painted()
            viewport.installEventFilter(painted)
            with StallMeter() as late:
                start = time.perf_counter()
                confab.choose_appearance(choice)
                viewport.update()
                await painted.done.wait()
                times.append(time.perf_counter() - start)
            viewport.removeEventFilter(painted)
            worst = max(worst, late.worst)
        return statistics.median(times), worst

    confab.controller.new_conversation()
    await asyncio.sleep(0.05)  # the empty chat painted (not measured)
    floor, floor_late = await switch()
    chat = long_chat(confab.history, 2000)
    confab.controller.open_conversation(chat)
    while confab.controller.conversation.earlier:  # every page, as after scrolling back
        confab.window.chat_view.earlier_requested.emit()
        await asyncio.sleep(0)
    assert len(confab.controller.conversation.messages) == 2000
    await asyncio.sleep(0.05)
    took, late = await switch()
    print(f"\n[bench] theme switch, empty chat          {floor * 1000:6.1f} ms   1.00x"
          f"   worst late {floor_late * 1000:.0f} ms")  # fmt: skip
    print(
        f"[bench] theme switch, 2,000 messages open  {took * 1000:6.1f} ms   {took / floor:5.2f}x"
        f"   worst late {late * 1000:.0f} ms   ≤ {THEME_TARGET * 1000:.0f} ms  "
        f"{mark(late <= THEME_TARGET)}"
    )
