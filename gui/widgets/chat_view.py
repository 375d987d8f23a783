"""The transcript: a QTextBrowser that renders finished messages once and streams a live tail."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from gui.core.conversation import Conversation, Message, Status
from gui.core.markdown_tail import TailSplitter
from gui.render import COPY_SCHEME, DARK, LIGHT, CodeBlocks, Renderer, Theme, is_safe_link
from gui.widgets.image_viewer import ImageViewer

IMAGE_SCHEME = "confab-image"
THUMB = 180


@dataclass
class _Live:
    """The streaming message: where its tail starts and how much of it is rendered for good."""

    message: Message
    frame: QTextFrame
    tail_start: int
    splitter: TailSplitter = field(default_factory=TailSplitter)
    rendered_upto: int = 0


def system_theme() -> Theme:
    """Dark or light, from the platform's colour scheme, else from the palette."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return DARK
    if scheme == Qt.ColorScheme.Light:
        return LIGHT
    window = QGuiApplication.palette().window().color()
    return DARK if window.lightness() < 128 else LIGHT


def _paragraph() -> QTextBlockFormat:
    """A fresh block with paragraph spacing: inserted HTML's first block merges into it."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(6)
    fmt.setBottomMargin(6)
    return fmt


class ChatView(QTextBrowser):
    """Shows one conversation. Links act only on click, and only for http, https and mailto."""

    retry_requested = Signal(str)  # message id
    edit_requested = Signal(str)  # message id
    delete_requested = Signal(str)  # message id
    branch_requested = Signal(str, int)  # message id, -1 for the older sibling or +1
    earlier_requested = Signal()
    code_copied = Signal()
    files_dropped = Signal(object)  # list[QUrl]
    image_dropped = Signal(QImage)
    theme_changed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.setAccessibleName("Conversation")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(True)
        self.anchorClicked.connect(self._on_anchor)
        self.renderer = Renderer(theme)
        self.codes = CodeBlocks()
        self._frames: dict[str, QTextFrame] = {}
        self._messages: dict[str, Message] = {}
        self._expanded: set[str] = set()
        self._live: _Live | None = None
        self._conversation: Conversation | None = None
        self.viewer: ImageViewer | None = None  # the image opened large, if any
        self.opened_links: list[str] = []  # what the user opened, for the status bar and tests

    # ---- safety: nothing is ever loaded from outside ------------------------------------
    def loadResource(self, kind: int, url: QUrl | str) -> object:
        # Attached images are added to the document beforehand (add_message), so Qt only asks
        # here for what the document does not hold: no http, no file:, no qrc:, nothing.
        return None

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == COPY_SCHEME:
            verb, _, arg = url.path().partition("/")
            if verb == "retry":
                self.retry_requested.emit(arg)
            elif verb == "edit":
                self.edit_requested.emit(arg)
            elif verb == "delete":
                self.delete_requested.emit(arg)
            elif verb == "branch":
                message_id, _, step = arg.partition("/")
                self.branch_requested.emit(message_id, -1 if step == "-1" else 1)
            elif verb == "copy" and arg.isdigit() and int(arg) < len(self.codes.blocks):
                QGuiApplication.clipboard().setText(self.codes.blocks[int(arg)])
                self.code_copied.emit()
            elif verb == "reasoning":
                self.toggle_reasoning(arg)
            elif verb == "image":
                self._show_image(arg)
            elif verb == "earlier":
                self.earlier_requested.emit()
            return
        link = url.toString()
        if is_safe_link(link):
            self.opened_links.append(link)
            QDesktopServices.openUrl(url)

    # ---- drops onto the transcript attach images -----------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()
            self.show_drop_zone(True)
        else:
            super().dragEnterEvent(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.show_drop_zone(False)
        super().dragLeaveEvent(event)

    def show_drop_zone(self, shown: bool) -> None:
        """Outline the transcript while files are dragged over it: dropping here attaches."""
        self.setProperty("dropZone", shown)
        self.setStyleSheet(
            "QTextBrowser#chatView { border: 2px dashed palette(highlight); }" if shown else ""
        )

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.show_drop_zone(False)
        mime = event.mimeData()
        if mime.hasUrls():
            self.files_dropped.emit(list(mime.urls()))
            event.acceptProposedAction()
        elif mime.hasImage():
            self.image_dropped.emit(QImage(mime.imageData()))
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Desktops without a colour-scheme setting switch to dark by changing the palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            theme = system_theme()
            if theme != self.renderer.theme:
                self.set_theme(theme)

    # ---- whole conversations ---------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.renderer = Renderer(theme)
        if self._conversation is not None:
            self.show_conversation(self._conversation)
        self.theme_changed.emit()

    def show_conversation(self, conversation: Conversation, keep_top: bool = False) -> None:
        """Render the loaded part of a conversation's shown path, below a link to load more
        when there is more; ``keep_top`` stays at the top (earlier messages were loaded)."""
        self.clear()
        self.codes = CodeBlocks()
        self._frames.clear()
        self._messages.clear()
        self._live = None
        self._conversation = conversation
        if conversation.earlier:
            self._insert_html(
                f'<p align="center"><a href="{COPY_SCHEME}:earlier/">Show earlier messages '
                f"({len(conversation.earlier)})</a></p>"
            )
        for message in conversation.messages:
            self.add_message(message)
        if keep_top:
            self.verticalScrollBar().setValue(0)
        else:
            self.scroll_to_bottom()

    # ---- single messages -------------------------------------------------------------------
    def add_message(self, message: Message) -> None:
        """Append a message; a streaming one becomes the live message."""
        self._messages[message.id] = message
        for index, attachment in enumerate(message.attachments):
            self.document().addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(f"{IMAGE_SCHEME}:{message.id}/{index}"),
                QImage.fromData(attachment.data),
            )
        follow = self._at_bottom()
        frame = self._new_frame(message)
        self._frames[message.id] = frame
        if message.status is Status.STREAMING:
            cursor = frame.firstCursorPosition()
            cursor.insertHtml(self._header(message))
            cursor.insertBlock(_paragraph(), QTextCharFormat())
            self._live = _Live(message, frame, cursor.position())
            if message.text or message.reasoning:  # a chat reopened while its reply streams
                self.update_live(message)
        else:
            self._fill(frame, self._message_html(message))
        if follow:
            self.scroll_to_bottom()

    def update_live(self, message: Message) -> None:
        """Render what arrived since the last update; cost depends on the tail, not the reply."""
        live = self._live
        if live is None or live.message is not message:
            return
        follow = self._at_bottom()
        text = message.text
        stable = live.splitter.advance(text)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        if stable > live.rendered_upto:
            self._select_tail(cursor, live)
            cursor.removeSelectedText()
            cursor.insertHtml(self.renderer.render(text[live.rendered_upto : stable], self.codes))
            cursor.insertBlock(_paragraph(), QTextCharFormat())
            live.tail_start = cursor.position()
            live.rendered_upto = stable
        self._select_tail(cursor, live)
        cursor.removeSelectedText()
        cursor.insertHtml(self._tail_html(message, text[stable:], live))
        cursor.endEditBlock()
        if follow:
            self.scroll_to_bottom()

    def finish_message(self, message: Message) -> None:
        """Render a message for good (the live one when its stream ends)."""
        if self._live is not None and self._live.message is message:
            self._live = None
        self._messages[message.id] = message
        frame = self._frames.get(message.id)
        if frame is None:
            self.add_message(message)
            return
        follow = self._at_bottom()
        self._fill(frame, self._message_html(message))
        if follow:
            self.scroll_to_bottom()

    def _show_image(self, where: str) -> None:
        """Open attachment ``<message id>/<index>`` large, in its own window."""
        message_id, _, index = where.partition("/")
        message = self._messages.get(message_id)
        if message is None or not index.isdigit() or int(index) >= len(message.attachments):
            return
        self.viewer = ImageViewer(message.attachments[int(index)], self)
        self.viewer.show()

    def toggle_reasoning(self, message_id: str) -> None:
        self._expanded ^= {message_id}
        message = self._messages.get(message_id)
        if message is not None and (self._live is None or self._live.message is not message):
            self.finish_message(message)

    # ---- html -----------------------------------------------------------------------------
    def _header(self, message: Message) -> str:
        t = self.renderer.theme
        if message.role == "user":
            who = "You"
        else:
            who = "Assistant" + (f" · {html.escape(message.model)}" if message.model else "")
        return f'<p style="color:{t.muted}; font-weight:600; margin:0">{who}</p>'

    def _message_html(self, message: Message) -> str:
        t = self.renderer.theme
        parts = [self._header(message)]
        if message.attachments:
            images = "".join(
                f'<a href="{COPY_SCHEME}:image/{message.id}/{i}">'
                f'<img src="{IMAGE_SCHEME}:{message.id}/{i}" '
                f'width="{min(THUMB, a.width)}" alt="{html.escape(a.name)}"></a> '
                for i, a in enumerate(message.attachments)
            )
            parts.append(f"<p>{images}</p>")
        if message.reasoning:
            words = len(message.reasoning.split())
            if message.id in self._expanded:
                parts.append(
                    f'<p style="color:{t.muted}"><a href="{COPY_SCHEME}:reasoning/{message.id}">'
                    f"▾ Reasoning ({words} words)</a></p>"
                    f'<blockquote style="color:{t.muted}">'
                    f"{self.renderer.plain(message.reasoning)}</blockquote>"
                )
            else:
                parts.append(
                    f'<p style="color:{t.muted}"><a href="{COPY_SCHEME}:reasoning/{message.id}">'
                    f"▸ Reasoning ({words} words)</a></p>"
                )
        if message.role == "user":
            parts.append(self.renderer.plain(message.text))
        elif message.text:
            parts.append(self.renderer.render(message.text, self.codes))
        parts.append(self._footer(message))
        parts.append(self._actions(message))
        return "".join(parts)

    def _actions(self, message: Message) -> str:
        """The message's action row: branch switcher, edit or regenerate, delete."""
        t = self.renderer.theme
        link = f"{COPY_SCHEME}:"
        actions: list[str] = []
        siblings = self._conversation.siblings(message.id) if self._conversation else []
        if len(siblings) > 1 and message.id in siblings:
            index = siblings.index(message.id)
            older = f'<a href="{link}branch/{message.id}/-1">‹</a>' if index > 0 else "‹"
            newer = (
                f'<a href="{link}branch/{message.id}/1">›</a>' if index < len(siblings) - 1 else "›"
            )
            actions.append(
                f'<span style="font-size:large">{older} {index + 1}/{len(siblings)} {newer}</span>'
            )
        if message.role == "user":
            actions.append(f'<a href="{link}edit/{message.id}">Edit</a>')
        elif message.status is Status.DONE:
            actions.append(f'<a href="{link}retry/{message.id}">Regenerate</a>')
        actions.append(f'<a href="{link}delete/{message.id}">Delete</a>')
        return (
            f'<p style="color:{t.muted}; font-size:small; margin-top:2px">{" · ".join(actions)}</p>'
        )

    def _footer(self, message: Message) -> str:
        t = self.renderer.theme
        bits: list[str] = []
        if message.status is Status.STOPPED:
            bits.append("Stopped" + (f": {html.escape(message.error)}" if message.error else ""))
        elif message.status is Status.DONE and message.error:
            bits.append(html.escape(message.error))
        if message.usage and message.usage.completion_tokens is not None:
            bits.append(
                f"{message.usage.prompt_tokens or 0} → {message.usage.completion_tokens} tokens"
            )
        if (speed := message.tokens_per_second()) and message.status is not Status.FAILED:
            bits.append(f"{speed:.0f} tokens/s")
        footer = ""
        if bits:
            footer += (
                f'<p style="color:{t.muted}; font-size:small; margin-top:4px">'
                f"{' · '.join(bits)}</p>"
            )
        if message.status is Status.FAILED:
            footer += (
                f'<p style="color:{t.error}; margin-top:4px">⚠ {html.escape(message.error)} '
                f'<a href="{COPY_SCHEME}:retry/{message.id}">Retry</a></p>'
            )
        elif message.status is Status.STOPPED and message.role == "assistant":
            footer += (
                f'<p style="font-size:small"><a href="{COPY_SCHEME}:retry/{message.id}">'
                "Retry</a></p>"
            )
        return footer

    def _tail_html(self, message: Message, tail: str, live: _Live) -> str:
        t = self.renderer.theme
        if not message.text and message.reasoning:
            preview = message.reasoning[-600:]
            return (
                f'<p style="color:{t.muted}"><i>Thinking… '
                f"{html.escape(preview).replace(chr(10), ' ')}</i></p>"
            )
        if not tail:
            return "<p> </p>" if message.text else f'<p style="color:{t.muted}">…</p>'
        fence = live.splitter.open_fence(message.text)
        if fence is None:
            return self.renderer.render(tail)
        # An unclosed code block: text before it as Markdown, the code plainly (no highlighting
        # until it is complete, so each update stays cheap).
        before = message.text[live.rendered_upto : fence]
        code = message.text[fence:].partition("\n")[2]
        return (self.renderer.render(before) if before.strip() else "") + (
            f'<pre style="background:{t.code_bg}; padding:8px">{html.escape(code)}</pre>'
        )

    # ---- document plumbing ------------------------------------------------------------------
    def _new_frame(self, message: Message) -> QTextFrame:
        t = self.renderer.theme
        fmt = QTextFrameFormat()
        fmt.setPadding(8)
        fmt.setTopMargin(6)
        fmt.setBottomMargin(6)
        if message.role == "user":
            fmt.setBackground(QColor(t.user_bg))
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        frame = cursor.insertFrame(fmt)
        return frame

    def _fill(self, frame: QTextFrame, markup: str) -> None:
        cursor = frame.firstCursorPosition()
        cursor.beginEditBlock()
        cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setCharFormat(QTextCharFormat())
        cursor.insertHtml(markup)
        cursor.endEditBlock()

    @staticmethod
    def _select_tail(cursor: QTextCursor, live: _Live) -> None:
        cursor.setPosition(live.tail_start)
        cursor.setPosition(live.frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)

    def _insert_html(self, markup: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(markup)

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 24

    def scroll_to_bottom(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
