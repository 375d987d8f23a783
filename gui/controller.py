"""ChatController: runs one reply at a time, streams it to the view, and saves it.

The stream is consumed in its own task that yields to the event loop every few dozen chunks;
text is buffered and flushed to the view on a ~30 Hz timer; the reply is saved at least every
second and when it ends, fails or is stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from gui.core.conversation import Conversation, Message, Status
from gui.core.history import HistoryStore
from gui.core.settings import Settings
from providers.backend_api import merge_conversation
from providers.base import AsyncGeneratorProvider, MediaItem
from providers.chunks import FinishReason, ProviderInfo, RawResponse, Reasoning, Usage
from providers.errors import ProviderError
from providers.keys import KeyStore
from providers.media import PreparedImage
from providers.redact import redact

log = logging.getLogger(__name__)

FLUSH_MS = 33
SAVE_EVERY = 1.0
YIELD_EVERY = 32


class ChatController(QObject):
    """Owns the conversation being shown and the task streaming its reply."""

    conversation_opened = Signal(object)  # Conversation
    message_added = Signal(object)  # Message
    message_updated = Signal(object)  # Message, while streaming
    message_finished = Signal(object)  # Message: done, stopped or failed
    message_removed = Signal(str)
    busy_changed = Signal(bool)
    history_changed = Signal()
    notice = Signal(str)  # something the user should know that is not a reply's error
    message_saved = Signal(object)  # Message, each time it reaches the history file

    def __init__(
        self,
        history: HistoryStore,
        keys: KeyStore,
        settings: Settings,
        provider: type[AsyncGeneratorProvider],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.keys = keys
        self.settings = settings
        self.provider = provider
        self.model = settings.for_provider(provider.get_name()).model or provider.default_model
        self.conversation = Conversation()
        self._task: asyncio.Task[None] | None = None
        self._live: Message | None = None
        self._text: list[str] = []
        self._reasoning: list[str] = []
        self._last_save = 0.0
        self._unsaved = False  # the live reply has text the history file does not have yet
        self._not_saved: set[str] = set()  # ids of messages a failed save left out of the file
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self._flush)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    # ---- conversations -------------------------------------------------------------------
    def new_conversation(self) -> None:
        if self.busy:
            return
        self.conversation = Conversation()
        self.conversation_opened.emit(self.conversation)

    def open_conversation(self, conversation_id: str) -> None:
        if self.busy:
            return
        loaded = self.history.load(conversation_id)
        if loaded is not None:
            self.conversation = loaded
            self.conversation_opened.emit(loaded)

    def delete_conversation(self, conversation_id: str) -> None:
        """Erase a conversation from history; the one on screen is replaced by a new chat."""
        if self.busy and conversation_id == self.conversation.id:
            return
        self.history.delete_conversation(conversation_id)
        self.history_changed.emit()
        if conversation_id == self.conversation.id:
            self.new_conversation()

    # ---- turns ----------------------------------------------------------------------------
    def send(self, text: str, images: Sequence[PreparedImage] = ()) -> bool:
        """Add the user's message (saved before anything is requested) and stream a reply."""
        if self.busy or not (text.strip() or images):
            return False
        user = Message("user", text, attachments=list(images))
        conversation = self.conversation
        if not any(m.role == "user" for m in conversation.messages):
            conversation.title = (text.strip().splitlines() or ["Image"])[0][:60]
        conversation.messages.append(user)
        self._save(conversation, user)
        self.history_changed.emit()
        self.message_added.emit(user)
        self._start_reply()
        return True

    def retry(self) -> None:
        """Ask again for the last reply (after a failure, a stop, or to regenerate)."""
        if self.busy:
            return
        messages = self.conversation.messages
        if messages and messages[-1].role == "assistant":
            self._remove(messages[-1])
        if messages and messages[-1].role == "user":
            self._start_reply()

    regenerate = retry

    def take_last_turn(self) -> tuple[str, list[PreparedImage]] | None:
        """Remove the last user message and its reply, returning them for editing."""
        if self.busy:
            return None
        index = self.conversation.last_user_index()
        if index < 0:
            return None
        user = self.conversation.messages[index]
        for message in list(self.conversation.messages[index:]):
            self._remove(message)
        return user.text, list(user.attachments)

    def stop(self) -> None:
        if self.busy and self._task is not None:
            self._task.cancel()

    async def wait_idle(self) -> None:
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._task)

    async def shutdown(self) -> None:
        self.stop()
        await self.wait_idle()

    # ---- streaming ------------------------------------------------------------------------
    def _start_reply(self) -> None:
        self.conversation.provider = self.provider.get_name()
        self.conversation.model = self.model
        reply = Message(
            "assistant",
            status=Status.STREAMING,
            provider=self.provider.get_name(),
            model=self.provider.get_model(self.model),
        )
        self.conversation.messages.append(reply)
        self._save(self.conversation, reply)
        self._live = reply
        self._text, self._reasoning = [], []
        self._last_save = time.monotonic()
        self.message_added.emit(reply)
        self._task = asyncio.ensure_future(self._stream(self.conversation, reply))
        self._timer.start()
        self.busy_changed.emit(True)

    async def _stream(self, conversation: Conversation, reply: Message) -> None:
        provider = self.provider
        name = provider.get_name()
        options = self.settings.for_provider(name)
        try:
            key = self.keys.for_provider(provider)
            user = conversation.messages[conversation.messages.index(reply) - 1]
            media: list[MediaItem] = [(a, a.name) for a in user.attachments]  # prepared once
            history = conversation.api_messages(options.system_prompt)
            routing: dict[str, Any] = {}
            if provider.supports_routes:
                routing = {
                    "provider": options.route or None,
                    "conversation": conversation.provider_state.get(name),
                }
            stream = provider.create_async_generator(
                reply.model,
                history,
                media=media,
                **options.connection(key),
                temperature=options.temperature,
                max_tokens=options.max_tokens,
                **routing,
            )
            async with contextlib.aclosing(stream) as items:
                count = 0
                async for item in items:
                    if isinstance(item, RawResponse) and item.type == "conversation":
                        state = conversation.provider_state.get(name)
                        conversation.provider_state[name] = merge_conversation(state, item)
                    self._take(reply, item)
                    count += 1
                    if count % YIELD_EVERY == 0:
                        await asyncio.sleep(0)  # aiohttp hands over buffered lines unsuspended
            reply.status = Status.DONE
        except asyncio.CancelledError:
            reply.status = Status.STOPPED
        except ProviderError as exc:
            reply.status, reply.error, reply.error_kind = Status.FAILED, str(exc), exc.kind
        except Exception as exc:  # an async slot's exception is only printed: show it inline
            log.exception("reply failed unexpectedly")
            reply.status = Status.FAILED
            reply.error = redact(
                f"{provider.display_name()}: unexpected error: {type(exc).__name__}: {exc}"
            )
            reply.error_kind = "internal"
        finally:
            self._timer.stop()
            self._flush()
            reply.finished = time.time()
            self._live = None
            self._save(conversation, reply)
            self.history_changed.emit()
            self.message_finished.emit(reply)
            self.busy_changed.emit(False)

    def _take(self, reply: Message, item: object) -> None:
        if isinstance(item, str | Reasoning) and reply.first_token is None:
            reply.first_token = time.time()
        if isinstance(item, str):
            self._text.append(item)
        elif isinstance(item, Reasoning):
            if item.token:
                self._reasoning.append(item.token)
        elif isinstance(item, Usage):
            reply.usage = item
        elif isinstance(item, ProviderInfo) and item.model:
            reply.model = item.model
        elif isinstance(item, FinishReason) and item.reason == "length":
            reply.error = "the reply reached the maximum length"

    def _flush(self) -> None:
        """Show what arrived; save what is unsaved once a second has passed since the last save,
        whether or not more arrives (a stream that pauses must not hold text back)."""
        reply = self._live
        if reply is None:
            return
        if self._text or self._reasoning:
            reply.text += "".join(self._text)
            reply.reasoning += "".join(self._reasoning)
            self._text, self._reasoning = [], []
            self._unsaved = True
            self.message_updated.emit(reply)
        now = time.monotonic()
        if self._unsaved and now - self._last_save >= SAVE_EVERY:
            self._last_save = now
            self._unsaved = False
            self._save(self.conversation, reply)

    def _remove(self, message: Message) -> None:
        self.conversation.messages.remove(message)
        try:
            self.history.delete_message(message.id)
        except sqlite3.Error as exc:
            self.notice.emit(f"Could not update the history file: {exc}")
        self.message_removed.emit(message.id)

    def _save(self, conversation: Conversation, message: Message) -> None:
        """Save to history; a failing disk is reported, and the conversation stays on screen.
        Messages an earlier failure left out are saved first, so a reply is never stored
        without the prompt before it."""
        earlier = [
            m
            for m in conversation.messages[: conversation.messages.index(message)]
            if m.id in self._not_saved
        ]
        try:
            for pending in [*earlier, message]:
                self.history.save_message(conversation, pending)
                self._not_saved.discard(pending.id)
                self.message_saved.emit(pending)
        except sqlite3.Error as exc:
            self._not_saved.add(message.id)  # earlier ones stay listed until they are saved
            self.notice.emit(
                f"Could not save to the history file ({exc}); this conversation "
                "is still on screen: export it to keep a copy."
            )
