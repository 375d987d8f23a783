"""The transcript: one card per message, each rendered once; a streaming reply grows in place.

A streaming reply's card is built from pieces (gui/core/markdown_tail.py): each finished piece
is rendered once and appended, code streams line by line into its block and is highlighted
once the block closes (a long block is coloured in place, a few hundred of Pygments' tokens a
step), and only the tail (at most a few KB) is rendered again on an update.
Finishing a reply renders its tail and adds the action row: nothing is rendered twice.

The work is done in steps of about STEP_SECONDS, Qt's layout included: what a step leaves
(a stream arriving faster than it renders) waits for the next turn of the event loop, so the
window paints and answers between steps, and a reply ends (``reply_shown``) once it catches up.
Steps follow each other on a zero timer, after Qt's timers that are due (a queued call would
run two steps before them); while the view is behind, what the steps change is measured and
painted at most once a frame (FRAME_SECONDS), not after every step.
"""

from __future__ import annotations

import base64
import html
import json
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QRectF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from gui import math_render, thumbnails
from gui.core.conversation import Conversation, Message, Status
from gui.core.markdown_tail import (
    CodeClose,
    CodeLines,
    CodeOpen,
    LiveMarkdown,
    Markdown,
    Piece,
    plain_extension,
)
from gui.core.text import CONTEXT
from gui.core.tool_steps import ToolStep, segments
from gui.render import (
    CODE_INSET,
    COPY_SCHEME,
    FOLD_LINES,
    HIGHLIGHT_MAX,
    Renderer,
    first_lines,
    icon_img,
    is_safe_link,
    language_of,
)
from gui.theme import Theme, panel_marker
from gui.widgets.attachments import file_detail, file_icon
from gui.widgets.message_list import PAD, MessageList, Row

if TYPE_CHECKING:
    from gui.widgets.file_preview import FilePreview
    from gui.widgets.image_viewer import ImageViewer
from providers.files import PreparedFile
from providers.media import PreparedImage

IMAGE_SCHEME = "confab-image"
THUMB = thumbnails.SIZES[1] // 2  # a picture's width in the transcript (drawn from 2×)
FOLD_CHARS = 100_000
"""A finished message longer than this shows its start and a "Show all" link: laying out
megabytes at once would freeze the window (it streamed in, piece by piece, without that)."""
LONG_BLOCK = 4096
"""A paragraph streamed without a break goes on in a new block after this many characters:
Qt lays out a block whole on every change, so one ever-longer block costs ever more."""
STEP_CHARS, STEP_CHARS_MAX = 256, 4096
"""Least and most text handed to the splitter at a time (its pieces are rendered one by one)."""
STEP_SECONDS = 0.005
"""About how long one step may render before the rest waits for the next turn of the loop.
With Qt's layout and the paint that follows a step, 8 ms left a 5 ms timer up to 24-29 ms late
(p99 21-26 ms) on Markdown, long code and wide tables; 5 ms: p99 13-18 ms, at the same total."""
FRAME_SECONDS = 1 / 60
"""While the view is behind its stream, what its steps change is measured and painted at most
this often: painting after every 5 ms step took a third of the window's time on Markdown."""
SWAP_MAX = 2048
"""A closed code block up to this long is highlighted whole and put in its place (about 3 ms
a KB, and in C++ mostly); a longer one is coloured in place, token by token, over steps."""
EARLIER = "earlier"  # the key of the row that is not a message
MATH_REBUILD_MAX = 4096
"""A reply that streamed while the typesetter loaded is rendered again at its end (its early
formulas were shown as TeX) only up to this long: about 20 ms of Markdown. A longer one shows
them typeset the next time the chat is opened, rather than stall the window at its end."""
COPIED_MS = 2000  # how long a code block's Copy link says "Copied"
STEP_TEXT_MAX = 20_000  # characters of a tool result an opened card shows


@dataclass
class _Colouring:
    """A closed code block being coloured, a few hundred tokens a step."""

    start: int  # document position of the block's first character
    tokens: Iterator[tuple[int, Any, str]]  # Pygments': offset in the block, type, text
    done: int = 0  # coloured up to here

    def __post_init__(self) -> None:
        self.done = self.start


@dataclass
class _Live:
    """The streaming message: its card, its splitter and where in its document things are."""

    message: Message
    row: Row
    header: str  # as shown at the top of the card
    tail_start: int  # the tail, re-rendered each update, runs from here to the end
    base: int = 0  # where in the reply's text the live part begins: after its last tool call
    edited_from: int = 0  # the first position a step changed (painted again from there)
    splitter: LiveMarkdown = field(default_factory=LiveMarkdown)
    in_code: bool = False  # a code block is open where the next piece goes
    code_lines: int = 0  # lines of the open code block shown (up to FOLD_LINES)
    hidden_lines: int = 0  # and not shown
    code_start: int = -1  # where the open code block (with its label) starts
    code_text: int = -1  # and where its first line does
    joined: int = 0  # characters of the paragraph the last pieces continued
    codes: int = 0  # code blocks begun, numbered as a full render numbers its Copy links
    fed: int = 0  # text handed to the splitter so far (the rest waits for the next step)
    pending: deque[Piece] = field(default_factory=deque)  # finished, not appended yet
    colouring: deque[_Colouring] = field(default_factory=deque)  # closed blocks to colour
    scheduled: bool = False  # a step is due in the next turn of the event loop
    finishing: bool = False  # the stream ended: the step that catches up closes the card
    layout_share: float = 0.0  # Qt's layout time for a step, per second of rendering
    char_cost: float = 5e-6  # seconds a step takes per character it appends (Markdown: ~5 µs)
    shown_tail: str | None = None  # the tail's text as shown, when more can be appended to it
    shown_at: float = float("-inf")  # when a step's change was last shown (perf_counter)
    unshown: tuple[float, float] | None = None  # since then: where it changed, where text did


def error_text(message: Message) -> str:
    """Why a reply failed or stopped. A provider's error was kept in the language it was shown
    in; Confab's own fixed sentences (closed mid-reply, maximum length) are kept in English and
    translated here."""
    return QCoreApplication.translate(CONTEXT, message.error)


def reply_figures(message: Message) -> list[str]:
    """A reply's tokens and speed, as its footer and a comparison's column show them."""
    locale, bits = QLocale(), []
    usage = message.usage
    if usage is not None and usage.completion_tokens is not None:
        bits.append(
            QCoreApplication.translate("ChatView", "{prompt} → {completion} tokens").format(
                prompt=locale.toString(usage.prompt_tokens or 0),
                completion=locale.toString(usage.completion_tokens),
            )
        )
    if (speed := message.tokens_per_second()) and message.status is not Status.FAILED:
        speed_text = locale.toString(round(speed))
        bits.append(
            QCoreApplication.translate("ChatView", "{speed} tokens/s").format(speed=speed_text)
        )
    return bits


def _icon_link(href: str, name: str, label: str) -> str:
    """An icon action: room around the glyph inside the link (a 28 px target), its name as
    the tooltip the mouse and the keyboard both show."""
    return (
        f'<a href="{href}" title="{html.escape(label, quote=True)}" '
        f'style="text-decoration:none">&nbsp;{icon_img(name)}&nbsp;</a>'
    )


def _has_math(text: str) -> bool:
    """Whether ``text`` may hold a formula (a cheap test: rendering again decides)."""
    return "$" in text or "\\(" in text or "\\[" in text


def _size(piece: Piece) -> int:
    """Characters a piece renders."""
    if isinstance(piece, CodeClose):
        return len(piece.code)
    return len(piece.info if isinstance(piece, CodeOpen) else piece.text)


def _paragraph() -> QTextBlockFormat:
    """A fresh block with paragraph spacing: inserted HTML's first block merges into it."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(6)
    fmt.setBottomMargin(6)
    return fmt


class ChatView(MessageList):
    """Shows one conversation. Links act only on click or Enter, and open only http, https
    and mailto; everything else is one of Confab's own actions."""

    retry_requested = Signal(str)  # message id
    edit_requested = Signal(str)  # message id
    delete_requested = Signal(str)  # message id
    branch_requested = Signal(str, int)  # message id, -1 for the older sibling or +1
    earlier_requested = Signal()
    copied = Signal(str)  # what was copied, said to the user
    files_dropped = Signal(object)  # list[QUrl]
    image_dropped = Signal(QImage)
    reply_shown = Signal(str)  # message id: a streamed reply is shown whole, with its actions
    theme_changed = Signal()
    call_answered = Signal(str, str)  # a tool call's id, and allow, always or deny

    def __init__(self, theme: Theme, parent: QWidget | None = None, compact: bool = False) -> None:
        """``compact``: a compare column's view, whose messages are not the conversation's
        to change: only Copy actions, and no figures (the column shows them below)."""
        super().__init__(theme, parent)
        self.compact = compact
        self.setObjectName("compareText" if compact else "chatView")
        self.setAccessibleName(self.tr("Conversation"))
        self.setAcceptDrops(not compact)
        self.anchorClicked.connect(self._on_anchor)
        self.top_reached.connect(self._top_reached)
        self.renderer = Renderer(theme)
        self._messages: dict[str, Message] = {}
        self._expanded: set[str] = set()  # messages with their reasoning shown
        self._open_steps: set[str] = set()  # tool calls shown with arguments and result
        self.asking: set[str] = set()  # ids of calls that wait for the user's approval
        self._unfolded: set[str] = set()  # long messages shown whole
        self._live: _Live | None = None
        self._next_step = QTimer(self)  # a real zero timer: Qt's due timers run before it
        self._next_step.setSingleShot(True)
        self._next_step.setInterval(0)
        self._next_step.timeout.connect(self._step_on)
        self._frame = QTimer(self)  # shows what steps changed, at most once a frame
        self._frame.setSingleShot(True)
        self._frame.timeout.connect(self._show_change)
        self._conversation: Conversation | None = None
        self._places: dict[str, tuple[str, float] | None] = {}
        """Where each chat was left, by id: a row and how far into it, or None at the end."""
        self._asked_earlier = False
        self.viewer: ImageViewer | FilePreview | None = None  # the image opened large, if any
        self.opened_links: list[str] = []  # what the user opened, for the status bar and tests
        self._code_block = QTextBlockFormat()
        self._code_block.setNonBreakableLines(True)  # a long line scrolls sideways in its panel
        self._code_char = QTextCharFormat()
        self._code_char.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._muted_code_char = QTextCharFormat(self._code_char)
        self._token_formats: dict[Any, QTextCharFormat | None] = {}  # by Pygments token
        self._math_late = False  # the live reply showed formulas as TeX: render it again at end
        math_render.loader().loaded.connect(self._math_loaded)
        self._set_code_colours()

    def _set_code_colours(self) -> None:
        self._token_formats = {}
        self._muted_code_char.setForeground(QColor(self.renderer.theme.muted))
        self._code_block.setBackground(QColor(panel_marker(self.renderer.theme.code_bg)))
        self._code_block.setLeftMargin(CODE_INSET)
        self._code_block.setRightMargin(CODE_INSET)

    # ---- links -----------------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() != COPY_SCHEME:
            link = url.toString()
            if is_safe_link(link):
                self.opened_links.append(link)
                QDesktopServices.openUrl(url)
            return
        verb, _, arg = url.path().partition("/")
        message_id, _, rest = arg.partition("/")
        if verb == "retry":
            self.retry_requested.emit(arg)
        elif verb == "edit":
            self.edit_requested.emit(arg)
        elif verb == "delete":
            self.delete_requested.emit(arg)
        elif verb == "branch":
            self.branch_requested.emit(message_id, -1 if rest == "-1" else 1)
        elif verb == "copy":
            self._copy_code(message_id, rest)
        elif verb == "copytext":
            self._copy_message(message_id, markdown=False)
        elif verb == "copymd":
            self._copy_message(message_id, markdown=True)
        elif verb == "reasoning":
            self._expanded ^= {arg}
            self._rerender(arg)
        elif verb == "toolstep":  # arg: message id / call id
            self._open_steps ^= {arg}
            if (message := self._messages.get(message_id)) is not None:
                self.tools_changed(message)
        elif verb == "unfoldcode":  # arg: message id / block number
            self.renderer.unfolded.add(arg)
            self._rerender(message_id)
        elif verb == "unfold":
            self._unfolded.add(arg)
            self._rerender(arg)
        elif verb in ("image", "file"):
            self._show_attachment(message_id, rest)
        elif verb == "earlier":
            self._ask_earlier()
        elif verb == "approve":  # arg: call id / allow, always or deny
            call_id, _, choice = arg.partition("/")
            self.call_answered.emit(call_id, choice)

    def _copy_code(self, message_id: str, number: str) -> None:
        message = self._messages.get(message_id)
        if message is None or not number.isdigit():
            return
        blocks = [
            block
            for piece, _ in segments(message.text, message.tools)
            for block in self.renderer.code_blocks(piece)
        ]
        if int(number) < len(blocks):
            QGuiApplication.clipboard().setText(blocks[int(number)])
            self.copied.emit(self.tr("Code copied"))
            self._say_copied(message_id, f"{COPY_SCHEME}:copy/{message_id}/{number}")

    def _say_copied(self, message_id: str, href: str) -> None:
        """The block's Copy link reads "Copied" for a moment, where the user looks. (Not in
        a reply still streaming: its card is being written at known positions.)"""
        row = self.row(message_id)
        if row is None or (self._live is not None and self._live.row is row):
            return
        link = next((link for link in self._links(row) if link.href == href), None)
        if link is None:
            return
        cursor = QTextCursor(self.document(row))
        cursor.setPosition(link.start)
        cursor.setPosition(link.end, QTextCursor.MoveMode.KeepAnchor)
        form = cursor.charFormat()
        cursor.insertText(self.tr("Copied ✓"), form)
        self.changed(row, self.following())
        QTimer.singleShot(COPIED_MS, self, lambda: self._rerender(message_id))

    def _copy_message(self, message_id: str, markdown: bool) -> None:
        message = self._messages.get(message_id)
        if message is None:
            return
        text = message.text
        if not markdown and message.role == "assistant":
            doc = QTextDocument()  # formulas as their TeX, not pictures
            doc.setHtml(Renderer(self.renderer.theme, typeset_math=False).render(text))
            text = doc.toPlainText().replace("\u2029", "\n").strip()
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(self.tr("Markdown copied") if markdown else self.tr("Text copied"))

    def _show_attachment(self, message_id: str, index: str) -> None:
        """Open attachment ``index`` of a message in its own window: an image large, a file's
        preview (with Save as…)."""
        message = self._messages.get(message_id)
        if message is None or not index.isdigit() or int(index) >= len(message.attachments):
            return
        attachment = message.attachments[int(index)]
        if isinstance(attachment, PreparedFile):
            from gui.widgets.file_preview import FilePreview  # on first use, not at start

            self.viewer = FilePreview(attachment, parent=self)
        else:
            from gui.widgets.image_viewer import ImageViewer

            self.viewer = ImageViewer(attachment, self)
        self.viewer.show()

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
            "MessageList#chatView, ChatView#chatView { border: 2px dashed palette(highlight); }"
            if shown
            else ""
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

    # ---- whole conversations ---------------------------------------------------------------
    def _math_loaded(self) -> None:
        """The typesetter is in: messages whose formulas were shown as TeX are rendered again
        (a streaming one when it ends)."""
        if not self.renderer.math_waiting:
            return
        self.renderer.math_waiting = False
        for message_id, message in list(self._messages.items()):
            if self._live is not None and self._live.message is message:
                self._math_late = True
            elif _has_math(message.text) and self.row(message_id) is not None:
                self.rebuild(message_id)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if (at := self.live_cursor()) is not None and at.intersects(QRectF(event.rect())):
            painter = QPainter(self.viewport())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.renderer.theme.accent))
            painter.drawRoundedRect(at, 2, 2)
            painter.end()

    def live_cursor(self) -> QRectF | None:
        """Where the streaming reply's cursor is drawn (after its last character, in view
        coordinates): a reply still coming in shows it is, never a frozen gap. Drawn, not
        written into the text, which the stream appends to; no timer makes it blink."""
        live = self._live
        if live is None or (index := self.index_of(live.row.key)) is None:
            return None
        doc = self.document(live.row)
        block = doc.lastBlock()
        layout = block.layout()
        if layout is None or layout.lineCount() == 0:
            return None
        line = layout.lineAt(layout.lineCount() - 1)
        top = doc.documentLayout().blockBoundingRect(block).top() + line.y()
        card = self._card(index)
        x = card.x() + PAD + line.x() + line.naturalTextWidth() + 3
        height = line.height() * 0.8
        return QRectF(x, card.y() + PAD + top + (line.height() - height) / 2, 7, height)

    def set_zoom(self, percent: int) -> None:
        """Text at ``percent`` of the application's font; what is shown is laid out again,
        the same place kept."""
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(font.pointSizeF() * percent / 100)
        if font == self.font():
            return
        self.setFont(font)
        self._show_again()

    def set_theme(self, theme: Theme) -> None:
        self.set_list_theme(theme)
        unfolded = self.renderer.unfolded
        self.renderer = Renderer(theme)
        self.renderer.unfolded = unfolded
        self._set_code_colours()
        self._show_again()  # in the new colours
        self.theme_changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        """A new language: every message again, its actions and labels in it."""
        if event.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("Conversation"))
            self.set_theme(self.renderer.theme)
        super().changeEvent(event)

    def _show_again(self) -> None:
        """Render the conversation shown again (a new theme or text size), at the same place."""
        if self._conversation is not None:
            place = self._anchor()
            self.show_conversation(self._conversation)
            if place is not None:
                self._settle(anchor=place)

    def show_conversation(self, conversation: Conversation) -> None:
        """Show the loaded part of a conversation's shown path, below a row that loads more
        when there is more (scrolling to the top does too)."""
        if self._conversation is not None and self._conversation.id != conversation.id:
            self._places[self._conversation.id] = None if self.following() else self._anchor()
        place = (
            self._places.get(conversation.id) if self._conversation is not conversation else None
        )
        self._messages.clear()
        self._live = None
        self._conversation = conversation
        self._asked_earlier = False
        rows = [self._message_row(message) for message in conversation.messages]
        if conversation.earlier:
            rows.insert(0, self._earlier_row(conversation))
        self.set_rows(rows)
        live = conversation.messages[-1] if conversation.messages else None
        if live is not None and live.status is Status.STREAMING:
            self._start_live(live)
        if place is not None and self.index_of(place[0]) is not None:
            self._settle(anchor=place)  # where the user left this chat, reading above its end
        else:
            self.scroll_to_bottom()

    def show_messages(self, messages: list[Message]) -> None:
        """Show messages outside of a conversation's tree (a compare column's prompt)."""
        self._messages.clear()
        self._live, self._conversation = None, None
        self.set_rows([self._message_row(message) for message in messages])
        self.scroll_to_bottom()

    def mark_found(self, query: str) -> bool:
        """Select where a chat search's words were found: the first word in the newest
        shown message that has them all. Whether one was found."""
        words = [word.casefold() for word in query.split()]
        if not words:
            return False
        for message in reversed(list(self._messages.values())):
            if all(word in message.text.casefold() for word in words):
                row = self.row(message.id)
                if row is None:
                    continue
                found = self.document(row).find(query.split()[0])
                if not found.isNull():
                    self.show_found(message.id, found)
                    return True
        return False

    def show_earlier(self, conversation: Conversation) -> None:
        """Add the page of earlier messages just loaded above what is shown, in place."""
        new = [m for m in conversation.messages if m.id not in self._messages]
        rows = [self._message_row(message) for message in new]
        self.remove_row(EARLIER)
        if conversation.earlier:
            rows.insert(0, self._earlier_row(conversation))
        self.insert_rows(0, rows)
        self._asked_earlier = False

    def _top_reached(self) -> None:
        if self.row(EARLIER) is not None:
            self._ask_earlier()

    def _ask_earlier(self) -> None:
        if not self._asked_earlier:
            self._asked_earlier = True
            self.earlier_requested.emit()

    # ---- single messages -------------------------------------------------------------------
    def add_message(self, message: Message) -> None:
        """Append a message; a streaming one becomes the live message."""
        follow = self.following()
        row = self._message_row(message)
        self.rows.append(row)
        self._invalidate(len(self.rows) - 1)
        if message.status is Status.STREAMING:
            self._start_live(message)
        self._settle(follow=follow or message.role == "user")

    def finish_message(self, message: Message) -> None:
        """Show a message for good: the live one once it has caught up with its stream (its
        tail rendered and its action row added, nothing else), any other by rendering it
        again. ``reply_shown`` says when the live one is shown whole."""
        live = self._live
        self._messages[message.id] = message
        if live is not None and live.message is message:
            live.finishing = True
            if not live.scheduled:
                self._step(live)
        elif self.row(message.id) is None:
            self.add_message(message)
        else:
            self._rerender(message.id)

    def _rerender(self, message_id: str) -> None:
        if self._live is None or self._live.message.id != message_id:
            self.rebuild(message_id)

    # ---- the live message ----------------------------------------------------------------------
    def _start_live(self, message: Message) -> None:
        row = self.row(message.id)
        if row is None:
            return
        if self._live is not None:  # one still catching up: show it whole first
            self._step(self._live, limited=False)
        doc = row.doc = self.new_document()
        header = self._header(message)
        self._add_tool_images(message, doc)
        # What came before the last tool call is finished: rendered once, its cards after it.
        base = min(len(message.text), max((step.at for step in message.tools), default=0))
        done, codes = self._reply_html(message, message.text[:base])
        doc.setHtml(header + done)
        row.width = -1
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(_paragraph(), QTextCharFormat())
        self._live = _Live(
            message,
            row,
            header,
            cursor.position(),
            base=base,
            splitter=LiveMarkdown(base),
            codes=codes,
            fed=base,
        )
        self.update_live(message)

    def tools_changed(self, message: Message) -> None:
        """A reply made a tool call, or one gave its result: show its cards again. A live
        reply starts its card over (a few times a reply: its text so far is rendered again,
        its cards in place above it)."""
        self._messages[message.id] = message
        live = self._live
        if live is not None and live.message is message:
            self._live = None
            self._start_live(message)
            if live.finishing:
                self.finish_message(message)
        elif self.row(message.id) is not None:
            self.rebuild(message.id)

    def update_live(self, message: Message) -> None:
        """Text arrived: show it, unless a step is already due (it will take the new text)."""
        live = self._live
        if live is not None and live.message is message and not live.scheduled:
            self._step(live)

    def _step(self, live: _Live, limited: bool = True) -> None:
        """Append what finished since the last step and render the tail again, spending about
        STEP_SECONDS (unless not ``limited``). A step that leaves text behind
        comes back in the next turn of the event loop, after what waits there (painting,
        input, the stream itself): a fast stream or a huge block never freezes the window,
        and each step costs what it takes, not what the reply has grown to."""
        live.scheduled = False
        if self._live is not live:  # another conversation is shown, or it was shown whole
            return
        text = live.message.text
        if self._extend_tail(live, text):
            return
        follow = self.following()
        live.edited_from = text_from = live.tail_start
        cursor = self._cut_tail(live)
        # Qt lays out what changed when the edit block ends: the share that took last time
        # is kept back from this step's rendering.
        began = time.perf_counter()
        deadline = began + STEP_SECONDS / (1 + live.layout_share) if limited else float("inf")
        appended = 0
        while True:  # at least one piece, so every step shows something
            if live.pending:
                piece = live.pending.popleft()
                self._append(cursor, live, piece)
                appended += _size(piece)
            elif live.fed < len(text):  # scanning is cheap: rendering is what is timed
                # The splitter joins what a slice finishes into one piece (one render): a
                # slice is as much as the time left renders, at the cost per character so far.
                left = max(0.0, deadline - time.perf_counter())
                chars = int(min(STEP_CHARS_MAX, max(STEP_CHARS, left / live.char_cost)))
                live.fed = min(len(text), live.fed + chars)
                live.pending.extend(live.splitter.feed(text, live.fed))
                continue
            elif live.colouring:  # closed code blocks, once what arrived is shown
                self._colour(live, deadline)
            else:
                break
            if time.perf_counter() > deadline:
                break
        live.tail_start = cursor.position()
        behind = bool(live.pending or live.colouring) or live.fed < len(text)
        done = live.finishing and not behind
        if done:
            self._close_live(cursor, live)
        else:
            self._insert_tail(cursor, live, behind)
        rendered = time.perf_counter()
        cursor.endEditBlock()
        spent = time.perf_counter() - began
        live.layout_share = (live.layout_share + (spent - (rendered - began)) / spent) / 2
        if appended > STEP_CHARS:  # enough text for its cost per character to mean something
            live.char_cost = (live.char_cost + spent / appended) / 2
        if done:
            live.unshown = None
            self._frame.stop()
            self.changed(live.row, follow)
        else:  # colouring a closed block changed colours above the tail, not text
            edited, text_y = (self._y_of(live, at) for at in (live.edited_from, text_from))
            if live.unshown is not None:
                edited, text_y = min(edited, live.unshown[0]), min(text_y, live.unshown[1])
            live.unshown = (edited, text_y)
            wait = live.shown_at + FRAME_SECONDS - time.perf_counter()
            if wait <= 0 or not behind:
                self._show_change(live)
            elif not self._frame.isActive():
                self._frame.start(max(1, int(wait * 1000)))
        if done:
            self._live = None
            if self._math_late and _has_math(live.message.text):
                self._math_late = False
                if len(live.message.text) <= MATH_REBUILD_MAX:  # a longer one: when reopened
                    self.rebuild(live.message.id)  # its formulas, typeset now
            self.reply_shown.emit(live.message.id)
        elif behind:
            live.scheduled = True
            self._next_step.start()

    def _step_on(self) -> None:
        if self._live is not None and self._live.scheduled:
            self._step(self._live)

    def _show_change(self, live: _Live | None = None) -> None:
        """Measure and paint what the steps since the last frame changed in the live card."""
        live = live or self._live
        if live is None or live.unshown is None or live is not self._live:
            return
        self._frame.stop()
        edited, text_y = live.unshown
        live.unshown = None
        live.shown_at = time.perf_counter()
        self.changed(live.row, self.following(), edited, text_y)

    def _extend_tail(self, live: _Live, text: str) -> bool:
        """Append what arrived to the tail as it is, when that shows the same as rendering the
        tail again would: a line of code going on, or plain words (plain_extension). That is
        most updates at a reading pace; whether it was done."""
        shown = live.shown_tail
        if shown is None or live.pending or live.finishing or len(text) - live.fed > STEP_CHARS:
            return False
        live.fed = len(text)
        live.pending.extend(live.splitter.feed(text, live.fed))
        tail = live.splitter.tail(text)
        if live.pending:
            return False
        if live.in_code:
            added: str | None = tail[len(shown) :] if tail.startswith(shown) else None
        else:
            added = plain_extension(shown, tail)
        if added is None:
            return False
        follow = self.following()
        cursor = QTextCursor(self.document(live.row))
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if live.in_code:
            cursor.insertText(added, self._code_char)
        elif added:
            cursor.insertText(added)  # in the format of the words before it
        live.shown_tail = tail
        self.changed(live.row, follow, self._y_of(live, cursor.position()))
        return True

    def _colour(self, live: _Live, deadline: float) -> None:
        """Colour the oldest closed code block's tokens in place until ``deadline``: its text
        does not move, so nothing after it does, and a long block costs no single step."""
        job = live.colouring[0]
        cursor = QTextCursor(self.document(live.row))
        live.edited_from = min(live.edited_from, job.done)
        for count, (index, token, value) in enumerate(job.tokens, 1):
            fmt = self._token_format(token)
            if fmt is not None and value:
                cursor.setPosition(job.start + index)
                cursor.setPosition(job.start + index + len(value), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)
            if count % 64 == 0 and time.perf_counter() > deadline:
                job.done = job.start + index + len(value)
                return
        live.colouring.popleft()

    def _token_format(self, token: Any) -> QTextCharFormat | None:
        """How a Pygments token looks in this theme (None: as plain code)."""
        if token not in self._token_formats:
            style, fmt = self.renderer.token_style(token), QTextCharFormat()
            if style["color"]:
                fmt.setForeground(QColor("#" + style["color"]))
            if style["bold"]:
                fmt.setFontWeight(QFont.Weight.Bold)
            if style["italic"]:
                fmt.setFontItalic(True)
            self._token_formats[token] = None if fmt.isEmpty() else fmt
        return self._token_formats[token]

    def _y_of(self, live: _Live, position: int) -> float:
        """Where the block holding ``position`` starts in the live card (what changed)."""
        doc = self.document(live.row)
        return doc.documentLayout().blockBoundingRect(doc.findBlock(position)).y()

    def _cut_tail(self, live: _Live) -> QTextCursor:
        """Remove the tail; the cursor is where it was, in an edit block."""
        doc = self.document(live.row)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.setPosition(live.tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        # What the tail made of this block (a heading, a list item) goes with it.
        if (current := cursor.currentList()) is not None:
            current.remove(cursor.block())
        self._reset_block(cursor, code=live.in_code)
        return cursor

    def _reset_block(self, cursor: QTextCursor, code: bool) -> None:
        """Make the cursor's block a plain paragraph, or a line of a code block."""
        if code:
            cursor.setBlockFormat(self._code_block)
            cursor.setCharFormat(self._code_char)
        else:
            cursor.setBlockFormat(_paragraph())
            cursor.setCharFormat(QTextCharFormat())

    def _append(self, cursor: QTextCursor, live: _Live, piece: Piece) -> None:
        message = live.message
        if isinstance(piece, Markdown):
            cursor.insertHtml(self.renderer.render(piece.text, message.id, live.codes))
            live.codes = self.renderer.next_code
            live.joined = live.joined + len(piece.text) if piece.joins else 0
            if live.joined > LONG_BLOCK:  # Qt lays a block out whole: go on in a new one
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                live.joined = 0
            elif piece.joins:
                cursor.insertText(" " if piece.text[-1:].isspace() else "")
            else:
                cursor.insertBlock(_paragraph(), QTextCharFormat())
        elif isinstance(piece, CodeOpen):
            live.in_code, live.code_start = True, cursor.position()
            live.code_lines = live.hidden_lines = 0
            label = self.renderer.code_label(language_of(piece.info), f"{message.id}/{live.codes}")
            if label:
                cursor.insertHtml(label)
                cursor.insertBlock(self._code_block, self._code_char)
            else:
                self._reset_block(cursor, code=True)
            live.code_text = cursor.position()
        elif isinstance(piece, CodeLines):  # shown up to FOLD_LINES, as a full render folds
            shown = first_lines(piece.text, FOLD_LINES - live.code_lines)
            if shown:
                cursor.insertText(shown, self._code_char)
            live.code_lines += shown.count("\n")
            live.hidden_lines += piece.text.count("\n", len(shown))
        elif isinstance(piece, CodeClose):
            live.in_code = False
            if len(piece.code) <= SWAP_MAX:  # highlighted whole, in its place: a few ms
                live.edited_from = min(live.edited_from, live.code_start)
                cursor.setPosition(live.code_start, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                self._reset_block(cursor, code=False)
                copy = f"{message.id}/{live.codes}"
                code = piece.code.removesuffix("\n")
                cursor.insertHtml(self.renderer.code(code, language_of(piece.info), copy))
                cursor.insertBlock(_paragraph(), QTextCharFormat())
            else:  # it stays as it streamed, and is coloured in steps
                self._reset_block(cursor, code=False)
                self._fold_note(cursor, live.hidden_lines, f"{message.id}/{live.codes}")
                if len(piece.code) <= HIGHLIGHT_MAX:
                    shown = first_lines(piece.code, FOLD_LINES).removesuffix("\n")
                    tokens = self.renderer.tokens(shown, language_of(piece.info))
                    live.colouring.append(_Colouring(live.code_text, tokens))
            live.codes += 1

    def _fold_note(self, cursor: QTextCursor, hidden: int, copy: str = "") -> None:
        """Under a code block shown in part: how many lines are not shown (when any are)."""
        if hidden:
            cursor.insertHtml(self.renderer.folded_lines(hidden, copy))
            cursor.insertBlock(_paragraph(), QTextCharFormat())

    def _insert_tail(self, cursor: QTextCursor, live: _Live, behind: bool) -> None:
        """The part of the reply not finished yet. Behind the stream, only an open code
        block's line is shown: the rest waits to be rendered once, when the view catches up."""
        message, t = live.message, self.renderer.theme
        live.shown_tail = None
        if live.pending:  # pieces wait before it: no tail yet
            return
        tail = live.splitter.tail(message.text, live.fed)
        if live.in_code and live.hidden_lines:
            more = self.tr("… {count} more lines").format(
                count=QLocale().toString(live.hidden_lines)
            )
            cursor.insertText(more, self._muted_code_char)
        elif live.in_code:
            cursor.insertText(tail, self._code_char)
            live.shown_tail = tail
        elif behind:
            pass
        elif len(message.text) == live.base and message.reasoning:
            preview = html.escape(message.reasoning[-600:]).replace("\n", " ")
            thinking = self.tr("Thinking…")
            cursor.insertHtml(f'<p style="color:{t.muted}"><i>{thinking} {preview}</i></p>')
        elif tail.strip():
            # Without the newline after its last tag, which Qt would show as a space.
            cursor.insertHtml(self.renderer.render(tail).rstrip())
            live.shown_tail = tail
        elif len(message.text) == live.base:  # nothing written yet, or since its last call
            cursor.insertHtml(f'<p style="color:{t.muted}">…</p>')

    def _close_live(self, cursor: QTextCursor, live: _Live) -> None:
        """The stream ended and every piece is shown: render the tail for good, add the
        footer and the action row, and what only the end knows to the header."""
        message = live.message
        tail = live.splitter.tail(message.text)
        if live.in_code:  # a block the reply left open
            hidden = live.hidden_lines + (live.code_lines >= FOLD_LINES and bool(tail))
            if tail and not hidden:
                cursor.insertText(tail, self._code_char)
                cursor.insertBlock(_paragraph(), QTextCharFormat())
            else:  # the empty line after the last one shown goes
                self._reset_block(cursor, code=False)
                self._fold_note(cursor, hidden)
            cursor.setCharFormat(QTextCharFormat())
        elif tail.strip():
            cursor.insertHtml(self.renderer.render(tail, message.id, live.codes).rstrip())
            cursor.insertBlock(_paragraph(), QTextCharFormat())
        cursor.insertHtml(self._footer(message) + self._actions(message))
        if (header := self._header(message)) != live.header:  # the reasoning's length
            # An edit at the top lays the whole card out again: only when there is one.
            top = QTextCursor(cursor.document())
            top.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            top.removeSelectedText()
            top.insertHtml(header)

    # ---- rows ------------------------------------------------------------------------------
    def _message_row(self, message: Message) -> Row:
        self._messages[message.id] = message
        text = message.text[:FOLD_CHARS]
        return Row(
            message.id,
            "user" if message.role == "user" else "assistant",
            partial(self._fill_message, message),
            chars=len(text) + (len(message.attachments) and 400),
            lines=min(text.count("\n"), 5000) + (THUMB // 16 if message.attachments else 0),
        )

    def _earlier_row(self, conversation: Conversation) -> Row:
        def fill(doc: QTextDocument) -> None:
            text = self.tr("Show earlier messages ({count})").format(
                count=QLocale().toString(len(conversation.earlier))
            )
            doc.setHtml(f'<p align="center"><a href="{COPY_SCHEME}:earlier/">{text}</a></p>')

        return Row(EARLIER, "note", fill)

    def _fill_message(self, message: Message, doc: QTextDocument) -> None:
        for index, attachment in enumerate(message.attachments):
            if not isinstance(attachment, PreparedImage):
                continue
            doc.addResource(  # made when it was attached, off this thread (gui/thumbnails.py)
                QTextDocument.ResourceType.ImageResource,
                QUrl(f"{IMAGE_SCHEME}:{message.id}/{index}"),
                thumbnails.get(attachment.data, thumbnails.SIZES[1]),
            )
        self._add_tool_images(message, doc)
        doc.setHtml(self._message_html(message))

    # ---- html -----------------------------------------------------------------------------
    def _stamp(self, message: Message) -> str:
        """When a message was written: the time, and the date when not today."""
        when = QDateTime.fromSecsSinceEpoch(int(message.started))
        locale = QLocale()
        stamp = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
        if when.date() != QDateTime.currentDateTime().date():
            stamp = locale.toString(when.date(), QLocale.FormatType.ShortFormat) + " " + stamp
        return stamp

    def _header(self, message: Message) -> str:
        """A reply's first line: its model as a small badge, the time, the reasoning's toggle.
        (The user's own messages have none: the bubble says whose they are.)"""
        t = self.renderer.theme
        if message.role == "user":
            return ""
        who = html.escape(message.model) if message.model else self.tr("Assistant")
        bits = [f'<span style="color:{t.text}; font-weight:600">{who}</span>']
        bits.append(self._stamp(message))
        answering = message.thought is not None  # the answer has begun: thinking is over
        if message.reasoning and (message.status is not Status.STREAMING or answering):
            arrow = "▾" if message.id in self._expanded else "▸"
            label = self._thought_label(message)
            bits.append(f'<a href="{COPY_SCHEME}:reasoning/{message.id}">{arrow} {label}</a>')
        return (
            f'<p style="color:{t.muted}; font-size:small; margin:0 0 2px 0">{" · ".join(bits)}</p>'
        )

    def _thought_label(self, message: Message) -> str:
        """ "Thought for 12 s" where the time was measured, else the reasoning's length."""
        if message.thought is not None:
            seconds = max(1, round(message.thought))
            return self.tr("Thought for %n s", "", seconds)
        words = QLocale().toString(len(message.reasoning.split()))
        return self.tr("Reasoning ({words} words)").format(words=words)

    def _add_tool_images(self, message: Message, doc: QTextDocument) -> None:
        """The pictures tool results gave, small, as resources of the message's document."""
        for step in message.tools:
            for n, (_mime, data) in enumerate(step.result.images if step.result else ()):
                try:
                    raw = base64.b64decode(data, validate=True)
                except ValueError:
                    continue  # a server's broken picture: the card still says what came
                picture = thumbnails.get(raw, THUMB)
                doc.addResource(
                    QTextDocument.ResourceType.ImageResource,
                    QUrl(f"{IMAGE_SCHEME}:tool/{message.id}/{step.call.id}/{n}"),
                    picture,
                )

    def _file_chips(self, message: Message) -> str:
        """A message's files, a rounded chip each: type icon, name (a link to its preview),
        pages or size. Names came from elsewhere: escaped, never markup."""
        t = self.renderer.theme
        panel = panel_marker(t.raised)
        chips = [
            f'<p style="background:{panel}; margin:0 {CODE_INSET}px 4px {CODE_INSET}px">'
            f"{icon_img(file_icon(a))} "
            f'<a href="{COPY_SCHEME}:file/{message.id}/{i}" '
            f'style="color:{t.text}; text-decoration:none">'
            f"<b>{html.escape(a.name)}</b></a> "
            f'<span style="color:{t.muted}">{html.escape(file_detail(a))}</span></p>'
            for i, a in enumerate(message.attachments)
            if isinstance(a, PreparedFile)
        ]
        return "".join(chips)

    def _tool_cards(self, message: Message, steps: list[ToolStep]) -> str:
        """Tool calls of the reply made at one point (``steps``) in one rounded panel, a line
        each: the tool, its server, how it went and how long it took; opened, its arguments and
        result (both from elsewhere: shown as plain text)."""
        if not steps:
            return ""
        t = self.renderer.theme
        panel = panel_marker(t.raised)
        lines = []
        inset = f"margin:0 {CODE_INSET}px 0 {CODE_INSET}px"
        first_pending = next((s for s in message.tools if s.result is None), None)

        def block(text: str) -> str:  # arguments or a result: from elsewhere, plain text
            return (
                f'<pre style="background:{panel}; white-space:pre-wrap; {inset}">'
                f"{html.escape(text)}</pre>"
            )

        for step in steps:
            call, result = step.call, step.result
            status = self._step_status(step, queued=result is None and step is not first_pending)
            bits = [html.escape(s) for s in (step.server, status) if s]
            if result is not None and result.seconds is not None:
                bits.append(self._duration(result.seconds))
            key = f"{message.id}/{call.id}"
            opened = key in self._open_steps
            toggle = self.tr("Hide") if opened else self.tr("Show")
            colour = t.error if result is not None and result.is_error else t.muted
            arguments = call.invalid or json.dumps(call.arguments, ensure_ascii=False, indent=2)
            waiting = result is None and call.id in self.asking
            lines.append(
                f'<p style="background:{panel}; {inset}">{icon_img("wrench")} '
                f"<b>{html.escape(call.name)}</b> "
                f'<span style="color:{colour}">{" · ".join(bits)}</span> '
                f'<a href="{COPY_SCHEME}:toolstep/{key}">{toggle}</a></p>'
            )
            if waiting:  # the question, in the card itself, with the arguments it is about
                answers = " · ".join(
                    f'<a href="{COPY_SCHEME}:approve/{call.id}/{choice}">{label}</a>'
                    for choice, label in (
                        ("allow", self.tr("Allow once")),
                        ("always", self.tr("Always allow this tool")),
                        ("deny", self.tr("Deny")),
                    )
                )
                lines.append(
                    block(arguments) + f'<p style="background:{panel}; {inset}">{answers}</p>'
                )
            if result is not None and result.images:  # a tool's pictures: always in view
                pictures = "".join(
                    f'<img src="{IMAGE_SCHEME}:tool/{key}/{n}" alt="{html.escape(call.name)}"> '
                    for n in range(len(result.images))
                )
                lines.append(f'<p style="background:{panel}; {inset}">{pictures}</p>')
            if not opened:
                continue
            shown = [] if waiting else [(self.tr("Arguments"), arguments)]  # shown above
            if result is not None:
                shown.append((self.tr("Result"), result.text[:STEP_TEXT_MAX]))
            for label, text in shown:
                lines.append(
                    f'<p style="background:{panel}; color:{t.muted}; {inset}">{label}</p>'
                    + block(text)
                )
        return "".join(lines) + '<p style="margin:0"></p>'

    def _duration(self, seconds: float) -> str:
        locale = QLocale()
        if seconds < 1:
            return self.tr("{ms} ms").format(ms=locale.toString(round(seconds * 1000)))
        return self.tr("{seconds} s").format(seconds=locale.toString(seconds, "f", 1))

    def _step_status(self, step: ToolStep, queued: bool = False) -> str:
        result = step.result
        if queued:
            return self.tr("next")
        if result is None and step.call.id in self.asking:
            return self.tr("waiting for your approval")
        if result is None:
            return self.tr("running…")
        return {
            "ok": self.tr("done"),
            "error": self.tr("failed"),
            "denied": self.tr("declined"),
            "timeout": self.tr("timed out"),
            "limit": self.tr("not run: step limit"),
        }.get(result.status, result.status)

    def _message_html(self, message: Message) -> str:
        t = self.renderer.theme
        parts = [self._header(message), self._file_chips(message)]
        if pictures := [(i, a) for i, a in enumerate(message.attachments)
                        if isinstance(a, PreparedImage)]:  # fmt: skip
            images = "".join(
                f'<a href="{COPY_SCHEME}:image/{message.id}/{i}">'
                f'<img src="{IMAGE_SCHEME}:{message.id}/{i}" '
                f'width="{thumbnails.get(a.data, thumbnails.SIZES[1]).width() // 2}" '
                f'alt="{html.escape(a.name)}"></a> '
                for i, a in pictures
            )
            parts.append(f"<p>{images}</p>")
        if message.reasoning and message.id in self._expanded:
            parts.append(
                f'<blockquote style="color:{t.muted}">'
                f"{self.renderer.plain(message.reasoning)}</blockquote>"
            )
        text = message.text
        folded = len(text) > FOLD_CHARS and message.id not in self._unfolded
        if folded:
            text = text[: text.rfind("\n", 0, FOLD_CHARS) + 1 or FOLD_CHARS]
        if message.role == "user":
            parts.append(self.renderer.plain(text))
        else:
            parts.append(self._reply_html(message, text)[0])
        if folded:
            size = QLocale().formattedDataSize(len(message.text.encode()))
            label = self.tr("Show the whole message ({size})").format(size=size)
            parts.append(f'<p><a href="{COPY_SCHEME}:unfold/{message.id}">{label}</a></p>')
        parts.append(self._footer(message))
        parts.append(self._actions(message))
        return "".join(parts)

    def _reply_html(self, message: Message, text: str) -> tuple[str, int]:
        """A reply's ``text`` (all of it, or the part shown) rendered with its tool calls'
        cards where they were made; calls made past ``text`` go after it. And how many code
        blocks it has (the next one's number)."""
        parts = []
        code = 0  # code blocks are numbered across the pieces, as Copy finds them
        for piece, steps in segments(text, [s for s in message.tools if s.at <= len(text)]):
            if piece.strip():
                parts.append(self.renderer.render(piece, message.id, code))
                code = self.renderer.next_code
            parts.append(self._tool_cards(message, steps))
        parts.append(self._tool_cards(message, [s for s in message.tools if s.at > len(text)]))
        return "".join(parts), code

    def _actions(self, message: Message) -> str:
        """The action row, quiet icons with their names as tooltips: branch switcher, copy,
        edit or regenerate, delete; under the user's bubble, on its right, with the time."""
        t = self.renderer.theme
        link = f"{COPY_SCHEME}:"
        actions: list[str] = []
        siblings = self._conversation.siblings(message.id) if self._conversation else []
        if len(siblings) > 1 and message.id in siblings:
            index = siblings.index(message.id)
            older = self.tr("Previous version")
            newer = self.tr("Next version")
            actions.append(
                (
                    _icon_link(f"{link}branch/{message.id}/-1", "chevron-left", older)
                    if index > 0
                    else icon_img("chevron-left", "border")
                )
                + f"{index + 1}/{len(siblings)}"
                + (
                    _icon_link(f"{link}branch/{message.id}/1", "chevron-right", newer)
                    if index < len(siblings) - 1
                    else icon_img("chevron-right", "border")
                )
            )
        verbs: list[tuple[str, str, str]] = []
        if message.text:
            verbs.append(("copytext", "copy", self.tr("Copy")))
            if message.role == "assistant":
                verbs.append(("copymd", "file-text", self.tr("Copy Markdown")))
        if not self.compact:  # a compare column leaves changing the tree to the conversation
            if message.role == "user":
                verbs.append(("edit", "pencil", self.tr("Edit")))
            elif message.status is Status.DONE:
                verbs.append(("retry", "refresh-cw", self.tr("Regenerate")))
            verbs.append(("delete", "trash-2", self.tr("Delete")))
        actions += [
            _icon_link(f"{link}{verb}/{message.id}", name, label) for verb, name, label in verbs
        ]
        if message.role == "user":
            actions.insert(0, f'<span style="font-size:small">{self._stamp(message)}</span>')
            return (
                f'<p align="right" style="color:{t.muted}; margin-top:{2 * PAD + 2}px">'
                f"{'&nbsp;&nbsp;'.join(actions)}</p>"
            )
        return f'<p style="color:{t.muted}; margin-top:2px">{"&nbsp;&nbsp;".join(actions)}</p>'

    def _footer(self, message: Message) -> str:
        if self.compact:
            return ""  # the column's own line says how it went, with Stop
        t = self.renderer.theme
        bits: list[str] = []
        if message.status is Status.STOPPED:
            stopped = self.tr("Stopped")
            bits.append(
                stopped + (f": {html.escape(error_text(message))}" if message.error else "")
            )
        elif message.status is Status.DONE and message.error:
            bits.append(html.escape(error_text(message)))
        bits += reply_figures(message)
        footer = ""
        if bits:
            footer += (
                f'<p style="color:{t.muted}; font-size:small; margin-top:4px">'
                f"{' · '.join(bits)}</p>"
            )
        retry = self.tr("Retry")
        retry = f'<a href="{COPY_SCHEME}:retry/{message.id}">{retry}</a>'
        if message.status is Status.FAILED:  # a card: the view paints it rounded, in error_bg
            footer += (
                f'<p style="background:{panel_marker(t.error_bg)}; color:{t.error}; '
                f'margin:10px {CODE_INSET}px 14px {CODE_INSET}px">'
                f"{icon_img('circle-alert', 'error')}&nbsp; {html.escape(error_text(message))}"
                f" &nbsp;{retry}</p>"
            )
        elif message.status is Status.STOPPED and message.role == "assistant":
            footer += f'<p style="font-size:small">{retry}</p>'
        return footer
