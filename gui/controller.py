"""ChatController: the session. It holds the conversation on screen and the current target
(provider and model), starts one ReplyStream per reply, and turns the user's actions on
messages (send, edit, regenerate, delete, switch branch; each by message id) into changes of
the conversation tree that are saved before anything is requested.

Several conversations may stream at once; switching chats never stops or blocks one. Signals
about messages carry the Message, whose ``conversation_id`` says which chat it belongs to.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from gui.core.conversation import Conversation, Message, Status
from gui.core.history import Deleted, HistoryStore
from gui.core.settings import ProviderSettings, Settings
from gui.message import MessageBridge
from gui.reply_stream import ReplyStream, Target, ToolUse
from providers.base import AsyncGeneratorProvider
from providers.files import Attachment
from providers.keys import KeyStore


class ChatController(QObject):
    conversation_opened = Signal(object)  # Conversation: another chat is shown
    path_changed = Signal(object)  # Conversation: the shown chat shows another path or page
    message_added = Signal(object)  # Message
    message_updated = Signal(object)  # Message, while streaming
    message_finished = Signal(object)  # Message: done, stopped or failed
    busy_changed = Signal(bool)  # the chat on screen started or stopped streaming
    streaming_changed = Signal()  # the set of streaming chats changed
    history_changed = Signal()
    message_saved = Signal(object)  # Message, each time it reaches the history file
    tools_changed = Signal(object)  # Message: a reply made a tool call or got its result

    def __init__(
        self,
        history: HistoryStore,
        keys: KeyStore,
        settings: Settings,
        provider: type[AsyncGeneratorProvider],
        messages: MessageBridge,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.messages = messages  # what the user must be told, besides replies
        self.history = history
        self.keys = keys
        self.settings = settings
        self.provider = provider
        self.model = settings.for_provider(provider.get_name()).model or provider.default_model
        self.tools: ToolUse | None = None
        """The user's MCP servers' tools, given by the app once it has built them."""
        self.conversation = Conversation()
        self.streams: dict[str, list[ReplyStream]] = {}  # by conversation id; several: compare
        self._not_saved: dict[str, list[Message]] = {}  # by conversation: a failed save's

    @property
    def busy(self) -> bool:
        """Whether the chat on screen is streaming a reply."""
        return self.conversation.id in self.streams

    def streaming(self) -> set[str]:
        """Ids of the conversations streaming now."""
        return set(self.streams)

    # ---- conversations -------------------------------------------------------------------
    def new_conversation(self) -> None:
        self._show(Conversation())

    def open_conversation(self, conversation_id: str) -> None:
        """Show a conversation; one that is streaming is shown as it is, live."""
        running = self.streams.get(conversation_id)
        if running:
            self._show(running[0].conversation)
            return
        try:
            loaded = self.history.load(conversation_id)
        except sqlite3.Error as exc:
            self.messages.warning(
                self.tr("Could not read the history file: {error}").format(error=exc)
            )
            return
        if loaded is not None:
            self._show(loaded)

    def _show(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.conversation_opened.emit(conversation)
        self.busy_changed.emit(self.busy)

    def trash_conversation(self, conversation_id: str) -> None:
        """Move a conversation to the trash (its reply, if streaming, is stopped and kept);
        ``restore_conversation`` brings it back."""
        self.stop(conversation_id)
        if not self._write(self.history.trash, conversation_id):
            return
        self.history_changed.emit()
        if conversation_id == self.conversation.id:
            self.new_conversation()

    def restore_conversation(self, conversation_id: str) -> None:
        if self._write(self.history.restore, conversation_id):
            self.history_changed.emit()

    def rename_conversation(self, conversation_id: str, title: str) -> None:
        title = " ".join(title.split())[:200]
        if not title:
            return
        if conversation_id == self.conversation.id:
            self.conversation.title = title
        if self._write(self.history.rename, conversation_id, title):
            self.history_changed.emit()

    def pin_conversation(self, conversation_id: str, pinned: bool) -> None:
        if conversation_id == self.conversation.id:
            self.conversation.pinned = pinned
        if self._write(self.history.set_pinned, conversation_id, pinned):
            self.history_changed.emit()

    def save_options(self) -> None:
        """Keep the shown chat's own system prompt and parameters (set on its ``options``)."""
        if self.conversation.messages:
            self._write(self.history.save_options, self.conversation)

    # ---- turns ----------------------------------------------------------------------------
    def send(self, text: str, images: Sequence[Attachment] = ()) -> bool:
        """Add the user's message (saved before anything is requested) and stream a reply."""
        if self.busy or not (text.strip() or images):
            return False
        self._add_prompt(text, images)
        self._start_reply(self.conversation)
        return True

    def _add_prompt(self, text: str, images: Sequence[Attachment]) -> None:
        """The user's message on the shown chat, saved; a first one names the chat (after the
        first file when it has no text)."""
        conversation = self.conversation
        if not conversation.messages:
            lines = text.strip().splitlines() or [images[0].name if images else self.tr("Image")]
            conversation.title = lines[0][:60]
        self._add(conversation, conversation.add(Message("user", text, attachments=list(images))))

    def edit(self, message_id: str, text: str, images: Sequence[Attachment] = ()) -> bool:
        """Send an edited version of a user message as a new branch beside it: the original
        and its replies are kept."""
        conversation = self.conversation
        original = conversation.find(message_id)
        if self.busy or original is None or original.role != "user":
            return False
        if not (text.strip() or images):
            return False
        edited = Message("user", text, attachments=list(images))
        conversation.branch(edited, original.parent_id)
        self.path_changed.emit(conversation)
        self._add(conversation, edited, shown=False)
        self._start_reply(conversation)
        return True

    def retry(self, message_id: str | None = None) -> bool:
        """Ask again for a reply (the newest without ``message_id``). The new one is a sibling
        of the old; only a failed reply with no text and nothing after it is replaced, as it
        holds nothing."""
        conversation = self.conversation
        if self.busy or not conversation.messages:
            return False
        if message_id is None:
            message = conversation.messages[-1]
        else:
            found = conversation.find(message_id)
            if found is None:
                return False
            message = found
        if message.role == "user":  # a prompt whose reply never started
            if message is not conversation.messages[-1]:
                return False
            self._start_reply(conversation)
            return True
        prompt = conversation.find(message.parent_id or "")
        if prompt is None:
            return False
        del conversation.messages[conversation.index_of(prompt.id) + 1 :]
        empty = message.status is Status.FAILED and not message.text
        if empty and not conversation.children.get(message.id):
            conversation.forget([message.id])
            self._write(self.history.delete_messages, [message.id])
        self.path_changed.emit(conversation)
        self._start_reply(conversation)
        return True

    def delete_message(self, message_id: str) -> Deleted | None:
        """Delete a message and everything that followed it on every branch; what
        ``restore_messages`` needs to undo it (None if nothing was deleted)."""
        conversation = self.conversation
        if self.busy or conversation.find(message_id) is None:
            return None
        gone = conversation.subtree(message_id)
        parent = conversation.parent_of.get(message_id)
        try:
            deleted = self.history.take_messages(conversation, gone)
        except sqlite3.Error as exc:
            self.messages.warning(
                self.tr("Could not update the history file: {error}").format(error=exc)
            )
            return None
        conversation.forget(gone)
        siblings = conversation.children.get(parent, [])
        head = conversation.newest_leaf(siblings[-1]) if siblings else parent
        self._show_path(conversation, head)
        self.history_changed.emit()
        return deleted

    def restore_messages(self, deleted: Deleted) -> bool:
        """Undo a ``delete_message``: the messages come back where they were, and their chat,
        if on screen, shows the path it showed before. Whether they came back."""
        if deleted.conversation_id in self.streams:
            self.messages.warning(
                self.tr("A reply is streaming in that chat: undo once it has ended.")
            )
            return False
        if not self._write(self.history.put_back, deleted):
            return False
        if deleted.conversation_id == self.conversation.id:
            try:
                loaded = self.history.load(deleted.conversation_id)
            except sqlite3.Error as exc:
                self.messages.warning(
                    self.tr("Could not read the history file: {error}").format(error=exc)
                )
                return False
            if loaded is not None:
                self._adopt(loaded)
        self.history_changed.emit()
        return True

    def _adopt(self, loaded: Conversation) -> None:
        """Take the tree and shown path of ``loaded`` (the chat on screen, read again)."""
        conversation = self.conversation
        conversation.messages, conversation.earlier = loaded.messages, loaded.earlier
        conversation.parent_of, conversation.children = loaded.parent_of, loaded.children
        self.path_changed.emit(conversation)

    def switch_branch(self, message_id: str, step: int) -> bool:
        """Show the sibling ``step`` places from ``message_id`` (-1 older, +1 newer), down to
        that branch's newest reply; the choice is remembered."""
        conversation = self.conversation
        siblings = conversation.siblings(message_id)
        if self.busy or message_id not in siblings:
            return False
        index = siblings.index(message_id) + step
        if not 0 <= index < len(siblings):
            return False
        self._show_path(conversation, conversation.newest_leaf(siblings[index]))
        return True

    def _load_whole_path(self, conversation: Conversation) -> bool:
        """A long chat opened a page at a time: load all of it before it is sent."""
        if not conversation.earlier:
            return True
        try:
            self.history.load_earlier(conversation, page=0)
        except sqlite3.Error as exc:
            self.messages.warning(
                self.tr(
                    "Could not read this chat's earlier messages ({error}); nothing was sent."
                ).format(error=exc)
            )
            return False
        return True

    def _show_path(self, conversation: Conversation, head: str | None) -> None:
        try:
            self.history.show_path(conversation, head)
            self.history.set_head(conversation.id, head)
        except sqlite3.Error as exc:
            self.messages.warning(
                self.tr("Could not update the history file: {error}").format(error=exc)
            )
        self.path_changed.emit(conversation)

    def load_earlier(self) -> bool:
        """Load the previous page of the shown path; whether it could be read."""
        return self._write(self.history.load_earlier, self.conversation)

    # ---- streams --------------------------------------------------------------------------
    def stop(self, conversation_id: str | None = None) -> None:
        """Stop the replies streaming in a conversation (the one on screen by default)."""
        for running in self.streams.get(conversation_id or self.conversation.id, []):
            running.stop()

    def stop_reply(self, reply_id: str) -> None:
        """Stop one reply (a column of a comparison); the others go on."""
        for running in self.streams.get(self.conversation.id, []):
            if running.reply.id == reply_id:
                running.stop()

    async def wait_idle(self) -> None:
        while self.streams:
            await next(iter(self.streams.values()))[0].wait()
            await asyncio.sleep(0)  # let the finished stream's callbacks run

    async def shutdown(self) -> None:
        for conversation_id in list(self.streams):
            self.stop(conversation_id)
        await self.wait_idle()

    def _start_reply(self, conversation: Conversation) -> None:
        provider = self.provider
        conversation.provider = provider.get_name()
        conversation.model = self.model
        if not self._load_whole_path(conversation):
            return
        reply = self._new_reply(provider, self.model)
        self._add(conversation, conversation.add(reply))
        target = Target(provider, self._options(provider), self.keys, self.tools)
        self._stream(conversation, reply, target)

    @staticmethod
    def _new_reply(provider: type[AsyncGeneratorProvider], model: str) -> Message:
        return Message(
            "assistant",
            status=Status.STREAMING,
            provider=provider.get_name(),
            model=provider.get_model(model),
        )

    def _options(self, provider: type[AsyncGeneratorProvider]) -> ProviderSettings:
        return self.settings.for_provider(provider.get_name())

    def _stream(
        self,
        conversation: Conversation,
        reply: Message,
        target: Target,
        anchor: Message | None = None,
        images: bool = True,
    ) -> None:
        """Start streaming ``reply`` (or a sibling of ``anchor``, a reply on the path)."""
        running = ReplyStream(
            conversation, reply, target, self._save, self.messages, self, anchor, images
        )
        running.updated.connect(self.message_updated)
        running.tools_changed.connect(self.tools_changed)
        running.finished.connect(lambda message: self._ended(running, message))
        first = conversation.id not in self.streams
        self.streams.setdefault(conversation.id, []).append(running)
        running.start()
        if first:
            self.streaming_changed.emit()
            if conversation is self.conversation:
                self.busy_changed.emit(True)

    def compare(
        self,
        text: str,
        images: Sequence[Attachment],
        targets: Sequence[tuple[type[AsyncGeneratorProvider], str]],
    ) -> list[Message]:
        """Send one prompt to 2-4 (provider, model) targets at once. The first reply goes on
        the shown path, the others beside it as its siblings, so every reply is kept and can
        be switched to later; each streams on its own, with its provider's own settings.
        Images go to the targets that can read them, files to all, each in the form its
        provider takes; tools to those that call them (each call asked about on its own).
        The replies, in the targets' order."""
        if self.busy or not (text.strip() or images) or len(targets) < 2:
            return []
        self._add_prompt(text, images)
        conversation = self.conversation
        if not self._load_whole_path(conversation):
            return []
        first = targets[0]
        conversation.provider, conversation.model = first[0].get_name(), first[1]
        replies: list[Message] = []
        for provider, model in targets:
            reply = self._new_reply(provider, model)
            anchor = replies[0] if replies else None
            if anchor is None:
                self._add(conversation, conversation.add(reply))
            else:
                self._add(conversation, conversation.add_sibling(reply, anchor), shown=False)
            replies.append(reply)
            target = Target(provider, self._options(provider), self.keys, self.tools)
            self._stream(conversation, reply, target, anchor, images=provider.supports_images)
        return replies

    def continue_with(self, reply_id: str) -> bool:
        """Make a compared reply the conversation's own: show the path through it (the
        others stay as its siblings)."""
        conversation = self.conversation
        if reply_id not in conversation.parent_of or self.busy:
            return False
        self._show_path(conversation, conversation.newest_leaf(reply_id))
        reply = conversation.find(reply_id)
        if reply is not None:  # its target answers from now on, also after reopening
            conversation.provider, conversation.model = reply.provider, reply.model
            self._write(self.history.save_target, conversation)
        return True

    def _ended(self, running: ReplyStream, reply: Message) -> None:
        conversation = running.conversation
        streams = self.streams.get(conversation.id, [])
        if running in streams:
            streams.remove(running)
        if not streams:
            self.streams.pop(conversation.id, None)
        running.deleteLater()
        self.history_changed.emit()
        self.message_finished.emit(reply)
        if conversation.id not in self.streams:
            self.streaming_changed.emit()
            if conversation is self.conversation:
                self.busy_changed.emit(False)

    def _add(self, conversation: Conversation, message: Message, shown: bool = True) -> None:
        self._save(conversation, message)
        self.history_changed.emit()
        if shown:
            self.message_added.emit(message)

    # ---- saving ---------------------------------------------------------------------------
    def _save(self, conversation: Conversation, message: Message) -> None:
        """Save to history; a failing disk is reported, and the conversation stays on screen.
        Messages an earlier failure left out are saved first, so a reply is never stored
        without the prompt before it."""
        pending = self._not_saved.setdefault(conversation.id, [])
        if all(m is not message for m in pending):
            pending.append(message)
        try:
            while pending:
                self.history.save_message(conversation, pending[0])
                self.message_saved.emit(pending.pop(0))
        except sqlite3.Error as exc:
            self.messages.warning(
                self.tr(
                    "Could not save to the history file ({error}); this conversation "
                    "is still on screen: export it to keep a copy."
                ).format(error=exc)
            )
        if not pending:
            del self._not_saved[conversation.id]

    def _write(self, change: Callable[..., object], *args: object) -> bool:
        """Run one history read or change; a failing disk is reported, not raised."""
        try:
            change(*args)
        except sqlite3.Error as exc:
            self.messages.warning(
                self.tr("Could not update the history file: {error}").format(error=exc)
            )
            return False
        return True
