"""The session and its reply streams, driven by a provider the test feeds chunk by chunk.

Wire formats are tested against real servers elsewhere; this provider only lets a test hand
the controller each kind of chunk the provider contract allows, in any order, with pauses."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import keyring.backends.fail
import pytest

from gui.controller import ChatController
from gui.core.conversation import Status
from gui.core.history import HistoryStore
from gui.core.settings import Settings
from gui.message import MessageBridge
from providers.base import AsyncGeneratorProvider, MediaItem
from providers.chunks import FinishReason, ProviderInfo, RawResponse, Reasoning, StreamItem, Usage
from providers.keys import KeyStore
from tests.gui.helpers import next_signal

END = object()


class Enqueued(AsyncGeneratorProvider):
    """Yields what the test puts in ``feed``; an exception put there is raised."""

    label = "Enqueued"
    needs_auth = False
    feed: ClassVar[asyncio.Queue[Any]]
    calls: ClassVar[list[dict[str, Any]]] = []

    @classmethod
    async def create_async_generator(  # type: ignore[override]
        cls,
        model: str,
        messages: list[dict[str, Any]],
        *,
        media: Sequence[MediaItem] | None = None,
        **params: Any,
    ) -> AsyncGenerator[StreamItem, None]:
        cls.calls.append({"model": model, "messages": messages, **params})
        while (item := await cls.feed.get()) is not END:
            if isinstance(item, BaseException):
                raise item
            yield item


@pytest.fixture
async def controller(tmp_path: Path) -> AsyncIterator[ChatController]:
    Enqueued.feed = asyncio.Queue()
    Enqueued.calls = []
    store = HistoryStore(tmp_path / "history.sqlite3")
    keys = KeyStore(keyring.backends.fail.Keyring())
    session = ChatController(store, keys, Settings(), Enqueued, MessageBridge())
    session.model = "m1"
    yield session
    await session.shutdown()
    store.close()


async def test_every_kind_of_chunk_lands_in_the_reply(controller: ChatController) -> None:
    finished = asyncio.ensure_future(next_signal(controller.message_finished))
    assert controller.send("hi")
    for item in (
        Reasoning("thinking "),
        Reasoning(status="searching"),  # a status line is not reasoning text
        "Hel",
        ProviderInfo("Router", model="m1-actual"),
        "lo.",
        RawResponse("conversation", {"conversation": {"Router": {"id": "c1"}}}),
        FinishReason("length"),
        Usage(12, 3),
        END,
    ):
        Enqueued.feed.put_nowait(item)
    (reply,) = await finished
    assert (reply.status, reply.text, reply.reasoning) == (Status.DONE, "Hello.", "thinking ")
    assert reply.model == "m1-actual" and reply.usage == Usage(12, 3, 15)
    assert reply.error == "the reply reached the maximum length"
    assert reply.first_token is not None and reply.finished is not None
    assert reply.thought is not None and reply.thought >= 0  # reasoning until "Hel" came
    stored = controller.history.load(controller.conversation.id)
    assert stored is not None and stored.messages[-1].text == "Hello."
    assert stored.messages[-1].thought == reply.thought


async def test_a_provider_crash_is_shown_on_the_reply_and_the_chat_goes_on(
    controller: ChatController,
) -> None:
    finished = asyncio.ensure_future(next_signal(controller.message_finished))
    controller.send("hi")
    Enqueued.feed.put_nowait("partial ")
    Enqueued.feed.put_nowait(RuntimeError("socket exploded"))
    (reply,) = await finished
    assert reply.status is Status.FAILED and reply.text == "partial "
    assert reply.error == "Enqueued: unexpected error: RuntimeError: socket exploded"
    assert not controller.busy
    finished = asyncio.ensure_future(next_signal(controller.message_finished))
    controller.send("again")
    Enqueued.feed.put_nowait("fine")
    Enqueued.feed.put_nowait(END)
    (reply,) = await finished
    assert reply.status is Status.DONE
    sent = [m["content"] for m in Enqueued.calls[-1]["messages"]]
    assert sent == ["hi", "partial ", "again"]


async def test_each_reply_keeps_the_target_it_started_with(controller: ChatController) -> None:
    controller.send("first")
    first = controller.conversation.id
    controller.new_conversation()
    controller.model = "m2"  # the user picks another model for the next chat
    controller.send("second")
    second = controller.conversation.id
    for _ in range(2):  # the two streams share the feed: which gets what does not matter
        Enqueued.feed.put_nowait(END)
    await controller.wait_idle()
    assert sorted(c["model"] for c in Enqueued.calls) == ["m1", "m2"]
    for chat, model in ((first, "m1"), (second, "m2")):
        stored = controller.history.load(chat)
        assert stored is not None and (stored.model, stored.messages[-1].model) == (model, model)
