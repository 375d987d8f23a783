"""ReplyStream: one running reply, from its provider's stream to the screen and the history.

The stream is consumed in its own task that yields to the event loop every few dozen chunks;
text is buffered and handed on ~30 times a second, by a timer that runs only while something
waits to be shown; whatever is not saved yet is saved once a second has passed since the last
save, whether or not more text arrives, and when the reply ends, fails or is stopped. Several
can run at once, one per conversation; none of them knows which conversation is on screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from gui.core.conversation import Conversation, Message, Status
from gui.core.settings import ProviderSettings
from gui.core.text import QT_TRANSLATE_NOOP
from gui.core.tool_steps import ToolStep
from gui.i18n import provider_error, provider_label
from gui.message import MessageBridge
from providers.backend_api import merge_conversation
from providers.base import AsyncGeneratorProvider, MediaItem
from providers.chunks import (
    FinishReason,
    ProviderInfo,
    RawResponse,
    Reasoning,
    ToolCall,
    ToolResult,
    Usage,
)
from providers.errors import ProviderError
from providers.files import PreparedFile
from providers.keys import KeyStore
from providers.media import PreparedImage, prepare
from providers.redact import redact
from providers.tool_loop import Toolbox, run_with_tools

log = logging.getLogger(__name__)

FLUSH_MS = 33
FLUSH_GAP = 0.008  # s: replies streaming at once are shown in turns at least this far apart
SAVE_EVERY = 1.0
YIELD_EVERY = 32
MAX_LENGTH = QT_TRANSLATE_NOOP("Core", "the reply reached the maximum length")
"""Kept as a finished reply's error when the provider stopped it for length."""

Saver = Callable[[Conversation, Message], None]


class ToolUse(Protocol):
    """Tools a reply may use (gui/tools_host.py), and who says yes to each call."""

    @property
    def max_steps(self) -> int: ...

    def toolbox_for(self, conversation: Conversation) -> Toolbox | None: ...

    def server_of(self, tool: str) -> Any: ...

    async def approve(self, call: ToolCall, conversation: Conversation) -> bool: ...


@dataclass(frozen=True)
class Target:
    """Who answers a reply and how: fixed when the reply starts."""

    provider: type[AsyncGeneratorProvider]
    settings: ProviderSettings
    keys: KeyStore
    tools: ToolUse | None = None

    def request_options(self, conversation: Conversation) -> dict[str, Any]:
        """Temperature and length: the chat's own, else the provider's."""
        own, provider = conversation.options, self.settings
        temperature = provider.temperature if own.temperature is None else own.temperature
        max_tokens = provider.max_tokens if own.max_tokens is None else own.max_tokens
        return {"temperature": temperature, "max_tokens": max_tokens}

    def system_prompt(self, conversation: Conversation) -> str:
        return conversation.options.system_prompt or self.settings.system_prompt


class ReplyStream(QObject):
    """Streams ``reply``: on ``conversation``'s path right after its prompt, or beside
    ``anchor`` (a reply on the path to the same prompt, as compared replies are). Without
    ``images`` the prompt's images are left out (a compared target that cannot read them)."""

    shown_at = float("-inf")  # when any reply last flushed text to be shown (perf_counter)
    updated = Signal(object)  # Message: text arrived
    tools_changed = Signal(object)  # Message: a tool call was made, or gave its result
    finished = Signal(object)  # Message: done, stopped or failed (and saved)

    def __init__(
        self,
        conversation: Conversation,
        reply: Message,
        target: Target,
        save: Saver,
        messages: MessageBridge,
        parent: QObject | None = None,
        anchor: Message | None = None,
        images: bool = True,
    ) -> None:
        super().__init__(parent)
        self._messages = messages
        self._anchor = anchor or reply  # where on the path this reply stands
        self._images = images
        self.conversation = conversation
        self.reply = reply
        self.target = target
        self._save = save
        self._text: list[str] = []
        self._reasoning: list[str] = []
        self._last_save = time.monotonic()
        self._unsaved = False  # text the history file does not have yet
        # Single-shot, started by the first text after a flush: an idle or paused stream
        # wakes nothing up, except once to save what it holds (SAVE_EVERY).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self._take_turn)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def wait(self) -> None:
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._task)

    async def _run(self) -> None:
        conversation, reply, target = self.conversation, self.reply, self.target
        provider = target.provider
        name = provider.get_name()
        try:
            # The keyring answers over D-Bus, which can take a while: never on the UI thread.
            key = await asyncio.to_thread(target.keys.for_provider, provider)
            prompt = conversation.messages[conversation.index_of(self._anchor.id) - 1]
            # Prepared once: files always go, images where the provider reads them.
            media: list[MediaItem] = [
                (a, a.name)
                for a in prompt.attachments
                if self._images or isinstance(a, PreparedFile)
            ]
            earlier = await self._earlier_images(prompt) if self._images else {}
            history = conversation.api_messages(
                target.system_prompt(conversation),
                upto=self._anchor,
                images=earlier,
                files=self._earlier_files(prompt),
            )
            routing: dict[str, Any] = {}
            if provider.supports_routes:
                routing = {
                    "provider": target.settings.route or None,
                    "conversation": conversation.provider_state.get(name),
                }
            request: dict[str, Any] = {
                "media": media,
                **target.settings.connection(key),
                **target.request_options(conversation),
                **routing,
            }
            if not provider.supports_tools and any(m.get("tool_calls") for m in history):
                self._messages.warning(
                    self.tr(
                        "The tool calls earlier in this chat were sent to {provider} as text: "
                        "it cannot call tools."
                    ).format(provider=provider_label(provider))
                )
            tools = target.tools
            toolbox = tools.toolbox_for(conversation) if tools is not None else None
            if tools is not None and toolbox is not None and provider.supports_tools:
                stream = run_with_tools(
                    provider,
                    reply.model,
                    history,
                    toolbox=toolbox,
                    approve=partial(tools.approve, conversation=conversation),
                    max_steps=tools.max_steps,
                    **request,
                )
            else:
                stream = provider.create_async_generator(reply.model, history, **request)
            async with contextlib.aclosing(stream) as items:
                count = 0
                async for item in items:
                    if isinstance(item, RawResponse) and item.type == "conversation":
                        state = conversation.provider_state.get(name)
                        conversation.provider_state[name] = merge_conversation(state, item)
                    self._take(item)
                    count += 1
                    if count % YIELD_EVERY == 0:
                        await asyncio.sleep(0)  # aiohttp hands over buffered lines unsuspended
            reply.status = Status.DONE
        except asyncio.CancelledError:
            reply.status = Status.STOPPED
        except ProviderError as exc:
            reply.status, reply.error_kind = Status.FAILED, exc.kind
            reply.error = provider_error(exc)  # kept as the user read it, in their language
        except Exception as exc:  # an async slot's exception is only printed: show it inline
            log.exception("reply failed unexpectedly")
            reply.status = Status.FAILED
            reply.error = redact(
                f"{provider_label(provider)}: unexpected error: {type(exc).__name__}: {exc}"
            )
            reply.error_kind = "internal"
        finally:
            self._timer.stop()
            self._flush()
            reply.finished = time.time()
            self._save(conversation, reply)
            self.finished.emit(reply)

    def _earlier_files(self, prompt: Message) -> set[int]:
        """Which earlier files to send again (by ``id()``): newest first, as many pages as a
        provider that reads PDFs takes with the prompt's own; the user is told what was left
        out. Text goes whole (a server whose context it overflows says so)."""
        limits = self.target.provider.file_limits
        found = self.conversation.earlier_files(prompt)
        room = limits.max_pages - sum(f.pages for f in prompt.attachments
                                      if isinstance(f, PreparedFile))  # fmt: skip
        kept: set[int] = set()
        for file in found:
            if file.is_pdf and limits.pdf:
                if file.pages > room:
                    continue
                room -= file.pages
            kept.add(id(file))
        if left_out := [f.name for f in found if id(f) not in kept]:
            self._messages.warning(
                self.tr(
                    "Files from earlier messages were not sent again: {names}. {provider} takes "
                    "{most} pages per request, so the oldest were left out."
                ).format(
                    names=", ".join(left_out),
                    provider=provider_label(self.target.provider),
                    most=limits.max_pages,
                )
            )
        return kept

    async def _earlier_images(self, prompt: Message) -> dict[str, list[PreparedImage]]:
        """Images of earlier turns to send again, newest first within the provider's limit
        (the prompt's own count first); the user is told what had to be left out."""
        provider = self.target.provider
        limits = provider.image_limits
        found = self.conversation.earlier_images(prompt)
        takes_them = provider.supports_images and provider.images_in_history
        room = max(0, limits.max_count - len(prompt.attachments)) if takes_them else 0
        kept: dict[str, list[PreparedImage]] = {}
        for message_id, image in found[:room]:
            if not image.fits(limits):  # attached while another provider was chosen
                image = await asyncio.to_thread(prepare, image, limits, image.name)
            kept.setdefault(message_id, []).insert(0, image)
        left_out = len(found) - min(room, len(found))
        if left_out and takes_them:
            self._messages.warning(
                self.tr(
                    "{count} image(s) from earlier messages were not sent again: {provider} "
                    "takes {most} per request, so the oldest were left out."
                ).format(count=left_out, provider=provider_label(provider), most=limits.max_count)
            )
        elif left_out:
            self._messages.warning(
                self.tr(
                    "Images from earlier messages were not sent again: {provider} does not "
                    "take them."
                ).format(provider=provider_label(provider))
            )
        return kept

    def _take(self, item: object) -> None:
        reply = self.reply
        if isinstance(item, str | Reasoning) and reply.first_token is None:
            reply.first_token = time.time()
        if isinstance(item, str) and reply.thought is None and (reply.reasoning or self._reasoning):
            reply.thought = time.time() - (reply.first_token or time.time())  # it answers now
        if isinstance(item, str):
            self._text.append(item)
            self._soon()
        elif isinstance(item, Reasoning):
            if item.token:
                self._reasoning.append(item.token)
                self._soon()
        elif isinstance(item, Usage):
            reply.usage = item
        elif isinstance(item, ProviderInfo) and item.model:
            reply.model = item.model
        elif isinstance(item, FinishReason) and item.reason == "length":
            reply.error = MAX_LENGTH
        elif isinstance(item, ToolCall):
            self._timer.stop()
            self._flush()  # the call is made after the text so far
            server = self.target.tools.server_of(item.name) if self.target.tools else None
            step = ToolStep(len(reply.text), item, server=server.name if server else "")
            reply.tools.append(step)
            self.tools_changed.emit(reply)
        elif isinstance(item, ToolResult):
            for step in reply.tools:
                if step.call.id == item.call_id and step.result is None:
                    step.result = item
            self._unsaved = True
            self._soon()  # saved with the next flush
            self.tools_changed.emit(reply)

    def _soon(self) -> None:
        """Text waits to be shown: flush within FLUSH_MS (the timer may be off, or set only
        for the next save)."""
        if not 0 <= self._timer.remainingTime() <= FLUSH_MS:
            self._timer.start(FLUSH_MS)

    def _take_turn(self) -> None:
        """Flush, unless another reply was shown less than FLUSH_GAP ago: then a little later.
        Compared replies stream in step with each other; shown in the same turn of the event
        loop, four of them held it 25-40 ms (each step up to 5 ms, then four paints)."""
        wait = ReplyStream.shown_at + FLUSH_GAP - time.perf_counter()
        if wait > 0 and (self._text or self._reasoning):
            self._timer.start(max(1, math.ceil(wait * 1000)))
        else:
            self._flush()

    def _flush(self) -> None:
        """Show what arrived; save what is unsaved once a second has passed since the last save,
        whether or not more arrives (a stream that pauses must not hold text back)."""
        reply = self.reply
        if self._text or self._reasoning:
            ReplyStream.shown_at = time.perf_counter()
            reply.text += "".join(self._text)
            reply.reasoning += "".join(self._reasoning)
            self._text, self._reasoning = [], []
            self._unsaved = True
            self.updated.emit(reply)
        now = time.monotonic()
        if self._unsaved and now - self._last_save >= SAVE_EVERY:
            self._last_save = now
            self._unsaved = False
            self._save(self.conversation, reply)
        elif self._unsaved:  # come back to save it, even if nothing more arrives
            self._timer.start(int((self._last_save + SAVE_EVERY - now) * 1000) + 1)
